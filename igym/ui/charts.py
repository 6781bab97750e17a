"""Plotly figures for the progress page, built from `ProgressData` (no Streamlit here, so tests call them).

Columns are read through the names in `igym.progress.columns`, never spelled here.

Every figure has a title that says what it shows, labelled axes with units, and hover text written for
people ("7.2 / 10 on 3 Mar 2026"), not raw trace dumps. Times are plotted as the user's local wall-clock
time (the zone is dropped after conversion) so a session at 23:30 sits on the evening it happened.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from igym.feedback.rubric import PACE_BAND
from igym.progress.columns import SCORE_DIMENSIONS, BreakdownCol, CalendarCol, DeliveryCol, ScoreCol, WeekCol
from igym.progress.service import ROLLING_WINDOW, ProgressData

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
    at = _local(scores[ScoreCol.AT])
    fig = go.Figure()
    fig.add_scatter(
        x=at,
        y=scores[ScoreCol.OVERALL],
        mode="markers",
        name="Session",
        opacity=0.45,
        hovertemplate=f"Overall %{{y:.1f}} / 10<br>{_DATE_HOVER}<extra></extra>",
    )
    fig.add_scatter(
        x=at,
        y=scores[ScoreCol.average(ScoreCol.OVERALL)],
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
    at = _local(scores[ScoreCol.AT])
    fig = go.Figure()
    for name, label in SCORE_DIMENSIONS.items():
        if name == ScoreCol.OVERALL:
            continue
        fig.add_scatter(
            x=at,
            y=scores[ScoreCol.average(name)],
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


@dataclass(frozen=True, slots=True)
class _Metric:
    """One delivery metric's chart: its `DeliveryCol` column, words for people, and how it is drawn."""

    column: str
    title: str
    y_title: str
    name: str
    hover: str  # formats ``%{y}``; the date is added
    bars: bool = False
    from_zero: bool = False
    counts: bool = False  # whole numbers: ticks on integers only
    empty: str = "No session has this measure yet: it appears once a completed session is measured."


_FILLERS = _Metric(
    DeliveryCol.FILLERS_PER_MINUTE, "Filler words per minute", "Fillers per minute", "Fillers per minute",
    "%{y:.1f} filler words per minute", from_zero=True,
)
_PACE = _Metric(
    DeliveryCol.WORDS_PER_MINUTE, "Speaking pace", "Words per minute", "Words per minute", "%{y:.0f} words per minute"
)
_PAUSE = _Metric(
    DeliveryCol.LONGEST_PAUSE_S, "Longest pause in each session", "Seconds", "Longest pause",
    "Longest pause %{y:.1f} s", bars=True, from_zero=True,
)

_HEDGES = _Metric(
    DeliveryCol.HEDGES_PER_100_WORDS, "Hedges and weak words", "Per 100 words", "Hedges per 100 words",
    "%{y:.1f} hedges per 100 words", from_zero=True,
)
_PITCH = _Metric(
    DeliveryCol.PITCH_SD_ST, "Pitch variation", "Semitones (spread)", "Pitch spread",
    "Pitch spread %{y:.1f} semitones",
    empty="Pitch is measured from recorded answers: answer out loud to see it here.",
)
_REPEATS = _Metric(
    DeliveryCol.REPEATS_PER_ANSWER, "Repeated words and phrases", "Per answer", "Repeated per answer",
    "%{y:.1f} repeated words or phrases per answer", from_zero=True,
)
_INCLUSIVE = _Metric(
    DeliveryCol.INCLUSIVE_TERMS, "Non-inclusive terms", "Terms used", "Non-inclusive terms",
    "%{y:.0f} non-inclusive terms", bars=True, from_zero=True, counts=True,
)
_PACE_SPREAD = _Metric(
    DeliveryCol.PACE_SPREAD_WPM, "Pace across 10-second windows", "Words per minute", "Spread (fastest − slowest)",
    "Pace spread %{y:.0f} WPM",
)
_FASTEST = _Metric(
    DeliveryCol.FASTEST_WINDOW_WPM, "Pace across 10-second windows", "Words per minute", "Fastest window",
    "Fastest window %{y:.0f} WPM",
    empty="Pace across windows is measured from recorded answers: answer out loud to see it here.",
)


def _delivery_figure(data: ProgressData, metric: _Metric, *more: _Metric) -> go.Figure:
    """Delivery metrics per session over time, each a line with markers or bars; a note when none is measured.

    Sessions without a figure (NaN) are gaps, not zeros. When no session has any of the metrics (typed
    answers have no pitch, sessions from before a measure existed have none of it), the figure draws no
    trace and says in its middle what would make it appear (`_Metric.empty`).
    """
    delivery = data.delivery
    fig = go.Figure()
    metrics = (metric, *more)
    if not any(delivery[m.column].notna().any() for m in metrics):
        fig.add_annotation(
            text=metric.empty, xref="paper", yref="paper", x=0.5, y=0.5, showarrow=False, font={"size": 13}
        )
        fig.update_xaxes(showticklabels=False, showgrid=False, zeroline=False)
        fig.update_yaxes(showticklabels=False, showgrid=False, zeroline=False)
        return _layout(fig, title=metric.title, x_title="Session date", y_title=metric.y_title)
    for shown in metrics:
        trace = {
            "x": _local(delivery[DeliveryCol.AT]),
            "y": delivery[shown.column],
            "name": shown.name,
            "hovertemplate": f"{shown.hover}<br>{_DATE_HOVER}<extra></extra>",
        }
        if shown.bars:
            fig.add_bar(**trace)
        else:
            fig.add_scatter(mode="lines+markers", **trace)
    if metric.from_zero:
        fig.update_yaxes(rangemode="tozero")
    if metric.counts:
        top = float(delivery[metric.column].max())
        fig.update_yaxes(tick0=0, dtick=max(1, math.ceil(top / 5)), range=[0, max(1.0, top) * 1.05])
    return _layout(fig, title=metric.title, x_title="Session date", y_title=metric.y_title)


def fillers_figure(data: ProgressData) -> go.Figure:
    """Filler words per minute in each session."""
    return _delivery_figure(data, _FILLERS)


def pace_figure(data: ProgressData) -> go.Figure:
    """Words per minute per session, with the comfortable 120–150 WPM band shaded."""
    low, high = WPM_BAND
    return _delivery_figure(data, _PACE).add_hrect(
        y0=low,
        y1=high,
        fillcolor="green",
        opacity=0.12,
        line_width=0,
        annotation_text=f"{low:.0f}–{high:.0f} WPM: easy to follow",
        annotation_position="top left",
    )


def longest_pause_figure(data: ProgressData) -> go.Figure:
    """The longest pause of each session, as bars."""
    return _delivery_figure(data, _PAUSE)


def hedges_figure(data: ProgressData) -> go.Figure:
    """Hedges and weak words per hundred words in each session."""
    return _delivery_figure(data, _HEDGES)


def pitch_figure(data: ProgressData) -> go.Figure:
    """Pitch spread (semitones) per session with audio, with the monotone line drawn."""
    from igym.analysis.prosody import MONOTONE_SD_ST

    fig = _delivery_figure(data, _PITCH)
    if not fig.data:  # the empty state: no line to measure against
        return fig
    return fig.add_hline(
        y=MONOTONE_SD_ST, line_dash="dot", annotation_text="below: sounds monotone", annotation_position="bottom left"
    )


def repeats_figure(data: ProgressData) -> go.Figure:
    """Repeated words and phrases flagged per answer in each session."""
    return _delivery_figure(data, _REPEATS)


def pace_windows_figure(data: ProgressData) -> go.Figure:
    """Pace across each answer's 10 s windows: the session's fastest window and the mean fastest-to-slowest spread."""
    return _delivery_figure(data, _FASTEST, _PACE_SPREAD)


def inclusive_figure(data: ProgressData) -> go.Figure:
    """Non-inclusive terms used in each session, as bars (zero bars are the goal)."""
    return _delivery_figure(data, _INCLUSIVE)


def weekly_figure(data: ProgressData) -> go.Figure:
    """Sessions per week, completed and not, stacked."""
    weekly = data.weekly
    fig = go.Figure()
    for column, label in ((WeekCol.COMPLETED, "Completed"), (WeekCol.NOT_COMPLETED, "Not completed")):
        fig.add_bar(
            x=weekly[WeekCol.WEEK_START],
            y=weekly[column],
            name=label,
            hovertemplate=f"%{{y}} {label.lower()}<br>Week of %{{x|%d %b %Y}}<extra></extra>",
        )
    fig.update_layout(barmode="stack")
    return _layout(fig, title="Sessions per week", x_title="Week starting (Monday)", y_title="Sessions")


def calendar_figure(data: ProgressData) -> go.Figure:
    """A year of practice days as a calendar heatmap: one column per week, one row per weekday."""
    calendar = data.calendar
    c = CalendarCol
    grid = calendar.pivot(index=c.WEEKDAY, columns=c.WEEK_START, values=c.SESSIONS).reindex(range(7))
    days = calendar.pivot(index=c.WEEKDAY, columns=c.WEEK_START, values=c.DAY).reindex(range(7))
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
    b = BreakdownCol
    for difficulty_label, part in table.groupby(b.DIFFICULTY_LABEL, sort=False):
        fig.add_bar(
            x=part[b.TYPE_LABEL],
            y=part[b.SESSIONS],
            name=str(difficulty_label),
            customdata=part[[b.COMPLETED, b.AVG_SCORE]].to_numpy(),
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
        "hedges": hedges_figure(data),
        "pitch": pitch_figure(data),
        "repeats": repeats_figure(data),
        "pace_windows": pace_windows_figure(data),
        "inclusive": inclusive_figure(data),
        "weekly": weekly_figure(data),
        "calendar": calendar_figure(data),
        "breakdown": breakdown_figure(data),
    }
