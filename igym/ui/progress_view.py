"""The progress and training-log views of one user, shared by the candidate's own pages and the coach view.

The same functions render both; `candidate_id` is set when a coach is looking, which changes only the
feedback links (they carry the candidate so the feedback page checks the coach's grant) and the empty states
(a coach gets no "start a session" button). Nothing here writes: both views are read-only by construction.
"""

from __future__ import annotations

import uuid
from datetime import date

import pandas as pd
import streamlit as st

from igym import catalog
from igym.progress import streaks
from igym.progress.columns import SessionCol
from igym.progress.export import sessions_csv
from igym.progress.service import ProgressData
from igym.progress.training_log import day_span, filter_sessions, log_timezone, newest_first_ids
from igym.ui.charts import progress_figures
from igym.ui.widgets import PAGES, SESSION_COLUMNS, empty_state, friendly_duration, session_column_config


def browser_timezone() -> str | None:
    """The IANA zone the browser reports (None in tests and before the browser has said)."""
    try:
        return st.context.timezone
    except Exception:  # no browser context (bare script run): count days in the profile zone or UTC
        return None


def user_zone(profile_timezone: str | None) -> str:
    """The zone days are counted in: the profile's, else the browser's, else UTC."""
    return streaks.resolve_zone(profile_timezone, browser_timezone()).key


def _days(count: int) -> str:
    return f"{count} day" + ("" if count == 1 else "s")


def render_progress(data: ProgressData, *, candidate_id: uuid.UUID | None = None) -> None:
    """Streaks, then every progress chart; the designed empty state before the first completed session."""
    sessions, current, best = st.columns(3)
    sessions.metric("Completed sessions", data.completed_sessions, help=f"{data.total_sessions} started")
    current.metric("Current streak", _days(data.current_streak), help=f"Days counted in {data.timezone}")
    best.metric("Longest streak", _days(data.longest_streak))
    if data.is_empty:
        body = (
            "Scores, filler words, pace (per session and across each answer), pauses, pitch, hedges, repeated "
            "phrases and inclusive language appear here after the first completed session, with a calendar of "
            "practice days and a streak."
        )
        if candidate_id is None:
            empty_state("No progress to show yet", body, cta_label="Start a session", cta_page="new_session")
        else:
            st.info("This candidate has not completed a session yet. " + body, icon=":material/hourglass_empty:")
        return
    figures = progress_figures(data)
    key = f"igym_progress_{candidate_id or 'own'}"
    for heading, rows in _LAYOUT:
        st.subheader(heading)
        for row in rows:
            places = st.columns(len(row)) if len(row) > 1 else [st.container()]
            for place, name in zip(places, row, strict=True):
                place.plotly_chart(figures[name], key=f"{key}_{name}")


# The Progress page's charts by section; a row of two names is drawn side by side (one column each on a phone).
_LAYOUT: tuple[tuple[str, tuple[tuple[str, ...], ...]], ...] = (
    ("Scores", (("overall",), ("dimensions",))),
    ("Delivery", (("fillers", "pace"), ("pause",), ("pace_windows", "pitch"))),
    ("Language", (("hedges", "repeats"), ("inclusive",))),
    ("Practice", (("calendar",), ("weekly", "breakdown"))),
)


def _feedback_params(session_id: str, candidate_id: uuid.UUID | None) -> dict[str, str]:
    params = {"session": session_id}
    if candidate_id is not None:
        params["candidate"] = str(candidate_id)
    return params


def _table(frame: pd.DataFrame) -> pd.DataFrame:
    """The training log as the history table shows it: newest first, headings and cells for people."""
    newest = frame.iloc[::-1]
    return pd.DataFrame(
        {
            "Date": newest[SessionCol.STARTED].dt.strftime("%d %b %Y, %H:%M").to_numpy(),
            "Type": newest[SessionCol.TYPE_LABEL].to_numpy(),
            "Difficulty": newest[SessionCol.DIFFICULTY_LABEL].to_numpy(),
            "Status": newest[SessionCol.STATUS_LABEL].to_numpy(),
            "Duration": [friendly_duration(None if pd.isna(s) else int(s)) for s in newest[SessionCol.DURATION_S]],
            "Overall score": newest[SessionCol.OVERALL_SCORE].to_numpy(),
        }
    )


def _date_range(frame: pd.DataFrame, key: str) -> tuple[date | None, date | None]:
    first, last = day_span(frame)
    picked = st.date_input(
        "Dates", value=(first, last), min_value=first, max_value=last, key=f"{key}_dates", format="YYYY-MM-DD"
    )
    if isinstance(picked, tuple | list):
        start = picked[0] if len(picked) > 0 else None
        end = picked[1] if len(picked) > 1 else None
        return start, end
    return picked, picked


def render_history(
    frame: pd.DataFrame, *, candidate_id: uuid.UUID | None = None, file_stem: str = "interviewgym-sessions"
) -> None:
    """The training log: filters, a table whose selected row opens its feedback, and a CSV download.

    `frame` is a training log as `ProgressService.sessions` returns it (columns `SessionCol`).
    """
    key = f"igym_history_{candidate_id or 'own'}"
    if frame.empty:
        if candidate_id is None:
            empty_state(
                "No sessions yet",
                "Every interview you practise shows up here with its date, type, duration and score.",
                cta_label="Start a session",
                cta_page="new_session",
            )
        else:
            st.info("This candidate has no sessions yet.", icon=":material/hourglass_empty:")
        return
    type_col, difficulty_col, status_col = st.columns(3)
    types = type_col.multiselect(
        "Interview type",
        list(catalog.INTERVIEW_TYPES),
        format_func=lambda k: catalog.INTERVIEW_TYPES[k],
        key=f"{key}_types",
    )
    difficulties = difficulty_col.multiselect(
        "Difficulty", list(catalog.DIFFICULTIES), format_func=lambda k: catalog.DIFFICULTIES[k], key=f"{key}_diff"
    )
    statuses = status_col.multiselect(
        "Status",
        list(catalog.SESSION_STATUSES),
        format_func=lambda k: catalog.SESSION_STATUSES[k],
        key=f"{key}_status",
    )
    start, end = _date_range(frame, key)
    shown = filter_sessions(frame, types=types, difficulties=difficulties, statuses=statuses, start=start, end=end)
    st.caption(f"{len(shown)} of {len(frame)} sessions · times in {log_timezone(shown)}")
    st.download_button(
        "Download CSV",
        data=sessions_csv(shown),
        file_name=f"{file_stem}.csv",
        mime="text/csv",
        icon=":material/download:",
        key=f"{key}_csv",
        on_click="ignore",
        help="The sessions shown, with every metric, as a spreadsheet-friendly file.",
    )
    event = st.dataframe(
        _table(shown),
        hide_index=True,
        width="stretch",
        key=f"{key}_table",
        on_select="rerun",
        selection_mode="single-row",
        column_order=SESSION_COLUMNS,
        column_config=session_column_config(),
    )
    rows = list(getattr(getattr(event, "selection", None), "rows", []) or [])
    ids = newest_first_ids(shown)
    if rows and 0 <= rows[0] < len(ids):
        session_id = ids[rows[0]]
        st.page_link(
            PAGES["feedback"],
            label="Open this session's feedback",
            icon=":material/reviews:",
            query_params=_feedback_params(session_id, candidate_id),
        )
    else:
        st.caption("Select a row to open that session's feedback.")
