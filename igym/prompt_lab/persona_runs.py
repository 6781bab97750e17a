"""Whole interviews with the simulated candidates, and a comparison of interviewer versions over them.

`run_persona` drives a real `InterviewEngine` with a persona's typed answers and returns the transcript.
`compare_versions` runs every persona once per version on its own throwaway SQLite database (so the Prompt
Lab never writes sessions into the app's database) and reports, per version: the repeat rate (interviewer
lines that repeat an earlier one, over all lines), how often a follow-up names something the candidate said,
the mean follow-up length, the mean time to the interviewer's reply, and how many persona checks held.
Version "rules" is the offline interviewer; any other is the follow-up prompt's version on the configured
chat model (a Prompt Lab draft or a packaged file). Runs are sequential, one engine per version; a provider
failure inside a run falls back to the offline line as in the app, so a run always completes.
"""

from __future__ import annotations

import tempfile
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from igym import catalog
from igym.db import migrate
from igym.db import repository as repo
from igym.db.engine import Database
from igym.errors import InvalidInput
from igym.interview.engine import InterviewEngine
from igym.interview.interviewer import Interviewer
from igym.interview.question_bank import QuestionBank
from igym.prompt_lab.personas import PERSONAS, Exchange, Persona, Transcript, run_checks
from igym.prompts import Prompt
from igym.providers.base import ChatModel, Transcriber
from igym.storage.local import LocalFileStore

MAX_ANSWERS = 40


def run_persona(
    engine: InterviewEngine,
    db: Database,
    persona: Persona,
    *,
    interview_type: str = "behavioral",
    difficulty: str = "standard",
    clock: Callable[[], float] = time.perf_counter,
) -> Transcript:
    """One whole interview of `persona` through `engine` (a fresh user on `db`); never raises for an answer."""
    with db.session() as s:
        user = repo.create_user(s, email=f"persona-{persona.name}-{uuid.uuid4().hex[:8]}@example.com",
                                name=None, password_hash=None)
        record = repo.create_session(s, user_id=user.id, interview_type=interview_type, difficulty=difficulty,
                                     planned_questions=catalog.PLANNED_EXCHANGES.get(difficulty, 6))
        user_id, session_id = user.id, record.id
    state = engine.begin(user_id=user_id, session_id=session_id)
    exchanges: list[Exchange] = []
    latencies: list[float] = []
    refused = given = 0
    while state.awaiting_answer and given < MAX_ANSWERS:
        asked = state.turns[-1]
        for _ in range(persona.silent_first):
            try:
                engine.answer_text(user_id=user_id, session_id=session_id, text="   ")
            except InvalidInput:
                refused += 1
        answer = persona.answers[given % len(persona.answers)]
        started = clock()
        engine.answer_text(user_id=user_id, session_id=session_id, text=answer)
        latencies.append((clock() - started) * 1000)
        given += 1
        exchanges.append(Exchange(asked.kind or "question", asked.content, asked.lead_in, answer))
        state = engine.state(user_id=user_id, session_id=session_id)
    last = state.turns[-1] if state.turns else None
    return Transcript(
        persona=persona.name,
        status=state.session.status,
        exchanges=tuple(exchanges),
        closing=last.content if last is not None and last.kind == "wrap_up" else None,
        refused=refused,
        latencies_ms=tuple(latencies),
    )


def _no_audio() -> Transcriber:
    raise InvalidInput("Persona runs use typed answers only.")


def isolated_engine(interviewer: Interviewer, workdir: Path) -> tuple[InterviewEngine, Database]:
    """An engine on its own SQLite file under `workdir`, for typed answers only."""
    db = Database.from_url(f"sqlite:///{workdir / 'personas.db'}")
    migrate.upgrade(db.engine)
    engine = InterviewEngine(db, bank=QuestionBank.load(), transcriber=_no_audio,
                             files=LocalFileStore(workdir / "files"), interviewer=interviewer)
    return engine, db


@dataclass(frozen=True, slots=True)
class PersonaRow:
    persona: str
    exchanges: int
    repeats: int
    follow_ups: int
    naming: int
    checks_passed: int
    checks_total: int
    failed_checks: tuple[str, ...]
    mean_follow_up_chars: float | None
    mean_latency_ms: float | None


@dataclass(frozen=True, slots=True)
class VersionSummary:
    version: str
    rows: tuple[PersonaRow, ...]
    transcripts: tuple[Transcript, ...] = field(default=(), repr=False)

    @property
    def repeat_rate(self) -> float:
        lines = sum(r.exchanges for r in self.rows)
        return sum(r.repeats for r in self.rows) / lines if lines else 0.0

    @property
    def naming_rate(self) -> float | None:
        follow_ups = sum(r.follow_ups for r in self.rows)
        return sum(r.naming for r in self.rows) / follow_ups if follow_ups else None

    @property
    def mean_follow_up_chars(self) -> float | None:
        lengths = [len(e.line) for t in self.transcripts for e in t.follow_ups]
        return sum(lengths) / len(lengths) if lengths else None

    @property
    def mean_latency_ms(self) -> float | None:
        values = [v for t in self.transcripts for v in t.latencies_ms]
        return sum(values) / len(values) if values else None

    @property
    def checks(self) -> tuple[int, int]:
        return sum(r.checks_passed for r in self.rows), sum(r.checks_total for r in self.rows)

    def to_json(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "repeat_rate": self.repeat_rate,
            "naming_rate": self.naming_rate,
            "mean_follow_up_chars": self.mean_follow_up_chars,
            "mean_latency_ms": self.mean_latency_ms,
            "checks": list(self.checks),
            "personas": [_row_json(r) for r in self.rows],
        }


def _row_json(row: PersonaRow) -> dict[str, Any]:
    return {name: getattr(row, name) for name in PersonaRow.__slots__}


def summarise(persona: Persona, transcript: Transcript) -> PersonaRow:
    checks = run_checks(persona, transcript)
    follow_ups = transcript.follow_ups
    latencies = transcript.latencies_ms
    return PersonaRow(
        persona=persona.name,
        exchanges=len(transcript.exchanges),
        repeats=transcript.repeats(),
        follow_ups=len(follow_ups),
        naming=transcript.naming_follow_ups(),
        checks_passed=sum(checks.values()),
        checks_total=len(checks),
        failed_checks=tuple(label for label, ok in checks.items() if not ok),
        mean_follow_up_chars=sum(len(e.line) for e in follow_ups) / len(follow_ups) if follow_ups else None,
        mean_latency_ms=sum(latencies) / len(latencies) if latencies else None,
    )


def run_version(
    interviewer: Interviewer,
    *,
    version: str,
    personas: Sequence[Persona] = PERSONAS,
    interview_type: str = "behavioral",
    difficulty: str = "standard",
    on_progress: Callable[[int, int, str], None] | None = None,
) -> VersionSummary:
    """Every persona through `interviewer`, on a throwaway database deleted afterwards."""
    rows: list[PersonaRow] = []
    transcripts: list[Transcript] = []
    with tempfile.TemporaryDirectory(prefix="igym-personas-") as folder:
        engine, db = isolated_engine(interviewer, Path(folder))
        try:
            for n, persona in enumerate(personas, start=1):
                transcript = run_persona(engine, db, persona, interview_type=interview_type, difficulty=difficulty)
                transcripts.append(transcript)
                rows.append(summarise(persona, transcript))
                if on_progress is not None:
                    on_progress(n, len(personas), f"{version}: {persona.name}")
        finally:
            db.engine.dispose()
    return VersionSummary(version=version, rows=tuple(rows), transcripts=tuple(transcripts))


def compare_versions(
    versions: Sequence[str],
    *,
    chat: ChatModel | None,
    resolve: Callable[[str], Prompt],
    interviewer_prompt: Prompt | None = None,
    interview_type: str = "behavioral",
    difficulty: str = "standard",
    on_progress: Callable[[int, int, str], None] | None = None,
) -> list[VersionSummary]:
    """Run the personas once per follow-up prompt version ("rules" = offline) and summarise each run.

    Raises:
        InvalidInput: a version other than "rules" without a chat model, or one `resolve` does not know.
    """
    summaries = []
    for version in versions:
        if version == "rules":
            interviewer = Interviewer()
        elif chat is None:
            raise InvalidInput(f"Version {version!r} needs the LLM; only 'rules' runs without a Groq key.")
        else:
            interviewer = Interviewer(chat, prompt=interviewer_prompt, followup_prompt=resolve(version))
        summaries.append(run_version(interviewer, version=version, interview_type=interview_type,
                                     difficulty=difficulty, on_progress=on_progress))
    return summaries


def render_comparison(summaries: Sequence[VersionSummary]) -> str:
    """A plain-text table: one block per version, a row per persona, the version's figures underneath."""
    out: list[str] = []
    for s in summaries:
        out.append(f"== {s.version}")
        out.append(f"{'persona':<16}{'exch':>5}{'rep':>5}{'f-ups':>6}{'named':>6}{'checks':>8}  failed")
        for r in s.rows:
            out.append(f"{r.persona:<16}{r.exchanges:>5}{r.repeats:>5}{r.follow_ups:>6}{r.naming:>6}"
                       f"{r.checks_passed:>5}/{r.checks_total:<2}  {', '.join(r.failed_checks)}")
        naming = "n/a" if s.naming_rate is None else f"{s.naming_rate:.0%}"
        length = "n/a" if s.mean_follow_up_chars is None else f"{s.mean_follow_up_chars:.0f} chars"
        latency = "n/a" if s.mean_latency_ms is None else f"{s.mean_latency_ms:.0f} ms"
        passed, total = s.checks
        out.append(f"repeat rate {s.repeat_rate:.1%} · follow-ups naming the answer {naming} · "
                   f"follow-up length {length} · reply latency {latency} · checks {passed}/{total}")
    return "\n".join(out)
