"""Answers and their try-again attempts, always through the user's own sessions."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from igym.db.tables import InterviewSession, Message


def get_answer(db: Session, *, user_id: uuid.UUID, message_id: uuid.UUID) -> Message | None:
    """The candidate answer `message_id`, if it is in one of the user's sessions."""
    return db.scalar(
        select(Message)
        .join(InterviewSession, InterviewSession.id == Message.session_id)
        .where(Message.id == message_id, Message.role == "candidate", InterviewSession.user_id == user_id)
    )


def question_of(db: Session, *, answer: Message) -> Message | None:
    """The interviewer's question or follow-up the answer replied to (the last one before it)."""
    return db.scalar(
        select(Message)
        .where(
            Message.session_id == answer.session_id,
            Message.role == "interviewer",
            Message.kind.in_(("question", "follow_up")),
            Message.order_index < answer.order_index,
        )
        .order_by(Message.order_index.desc())
        .limit(1)
    )


def retry_answers(db: Session, *, user_id: uuid.UUID, of_message_id: uuid.UUID) -> list[Message]:
    """The first answer of each of the user's sessions that retried `of_message_id`, oldest first."""
    rows = db.execute(
        select(Message)
        .join(InterviewSession, InterviewSession.id == Message.session_id)
        .where(
            InterviewSession.user_id == user_id,
            InterviewSession.retry_of_message_id == of_message_id,
            Message.role == "candidate",
        )
        .order_by(InterviewSession.created_at, Message.order_index)
    ).scalars()
    firsts: dict[uuid.UUID, Message] = {}
    for message in rows:
        firsts.setdefault(message.session_id, message)
    return list(firsts.values())
