"""Pace across an answer: words per minute in consecutive windows, so a candidate sees where they sped up.

The speaking window (first word to last) is cut into `WINDOW_S`-second windows; a last stretch shorter than
half a window is merged into the one before it. Each word counts in the window its start time falls in
(hesitation sounds and untimed words are not words). Pure function: safe from any thread.
"""

from __future__ import annotations

from igym.analysis.tokens import TokenizedWords
from igym.models import PaceWindow

__all__ = ["WINDOW_S", "pace_windows"]

WINDOW_S = 10.0


def pace_windows(
    words: TokenizedWords, *, start_s: float, end_s: float, window_s: float = WINDOW_S
) -> list[PaceWindow]:
    """Words per minute in each window of [start_s, end_s]; empty when the stretch is shorter than a second."""
    if end_s - start_s < 1.0 or window_s <= 0:
        return []
    edges = [start_s]
    while end_s - edges[-1] >= 1.5 * window_s:
        edges.append(edges[-1] + window_s)
    edges.append(end_s)
    counts = [0] * (len(edges) - 1)
    for word, sound in zip(words.words, words.sounds, strict=True):
        if sound is not None or word.start is None or not word.text.strip(" .,;:!?-—…"):
            continue
        for k in range(len(counts)):
            if edges[k] <= word.start < edges[k + 1] or (k == len(counts) - 1 and word.start == end_s):
                counts[k] += 1
                break
    return [
        PaceWindow(
            start_s=round(a, 2), end_s=round(b, 2), words=n, words_per_minute=round(n / (b - a) * 60, 1)
        )
        for a, b, n in zip(edges, edges[1:], counts, strict=False)
    ]
