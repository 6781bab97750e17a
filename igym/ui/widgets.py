"""Small shared widgets: stat cards, session tables, empty states, friendly dates.

All text from users or models is rendered as text (st.text / st.dataframe cells / markdown of our own
strings only), never as HTML.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import streamlit as st

from igym.interview.sessions import SessionSummary

# Absolute paths, so the pages resolve the same whichever script is the entrypoint (app.py, or the thin
# entry the AppTests use, which lives outside the project root so Streamlit never falls back to treating
# `pages/` as an old-style pages folder).
_PAGES_DIR = Path(__file__).resolve().parents[2] / "pages"
PAGES = {
    name: str(_PAGES_DIR / f"{name}.py")
    for name in ("landing", "onboarding", "dashboard", "new_session", "interview", "history", "profile", "feedback",
                 "progress", "coach")
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


def sessions_table(summaries: list[SessionSummary]) -> None:
    """A read-only table of sessions, newest first."""
    rows = [
        {
            "Date": friendly_time(s.created_at),
            "Type": s.type_label,
            "Difficulty": s.difficulty_label,
            "Status": s.status_label,
            "Duration": friendly_duration(s.duration_s),
            "Overall score": s.overall_score,
        }
        for s in summaries
    ]
    st.dataframe(
        rows,
        hide_index=True,
        width="stretch",
        column_config={"Overall score": st.column_config.NumberColumn(format="%.1f / 10")},
    )


def empty_state(title: str, body: str, *, cta_label: str, cta_page: str) -> None:
    with st.container(border=True):
        st.subheader(title)
        st.write(body)
        st.page_link(PAGES[cta_page], label=cta_label, icon=":material/mic:")


def show_error(exc: Exception) -> None:
    """A user-facing error: the message only, never a traceback."""
    st.error(str(exc), icon=":material/error:")
