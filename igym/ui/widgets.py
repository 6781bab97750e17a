"""Small shared widgets: stat cards, session tables, empty states, friendly dates.

All text from users or models is rendered as text (st.text / st.dataframe cells / markdown of our own
strings only), never as HTML.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

import streamlit as st

from igym.errors import IgymError
from igym.interview.sessions import SessionSummary

T = TypeVar("T")

# Absolute paths, so the pages resolve the same whichever script is the entrypoint (app.py, or the thin
# entry the AppTests use, which lives outside the project root so Streamlit never falls back to treating
# `pages/` as an old-style pages folder).
_PAGES_DIR = Path(__file__).resolve().parents[2] / "pages"
PAGES = {
    name: str(_PAGES_DIR / f"{name}.py")
    for name in (
        "landing",
        "onboarding",
        "dashboard",
        "new_session",
        "interview",
        "history",
        "profile",
        "feedback",
        "progress",
        "coach",
    )
}

PAGES["resume"] = str(_PAGES_DIR / "resume.py")
PAGES["prompt_lab"] = str(_PAGES_DIR / "prompt_lab.py")


def friendly_time(moment: datetime | None) -> str:
    if moment is None:
        return "—"
    return moment.strftime("%d %b %Y, %H:%M UTC")


def friendly_duration(seconds: int | None) -> str:
    if not seconds:
        return "—"
    minutes, secs = divmod(int(seconds), 60)
    return f"{minutes} min {secs:02d} s" if minutes else f"{secs} s"


# The session tables' columns, in the order a candidate looks for them: on a phone the first four (date, status,
# score, duration) fit the screen and type and difficulty scroll into view inside the table. The data keeps its
# own column order; only the display follows this one.
SESSION_COLUMNS = ("Date", "Status", "Overall score", "Duration", "Type", "Difficulty")


def session_column_config() -> dict[str, Any]:
    """`column_config` of the session tables: compact widths, so the first four columns fit 390 px."""
    return {
        "Date": st.column_config.TextColumn("Date", width=124),
        "Status": st.column_config.TextColumn("Status", width=84),
        "Overall score": st.column_config.NumberColumn("Score", format="%.1f / 10", width=64),
        "Duration": st.column_config.TextColumn("Duration", width=80),
    }


def sessions_table(summaries: list[SessionSummary]) -> None:
    """A read-only table of sessions, newest first (columns as `SESSION_COLUMNS`)."""
    rows = [
        {
            "Date": s.created_at.strftime("%d %b %Y, %H:%M"),
            "Type": s.type_label,
            "Difficulty": s.difficulty_label,
            "Status": s.status_label,
            "Duration": friendly_duration(s.duration_s),
            "Overall score": s.overall_score,
        }
        for s in summaries
    ]
    st.dataframe(
        rows, hide_index=True, width="stretch", column_order=SESSION_COLUMNS, column_config=session_column_config()
    )
    st.caption("Times in UTC.")


def empty_state(title: str, body: str, *, cta_label: str, cta_page: str) -> None:
    with st.container(border=True):
        st.subheader(title)
        st.write(body)
        st.page_link(PAGES[cta_page], label=cta_label, icon=":material/mic:")


def show_error(exc: Exception) -> None:
    """A user-facing error: the message only, never a traceback."""
    st.error(str(exc), icon=":material/error:")


def attempt(action: Callable[[], T], *, then: Callable[[T], object], spinner: str | None = None) -> None:
    """Run the service call a page's button asked for, then `then(result)`; an `IgymError` is shown instead.

    The error's message is all the user sees (`show_error`) and `then` does not run, so nothing moves on after
    a refused action. `then` runs outside the `try`, so the `st.rerun()` or `st.switch_page()` it usually
    ends with is never mistaken for a failure. `spinner` says what is happening while `action` runs. The rest
    of the page still draws; for a page's first reads, where nothing can follow a failure, use
    `igym.ui.page_guard.stop_on_error` instead.
    """
    try:
        if spinner is None:
            result = action()
        else:
            with st.spinner(spinner):
                result = action()
    except IgymError as exc:
        show_error(exc)
        return
    then(result)
