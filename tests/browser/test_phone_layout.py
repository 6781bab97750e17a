"""In a real browser the size of a phone (390×844, touch): every page fits the screen, the sidebar menu does not
stay over the page after choosing one, and the recent-sessions table shows Status, Duration and Score.

Issue 17: on a phone the sidebar stayed open over every page opened from it, and the dashboard's table cut
Status off and left Duration and Score off-screen. The device is an iPhone-sized Chromium with a desktop user
agent, as a phone asking for the desktop site (or a browser Streamlit does not recognise as mobile) has:
Streamlit itself closes the menu after a page link only for user agents it recognises.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from igym.db import repository as repo
from igym.services import build_services
from tests.browser.conftest import ARTIFACTS
from tests.feedback.test_rubric import FILLED, STRONG
from tests.support.browser_flows import create_account_and_onboard

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
EMAIL = "phone@example.com"

# Geometry of the page: how wide the document is, where the sidebar is, and every element of the main area
# that pokes out of the screen. An element inside a box that clips or scrolls sideways (a table's grid, a
# progress bar's track) can only show within that box, so the box is what is measured.
_LAYOUT = """
() => {
  const sidebar = document.querySelector('[data-testid="stSidebar"]');
  const box = sidebar ? sidebar.getBoundingClientRect() : null;
  const main = document.querySelector('[data-testid="stMainBlockContainer"]');
  const insideBox = (el) => {
    if (el === main) return false;
    for (let node = el.parentElement; node && node !== main; node = node.parentElement) {
      if (getComputedStyle(node).overflowX !== 'visible') return true;
    }
    return false;
  };
  const name = (el) => el.getAttribute('data-testid')
    || el.tagName + ' in ' + (el.closest('[data-testid]') || main).getAttribute('data-testid');
  const wide = [main, ...(main ? main.querySelectorAll('*') : [])].filter((el) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && (r.right > innerWidth + 1 || r.left < -1) && !insideBox(el);
  }).map((el) => name(el) + ' ' + Math.round(el.getBoundingClientRect().left) + '..'
    + Math.round(el.getBoundingClientRect().right));
  return {
    width: innerWidth,
    documentWidth: document.documentElement.scrollWidth,
    sidebarRight: box && box.width > 0 ? box.right : 0,
    wide: wide.slice(0, 10),
  };
}
"""

# The columns of a data grid drawn right now, left to right (glide-data-grid lists in its accessible table
# only the columns it draws), and whether the grid still scrolls further right.
_GRID_COLUMNS = """
(grid) => {
  const scroller = grid.querySelector('.dvn-scroller');
  return {
    drawn: [...grid.querySelectorAll('table thead th')].map((th) => th.textContent.trim()),
    moreToTheRight: scroller ? scroller.scrollLeft + scroller.clientWidth < scroller.scrollWidth - 1 : false,
  };
}
"""


def _completed_interview(tmp_path: Path) -> str:
    """One finished interview of `EMAIL`'s, written straight through the services on the app's database."""
    from tests.conftest import make_settings
    from tests.feedback.test_feedback_service import _interview

    app = build_services(make_settings(tmp_path))
    with app.db.session() as db:
        user = repo.get_user_by_email(db, email=EMAIL)
        assert user is not None
        user_id = user.id
    session_id = _interview(app, user_id, [FILLED, STRONG])
    app.db.engine.dispose()
    return str(session_id)


def _give_role(tmp_path: Path, role: str) -> None:
    from igym.prompt_lab.access import set_role
    from tests.conftest import make_settings

    app = build_services(make_settings(tmp_path))
    set_role(app.db, email=EMAIL, role=role)
    app.db.engine.dispose()


def _settle(page: Any) -> None:
    """Wait until the page has finished its run (no "Running…" indicator) and its layout has settled."""
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000)
    page.wait_for_timeout(800)  # the sidebar slides for 0.3 s


def _fits(page: Any, name: str, shots: Path) -> None:
    _settle(page)
    page.screenshot(path=str(shots / f"{name}.png"))
    layout = page.evaluate(_LAYOUT)
    assert layout["sidebarRight"] <= 0, f"{name}: the sidebar covers the page ({layout})"
    assert layout["documentWidth"] <= layout["width"], f"{name}: the page is wider than the phone ({layout})"
    assert not layout["wide"], f"{name}: blocks wider than the phone ({layout})"


def _open_from_menu(page: Any, title: str) -> None:
    """Open the sidebar menu with its button and choose `title`, as a candidate does on a phone.

    Only once the page has drawn, as a candidate sees it: the page's own script closes the menu when a page
    opens, so a menu opened while the page is still loading is closed again (its links then stay off-screen).
    """
    _settle(page)
    page.get_by_test_id("stExpandSidebarButton").click()
    nav = page.get_by_test_id("stSidebarNav")
    nav.get_by_role("link", name=title, exact=True).click()


def test_every_page_fits_a_phone_and_the_menu_gets_out_of_the_way(
    app_url: str, browser: Any, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    from playwright.sync_api import expect

    shots = ARTIFACTS / request.node.name
    shots.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.set_default_timeout(30_000)

    page.goto(app_url)
    expect(page.get_by_text("Practise interviews out loud")).to_be_visible()
    _fits(page, "landing", shots)
    page.get_by_role("tab", name="Create account").click()
    create_account_and_onboard(page, EMAIL, before_continue=lambda: _fits(page, "onboarding", shots))
    expect(page.get_by_text("Your first interview is two clicks away")).to_be_visible()
    _fits(page, "dashboard-empty", shots)

    session_id = _completed_interview(tmp_path)
    page.reload()
    expect(page.get_by_role("heading", name="Recent sessions")).to_be_visible()
    _fits(page, "dashboard", shots)
    grid = page.get_by_test_id("stDataFrame").first
    expect(grid.locator("table thead th").first).to_be_attached()
    columns = grid.evaluate(_GRID_COLUMNS)
    for title in ("Status", "Duration", "Score"):
        assert title in columns["drawn"], f"the recent-sessions table hides {title}: {columns}"
        # Drawn whole: a column drawn after it, or nothing further to scroll to.
        after = columns["drawn"][columns["drawn"].index(title) + 1 :]
        assert after or not columns["moreToTheRight"], f"{title} is cut off at the screen's edge: {columns}"

    # Every page of the menu, chosen from the menu: afterwards the page is in view, not the menu.
    for title, marker in (
        ("History", "Select a row to open that session's feedback."),
        ("Progress", "Overall score over time"),
        ("Profile", "Delete account"),
        ("Resume", "Your resume"),
        ("New session", "Start interview"),
    ):
        _open_from_menu(page, title)
        expect(page.get_by_text(marker, exact=False).first).to_be_attached()
        _fits(page, title.lower().replace(" ", "-"), shots)

    # A reload (or a shared link) after the menu was left open starts on the page too.
    page.get_by_test_id("stExpandSidebarButton").click()
    page.wait_for_timeout(500)
    page.goto(f"{app_url}/feedback?session={session_id}")
    expect(page.get_by_role("heading", name="Transcript")).to_be_visible()
    _fits(page, "feedback", shots)

    # The pages of the other roles: a coach's candidates, an admin's Prompt Lab.
    _give_role(tmp_path, "coach")
    page.goto(app_url)
    _open_from_menu(page, "Candidates")
    expect(page.get_by_role("heading", name="Your candidates")).to_be_visible()
    _fits(page, "coach", shots)
    _give_role(tmp_path, "admin")
    page.goto(app_url)
    _open_from_menu(page, "Prompt Lab")
    expect(page.get_by_role("heading", name="Prompt Lab")).to_be_visible()
    _fits(page, "prompt-lab", shots)
    _give_role(tmp_path, "candidate")
    page.goto(app_url)

    # The interview: start one, answer by typing; the controls fit the screen.
    _open_from_menu(page, "New session")
    page.get_by_role("button", name="Start interview").click()
    expect(page.get_by_text("Other ways to answer")).to_be_visible(timeout=60_000)
    _fits(page, "interview", shots)
    page.get_by_role("tab", name="Type").click()
    page.get_by_role("textbox", name="Your answer").fill(STRONG)
    page.get_by_role("button", name="Submit answer").click()
    expect(page.get_by_text("Exchange 2 of", exact=False)).to_be_visible(timeout=60_000)
    _fits(page, "interview-answered", shots)
    context.close()
