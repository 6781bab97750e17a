"""Local accounts for the embedded default: argon2 password hashes in our own users table.

Throttling: after `max_failures` wrong passwords in a row an account is locked for `lockout`; the lock and
the counter live in the database, so they hold across browser tabs, restarts and replicas. A successful
sign-in resets the counter. Unknown emails and wrong passwords get the same message and take the same time
(a dummy hash is verified), so the form does not reveal who has an account.

Thread-safety: instances hold only immutable configuration and the `Database`; every call opens its own
unit of work, so one instance serves all browser sessions.

Of the `AuthBackend` interface, the hosted-only flows do not exist here: a sign-in is the account id alone
(no tokens to refresh or revoke), there is no mail server for sign-in or reset links, and no identity lives
outside our own users table. The capability flags say so, and those calls raise `AuthError` with a message
for users (the UI never offers them).
"""

from __future__ import annotations

import uuid
from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy.exc import IntegrityError

from igym.auth import validation
from igym.auth.base import Account, PendingLink, SessionTokens, SignedIn
from igym.db import repository as repo
from igym.db.engine import Database
from igym.db.tables import utcnow
from igym.errors import AuthError, EmailTaken, InvalidCredentials, TooManyAttempts

WRONG_CREDENTIALS = "That email and password don't match an account. Check both, or create an account."
NO_EMAIL_LINKS = "E-mail links aren't available with local accounts. Sign in with your email and password."
NO_TOKENS = "Local accounts have no hosted sign-in session. Sign in with your email and password."


class LocalAuth:
    """Accounts with argon2 password hashes in our own database (the embedded default; see module doc)."""

    uses_tokens = False
    sends_email_links = False
    can_delete_identities = False

    def __init__(
        self,
        db: Database,
        *,
        min_password_length: int = 8,
        max_name_length: int = 80,
        max_failures: int = 5,
        lockout: timedelta = timedelta(minutes=5),
        hasher: PasswordHasher | None = None,
    ) -> None:
        self._db = db
        self._min_password_length = min_password_length
        self._max_name_length = max_name_length
        self._max_failures = max_failures
        self._lockout = lockout
        self._hasher = hasher or PasswordHasher()
        self._dummy_hash = self._hasher.hash("not-a-real-password-0")

    def sign_up(self, *, email: str, password: str, name: str | None) -> Account:
        clean_email = validation.normalise_email(email)
        clean_name = validation.clean_name(name, max_length=self._max_name_length)
        validation.check_password(password, min_length=self._min_password_length, email=clean_email)
        password_hash = self._hasher.hash(password)
        try:
            with self._db.session() as db:
                if repo.get_user_by_email(db, email=clean_email) is not None:
                    raise EmailTaken(_taken(clean_email))
                user = repo.create_user(db, email=clean_email, name=clean_name, password_hash=password_hash)
                return Account.from_row(user)
        except IntegrityError:  # two sign-ups for one email at the same moment
            raise EmailTaken(_taken(clean_email)) from None

    def sign_in(self, *, email: str, password: str) -> Account:
        clean_email = validation.normalise_email(email)
        if not password:
            raise InvalidCredentials("Enter your password.")
        with self._db.session() as db:
            user = repo.get_user_by_email(db, email=clean_email)
            if user is None or user.password_hash is None:
                self._verify(self._dummy_hash, password)
                raise InvalidCredentials(WRONG_CREDENTIALS)
            now = utcnow()
            if user.locked_until is not None and user.locked_until > now:
                wait = int((user.locked_until - now).total_seconds()) + 1
                raise TooManyAttempts(_locked_message(wait), retry_after_s=wait)
            if not self._verify(user.password_hash, password):
                user.failed_sign_ins += 1
                if user.failed_sign_ins >= self._max_failures:
                    user.failed_sign_ins = 0
                    user.locked_until = now + self._lockout
                    db.commit()  # the lock must persist even though we raise
                    wait = int(self._lockout.total_seconds())
                    raise TooManyAttempts(_locked_message(wait), retry_after_s=wait)
                db.commit()
                raise InvalidCredentials(WRONG_CREDENTIALS)
            user.failed_sign_ins = 0
            user.locked_until = None
            user.last_sign_in_at = now
            if self._hasher.check_needs_rehash(user.password_hash):
                user.password_hash = self._hasher.hash(password)
            return Account.from_row(user)

    def account(self, user_id: uuid.UUID) -> Account | None:
        with self._db.session() as db:
            user = repo.get_user(db, user_id=user_id)
            return Account.from_row(user) if user else None

    def send_magic_link(self, *, email: str) -> PendingLink:
        raise AuthError(NO_EMAIL_LINKS)

    def send_password_reset(self, *, email: str) -> PendingLink:
        raise AuthError(NO_EMAIL_LINKS)

    def complete_link(
        self, *, code: str | None = None, token_hash: str | None = None, link_type: str | None = None,
        pending: PendingLink | None = None,
    ) -> SignedIn:
        raise AuthError(NO_EMAIL_LINKS)

    def refresh(self, tokens: SessionTokens) -> SignedIn:
        raise AuthError(NO_TOKENS)

    def set_password(self, tokens: SessionTokens, *, password: str, email: str = "") -> SignedIn:
        raise AuthError(NO_TOKENS)

    def sign_out(self, tokens: SessionTokens) -> None:
        """Nothing to revoke: forgetting the account id and the cookie (the UI does both) signs out."""

    def delete_identity(self, external_id: str) -> None:
        """Nothing to delete: the identity is our users row, which account deletion removes."""

    def _verify(self, password_hash: str, password: str) -> bool:
        try:
            return self._hasher.verify(password_hash, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False


def _taken(email: str) -> str:
    return f"An account for {email} already exists. Sign in instead, or use another email."


def _locked_message(seconds: int) -> str:
    minutes = max(1, round(seconds / 60))
    unit = "minute" if minutes == 1 else "minutes"
    return f"Too many wrong passwords. For your safety, sign-in is paused for about {minutes} {unit}."
