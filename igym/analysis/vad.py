"""Voice activity (Silero VAD) and the pauses between speech.

Pause timing comes from the VAD, not from Whisper's word gaps: Whisper's word boundaries can be half a second
off around a silence, Silero's 32 ms windows are within about 0.1 s. Segmentation is a hysteresis on the speech
probability: on at 0.5, off below 0.25 (Silero's default is 0.35, but soft word endings such as a final "s"
under 25 dB SNR noise fall below 0.35 up to 0.18 s early; at 0.25 boundaries stay within 0.07 s, clean or
noisy). Two more corrections were measured on synthetic speech with known silences: an onset is moved back
over the rising edge (probability >= 0.15, tolerating a short dip; see `_onset`), and an offset is moved back
one window because the probability lags the end of speech by about that much.

The ONNX model is the one shipped inside faster-whisper (`faster_whisper/assets/silero_vad_v6.onnx`), loaded
once per process by `faster_whisper.vad.get_vad_model` (an `lru_cache`). ONNX Runtime sessions are safe to run
from several threads; each call keeps its own recurrent state, so concurrent answers do not interfere.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import numpy as np

from igym.models import Pause, Span

SAMPLE_RATE = 16_000
WINDOW = 512  # samples per Silero decision: 32 ms at 16 kHz
ON_THRESHOLD = 0.5
OFF_THRESHOLD = 0.25
ONSET_BACKTRACK = 0.15
ONSET_DIP = 0.05
ONSET_LOOKBACK = 12
MIN_SPEECH_S = 0.09  # shorter voiced blips are clicks or breaths
MERGE_GAP_S = 0.1  # gaps shorter than this are inside a word (stop consonants)


def speech_probabilities(samples: np.ndarray) -> np.ndarray:
    """Silero's speech probability for each 32 ms window of 16 kHz mono float audio."""
    from faster_whisper.vad import get_vad_model

    if samples.size == 0:
        return np.zeros(0, dtype=np.float32)
    audio = samples.astype(np.float32, copy=False)
    padded = np.pad(audio, (0, (-audio.size) % WINDOW))
    return np.asarray(get_vad_model()(padded), dtype=np.float32).reshape(-1)


def find_speech(samples: np.ndarray) -> list[Span]:
    """Stretches of speech in 16 kHz mono audio, in seconds, in order and non-overlapping."""
    probs = speech_probabilities(samples)
    return speech_spans_from_probabilities(probs, total_s=samples.size / SAMPLE_RATE)


def speech_spans_from_probabilities(probs: np.ndarray, *, total_s: float) -> list[Span]:
    """Hysteresis segmentation of per-window probabilities (see the module docstring for the corrections)."""
    windows: list[tuple[int, int]] = []
    start: int | None = None
    for i, p in enumerate(probs):
        if start is None and p >= ON_THRESHOLD:
            start = _onset(probs, i, floor=windows[-1][1] if windows else 0)
        elif start is not None and p < OFF_THRESHOLD:
            windows.append((start, max(start + 1, i - 1)))
            start = None
    if start is not None:
        windows.append((start, len(probs)))
    return _merge_and_filter(windows, total_s=total_s)


def _onset(probs: np.ndarray, trigger: int, *, floor: int) -> int:
    """Walk back from the window that crossed ON_THRESHOLD to where the word really began.

    Soft vowel onsets ("After ...") often rise to 0.3-0.4, dip, and only then cross 0.5: the walk tolerates dips
    down to `ONSET_DIP` and keeps the earliest window at or above `ONSET_BACKTRACK`, looking back at most
    `ONSET_LOOKBACK` windows (0.38 s), so it never crosses a real silence.
    """
    start = j = trigger
    while j > floor and trigger - j < ONSET_LOOKBACK and probs[j - 1] >= ONSET_DIP:
        j -= 1
        if probs[j] >= ONSET_BACKTRACK:
            start = j
    return start


def _merge_and_filter(windows: Sequence[tuple[int, int]], *, total_s: float) -> list[Span]:
    to_s = WINDOW / SAMPLE_RATE
    merged: list[list[float]] = []
    for a, b in windows:
        start_s, end_s = a * to_s, min(b * to_s, total_s)
        if merged and start_s - merged[-1][1] < MERGE_GAP_S:
            merged[-1][1] = end_s
        else:
            merged.append([start_s, end_s])
    return [Span(round(s, 3), round(e, 3)) for s, e in merged if e - s >= MIN_SPEECH_S]


def find_pauses(speech: Sequence[Span], *, min_pause_s: float, start_s: float, end_s: float) -> list[Pause]:
    """Silences of at least `min_pause_s` between speech inside [start_s, end_s].

    The window is the answer's speaking time: the silence before the first word is response latency and the
    silence after the last word is the end of the recording, so neither is a pause.
    """
    inside = [s for s in speech if s.end_s > start_s and s.start_s < end_s]
    pauses = []
    for before, after in itertools.pairwise(inside):
        if after.start_s - before.end_s >= min_pause_s:
            pauses.append(Pause(before.end_s, after.start_s))
    return pauses
