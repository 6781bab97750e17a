"""Interview sessions as the pages see them: create (within the daily limit), get, complete, history.

Every function takes the signed-in user's id and refuses other users' sessions with `NotFound`, the same
error as for an id that does not exist. Pages get `SessionSummary` values, never ORM rows.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from igym import catalog
from igym.db import repository as repo
from igym.db.engine import Database
from igym.db.tables import InterviewSession, Metrics, utcnow
from igym.errors import InvalidInput, LimitReached, NotFound


@dataclass(frozen=True, slots=True)
class SessionSummary:
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
    return SessionSummary(
        id=record.id,
        interview_type=record.interview_type,
        difficulty=record.difficulty,
        status=record.status,
        use_resume=record.use_resume,
        planned_questions=record.planned_questions,
        created_at=record.created_at,
        completed_at=record.completed_at,
        duration_s=record.duration_s,
        overall_score=metrics.overall_score if metrics else None,
        questions_answered=metrics.questions_answered if metrics else None,
    )


class SessionService:
    def __init__(self, db: Database, *, sessions_per_day: int) -> None:
        self._db = db
        self._sessions_per_day = sessions_per_day

    def create(
        self, *, user_id: uuid.UUID, interview_type: str, difficulty: str, use_resume: bool = False
    ) -> SessionSummary:
        if interview_type not in catalog.INTERVIEW_TYPES:
            raise InvalidInput("Pick one of the interview types shown.")
        if difficulty not in catalog.DIFFICULTIES:
            raise InvalidInput("Pick one of the difficulties shown.")
        with self._db.session() as db:
            since = utcnow() - timedelta(days=1)
            if repo.count_sessions_since(db, user_id=user_id, since=since) >= self._sessions_per_day:
                raise LimitReached(
                    f"You have started {self._sessions_per_day} sessions in the last 24 hours, the daily limit. "
                    "Review your feedback and come back tomorrow."
                )
            if use_resume and repo.get_resume(db, user_id=user_id) is None:
                raise InvalidInput("Upload a resume on your profile first, or start without it.")
            record = repo.create_session(
                db,
                user_id=user_id,
                interview_type=interview_type,
                difficulty=difficulty,
                use_resume=use_resume,
                planned_questions=catalog.PLANNED_EXCHANGES[difficulty],
            )
            return summarise(record, None)

    def get(self, *, user_id: uuid.UUID, session_id: uuid.UUID) -> SessionSummary:
        with self._db.session() as db:
            record = repo.get_session(db, user_id=user_id, session_id=session_id)
            if record is None:
                raise NotFound("That session doesn't exist or isn't yours.")
            return summarise(record, repo.get_metrics(db, user_id=user_id, session_id=session_id))

    def complete(self, *, user_id: uuid.UUID, session_id: uuid.UUID) -> SessionSummary:
        with self._db.session() as db:
            record = repo.complete_session(db, user_id=user_id, session_id=session_id)
            if record is None:
                raise NotFound("That session doesn't exist or isn't yours.")
            return summarise(record, repo.get_metrics(db, user_id=user_id, session_id=session_id))

    def history(self, *, user_id: uuid.UUID, limit: int | None = None) -> list[SessionSummary]:
        with self._db.session() as db:
            records = repo.list_sessions(db, user_id=user_id, limit=limit)
            metrics = repo.metrics_for_sessions(db, user_id=user_id)
            return [summarise(record, metrics.get(record.id)) for record in records]

    def abandon(self, *, user_id: uuid.UUID, session_id: uuid.UUID) -> SessionSummary:
        """End a session early; everything recorded so far is kept."""
        with self._db.session() as db:
            record = repo.abandon_session(db, user_id=user_id, session_id=session_id)
            if record is None:
                raise NotFound("That session doesn't exist or isn't yours.")
            return summarise(record, repo.get_metrics(db, user_id=user_id, session_id=session_id))
