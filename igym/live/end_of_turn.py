"""When a pause ends a live answer: a short wait after a finished sentence, a long one after a trailing "and…".

The recorder (`igym.live.recording.LiveRecording`) asks, on every frame of a pause, how long this pause must
last before the answer is taken as finished. The answer depends on how the speech before the pause ended:

* **complete** — the last transcribed stretch ends a sentence (".", "?" or "!" after a word that can end one)
  *and* the voice fell over its last half second: the short wait (`short_s`, 0.7 s by default);
* **open** — it ends on a conjunction ("and", "but", "so", "because"…), a word that cannot end a sentence
  ("the", "of", "was"…), a filler ("um", "uh", "you know"; `igym.analysis.fillers`), a comma or dash, or with
  no sentence punctuation at all (a clause cut off): the long wait (`long_s`, 4.5 s), longer than a thinking
  pause, so a pause in the middle of a sentence never ends the answer;
* otherwise — no text is coming (early transcription off, or failed), it is empty, or it ends a sentence
  without the voice falling: the medium wait (`medium_s`, the old fixed `silence_stop_s`, 2.5 s). A missing
  transcript never gives the short wait. While the text is still being transcribed the pause waits for it, at
  most the long wait (`pending`).

`voice_fell` is a cheap look at the end of a voiced stretch: the pitch (autocorrelation over 40 ms frames) of its
last third against its first third of the last 0.5 s, or when no pitch is found, its energy. Pure functions,
no state: safe on the WebRTC frame thread.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import Enum

import numpy as np

from igym.analysis.fillers import find_fillers
from igym.analysis.tokens import tokenized, words_from_text

__all__ = ["EndOfTurnRules", "Ending", "ending", "voice_fell"]

# Words a finished sentence does not end on: conjunctions, articles and determiners, a few prepositions and
# subject pronouns. (Words that may end one — "it did.", "who I worked with." — are left out: a wrong
# "open" only costs a longer wait, a wrong "complete" could cut the candidate off.)
_CONJUNCTIONS = frozenset(
    "and but so because or nor then also plus yet while whereas although though since unless until if when "
    "whether which that who whom whose where after before as like".split()
)
_CANNOT_END = frozenset(
    "the a an my our their your his her its every each some any no "
    "of to into onto from between than via i we they he she i'm we're they're it's there's very just".split()
)
_OPEN_TAIL = (",", ";", ":", "-", "—", "–", "…", "...")


class Ending(Enum):
    COMPLETE = "complete"  # a sentence ended
    OPEN = "open"  # a clause was left open: more is coming
    UNKNOWN = "unknown"  # nothing to go on


def ending(text: str | None) -> Ending:
    """How the transcribed text `text` ends (None: not transcribed yet). Never raises."""
    if text is None:
        return Ending.UNKNOWN
    words = tokenized(words_from_text(text))
    tokens = words.tokens
    if not tokens:
        return Ending.UNKNOWN
    last = tokens[-1]
    fillers = find_fillers(words)
    if fillers and _ends_phrase(fillers[-1].text, text):
        return Ending.OPEN
    if last.core in _CONJUNCTIONS or last.core in _CANNOT_END or words.sounds[words.token_words[-1]] is not None:
        return Ending.OPEN
    tail = text.rstrip(" \t\n\"'”’)]")
    if tail.endswith(_OPEN_TAIL) or last.comma_after:
        return Ending.OPEN
    return Ending.COMPLETE if last.end_after else Ending.OPEN


def _ends_phrase(phrase: str, text: str) -> bool:
    """True when the filler `phrase` ("you know") is the text's last words."""
    tail = [w.strip(".,;:!?…—–-\"'").lower() for w in text.split()]
    want = phrase.lower().split()
    return bool(want) and [w for w in tail if w][-len(want) :] == want


@dataclass(frozen=True, slots=True)
class EndOfTurnRules:
    """The three waits (seconds of silence after speech) and which one applies."""

    short_s: float = 0.7
    medium_s: float = 2.5
    long_s: float = 4.5

    def wait_s(self, text: str | None, fell: bool | None, *, pending: bool = False) -> float:
        """The silence that ends the answer, given the last stretch's text and whether the voice fell.

        `pending`: the text is not here yet but is being transcribed. The pause is then not decided before it
        arrives, up to the long wait — on a slow machine a thinking pause outlasting the medium wait must not end
        the answer just because its words came late. (No text and none coming: the medium wait.)
        """
        if text is None and pending:
            return self.long_s
        kind = ending(text)
        if kind is Ending.OPEN:
            return self.long_s
        if kind is Ending.COMPLETE and fell:
            return self.short_s
        return self.medium_s


def voice_fell(samples: np.ndarray, sample_rate: int = 16_000) -> bool | None:
    """Whether the voice fell at the end of `samples` (a voiced stretch, int16 or float); None: no voice heard.

    Praat's pitch over the last second (20 ms steps, octave jumps against the median dropped): the last run of
    at least three pitched frames — the final syllable's voice — falls by a semitone or more from its first
    frame to its last. With no such run (a whispered or unvoiced ending), the energy: the last 0.15 s at least
    6 dB below the 0.5 s before it.
    """
    import parselmouth

    raw = np.asarray(samples)
    audio = raw.astype(np.float64) / 32768.0 if raw.dtype.kind == "i" else raw.astype(np.float64)
    audio = audio[-sample_rate:]
    if audio.size < int(0.2 * sample_rate) or float(np.max(np.abs(audio))) < 1e-3:
        return None
    try:
        pitch = parselmouth.Sound(audio, sample_rate).to_pitch(time_step=0.02, pitch_floor=70.0, pitch_ceiling=400.0)
        hz = np.asarray(pitch.selected_array["frequency"], dtype=np.float64)
    except Exception:  # Praat refuses odd input: fall back to the energy
        hz = np.zeros(0)
    voiced = hz[hz > 0]
    if voiced.size:
        median = float(np.median(voiced))
        hz = np.where((hz > 0.6 * median) & (hz < 1.7 * median), hz, 0.0)
    run = _last_run(hz)
    if run.size >= 3:
        return 12 * math.log2(float(run[-1]) / float(run[0])) <= -1.0
    tail = audio[-int(0.15 * sample_rate) :]
    before = audio[-int(0.65 * sample_rate) : -int(0.15 * sample_rate)]
    if before.size == 0:
        return None
    ratio = (float(np.sqrt(np.mean(tail**2))) + 1e-9) / (float(np.sqrt(np.mean(before**2))) + 1e-9)
    return 20 * math.log10(ratio) <= -6.0


def _last_run(hz: np.ndarray, min_len: int = 3) -> np.ndarray:
    """The last stretch of at least `min_len` consecutive pitched frames (Hz > 0); empty when there is none."""
    end = hz.size
    while end > 0:
        while end > 0 and hz[end - 1] <= 0:
            end -= 1
        start = end
        while start > 0 and hz[start - 1] > 0:
            start -= 1
        if end - start >= min_len:
            return hz[start:end]
        end = start
    return hz[:0]
