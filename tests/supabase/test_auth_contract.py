"""SupabaseAuth over the real `supabase` SDK and the loopback server: every flow a user goes through, and errors."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import func, select

from igym.auth.base import PendingLink, SessionExpired, SignedIn
from igym.db.engine import Database
from igym.db.tables import User
from igym.errors import (
    AuthError,
    EmailTaken,
    InvalidCredentials,
    InvalidInput,
    ProviderUnavailable,
    TooManyAttempts,
)
from igym.hosted.auth import SupabaseAuth
from tests.supabase.conftest import PASSWORD, SERVER_TROUBLE
from tests.supabase_server import ANON_KEY, SERVICE_KEY, SupabaseServer


def _users(db: Database) -> list[User]:
    with db.session() as session:
        return list(session.scalars(select(User)))


def test_sign_up_creates_one_row_mapped_to_the_supabase_user(
    auth: SupabaseAuth, supabase_server: SupabaseServer, sqlite_db: Database
) -> None:
    result = auth.sign_up(email=" Ann@Example.com ", password=PASSWORD, name="Ann Lee")
    assert isinstance(result, SignedIn)
    remote = supabase_server.user_by_email("ann@example.com")
    assert remote is not None and remote.metadata == {"name": "Ann Lee"}
    [row] = _users(sqlite_db)
    assert (row.id, row.email, row.name) == (result.account.id, "ann@example.com", "Ann Lee")
    assert (row.auth_provider, row.external_id, row.password_hash) == ("supabase", remote.id, None)
    assert result.tokens.seconds_left() > 3000
    signup = supabase_server.requests_to("/auth/v1/signup")[0]
    assert signup.headers["apikey"] == ANON_KEY and signup.headers["authorization"] == f"Bearer {ANON_KEY}"


def test_signing_in_again_finds_the_same_row(auth: SupabaseAuth, sqlite_db: Database) -> None:
    created = auth.sign_up(email="bo@example.com", password=PASSWORD, name=None)
    assert isinstance(created, SignedIn)
    first = auth.sign_in(email="bo@example.com", password=PASSWORD)
    second = auth.sign_in(email="BO@example.com", password=PASSWORD)
    assert first.account.id == second.account.id == created.account.id
    assert first.tokens.access_token != second.tokens.access_token  # two sessions, one account
    with sqlite_db.session() as session:
        assert session.scalar(select(func.count()).select_from(User)) == 1


def test_wrong_password_is_a_clear_message_without_the_password(auth: SupabaseAuth) -> None:
    auth.sign_up(email="cy@example.com", password=PASSWORD, name=None)
    with pytest.raises(InvalidCredentials, match="don't match an account") as caught:
        auth.sign_in(email="cy@example.com", password="not-the-password-1")
    assert "not-the-password-1" not in str(caught.value)
    with pytest.raises(InvalidCredentials, match="don't match"):
        auth.sign_in(email="nobody@example.com", password=PASSWORD)
    with pytest.raises(InvalidCredentials, match="Enter your password"):
        auth.sign_in(email="cy@example.com", password="")


def test_duplicate_email_and_weak_password_are_refused(auth: SupabaseAuth, supabase_server: SupabaseServer) -> None:
    auth.sign_up(email="dee@example.com", password=PASSWORD, name=None)
    with pytest.raises(EmailTaken, match="already exists"):
        auth.sign_up(email="dee@example.com", password=PASSWORD, name=None)
    with pytest.raises(InvalidInput, match="at least 8"):
        auth.sign_up(email="eve@example.com", password="short1", name=None)
    assert supabase_server.user_by_email("eve@example.com") is None  # refused before any request


def test_refresh_rotates_tokens_and_a_used_refresh_token_is_refused(auth: SupabaseAuth) -> None:
    created = auth.sign_up(email="fay@example.com", password=PASSWORD, name=None)
    assert isinstance(created, SignedIn)
    refreshed = auth.refresh(created.tokens)
    assert refreshed.account.id == created.account.id
    assert refreshed.tokens.refresh_token != created.tokens.refresh_token
    assert auth.verify(refreshed.tokens).id == created.account.id
    with pytest.raises(SessionExpired, match="sign in again"):
        auth.refresh(created.tokens)  # the old refresh token was used up


def test_expired_access_token_is_refused_then_refresh_restores_the_session(
    auth: SupabaseAuth, supabase_server: SupabaseServer
) -> None:
    supabase_server.access_ttl_s = 1
    created = auth.sign_up(email="gus@example.com", password=PASSWORD, name=None)
    assert isinstance(created, SignedIn)
    time.sleep(1.2)
    assert created.tokens.seconds_left() < 0
    with pytest.raises(SessionExpired, match="expired"):
        auth.verify(created.tokens)
    supabase_server.access_ttl_s = 3600
    refreshed = auth.refresh(created.tokens)
    assert auth.verify(refreshed.tokens).email == "gus@example.com"


def test_sign_out_ends_only_this_browsers_session(auth: SupabaseAuth, supabase_server: SupabaseServer) -> None:
    auth.sign_up(email="hal@example.com", password=PASSWORD, name=None)
    laptop = auth.sign_in(email="hal@example.com", password=PASSWORD)
    phone = auth.sign_in(email="hal@example.com", password=PASSWORD)
    auth.sign_out(laptop.tokens)
    [logout] = supabase_server.requests_to("/auth/v1/logout")
    assert "scope=local" in logout.path
    assert logout.headers["authorization"] == f"Bearer {laptop.tokens.access_token}"
    with pytest.raises(SessionExpired):
        auth.refresh(laptop.tokens)
    assert auth.refresh(phone.tokens).account.email == "hal@example.com"  # the phone stays signed in
    auth.sign_out(laptop.tokens)  # signing out twice is harmless


def test_magic_link_with_pkce_code_signs_in_the_browser_that_asked(
    auth: SupabaseAuth, supabase_server: SupabaseServer
) -> None:
    pending = auth.send_magic_link(email="ivy@example.com")
    assert pending.purpose == "magiclink" and len(pending.code_verifier) >= 43
    assert pending.code_verifier not in repr(pending)
    otp = supabase_server.requests_to("/auth/v1/otp")[0]
    assert otp.json["code_challenge_method"] == "s256"
    mail = supabase_server.last_mail("ivy@example.com")
    assert mail.code is not None
    with pytest.raises(AuthError, match="same browser"):
        auth.complete_link(code=mail.code, pending=None)
    result = auth.complete_link(code=mail.code, pending=pending)
    assert result.account.email == "ivy@example.com" and not result.recovery
    with pytest.raises(AuthError, match="expired or was already used"):
        auth.complete_link(code=mail.code, pending=pending)
    wrong = PendingLink("x" * 64, "magiclink")
    auth.send_magic_link(email="ivy@example.com")
    with pytest.raises(AuthError, match="expired or was already used"):
        auth.complete_link(code=supabase_server.last_mail("ivy@example.com").code, pending=wrong)


def test_magic_link_with_token_hash_works_in_any_browser(auth: SupabaseAuth, supabase_server: SupabaseServer) -> None:
    auth.sign_up(email="jo@example.com", password=PASSWORD, name=None)
    auth.send_magic_link(email="jo@example.com")
    token_hash = supabase_server.last_mail("jo@example.com").token_hash
    result = auth.complete_link(token_hash=token_hash, link_type="magiclink")
    assert result.account.email == "jo@example.com"
    with pytest.raises(AuthError, match="expired or was already used"):
        auth.complete_link(token_hash=token_hash, link_type="magiclink")
    with pytest.raises(AuthError, match="expired or was already used"):
        auth.complete_link(token_hash="abc", link_type="not-a-type")


def test_password_reset_link_then_new_password(auth: SupabaseAuth, supabase_server: SupabaseServer) -> None:
    auth.sign_up(email="kai@example.com", password=PASSWORD, name=None)
    pending = auth.send_password_reset(email="kai@example.com")
    assert pending.purpose == "recovery"
    auth.send_password_reset(email="nobody@example.com")  # same answer for unknown addresses: no error
    mail = supabase_server.last_mail("kai@example.com")
    recovering = auth.complete_link(code=mail.code, pending=pending)
    assert recovering.recovery
    with pytest.raises(InvalidInput, match="at least 8"):
        auth.set_password(recovering.tokens, password="short1")
    auth.set_password(recovering.tokens, password="new-harbour-lights-7")
    with pytest.raises(InvalidCredentials):
        auth.sign_in(email="kai@example.com", password=PASSWORD)
    assert auth.sign_in(email="kai@example.com", password="new-harbour-lights-7").account.email == "kai@example.com"


def test_with_email_confirmation_sign_up_waits_for_the_link(
    auth: SupabaseAuth, supabase_server: SupabaseServer, sqlite_db: Database
) -> None:
    supabase_server.confirm_email = True
    result = auth.sign_up(email="lea@example.com", password=PASSWORD, name="Lea")
    assert isinstance(result, PendingLink) and result.purpose == "signup"
    assert _users(sqlite_db) == []  # no row until the user proves the address
    with pytest.raises(AuthError, match="Confirm your email"):
        auth.sign_in(email="lea@example.com", password=PASSWORD)
    confirmed = auth.complete_link(code=supabase_server.last_mail("lea@example.com").code, pending=result)
    assert confirmed.account.name == "Lea"
    assert auth.sign_in(email="lea@example.com", password=PASSWORD).account.id == confirmed.account.id


def test_email_changed_in_supabase_follows_into_our_row(auth: SupabaseAuth, supabase_server: SupabaseServer) -> None:
    created = auth.sign_up(email="max@example.com", password=PASSWORD, name=None)
    assert isinstance(created, SignedIn)
    remote = supabase_server.user_by_email("max@example.com")
    assert remote is not None
    remote.email = "max.new@example.com"
    again = auth.sign_in(email="max.new@example.com", password=PASSWORD)
    assert again.account.id == created.account.id and again.account.email == "max.new@example.com"


def test_existing_local_row_links_only_to_a_confirmed_address(
    auth: SupabaseAuth, supabase_server: SupabaseServer, sqlite_db: Database
) -> None:
    from igym.auth.local import LocalAuth

    local = LocalAuth(sqlite_db).sign_up(email="ned@example.com", password=PASSWORD, name="Ned")
    supabase_server.add_user("ned@example.com", PASSWORD, confirmed=True)
    linked = auth.sign_in(email="ned@example.com", password=PASSWORD)
    assert linked.account.id == local.id  # the earlier history stays with the person


@pytest.mark.parametrize(
    ("failure", "error", "message"),
    [
        *SERVER_TROUBLE,
        ({"status": 429}, TooManyAttempts, "wait a minute"),
        ({"bad_json": True}, ProviderUnavailable, "couldn't read"),
    ],
)
def test_outages_become_clear_errors(
    auth: SupabaseAuth, supabase_server: SupabaseServer, failure: dict[str, object], error: type, message: str
) -> None:
    supabase_server.add_user("oz@example.com", PASSWORD)
    supabase_server.fail(path="/auth/v1/token", **failure)
    with pytest.raises(error, match=message) as caught:
        auth.sign_in(email="oz@example.com", password=PASSWORD)
    assert ANON_KEY not in str(caught.value) and supabase_server.url not in str(caught.value)
    assert auth.sign_in(email="oz@example.com", password=PASSWORD).account.email == "oz@example.com"


def test_deleting_the_identity_uses_the_service_key(auth: SupabaseAuth, supabase_server: SupabaseServer) -> None:
    created = auth.sign_up(email="pia@example.com", password=PASSWORD, name=None)
    assert isinstance(created, SignedIn)
    remote = supabase_server.user_by_email("pia@example.com")
    assert remote is not None and auth.can_delete_identities
    auth.delete_identity(remote.id)
    [request] = supabase_server.requests_to("/auth/v1/admin/users/")
    assert request.method == "DELETE" and request.headers["authorization"] == f"Bearer {SERVICE_KEY}"
    assert supabase_server.user_by_email("pia@example.com") is None
    auth.delete_identity(remote.id)  # already gone: fine
    with pytest.raises(InvalidCredentials):
        auth.sign_in(email="pia@example.com", password=PASSWORD)


def test_tokens_never_show_in_a_repr(auth: SupabaseAuth) -> None:
    created = auth.sign_up(email="quin@example.com", password=PASSWORD, name=None)
    assert isinstance(created, SignedIn)
    text = repr(created)
    assert created.tokens.access_token not in text and created.tokens.refresh_token not in text
