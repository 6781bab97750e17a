"""Every stretch of speech is covered by words, transcribed again, or kept as unclear speech (offline model).

The answers come from the suite's spoken corpus (bench/spoken_corpus.py), rendered into a temporary folder;
their words and pauses are known from the script.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bench.spoken_corpus import SpokenAnswer, content_wer
from igym.analysis import analyze_answer
from igym.analysis.coverage import cover_speech, uncovered_speech
from igym.analysis.vad import find_speech
from igym.db.answer_metrics import metrics_from_json, metrics_to_json
from igym.models import AnswerMetrics, Span, Transcript, Word
from igym.ui.text import highlighted_transcript
from tests.conftest import CLEAN_ANSWER, LOST_ANSWER
from tests.coverage.conftest import CachedTranscriber, SkipsAfterFirstPause


def assert_timing_matches(metrics: AnswerMetrics, answer: SpokenAnswer) -> None:
    assert metrics.pause_count == len(answer.pauses)
    for pause, (start, end) in zip(metrics.pauses, answer.pauses, strict=True):
        assert pause.start_s == pytest.approx(start, abs=0.3)
        assert pause.end_s == pytest.approx(end, abs=0.3)
    assert metrics.speech_start_s == pytest.approx(answer.speech_start_s, abs=0.3)
    assert metrics.speech_end_s == pytest.approx(answer.speech_end_s, abs=0.3)


@pytest.mark.slow
def test_an_answer_the_prompted_decode_mostly_lost_keeps_its_words_and_pauses(
    corpus_slice: dict[str, SpokenAnswer], cached: CachedTranscriber
) -> None:
    # tiny.en with the filler prompt returned two of this answer's six sentences, misplaced at its end, on the
    # corpus as espeak-ng rendered it then; on another rendering the prompted decode may hear it all. Either way
    # the answer keeps its words and pauses, and speech the prompted decode left uncovered is transcribed again
    # without the prompt (the mechanism alone, with a decode that always loses: the next test).
    answer = corpus_slice[LOST_ANSWER]
    samples = answer.samples()
    metrics = analyze_answer(samples, transcriber=cached, pause_min_s=1.0)
    assert content_wer(answer, metrics.transcript) <= 0.25
    assert_timing_matches(metrics, answer)
    prompted = cached.transcribe(samples)  # the first decode, from the cache
    if uncovered_speech(prompted.words, find_speech(samples)):
        assert "" in cached.prompts  # transcribed again without the prompt


@pytest.mark.slow
def test_a_skipped_stretch_is_transcribed_again_without_the_prompt(corpus_slice: dict[str, SpokenAnswer], tiny) -> None:
    answer = corpus_slice[CLEAN_ANSWER]
    skipping = SkipsAfterFirstPause(tiny, cut_s=answer.pauses[0][0])
    metrics = analyze_answer(answer.samples(), transcriber=skipping, pause_min_s=1.0)
    assert content_wer(answer, metrics.transcript) <= 0.1
    assert_timing_matches(metrics, answer)
    assert metrics.unclear_speech == []
    assert skipping.prompts[0] is None and "" in skipping.prompts[1:]


@pytest.mark.slow
def test_speech_heard_without_words_is_unclear_speech_shown_and_counted(
    corpus_slice: dict[str, SpokenAnswer], tiny
) -> None:
    answer = corpus_slice[CLEAN_ANSWER]
    lost_from = answer.pauses[0][0]
    deaf = SkipsAfterFirstPause(tiny, cut_s=lost_from, hears_unprompted=False)
    metrics = analyze_answer(answer.samples(), transcriber=deaf, pause_min_s=1.0)

    assert metrics.unclear_speech_count and metrics.unclear_speech_count >= 3  # the four lost sentences' stretches
    assert all(s.start_s >= lost_from - 0.3 for s in metrics.unclear_speech)
    assert sum(s.duration_s for s in metrics.unclear_speech) >= 0.8 * (answer.speech_end_s - answer.pauses[0][1] - 3.2)
    assert_timing_matches(metrics, answer)  # speaking time and pauses still come from what was heard
    clear_s = metrics.speaking_time_s - sum(s.duration_s for s in metrics.unclear_speech)  # type: ignore[operator]
    assert metrics.words_per_minute == pytest.approx(metrics.word_count / (clear_s / 60), rel=0.01)
    assert metrics.hesitations == [] or all(h.end_s <= lost_from + 0.3 for h in metrics.hesitations)

    shown = highlighted_transcript(metrics.transcript, metrics)
    assert shown.count("unclear speech") == metrics.unclear_speech_count
    assert metrics_from_json(metrics_to_json(metrics)).unclear_speech == metrics.unclear_speech


def test_a_transcript_handed_in_keeps_the_speech_it_lacks_as_unclear(corpus_slice: dict[str, SpokenAnswer]) -> None:
    answer = corpus_slice[CLEAN_ANSWER]
    samples = answer.samples()
    first = find_speech(samples)[0]
    words = (Word("In", first.start_s, first.start_s + 0.3), Word("my", first.start_s + 0.3, first.end_s))
    metrics = analyze_answer(samples, transcript=Transcript(text="In my", words=words), pause_min_s=1.0)
    assert metrics.unclear_speech_count and metrics.unclear_speech_count >= 4
    assert metrics.speech_end_s == pytest.approx(answer.speech_end_s, abs=0.3)
    assert metrics.pause_count == len(answer.pauses)


class HearsEverything:
    """One word per 0.2 s of every clip: what a transcriber that never skips would return."""

    def transcribe(self, audio: np.ndarray, *, prompt: str | None = None) -> Transcript:
        seconds = audio.size / 16_000
        steps = np.arange(0.0, seconds, 0.2)
        words = tuple(Word("w", round(t, 3), round(min(seconds, t + 0.2), 3)) for t in steps)
        return Transcript(text=" ".join("w" for _ in words), words=words, duration_s=seconds)


class HearsNothing:
    def transcribe(self, audio: np.ndarray, *, prompt: str | None = None) -> Transcript:
        return Transcript(text="", duration_s=audio.size / 16_000)


@st.composite
def speech_and_words(draw: st.DrawFn) -> tuple[list[Span], list[Word]]:
    cursor, speech = 0.2, []
    for _ in range(draw(st.integers(1, 8))):
        cursor += draw(st.floats(0.16, 3.0))
        length = draw(st.floats(0.1, 6.0))
        speech.append(Span(round(cursor, 3), round(cursor + length, 3)))
        cursor += length
    words = []
    for _ in range(draw(st.integers(0, 25))):
        start = draw(st.floats(0.0, cursor))
        words.append(Word("w", round(start, 3), round(start + draw(st.floats(0.0, 0.8)), 3)))
    return speech, sorted(words, key=lambda w: w.start or 0.0)


@given(speech_and_words())
def test_no_stretch_of_speech_is_left_without_words_or_a_mark(case: tuple[list[Span], list[Word]]) -> None:
    speech, words = case
    audio = np.zeros(round((speech[-1].end_s + 1.0) * 16_000), dtype=np.float32)
    missing = uncovered_speech(words, speech)
    untouched = [
        s
        for s in speech
        if s.duration_s >= 0.3
        and not any((w.start or 0) - 0.15 < s.end_s and (w.end or 0) + 0.15 > s.start_s for w in words)
    ]
    assert all(s in missing for s in untouched)
    assert all(s.duration_s >= 0.3 for s in missing)

    heard = cover_speech(audio, words, speech, transcriber=HearsEverything())
    assert heard.unclear == ()
    assert not [s for s in speech if s.duration_s >= 0.3 and not _touched(s, heard.words)]

    unheard = cover_speech(audio, words, speech, transcriber=HearsNothing())
    assert list(unheard.unclear) == [s for s in missing if s.duration_s >= 1.0 and not _touched(s, words)]
    assert unheard.words == tuple(words)


def _touched(span: Span, words: tuple[Word, ...] | list[Word]) -> bool:
    return any((w.start or 0) - 0.15 < span.end_s and (w.end or 0) + 0.15 > span.start_s for w in words)
