"""Every stretch of speech the VAD hears is covered by words, transcribed again, or kept as unclear speech.

Why: Whisper can skip whole stretches of an answer, most often when it decodes with the disfluent prompt across
long pauses (a clean 28 s answer came back as its first 11 words), and a hosted transcript or two stitched
early-transcribed pieces can miss a sentence the audio holds. A transcript that silently drops speech makes
every figure wrong: no pauses, double the pace. So after transcription:

1. each VAD stretch of at least `COVER_MIN_S` is checked against the words (each padded by `WORD_PAD_S`): it is
   *uncovered* when no word touches it, when a run of at least `LOST_RUN_S` inside it has no word, or when it
   lasts `SPARSE_MIN_S` or more and holds words at under `SPARSE_SHARE` of the answer's own rate (Whisper
   also "covers" a lost sentence with a few words stretched over it: "after that ... the" over 3.4 s);
2. when the uncovered stretches hold `WHOLE_SHARE` or more of the speech, the transcript is not trusted at
   all (Whisper also misplaces the words it keeps: the first sentence of such an answer came back timed at its
   end) and the whole answer is transcribed again without the prompt (`NO_PROMPT`), then checked once more;
   otherwise, or for what is still uncovered after that, the uncovered stretches are transcribed again on
   their own, without the prompt: all of them in one request, joined by `JOIN_SILENCE_S` of silence, then each
   long one that is still empty in a request of its own; new words replace the old ones inside the stretch
   when there are more of them (so a prompted decode's "um"s are not traded for an unprompted one's silence);
3. a stretch still without words is *unclear speech* when it lasts `UNCLEAR_MIN_S` or more (shown on the
   transcript and counted); a shorter one stays what it was before, a hesitation (usually an "um" Whisper left
   out, already counted as such).

The re-transcription uses the same `Transcriber` as the answer (the hosted one too); with no transcriber (a
transcript handed in from elsewhere) step 2 is skipped and every long uncovered stretch is unclear speech.

Pure apart from the transcriber calls; safe from any thread. A transcriber failure during step 2 propagates
(`ProviderError`), exactly as a failure of the first transcription would.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from igym.analysis.timing import drop_unvoiced_words
from igym.analysis.tokens import tokenized
from igym.models import Span, Word
from igym.providers.base import Transcriber

SAMPLE_RATE = 16_000
COVER_MIN_S = 0.3
WORD_PAD_S = 0.15
LOST_RUN_S = 1.2
UNCLEAR_MIN_S = 1.0
CLIP_PAD_S = 0.15
JOIN_SILENCE_S = 1.0
WHOLE_SHARE = 0.3
SPARSE_MIN_S = 1.5
SPARSE_SHARE = 0.4
NO_PROMPT = ""  # `Transcriber.transcribe(prompt="")` means: decode without any prompt


@dataclass(frozen=True, slots=True)
class Coverage:
    """The answer's words once every stretch of speech is accounted for.

    Attributes:
        words: the voiced words, in time order, re-transcribed stretches included.
        unclear: stretches of speech that stayed without words (see the module docstring).
        retranscribed: the stretches that were transcribed again (for the benches and the tests).
    """

    words: tuple[Word, ...]
    unclear: tuple[Span, ...] = ()
    retranscribed: tuple[Span, ...] = ()


def uncovered_speech(words: Sequence[Word], speech: Sequence[Span], *, min_s: float = COVER_MIN_S) -> list[Span]:
    """The VAD stretches of at least `min_s` that the words leave uncovered (rule 1 of the module docstring)."""
    covered = sorted(
        ((w.start or 0.0) - WORD_PAD_S, (w.end or 0.0) + WORD_PAD_S)
        for w in words
        if w.start is not None and w.end is not None
    )
    timed = [w for w in words if w.start is not None and w.end is not None]
    long_s = sum(s.duration_s for s in speech if s.duration_s >= min_s)
    rate = len(timed) / long_s if long_s else 0.0
    missing: list[Span] = []
    for span in speech:
        if span.duration_s < min_s:
            continue
        if span.duration_s >= SPARSE_MIN_S:
            inside = sum(1 for w in timed if span.start_s <= _middle(w) <= span.end_s)
            if inside < SPARSE_SHARE * rate * span.duration_s:
                missing.append(span)
                continue
        cursor, longest, touched = span.start_s, 0.0, False
        for start, end in covered:
            if end <= cursor or start >= span.end_s:
                continue
            touched = True
            longest = max(longest, start - cursor)
            cursor = max(cursor, end)
        longest = max(longest, span.end_s - cursor)
        if not touched or longest >= LOST_RUN_S:
            missing.append(span)
    return missing


def cover_speech(
    audio: np.ndarray,
    words: Sequence[Word],
    speech: Sequence[Span],
    *,
    transcriber: Transcriber | None,
) -> Coverage:
    """Make every stretch of speech in `audio` covered by `words`, re-transcribed, or unclear (module docstring).

    Args:
        audio: the whole answer, 16 kHz mono float32.
        words: the answer's transcribed words, already checked against the VAD (`drop_unvoiced_words`).
        speech: the VAD's stretches of speech in `audio`.
        transcriber: transcribes a stretch again; None skips re-transcription.
    """
    kept = sorted(words, key=_start)
    missing = uncovered_speech(kept, speech)
    if not missing:
        return Coverage(words=tuple(kept))
    if transcriber is None:
        return Coverage(
            words=tuple(kept),
            unclear=tuple(s for s in missing if s.duration_s >= UNCLEAR_MIN_S and not _touches(s, kept)),
        )
    speech_s = sum(s.duration_s for s in speech) or 1.0
    retranscribed = list(missing)
    if sum(s.duration_s for s in missing) / speech_s >= WHOLE_SHARE:
        again = transcriber.transcribe(audio, prompt=NO_PROMPT)
        other = sorted(_voiced(again.words, speech), key=_start)
        still = uncovered_speech(other, speech)
        if sum(s.duration_s for s in still) < sum(s.duration_s for s in missing):
            kept, missing = other, still
        if not missing:
            return Coverage(words=tuple(kept), retranscribed=tuple(retranscribed))
    found = _transcribe_joined(audio, missing, transcriber, speech)
    for n, span in enumerate(missing):
        if not found[n] and span.duration_s >= UNCLEAR_MIN_S:
            found[n] = _transcribe_alone(audio, span, transcriber, speech)
    unclear: list[Span] = []
    for span, new_words in zip(missing, found, strict=True):
        lo, hi = span.start_s - CLIP_PAD_S, span.end_s + CLIP_PAD_S
        old = [w for w in kept if lo <= _middle(w) <= hi]
        if len(new_words) > len(old):
            kept = [w for w in kept if not lo <= _middle(w) <= hi] + new_words
        elif span.duration_s >= UNCLEAR_MIN_S and not _touches(span, kept):
            unclear.append(span)
    return Coverage(words=tuple(sorted(kept, key=_start)), unclear=tuple(unclear), retranscribed=tuple(retranscribed))


def _clip(audio: np.ndarray, span: Span) -> tuple[np.ndarray, float]:
    first = max(0, round((span.start_s - CLIP_PAD_S) * SAMPLE_RATE))
    last = min(audio.size, round((span.end_s + CLIP_PAD_S) * SAMPLE_RATE))
    return audio[first:last], first / SAMPLE_RATE


def _transcribe_joined(
    audio: np.ndarray, spans: Sequence[Span], transcriber: Transcriber, speech: Sequence[Span]
) -> list[list[Word]]:
    """One request for every stretch, joined by silence; each word goes back to the stretch it fell in."""
    gap = np.zeros(round(JOIN_SILENCE_S * SAMPLE_RATE), dtype=np.float32)
    pieces: list[np.ndarray] = []
    placed: list[tuple[float, float, float]] = []  # (start in the joined audio, end there, start in the answer)
    cursor = 0
    for span in spans:
        clip, clip_start = _clip(audio, span)
        if pieces:
            pieces.append(gap)
            cursor += gap.size
        placed.append((cursor / SAMPLE_RATE, (cursor + clip.size) / SAMPLE_RATE, clip_start))
        pieces.append(clip.astype(np.float32, copy=False))
        cursor += clip.size
    result = transcriber.transcribe(np.concatenate(pieces), prompt=NO_PROMPT)
    found: list[list[Word]] = [[] for _ in spans]
    for word in result.words:
        if word.start is None or word.end is None:
            continue
        middle = (word.start + word.end) / 2
        for n, (start, end, answer_start) in enumerate(placed):
            if start <= middle <= end:
                shift = answer_start - start
                found[n].append(_shifted(word, shift, limit=(answer_start, answer_start + end - start)))
                break
    return [_voiced(words, speech) for words in found]


def _transcribe_alone(audio: np.ndarray, span: Span, transcriber: Transcriber, speech: Sequence[Span]) -> list[Word]:
    clip, clip_start = _clip(audio, span)
    result = transcriber.transcribe(clip, prompt=NO_PROMPT)
    end = clip_start + clip.size / SAMPLE_RATE
    shifted = [_shifted(w, clip_start, limit=(clip_start, end)) for w in result.words if w.start is not None]
    return _voiced(shifted, speech)


def _voiced(words: Sequence[Word], speech: Sequence[Span]) -> list[Word]:
    return list(drop_unvoiced_words(tokenized(words), speech).words)


def _shifted(word: Word, shift: float, *, limit: tuple[float, float]) -> Word:
    start = min(max((word.start or 0.0) + shift, limit[0]), limit[1])
    end = min(max((word.end or 0.0) + shift, start), limit[1])
    return Word(word.text, round(start, 3), round(end, 3), word.probability)


def _touches(span: Span, words: Sequence[Word]) -> bool:
    return any(
        w.start is not None
        and w.end is not None
        and w.start - WORD_PAD_S < span.end_s
        and w.end + WORD_PAD_S > span.start_s
        for w in words
    )


def _start(word: Word) -> float:
    return word.start if word.start is not None else 0.0


def _middle(word: Word) -> float:
    if word.start is None or word.end is None:
        return -1.0
    return (word.start + word.end) / 2


def speaking_window_with(window: tuple[float, float] | None, unclear: Sequence[Span]) -> tuple[float, float] | None:
    """The speaking window widened to take in unclear speech (which is speech the candidate said)."""
    if not unclear:
        return window
    start = min(s.start_s for s in unclear)
    end = max(s.end_s for s in unclear)
    if window is None:
        return start, end
    return min(window[0], start), max(window[1], end)


def clear_speaking_s(window: tuple[float, float], unclear: Sequence[Span]) -> float:
    """Seconds of the window not taken by unclear speech: the time the counted words were said in."""
    return max(0.0, (window[1] - window[0]) - sum(s.duration_s for s in unclear))
