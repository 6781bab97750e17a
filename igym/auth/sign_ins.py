"""Server-side sign-ins for local accounts: what the "stay signed in" cookie points at.

The cookie holds an opaque random token (``s1.`` and 43 URL-safe characters, 256 bits); the database holds
only its SHA-256 (`igym.db.tables.SignIn`). Restoring a sign-in looks the hash up and accepts it only while the
row has neither ended nor expired, so:

* signing out ends the row, and a copy of the cookie taken before is worth nothing afterwards;
* changing or resetting the password ends every row of the user (`end_all`), signing out every browser;
* a stolen database holds no usable token.

`resume` is total: any cookie text (empty, non-ASCII, too long, tampered, expired, ended) gives None, which
the UI treats as signed out; it never raises. Every call opens its own short unit of work, so one instance
serves every browser session of the process.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta

from igym.auth.base import AuthBackend, SessionExpired, SessionTokens, SignedIn
from igym.db import repository as repo
from igym.db.engine import Database
from igym.db.tables import utcnow

PREFIX = "s1."
_TOKEN = re.compile(r"s1\.[A-Za-z0-9_-]{43}")


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()


class SignIns:
    """Start, check and end the sign-ins behind local accounts' cookies (see the module doc)."""

    def __init__(self, db: Database, *, lifetime: timedelta, clock: Callable[[], datetime] = utcnow) -> None:
        self._db = db
        self._lifetime = lifetime
        self._clock = clock

    def start(self, user_id: uuid.UUID) -> str:
        """A new sign-in for the user; returns the token for the cookie (shown to nobody else)."""
        token = PREFIX + secrets.token_urlsafe(32)
        now = self._clock()
        with self._db.session() as db:
            repo.forget_old_sign_ins(db, before=now - timedelta(days=1))  # housekeeping: they sign nobody in
            repo.add_sign_in(
                db, user_id=user_id, token_hash=token_hash(token), now=now, expires_at=now + self._lifetime
            )
        return token

    def resume(self, token: object) -> uuid.UUID | None:
        """The user whose live sign-in this cookie token is; None for anything else (never raises)."""
        if not isinstance(token, str) or not _TOKEN.fullmatch(token):
            return None
        with self._db.session() as db:
            row = repo.live_sign_in(db, token_hash=token_hash(token), now=self._clock())
            return row.user_id if row is not None else None

    def end(self, token: object) -> None:
        """End this sign-in (signing out); an unknown or malformed token is already signed out."""
        if isinstance(token, str) and _TOKEN.fullmatch(token):
            with self._db.session() as db:
                repo.end_sign_in(db, token_hash=token_hash(token), now=self._clock())

    def end_all(self, user_id: uuid.UUID) -> int:
        """End every sign-in of the user, on every device; returns how many were live."""
        with self._db.session() as db:
            return repo.end_sign_ins_of_user(db, user_id=user_id, now=self._clock())


def confirm_session(
    auth: AuthBackend, tokens: SessionTokens, *, user_id: uuid.UUID, refresh_margin_s: float
) -> SignedIn:
    """Check with the backend that a hosted session restored from a cookie still holds, for `user_id`.

    Tokens close to expiry are refreshed (which Supabase refuses for a signed-out or revoked session); others
    are checked with `AuthBackend.verify` (Supabase ``GET /auth/v1/user``, which refuses them likewise). The
    returned `SignedIn` carries the tokens to keep: the same object when nothing was refreshed.

    Raises:
        SessionExpired: the session ended (signed out, revoked, expired), or belongs to someone else.
        ProviderError: the backend could not be reached; the caller decides (the UI tries again next run).
    """
    if tokens.seconds_left() < refresh_margin_s:
        confirmed = auth.refresh(tokens)
    else:
        confirmed = SignedIn(auth.verify(tokens), tokens)
    if confirmed.account.id != user_id:
        raise SessionExpired("Your sign-in has expired. Please sign in again.")
    return confirmed
