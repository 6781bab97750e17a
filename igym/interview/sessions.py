"""Interview sessions as the pages see them: create (within the daily limit), get, complete, history.

Every function takes the signed-in user's id and refuses other users' sessions with `NotFound`, the same
error as for an id that does not exist. Pages get `SessionSummary` values, never ORM rows.
"""

from __future__ import annotations

import math
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from igym import catalog
from igym.db import repository as repo
from igym.db.engine import Database
from igym.db.tables import InterviewSession, Metrics, utcnow
from igym.db.views import view_of
from igym.errors import InvalidInput, LimitReached, NotFound
from igym.guards.ids import NOT_YOUR_SESSION, session_id_of
from igym.interview.job_terms import MAX_POSTING_CHARS, job_terms, stored_terms


@dataclass(frozen=True, slots=True)
class SessionSummary:
    """One interview session as lists and pages show it."""

    id: uuid.UUID
    interview_type: str
    difficulty: str
    status: str
    use_resume: bool
    planned_questions: int | None
    created_at: datetime
    completed_at: datetime | None
    duration_s: int | None
    overall_score: float | None
    questions_answered: int | None
    job_terms: tuple[str, ...] = ()
    retry_of_message_id: uuid.UUID | None = None

    @property
    def type_label(self) -> str:
        return catalog.label(catalog.INTERVIEW_TYPES, self.interview_type)

    @property
    def difficulty_label(self) -> str:
        return catalog.label(catalog.DIFFICULTIES, self.difficulty)

    @property
    def status_label(self) -> str:
        return catalog.label(catalog.SESSION_STATUSES, self.status)


def summarise(record: InterviewSession, metrics: Metrics | None) -> SessionSummary:
    return view_of(
        SessionSummary,
        record,
        overall_score=metrics.overall_score if metrics else None,
        questions_answered=metrics.questions_answered if metrics else None,
        job_terms=tuple(stored_terms(record.job_terms)),
        retry_of_message_id=record.retry_of_message_id,
    )


class SessionService:
    """Creates (within the daily limit), reads, lists, finishes and deletes a user's interview sessions.

    Every call is scoped to the user and runs in its own transaction, so one instance serves every thread.
    """

    def __init__(self, db: Database, *, sessions_per_day: int) -> None:
        self._db = db
        self._sessions_per_day = sessions_per_day

    def create(
        self,
        *,
        user_id: uuid.UUID,
        interview_type: str,
        difficulty: str,
        use_resume: bool = False,
        now: datetime | None = None,
        check_limit: bool = True,
        job_description: str | None = None,
    ) -> SessionSummary:
        """Start a session; `now` is for tests with a fixed clock, `check_limit=False` for the CLI rehearsal.

        `job_description` is a pasted job posting: stored as typed (up to MAX_POSTING_CHARS) with its key
        terms (`igym.interview.job_terms`), which steer some questions and follow-ups; blank means none.

        Raises:
            InvalidInput: an unknown type or difficulty, or a resume asked for but not uploaded.
            LimitReached: the user started `sessions_per_day` sessions in the last 24 hours; the message says
                when the next one is possible.
            NotFound: the account no longer exists.

        Concurrency: the count and the insert happen in one transaction that first locks the user's row
        (`repo.lock_user_for_writing`), so simultaneous creates for one user (a double click, several tabs, a
        script) queue up and exactly `sessions_per_day` of them succeed, on SQLite and on Postgres alike.
        """
        if interview_type not in catalog.INTERVIEW_TYPES:
            raise InvalidInput("Pick one of the interview types shown.")
        if difficulty not in catalog.DIFFICULTIES:
            raise InvalidInput("Pick one of the difficulties shown.")
        posting = (job_description or "").strip()[:MAX_POSTING_CHARS] or None
        with self._db.session() as db:
            if not repo.lock_user_for_writing(db, user_id=user_id):
                raise NotFound("Your account no longer exists. Please sign up again.")
            if check_limit:
                self._check_daily_limit(db, user_id=user_id, now=now or utcnow())
            if use_resume and repo.get_resume(db, user_id=user_id) is None:
                raise InvalidInput("Upload your resume on the Resume page first, or start without it.")
            record = repo.create_session(
                db,
                user_id=user_id,
                interview_type=interview_type,
                difficulty=difficulty,
                use_resume=use_resume,
                planned_questions=catalog.PLANNED_EXCHANGES[difficulty],
                started_at=now,
                job_description=posting,
                job_terms=job_terms(posting) if posting else None,
            )
            return summarise(record, None)

    def _check_daily_limit(self, db: Session, *, user_id: uuid.UUID, now: datetime) -> None:
        """Started-or-completed sessions in a rolling 24 hours; the oldest one's anniversary frees a slot."""
        window = timedelta(days=1)
        recent = repo.session_start_times_since(db, user_id=user_id, since=now - window)
        if len(recent) < self._sessions_per_day:
            return
        frees_at = recent[self._sessions_per_day - 1] + window
        wait_min = max(1, math.ceil((frees_at - now).total_seconds() / 60))
        hours, minutes = divmod(wait_min, 60)
        wait = f"{hours} h {minutes:02d} min" if hours else f"{minutes} min"
        raise LimitReached(
            f"You've reached the limit of {self._sessions_per_day} sessions a day. "
            f"Your next session is possible in {wait}. Meanwhile, review your feedback from today."
        )

    def try_again(self, *, user_id: uuid.UUID, message_id: uuid.UUID, now: datetime | None = None) -> SessionSummary:
        """A one-question session asking the question of answer `message_id` again (same type and difficulty).

        A retry of a retry points at the first answer, so every attempt at a question lines up with the one
        it started from. Counts against the daily limit like any session.

        Raises:
            NotFound: the answer is not in one of this user's sessions.
            LimitReached: as `create`.
        """
        with self._db.session() as db:
            if not repo.lock_user_for_writing(db, user_id=user_id):
                raise NotFound("Your account no longer exists. Please sign up again.")
            answer = repo.get_answer(db, user_id=user_id, message_id=message_id)
            if answer is None or repo.question_of(db, answer=answer) is None:
                raise NotFound(NOT_YOUR_SESSION)
            origin = answer.session
            root = origin.retry_of_message_id
            if root is None or repo.get_answer(db, user_id=user_id, message_id=root) is None:
                root = answer.id
            self._check_daily_limit(db, user_id=user_id, now=now or utcnow())
            record = repo.create_session(
                db, user_id=user_id, interview_type=origin.interview_type, difficulty=origin.difficulty,
                planned_questions=1, started_at=now, retry_of_message_id=root,
                job_description=origin.job_description, job_terms=origin.job_terms,
            )
            return summarise(record, None)

    def get(self, *, user_id: uuid.UUID, session_id: uuid.UUID) -> SessionSummary:
        found = session_id_of(session_id)
        with self._db.session() as db:
            return _summary_or_not_found(db, repo.get_session(db, user_id=user_id, session_id=found))

    def complete(self, *, user_id: uuid.UUID, session_id: uuid.UUID) -> SessionSummary:
        found = session_id_of(session_id)
        with self._db.session() as db:
            return _summary_or_not_found(db, repo.complete_session(db, user_id=user_id, session_id=found))

    def history(self, *, user_id: uuid.UUID, limit: int | None = None) -> list[SessionSummary]:
        with self._db.session() as db:
            records = repo.list_sessions(db, user_id=user_id, limit=limit)
            metrics = repo.metrics_for_sessions(db, user_id=user_id)
            return [summarise(record, metrics.get(record.id)) for record in records]

    def abandon(self, *, user_id: uuid.UUID, session_id: uuid.UUID) -> SessionSummary:
        """End a session early; everything recorded so far is kept."""
        found = session_id_of(session_id)
        with self._db.session() as db:
            return _summary_or_not_found(db, repo.abandon_session(db, user_id=user_id, session_id=found))



def _summary_or_not_found(db: Session, record: InterviewSession | None) -> SessionSummary:
    """One message for a missing session and for someone else's: the caller learns nothing either way."""
    if record is None:
        raise NotFound(NOT_YOUR_SESSION)
    return summarise(record, repo.get_metrics(db, user_id=record.user_id, session_id=record.id))
