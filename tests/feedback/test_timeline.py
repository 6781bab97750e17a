"""The answer timeline: every mark sits where the metrics say, carries its start, and a click maps back to it."""

from __future__ import annotations

from dataclasses import dataclass

from igym.feedback.timeline import pace_windows, speech_spans, start_from, timeline_figure
from igym.models import AnswerMetrics, Pause, Span
from tests.support.metrics import timed_um_answer


def _metrics() -> AnswerMetrics:
    return timed_um_answer(
        "so um I led the team and we shipped it",
        [0.5, 1.2, 2.0, 2.4, 3.0, 8.0, 12.0, 20.0, 27.0],
        duration_s=30.0,
        pauses=[Pause(5.0, 7.5)],
        speech_start_s=0.5,
        speech_end_s=28.0,
    )


def _trace(fig, name):  # type: ignore[no-untyped-def]
    return next(t for t in fig.data if t.name == name)


def test_marks_are_where_the_metrics_put_them() -> None:
    fig = timeline_figure(_metrics())
    assert fig is not None
    assert list(_trace(fig, "Fillers").x) == [1.2]
    assert list(_trace(fig, "Pauses").x) == [5.0]
    assert list(_trace(fig, "Speech").x) == [0.5, 7.5]
    assert list(_trace(fig, "Fillers").customdata) == [1.2]
    assert fig.layout.xaxis.range == (0, 30.0)
    assert all(t.name != "Hedges" for t in fig.data)


def test_speech_is_the_window_minus_pauses() -> None:
    assert speech_spans(_metrics()) == [Span(0.5, 5.0), Span(7.5, 28.0)]


@dataclass
class _Hedge:
    text: str
    start_s: float | None


def test_hedges_are_drawn_when_the_metrics_have_them() -> None:
    metrics = _metrics()

    class WithHedges(AnswerMetrics):
        __slots__ = ("hedges",)

    m = WithHedges(**{f: getattr(metrics, f) for f in AnswerMetrics.__dataclass_fields__})
    m.hedges = [_Hedge("I think", 9.0), _Hedge("maybe", None)]
    fig = timeline_figure(m)
    assert fig is not None
    assert list(_trace(fig, "Hedges").x) == [9.0]


def test_pace_per_window_counts_the_words_in_it() -> None:
    starts = [float(t) for t in range(0, 21)]  # one word a second for 20 s
    points = pace_windows(starts, window_s=10, step_s=5)
    assert points == [(5.0, 60.0), (10.0, 60.0), (15.0, 60.0)]
    assert pace_windows([1.0, None]) == []


def test_typed_answer_has_no_timeline() -> None:
    assert timeline_figure(AnswerMetrics(transcript="typed", word_count=1, filler_count=0)) is None


def test_a_click_maps_to_the_marks_start() -> None:
    assert start_from([{"x": 5.0, "customdata": [1.2], "curve_number": 3}]) == 1.2
    assert start_from([{"x": 4.0}]) == 4.0
    assert start_from([]) is None
