"""Attempts side by side: every measure, the direction that is better, and measures added later."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from igym.feedback.attempts import Attempt, measure_rows, what_changed
from igym.models import AnswerMetrics, FillerHit, Pause

WHEN = datetime(2026, 12, 1, tzinfo=UTC)


def _attempt(n: int, metrics: AnswerMetrics) -> Attempt:
    return Attempt(number=n, session_id=uuid.uuid4(), answer_id=uuid.uuid4(), created_at=WHEN,
                   transcript=metrics.transcript, metrics=metrics)


def _metrics(text: str, fillers: int, pauses: int) -> AnswerMetrics:
    return AnswerMetrics(
        transcript=text, word_count=len(text.split()), filler_count=fillers,
        fillers=[FillerHit(text="um", kind="um", word_index=0, start_s=0.1)] * fillers,
        duration_s=30.0, speech_start_s=1.0, speech_end_s=29.0, words_per_minute=130.0,
        pauses=[Pause(5.0 + 3 * i, 6.5 + 3 * i) for i in range(pauses)],
    )


def test_fewer_fillers_and_pauses_are_better_and_said_so() -> None:
    rows = measure_rows([_attempt(1, _metrics("um I led it", 3, 2)), _attempt(2, _metrics("I led Kafka", 0, 0))],
                        job_terms=["Kafka"])
    by_label = {r.label: r for r in rows}
    assert by_label["Fillers"].values == ("3", "0") and by_label["Fillers"].change == "better"
    assert by_label["Pauses"].change == "better" and by_label["Longest pause (s)"].values == ("1.5", "0.0")
    assert by_label["Words per minute"].change is None  # no better direction for pace
    assert by_label["Job terms covered"].values == ("0 of 1", "1 of 1")
    assert "Fillers: 3 → 0 (better)" in what_changed(rows)


def test_a_typed_attempt_shows_dashes_not_zeros() -> None:
    typed = AnswerMetrics(transcript="typed", word_count=1, filler_count=0)
    rows = measure_rows([_attempt(1, _metrics("um I led it", 1, 1)), _attempt(2, typed)])
    assert {r.label: r for r in rows}["Pauses"].values == ("1", "—")


def test_a_measure_added_to_the_metrics_later_is_listed_too() -> None:
    @dataclass(slots=True)
    class WithHedges(AnswerMetrics):
        hedges: list[str] | None = None

    first = WithHedges(transcript="I think so", word_count=3, filler_count=0, hedges=["I think"])
    second = WithHedges(transcript="Yes", word_count=1, filler_count=0, hedges=[])
    rows = measure_rows([_attempt(1, first), _attempt(2, second)])
    assert {r.label: r for r in rows}["Hedges"].values == ("1", "0")
