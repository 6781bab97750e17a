"""Plotly figures for the progress page, built from `ProgressData` (no Streamlit here, so tests call them).

Every figure has a title that says what it shows, labelled axes with units, and hover text written for
people ("7.2 / 10 on 3 Mar 2026"), not raw trace dumps. Times are plotted as the user's local wall-clock
time (the zone is dropped after conversion) so a session at 23:30 sits on the evening it happened.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from igym.feedback.rubric import PACE_BAND
from igym.progress.service import ROLLING_WINDOW, SCORE_DIMENSIONS, ProgressData

WPM_BAND = PACE_BAND  # the conversational pace most interviewers find easy to follow; the rubric scores it
_WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
_DATE_HOVER = "%{x|%d %b %Y, %H:%M}"


def _local(at: pd.Series) -> pd.Series:
    return at.dt.tz_localize(None) if getattr(at.dt, "tz", None) is not None else at


def _layout(fig: go.Figure, *, title: str, x_title: str, y_title: str) -> go.Figure:
    fig.update_layout(
        title={"text": title},
        xaxis_title=x_title,
        yaxis_title=y_title,
        hovermode="closest",
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "xanchor": "right", "x": 1.0},
        margin={"t": 70, "r": 10, "b": 40, "l": 10},
    )
    return fig


def overall_score_figure(data: ProgressData) -> go.Figure:
    """Each session's overall score as a dot, with the rolling average as a line."""
    scores = data.scores
    at = _local(scores["at"])
    fig = go.Figure()
    fig.add_scatter(
        x=at,
        y=scores["overall"],
        mode="markers",
        name="Session",
        opacity=0.45,
        hovertemplate=f"Overall %{{y:.1f}} / 10<br>{_DATE_HOVER}<extra></extra>",
    )
    fig.add_scatter(
        x=at,
        y=scores["overall_avg"],
        mode="lines",
        name=f"Average of last {ROLLING_WINDOW}",
        line={"width": 3},
        hovertemplate=f"Rolling average %{{y:.2f}} / 10<br>{_DATE_HOVER}<extra></extra>",
    )
    fig.update_yaxes(range=[0, 10.5])
    return _layout(fig, title="Overall score over time", x_title="Session date", y_title="Score (1–10)")


def dimension_scores_figure(data: ProgressData) -> go.Figure:
    """Rolling averages of clarity, structure, relevance and confidence, one line each."""
    scores = data.scores
    at = _local(scores["at"])
    fig = go.Figure()
    for name, label in SCORE_DIMENSIONS.items():
        if name == "overall":
            continue
        fig.add_scatter(
            x=at,
            y=scores[f"{name}_avg"],
            mode="lines",
            name=label,
            customdata=scores[name],
            hovertemplate=(
                f"{label}: %{{y:.2f}} / 10 (average of last {ROLLING_WINDOW})<br>"
                f"This session: %{{customdata:.1f}}<br>{_DATE_HOVER}<extra></extra>"
            ),
        )
    fig.update_yaxes(range=[0, 10.5])
    return _layout(
        fig,
        title=f"Scores by dimension (average of last {ROLLING_WINDOW} sessions)",
        x_title="Session date",
        y_title="Score (1–10)",
    )


def fillers_figure(data: ProgressData) -> go.Figure:
    delivery = data.delivery
    fig = go.Figure()
    fig.add_scatter(
        x=_local(delivery["at"]),
        y=delivery["fillers_per_minute"],
        mode="lines+markers",
        name="Fillers per minute",
        hovertemplate=f"%{{y:.1f}} filler words per minute<br>{_DATE_HOVER}<extra></extra>",
    )
    fig.update_yaxes(rangemode="tozero")
    return _layout(fig, title="Filler words per minute", x_title="Session date", y_title="Fillers per minute")


def pace_figure(data: ProgressData) -> go.Figure:
    """Words per minute per session, with the comfortable 120–150 WPM band shaded."""
    delivery = data.delivery
    fig = go.Figure()
    low, high = WPM_BAND
    fig.add_hrect(
        y0=low,
        y1=high,
        fillcolor="green",
        opacity=0.12,
        line_width=0,
        annotation_text=f"{low:.0f}–{high:.0f} WPM: easy to follow",
        annotation_position="top left",
    )
    fig.add_scatter(
        x=_local(delivery["at"]),
        y=delivery["words_per_minute"],
        mode="lines+markers",
        name="Words per minute",
        hovertemplate=f"%{{y:.0f}} words per minute<br>{_DATE_HOVER}<extra></extra>",
    )
    return _layout(fig, title="Speaking pace", x_title="Session date", y_title="Words per minute")


def longest_pause_figure(data: ProgressData) -> go.Figure:
    delivery = data.delivery
    fig = go.Figure()
    fig.add_bar(
        x=_local(delivery["at"]),
        y=delivery["longest_pause_s"],
        name="Longest pause",
        hovertemplate=f"Longest pause %{{y:.1f}} s<br>{_DATE_HOVER}<extra></extra>",
    )
    fig.update_yaxes(rangemode="tozero")
    return _layout(fig, title="Longest pause in each session", x_title="Session date", y_title="Seconds")


def weekly_figure(data: ProgressData) -> go.Figure:
    """Sessions per week, completed and not, stacked."""
    weekly = data.weekly
    fig = go.Figure()
    for column, label in (("completed", "Completed"), ("not_completed", "Not completed")):
        fig.add_bar(
            x=weekly["week_start"],
            y=weekly[column],
            name=label,
            hovertemplate=f"%{{y}} {label.lower()}<br>Week of %{{x|%d %b %Y}}<extra></extra>",
        )
    fig.update_layout(barmode="stack")
    return _layout(fig, title="Sessions per week", x_title="Week starting (Monday)", y_title="Sessions")


def calendar_figure(data: ProgressData) -> go.Figure:
    """A year of practice days as a calendar heatmap: one column per week, one row per weekday."""
    calendar = data.calendar
    grid = calendar.pivot(index="weekday", columns="week_start", values="sessions").reindex(range(7))
    days = calendar.pivot(index="weekday", columns="week_start", values="day").reindex(range(7))
    labels = days.apply(lambda col: col.dt.strftime("%a %d %b %Y")).to_numpy()
    fig = go.Figure(
        go.Heatmap(
            z=grid.to_numpy(),
            x=list(grid.columns),
            y=_WEEKDAYS,
            customdata=labels,
            colorscale="Greens",
            zmin=0,
            xgap=2,
            ygap=2,
            colorbar={"title": {"text": "Sessions"}},
            hovertemplate="%{customdata}: %{z} completed sessions<extra></extra>",
        )
    )
    fig.update_yaxes(autorange="reversed")
    return _layout(fig, title="Practice days (last 12 months)", x_title="Week", y_title="Day of week")


def breakdown_figure(data: ProgressData) -> go.Figure:
    """Sessions by interview type, one bar per difficulty, with the average score on hover."""
    table = data.breakdown
    fig = go.Figure()
    for difficulty_label, part in table.groupby("difficulty_label", sort=False):
        fig.add_bar(
            x=part["type_label"],
            y=part["sessions"],
            name=str(difficulty_label),
            customdata=part[["completed", "avg_score"]].to_numpy(),
            hovertemplate=(
                f"%{{x}} · {difficulty_label}<br>%{{y}} sessions, %{{customdata[0]}} completed<br>"
                "Average overall score %{customdata[1]:.1f} / 10<extra></extra>"
            ),
        )
    fig.update_layout(barmode="group")
    return _layout(fig, title="Sessions by interview type and difficulty", x_title="Interview type", y_title="Sessions")


def progress_figures(data: ProgressData) -> dict[str, go.Figure]:
    """All progress figures, keyed by a stable name (the page lays them out, tests count them)."""
    return {
        "overall": overall_score_figure(data),
        "dimensions": dimension_scores_figure(data),
        "fillers": fillers_figure(data),
        "pace": pace_figure(data),
        "pause": longest_pause_figure(data),
        "weekly": weekly_figure(data),
        "calendar": calendar_figure(data),
        "breakdown": breakdown_figure(data),
    }
