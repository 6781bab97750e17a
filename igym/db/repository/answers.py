"""Messages, metrics and feedback, always reached through the owning user's session."""

from __future__ import annotations

import uuid
from dataclasses import asdict, dataclass, fields
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from igym.db.repository.rows import inserted
from igym.db.repository.sessions import get_session
from igym.db.tables import (
    Feedback,
    InterviewSession,
    Message,
    Metrics,
    Resume,
    utcnow,
)
from igym.models import AnswerMetrics, SessionMetrics, SessionScores

# --- messages, metrics, feedback ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NewMessage:
    """A message's own columns before it has a place in a session.

    `metrics` (a candidate answer's measurements) is stored once, as typed JSON; `follow_up_reason` names the
    rule behind an interviewer's follow-up; `lead_in` is what the interviewer says before a main question (a
    greeting, a transition), kept apart from the question itself.
    """

    role: str
    content: str
    kind: str | None = None
    question_id: str | None = None
    audio_key: str | None = None
    metrics: AnswerMetrics | None = None
    follow_up_reason: str | None = None
    lead_in: str | None = None

    def row(self, *, session_id: uuid.UUID, order_index: int) -> Message:
        """The unsaved `Message` row at `order_index` of `session_id` (no `created_at` yet)."""
        columns = {f.name: getattr(self, f.name) for f in fields(self)}
        return Message(session_id=session_id, order_index=order_index, **columns)


def add_message(
    db: Session,
    *,
    user_id: uuid.UUID,
    session_id: uuid.UUID,
    message: NewMessage,
    created_at: datetime | None = None,
) -> Message | None:
    """Append `message` at the next `order_index`; None when the session is not this user's."""
    record = get_session(db, user_id=user_id, session_id=session_id)
    if record is None:
        return None
    next_index = db.scalar(
        select(func.coalesce(func.max(Message.order_index) + 1, 0)).where(Message.session_id == session_id)
    )
    created_at = created_at or utcnow()
    row = message.row(session_id=session_id, order_index=next_index or 0)
    row.created_at = created_at
    record.last_activity_at = created_at
    return inserted(db, row)


def list_messages(db: Session, *, user_id: uuid.UUID, session_id: uuid.UUID) -> list[Message]:
    return list(
        db.scalars(
            select(Message)
            .join(InterviewSession, Message.session_id == InterviewSession.id)
            .where(Message.session_id == session_id, InterviewSession.user_id == user_id)
            .order_by(Message.order_index)
        ).all()
    )


def save_metrics(
    db: Session,
    *,
    user_id: uuid.UUID,
    session_id: uuid.UUID,
    totals: SessionMetrics | None = None,
    scores: SessionScores | None = None,
) -> Metrics | None:
    """Create or update the session's metrics row; None when the session is not this user's.

    `totals` (from the answers, at completion) and `scores` (from the feedback) are written each as a whole;
    the one not given is left as it is.
    """
    fields: dict[str, Any] = {}
    if totals is not None:
        fields.update(asdict(totals))
    if scores is not None:
        fields.update({f"{name}_score": value for name, value in asdict(scores).items()})
    return _upsert_session_row(db, Metrics, user_id=user_id, session_id=session_id, fields=fields)


def get_metrics(db: Session, *, user_id: uuid.UUID, session_id: uuid.UUID) -> Metrics | None:
    return db.scalar(
        select(Metrics)
        .join(InterviewSession, Metrics.session_id == InterviewSession.id)
        .where(Metrics.session_id == session_id, InterviewSession.user_id == user_id)
    )


def save_feedback(db: Session, *, user_id: uuid.UUID, session_id: uuid.UUID, **fields: Any) -> Feedback | None:
    """Create or update the session's feedback row; None when the session is not this user's."""
    return _upsert_session_row(db, Feedback, user_id=user_id, session_id=session_id, fields=fields)


_RowT = TypeVar("_RowT", Metrics, Feedback)


def _upsert_session_row(
    db: Session, table: type[_RowT], *, user_id: uuid.UUID, session_id: uuid.UUID, fields: dict[str, Any]
) -> _RowT | None:
    """The one-per-session row of `table`, created if missing, with `fields` set; only for the owner."""
    if get_session(db, user_id=user_id, session_id=session_id) is None:
        return None
    row = db.scalar(select(table).where(table.session_id == session_id))
    if row is None:
        row = table(session_id=session_id)
        db.add(row)
    for key, value in fields.items():
        setattr(row, key, value)
    db.flush()
    return row


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
