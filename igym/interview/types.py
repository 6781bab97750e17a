"""Typed values the interview engine hands to pages, the CLI and tests (no ORM rows cross this line)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from igym.interview.sessions import SessionSummary
from igym.models import AnswerMetrics


@dataclass(frozen=True, slots=True)
class EngineLimits:
    """The limits the engine enforces on answers and sessions (from settings)."""

    pause_min_s: float = 1.0
    max_answer_seconds: float = 600.0
    max_answer_chars: int = 8000
    max_upload_bytes: int = 25 * 1024 * 1024
    inactivity_timeout: timedelta = timedelta(minutes=30)


@dataclass(frozen=True, slots=True)
class Turn:
    """One line of the conversation as the pages see it; `metrics` only on a candidate's answer."""

    order_index: int
    role: str  # "interviewer" | "candidate"
    kind: str | None  # question | follow_up | wrap_up | answer
    content: str
    audio_key: str | None
    metrics: AnswerMetrics | None
    created_at: datetime
    lead_in: str | None = None  # said before `content` (greeting, transition); the transcript shows `content`

    @property
    def spoken(self) -> str:
        """What the voice says: the lead-in, then the line itself."""
        return f"{self.lead_in} {self.content}" if self.lead_in else self.content


@dataclass(frozen=True, slots=True)
class InterviewState:
    """A session's conversation so far and whether it waits for an answer."""

    session: SessionSummary
    turns: tuple[Turn, ...]
    answered: int
    planned: int

    @property
    def awaiting_answer(self) -> bool:
        return self.session.status == "active" and bool(self.turns) and self.turns[-1].role == "interviewer"

    @property
    def current_prompt(self) -> str | None:
        """The line to speak now (lead-in and question), None when no answer is awaited."""
        return self.turns[-1].spoken if self.awaiting_answer else None

    @property
    def closing_line(self) -> str | None:
        """The wrap-up line of a completed interview, to be spoken once; None otherwise."""
        if self.session.status == "completed" and self.turns and self.turns[-1].kind == "wrap_up":
            return self.turns[-1].spoken
        return None


@dataclass(frozen=True, slots=True)
class TurnOutcome:
    """What answering did: the saved answer, the interviewer's reply, and whether the session completed."""

    answer: Turn
    reply: Turn
    completed: bool
