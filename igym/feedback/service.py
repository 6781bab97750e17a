"""Feedback as the pages and the engine use it: generate, store, read (owner or consenting coach), rate.

Generation has two speeds. The rubric runs inside the transaction that completes a session (milliseconds,
no network), so every completed session has scores and feedback the moment it ends, even if the process dies
right after. When an LLM is configured, `FeedbackJobs` then rewrites the feedback in a background thread and
the page shows progress until it lands. A failure of that job leaves the rubric's feedback in place.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from igym.db import repository as repo
from igym.db.engine import Database
from igym.db.tables import Feedback, InterviewSession, Message, Metrics
from igym.db.views import view_of
from igym.errors import AccessDenied, InvalidInput, NotFound, ProviderUnavailable
from igym.feedback.exchanges import exchanges_of
from igym.feedback.jobs import FeedbackJobs
from igym.feedback.llm import LlmFeedbackWriter
from igym.feedback.rubric import RUBRIC_VERSION
from igym.feedback.rubric_text import rubric_feedback
from igym.feedback.types import AnswerNote, Claim, Exchange, FeedbackResult, Scores
from igym.guards.ids import NOT_YOUR_SESSION, parse_id, session_id_of
from igym.interview.sessions import SessionSummary, summarise
from igym.models import AnswerMetrics, SessionScores

log = logging.getLogger(__name__)

NOT_YOURS = NOT_YOUR_SESSION
NO_AI_WRITER = (
    "Regenerating needs an AI writer (set GROQ_API_KEY). Offline, this feedback is the measured rubric's, "
    "already written with the current version, so it would come out the same."
)
KEPT_PREVIOUS = "The AI feedback could not be rewritten just now ({why}); your previous feedback is kept. Try later."


@dataclass(frozen=True, slots=True)
class StoredFeedback:
    """A session's feedback as stored: text, scores, who wrote it and the rating."""

    summary: str
    scores: Scores | None
    strengths: list[Claim]
    improvements: list[Claim]
    suggestions: list[str]
    answer_notes: list[AnswerNote]
    rating: int | None
    generated_by: str
    prompt_version: str
    updated_at: datetime

    @property
    def by_ai(self) -> bool:
        return self.generated_by.startswith("llm:")

    @property
    def source_label(self) -> str:
        if self.by_ai:
            return f"AI feedback ({self.generated_by.removeprefix('llm:')}, prompt {self.prompt_version})"
        return f"Measured rubric ({self.prompt_version})"


@dataclass(frozen=True, slots=True)
class Delivery:
    """The session-level delivery numbers users compare from one session to the next."""

    fillers_per_minute: float | None
    words_per_minute: float | None
    pauses: float | None
    longest_pause_ms: float | None


@dataclass(frozen=True, slots=True)
class TranscriptItem:
    """One line of the feedback page's transcript: who said it, the text, and an answer's metrics and audio."""

    number: int
    question: str
    kind: str
    answer: str
    audio_key: str | None
    metrics: AnswerMetrics | None
    note: AnswerNote | None
    answer_id: uuid.UUID | None = None


@dataclass(frozen=True, slots=True)
class FeedbackView:
    """Everything the feedback page shows for one session."""

    session: SessionSummary
    feedback: StoredFeedback | None
    delivery: Delivery | None
    previous: Delivery | None  # the user's average over earlier completed sessions
    previous_sessions: int
    transcript: list[TranscriptItem]
    read_only: bool


class FeedbackService:
    """Rubric feedback at completion, LLM feedback in the background, ratings, the page; one per process."""

    def __init__(self, db: Database, *, writer: LlmFeedbackWriter | None = None, workers: int = 2) -> None:
        """`writer` is None offline: the rubric is then the only author and nothing runs in the background."""
        self._db = db
        self._writer = writer
        self.jobs = FeedbackJobs(
            lambda user_id, session_id: self.generate(user_id=user_id, session_id=session_id), workers=workers
        )

    @property
    def uses_ai(self) -> bool:
        return self._writer is not None

    @property
    def current_version(self) -> str:
        return self._writer.version if self._writer else RUBRIC_VERSION

    # --- writing ----------------------------------------------------------------------------------------

    def record_rubric(self, db: Session, record: InterviewSession, messages: Sequence[Message]) -> None:
        """Store the rubric's feedback and scores in the caller's transaction (the engine's completion).

        Never raises: completing a session must not depend on what a candidate said. If the feedback cannot
        be written (a bug meeting an unforeseen answer), the session completes without it, the error is
        logged, and the feedback page offers to write it again.
        """
        exchanges = exchanges_of(messages)
        if not exchanges:
            return
        try:
            with db.begin_nested():  # a failure rolls back only the feedback, never the answers
                self._store(db, record, rubric_feedback(exchanges))
        except Exception:
            log.exception("rubric feedback for session %s could not be stored; completing without it", record.id)

    def can_regenerate(self, feedback: StoredFeedback | None) -> bool:
        """Whether Regenerate could change anything.

        True when an AI writer is configured, or the stored feedback is missing or from another version.
        """
        return self._writer is not None or feedback is None or feedback.prompt_version != self.current_version

    def after_complete(self, *, user_id: uuid.UUID, session_id: uuid.UUID) -> None:
        """Called by the engine once a completed session is committed: start the AI rewrite, if any."""
        if self._writer is not None:
            self.jobs.start(user_id=user_id, session_id=session_id)

    def regenerate(self, *, user_id: uuid.UUID, session_id: uuid.UUID) -> bool:
        """Rewrite the feedback with the current author and prompt version (for example after a change).

        Returns True when the work runs in the background (an LLM is configured; poll `jobs.status`), False
        when it is already done (the rubric, which takes milliseconds).

        Raises:
            InvalidInput: the session is not completed, or offline with feedback already written by the
                current rubric (it would come out the same; the message says so).
        """
        session_id = session_id_of(session_id)
        with self._db.session() as db:
            record = self._owned(db, user_id, session_id)
            if record.status != "completed":
                raise InvalidInput("Feedback is written when an interview is completed.")
            row = repo.get_feedback(db, user_id=user_id, session_id=session_id)
            if self._writer is None and row is not None and row.prompt_version == self.current_version:
                raise InvalidInput(NO_AI_WRITER)
        if self._writer is None:
            self.generate(user_id=user_id, session_id=session_id)
            return False
        self.jobs.start(user_id=user_id, session_id=session_id)
        return True

    def generate(self, *, user_id: uuid.UUID, session_id: uuid.UUID) -> StoredFeedback:
        """(Re)write the feedback of a completed session with the current author; replaces the stored one.

        The slow LLM call happens outside any transaction; the result is stored in a short one afterwards.
        A failed LLM never replaces stored AI feedback with the rubric: it is kept and the error says why.

        Raises:
            NotFound: not this user's session.
            InvalidInput: the session is not completed, or has no answers.
            ProviderUnavailable: the AI failed; the AI feedback stored before is kept.
        """
        session_id = session_id_of(session_id)
        with self._db.session() as db:
            record = self._owned(db, user_id, session_id)
            if record.status != "completed":
                raise InvalidInput("Feedback is written when an interview is completed.")
            exchanges = exchanges_of(repo.list_messages(db, user_id=user_id, session_id=session_id))
            interview_type, difficulty = record.interview_type, record.difficulty
        if not exchanges:
            raise InvalidInput("This session has no answers to give feedback on.")
        result = self.write(exchanges, interview_type=interview_type, difficulty=difficulty)
        with self._db.session() as db:
            record = self._owned(db, user_id, session_id)
            previous = repo.get_feedback(db, user_id=user_id, session_id=session_id)
            if result.stats.fell_back and previous is not None and previous.generated_by != result.generated_by:
                raise ProviderUnavailable(KEPT_PREVIOUS.format(why=_why(result)))
            row = self._store(db, record, result)
            return _stored(row, self._scores(db, user_id, session_id))

    def write(self, exchanges: Sequence[Exchange], *, interview_type: str, difficulty: str) -> FeedbackResult:
        """Feedback for these exchanges with the current author, without storing it (also used by evaluations)."""
        rubric = rubric_feedback(exchanges)
        if self._writer is None:
            return rubric
        return self._writer.write(exchanges, interview_type=interview_type, difficulty=difficulty, rubric=rubric)

    def rate(self, *, user_id: uuid.UUID, session_id: uuid.UUID, rating: int) -> None:
        if rating not in range(1, 6):
            raise InvalidInput("Rate the feedback from 1 to 5.")
        session_id = session_id_of(session_id)
        with self._db.session() as db:
            row = repo.get_feedback(db, user_id=user_id, session_id=session_id)
            if row is None:
                raise NotFound("There is no feedback for that session yet.")
            row.helpfulness_rating = rating

    def _store(self, db: Session, record: InterviewSession, result: FeedbackResult) -> Feedback:
        """Save the draft and its scores; a rating is kept when the text it rated is unchanged."""
        draft = result.draft
        text = _text_of(draft.summary, [c.model_dump() for c in draft.strengths],
                        [c.model_dump() for c in draft.improvements], list(draft.suggestions),
                        [n.model_dump() for n in draft.answer_notes])
        existing = repo.get_feedback(db, user_id=record.user_id, session_id=record.id)
        rating = None
        if existing is not None and _text_of(existing.summary, existing.strengths, existing.improvements,
                                             existing.suggestions, existing.answer_notes) == text:
            rating = existing.helpfulness_rating
        scores = SessionScores(**draft.scores.as_dict())
        repo.save_metrics(db, user_id=record.user_id, session_id=record.id, scores=scores)
        row = repo.save_feedback(
            db,
            user_id=record.user_id,
            session_id=record.id,
            summary=draft.summary,
            strengths=[c.model_dump() for c in draft.strengths],
            improvements=[c.model_dump() for c in draft.improvements],
            suggestions=list(draft.suggestions),
            answer_notes=[n.model_dump() for n in draft.answer_notes],
            helpfulness_rating=rating,  # a rating belongs to the text it rated
            prompt_version=result.prompt_version,
            generated_by=result.generated_by,
        )
        if row is None:
            raise NotFound(NOT_YOURS)
        return row

    # --- reading ----------------------------------------------------------------------------------------

    def view(self, *, user_id: uuid.UUID, session_id: uuid.UUID) -> FeedbackView:
        """The whole feedback page of one of the user's sessions (any status; abandoned ones have no scores)."""
        session_id = session_id_of(session_id)
        with self._db.session() as db:
            return self._view(db, user_id, session_id, read_only=False)

    def view_as_coach(self, *, coach_id: uuid.UUID, candidate_id: uuid.UUID, session_id: uuid.UUID) -> FeedbackView:
        """A candidate's feedback page for a coach they granted access to; read-only, checked on every call.

        Raises:
            AccessDenied: the viewer is not a coach, or holds no current grant from this candidate (never
                granted, or revoked).
        """
        candidate = parse_id(candidate_id)
        with self._db.session() as db:
            coach = repo.get_user(db, user_id=coach_id)
            if (
                candidate is None
                or coach is None
                or coach.role != "coach"
                or not repo.coach_can_view(db, coach_id=coach.id, candidate_id=candidate)
            ):
                raise AccessDenied("This candidate hasn't given you access (or has revoked it).")
            return self._view(db, candidate, session_id_of(session_id), read_only=True)

    def _view(self, db: Session, user_id: uuid.UUID, session_id: uuid.UUID, *, read_only: bool) -> FeedbackView:
        record = self._owned(db, user_id, session_id)
        metrics = repo.get_metrics(db, user_id=user_id, session_id=session_id)
        row = repo.get_feedback(db, user_id=user_id, session_id=session_id)
        stored = _stored(row, _scores_of(metrics)) if row is not None else None
        notes = {n.answer: n for n in stored.answer_notes} if stored else {}
        messages = repo.list_messages(db, user_id=user_id, session_id=session_id)
        transcript = [view_of(TranscriptItem, e, note=notes.get(e.number)) for e in exchanges_of(messages)]
        previous, count = self._previous(db, user_id, record)
        return FeedbackView(
            session=summarise(record, metrics),
            feedback=stored,
            delivery=_delivery(metrics) if metrics else None,
            previous=previous,
            previous_sessions=count,
            transcript=transcript,
            read_only=read_only,
        )

    def _previous(self, db: Session, user_id: uuid.UUID, record: InterviewSession) -> tuple[Delivery | None, int]:
        earlier = [
            s.id
            for s in repo.list_sessions(db, user_id=user_id, statuses=["completed"])
            if s.id != record.id and s.created_at < record.created_at
        ]
        metrics = repo.metrics_for_sessions(db, user_id=user_id)
        rows = [metrics[i] for i in earlier if i in metrics]
        if not rows:
            return None, 0

        def mean(values: list[float | int | None]) -> float | None:
            present = [float(v) for v in values if v is not None]
            return sum(present) / len(present) if present else None

        return (
            Delivery(
                fillers_per_minute=mean([r.fillers_per_minute for r in rows]),
                words_per_minute=mean([r.avg_words_per_minute for r in rows]),
                pauses=mean([r.total_pauses for r in rows]),
                longest_pause_ms=mean([r.longest_pause_ms for r in rows]),
            ),
            len(rows),
        )

    def _owned(self, db: Session, user_id: uuid.UUID, session_id: uuid.UUID) -> InterviewSession:
        record = repo.get_session(db, user_id=user_id, session_id=session_id)
        if record is None:
            raise NotFound(NOT_YOURS)
        return record

    def _scores(self, db: Session, user_id: uuid.UUID, session_id: uuid.UUID) -> Scores | None:
        return _scores_of(repo.get_metrics(db, user_id=user_id, session_id=session_id))


def _text_of(summary: object, *parts: object) -> str:
    """What a reader sees of a feedback row, as one comparable string (scores and version aside)."""
    return json.dumps([summary, *parts], sort_keys=True, default=str)


def _scores_of(metrics: Metrics | None) -> Scores | None:
    if metrics is None or metrics.overall_score is None:
        return None
    return Scores(
        clarity=metrics.clarity_score or 1,
        structure=metrics.structure_score or 1,
        relevance=metrics.relevance_score or 1,
        confidence=metrics.confidence_score or 1,
        overall=metrics.overall_score,
    )


def _delivery(metrics: Metrics) -> Delivery:
    return Delivery(
        fillers_per_minute=metrics.fillers_per_minute,
        words_per_minute=metrics.avg_words_per_minute,
        pauses=metrics.total_pauses,
        longest_pause_ms=metrics.longest_pause_ms,
    )


def _why(result: FeedbackResult) -> str:
    """The writer's reason for falling back ("the AI model was unavailable"), from its note."""
    return next((n.split("(", 1)[1].split(")", 1)[0] for n in result.notes if "(" in n), "the AI model failed")


def _stored(row: Feedback, scores: Scores | None) -> StoredFeedback:
    return StoredFeedback(
        summary=row.summary or "",
        scores=scores,
        strengths=[Claim.model_validate(c) for c in row.strengths or []],
        improvements=[Claim.model_validate(c) for c in row.improvements or []],
        suggestions=[str(s) for s in row.suggestions or []],
        answer_notes=[AnswerNote.model_validate(n) for n in row.answer_notes or []],
        rating=row.helpfulness_rating,
        generated_by=row.generated_by or "rubric",
        prompt_version=row.prompt_version or "",
        updated_at=row.updated_at,
    )
