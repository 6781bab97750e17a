"""Restoring a hosted sign-in from the cookie asks Supabase (real SDK, loopback server) whether it still holds."""

from __future__ import annotations

import pytest

from igym.auth.base import SessionExpired
from igym.auth.sign_ins import confirm_session
from igym.errors import ProviderError
from igym.hosted.auth import SupabaseAuth
from tests.supabase.conftest import PASSWORD
from tests.supabase_server import SupabaseServer

MARGIN_S = 120


def test_a_live_session_is_confirmed_with_get_user(auth: SupabaseAuth, supabase_server: SupabaseServer) -> None:
    supabase_server.add_user("live@example.com", PASSWORD)
    signed = auth.sign_in(email="live@example.com", password=PASSWORD)
    before = len(supabase_server.requests_to("/auth/v1/user"))
    confirmed = confirm_session(auth, signed.tokens, user_id=signed.account.id, refresh_margin_s=MARGIN_S)
    assert confirmed.account.id == signed.account.id and confirmed.tokens is signed.tokens
    assert len(supabase_server.requests_to("/auth/v1/user")) == before + 1


def test_a_cookie_copied_before_sign_out_stays_signed_out(auth: SupabaseAuth, supabase_server: SupabaseServer) -> None:
    supabase_server.add_user("copied@example.com", PASSWORD)
    signed = auth.sign_in(email="copied@example.com", password=PASSWORD)
    copied = signed.tokens  # what the sealed cookie holds
    auth.sign_out(signed.tokens)
    with pytest.raises(SessionExpired):
        confirm_session(auth, copied, user_id=signed.account.id, refresh_margin_s=MARGIN_S)


def test_a_session_revoked_in_supabase_stays_signed_out(auth: SupabaseAuth, supabase_server: SupabaseServer) -> None:
    supabase_server.add_user("revoked@example.com", PASSWORD)
    signed = auth.sign_in(email="revoked@example.com", password=PASSWORD)
    other = auth.sign_in(email="revoked@example.com", password=PASSWORD)
    auth.sign_out(other.tokens)  # another device's sign-out ends only that session
    assert confirm_session(auth, signed.tokens, user_id=signed.account.id, refresh_margin_s=MARGIN_S)
    with supabase_server._lock:  # an admin ends every session of the user in the dashboard
        supabase_server.revoked_sessions |= {sid for _, sid, _ in supabase_server._refresh.values()}
    with pytest.raises(SessionExpired):
        confirm_session(auth, signed.tokens, user_id=signed.account.id, refresh_margin_s=MARGIN_S)


def test_tokens_near_expiry_are_refreshed_and_a_dead_refresh_token_is_refused(
    auth: SupabaseAuth, supabase_server: SupabaseServer
) -> None:
    supabase_server.add_user("expiring@example.com", PASSWORD)
    supabase_server.access_ttl_s = 60  # inside the refresh margin at once
    signed = auth.sign_in(email="expiring@example.com", password=PASSWORD)
    refreshed = confirm_session(auth, signed.tokens, user_id=signed.account.id, refresh_margin_s=MARGIN_S)
    assert refreshed.tokens.refresh_token != signed.tokens.refresh_token  # rotated: the UI keeps the new ones
    with pytest.raises(SessionExpired):  # the old refresh token was used up by that refresh
        confirm_session(auth, signed.tokens, user_id=signed.account.id, refresh_margin_s=MARGIN_S)


def test_a_cookie_for_another_account_is_refused(auth: SupabaseAuth, supabase_server: SupabaseServer) -> None:
    supabase_server.add_user("mine@example.com", PASSWORD)
    supabase_server.add_user("theirs@example.com", PASSWORD)
    mine = auth.sign_in(email="mine@example.com", password=PASSWORD)
    theirs = auth.sign_in(email="theirs@example.com", password=PASSWORD)
    with pytest.raises(SessionExpired):
        confirm_session(auth, theirs.tokens, user_id=mine.account.id, refresh_margin_s=MARGIN_S)


def test_supabase_down_is_an_outage_not_a_sign_out(auth: SupabaseAuth, supabase_server: SupabaseServer) -> None:
    supabase_server.add_user("outage@example.com", PASSWORD)
    signed = auth.sign_in(email="outage@example.com", password=PASSWORD)
    supabase_server.fail(times=5, status=503, path="/auth/v1/user")
    with pytest.raises(ProviderError) as caught:
        confirm_session(auth, signed.tokens, user_id=signed.account.id, refresh_margin_s=MARGIN_S)
    assert not isinstance(caught.value, SessionExpired)
