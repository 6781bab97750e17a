"""The text-based delivery measures of one answer, computed together (issue 19).

`delivery_fields` returns the `AnswerMetrics` keyword arguments for hedges, repeated phrases, non-inclusive
terms and (when the speaking window is known) pace per window; pitch and loudness come from the audio in
`igym.analysis.prosody`. Pure: safe from any thread.
"""

from __future__ import annotations

from typing import Any

from igym.analysis.hedges import find_hedges
from igym.analysis.inclusive import find_inclusive
from igym.analysis.pace import pace_windows
from igym.analysis.repetition import repeated_phrases
from igym.analysis.tokens import TokenizedWords

__all__ = ["delivery_fields"]


def delivery_fields(words: TokenizedWords, *, window: tuple[float, float] | None = None) -> dict[str, Any]:
    """Hedges, repeated phrases, inclusive-language hits and (with a window) pace windows for `words`."""
    return {
        "hedges": find_hedges(words),
        "repeated": repeated_phrases(words),
        "inclusive": find_inclusive(words),
        "pace_windows": [] if window is None else pace_windows(words, start_s=window[0], end_s=window[1]),
    }
