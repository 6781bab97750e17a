"""One answer's timeline: speech, pauses, fillers, hedges and pace on a single Plotly strip.

Pure (no Streamlit): `timeline_figure` builds the figure from an answer's stored metrics, and `start_from`
turns the page's click selection back into the second to play the answer's audio from. Every clickable mark
carries its start time in `customdata`, so a click anywhere on the strip maps to one moment of the answer.
Hedges are drawn when the metrics carry them (`AnswerMetrics.hedges`, items with `start_s`), read with
getattr so the strip works on metrics with or without that field.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import plotly.graph_objects as go

from igym.models import AnswerMetrics, Span

ROWS = ("Pace", "Hedges", "Fillers", "Pauses", "Speech")
PACE_WINDOW_S = 10.0
PACE_STEP_S = 2.5
COLORS = {"Speech": "#4c78a8", "Pauses": "#9d9d9d", "Fillers": "#e45756", "Hedges": "#b279a2", "Pace": "#54a24b"}


def speech_spans(metrics: AnswerMetrics) -> list[Span]:
    """The speaking window with the pauses taken out: when the candidate was talking."""
    if metrics.speech_start_s is None or metrics.speech_end_s is None:
        return []
    spans, at = [], metrics.speech_start_s
    for pause in sorted(metrics.pauses, key=lambda p: p.start_s):
        if pause.start_s > at:
            spans.append(Span(at, pause.start_s))
        at = max(at, pause.end_s)
    if metrics.speech_end_s > at:
        spans.append(Span(at, metrics.speech_end_s))
    return spans


def pace_windows(
    word_starts: Sequence[float | None], *, window_s: float = PACE_WINDOW_S, step_s: float = PACE_STEP_S
) -> list[tuple[float, float]]:
    """(window middle in seconds, words per minute) over windows of `window_s` moved by `step_s`.

    Counts the words starting inside each window; an answer shorter than one window gives one point over
    its whole length. Untimed words are skipped; no timed words gives no points.
    """
    times = sorted(t for t in word_starts if t is not None)
    if len(times) < 2:
        return []
    first, last = times[0], times[-1]
    if last - first <= window_s:
        span = max(last - first, 1.0)
        return [((first + last) / 2, round(len(times) * 60 / span, 1))]
    points, start = [], first
    while start + window_s <= last + 1e-9:
        count = sum(1 for t in times if start <= t < start + window_s)
        points.append((start + window_s / 2, round(count * 60 / window_s, 1)))
        start += step_s
    return points


def _marks(row: str, starts: list[float], hovers: list[str], symbol: str) -> go.Scatter:
    return go.Scatter(
        x=starts,
        y=[row] * len(starts),
        mode="markers",
        name=row,
        marker={"symbol": symbol, "size": 13, "color": COLORS[row]},
        customdata=starts,
        text=hovers,
        hovertemplate="%{text}<br>at %{x:.1f} s — click to play from here<extra></extra>",
    )


def _hedges(metrics: AnswerMetrics) -> Iterable[Any]:
    return [h for h in (getattr(metrics, "hedges", None) or []) if getattr(h, "start_s", None) is not None]


def timeline_figure(metrics: AnswerMetrics) -> go.Figure | None:
    """The strip for one answer, or None when the answer has no timings (typed, or no speech heard)."""
    if metrics.duration_s is None or not metrics.has_speech:
        return None
    fig = go.Figure()
    speech = speech_spans(metrics)
    for span in speech:  # a thick bar per stretch of speech
        fig.add_trace(go.Scatter(
            x=[span.start_s, span.end_s], y=["Speech", "Speech"], mode="lines", showlegend=False,
            line={"color": COLORS["Speech"], "width": 14}, hoverinfo="skip",
        ))
    fig.add_trace(_marks("Speech", [s.start_s for s in speech],
                         [f"speech, {s.duration_s:.1f} s" for s in speech], "circle"))
    fig.add_trace(_marks("Pauses", [p.start_s for p in metrics.pauses],
                         [f"pause, {p.duration_s:.1f} s" for p in metrics.pauses], "square"))
    timed = [f for f in metrics.fillers if f.start_s is not None]
    fig.add_trace(_marks("Fillers", [float(f.start_s or 0.0) for f in timed],
                         [f"filler “{f.text}”" for f in timed], "x"))
    hedges = list(_hedges(metrics))
    if hedges:
        fig.add_trace(_marks("Hedges", [float(h.start_s) for h in hedges],
                             [f"hedge “{getattr(h, 'text', '')}”" for h in hedges], "diamond"))
    pace = pace_windows(metrics.word_starts)
    if pace:
        fig.add_trace(go.Scatter(
            x=[p[0] for p in pace], y=[p[1] for p in pace], yaxis="y2", mode="lines+markers", name="Pace",
            line={"color": COLORS["Pace"]}, customdata=[max(0.0, p[0] - PACE_WINDOW_S / 2) for p in pace],
            hovertemplate="%{y:.0f} words/min around %{x:.0f} s — click to play<extra></extra>",
        ))
    rows = [r for r in ROWS if r != "Pace" and (r != "Hedges" or hedges)]
    fig.update_layout(
        height=260, margin={"l": 10, "r": 10, "t": 30, "b": 40}, showlegend=False, clickmode="event+select",
        xaxis={"title": "Seconds into the answer", "range": [0, metrics.duration_s]},
        yaxis={"type": "category", "categoryorder": "array", "categoryarray": rows[::-1], "fixedrange": True},
        yaxis2={"title": "words/min", "overlaying": "y", "side": "right", "showgrid": False, "rangemode": "tozero",
                "fixedrange": True},
        title={"text": "Timeline — click a mark to play from there", "font": {"size": 14}},
    )
    return fig


def start_from(points: Sequence[Mapping[str, Any]]) -> float | None:
    """The second to play from for a click selection (the first selected point's start), None for none."""
    for point in points:
        value = point.get("customdata", point.get("x"))
        if isinstance(value, list | tuple):
            value = value[0] if value else None
        if isinstance(value, int | float):
            return max(0.0, float(value))
    return None
