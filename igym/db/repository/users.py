"""Users: accounts, onboarding, deletion (which cascades), and the files a user owns."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from igym.db.repository.rows import inserted
from igym.db.tables import (
    InterviewSession,
    Message,
    Resume,
    User,
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
    user_id: uuid.UUID | None = None,
) -> User:
    user = User(
        id=user_id or uuid.uuid4(),
        email=email,
        name=name,
        password_hash=password_hash,
        auth_provider=auth_provider,
        external_id=external_id,
        role=role,
    )
    return inserted(db, user)


def get_user(db: Session, *, user_id: uuid.UUID) -> User | None:
    return db.get(User, user_id)


def get_user_by_email(db: Session, *, email: str) -> User | None:
    return db.scalar(select(User).where(User.email == email))


def get_user_by_external_id(db: Session, *, auth_provider: str, external_id: str) -> User | None:
    """The row an outside identity (a Supabase Auth user id) maps to, if it has one."""
    return db.scalar(select(User).where(User.auth_provider == auth_provider, User.external_id == external_id))


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


def set_role(db: Session, *, user_id: uuid.UUID, role: str) -> User | None:
    """Change the user's role; the caller decides which roles a user may give themselves."""
    user = db.get(User, user_id)
    if user is None:
        return None
    user.role = role
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
