"""In a real browser: filler highlights on the feedback page are drawn at WCAG AA contrast, and offline the page
says Regenerate needs an AI writer instead of offering a button that changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from igym.db import repository as repo
from igym.services import build_services
from tests.browser.conftest import ARTIFACTS
from tests.conftest import make_settings
from tests.feedback.test_feedback_service import _interview
from tests.feedback.test_rubric import FILLED, STRONG
from tests.support.contrast import contrast, over

pytestmark = pytest.mark.browser

# the colour, background and page background behind each element whose whole text is a filler word
_STYLES = """
() => [...document.querySelectorAll('[data-testid="stMarkdownContainer"] span')]
  .filter(el => /^(um|uh),?$/i.test(el.textContent.trim()) && el.children.length === 0)
  .map(el => {
    let node = el, background = 'rgba(0, 0, 0, 0)';
    while (node && background.endsWith(', 0)')) {
      background = getComputedStyle(node).backgroundColor; node = node.parentElement;
    }
    return {text: el.textContent, colour: getComputedStyle(el).color, background,
            page: getComputedStyle(document.querySelector('.stApp')).backgroundColor};
  })
"""


def test_filler_highlights_are_readable_and_visible(app_url: str, browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto(app_url)
    page.get_by_role("tab", name="Create account").click()
    form = page.locator("[data-testid='stForm']").filter(has_text="Create account")
    form.get_by_role("textbox", name="Email").fill("contrast@example.com")
    form.get_by_role("textbox", name="Password").fill("window-light-73")
    form.get_by_role("button", name="Create account").click()
    page.get_by_role("textbox", name="Or type your role").fill("Engineer")
    page.get_by_text("Within a month").click()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("Your first interview is two clicks away")).to_be_visible()

    app = build_services(make_settings(tmp_path))
    with app.db.session() as db:
        user = repo.get_user_by_email(db, email="contrast@example.com")
        assert user is not None
        user_id = user.id
    session_id = _interview(app, user_id, [FILLED, STRONG])
    app.db.engine.dispose()

    page.goto(f"{app_url}/feedback?session={session_id}")
    expect(page.get_by_role("heading", name="Transcript")).to_be_visible()
    expect(page.get_by_text("needs an AI writer", exact=False)).to_be_visible()
    assert page.get_by_role("button", name="Regenerate feedback").count() == 0
    highlighted = page.locator("[data-testid='stMarkdownContainer']", has_text="the billing database").first
    expect(highlighted).to_be_visible()  # the transcript with its highlights has been drawn
    page.wait_for_function(f"() => ({_STYLES})().length >= 5")
    styles = page.evaluate(_STYLES)
    ARTIFACTS.mkdir(exist_ok=True)
    highlighted.scroll_into_view_if_needed()
    highlighted.screenshot(path=str(ARTIFACTS / "feedback-fillers.png"))
    assert len(styles) >= 5, styles  # FILLED has many "um" and "uh"
    for style in styles:
        background = over(style["background"], style["page"])
        assert contrast(over(style["colour"], background), background) >= 4.5, style
        assert contrast(background, style["page"]) >= 4.5, style  # the highlight itself stands out
    context.close()
