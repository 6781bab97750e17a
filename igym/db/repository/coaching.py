"""Coach access: grants to coach accounts, pending invitations, revocation, and the check coach reads use.

Every check goes by the coach's account id, never by an email address someone else could sign up with.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from igym.db.tables import (
    CoachAccess,
    User,
    utcnow,
)

GRANTED, PENDING, REVOKED = "granted", "pending", "revoked"

# --- coach access ------------------------------------------------------------------------------------------


def _row(db: Session, *, candidate_id: uuid.UUID, coach_email: str) -> CoachAccess | None:
    return db.scalar(
        select(CoachAccess).where(CoachAccess.candidate_id == candidate_id, CoachAccess.coach_email == coach_email)
    )


def _row_or_new(db: Session, *, candidate_id: uuid.UUID, coach_email: str, now: datetime) -> CoachAccess:
    """The candidate's one row for `coach_email`, added if there is none yet."""
    grant = _row(db, candidate_id=candidate_id, coach_email=coach_email)
    if grant is None:
        grant = CoachAccess(candidate_id=candidate_id, coach_email=coach_email, granted_at=now)
        db.add(grant)
    return grant


def _set_state(
    db: Session,
    grant: CoachAccess,
    *,
    status: str,
    now: datetime,
    coach_id: uuid.UUID | None,
    code_hash: str | None = None,
    expires_at: datetime | None = None,
) -> CoachAccess:
    """Put `grant` in `status` as of `now`, not revoked, with this coach account and invitation code; flushed."""
    grant.status, grant.coach_id = status, coach_id
    grant.granted_at, grant.revoked_at = now, None
    grant.invite_code_hash, grant.invite_expires_at = code_hash, expires_at
    db.flush()
    return grant


def grant_coach_access(db: Session, *, candidate_id: uuid.UUID, coach: User) -> CoachAccess:
    """Grant (or re-grant after a revoke) this coach *account* access to the candidate's progress."""
    now = utcnow()
    grant = _row_or_new(db, candidate_id=candidate_id, coach_email=coach.email, now=now)
    return _set_state(db, grant, status=GRANTED, now=now, coach_id=coach.id)


def invite_coach(
    db: Session, *, candidate_id: uuid.UUID, coach_email: str, code_hash: str, expires_at: datetime
) -> CoachAccess:
    """A pending invitation to `coach_email` (replacing any earlier code); it grants nothing until accepted."""
    now = utcnow()
    grant = _row_or_new(db, candidate_id=candidate_id, coach_email=coach_email, now=now)
    return _set_state(db, grant, status=PENDING, now=now, coach_id=None, code_hash=code_hash, expires_at=expires_at)


def accept_coach_invite(db: Session, *, coach: User, code_hash: str, now: datetime) -> CoachAccess | None:
    """Turn the unexpired pending invitation to this coach's email with this code into a grant; None if none."""
    grant = db.scalar(
        select(CoachAccess).where(
            CoachAccess.coach_email == coach.email,
            CoachAccess.status == PENDING,
            CoachAccess.invite_code_hash == code_hash,
            CoachAccess.invite_expires_at > now,
        )
    )
    if grant is None:
        return None
    return _set_state(db, grant, status=GRANTED, now=now, coach_id=coach.id)


def revoke_coach_access(db: Session, *, candidate_id: uuid.UUID, coach_email: str) -> bool:
    """End a grant or withdraw a pending invitation; False when there is neither for that email."""
    grant = db.scalar(
        select(CoachAccess).where(
            CoachAccess.candidate_id == candidate_id,
            CoachAccess.coach_email == coach_email,
            CoachAccess.status.in_([GRANTED, PENDING]),
        )
    )
    if grant is None:
        return False
    grant.status = REVOKED
    grant.revoked_at = utcnow()
    grant.invite_code_hash = None
    grant.invite_expires_at = None
    db.flush()
    return True


def list_coach_grants(db: Session, *, candidate_id: uuid.UUID) -> list[CoachAccess]:
    return list(
        db.scalars(
            select(CoachAccess).where(CoachAccess.candidate_id == candidate_id).order_by(CoachAccess.created_at)
        ).all()
    )


def coach_can_view(db: Session, *, coach_id: uuid.UUID, candidate_id: uuid.UUID) -> bool:
    return (
        db.scalar(
            select(func.count())
            .select_from(CoachAccess)
            .where(
                CoachAccess.candidate_id == candidate_id,
                CoachAccess.coach_id == coach_id,
                CoachAccess.status == GRANTED,
            )
        )
        or 0
    ) > 0


def granted_candidates_for_coach(db: Session, *, coach_id: uuid.UUID) -> list[tuple[CoachAccess, User]]:
    """The candidates who currently grant this coach account access, with their grants, by candidate email."""
    rows = db.execute(
        select(CoachAccess, User)
        .join(User, CoachAccess.candidate_id == User.id)
        .where(CoachAccess.coach_id == coach_id, CoachAccess.status == GRANTED)
        .order_by(User.email)
    ).all()
    return [(grant, user) for grant, user in rows]


def granted_candidate(db: Session, *, coach_id: uuid.UUID, candidate_id: uuid.UUID) -> tuple[CoachAccess, User] | None:
    """The candidate and the grant that lets this coach account read their data right now, or None."""
    row = db.execute(
        select(CoachAccess, User)
        .join(User, CoachAccess.candidate_id == User.id)
        .where(
            CoachAccess.candidate_id == candidate_id,
            CoachAccess.coach_id == coach_id,
            CoachAccess.status == GRANTED,
        )
    ).first()
    return (row[0], row[1]) if row else None
