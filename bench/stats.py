"""The figures the benches print about a list of timings."""

from __future__ import annotations

import statistics
from collections.abc import Sequence


def p50_p95_ms(seconds: Sequence[float]) -> tuple[float, float]:
    """Median and 95th percentile (nearest rank, no interpolation) of timings in seconds, in milliseconds."""
    ms = sorted(1000 * s for s in seconds)
    return statistics.median(ms), ms[min(len(ms) - 1, int(0.95 * len(ms)))]
