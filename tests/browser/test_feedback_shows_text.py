"""In a real browser: HTML and script typed as an answer appear on the feedback page as text, and never run."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.conftest import ARTIFACTS
from tests.feedback.test_rubric import STRONG
from tests.support.browser_flows import open_feedback_of_typed_interview, signed_up_page

pytestmark = pytest.mark.browser

ATTACK = (
    "<script>window.__xss = 1</script><img src=x onerror=\"window.__xss = 2\"> "
    "<b>I led</b> the **rollout** and [click here](javascript:alert(1)) we cut costs by 20%."
)


def test_html_in_an_answer_is_shown_as_text(app_url: str, browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    page = signed_up_page(browser, app_url, "html@example.com")
    open_feedback_of_typed_interview(page, app_url, tmp_path, "html@example.com", [ATTACK, STRONG])
    expect(page.get_by_text("<script>window.__xss = 1</script>", exact=False).first).to_be_visible()
    expect(page.get_by_text("<b>I led</b> the **rollout**", exact=False).first).to_be_visible()
    expect(page.locator(".js-plotly-plot .bars").first).to_be_visible()  # the scores chart drew its bars
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "feedback-page.png"), full_page=True)
    assert page.evaluate("window.__xss") is None
    assert page.locator("b", has_text="I led").count() == 0
    assert page.locator("img[src='x']").count() == 0
    assert page.locator("a[href^='javascript']").count() == 0
    page.context.close()
