"""Saved transcripts to evaluate prompt versions on: recent completed sessions, or a fixtures JSON file.

From the database, "the N most recent" are the completed sessions with at least one answer, newest first
(by completion time), of one user (`email`) or of every user. Every user is the default on the command line
(the product team evaluates on real traffic) and the page's choice; the lab shows scores per transcript,
never the candidate's name or email. Answers saved without measurements (older demo data) are measured from
their text, as a typed answer would be.

A fixtures file is JSON: a list of ``{"key", "label", "interview_type", "difficulty", "exchanges": [{"question",
"kind", "answer"}]}``; each answer is measured with `analyze_text`. One ships in `fixtures/` so the lab works
on a fresh install.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from sqlalchemy import select

from igym import catalog
from igym.analysis.answer import analyze_text
from igym.auth import validation
from igym.db import repository as repo
from igym.db.engine import Database
from igym.db.tables import InterviewSession, Message
from igym.errors import InvalidInput, NotFound
from igym.feedback.types import Exchange

FIXTURES_PACKAGE = "igym.prompt_lab.fixtures"
FIXTURES_FILE = "feedback_transcripts.json"


@dataclass(frozen=True, slots=True)
class SavedTranscript:
    """One interview to run prompts over. `key` is the session id or the fixture's key."""

    key: str
    label: str
    interview_type: str
    difficulty: str
    exchanges: tuple[Exchange, ...]


class _FixtureExchange(BaseModel):
    model_config = ConfigDict(extra="forbid")
    question: str = Field(min_length=1)
    kind: str = Field(default="question", pattern="^(question|follow_up)$")
    answer: str = Field(min_length=1)


class _Fixture(BaseModel):
    model_config = ConfigDict(extra="forbid")
    key: str = Field(min_length=1, max_length=80)
    label: str = Field(min_length=1, max_length=200)
    interview_type: str
    difficulty: str
    exchanges: list[_FixtureExchange] = Field(min_length=1, max_length=12)


def load_fixtures(path: Path | None = None) -> list[SavedTranscript]:
    """Transcripts from a fixtures file (the packaged one when `path` is None).

    Raises:
        InvalidInput: the file is missing, is not JSON, or does not have the documented shape.
    """
    if path is None:
        raw = resources.files(FIXTURES_PACKAGE).joinpath(FIXTURES_FILE).read_text(encoding="utf-8")
        where = FIXTURES_FILE
    else:
        try:
            raw = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InvalidInput(f"Cannot read the fixtures file {path}: {exc.__class__.__name__}.") from None
        where = str(path)
    try:
        items = [_Fixture.model_validate(item) for item in json.loads(raw)]
    except (json.JSONDecodeError, TypeError) as exc:
        raise InvalidInput(f"The fixtures file {where} is not a JSON list of transcripts ({exc}).") from None
    except ValidationError as exc:
        first = exc.errors()[0]
        at = ".".join(str(p) for p in first["loc"])
        raise InvalidInput(f"The fixtures file {where} has a bad transcript ({at}: {first['msg']}).") from None
    if not items:
        raise InvalidInput(f"The fixtures file {where} holds no transcripts.")
    for item in items:
        if item.interview_type not in catalog.INTERVIEW_TYPES or item.difficulty not in catalog.DIFFICULTIES:
            raise InvalidInput(f"Transcript {item.key!r} in {where} has an unknown interview type or difficulty.")
    return [
        SavedTranscript(
            key=item.key,
            label=item.label,
            interview_type=item.interview_type,
            difficulty=item.difficulty,
            exchanges=tuple(
                Exchange(number=n, question=e.question, kind=e.kind, answer=e.answer, metrics=analyze_text(e.answer))
                for n, e in enumerate(item.exchanges, start=1)
            ),
        )
        for item in items
    ]


def recent_transcripts(database: Database, *, limit: int, email: str | None = None) -> list[SavedTranscript]:
    """The `limit` most recent completed sessions with answers, of the user with `email` or of everyone.

    Raises:
        InvalidInput: `limit` is below 1.
        NotFound: no account has `email`.
    """
    if limit < 1:
        raise InvalidInput("Evaluate on at least one session.")
    with database.session() as db:
        query = select(InterviewSession).where(InterviewSession.status == "completed")
        if email is not None:
            user = repo.get_user_by_email(db, email=validation.normalise_email(email))
            if user is None:
                raise NotFound(f"No account has the email {email.strip()}.")
            query = query.where(InterviewSession.user_id == user.id)
        query = query.order_by(InterviewSession.completed_at.desc(), InterviewSession.created_at.desc())
        found: list[SavedTranscript] = []
        for record in db.scalars(query.limit(limit * 3)):
            exchanges = exchanges_for_evaluation(record.messages)
            if exchanges:
                found.append(_saved(record, exchanges))
            if len(found) == limit:
                break
        return found


def exchanges_for_evaluation(messages: Sequence[Message]) -> tuple[Exchange, ...]:
    """Each answer with the line before it; answers saved without measurements are measured from their text."""
    out: list[Exchange] = []
    line, kind, qid = "", "question", None
    for message in messages:
        if message.role == "interviewer":
            line, kind, qid = message.content, message.kind or "question", message.question_id
        elif message.role == "candidate" and message.content.strip():
            metrics = message.metrics or analyze_text(message.content)
            out.append(Exchange(len(out) + 1, line, kind, message.content, metrics, question_id=qid))
    return tuple(out)


def _saved(record: InterviewSession, exchanges: tuple[Exchange, ...]) -> SavedTranscript:
    when = (record.completed_at or record.created_at).strftime("%d %b %Y %H:%M")
    label = (
        f"{when} · {catalog.label(catalog.INTERVIEW_TYPES, record.interview_type)} · "
        f"{catalog.label(catalog.DIFFICULTIES, record.difficulty)} · {len(exchanges)} answers"
    )
    return SavedTranscript(str(record.id), label, record.interview_type, record.difficulty, exchanges)
