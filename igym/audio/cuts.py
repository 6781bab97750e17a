"""Cut stretches out of an answer's audio with short crossfades: the "hear it without fillers" replay.

Pure numpy, stateless and thread-safe. Each cut span is removed, and the join is smoothed inside the span:
the first `crossfade` samples of the span fade out while its last `crossfade` samples fade in, summed on top
of each other. The speech on either side is never touched, and each join keeps `crossfade` samples of the
cut stretch, so the output is `len(input) - sum(cut lengths) + crossfade * joins` samples long. Spans shorter
than two crossfades are left in (there is nothing to gain from cutting them and no room to fade).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from igym.models import AnswerMetrics, Span

CROSSFADE_S = 0.02
LONG_PAUSE_S = 1.0
# A pause over LONG_PAUSE_S is cut down to this much silence, so the words on either side don't collide.
KEPT_GAP_S = 0.2
# A filler's end when no later word timing says where it stops.
FILLER_FALLBACK_S = 0.4
FILLER_MAX_S = 1.0


def merged_spans(spans: Iterable[Span], *, duration_s: float) -> list[Span]:
    """The spans clipped to [0, duration_s], sorted, with overlapping or touching ones merged."""
    clipped = sorted(
        (Span(max(0.0, s.start_s), min(duration_s, s.end_s)) for s in spans),
        key=lambda s: s.start_s,
    )
    merged: list[Span] = []
    for span in clipped:
        if span.end_s <= span.start_s:
            continue
        if merged and span.start_s <= merged[-1].end_s:
            merged[-1] = Span(merged[-1].start_s, max(merged[-1].end_s, span.end_s))
        else:
            merged.append(span)
    return merged


def cut_spans(
    samples: np.ndarray, *, sample_rate: int, spans: Iterable[Span], crossfade_s: float = CROSSFADE_S
) -> np.ndarray:
    """`samples` (1-D, any float dtype) with `spans` cut out and each join crossfaded; returns float32."""
    audio = np.asarray(samples, dtype=np.float32)
    if audio.ndim != 1:
        raise ValueError("cut_spans takes mono (1-D) audio")
    fade = max(1, round(crossfade_s * sample_rate))
    ramp_out = np.linspace(1.0, 0.0, fade, dtype=np.float32)
    ramp_in = 1.0 - ramp_out
    pieces: list[np.ndarray] = []
    kept_from = 0
    for span in merged_spans(spans, duration_s=len(audio) / sample_rate):
        start, end = round(span.start_s * sample_rate), round(span.end_s * sample_rate)
        if end - start < 2 * fade or start < kept_from:
            continue
        pieces.append(audio[kept_from:start])
        pieces.append(audio[start : start + fade] * ramp_out + audio[end - fade : end] * ramp_in)
        kept_from = end
    pieces.append(audio[kept_from:])
    return np.concatenate(pieces).astype(np.float32, copy=False)


def filler_free_spans(metrics: AnswerMetrics) -> list[Span]:
    """What the filler-free replay cuts: every timed filler and hesitation, and pauses over a second.

    A filler runs from its start to the next word's start (at most FILLER_MAX_S), or FILLER_FALLBACK_S when
    no later word is timed. A long pause keeps KEPT_GAP_S of silence in its middle. Typed answers (no
    timings) give no spans.
    """
    spans: list[Span] = []
    starts = metrics.word_starts
    for hit in metrics.fillers:
        if hit.start_s is None:
            continue
        after = [s for s in starts[hit.word_index + len(hit.text.split()) :] if s is not None and s > hit.start_s]
        end = min(after[0], hit.start_s + FILLER_MAX_S) if after else hit.start_s + FILLER_FALLBACK_S
        spans.append(Span(hit.start_s, end))
    spans.extend(Span(h.start_s, h.end_s) for h in metrics.hesitations)
    for pause in metrics.pauses:
        if pause.duration_s > LONG_PAUSE_S:
            trim = KEPT_GAP_S / 2
            middle = (pause.start_s + pause.end_s) / 2
            spans.append(Span(pause.start_s, middle - trim))
            spans.append(Span(middle + trim, pause.end_s))
    return spans


def without_fillers(samples: np.ndarray, *, sample_rate: int, metrics: AnswerMetrics) -> np.ndarray:
    """The answer's audio with its fillers, hesitations and long pauses cut out (see `filler_free_spans`)."""
    return cut_spans(samples, sample_rate=sample_rate, spans=filler_free_spans(metrics))
