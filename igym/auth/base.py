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
from igym.db.views import view_of
from igym.errors import AuthError


class SessionExpired(AuthError):
    """The hosted sign-in ended (expired, revoked, or signed out elsewhere): the user must sign in again."""


@dataclass(frozen=True, slots=True)
class Account:
    """A signed-in user as every layer sees it, whichever backend vouches for them (a snapshot of our row)."""

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
        return view_of(cls, user)

    @property
    def display_name(self) -> str:
        return self.name or self.email.split("@")[0]


NO_EMAIL_LINKS = "E-mail links aren't available with local accounts. Sign in with your email and password."
NO_TOKENS = "Local accounts have no hosted sign-in session. Sign in with your email and password."


class AuthBackend(Protocol):
    """What the UI and the services need from an auth backend, whichever one is configured.

    Local accounts (`igym.auth.local.LocalAuth`) and Supabase Auth (`igym.hosted.auth.SupabaseAuth`) both
    implement all of it; the capability flags say which flows really exist, so the UI never asks which class
    it holds. A backend is shared by every browser session of the process: it keeps only configuration, and
    anything belonging to one user (`SessionTokens`) is passed in and handed back, never stored on it.

    A backend that subclasses this and has no e-mail links (`sends_email_links` False) or no tokens
    (`uses_tokens` False) inherits the bodies below that refuse those flows with an `AuthError`.
    """

    @property
    def uses_tokens(self) -> bool:
        """True when sign-ins carry `SignedIn` tokens: kept per browser session, refreshed, revoked at sign-out.

        False when the account id alone is the sign-in (then `refresh` and `set_password` raise).
        """
        ...

    @property
    def sends_email_links(self) -> bool:
        """True when `send_magic_link`, `send_password_reset` and `complete_link` work; else they raise."""
        ...

    @property
    def can_delete_identities(self) -> bool:
        """True when `delete_identity` removes an identity kept outside our database on account deletion."""
        ...

    @property
    def can_change_password(self) -> bool:
        """True when `change_password` works here (local accounts); else the reset e-mail is the way."""
        ...

    def sign_up(self, *, email: str, password: str, name: str | None) -> Account | SignedIn | PendingLink:
        """A new account; `PendingLink` when the address must be confirmed through an e-mail first."""
        ...

    def sign_in(self, *, email: str, password: str, client: str | None = None) -> Account | SignedIn:
        """Check the password; `client` (the browser's address, if known) counts against a per-client budget."""
        ...

    def change_password(
        self, *, user_id: uuid.UUID, current_password: str, new_password: str, client: str | None = None
    ) -> Account:
        """Replace the password after checking the current one; every sign-in of the account ends."""
        ...

    def account(self, user_id: uuid.UUID) -> Account | None: ...

    def send_magic_link(self, *, email: str) -> PendingLink:
        """E-mail a one-click sign-in link; the `PendingLink` finishes it in this browser."""
        raise AuthError(NO_EMAIL_LINKS)

    def send_password_reset(self, *, email: str) -> PendingLink:
        """E-mail a password-reset link; the same answer whether or not the address has an account."""
        raise AuthError(NO_EMAIL_LINKS)

    def complete_link(
        self,
        *,
        code: str | None = None,
        token_hash: str | None = None,
        link_type: str | None = None,
        pending: PendingLink | None = None,
    ) -> SignedIn:
        """Finish the sign-in an e-mail link started (its URL parameters, and the verifier kept for it)."""
        raise AuthError(NO_EMAIL_LINKS)

    def verify(self, tokens: SessionTokens) -> Account:
        """Ask the backend whether this session still holds (raises `SessionExpired` when it has ended)."""
        raise AuthError(NO_TOKENS)

    def refresh(self, tokens: SessionTokens) -> SignedIn:
        """New tokens for a session (raises `SessionExpired` when it has ended)."""
        raise AuthError(NO_TOKENS)

    def set_password(self, tokens: SessionTokens, *, password: str, email: str = "") -> SignedIn:
        """Change the password of the session's user (after a reset link)."""
        raise AuthError(NO_TOKENS)

    def sign_out(self, tokens: SessionTokens) -> None:
        """Revoke this browser's session only; other devices stay signed in."""
        ...

    def delete_identity(self, external_id: str) -> None:
        """Delete the identity kept outside our database (see `can_delete_identities`)."""
        ...


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
