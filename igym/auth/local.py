"""Local accounts for the embedded default: argon2 password hashes in our own users table.

Throttling (see `igym.auth.throttle`): growing per-email delays and a per-client budget, checked before any
hash is computed; there is no lock-out, so knowing someone's email never keeps them out for more than a
short wait, and addresses without an account are throttled and answered exactly like real ones (a dummy hash
is verified), so the form does not reveal who has an account. Hashing goes through `PasswordHashing`, which
runs at most a couple of argon2 computations at once per process and does so outside any database
transaction, so waiting sign-ins hold neither memory nor a pooled connection.

Passwords change in two ways: `change_password` (the signed-in user, who must type the current one) and
`reset_password` (the `python -m igym reset-password` admin command). Both end every sign-in of the account
(`igym.auth.sign_ins`), so a cookie copied before the change signs nobody in afterwards.

Thread-safety: instances hold configuration, the shared `PasswordHashing` and the throttle (whose in-memory
client budget is locked); every call opens its own units of work, so one instance serves all browser sessions.

Of the `AuthBackend` interface, the hosted-only flows do not exist here: a sign-in is the account id plus a
server-side sign-in row (no Supabase tokens to refresh or revoke), there is no mail server for sign-in or
reset links, and no identity lives outside our own users table. The capability flags say so, and those calls
raise `AuthError` with a message for users (the UI never offers them).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime

from sqlalchemy.exc import IntegrityError

from igym.auth import validation
from igym.auth.base import Account, AuthBackend, SessionTokens
from igym.auth.passwords import PasswordHashing
from igym.auth.throttle import SignInThrottle
from igym.db import repository as repo
from igym.db.engine import Database
from igym.db.tables import utcnow
from igym.errors import EmailTaken, InvalidCredentials, NotFound

WRONG_CREDENTIALS = "That email and password don't match an account. Check both, or create an account."
WRONG_CURRENT = "That isn't your current password. Nothing was changed."
LOCAL = "local"


class LocalAuth(AuthBackend):
    """Accounts with argon2 password hashes in our own database (the embedded default; see module doc).

    No e-mail links and no tokens: the `AuthBackend` bodies refuse those flows.
    """

    uses_tokens = False
    sends_email_links = False
    can_delete_identities = False
    can_change_password = True

    def __init__(
        self,
        db: Database,
        *,
        rules: validation.AccountRules | None = None,
        hashing: PasswordHashing | None = None,
        throttle: SignInThrottle | None = None,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self._db = db
        self._rules = rules or validation.AccountRules()
        self._hashing = hashing or PasswordHashing()
        self._throttle = throttle or SignInThrottle()
        self._clock = clock

    def sign_up(self, *, email: str, password: str, name: str | None) -> Account:
        clean_email, clean_name = self._rules.sign_up(email=email, password=password, name=name)
        password_hash = self._hashing.hash(password)
        try:
            with self._db.session() as db:
                if repo.get_user_by_email(db, email=clean_email) is not None:
                    raise EmailTaken(_taken(clean_email))
                user = repo.create_user(db, email=clean_email, name=clean_name, password_hash=password_hash)
                return Account.from_row(user)
        except IntegrityError:  # two sign-ups for one email at the same moment
            raise EmailTaken(_taken(clean_email)) from None

    def sign_in(self, *, email: str, password: str, client: str | None = None) -> Account:
        """Check the password, within the throttle; `client` is the caller's address for the per-client budget.

        Raises:
            InvalidInput: the email is not an email address.
            InvalidCredentials: no password, or a wrong password / unknown email (one message for both).
            TooManyAttempts: this email or this client must wait first; `retry_after_s` says how long.
        """
        clean_email = validation.normalise_email(email)
        user_id, stored_hash = self._password_checked(
            clean_email, password, client, missing="Enter your password.", wrong=WRONG_CREDENTIALS
        )
        assert user_id is not None and stored_hash is not None  # a dummy verification never succeeds
        new_hash = self._hashing.hash(password) if self._hashing.needs_rehash(stored_hash) else None
        with self._db.session() as db:
            self._throttle.succeeded(db, email=clean_email, now=self._clock())
            user = repo.get_user(db, user_id=user_id)
            if user is None:  # deleted a moment ago
                raise InvalidCredentials(WRONG_CREDENTIALS)
            user.last_sign_in_at = self._clock()
            if new_hash is not None:
                user.password_hash = new_hash
            return Account.from_row(user)

    def change_password(
        self, *, user_id: uuid.UUID, current_password: str, new_password: str, client: str | None = None
    ) -> Account:
        """Set a new password after checking the current one (throttled like sign-in); ends every sign-in.

        The caller starts a fresh sign-in for the browser that made the change.

        Raises:
            InvalidCredentials: the current password is wrong (nothing changes).
            InvalidInput: the new password is refused by the password rules.
            TooManyAttempts: too many wrong current passwords; wait first.
            NotFound: the account no longer exists.
        """
        with self._db.session() as db:
            user = repo.get_user(db, user_id=user_id)
            if user is None:
                raise NotFound("Your account no longer exists. Please sign up again.")
            email = user.email
        self._password_checked(
            email, current_password, client, missing="Enter your current password.", wrong=WRONG_CURRENT
        )
        return self._set_password(email, new_password)

    def _password_checked(
        self, email: str, password: str, client: str | None, *, missing: str, wrong: str
    ) -> tuple[uuid.UUID | None, str | None]:
        """The account's id and hash once `password` matched, within the throttle; a wrong one counts as a failure.

        Raises:
            InvalidCredentials: `missing` for an empty password, `wrong` for one that does not match.
            TooManyAttempts: this email or this client must wait first.
        """
        if not password:
            raise InvalidCredentials(missing)
        user_id, stored_hash = self._checked_hash(email, client)
        if not self._verify(stored_hash, password):
            self._failed(email, client)
            raise InvalidCredentials(wrong)
        return user_id, stored_hash

    def reset_password(self, *, email: str, new_password: str) -> Account:
        """Set a local account's password without the old one (the admin command); ends every sign-in.

        Raises:
            NotFound: no local account has that email.
            InvalidInput: the new password is refused by the password rules.
        """
        return self._set_password(validation.normalise_email(email), new_password)

    def _set_password(self, email: str, new_password: str) -> Account:
        self._rules.check_password(new_password, email=email)
        new_hash = self._hashing.hash(new_password)
        with self._db.session() as db:
            user = repo.get_user_by_email(db, email=email)
            if user is None or user.auth_provider != LOCAL:
                raise NotFound(f"There is no local account for {email}.")
            user.password_hash = new_hash
            repo.end_sign_ins_of_user(db, user_id=user.id, now=self._clock())
            self._throttle.succeeded(db, email=email)
            return Account.from_row(user)

    def _checked_hash(self, email: str, client: str | None) -> tuple[uuid.UUID | None, str | None]:
        """Apply the throttle, then read the account's hash (None when there is no local account)."""
        with self._db.session() as db:
            self._throttle.check(db, email=email, client=client, now=self._clock())
            user = repo.get_user_by_email(db, email=email)
            if user is None or user.password_hash is None:
                return None, None
            return user.id, user.password_hash

    def _verify(self, stored_hash: str | None, password: str) -> bool:
        """One argon2 verification either way, so known and unknown emails cost the same."""
        if stored_hash is None:
            self._hashing.verify_nothing(password)
            return False
        return self._hashing.verify(stored_hash, password)

    def _failed(self, email: str, client: str | None) -> None:
        try:
            with self._db.session() as db:
                self._throttle.failed(db, email=email, client=client, now=self._clock())
        except IntegrityError:  # two failures for a new email at the same moment: count it again
            with self._db.session() as db:
                self._throttle.failed(db, email=email, client=client, now=self._clock())

    def account(self, user_id: uuid.UUID) -> Account | None:
        with self._db.session() as db:
            user = repo.get_user(db, user_id=user_id)
            return Account.from_row(user) if user else None

    def sign_out(self, tokens: SessionTokens) -> None:
        """No tokens here: the browser's sign-in row is ended with `SignIns.end` (the UI does it at sign-out)."""

    def delete_identity(self, external_id: str) -> None:
        """Nothing to delete: the identity is our users row, which account deletion removes."""


def _taken(email: str) -> str:
    return f"An account for {email} already exists. Sign in instead, or use another email."
