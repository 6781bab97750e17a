"""Interview sessions of one user: create, read, list, finish, expire, delete."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from igym.db.repository.rows import inserted
from igym.db.tables import (
    InterviewSession,
    Message,
    User,
    utcnow,
)

# --- sessions ----------------------------------------------------------------------------------------------


def create_session(
    db: Session,
    *,
    user_id: uuid.UUID,
    interview_type: str,
    difficulty: str,
    use_resume: bool = False,
    planned_questions: int | None = None,
    interviewer_prompt_version: str | None = None,
    started_at: datetime | None = None,
    job_description: str | None = None,
    job_terms: list[str] | None = None,
    retry_of_message_id: uuid.UUID | None = None,
) -> InterviewSession:
    now = started_at or utcnow()
    record = InterviewSession(
        user_id=user_id,
        interview_type=interview_type,
        difficulty=difficulty,
        use_resume=use_resume,
        planned_questions=planned_questions,
        interviewer_prompt_version=interviewer_prompt_version,
        job_description=job_description,
        job_terms=job_terms,
        retry_of_message_id=retry_of_message_id,
        started_at=now,
        last_activity_at=now,
        created_at=now,
    )
    return inserted(db, record)


def get_session(db: Session, *, user_id: uuid.UUID, session_id: uuid.UUID) -> InterviewSession | None:
    return db.scalar(
        select(InterviewSession).where(InterviewSession.id == session_id, InterviewSession.user_id == user_id)
    )


def list_sessions(
    db: Session,
    *,
    user_id: uuid.UUID,
    statuses: Sequence[str] | None = None,
    limit: int | None = None,
) -> list[InterviewSession]:
    """The user's sessions, newest first."""
    query = select(InterviewSession).where(InterviewSession.user_id == user_id)
    if statuses:
        query = query.where(InterviewSession.status.in_(statuses))
    query = query.order_by(InterviewSession.created_at.desc(), InterviewSession.id)
    if limit is not None:
        query = query.limit(limit)
    return list(db.scalars(query).all())


def lock_user_for_writing(db: Session, *, user_id: uuid.UUID) -> bool:
    """Hold the user's row for the rest of the transaction, so checks and writes about them run one at a time.

    A no-op UPDATE of the user's row is the one lock both databases take the same way: on Postgres it is a row
    lock that a second transaction for the same user waits on (other users are not held up); on SQLite it is
    the statement that opens the write transaction (the driver issues BEGIN only before a write), so the
    database's single write lock is taken *before* the count is read, and a second writer waits on the busy
    timeout instead of counting the same rows. Call it first in the transaction. Returns False when there is
    no such user.
    """
    result = db.execute(
        update(User)
        .where(User.id == user_id)
        .values(updated_at=User.updated_at)
        .execution_options(synchronize_session=False)
    )
    return bool(getattr(result, "rowcount", 0))


def session_start_times_since(db: Session, *, user_id: uuid.UUID, since: datetime) -> list[datetime]:
    """When each session started at or after `since` began, newest first (for the daily limit)."""
    return list(
        db.scalars(
            select(InterviewSession.started_at)
            .where(InterviewSession.user_id == user_id, InterviewSession.started_at >= since)
            .order_by(InterviewSession.started_at.desc())
        ).all()
    )


def completed_session_times(db: Session, *, user_id: uuid.UUID) -> list[datetime]:
    """When each completed session ended (for streaks), oldest first."""
    rows = db.scalars(
        select(InterviewSession.completed_at)
        .where(
            InterviewSession.user_id == user_id,
            InterviewSession.status == "completed",
            InterviewSession.completed_at.is_not(None),
        )
        .order_by(InterviewSession.completed_at)
    ).all()
    return [row for row in rows if row is not None]


def count_sessions_by_status(db: Session, *, user_id: uuid.UUID) -> dict[str, int]:
    rows = db.execute(
        select(InterviewSession.status, func.count())
        .where(InterviewSession.user_id == user_id)
        .group_by(InterviewSession.status)
    ).all()
    return {status: count for status, count in rows}


def _finish_session(
    db: Session, *, user_id: uuid.UUID, session_id: uuid.UUID, status: str, at: datetime | None
) -> InterviewSession | None:
    record = get_session(db, user_id=user_id, session_id=session_id)
    if record is None:
        return None
    if record.status != "active":
        return record  # finishing twice (a double click, a retry) changes nothing
    end = at or utcnow()
    record.status = status
    record.completed_at = end
    record.last_activity_at = end
    record.duration_s = max(0, int((end - record.started_at).total_seconds()))
    db.flush()
    return record


def complete_session(
    db: Session, *, user_id: uuid.UUID, session_id: uuid.UUID, completed_at: datetime | None = None
) -> InterviewSession | None:
    return _finish_session(db, user_id=user_id, session_id=session_id, status="completed", at=completed_at)


def abandon_session(
    db: Session, *, user_id: uuid.UUID, session_id: uuid.UUID, at: datetime | None = None
) -> InterviewSession | None:
    return _finish_session(db, user_id=user_id, session_id=session_id, status="abandoned", at=at)


def abandon_inactive_sessions(db: Session, *, user_id: uuid.UUID, idle_since: datetime) -> int:
    """Mark the user's active sessions with no activity since `idle_since` as abandoned; returns how many."""
    stale = db.scalars(
        select(InterviewSession).where(
            InterviewSession.user_id == user_id,
            InterviewSession.status == "active",
            InterviewSession.last_activity_at < idle_since,
        )
    ).all()
    for record in stale:
        _finish_session(db, user_id=user_id, session_id=record.id, status="abandoned", at=record.last_activity_at)
    return len(stale)


def recent_question_ids(
    db: Session, *, user_id: uuid.UUID, exclude_session_id: uuid.UUID | None = None, sessions: int = 5
) -> list[str]:
    """Bank question ids asked in the user's last few sessions, oldest first (to avoid repeating them)."""
    recent = select(InterviewSession.id).where(InterviewSession.user_id == user_id)
    if exclude_session_id is not None:
        recent = recent.where(InterviewSession.id != exclude_session_id)
    recent = recent.order_by(InterviewSession.created_at.desc()).limit(sessions)
    rows = db.execute(
        select(Message.question_id, InterviewSession.created_at, Message.order_index)
        .join(InterviewSession, Message.session_id == InterviewSession.id)
        .where(
            Message.session_id.in_(recent.scalar_subquery()),
            Message.kind == "question",
            Message.question_id.is_not(None),
        )
        .order_by(InterviewSession.created_at, Message.order_index)
    ).all()
    return [row[0] for row in rows if row[0] is not None]


def delete_session(db: Session, *, user_id: uuid.UUID, session_id: uuid.UUID) -> bool:
    result = db.execute(
        delete(InterviewSession).where(InterviewSession.id == session_id, InterviewSession.user_id == user_id)
    )
    return bool(getattr(result, "rowcount", 0))
