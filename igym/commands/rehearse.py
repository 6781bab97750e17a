"""A whole interview without a browser: the engine and providers the app uses, answers from files.

Used by `python -m igym rehearse` to try a configuration end to end (offline, or against Groq) and by the
tests. Answers are consumed in order; if the interviewer asks more than were given (follow-ups), the list
starts over, so the session always reaches its end — the report says how many were reused.
"""

from __future__ import annotations

import argparse
import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from igym import catalog
from igym.auth import validation
from igym.config import load_settings
from igym.db import repository as repo
from igym.db.answer_metrics import metrics_to_json
from igym.errors import InvalidInput
from igym.feedback.service import StoredFeedback
from igym.models import SessionMetrics, SessionScores
from igym.services import AppServices, build_services

AUDIO_SUFFIXES = {".wav", ".webm", ".ogg", ".opus", ".mp3", ".m4a", ".flac", ".mp4"}
REHEARSAL_EMAIL = "rehearsal@example.com"


@dataclass(frozen=True)
class Answer:
    """One answer `rehearse` gives: typed text or an audio file."""

    text: str | None = None
    audio: Path | None = None


def load_answers(path: Path) -> list[Answer]:
    """One answer per non-empty line of a text file, or each audio file of a folder in name order."""
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix.lower() in AUDIO_SUFFIXES)
        if not files:
            raise InvalidInput(f"{path} holds no audio files ({', '.join(sorted(AUDIO_SUFFIXES))}).")
        return [Answer(audio=p) for p in files]
    if not path.is_file():
        raise InvalidInput(f"{path} does not exist.")
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError:
        raise InvalidInput(f"{path} is not a UTF-8 text file with one answer per line.") from None
    answers = [Answer(text=line.strip()) for line in lines if line.strip()]
    if not answers:
        raise InvalidInput(f"{path} has no answers in it (one answer per line).")
    return answers


def rehearse(
    app: AppServices, *, interview_type: str, difficulty: str, answers: Sequence[Answer], email: str = REHEARSAL_EMAIL
) -> dict[str, Any]:
    user_id = _rehearsal_user(app, email)
    session = app.sessions.create(
        user_id=user_id, interview_type=interview_type, difficulty=difficulty, check_limit=False
    )
    state = app.engine.begin(user_id=user_id, session_id=session.id)
    exchanges: list[dict[str, Any]] = []
    given = 0
    while state.awaiting_answer and given < 50:
        question = state.current_prompt or ""
        answer = answers[given % len(answers)]
        if answer.audio is not None:
            outcome = app.engine.answer_audio(user_id=user_id, session_id=session.id, data=answer.audio.read_bytes())
        else:
            outcome = app.engine.answer_text(user_id=user_id, session_id=session.id, text=answer.text or "")
        given += 1
        exchanges.append(
            {
                "question": question,
                "kind": state.turns[-1].kind or "question",
                "answer": outcome.answer.content,
                "metrics": metrics_to_json(outcome.answer.metrics) if outcome.answer.metrics else None,
            }
        )
        state = app.engine.state(user_id=user_id, session_id=session.id)
    feedback = None
    if state.session.status == "completed":
        status = app.feedback.jobs.wait(session.id, timeout=app.settings.provider_timeout_s * 4)
        stored = app.feedback.view(user_id=user_id, session_id=session.id).feedback
        feedback = _feedback_json(stored, status.error) if stored else None
    with app.db.session() as db:
        totals = repo.get_metrics(db, user_id=user_id, session_id=session.id)
        metrics = _metrics_json(totals) if totals else None
    return {
        "session_id": str(session.id),
        "status": state.session.status,
        "exchanges": exchanges,
        "answers_reused": max(0, given - len(answers)),
        "metrics": metrics,
        "feedback": feedback,
    }


def _rehearsal_user(app: AppServices, email: str) -> uuid.UUID:
    clean = validation.normalise_email(email)
    with app.db.session() as db:
        user = repo.get_user_by_email(db, email=clean)
        if user is None:
            user = repo.create_user(db, email=clean, name="Rehearsal", password_hash=None)
        return user.id


# The session totals `aggregate_session` writes (every `SessionMetrics` field, so a new measure is printed
# as soon as it is stored), then the feedback's scores.
_TOTALS = (*(f.name for f in fields(SessionMetrics)), *(f"{f.name}_score" for f in fields(SessionScores)))


def _metrics_json(row: Any) -> dict[str, Any]:
    """The session's stored totals and scores, by column name (None where a session has none)."""
    return {name: getattr(row, name) for name in _TOTALS}


def _feedback_json(stored: StoredFeedback, job_error: str | None) -> dict[str, Any]:
    return {
        "summary": stored.summary,
        "scores": stored.scores.as_dict() if stored.scores else None,
        "strengths": [c.model_dump() for c in stored.strengths],
        "improvements": [c.model_dump() for c in stored.improvements],
        "suggestions": stored.suggestions,
        "answer_notes": [n.model_dump() for n in stored.answer_notes],
        "generated_by": stored.generated_by,
        "prompt_version": stored.prompt_version,
        "error": job_error,
    }


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("rehearse", help="run a whole interview with answers from a file or folder")
    parser.add_argument("--type", dest="interview_type", required=True, choices=list(catalog.INTERVIEW_TYPES))
    parser.add_argument("--difficulty", required=True, choices=list(catalog.DIFFICULTIES))
    parser.add_argument("--answers", required=True, type=Path, help="text file (one per line) or audio folder")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    answers = load_answers(args.answers)
    app = build_services(load_settings())
    try:
        report = rehearse(app, interview_type=args.interview_type, difficulty=args.difficulty, answers=answers)
    finally:
        app.db.engine.dispose()
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    for number, exchange in enumerate(report["exchanges"], start=1):
        print(f"{number}. Interviewer ({exchange['kind']}): {exchange['question']}")
        print(f"   You: {exchange['answer']}")
    totals = report["metrics"] or {}
    print(f"\nsession {report['session_id']}: {report['status']}, {len(report['exchanges'])} exchanges")
    if totals:
        print(
            f"words {totals['total_words']}, fillers {totals['total_filler_words']}, "
            f"pauses {totals['total_pauses']} (longest {totals['longest_pause_ms']} ms)"
        )
        print(_language_and_voice(totals))
    return 0


def _figure(value: float | None, unit: str = "", digits: int = 1) -> str:
    return "—" if value is None else f"{value:.{digits}f}{unit}"


def _language_and_voice(totals: dict[str, Any]) -> str:
    """The delivery totals on two lines: language (hedges, repeats, inclusive terms), then pace and voice."""
    return (
        f"hedges {_figure(totals['hedges_per_100_words'])} per 100 words, "
        f"repeated words or phrases {totals['repeated_phrases']}, non-inclusive terms {totals['inclusive_terms']}\n"
        f"pace across windows: fastest {_figure(totals['fastest_window_wpm'], ' WPM', 0)}, "
        f"spread {_figure(totals['pace_spread_wpm'], ' WPM', 0)}; "
        f"pitch spread {_figure(totals['pitch_sd_st'], ' st')}, "
        f"loudness spread {_figure(totals['loudness_sd_db'], ' dB')}, monotone answers {totals['monotone_answers']}"
    )
