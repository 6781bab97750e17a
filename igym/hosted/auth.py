"""Supabase Auth for the hosted mode: sign-up, password and e-mail-link sign-in, refresh, sign-out, reset.

Identity lives in Supabase; everything else stays in our database. Each Supabase user maps to exactly one row
of our users table (``auth_provider="supabase"``, ``external_id`` = the Supabase user id), created on the
first sign-in and found again afterwards, with the e-mail kept in step. A new row also takes the Supabase id
as its primary key, so storage keys (``<user_id>/...``) match the usual Storage policy on ``auth.uid()``.
All our data access then goes through our user id, exactly as for local accounts.

Thread-safety and identity: an instance holds only configuration, the `Database` and a `SupabaseConnector`,
so one instance serves every browser session. No SDK client outlives a call: each method builds its own
(see `igym.hosted.client`) and returns the tokens as plain `SessionTokens` for the caller to keep per
browser session. Two users signing in at the same moment therefore never touch the same client.

Errors: SDK and HTTP errors become igym errors with messages written for users. Messages and log lines carry
Supabase's error *code* at most, never a token, a key or a link.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Literal

import httpx
from pydantic import ValidationError
from sqlalchemy.exc import IntegrityError
from supabase_auth import SyncMemoryStorage
from supabase_auth.constants import STORAGE_KEY
from supabase_auth.errors import AuthApiError, AuthRetryableError, AuthWeakPasswordError
from supabase_auth.errors import AuthError as SdkAuthError
from supabase_auth.types import Session as SdkSession
from supabase_auth.types import User as SdkUser

from igym.auth import validation
from igym.auth.base import Account, PendingLink, SessionExpired, SessionTokens, SignedIn
from igym.db import repository as repo
from igym.db.engine import Database
from igym.db.repository.users import get_user_by_external_id
from igym.db.tables import utcnow
from igym.errors import (
    AuthError,
    EmailTaken,
    IgymError,
    InvalidCredentials,
    InvalidInput,
    ProviderUnavailable,
    TooManyAttempts,
)
from igym.hosted.client import SupabaseConnector, network_error

log = logging.getLogger(__name__)

PROVIDER = "supabase"
SERVICE = "the sign-in service"
WRONG_CREDENTIALS = "That email and password don't match an account. Check both, or create an account."
EXPIRED = "Your sign-in has expired. Please sign in again."
BAD_LINK = "This sign-in link has expired or was already used. Ask for a new one."
LINK_TYPES = ("email", "magiclink", "signup", "recovery", "invite", "email_change")

_EXPIRED_CODES = {
    "bad_jwt",
    "session_not_found",
    "session_expired",
    "refresh_token_not_found",
    "refresh_token_already_used",
    "user_not_found",
    "no_authorization",
}
_LINK_CODES = {"otp_expired", "flow_state_not_found", "flow_state_expired", "bad_code_verifier", "bad_oauth_state"}
_RATE_CODES = {"over_request_rate_limit", "over_email_send_rate_limit", "over_sms_send_rate_limit"}


def map_auth_error(exc: Exception) -> IgymError:
    """The igym error for an SDK / transport failure of an auth call (see the module docstring)."""
    if isinstance(exc, AuthWeakPasswordError):
        return InvalidInput("That password is too easy to guess. Choose a longer one mixing words and numbers.")
    if isinstance(exc, AuthApiError):
        code, status = str(exc.code or ""), exc.status
        log.info("supabase auth refused a request: status=%s code=%s", status, code or "-")
        if code == "invalid_credentials" or (status == 400 and code in ("", "invalid_grant")):
            return InvalidCredentials(WRONG_CREDENTIALS)
        if code == "email_not_confirmed":
            return AuthError("Confirm your email first: open the link we sent you, then sign in.")
        if code in ("user_already_exists", "email_exists"):
            return EmailTaken("An account for that email already exists. Sign in instead, or use another email.")
        if code in _LINK_CODES:
            return AuthError(BAD_LINK)
        if code in _RATE_CODES or status == 429:
            return TooManyAttempts("Too many attempts. Please wait a minute and try again.", retry_after_s=60)
        if code in _EXPIRED_CODES or status in (401, 403):
            return SessionExpired(EXPIRED)
        if code in ("signup_disabled", "email_provider_disabled", "otp_disabled"):
            return AuthError("New accounts can't be created here right now.")
        if code == "email_address_invalid" or code == "validation_failed":
            return InvalidInput("That doesn't look like an email address we can use.")
        if status >= 500:
            return ProviderUnavailable("The sign-in service is having trouble. Please try again in a moment.")
        return AuthError(f"Sign-in failed ({code or status}). Please try again.")
    if isinstance(exc, AuthRetryableError):
        cause = exc.__cause__
        if isinstance(cause, httpx.HTTPError):
            return network_error(cause, service=SERVICE)
        return ProviderUnavailable("The sign-in service is having trouble. Please try again in a moment.")
    if isinstance(exc, httpx.HTTPError):
        return network_error(exc, service=SERVICE)
    if isinstance(exc, ValidationError | ValueError):
        return ProviderUnavailable("The sign-in service sent an answer we couldn't read. Please try again.")
    return AuthError("Sign-in failed. Please try again.")


@contextmanager
def _mapped() -> Iterator[None]:
    try:
        yield
    except IgymError:
        raise
    except (SdkAuthError, httpx.HTTPError, ValidationError, ValueError) as exc:
        raise map_auth_error(exc) from exc


def _verifier(storage: SyncMemoryStorage) -> str:
    stored = storage.get_item(f"{STORAGE_KEY}-code-verifier") or ""
    return stored.partition("/")[0]


class SupabaseAuth:
    """Sign-in flows against Supabase Auth; returns our `Account` plus the tokens the UI keeps per session."""

    provider = PROVIDER
    uses_tokens = True
    sends_email_links = True
    can_change_password = False

    def __init__(
        self,
        db: Database,
        connector: SupabaseConnector,
        *,
        rules: validation.AccountRules | None = None,
        redirect_url: str | None = None,
    ) -> None:
        self._db = db
        self._connector = connector
        self._rules = rules or validation.AccountRules()
        self._redirect_url = redirect_url

    @property
    def can_delete_identities(self) -> bool:
        """Deleting a Supabase Auth user needs the service-role key; without it only our rows and files go."""
        return self._connector.has_service_role

    # --- sign-up and sign-in -------------------------------------------------------------------------------

    def sign_up(self, *, email: str, password: str, name: str | None) -> SignedIn | PendingLink:
        """Create the Supabase user; a `PendingLink` means "confirm your e-mail first" (confirmations on)."""
        clean_email, clean_name = self._rules.sign_up(email=email, password=password, name=name)
        options: dict[str, Any] = {"data": {"name": clean_name} if clean_name else {}}
        if self._redirect_url:
            options["email_redirect_to"] = self._redirect_url
        storage = SyncMemoryStorage()
        with _mapped(), self._connector.user_client(storage=storage) as client:
            response = client.auth.sign_up({"email": clean_email, "password": password, "options": options})  # type: ignore[typeddict-item]
        if response.session is None:
            return PendingLink(_verifier(storage), "signup")
        return self._signed_in(response.session)

    def sign_in(self, *, email: str, password: str, client: str | None = None) -> SignedIn:
        """Password sign-in; throttling is Supabase Auth's own (its rate limits), so `client` is not used here."""
        clean_email = validation.normalise_email(email)
        if not password:
            raise InvalidCredentials("Enter your password.")
        with _mapped(), self._connector.user_client() as sdk:
            response = sdk.auth.sign_in_with_password({"email": clean_email, "password": password})
        if response.session is None:
            raise AuthError("Confirm your email first: open the link we sent you, then sign in.")
        return self._signed_in(response.session)

    def send_magic_link(self, *, email: str) -> PendingLink:
        """E-mail a one-click sign-in link (it creates the account if there is none)."""
        clean_email = validation.normalise_email(email)
        options: dict[str, Any] = {"should_create_user": True}
        if self._redirect_url:
            options["email_redirect_to"] = self._redirect_url
        storage = SyncMemoryStorage()
        with _mapped(), self._connector.user_client(storage=storage) as client:
            client.auth.sign_in_with_otp({"email": clean_email, "options": options})  # type: ignore[typeddict-item]
        return PendingLink(_verifier(storage), "magiclink")

    def send_password_reset(self, *, email: str) -> PendingLink:
        """E-mail a password-reset link; the same answer whether or not the address has an account."""
        clean_email = validation.normalise_email(email)
        options: dict[str, Any] = {"redirect_to": self._redirect_url} if self._redirect_url else {}
        storage = SyncMemoryStorage()
        with _mapped(), self._connector.user_client(storage=storage) as client:
            client.auth.reset_password_for_email(clean_email, options)  # type: ignore[arg-type]
        return PendingLink(_verifier(storage), "recovery")

    def complete_link(
        self,
        *,
        code: str | None = None,
        token_hash: str | None = None,
        link_type: str | None = None,
        pending: PendingLink | None = None,
    ) -> SignedIn:
        """Finish the sign-in an e-mail link started: ``token_hash``+``type``, or a PKCE ``code``.

        A ``code`` needs the verifier kept (in a sealed cookie) by the browser that asked for the link; a
        ``token_hash`` (Supabase's server-side e-mail template) works in any browser.
        """
        if token_hash:
            if link_type not in LINK_TYPES:
                raise AuthError(BAD_LINK)
            with _mapped(), self._connector.user_client() as client:
                response = client.auth.verify_otp({"token_hash": token_hash, "type": link_type})  # type: ignore[typeddict-item]
            recovery = link_type == "recovery"
        elif code:
            if pending is None:
                raise AuthError(
                    "Open the link in the same browser where you asked for it, or ask for a new link here."
                )
            with _mapped(), self._connector.user_client() as client:
                response = client.auth.exchange_code_for_session(
                    {"auth_code": code, "code_verifier": pending.code_verifier, "redirect_to": ""}
                )
            recovery = pending.purpose == "recovery"
        else:
            raise AuthError(BAD_LINK)
        if response.session is None:
            raise AuthError(BAD_LINK)
        return self._signed_in(response.session, recovery=recovery)

    # --- an existing session -------------------------------------------------------------------------------

    def refresh(self, tokens: SessionTokens) -> SignedIn:
        """New tokens for a session (the refresh token rotates: keep the returned one, drop the old)."""
        try:
            with _mapped(), self._connector.user_client() as client:
                response = client.auth.refresh_session(tokens.refresh_token)
        except InvalidCredentials as exc:  # older Auth servers answer a dead refresh token with invalid_grant
            raise SessionExpired(EXPIRED) from exc
        if response.session is None:
            raise SessionExpired(EXPIRED)
        return self._signed_in(response.session)

    def verify(self, tokens: SessionTokens) -> Account:
        """Ask Supabase whose access token this is (raises `SessionExpired` when it no longer holds)."""
        with _mapped(), self._connector.user_client() as client:
            response = client.auth.get_user(tokens.access_token)
        if response is None:
            raise SessionExpired(EXPIRED)
        return self._account_for(response.user)

    def set_password(self, tokens: SessionTokens, *, password: str, email: str = "") -> SignedIn:
        """Change the password of the signed-in user (after a reset link, or from the profile)."""
        self._rules.check_password(password, email=email)
        with _mapped(), self._connector.user_client() as client:
            client.auth.set_session(tokens.access_token, tokens.refresh_token)
            client.auth.update_user({"password": password})
            session = client.auth.get_session()
        if session is None:
            raise SessionExpired(EXPIRED)
        return self._signed_in(session)

    def change_password(
        self, *, user_id: uuid.UUID, current_password: str, new_password: str, client: str | None = None
    ) -> Account:
        raise AuthError("Change your password with “Forgot your password?” on the sign-in page.")

    def sign_out(self, tokens: SessionTokens) -> None:
        """Revoke this browser's session only (scope ``local``); other devices stay signed in.

        An already expired or revoked session counts as signed out. Transport errors are raised so the caller
        can tell the user, but the caller forgets the tokens either way.
        """
        if tokens.seconds_left() < 5:
            try:
                tokens = self.refresh(tokens).tokens
            except SessionExpired:
                return
        try:
            with _mapped(), self._connector.user_client() as client:
                client.auth.admin.sign_out(tokens.access_token, "local")
        except SessionExpired:
            return

    def delete_identity(self, external_id: str) -> None:
        """Delete the Supabase Auth user (needs the service-role key); an already deleted one is fine."""
        client = self._connector.service_client()
        if client is None:
            raise ProviderUnavailable("Deleting the sign-in identity needs SUPABASE_SERVICE_ROLE_KEY on the server.")
        try:
            with _mapped():
                client.auth.admin.delete_user(external_id)
        except SessionExpired:  # 404 user_not_found and friends: nothing left to delete
            return

    def account(self, user_id: uuid.UUID) -> Account | None:
        with self._db.session() as db:
            user = repo.get_user(db, user_id=user_id)
            return Account.from_row(user) if user else None

    # --- mapping a Supabase user to our row ----------------------------------------------------------------

    def _signed_in(self, session: SdkSession, *, recovery: bool = False) -> SignedIn:
        expires_at = session.expires_at or int(time.time()) + int(session.expires_in)
        tokens = SessionTokens(session.access_token, session.refresh_token, int(expires_at))
        return SignedIn(self._account_for(session.user), tokens, recovery)

    def _account_for(self, user: SdkUser) -> Account:
        try:
            return self._find_or_create(user)
        except IntegrityError:  # two tabs finishing their first sign-in at the same moment
            return self._find_or_create(user)

    def _find_or_create(self, user: SdkUser) -> Account:
        if not user.email:
            raise AuthError("This account has no email address; sign in with email instead.")
        email = user.email.strip().lower()
        with self._db.session() as db:
            row = get_user_by_external_id(db, auth_provider=PROVIDER, external_id=user.id)
            if row is None:
                row = repo.get_user_by_email(db, email=email)
                if row is not None:
                    _check_can_link(row.auth_provider, row.external_id, confirmed=user.email_confirmed_at is not None)
                    row.auth_provider, row.external_id = PROVIDER, user.id
                else:
                    name = self._rules.clean_name(str(user.user_metadata.get("name") or "") or None)
                    row = repo.create_user(
                        db,
                        email=email,
                        name=name,
                        password_hash=None,
                        auth_provider=PROVIDER,
                        external_id=user.id,
                        user_id=_same_id(user.id),
                    )
            elif row.email != email and repo.get_user_by_email(db, email=email) is None:
                row.email = email  # changed in Supabase: follow it
            row.last_sign_in_at = utcnow()
            db.flush()
            return Account.from_row(row)


def _same_id(supabase_id: str) -> uuid.UUID | None:
    """A new row takes the Supabase user id as its own id, so Storage policies on ``auth.uid()`` match our keys."""
    try:
        return uuid.UUID(supabase_id)
    except ValueError:
        return None


def _check_can_link(auth_provider: str, external_id: str | None, *, confirmed: bool) -> None:
    """Only a confirmed e-mail may take over a row that a local account (same address) already owns."""
    if external_id is not None or not confirmed:
        kind: Literal["linked", "unconfirmed"] = "linked" if external_id is not None else "unconfirmed"
        log.warning("refused to map a supabase user onto an existing row (%s, provider=%s)", kind, auth_provider)
        raise EmailTaken("An account for that email already exists here. Confirm your email, or contact support.")
