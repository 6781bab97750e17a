"""Plotly figures for the Prompt Lab report (no Streamlit here, so tests can build them directly).

One trace per compared version, named "A · label", "B · label" so a version compared with itself still shows
two bars. Rates are percentages; a figure that does not apply to a version (validity for the rubric) is left
out rather than drawn as zero.
"""

from __future__ import annotations

import plotly.graph_objects as go

from igym.feedback.types import DIMENSIONS
from igym.prompt_lab.evaluate import EvaluationReport
from igym.prompt_lab.report import headings


def _layout(fig: go.Figure, *, title: str, y_title: str) -> go.Figure:
    fig.update_layout(
        title={"text": title},
        barmode="group",
        yaxis_title=y_title,
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "xanchor": "right", "x": 1.0},
        margin={"t": 70, "r": 10, "b": 40, "l": 10},
    )
    return fig


def scores_figure(report: EvaluationReport) -> go.Figure:
    """Mean score per dimension and version, with one standard deviation as the error bar."""
    fig = go.Figure()
    for name, version in zip(headings(report), report.versions, strict=True):
        means = [version.scores[d].mean for d in DIMENSIONS]
        spreads = [version.scores[d].stdev or 0.0 for d in DIMENSIONS]
        fig.add_bar(
            x=list(DIMENSIONS),
            y=means,
            name=name,
            error_y={"type": "data", "array": spreads, "visible": True},
            hovertemplate="%{x}: %{y:.1f} / 10 ± %{error_y.array:.1f}<extra>" + name + "</extra>",
        )
    fig.update_yaxes(range=[0, 10.5])
    return _layout(fig, title="Mean score per dimension (± 1 standard deviation)", y_title="Score (1–10)")


def quality_figure(report: EvaluationReport) -> go.Figure:
    """Valid output, grounded quotes and agreement with the rubric, as percentages."""
    measures = {
        "Valid JSON, first try": lambda v: v.valid_first_try_rate,
        "Valid JSON, after repair": lambda v: v.valid_after_repair_rate,
        "Grounded quotes": lambda v: v.grounded_quote_rate,
        "Overall within ±1 of rubric": lambda v: v.overall_within_1_rate,
    }
    fig = go.Figure()
    for name, version in zip(headings(report), report.versions, strict=True):
        values = [measure(version) for measure in measures.values()]
        fig.add_bar(
            x=list(measures),
            y=[None if value is None else value * 100 for value in values],
            name=name,
            hovertemplate="%{x}: %{y:.0f}%<extra>" + name + "</extra>",
        )
    fig.update_yaxes(range=[0, 105])
    return _layout(fig, title="Output quality", y_title="Share of runs or quotes (%)")


def latency_figure(report: EvaluationReport) -> go.Figure:
    """Mean and 95th-percentile time per transcript for each version."""
    fig = go.Figure()
    for name, version in zip(headings(report), report.versions, strict=True):
        fig.add_bar(
            x=["Mean", "95th percentile"],
            y=[version.latency_mean_s, version.latency_p95_s],
            name=name,
            hovertemplate="%{x}: %{y:.2f} s<extra>" + name + "</extra>",
        )
    return _layout(fig, title="Time per transcript", y_title="Seconds")
