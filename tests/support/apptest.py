"""Shared AppTest plumbing: a fresh app run signed in through the landing page (the `app_services` fixture
that seeds its data folder is in tests/conftest.py)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from igym.services import AppServices, build_services
from igym.ui.widgets import PAGES

ROOT = Path(__file__).resolve().parents[2]
APP_ENTRY = ROOT / "tests" / "support" / "app_entry.py"


def signed_in(email: str, password: str) -> AppTest:
    """A fresh app run, signed in through the landing page's form."""
    at = AppTest.from_file(str(APP_ENTRY), default_timeout=60).run()
    at.text_input(key="sign_in_email").input(email)
    at.text_input(key="sign_in_password").input(password)
    at.button[0].click()
    return at.run()


def started_interview(app: AppServices, email: str, password: str) -> uuid.UUID:
    """A new onboarded account with a warm-up behavioral interview begun; returns the session id."""
    account = app.auth.sign_up(email=email, password=password, name="Tab")
    assert not isinstance(account, str)
    app.users.update_onboarding(user_id=account.id, target_role="PM", interview_timeline="exploring")
    session = app.sessions.create(user_id=account.id, interview_type="behavioral", difficulty="warm_up")
    app.engine.begin(user_id=account.id, session_id=session.id)
    return session.id


def interview_tab(email: str, password: str, session_id: uuid.UUID) -> AppTest:
    """A signed-in app run on the interview page of `session_id` (as a tab opened on its link)."""
    at = signed_in(email, password)
    at.query_params["session"] = str(session_id)
    return at.switch_page(PAGES["interview"]).run()


def type_answer(at: AppTest, text: str) -> AppTest:
    """Type `text` into the interview page's answer box and submit it."""
    next(t for t in at.text_area if t.key and t.key.startswith("igym_page_text_")).input(text)
    next(b for b in at.button if b.label == "Submit answer").click()
    return at.run()


@contextmanager
def groq_backed_app(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, groq_url: str, *, stt: str, tts: str, llm: str
) -> Iterator[AppServices]:
    """Services using Groq at the loopback server for the capabilities set to "groq", and the same configuration
    in the environment for the AppTest app, which builds its own services (cleared before and after)."""
    from tests.conftest import make_settings

    monkeypatch.chdir(Path(__file__).resolve().parents[2])
    key = "gsk_loopback_key_0123456789abcdef"
    env = {"IGYM_DATA_DIR": str(tmp_path / "data"), "GROQ_API_KEY": key, "GROQ_BASE_URL": groq_url}
    env |= {"IGYM_STT": stt, "IGYM_TTS": tts, "IGYM_LLM": llm}
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    st.cache_resource.clear()
    built = build_services(
        make_settings(
            tmp_path,
            groq={"api_key": key, "base_url": groq_url},
            stt_provider=stt,
            tts_provider=tts,
            llm_provider=llm,
        )
    )
    try:
        yield built
    finally:
        built.db.engine.dispose()
        st.cache_resource.clear()

