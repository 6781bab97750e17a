"""The instant insight card shown between questions: a compact look at the answer just given.

Fillers, pace, one thing that worked and one to change, from the answer's own analysis (the metrics the
engine already stored) and the same findings the session feedback uses, so the card never says something
the final feedback contradicts. No model, no database, no network: a few milliseconds even for an
8,000-character answer (bench/bench_insight.py prints the figures), so the page draws it after the next
question without delaying it. Pure; safe from any thread; any text is accepted.
"""

from __future__ import annotations

from dataclasses import dataclass

from igym.feedback.findings import FILLER_BAND_MAX, consistent, headline
from igym.feedback.rubric import PACE_BAND, answer_facts
from igym.feedback.types import Exchange
from igym.models import AnswerMetrics


@dataclass(frozen=True, slots=True)
class InsightCard:
    """What the card shows. `fillers_per_minute` and `words_per_minute` are None for a typed answer."""

    words: int
    fillers: int
    fillers_per_minute: float | None
    words_per_minute: float | None
    fillers_ok: bool
    pace_ok: bool | None  # None: no pace (typed)
    worked: str
    change: str


def insight_card(*, question: str, answer: str, metrics: AnswerMetrics, kind: str = "question") -> InsightCard:
    """The card for one answer to `question` (the interviewer's line, as asked)."""
    facts = answer_facts(Exchange(number=1, question=question, kind=kind, answer=answer, metrics=metrics))
    goods, fixes = consistent(facts)
    spoken = metrics.speaking_time_s is not None
    rate = metrics.filler_count / (metrics.speaking_time_s / 60) if spoken and metrics.speaking_time_s else None
    wpm = metrics.words_per_minute
    worked, change = headline(goods, fixes)
    return InsightCard(
        words=metrics.word_count,
        fillers=metrics.filler_count,
        fillers_per_minute=round(rate, 1) if rate is not None else None,
        words_per_minute=round(wpm) if wpm is not None else None,
        fillers_ok=facts.fillers_per_minute <= FILLER_BAND_MAX,
        pace_ok=None if wpm is None else PACE_BAND[0] <= wpm <= PACE_BAND[1],
        worked=worked,
        change=change,
    )
