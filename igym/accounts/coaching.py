"""Coaches: a candidate grants a coach read-only access; the coach reviews progress and history.

Access rules, all enforced here rather than in the pages:

* Access is granted to a coach *account*, never to an email address, because anyone can sign up with any
  address (local accounts are not verified). Inviting an email that belongs to an account with coaching
  turned on grants it at once. Any other email (no account yet, or coaching off) gets a *pending invitation*
  and a one-time code shown to the candidate only; nothing is shared until a signed-in coach whose email is
  that address enters the code. So a stranger who signs up with the address first gets nothing without the
  code, and a code passed to the wrong person is useless without the address. Codes are random (40 bits),
  stored as SHA-256, expire after `invite_days`, and wrong guesses are limited per coach (`igym.guards.rate_limit`).
* Every coach read calls `check_access`, which looks for a *granted* row naming the coach's account id at
  that moment, so a revoke ends access on the coach's very next page run; nothing is cached per coach.
* Only an account whose role is "coach" reads other people's data. An unknown candidate id, a malformed one
  and a candidate who never granted access get the same `AccessDenied`, so a coach cannot even learn who
  uses the app.
* The coach API is read-only: it returns progress and session tables. Starting, answering or ending a
  session always goes through services scoped to the signed-in user's own id, so a coach cannot touch a
  candidate's sessions.

The service holds the process-wide `Database`, the stateless progress service and the in-memory guess
limit (itself locked), so one instance is shared by every browser session.
"""

from __future__ import annotations

import hashlib
import math
import secrets
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

import pandas as pd
from sqlalchemy.orm import Session

from igym.auth import validation
from igym.auth.base import Account
from igym.db import repository as repo
from igym.db.engine import Database
from igym.db.tables import CoachAccess, User, utcnow
from igym.db.views import view_of
from igym.errors import AccessDenied, InvalidInput, LimitReached, NotFound
from igym.guards.ids import parse_id
from igym.guards.rate_limit import SlidingWindowLimit
from igym.progress import streaks
from igym.progress.service import ProgressData, ProgressService

COACH_ROLE = "coach"
CANDIDATE_ROLE = "candidate"
_NO_ACCESS = "You don't have access to this candidate. They may have revoked it, or never invited you."
_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread
_CODE_LENGTH = 8


@dataclass(frozen=True, slots=True)
class CoachGrant:
    """A grant as the candidate sees it on their profile."""

    coach_email: str
    status: str  # "granted" | "pending" | "revoked"
    granted_at: datetime
    revoked_at: datetime | None
    invite_expires_at: datetime | None

    @property
    def active(self) -> bool:
        return self.status == "granted"

    @property
    def pending(self) -> bool:
        return self.status == "pending"


@dataclass(frozen=True, slots=True)
class Invitation:
    """What inviting did: `granted` at once (the email is a coach account), or `pending` with the code to pass on.

    `code` is shown to the candidate once, right after inviting, and never stored in the clear.
    """

    outcome: Literal["granted", "pending"]
    grant: CoachGrant
    code: str | None = None


@dataclass(frozen=True, slots=True)
class Candidate:
    """A candidate as their coach sees them: who they are and since when access was granted."""

    id: uuid.UUID
    email: str
    name: str | None
    target_role: str | None
    timezone: str | None
    granted_at: datetime

    @property
    def display_name(self) -> str:
        return self.name or self.email.split("@")[0]


def _grant_view(grant: CoachAccess) -> CoachGrant:
    return view_of(CoachGrant, grant, invite_expires_at=grant.invite_expires_at if grant.status == "pending" else None)


def _candidate_view(grant: CoachAccess, user: User) -> Candidate:
    return view_of(Candidate, user, granted_at=grant.granted_at)


class CoachService:
    """Invitations, revocation, the coach role, and every read a coach makes of a candidate's data."""

    def __init__(
        self,
        db: Database,
        *,
        progress: ProgressService,
        max_coaches: int = 20,
        invite_days: int = 7,
        code_guesses_per_hour: int = 10,
    ) -> None:
        self._db = db
        self._progress = progress
        self._max_coaches = max_coaches
        self._invite_lifetime = timedelta(days=invite_days)
        self._guesses = SlidingWindowLimit(max_events=code_guesses_per_hour, window_s=3600)

    # --- the candidate's side ------------------------------------------------------------------------------

    def invite(self, *, candidate_id: uuid.UUID, email: str) -> Invitation:
        """Grant a coach account access at once, or leave a pending invitation and return its code.

        Raises:
            InvalidInput: the email is not valid, or is the candidate's own.
            LimitReached: the candidate already has `max_coaches` active grants and invitations.
            NotFound: the candidate's account no longer exists.
        """
        coach_email = validation.normalise_email(email)
        with self._db.session() as db:
            candidate = repo.get_user(db, user_id=candidate_id)
            if candidate is None:
                raise NotFound("Your account no longer exists. Please sign up again.")
            if coach_email == candidate.email:
                raise InvalidInput("That's your own email. Invite your coach with their email address.")
            grants = repo.list_coach_grants(db, candidate_id=candidate_id)
            active = {g.coach_email for g in grants if g.status in ("granted", "pending")}
            if coach_email not in active and len(active) >= self._max_coaches:
                raise LimitReached(f"You can invite at most {self._max_coaches} coaches. Revoke one first.")
            coach = repo.get_user_by_email(db, email=coach_email)
            if coach is not None and coach.role == COACH_ROLE:
                return Invitation(
                    "granted", _grant_view(repo.grant_coach_access(db, candidate_id=candidate_id, coach=coach))
                )
            code = _new_code()
            grant = repo.invite_coach(
                db,
                candidate_id=candidate_id,
                coach_email=coach_email,
                code_hash=_code_hash(code),
                expires_at=utcnow() + self._invite_lifetime,
            )
            return Invitation("pending", _grant_view(grant), code=_shown(code))

    def revoke(self, *, candidate_id: uuid.UUID, email: str) -> None:
        """End the coach's access (or withdraw the invitation) now; their next page run is refused.

        Raises:
            NotFound: there is no active grant or pending invitation for that email.
        """
        coach_email = validation.normalise_email(email)
        with self._db.session() as db:
            if not repo.revoke_coach_access(db, candidate_id=candidate_id, coach_email=coach_email):
                raise NotFound(f"{coach_email} has no access to revoke.")

    def grants(self, *, candidate_id: uuid.UUID) -> list[CoachGrant]:
        """The candidate's grants, active and revoked, oldest first."""
        with self._db.session() as db:
            return [_grant_view(g) for g in repo.list_coach_grants(db, candidate_id=candidate_id)]

    # --- the coach role ------------------------------------------------------------------------------------

    def set_coach_role(self, *, user_id: uuid.UUID, coach: bool) -> Account:
        """Switch the user between "coach" and "candidate"; an "admin" stays an admin either way.

        Admin is never self-assignable, and switching it off here would let an admin drop their role by
        accident, so an admin's role is left untouched.
        """
        with self._db.session() as db:
            user = repo.get_user(db, user_id=user_id)
            if user is None:
                raise NotFound("Your account no longer exists. Please sign up again.")
            if user.role in (COACH_ROLE, CANDIDATE_ROLE):
                repo.set_role(db, user_id=user_id, role=COACH_ROLE if coach else CANDIDATE_ROLE)
            return Account.from_row(user)

    # --- the coach's side (read-only) ----------------------------------------------------------------------

    def candidates(self, *, coach_id: uuid.UUID) -> list[Candidate]:
        """The candidates who currently grant this coach access, by email.

        Raises:
            AccessDenied: the account is not a coach.
        """
        with self._db.session() as db:
            coach = self._coach(db, coach_id)
            rows = repo.granted_candidates_for_coach(db, coach_id=coach.id)
            return [_candidate_view(grant, user) for grant, user in rows]

    def accept(self, *, coach_id: uuid.UUID, code: str) -> Candidate:
        """Accept a pending invitation to this coach's email with the code the candidate gave them.

        Raises:
            AccessDenied: the account is not a coach (coaching must be on first).
            InvalidInput: no unexpired invitation to this email has that code.
            LimitReached: too many wrong codes in the last hour; wait.
        """
        key = str(coach_id)
        wait = self._guesses.retry_after(key)
        if wait > 0:
            minutes = max(1, math.ceil(wait / 60))
            raise LimitReached(f"Too many wrong codes. Try again in {minutes} min, or ask the candidate for a new one.")
        with self._db.session() as db:
            coach = self._coach(db, coach_id)
            grant = repo.accept_coach_invite(db, coach=coach, code_hash=_code_hash(_normalised(code)), now=utcnow())
            if grant is not None:
                candidate = repo.get_user(db, user_id=grant.candidate_id)
                if candidate is not None:
                    return _candidate_view(grant, candidate)
            email = coach.email
        self._guesses.record(key)
        raise InvalidInput(
            f"That code doesn't match an open invitation to {email}. Check it with the candidate (codes last "
            f"{self._invite_lifetime.days} days), or ask them to invite you again."
        )

    def check_access(self, *, coach_id: uuid.UUID, candidate_id: uuid.UUID) -> Candidate:
        """The candidate, if this coach may read their data at this moment.

        Raises:
            AccessDenied: the account is not a coach, or holds no active grant from that candidate (including
                when the candidate does not exist).
        """
        candidate = parse_id(candidate_id)  # a malformed id is refused like a candidate who never granted
        with self._db.session() as db:
            coach = self._coach(db, coach_id)
            row = repo.granted_candidate(db, coach_id=coach.id, candidate_id=candidate) if candidate else None
            if row is None:
                raise AccessDenied(_NO_ACCESS)
            return _candidate_view(*row)

    def candidate_progress(
        self,
        *,
        coach_id: uuid.UUID,
        candidate_id: uuid.UUID,
        viewer_tz: str | None = None,
        today: date | None = None,
    ) -> tuple[Candidate, ProgressData]:
        """The candidate's progress page data, in the candidate's zone (else the coach's browser zone)."""
        candidate = self.check_access(coach_id=coach_id, candidate_id=candidate_id)
        zone = streaks.resolve_zone(candidate.timezone, viewer_tz)
        return candidate, self._progress.build(user_id=candidate.id, tz=zone, today=today)

    def candidate_sessions(
        self, *, coach_id: uuid.UUID, candidate_id: uuid.UUID, viewer_tz: str | None = None
    ) -> tuple[Candidate, pd.DataFrame]:
        """The candidate's training log (same table as their own history page), read-only."""
        candidate = self.check_access(coach_id=coach_id, candidate_id=candidate_id)
        zone: ZoneInfo = streaks.resolve_zone(candidate.timezone, viewer_tz)
        return candidate, self._progress.sessions(user_id=candidate.id, tz=zone)

    def _coach(self, db: Session, coach_id: uuid.UUID) -> User:
        user = repo.get_user(db, user_id=coach_id)
        if user is None or user.role != COACH_ROLE:
            raise AccessDenied("Only coaches can review other candidates. Turn on coaching on your profile.")
        return user


def _new_code() -> str:
    return "".join(secrets.choice(_CODE_ALPHABET) for _ in range(_CODE_LENGTH))


def _shown(code: str) -> str:
    """The code as the candidate reads it out: two groups of four (``K7QF-2MXP``)."""
    return f"{code[:4]}-{code[4:]}"


def _normalised(code: str) -> str:
    """What the coach typed, without spaces, dashes or case (``k7qf 2mxp`` is ``K7QF2MXP``)."""
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())[:32]


def _code_hash(code: str) -> str:
    return hashlib.sha256(code.encode("utf-8")).hexdigest()
