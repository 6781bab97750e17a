"""Shared AppTest plumbing: a fresh app run signed in through the landing page (the `app_services` fixture
that seeds its data folder is in tests/conftest.py)."""

from __future__ import annotations

import uuid
from pathlib import Path

from streamlit.testing.v1 import AppTest

from igym.services import AppServices
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
