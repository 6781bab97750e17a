"""In a real browser: HTML and script typed as an answer appear on the feedback page as text, and never run."""

from __future__ import annotations

from pathlib import Path

import pytest

from igym.db import repository as repo
from igym.services import build_services
from tests.browser.conftest import ARTIFACTS
from tests.conftest import make_settings
from tests.feedback.test_feedback_service import _interview
from tests.feedback.test_rubric import STRONG

pytestmark = pytest.mark.browser

ATTACK = (
    "<script>window.__xss = 1</script><img src=x onerror=\"window.__xss = 2\"> "
    "<b>I led</b> the **rollout** and [click here](javascript:alert(1)) we cut costs by 20%."
)


def test_html_in_an_answer_is_shown_as_text(app_url: str, browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto(app_url)
    page.get_by_role("tab", name="Create account").click()
    form = page.locator("[data-testid='stForm']").filter(has_text="Create account")
    form.get_by_role("textbox", name="Email").fill("html@example.com")
    form.get_by_role("textbox", name="Password").fill("window-light-73")
    form.get_by_role("button", name="Create account").click()
    page.get_by_role("textbox", name="Or type your role").fill("Engineer")
    page.get_by_text("Within a month").click()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("Your first interview is two clicks away")).to_be_visible()

    app = build_services(make_settings(tmp_path))
    with app.db.session() as db:
        user = repo.get_user_by_email(db, email="html@example.com")
        assert user is not None
        user_id = user.id
    session_id = _interview(app, user_id, [ATTACK, STRONG])
    app.db.engine.dispose()

    page.goto(f"{app_url}/feedback?session={session_id}")
    expect(page.get_by_role("heading", name="Transcript")).to_be_visible()
    expect(page.get_by_text("<script>window.__xss = 1</script>", exact=False).first).to_be_visible()
    expect(page.get_by_text("<b>I led</b> the **rollout**", exact=False).first).to_be_visible()
    expect(page.locator(".js-plotly-plot .bars").first).to_be_visible()  # the scores chart drew its bars
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "feedback-page.png"), full_page=True)
    assert page.evaluate("window.__xss") is None
    assert page.locator("b", has_text="I led").count() == 0
    assert page.locator("img[src='x']").count() == 0
    assert page.locator("a[href^='javascript']").count() == 0
    context.close()
