"""In a real browser: clicking a filler's mark on an answer's timeline plays its recording from that moment."""

from __future__ import annotations

from pathlib import Path

import pytest

from igym.db import repository as repo
from igym.services import build_services
from tests.browser.conftest import ARTIFACTS
from tests.feedback.test_answer_replay_page import record_first_answer
from tests.feedback.test_rubric import STRONG
from tests.support.browser_flows import signed_up_page

pytestmark = pytest.mark.browser

# The centre of the timeline's "Fillers" mark, found through Plotly's own figure data (not pixel guesses).
FILLER_MARK_CENTRE = """(plot) => {
  const i = plot._fullData.findIndex((t) => t.name === 'Fillers');
  const point = plot.querySelectorAll('.scatterlayer .trace')[i].querySelector('.points path');
  const box = point.getBoundingClientRect();
  return {x: box.x + box.width / 2, y: box.y + box.height / 2};
}"""


def test_clicking_a_filler_mark_plays_the_answer_from_there(app_url: str, browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    from tests.conftest import make_settings
    from tests.feedback.test_feedback_service import _interview

    page = signed_up_page(browser, app_url, "timeline@example.com")
    app = build_services(make_settings(tmp_path))
    with app.db.session() as db:
        user = repo.get_user_by_email(db, email="timeline@example.com")
        assert user is not None
        user_id = user.id
    session_id = _interview(app, user_id, [STRONG])
    record_first_answer(app, session_id)
    app.db.engine.dispose()

    page.goto(f"{app_url}/feedback?session={session_id}")
    timeline = page.locator(".js-plotly-plot").filter(has_text="Timeline")
    expect(timeline).to_be_visible()
    expect(page.locator("audio")).to_have_count(1)
    timeline.scroll_into_view_if_needed()
    centre = timeline.evaluate(FILLER_MARK_CENTRE)
    page.mouse.click(centre["x"], centre["y"])

    expect(page.get_by_text("Playing from 1 s (the mark you clicked).")).to_be_visible()
    page.wait_for_function("() => { const a = document.querySelector('audio'); return a && a.currentTime >= 1; }")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "timeline-click-to-play.png"), full_page=True)
    page.context.close()
