"""`analyze_answer`: everything measured about one answer, from audio or from text.

The order matters and is why this is one function: the VAD runs first (cheap, ~500x real time) and decides
whether there is any speech at all; only then is the transcriber called, so silence never reaches Whisper
(which would invent "Thank you."). Words the VAD does not support are dropped, every stretch of speech is then
covered by words, transcribed again on its own, or kept as unclear speech (`igym.analysis.coverage`), and all
timing comes from the VAD (see `igym.analysis.timing`): speaking time takes in unclear speech, and pace is
measured over the speaking time the counted words were said in (unclear speech left out).

Thread behaviour: no shared mutable state here; the transcriber and the VAD model are shared and thread-safe.
Pitch and loudness are measured on a small pool while the rest runs (see `_PROSODY_POOL`).
Failures: audio problems raise `AudioError`, transcriber failures raise `ProviderError`; nothing is swallowed.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor

import numpy as np

from igym.analysis.coverage import clear_speaking_s, cover_speech, speaking_window_with
from igym.analysis.delivery import delivery_fields
from igym.analysis.fillers import count_by_kind, count_words, find_fillers
from igym.analysis.prosody import measure_prosody
from igym.analysis.structure import structure_cues
from igym.analysis.timing import (
    drop_unvoiced_words,
    find_hesitations,
    place_sounds,
    speaking_window,
    words_per_minute,
)
from igym.analysis.tokens import TokenizedWords, tokenized, words_from_text
from igym.analysis.vad import SAMPLE_RATE, find_pauses, find_speech
from igym.errors import AudioError
from igym.models import AnswerMetrics, Prosody, Span, Transcript
from igym.providers.base import Transcriber

# Pitch and loudness need only the audio, so they are measured on one of these threads while the VAD, the
# transcriber and the word measures run on the caller's (Praat and ONNX Runtime both work outside the GIL for
# most of their time). A job that has not started by the time its answer needs it is run by the caller itself,
# so an answer never waits behind other answers' queued prosody.
_PROSODY_POOL = ThreadPoolExecutor(max_workers=2, thread_name_prefix="igym-prosody")


def analyze_answer(
    audio: np.ndarray,
    *,
    transcriber: Transcriber | None = None,
    transcript: Transcript | None = None,
    pause_min_s: float = 1.0,
    prompt: str | None = None,
) -> AnswerMetrics:
    """Measure a spoken answer.

    Args:
        audio: 16 kHz mono float32 samples (from `igym.audio.decode_audio` or the recorder bridge).
        transcriber: used when `transcript` is not given and the audio holds speech.
        transcript: an existing transcript of this audio (e.g. from the hosted provider); skips transcription.
        pause_min_s: the shortest silence that counts as a pause (the `pause_min_s` setting).
        prompt: passed to the transcriber.

    Returns:
        The metrics; `has_speech` is False (and counts are zero) when the VAD hears no speech.

    Raises:
        AudioError: `audio` is not 1-D.
        ValueError: neither a transcriber nor a transcript was given.
    """
    if audio.ndim != 1:
        raise AudioError("Audio must be mono (one channel) before analysis.")
    if transcriber is None and transcript is None:
        raise ValueError("analyze_answer needs a transcriber or a transcript")
    duration = round(audio.size / SAMPLE_RATE, 3)
    prosody = _PROSODY_POOL.submit(measure_prosody, audio, SAMPLE_RATE)
    try:
        result = _analyze(audio, duration, transcriber, transcript, pause_min_s, prompt)
    except BaseException:
        prosody.cancel()
        raise
    if result.has_speech:  # only a measured answer has prosody, as before
        result.prosody = _prosody_of(prosody, audio)
    else:
        prosody.cancel()
    return result


def _prosody_of(job: Future[Prosody | None], audio: np.ndarray) -> Prosody | None:
    """The job's result, or measured here when no pool thread had picked it up yet."""
    if job.cancel():
        return measure_prosody(audio, SAMPLE_RATE)
    return job.result()


def _analyze(
    audio: np.ndarray,
    duration: float,
    transcriber: Transcriber | None,
    transcript: Transcript | None,
    pause_min_s: float,
    prompt: str | None,
) -> AnswerMetrics:
    speech = find_speech(audio)
    if not speech:
        return _no_speech(duration)
    if transcript is None:
        assert transcriber is not None
        transcript = transcriber.transcribe(audio, prompt=prompt)
    checked = drop_unvoiced_words(tokenized(transcript.words), speech)
    coverage = cover_speech(audio, checked.words, speech, transcriber=transcriber)
    words = checked if coverage.words == checked.words else tokenized(coverage.words)
    unclear = list(coverage.unclear)
    window = speaking_window_with(speaking_window(words.words, speech), unclear)
    if window is None or not words.words:
        result = _no_speech(duration)
        result.hesitations = [Span(s.start_s, s.end_s) for s in speech if s.duration_s >= 0.3]
        result.unclear_speech = unclear
        return result
    return _measure(words, speech=speech, window=window, duration=duration, pause_min_s=pause_min_s, unclear=unclear)


def analyze_text(text: str) -> AnswerMetrics:
    """Measure a typed answer (or a .txt transcript): words, fillers and structure; timings are None."""
    words = tokenized(words_from_text(text))
    hits = find_fillers(words)
    return AnswerMetrics(
        transcript=" ".join(w.text for w in words.words),
        word_count=count_words(words),
        filler_count=len(hits),
        fillers=hits,
        filler_counts=count_by_kind(hits),
        has_speech=bool(words),
        structure=structure_cues(text),
        **delivery_fields(words),
    )


def _measure(
    words: TokenizedWords,
    *,
    speech: list[Span],
    window: tuple[float, float],
    duration: float,
    pause_min_s: float,
    unclear: list[Span],
) -> AnswerMetrics:
    words = place_sounds(words, speech, window)
    clear_window = (window[0], window[0] + clear_speaking_s(window, unclear))
    text = " ".join(w.text for w in words.words)
    word_count = count_words(words)
    hits = find_fillers(words)
    return AnswerMetrics(
        transcript=text,
        word_count=word_count,
        filler_count=len(hits),
        fillers=hits,
        filler_counts=count_by_kind(hits),
        has_speech=True,
        duration_s=duration,
        speech_start_s=round(window[0], 3),
        speech_end_s=round(window[1], 3),
        words_per_minute=words_per_minute(word_count, clear_window),
        pauses=find_pauses(speech, min_pause_s=pause_min_s, start_s=window[0], end_s=window[1]),
        hesitations=[h for h in find_hesitations(words.words, speech, window) if not _inside_any(h, unclear)],
        unclear_speech=unclear,
        structure=structure_cues(text),
        word_starts=[round(w.start, 3) if w.start is not None else None for w in words.words if w.text.strip()],
        **delivery_fields(words, window=window),
    )


def _inside_any(span: Span, others: list[Span]) -> bool:
    return any(span.start_s < o.end_s and o.start_s < span.end_s for o in others)


def _no_speech(duration: float) -> AnswerMetrics:
    return AnswerMetrics(transcript="", word_count=0, filler_count=0, has_speech=False, duration_s=duration)
