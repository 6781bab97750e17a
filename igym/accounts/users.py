"""Profiles: who the user is, their practice stats, onboarding, and account deletion.

Deleting an account removes the user row (the database cascades to sessions, messages, metrics, feedback,
resume and coach grants) and then the stored files the rows pointed to, through the `delete_files`
callable the storage layer provides; a file that is already gone is not an error. For a hosted (Supabase)
account, `delete_identity` first deletes the sign-in identity too, so that if that fails nothing is lost and
the user can simply try again; without it (no service-role key) the identity stays in Supabase Auth, and
signing in with it again starts a new, empty account.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from igym import catalog
from igym.auth import validation
from igym.auth.base import Account
from igym.db import repository as repo
from igym.db.engine import Database
from igym.db.tables import utcnow
from igym.errors import InvalidInput, NotFound
from igym.interview.sessions import SessionSummary, summarise
from igym.progress import streaks


@dataclass(frozen=True, slots=True)
class ProfileStats:
    """What the profile page shows about a user's practice: session counts, streaks, recent sessions."""

    total_sessions: int
    completed_sessions: int
    current_streak: int
    longest_streak: int
    last_session: SessionSummary | None
    recent_sessions: list[SessionSummary]
    has_resume: bool


@dataclass(frozen=True, slots=True)
class Profile:
    """A user's account details with their practice stats."""

    account: Account
    stats: ProfileStats


class UserService:
    """Profiles and onboarding of signed-in users.

    Every call is scoped to the given user. Thread-safe: one instance per process, each call in its own database
    transaction.
    """

    def __init__(
        self,
        db: Database,
        *,
        max_name_length: int = 80,
        delete_files: Callable[[Iterable[str]], None] | None = None,
        delete_identity: Callable[[str], None] | None = None,
    ) -> None:
        self._db = db
        self._max_name_length = max_name_length
        self._delete_files = delete_files
        self._delete_identity = delete_identity

    def get_profile(
        self, *, user_id: uuid.UUID, today: date | None = None, recent: int = 5, browser_tz: str | None = None
    ) -> Profile:
        """The user with their stats; streak days in the profile's zone, else the browser's (`browser_tz`)."""
        with self._db.session() as db:
            user = repo.get_user(db, user_id=user_id)
            if user is None:
                raise NotFound("Your account no longer exists. Please sign up again.")
            tz = streaks.resolve_zone(user.timezone, browser_tz)
            days = streaks.practice_days(repo.completed_session_times(db, user_id=user_id), tz)
            counts = repo.count_sessions_by_status(db, user_id=user_id)
            records = repo.list_sessions(db, user_id=user_id, limit=recent)
            metrics = repo.metrics_for_sessions(db, user_id=user_id) if records else {}
            summaries = [summarise(record, metrics.get(record.id)) for record in records]
            local_today = today or utcnow().astimezone(tz).date()
            stats = ProfileStats(
                total_sessions=sum(counts.values()),
                completed_sessions=counts.get("completed", 0),
                current_streak=streaks.current_streak(days, local_today),
                longest_streak=streaks.longest_streak(days),
                last_session=summaries[0] if summaries else None,
                recent_sessions=summaries,
                has_resume=repo.get_resume(db, user_id=user_id) is not None,
            )
            return Profile(account=Account.from_row(user), stats=stats)

    def update_onboarding(
        self,
        *,
        user_id: uuid.UUID,
        target_role: str,
        interview_timeline: str,
        name: str | None = None,
        timezone: str | None = None,
    ) -> Account:
        role = validation.clean_name(target_role, max_length=120)
        if not role:
            raise InvalidInput("Tell us the role you're preparing for, for example “Software Engineer”.")
        if interview_timeline not in catalog.INTERVIEW_TIMELINES:
            raise InvalidInput("Pick when your interviews are.")
        clean_name = validation.clean_name(name, max_length=self._max_name_length) if name is not None else None
        if timezone is not None and streaks.zone(timezone).key != timezone:
            timezone = None  # an unknown zone name from the browser: keep the previous one
        with self._db.session() as db:
            user = repo.update_onboarding(
                db,
                user_id=user_id,
                target_role=role,
                interview_timeline=interview_timeline,
                name=clean_name,
                timezone=timezone,
            )
            if user is None:
                raise NotFound("Your account no longer exists. Please sign up again.")
            return Account.from_row(user)

    def delete_account(self, *, user_id: uuid.UUID) -> None:
        if self._delete_identity is not None:
            with self._db.session() as db:
                user = repo.get_user(db, user_id=user_id)
                external_id = user.external_id if user is not None and user.auth_provider == "supabase" else None
            if external_id:
                self._delete_identity(external_id)
        with self._db.session() as db:
            keys = repo.audio_keys_of_user(db, user_id=user_id)
            if not repo.delete_user(db, user_id=user_id):
                raise NotFound("Your account no longer exists.")
        if self._delete_files and keys:
            self._delete_files(keys)
