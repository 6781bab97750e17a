"""Pauses, pace and latency on generated speech with silences of known length, in every format."""

from __future__ import annotations

import numpy as np
import pytest

from bench.speech_audio import GAPS_S, PIPER_RATE, SR, active_runs, build_answer, resample, truth_of

VARIANTS = ["wav16k", "wav48k_stereo", "browser", "noisy25db"]
BOUNDARY_TOLERANCE_S = 0.15


def test_ground_truth_has_the_pauses_we_inserted(answer_truth):
    # Sanity of the fixture itself: two inserted gaps are >= 1 s, the 0.35 s breath is not a pause.
    assert len(answer_truth.pauses) == sum(1 for g in GAPS_S if g >= 1.0)


@pytest.mark.parametrize("variant", VARIANTS)
def test_pause_count_is_exact_and_boundaries_within_150_ms(analyzed, answer_truth, variant):
    metrics = analyzed[variant]
    assert metrics.pause_count == len(answer_truth.pauses)
    for pause, (start, end) in zip(metrics.pauses, answer_truth.pauses, strict=True):
        assert pause.start_s == pytest.approx(start, abs=BOUNDARY_TOLERANCE_S)
        assert pause.end_s == pytest.approx(end, abs=BOUNDARY_TOLERANCE_S)
    longest = max(end - start for start, end in answer_truth.pauses)
    assert metrics.longest_pause_ms == pytest.approx(longest * 1000, abs=2 * BOUNDARY_TOLERANCE_S * 1000)


@pytest.mark.parametrize("variant", VARIANTS)
def test_words_per_minute_within_5_percent(analyzed, answer_truth, variant):
    metrics = analyzed[variant]
    assert metrics.words_per_minute == pytest.approx(answer_truth.wpm, rel=0.05)
    assert metrics.word_count == pytest.approx(answer_truth.word_count, abs=2)


@pytest.mark.parametrize("variant", VARIANTS)
def test_leading_silence_is_response_latency_not_a_pause(analyzed, answer_truth, variant):
    metrics = analyzed[variant]
    assert metrics.response_latency_s == pytest.approx(answer_truth.speech_start_s, abs=BOUNDARY_TOLERANCE_S)
    assert metrics.speech_end_s == pytest.approx(answer_truth.speech_end_s, abs=BOUNDARY_TOLERANCE_S)
    assert all(p.start_s >= metrics.speech_start_s for p in metrics.pauses)


@pytest.mark.parametrize("variant", VARIANTS)
def test_clean_fluent_answer_has_no_fillers_or_hesitations(analyzed, variant):
    metrics = analyzed[variant]
    assert metrics.filler_count == 0
    assert metrics.hesitation_count == 0


def test_longer_minimum_pause_drops_the_shorter_pause(answer_files, transcriber, answer_clean):
    from igym.analysis import analyze_answer
    from igym.audio import decode_audio

    audio = decode_audio(answer_files["wav16k"], max_seconds=600).samples
    metrics = analyze_answer(audio, transcriber=transcriber, pause_min_s=2.0)
    truth = truth_of(answer_clean, PIPER_RATE, 0, min_pause_s=2.0)
    assert metrics.pause_count == len(truth.pauses) == 1


def test_spoken_um_between_sentences_counts_once_as_filler_or_hesitation(piper, transcriber):
    from igym.analysis import analyze_answer

    sentences = ("I reviewed every alert from the last month.", "Umm.", "Then I deleted half.")
    clip = build_answer(piper, sentences, (0.8, 0.8))
    metrics = analyze_answer(resample(clip, PIPER_RATE, SR), transcriber=transcriber)
    assert metrics.filler_count + (metrics.hesitation_count or 0) == 1
    um_start = active_runs(clip, PIPER_RATE)[1][0]
    reported = metrics.fillers[0].start_s if metrics.fillers else metrics.hesitations[0].start_s
    assert reported == pytest.approx(um_start, abs=0.3)  # where the user hears it, not where Whisper put it


def test_hesitation_is_reported_where_the_transcript_has_no_word(analyzed, answer_files, transcriber):
    from igym.analysis import analyze_answer
    from igym.audio import decode_audio
    from igym.models import Transcript

    audio = decode_audio(answer_files["wav16k"], max_seconds=600).samples
    full = transcriber.transcribe(audio)
    # Drop the third sentence's words, as if Whisper had heard nothing there.
    third = analyzed["wav16k"].pauses[0].end_s + 1.0
    kept = tuple(w for w in full.words if not (third - 0.5 < w.start < third + 2.5))
    assert len(kept) < len(full.words)
    metrics = analyze_answer(audio, transcript=Transcript(text="", words=kept, duration_s=full.duration_s))
    assert metrics.hesitation_count >= 1
    assert any(h.start_s <= third + 2.5 and h.end_s >= third - 0.5 for h in metrics.hesitations)


def test_silence_only_is_no_speech_without_calling_the_transcriber():
    from igym.analysis import analyze_answer

    class Refuses:
        def transcribe(self, audio, *, prompt=None):
            raise AssertionError("silence must not reach the transcriber")

    rng = np.random.default_rng(1)
    hiss = rng.normal(0, 0.002, SR * 5).astype(np.float32)
    metrics = analyze_answer(hiss, transcriber=Refuses())
    assert not metrics.has_speech
    assert metrics.word_count == 0 and metrics.pause_count == 0 and metrics.words_per_minute is None
