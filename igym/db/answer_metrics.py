"""One answer's measurements, stored once: `AnswerMetrics` as one JSON value on the candidate's Message.

`Message.metrics` is typed with `AnswerMetricsJSON`: SQLAlchemy hands the engine, the feedback and the Prompt
Lab an `AnswerMetrics` (with its fillers, pauses, hesitations and STAR cues) and stores it back as JSON, so
no caller parses a blob and nothing else holds a copy of the numbers. Counts users see (pauses, longest pause,
hesitations, latency) are properties of `AnswerMetrics` computed from the stored lists, never stored beside
them. Session totals are rolled up from these values (`igym.analysis.session.aggregate_session`).

The JSON is `dataclasses.asdict(AnswerMetrics)`; keys a newer version adds are optional on read (their
defaults apply to rows stored before), and unknown keys are ignored, so rows survive a rolled-back release.
Conversions are pure: safe from any thread.
"""

from __future__ import annotations

from dataclasses import asdict, fields
from typing import Any

from sqlalchemy import JSON, TypeDecorator
from sqlalchemy.engine import Dialect

from igym.models import (
    AnswerMetrics,
    FillerHit,
    HedgeHit,
    InclusiveHit,
    PaceWindow,
    Pause,
    Prosody,
    RepeatedPhrase,
    Span,
    StructureCues,
)

_FIELDS = frozenset(f.name for f in fields(AnswerMetrics))
_STRUCTURE_FIELDS = frozenset(f.name for f in fields(StructureCues))


def metrics_to_json(metrics: AnswerMetrics) -> dict[str, Any]:
    """The JSON form of one answer's metrics (also what `rehearse --json` prints)."""
    return asdict(metrics)


def metrics_from_json(data: dict[str, Any]) -> AnswerMetrics:
    """Read back what `metrics_to_json` wrote (or an older row of it)."""
    values = {key: value for key, value in data.items() if key in _FIELDS}
    values["fillers"] = [FillerHit(**hit) for hit in values.get("fillers", [])]
    values["pauses"] = [Pause(**pause) for pause in values.get("pauses", [])]
    values["hesitations"] = [Span(**span) for span in values.get("hesitations", [])]
    values["unclear_speech"] = [Span(**span) for span in values.get("unclear_speech", [])]
    values["hedges"] = [HedgeHit(**hit) for hit in values.get("hedges", [])]
    values["repeated"] = [RepeatedPhrase(**item) for item in values.get("repeated", [])]
    values["inclusive"] = [InclusiveHit(**hit) for hit in values.get("inclusive", [])]
    values["pace_windows"] = [PaceWindow(**window) for window in values.get("pace_windows", [])]
    prosody = values.get("prosody")
    values["prosody"] = None if prosody is None else Prosody(**prosody)
    structure = values.get("structure", {})
    values["structure"] = StructureCues(**{k: v for k, v in structure.items() if k in _STRUCTURE_FIELDS})
    return AnswerMetrics(**values)


class AnswerMetricsJSON(TypeDecorator[AnswerMetrics]):
    """A JSON column that reads and writes `AnswerMetrics` (JSON on SQLite, json on Postgres)."""

    impl = JSON
    cache_ok = True

    def process_bind_param(self, value: AnswerMetrics | None, dialect: Dialect) -> dict[str, Any] | None:
        return None if value is None else metrics_to_json(value)

    def process_result_value(self, value: dict[str, Any] | None, dialect: Dialect) -> AnswerMetrics | None:
        return None if value is None else metrics_from_json(value)
