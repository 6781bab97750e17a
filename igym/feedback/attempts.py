"""Attempts at one question side by side: the first answer and every try-again of it, measure by measure.

`attempts_of` reads them through the user's own sessions only (someone else's answer id finds nothing).
`measure_rows` lists every measure of `AnswerMetrics`: the ones named in MEASURES with their labels and the
direction that is better, then any other numeric or list field the metrics carry (a measure added later
shows up as "Hedges: 3" without touching this module). `what_changed` says in words what moved between the
first and the latest attempt. Pure apart from the one read; safe from any thread.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields
from datetime import datetime

from igym.db import repository as repo
from igym.db.engine import Database
from igym.interview.job_terms import covered_terms
from igym.models import AnswerMetrics


@dataclass(frozen=True, slots=True)
class Attempt:
    """One attempt: the answer's session, when, the words, and the measures."""

    number: int
    session_id: uuid.UUID
    answer_id: uuid.UUID
    created_at: datetime
    transcript: str
    metrics: AnswerMetrics | None


@dataclass(frozen=True, slots=True)
class MeasureRow:
    """One measure across the attempts, formatted, and how the latest compares with the first."""

    label: str
    values: tuple[str, ...]
    change: str | None  # "better" | "worse" | "same" | None (no direction, or missing values)


@dataclass(frozen=True, slots=True)
class _Measure:
    label: str
    read: Callable[[AnswerMetrics], float | None]
    fmt: str
    lower_is_better: bool | None


def _count(name: str) -> Callable[[AnswerMetrics], float | None]:
    return lambda m: float(len(getattr(m, name) or []))


def _number(name: str) -> Callable[[AnswerMetrics], float | None]:
    def read(m: AnswerMetrics) -> float | None:
        value = getattr(m, name, None)
        return float(value) if isinstance(value, int | float) else None

    return read


def _fillers_per_minute(m: AnswerMetrics) -> float | None:
    speaking = m.speaking_time_s
    return round(m.filler_count * 60 / speaking, 1) if speaking else None


MEASURES: tuple[_Measure, ...] = (
    _Measure("Words", lambda m: float(m.word_count), "{:.0f}", None),
    _Measure("Fillers", lambda m: float(m.filler_count), "{:.0f}", True),
    _Measure("Fillers per minute", _fillers_per_minute, "{:.1f}", True),
    _Measure("Words per minute", lambda m: m.words_per_minute, "{:.0f}", None),
    _Measure("Pauses", lambda m: None if m.pause_count is None else float(m.pause_count), "{:.0f}", True),
    _Measure("Longest pause (s)", lambda m: None if m.longest_pause_ms is None else m.longest_pause_ms / 1000,
             "{:.1f}", True),
    _Measure("Hesitations", lambda m: None if m.hesitation_count is None else float(m.hesitation_count),
             "{:.0f}", True),
    _Measure("Time to start (s)", lambda m: m.response_latency_s, "{:.1f}", True),
    _Measure("Speaking time (s)", lambda m: m.speaking_time_s, "{:.0f}", None),
    _Measure("Unclear speech", lambda m: None if m.unclear_speech_count is None else float(m.unclear_speech_count),
             "{:.0f}", True),
    _Measure("STAR parts", lambda m: float(sum((m.structure.situation, m.structure.task, m.structure.action,
                                                  m.structure.result))), "{:.0f} of 4", False),
    _Measure("Result with a number", lambda m: float(m.structure.quantified_result), "{:.0f}", False),
    _Measure("“I” share", lambda m: m.structure.i_share, "{:.0%}", False),
)
# Fields MEASURES already shows (or that are not measures).
_SHOWN = frozenset({
    "transcript", "word_count", "filler_count", "fillers", "filler_counts", "has_speech", "duration_s",
    "speech_start_s", "speech_end_s", "words_per_minute", "pauses", "hesitations", "structure", "unclear_speech",
    "word_starts",
})


def _extra_measures(metrics: Sequence[AnswerMetrics]) -> list[_Measure]:
    """Numeric and list fields of AnswerMetrics that MEASURES does not name: shown with no direction."""
    extra: list[_Measure] = []
    if not metrics:
        return extra
    for f in fields(type(metrics[-1])):  # the stored metrics' own class: fields it gained show up too
        if f.name in _SHOWN:
            continue
        sample = next((getattr(m, f.name) for m in metrics if getattr(m, f.name, None) is not None), None)
        label = f.name.replace("_", " ").capitalize()
        if isinstance(sample, int | float):
            extra.append(_Measure(label, _number(f.name), "{:.1f}", None))
        elif isinstance(sample, list | tuple | dict):
            extra.append(_Measure(label, _count(f.name), "{:.0f}", None))
    return extra


def _direction(first: float | None, last: float | None, lower_is_better: bool | None) -> str | None:
    if first is None or last is None or lower_is_better is None:
        return None
    if abs(last - first) < 1e-9:
        return "same"
    return "better" if (last < first) == lower_is_better else "worse"


def measure_rows(attempts: Sequence[Attempt], *, job_terms: Sequence[str] = ()) -> list[MeasureRow]:
    """Every measure across `attempts` (first to latest), with the latest's change against the first."""
    measured = [a.metrics for a in attempts if a.metrics is not None]
    rows: list[MeasureRow] = []
    for measure in (*MEASURES, *_extra_measures(measured)):
        raw = [measure.read(a.metrics) if a.metrics is not None else None for a in attempts]
        values = tuple("—" if v is None else measure.fmt.format(v) for v in raw)
        change = _direction(raw[0], raw[-1], measure.lower_is_better) if len(raw) > 1 else None
        rows.append(MeasureRow(measure.label, values, change))
    if job_terms:
        covered = [len(covered_terms(a.transcript, job_terms)) for a in attempts]
        rows.append(MeasureRow("Job terms covered", tuple(f"{c} of {len(job_terms)}" for c in covered),
                               _direction(covered[0], covered[-1], False) if len(covered) > 1 else None))
    return rows


def what_changed(rows: Sequence[MeasureRow]) -> list[str]:
    """Plain sentences for the measures that got better or worse from the first to the latest attempt."""
    out = []
    for row in rows:
        if row.change in ("better", "worse"):
            out.append(f"{row.label}: {row.values[0]} → {row.values[-1]} ({row.change})")
    return out


def attempts_of(db: Database, *, user_id: uuid.UUID, answer_id: uuid.UUID) -> list[Attempt]:
    """The first attempt at this answer's question and every retry of it, oldest first; [] if not theirs.

    `answer_id` may be the first answer or any retry of it. A lone answer (never retried) gives one attempt.
    """
    with db.session() as session:
        answer = repo.get_answer(session, user_id=user_id, message_id=answer_id)
        if answer is None:
            return []
        root_id = answer.session.retry_of_message_id or answer.id
        root = repo.get_answer(session, user_id=user_id, message_id=root_id) or answer
        messages = [root, *repo.retry_answers(session, user_id=user_id, of_message_id=root.id)]
        return [
            Attempt(
                number=n, session_id=m.session_id, answer_id=m.id, created_at=m.created_at,
                transcript=m.content, metrics=m.metrics,
            )
            for n, m in enumerate(messages, start=1)
        ]
