"""Steps the browser tests share: a new account through the landing page, and one of its interviews' feedback."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from igym.db import repository as repo
from igym.services import build_services

PASSWORD = "window-light-73"


def signed_up_page(browser: Any, app_url: str, email: str) -> Any:
    """A new page on the app, signed up as `email` and through onboarding, on the dashboard."""
    from playwright.sync_api import expect

    page = browser.new_context().new_page()
    page.set_default_timeout(30_000)
    page.goto(app_url)
    page.get_by_role("tab", name="Create account").click()
    create_account_and_onboard(page, email)
    expect(page.get_by_text("Your first interview is two clicks away")).to_be_visible()
    return page


def create_account_and_onboard(
    page: Any, email: str, *, role: str = "Engineer", before_continue: Callable[[], None] | None = None
) -> None:
    """On the landing page's open "Create account" tab: sign up as `email`, then answer the onboarding questions.

    `before_continue` runs once the onboarding answers are filled in (the live test takes a screenshot there).
    """
    form = page.locator("[data-testid='stForm']").filter(has_text="Create account")
    form.get_by_role("textbox", name="Email").fill(email)
    form.get_by_role("textbox", name="Password").fill(PASSWORD)
    form.get_by_role("button", name="Create account").click()
    page.get_by_role("textbox", name="Or type your role").fill(role)
    page.get_by_text("Within a month").click()
    if before_continue is not None:
        before_continue()
    page.get_by_role("button", name="Continue").click()


def open_feedback_of_typed_interview(
    page: Any, app_url: str, tmp_path: Path, email: str, answers: Sequence[str]
) -> None:
    """Complete an interview of `email`'s with typed `answers` (straight through the services, on the app's
    database) and open its feedback page."""
    from playwright.sync_api import expect

    from tests.conftest import make_settings
    from tests.feedback.test_feedback_service import _interview

    app = build_services(make_settings(tmp_path))
    with app.db.session() as db:
        user = repo.get_user_by_email(db, email=email)
        assert user is not None
        user_id = user.id
    session_id = _interview(app, user_id, list(answers))
    app.db.engine.dispose()
    page.goto(f"{app_url}/feedback?session={session_id}")
    expect(page.get_by_role("heading", name="Transcript")).to_be_visible()


def start_live_answering(page: Any) -> None:
    """Start answering out loud on the interview page, as a candidate does, and wait until it has taken.

    The one step is the page's "Start the interview" button (after a refresh too): it starts the microphone
    and plays the question. When the interview was already started and the microphone was stopped, the live
    component's own "Start microphone" starts it again. Either way the wait is for its "Stop microphone":
    the connection is negotiated then, which on a busy machine takes seconds, so the wait is long and nothing
    is clicked twice. Every browser test and bench starts a live answer through this one function.
    """
    from playwright.sync_api import expect

    frame = page.frame_locator("iframe[title*='streamlit_webrtc']").first
    start = page.get_by_role("button", name="Start the interview")
    restart = frame.get_by_role("button", name="Start microphone")
    expect(start.or_(page.locator("iframe[title*='streamlit_webrtc']"))).to_be_visible(timeout=90_000)
    if start.count() and start.is_visible():
        start.click()
    else:
        restart.click()
    expect(frame.get_by_role("button", name="Stop microphone")).to_be_visible(timeout=90_000)
