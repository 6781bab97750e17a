"""Server-side sign-ins (the rows behind "stay signed in" cookies) and the per-email sign-in throttle."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from igym.db.repository.rows import inserted
from igym.db.tables import SignIn, SignInFailures

# --- sign-ins ---------------------------------------------------------------------------------------------


def add_sign_in(db: Session, *, user_id: uuid.UUID, token_hash: str, now: datetime, expires_at: datetime) -> SignIn:
    return inserted(db, SignIn(user_id=user_id, token_hash=token_hash, created_at=now, expires_at=expires_at))


def live_sign_in(db: Session, *, token_hash: str, now: datetime) -> SignIn | None:
    """The sign-in with this token hash if it has neither ended nor expired."""
    return db.scalar(
        select(SignIn).where(SignIn.token_hash == token_hash, SignIn.ended_at.is_(None), SignIn.expires_at > now)
    )


def end_sign_in(db: Session, *, token_hash: str, now: datetime) -> bool:
    result = db.execute(
        update(SignIn).where(SignIn.token_hash == token_hash, SignIn.ended_at.is_(None)).values(ended_at=now)
    )
    return bool(getattr(result, "rowcount", 0))


def end_sign_ins_of_user(db: Session, *, user_id: uuid.UUID, now: datetime) -> int:
    """End every live sign-in of the user (a password change or reset); returns how many."""
    result = db.execute(update(SignIn).where(SignIn.user_id == user_id, SignIn.ended_at.is_(None)).values(ended_at=now))
    return int(getattr(result, "rowcount", 0) or 0)


def forget_old_sign_ins(db: Session, *, before: datetime) -> int:
    """Delete sign-ins that expired or ended before `before` (housekeeping; they sign nobody in)."""
    result = db.execute(delete(SignIn).where((SignIn.expires_at < before) | (SignIn.ended_at < before)))
    return int(getattr(result, "rowcount", 0) or 0)


# --- the sign-in throttle -----------------------------------------------------------------------------------


def get_throttle(db: Session, *, email_hash: str) -> SignInFailures | None:
    return db.get(SignInFailures, email_hash)


def record_failure(
    db: Session, *, email_hash: str, now: datetime, next_attempt_at: datetime | None, failures: int
) -> None:
    """Store the email's failure count and when its next password may be checked (insert or update)."""
    row = db.get(SignInFailures, email_hash)
    if row is None:
        db.add(
            SignInFailures(
                email_hash=email_hash, failures=failures, next_attempt_at=next_attempt_at, last_failure_at=now
            )
        )
    else:
        row.failures, row.next_attempt_at, row.last_failure_at = failures, next_attempt_at, now
    db.flush()


def clear_throttle(db: Session, *, email_hash: str) -> None:
    db.execute(delete(SignInFailures).where(SignInFailures.email_hash == email_hash))


def forget_old_throttles(db: Session, *, before: datetime) -> int:
    """Delete throttle rows whose last failure is older than `before` (they no longer delay anyone)."""
    result = db.execute(delete(SignInFailures).where(SignInFailures.last_failure_at < before))
    return int(getattr(result, "rowcount", 0) or 0)
