"""The interface every auth backend implements, and the account view the rest of the app sees.

Pages and services only ever see an `Account` (a frozen dataclass), never an ORM row or an SDK object, so a
Supabase-backed account and a local one look the same everywhere.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Protocol

from igym.db.tables import User


@dataclass(frozen=True, slots=True)
class Account:
    id: uuid.UUID
    email: str
    name: str | None
    role: str
    onboarding_completed: bool
    target_role: str | None
    interview_timeline: str | None
    timezone: str | None

    @classmethod
    def from_row(cls, user: User) -> Account:
        return cls(
            id=user.id,
            email=user.email,
            name=user.name,
            role=user.role,
            onboarding_completed=user.onboarding_completed,
            target_role=user.target_role,
            interview_timeline=user.interview_timeline,
            timezone=user.timezone,
        )

    @property
    def display_name(self) -> str:
        return self.name or self.email.split("@")[0]


class AuthBackend(Protocol):
    """Sign up, sign in, and look a signed-in user up again after a page refresh."""

    def sign_up(self, *, email: str, password: str, name: str | None) -> Account: ...

    def sign_in(self, *, email: str, password: str) -> Account: ...

    def account(self, user_id: uuid.UUID) -> Account | None: ...
