"""Lining words up with the VAD: hallucinated words, speaking time, pace and hesitations.

Whisper's word timings are loose (a first word often "starts" at 0.0 s) and it invents words in trailing
silence ("Thank you."). The VAD is the reference for *when*; the transcript is the reference for *what*:

* a word is kept when it overlaps speech, unless Whisper itself was unsure of it (probability < 0.3) and its
  middle lies in silence — the signature of a hallucinated outro; a word Whisper all but rejects (probability
  < 0.05) must also have most of its time voiced: an invented "Thank" stretched from the last voiced
  frames into the silence after them has its middle close enough to speech for the first test;
* a sentence of two or more words that Whisper times at under 50 ms a word is dropped whole, whatever its
  probabilities: nobody says "Thank you very much." in 60 ms. That is the other shape of an invented outro —
  squeezed onto the last voiced frames before trailing silence, where the rule above cannot see it (the
  words touch speech, and Whisper is often sure of all but the first). It is how a stretch of a live answer
  that ends in a pause comes back on some CPUs (`igym.live.early_transcription`);
* speaking time runs from the start of the speech stretch under the first word to the end of the stretch
  under the last word, so words per minute does not depend on Whisper's boundaries;
* a hesitation is a voiced stretch of at least 0.2 s that no word covers (words padded by 0.1 s): usually an
  "um" Whisper left out, counted separately so the filler count stays honest;
* Whisper places the "um"s it does write badly (often zero-length, in the silence next to the sound), so
  hesitation sounds are never dropped as unvoiced, and `place_sounds` moves each onto the unexplained voiced
  stretch in the same gap between two content words: that stretch *is* the "um", counted once, as a filler,
  at the time the user hears it.

Pure functions: safe from any thread.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from igym.analysis.tokens import TokenizedWords
from igym.models import Span, Word

HALLUCINATION_MAX_PROBABILITY = 0.3
REJECTED_MAX_PROBABILITY = 0.05
SQUEEZED_MAX_S_PER_WORD = 0.05
MIDPOINT_TOLERANCE_S = 0.15
HESITATION_MIN_S = 0.2
PLACE_MIN_S = 0.06  # a known "um" may hide in a shorter uncovered stretch than an unknown one
WORD_PAD_S = 0.1


def _overlap(a_start: float, a_end: float, span: Span) -> float:
    return min(a_end, span.end_s) - max(a_start, span.start_s)


def _voiced_s(start: float, end: float, speech: Sequence[Span]) -> float:
    return sum(max(0.0, _overlap(start, end, s)) for s in speech)


def _touches_speech(start: float, end: float, speech: Sequence[Span], tolerance: float = 0.0) -> bool:
    return any(_overlap(start - tolerance, end + tolerance, s) > 0 for s in speech)


def drop_unvoiced_words(words: TokenizedWords, speech: Sequence[Span]) -> TokenizedWords:
    """Words the VAD supports, without squeezed sentences; see the module docstring for the rules."""
    squeezed = squeezed_sentences(words)
    kept: list[int] = []
    for n, word in enumerate(words.words):
        if n in squeezed:
            continue
        if word.start is None or word.end is None:
            kept.append(n)
            continue
        if not _touches_speech(word.start, word.end, speech, tolerance=0.05):
            if words.is_sound(n):
                kept.append(n)  # a transcribed "um" is real even when Whisper misplaces it
            continue
        middle = (word.start + word.end) / 2
        unsure = word.probability is not None and word.probability < HALLUCINATION_MAX_PROBABILITY
        if unsure and not _touches_speech(middle, middle, speech, tolerance=MIDPOINT_TOLERANCE_S):
            continue
        rejected = word.probability is not None and word.probability < REJECTED_MAX_PROBABILITY
        if rejected and not words.is_sound(n) and _voiced_s(word.start, word.end, speech) < (word.end - word.start) / 2:
            continue
        kept.append(n)
    return words.select(kept)


def squeezed_sentences(words: TokenizedWords) -> set[int]:
    """Indexes of the words of every sentence of two or more words timed at under 50 ms a word.

    A sentence ends at a word with ".", "?" or "!" after it, or at the end. Hesitation sounds neither count
    towards a sentence's words nor are dropped with it (a transcribed "um" is real even when misplaced), and a
    sentence with an untimed word is left alone.
    """
    squeezed: set[int] = set()
    sentence: list[int] = []
    for n in range(len(words.words)):
        sentence.append(n)
        if words.parsed[n].end_after or n == len(words.words) - 1:
            said = [i for i in sentence if not words.is_sound(i) and words.parsed[i].core]
            timed = [
                words.words[i] for i in said if words.words[i].start is not None and words.words[i].end is not None
            ]
            if len(said) >= 2 and len(timed) == len(said):
                span = (timed[-1].end or 0.0) - (timed[0].start or 0.0)
                if span < SQUEEZED_MAX_S_PER_WORD * len(said):
                    squeezed.update(said)
            sentence = []
    return squeezed


def speaking_window(words: Sequence[Word], speech: Sequence[Span]) -> tuple[float, float] | None:
    """(start, end) of speaking time, snapped to the VAD; None when nothing was said."""
    timed = [w for w in words if w.start is not None and w.end is not None]
    voiced = [w for w in timed if _touches_speech(w.start or 0.0, w.end or 0.0, speech)]
    timed = voiced or timed  # a misplaced "um" in the leading silence must not move the start
    if not timed:
        if not speech:
            return None
        return speech[0].start_s, speech[-1].end_s
    first, last = timed[0], timed[-1]
    assert first.start is not None and first.end is not None and last.start is not None and last.end is not None
    start = next((s.start_s for s in speech if _overlap(first.start, first.end, s) > 0), first.start)
    end = next((s.end_s for s in reversed(speech) if _overlap(last.start, last.end, s) > 0), last.end)
    if end <= start:
        return None
    return start, end


def words_per_minute(word_count: int, window: tuple[float, float] | None) -> float | None:
    """Pace over speaking time; None when there is no speaking time to divide by."""
    if window is None or word_count == 0:
        return None
    minutes = (window[1] - window[0]) / 60
    return round(word_count / minutes, 1) if minutes > 0 else None


def place_sounds(words: TokenizedWords, speech: Sequence[Span], window: tuple[float, float]) -> TokenizedWords:
    """Move each transcribed "um" onto the unexplained voiced stretch in its gap between content words.

    The filler keeps its text; only its timing changes, so its reported time is where the user hears it and the
    stretch is not counted again as a hesitation. A sound with no such stretch in its gap keeps Whisper's time.
    """
    timed = [n for n, w in enumerate(words.words) if w.start is not None and w.end is not None]
    content = [words.words[n] for n in timed if not words.is_sound(n)]
    covered = sorted(((w.start or 0.0) - WORD_PAD_S, (w.end or 0.0) + WORD_PAD_S) for w in content)
    content_starts = sorted(w.start or 0.0 for w in content)
    free = _uncovered(covered, speech, window, min_s=PLACE_MIN_S)
    placed = words
    for n in timed:
        word = words.words[n]
        if not words.is_sound(n) or word.start is None:
            continue
        gap = bisect.bisect_right(content_starts, word.start)
        same_gap = [s for s in free if bisect.bisect_right(content_starts, s.start_s) == gap]
        if not same_gap:
            continue
        start = word.start
        stretch = min(same_gap, key=lambda s: abs(s.start_s - start))
        free.remove(stretch)
        placed = placed.retimed(n, stretch.start_s, stretch.end_s)
    return placed


def find_hesitations(words: Sequence[Word], speech: Sequence[Span], window: tuple[float, float]) -> list[Span]:
    """Voiced stretches inside the speaking window that no word covers (call `place_sounds` first)."""
    covered = sorted(
        (w.start - WORD_PAD_S, w.end + WORD_PAD_S) for w in words if w.start is not None and w.end is not None
    )
    return _uncovered(covered, speech, window, min_s=HESITATION_MIN_S)


def _uncovered(
    covered: Sequence[tuple[float, float]], speech: Sequence[Span], window: tuple[float, float], *, min_s: float
) -> list[Span]:
    found: list[Span] = []
    for span in speech:
        start, end = max(span.start_s, window[0]), min(span.end_s, window[1])
        cursor = start
        for c_start, c_end in covered:
            if c_end <= cursor or c_start >= end:
                continue
            if c_start - cursor >= min_s:
                found.append(Span(round(cursor, 3), round(c_start, 3)))
            cursor = max(cursor, c_end)
        if end - cursor >= min_s:
            found.append(Span(round(cursor, 3), round(end, 3)))
    return found
