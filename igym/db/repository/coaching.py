"""Coach access: grants by email, revocation, and the check every coach read goes through."""

from __future__ import annotations

import uuid

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from igym.db.repository.users import get_user_by_email
from igym.db.tables import (
    CoachAccess,
    User,
    utcnow,
)

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


def granted_candidates_for_coach(db: Session, *, coach_email: str) -> list[tuple[CoachAccess, User]]:
    """The candidates who currently grant `coach_email` access, with their grants, by candidate email."""
    rows = db.execute(
        select(CoachAccess, User)
        .join(User, CoachAccess.candidate_id == User.id)
        .where(CoachAccess.coach_email == coach_email, CoachAccess.status == "granted")
        .order_by(User.email)
    ).all()
    return [(grant, user) for grant, user in rows]


def granted_candidate(
    db: Session, *, coach_email: str, candidate_id: uuid.UUID
) -> tuple[CoachAccess, User] | None:
    """The candidate and the grant that lets `coach_email` read their data right now, or None."""
    row = db.execute(
        select(CoachAccess, User)
        .join(User, CoachAccess.candidate_id == User.id)
        .where(
            CoachAccess.candidate_id == candidate_id,
            CoachAccess.coach_email == coach_email,
            CoachAccess.status == "granted",
        )
    ).first()
    return (row[0], row[1]) if row else None
