"""The interface every auth backend implements, and the account view the rest of the app sees.

Pages and services only ever see an `Account` (a frozen dataclass), never an ORM row or an SDK object, so a
Supabase-backed account and a local one look the same everywhere. Supabase sign-ins also hand back
`SessionTokens`: plain values the UI keeps per browser session (never in a process-wide cache), from which a
fresh SDK client is built for each call.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from igym.db.tables import User
from igym.errors import AuthError


class SessionExpired(AuthError):
    """The hosted sign-in ended (expired, revoked, or signed out elsewhere): the user must sign in again."""


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


@dataclass(frozen=True, slots=True)
class SessionTokens:
    """A Supabase session as plain values. The repr hides the tokens, so a log line or a traceback never shows them."""

    access_token: str = field(repr=False)
    refresh_token: str = field(repr=False)
    expires_at: int  # unix seconds

    def seconds_left(self, *, now: float | None = None) -> float:
        return self.expires_at - (time.time() if now is None else now)

    def as_dict(self) -> dict[str, Any]:
        return {"at": self.access_token, "rt": self.refresh_token, "exp": self.expires_at}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SessionTokens | None:
        try:
            return cls(str(data["at"]), str(data["rt"]), int(data["exp"]))
        except (KeyError, TypeError, ValueError):
            return None


@dataclass(frozen=True, slots=True)
class SignedIn:
    """A hosted sign-in: our account row and the Supabase tokens that go with it."""

    account: Account
    tokens: SessionTokens
    recovery: bool = False  # signed in through a password-reset link: ask for a new password first


@dataclass(frozen=True, slots=True)
class PendingLink:
    """What a sign-in / reset e-mail request leaves behind: the PKCE verifier the link's ``code`` needs."""

    code_verifier: str = field(repr=False)
    purpose: Literal["magiclink", "recovery", "signup"]
