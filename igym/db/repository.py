"""Repository functions: every read and write the app makes, scoped to the signed-in user.

Rules that make the scoping hard to get wrong:

* Functions are keyword-only and take the SQLAlchemy `Session` as `db`; they never commit (the caller's
  `session_scope` does), so one unit of work can span several calls.
* Anything below a user (sessions, messages, metrics, feedback, resume) is reached **only** through a
  `user_id`: the session id alone finds nothing. Another user's session id gives `None`/`False`, exactly like
  an id that does not exist, so callers cannot even learn that it exists.
* Coach reads go through `coach_can_view`, which requires a *granted* row at the moment of the read.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from igym.db.tables import (
    CoachAccess,
    Feedback,
    InterviewSession,
    Message,
    Metrics,
    Resume,
    User,
    utcnow,
)

# --- users -------------------------------------------------------------------------------------------------


def create_user(
    db: Session,
    *,
    email: str,
    name: str | None,
    password_hash: str | None,
    auth_provider: str = "local",
    external_id: str | None = None,
    role: str = "candidate",
) -> User:
    user = User(
        email=email,
        name=name,
        password_hash=password_hash,
        auth_provider=auth_provider,
        external_id=external_id,
        role=role,
    )
    db.add(user)
    db.flush()
    return user


def get_user(db: Session, *, user_id: uuid.UUID) -> User | None:
    return db.get(User, user_id)


def get_user_by_email(db: Session, *, email: str) -> User | None:
    return db.scalar(select(User).where(User.email == email))


def update_onboarding(
    db: Session,
    *,
    user_id: uuid.UUID,
    target_role: str,
    interview_timeline: str,
    name: str | None = None,
    timezone: str | None = None,
) -> User | None:
    user = db.get(User, user_id)
    if user is None:
        return None
    user.target_role = target_role
    user.interview_timeline = interview_timeline
    user.onboarding_completed = True
    if name is not None:
        user.name = name
    if timezone is not None:
        user.timezone = timezone
    db.flush()
    return user


def delete_user(db: Session, *, user_id: uuid.UUID) -> bool:
    """Delete the user and, by cascade, everything they own. Returns False when there was no such user."""
    user = db.get(User, user_id)
    if user is None:
        return False
    db.delete(user)
    db.flush()
    return True


def audio_keys_of_user(db: Session, *, user_id: uuid.UUID) -> list[str]:
    """Storage keys of every answer recording and resume file the user owns (to delete them with the user)."""
    keys = db.scalars(
        select(Message.audio_key)
        .join(InterviewSession, Message.session_id == InterviewSession.id)
        .where(InterviewSession.user_id == user_id, Message.audio_key.is_not(None))
    ).all()
    resume_key = db.scalar(select(Resume.storage_key).where(Resume.user_id == user_id))
    return [k for k in [*keys, resume_key] if k]


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
) -> InterviewSession:
    now = started_at or utcnow()
    record = InterviewSession(
        user_id=user_id,
        interview_type=interview_type,
        difficulty=difficulty,
        use_resume=use_resume,
        planned_questions=planned_questions,
        interviewer_prompt_version=interviewer_prompt_version,
        started_at=now,
        last_activity_at=now,
        created_at=now,
    )
    db.add(record)
    db.flush()
    return record


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


# --- messages, metrics, feedback ---------------------------------------------------------------------------


def add_message(
    db: Session,
    *,
    user_id: uuid.UUID,
    session_id: uuid.UUID,
    role: str,
    content: str,
    **fields: Any,
) -> Message | None:
    """Append a message at the next `order_index`; None when the session is not this user's."""
    record = get_session(db, user_id=user_id, session_id=session_id)
    if record is None:
        return None
    next_index = db.scalar(
        select(func.coalesce(func.max(Message.order_index) + 1, 0)).where(Message.session_id == session_id)
    )
    created_at = fields.pop("created_at", None) or utcnow()
    message = Message(
        session_id=session_id, order_index=next_index or 0, role=role, content=content, created_at=created_at, **fields
    )
    db.add(message)
    record.last_activity_at = created_at
    db.flush()
    return message


def list_messages(db: Session, *, user_id: uuid.UUID, session_id: uuid.UUID) -> list[Message]:
    return list(
        db.scalars(
            select(Message)
            .join(InterviewSession, Message.session_id == InterviewSession.id)
            .where(Message.session_id == session_id, InterviewSession.user_id == user_id)
            .order_by(Message.order_index)
        ).all()
    )


def save_metrics(db: Session, *, user_id: uuid.UUID, session_id: uuid.UUID, **fields: Any) -> Metrics | None:
    """Create or update the session's metrics row; None when the session is not this user's."""
    record = get_session(db, user_id=user_id, session_id=session_id)
    if record is None:
        return None
    metrics = db.scalar(select(Metrics).where(Metrics.session_id == session_id))
    if metrics is None:
        metrics = Metrics(session_id=session_id)
        db.add(metrics)
    for key, value in fields.items():
        setattr(metrics, key, value)
    db.flush()
    return metrics


def get_metrics(db: Session, *, user_id: uuid.UUID, session_id: uuid.UUID) -> Metrics | None:
    return db.scalar(
        select(Metrics)
        .join(InterviewSession, Metrics.session_id == InterviewSession.id)
        .where(Metrics.session_id == session_id, InterviewSession.user_id == user_id)
    )


def save_feedback(db: Session, *, user_id: uuid.UUID, session_id: uuid.UUID, **fields: Any) -> Feedback | None:
    record = get_session(db, user_id=user_id, session_id=session_id)
    if record is None:
        return None
    feedback = db.scalar(select(Feedback).where(Feedback.session_id == session_id))
    if feedback is None:
        feedback = Feedback(session_id=session_id)
        db.add(feedback)
    for key, value in fields.items():
        setattr(feedback, key, value)
    db.flush()
    return feedback


def get_feedback(db: Session, *, user_id: uuid.UUID, session_id: uuid.UUID) -> Feedback | None:
    return db.scalar(
        select(Feedback)
        .join(InterviewSession, Feedback.session_id == InterviewSession.id)
        .where(Feedback.session_id == session_id, InterviewSession.user_id == user_id)
    )


def metrics_for_sessions(db: Session, *, user_id: uuid.UUID) -> dict[uuid.UUID, Metrics]:
    rows = db.scalars(
        select(Metrics)
        .join(InterviewSession, Metrics.session_id == InterviewSession.id)
        .where(InterviewSession.user_id == user_id)
    ).all()
    return {row.session_id: row for row in rows}


# --- resume ------------------------------------------------------------------------------------------------


def get_resume(db: Session, *, user_id: uuid.UUID) -> Resume | None:
    return db.scalar(select(Resume).where(Resume.user_id == user_id))


def upsert_resume(db: Session, *, user_id: uuid.UUID, **fields: Any) -> Resume:
    resume = get_resume(db, user_id=user_id)
    if resume is None:
        resume = Resume(user_id=user_id, **fields)
        db.add(resume)
    else:
        for key, value in fields.items():
            setattr(resume, key, value)
    db.flush()
    return resume


def delete_resume(db: Session, *, user_id: uuid.UUID) -> bool:
    result = db.execute(delete(Resume).where(Resume.user_id == user_id))
    return bool(getattr(result, "rowcount", 0))


# --- coach access ------------------------------------------------------------------------------------------


def grant_coach_access(db: Session, *, candidate_id: uuid.UUID, coach_email: str) -> CoachAccess:
    """Grant (or re-grant after a revoke) a coach access to this candidate's progress."""
    grant = db.scalar(
        select(CoachAccess).where(CoachAccess.candidate_id == candidate_id, CoachAccess.coach_email == coach_email)
    )
    coach = get_user_by_email(db, email=coach_email)
    now = utcnow()
    if grant is None:
        grant = CoachAccess(candidate_id=candidate_id, coach_email=coach_email, granted_at=now)
        db.add(grant)
    grant.status = "granted"
    grant.granted_at = now
    grant.revoked_at = None
    grant.coach_id = coach.id if coach else None
    db.flush()
    return grant


def revoke_coach_access(db: Session, *, candidate_id: uuid.UUID, coach_email: str) -> bool:
    grant = db.scalar(
        select(CoachAccess).where(
            CoachAccess.candidate_id == candidate_id,
            CoachAccess.coach_email == coach_email,
            CoachAccess.status == "granted",
        )
    )
    if grant is None:
        return False
    grant.status = "revoked"
    grant.revoked_at = utcnow()
    db.flush()
    return True


def list_coach_grants(db: Session, *, candidate_id: uuid.UUID) -> list[CoachAccess]:
    return list(
        db.scalars(
            select(CoachAccess).where(CoachAccess.candidate_id == candidate_id).order_by(CoachAccess.created_at)
        ).all()
    )


def list_candidates_for_coach(db: Session, *, coach_email: str) -> list[User]:
    return list(
        db.scalars(
            select(User)
            .join(CoachAccess, CoachAccess.candidate_id == User.id)
            .where(CoachAccess.coach_email == coach_email, CoachAccess.status == "granted")
            .order_by(User.email)
        ).all()
    )


def coach_can_view(db: Session, *, coach_email: str, candidate_id: uuid.UUID) -> bool:
    return (
        db.scalar(
            select(func.count())
            .select_from(CoachAccess)
            .where(
                CoachAccess.candidate_id == candidate_id,
                CoachAccess.coach_email == coach_email,
                CoachAccess.status == "granted",
            )
        )
        or 0
    ) > 0
