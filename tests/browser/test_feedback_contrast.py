"""In a real browser: filler highlights on the feedback page are drawn at WCAG AA contrast, and offline the page
says Regenerate needs an AI writer instead of offering a button that changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.conftest import ARTIFACTS
from tests.feedback.test_rubric import FILLED, STRONG
from tests.support.browser_flows import open_feedback_of_typed_interview, signed_up_page
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

    page = signed_up_page(browser, app_url, "contrast@example.com")
    open_feedback_of_typed_interview(page, app_url, tmp_path, "contrast@example.com", [FILLED, STRONG])
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
    page.context.close()
