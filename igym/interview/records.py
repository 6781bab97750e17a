"""AnswerMetrics to and from the JSON stored on a candidate's Message.

The engine keeps every measurement in the database (the `analysis` column, plus the seed's flat columns),
so a session resumes after a restart, on another replica, and its totals can be recomputed at any time.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from igym.models import AnswerMetrics, FillerHit, Pause, Span, StructureCues


def metrics_to_json(metrics: AnswerMetrics) -> dict[str, Any]:
    return asdict(metrics)


def metrics_from_json(data: dict[str, Any]) -> AnswerMetrics:
    values = dict(data)
    values["fillers"] = [FillerHit(**hit) for hit in values.get("fillers", [])]
    values["pauses"] = [Pause(**pause) for pause in values.get("pauses", [])]
    values["hesitations"] = [Span(**span) for span in values.get("hesitations", [])]
    values["unclear_speech"] = [Span(**span) for span in values.get("unclear_speech", [])]
    values["structure"] = StructureCues(**values.get("structure", {}))
    return AnswerMetrics(**values)


def message_columns(metrics: AnswerMetrics) -> dict[str, Any]:
    """The seed's per-answer columns (and our extras) for a candidate Message."""
    latency = metrics.response_latency_s
    return {
        "filler_word_count": metrics.filler_count,
        "pause_count": metrics.pause_count,
        "longest_pause_ms": metrics.longest_pause_ms,
        "word_count": metrics.word_count,
        "words_per_minute": metrics.words_per_minute,
        "response_latency_ms": round(latency * 1000) if latency is not None else None,
        "hesitation_count": metrics.hesitation_count,
        "audio_duration_ms": round(metrics.duration_s * 1000) if metrics.duration_s is not None else None,
        "analysis": metrics_to_json(metrics),
    }
