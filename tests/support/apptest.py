"""Shared AppTest plumbing: a fresh app run signed in through the landing page (the `app_services` fixture
that seeds its data folder is in tests/conftest.py)."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
APP_ENTRY = ROOT / "tests" / "support" / "app_entry.py"


def signed_in(email: str, password: str) -> AppTest:
    """A fresh app run, signed in through the landing page's form."""
    at = AppTest.from_file(str(APP_ENTRY), default_timeout=60).run()
    at.text_input(key="sign_in_email").input(email)
    at.text_input(key="sign_in_password").input(password)
    at.button[0].click()
    return at.run()
