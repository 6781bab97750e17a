"""Voice activity (Silero VAD) and the pauses between speech.

Pause timing comes from the VAD, not from Whisper's word gaps: Whisper's word boundaries can be half a second
off around a silence, Silero's 32 ms windows are within about 0.1 s. Segmentation is a hysteresis on the speech
probability: on at 0.5, off below 0.25 (Silero's default is 0.35, but soft word endings such as a final "s"
under 25 dB SNR noise fall below 0.35 up to 0.18 s early; at 0.25 boundaries stay within 0.07 s, clean or
noisy). Two more corrections were measured on synthetic speech with known silences: an onset is moved back
over the rising edge (probability >= 0.15, tolerating a short dip; see `_onset`), and an offset is moved back
one window because the probability lags the end of speech by about that much.

Three harder cases showed up when the suite's noisy answer was rendered many times (Piper draws fresh noise on
every synthesis), each putting a boundary about 0.2 s off in 2.5 % of noisy runs:

* a word-initial vowel before a stop ("After": "a", then the near-silent closure of "ft") is a 60-100 ms
  blip that may not reach 0.5; the onset walk takes it when it peaks at 0.22 or more and the closure is at
  most 4 windows, and gaps under 0.15 s are merged before short blips are dropped;
* noise in the silence before an answer hovers at 0.1-0.2, which the walk must not take for speech: it
  fails both of those conditions;
* a final "s" at the noise floor dips below 0.25 for one window and comes back: speech ends only after two
  windows in a row below 0.25.

Measured on 272 renderings, each clean and with 8 draws of 25 dB SNR noise (2,448 runs): runs with a
boundary more than 0.15 s off went from 61 to 0, and the worst error from 0.21 s to 0.11 s
(`bench/bench_pause_boundaries.py` prints these figures for fresh renderings).

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
OFF_HANGOVER = 2  # windows in a row below OFF_THRESHOLD that end speech
ONSET_BACKTRACK = 0.15
ONSET_MAX_DIP = 4  # windows (128 ms) below ONSET_BACKTRACK between a vowel and the rest of its word
ONSET_VOWEL = 0.22  # clean "A" vowels peak at 0.25; noise in a silence reaches 0.19
ONSET_LOOKBACK = 12
MIN_SPEECH_S = 0.09  # shorter voiced blips are clicks or breaths
MERGE_GAP_S = 0.15  # gaps shorter than this are inside a word (stop-consonant closures)


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
    """Hysteresis segmentation of per-window probabilities (see the module docstring for the corrections).

    Speech ends only after `OFF_HANGOVER` windows in a row below OFF_THRESHOLD, so one noisy dip inside a final
    fricative does not cut the word short; the end is then the window before the first one below.
    """
    windows: list[tuple[int, int]] = []
    start: int | None = None
    below = 0
    for i, p in enumerate(probs):
        if start is None:
            if p >= ON_THRESHOLD:
                start, below = _onset(probs, i, floor=windows[-1][1] if windows else 0), 0
        elif p >= OFF_THRESHOLD:
            below = 0
        else:
            below += 1
            if below == OFF_HANGOVER:
                first_below = i - below + 1
                windows.append((start, max(start + 1, first_below - 1)))
                start = None
    if start is not None:
        windows.append((start, len(probs)))
    return _merge_and_filter(windows, total_s=total_s)


def _onset(probs: np.ndarray, trigger: int, *, floor: int) -> int:
    """Walk back from the window that crossed ON_THRESHOLD to where the word really began.

    The rising edge right before the trigger (windows at or above `ONSET_BACKTRACK`) belongs to the word. Soft
    vowel onsets ("After ...") also rise to 0.3-0.5, fall almost to zero in the closure of the next consonant,
    and only then cross 0.5: an earlier voiced run is taken too when the gap to it is at most `ONSET_MAX_DIP`
    windows (a closure is under 0.1 s) and it peaks at `ONSET_VOWEL` or more. Noise in a silence hovers at
    0.1-0.2 with longer gaps, so it never qualifies. The walk looks back at most `ONSET_LOOKBACK` windows
    (0.38 s) and never past the previous speech (`floor`).
    """
    lowest = max(floor, trigger - ONSET_LOOKBACK)
    start = j = trigger
    while j > lowest and probs[j - 1] >= ONSET_BACKTRACK:  # the rising edge
        j -= 1
    start = j
    while j > lowest:
        dip_end = j
        while j > lowest and probs[j - 1] < ONSET_BACKTRACK:
            j -= 1
        if j == lowest or dip_end - j > ONSET_MAX_DIP:
            break
        run_end = j
        while j > lowest and probs[j - 1] >= ONSET_BACKTRACK:
            j -= 1
        if float(probs[j:run_end].max()) < ONSET_VOWEL:
            break
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
