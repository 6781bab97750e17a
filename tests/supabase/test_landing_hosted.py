"""The app in hosted mode (Supabase Auth at the loopback server), as a user meets it through AppTest."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from igym.auth.base import SessionTokens
from igym.auth.tokens import TokenSigner
from tests.supabase.conftest import PASSWORD
from tests.supabase_server import ANON_KEY, SupabaseServer

ROOT = Path(__file__).resolve().parents[2]
SECRET = "test-secret-key-0123456789abcdef"


@pytest.fixture
def hosted_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, supabase_server: SupabaseServer) -> Iterator[None]:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("IGYM_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("IGYM_SECRET_KEY", SECRET)
    monkeypatch.setenv("SUPABASE_URL", supabase_server.url)
    monkeypatch.setenv("SUPABASE_ANON_KEY", ANON_KEY)
    monkeypatch.setenv("IGYM_SUPABASE_TIMEOUT_S", "3")
    st.cache_resource.clear()
    yield
    st.cache_resource.clear()


def _app() -> AppTest:
    return AppTest.from_file(str(ROOT / "tests" / "support" / "app_entry.py"), default_timeout=30).run()


def _texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [t.value for t in at.title] + [s.value for s in at.subheader]
    parts += [e.value for e in at.error] + [i.value for i in at.info] + [s.value for s in at.success]
    parts += [t.value for t in at.text]
    return "\n".join(str(p) for p in parts)


def _submit(at: AppTest, label: str) -> AppTest:
    next(b for b in at.button if b.label == label).click()
    return at.run()


def _sign_up(at: AppTest, email: str) -> AppTest:
    at.text_input(key="sign_up_name").input("Ann Lee")
    at.text_input(key="sign_up_email").input(email)
    at.text_input(key="sign_up_password").input(PASSWORD)
    return _submit(at, "Create account")


def test_hosted_sign_up_signs_in_and_seals_the_tokens_in_the_cookie(
    hosted_env: None, supabase_server: SupabaseServer
) -> None:
    at = _app()
    assert "Email me a sign-in link instead" in [e.label for e in at.expander]
    at = _sign_up(at, "ann@example.com")
    assert not at.exception
    assert "Welcome, Ann Lee" in _texts(at)
    assert supabase_server.user_by_email("ann@example.com") is not None
    tokens = at.session_state["igym_supabase_tokens"]
    assert isinstance(tokens, SessionTokens)
    action, cookie = at.session_state["igym_cookie_pending"]
    assert action == "set"
    assert tokens.refresh_token not in cookie and tokens.access_token not in cookie  # sealed, not just signed
    opened = TokenSigner(SECRET.encode(), lifetime=timedelta(days=1)).unseal(cookie)
    assert opened is not None and opened["rt"] == tokens.refresh_token


def test_hosted_wrong_password_shows_a_clear_message(hosted_env: None, supabase_server: SupabaseServer) -> None:
    supabase_server.add_user("bo@example.com", PASSWORD)
    at = _app()
    at.text_input(key="sign_in_email").input("bo@example.com")
    at.text_input(key="sign_in_password").input("wrong-password-1")
    at = _submit(at, "Sign in")
    assert not at.exception
    assert "don't match an account" in _texts(at)
    at.text_input(key="sign_in_password").input(PASSWORD)
    at = _submit(at, "Sign in")
    assert "Welcome" in _texts(at)


def test_tokens_are_refreshed_on_a_run_close_to_expiry(
    hosted_env: None, supabase_server: SupabaseServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("IGYM_SUPABASE_REFRESH_MARGIN_S", "600")
    supabase_server.access_ttl_s = 300  # always inside the margin: every run refreshes
    at = _sign_up(_app(), "cy@example.com")
    before = at.session_state["igym_supabase_tokens"]
    refreshes = len(supabase_server.requests_to("grant_type=refresh_token"))
    at = at.run()
    assert len(supabase_server.requests_to("grant_type=refresh_token")) > refreshes
    after = at.session_state["igym_supabase_tokens"]
    assert after.refresh_token != before.refresh_token and "Welcome" in _texts(at)


def test_expired_session_that_cannot_refresh_signs_out_with_a_notice(
    hosted_env: None, supabase_server: SupabaseServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("IGYM_SUPABASE_REFRESH_MARGIN_S", "600")
    at = _sign_up(_app(), "dee@example.com")
    tokens = at.session_state["igym_supabase_tokens"]
    at.session_state["igym_supabase_tokens"] = SessionTokens(tokens.access_token, "revoked-or-unknown", 0)
    at = at.run()
    assert not at.exception
    assert "Your sign-in has expired" in _texts(at)
    assert at.text_input(key="sign_in_email") is not None  # back on the landing page


def _open_link(token_hash: str, link_type: str) -> AppTest:
    """The app opened from an e-mailed link: its URL carries the token hash and the link type."""
    opened = AppTest.from_file(str(ROOT / "tests" / "support" / "app_entry.py"), default_timeout=30)
    opened.query_params["token_hash"] = token_hash
    opened.query_params["type"] = link_type
    return opened.run()


def test_magic_link_token_hash_signs_in_and_leaves_the_url(hosted_env: None, supabase_server: SupabaseServer) -> None:
    at = _app()
    at.text_input(key="magic_link_email").input("eve@example.com")
    at = _submit(at, "Send me a link")
    assert "Check your inbox" in _texts(at)
    opened = _open_link(supabase_server.last_mail("eve@example.com").token_hash, "magiclink")
    assert not opened.exception
    assert "Welcome" in _texts(opened)
    assert "token_hash" not in opened.query_params and "type" not in opened.query_params


def test_password_reset_link_asks_for_a_new_password(hosted_env: None, supabase_server: SupabaseServer) -> None:
    supabase_server.add_user("fay@example.com", PASSWORD)
    at = _app()
    at.text_input(key="reset_email").input("fay@example.com")
    at = _submit(at, "Send me a reset link")
    assert "reset link is on its way" in _texts(at)
    opened = _open_link(supabase_server.last_mail("fay@example.com").token_hash, "recovery")
    assert "Choose a new password" in _texts(opened)
    opened.text_input(key="new_password").input("short1")
    opened = _submit(opened, "Save password and sign in")
    assert "at least 8" in _texts(opened)
    opened.text_input(key="new_password").input("new-harbour-lights-7")
    opened = _submit(opened, "Save password and sign in")
    assert not opened.exception and "Welcome" in _texts(opened)
    assert supabase_server.user_by_email("fay@example.com").password == "new-harbour-lights-7"  # type: ignore[union-attr]


def test_a_bad_link_says_so_on_the_landing_page(hosted_env: None) -> None:
    opened = AppTest.from_file(str(ROOT / "tests" / "support" / "app_entry.py"), default_timeout=30)
    opened.query_params["code"] = "not-a-real-code"
    opened = opened.run()
    assert not opened.exception
    assert "same browser where you asked for it" in _texts(opened)
    assert "code" not in opened.query_params


def test_hosted_sign_out_revokes_only_this_browser(hosted_env: None, supabase_server: SupabaseServer) -> None:
    at = _sign_up(_app(), "gus@example.com")
    at.selectbox[0].select("Software Engineer")
    at.radio[0].set_value("within_month")
    at.button[0].click()
    at = at.run()
    assert "Hi Ann Lee" in _texts(at)
    at.button(key="sign_out").click()
    at = at.run()
    assert not at.exception
    assert at.text_input(key="sign_in_email") is not None
    [logout] = supabase_server.requests_to("/auth/v1/logout")
    assert "scope=local" in logout.path
    assert "igym_supabase_tokens" not in at.session_state
