"""Segmentation of Silero's per-window probabilities, on profiles the model really produced.

The profiles are copied from runs that used to put a boundary 0.2-0.4 s off: Piper speech with 25 dB SNR
noise, where the clean signal says exactly where speech starts and ends. Each window is 32 ms.
"""

from __future__ import annotations

import numpy as np
import pytest

from igym.analysis.vad import WINDOW, find_pauses, speech_spans_from_probabilities

WINDOW_S = WINDOW / 16_000
SPEECH = [0.95] * 20
SILENCE = [0.0] * 40


def spans_of(*parts: list[float]):
    probs = np.array([p for part in parts for p in part], dtype=np.float32)
    return speech_spans_from_probabilities(probs, total_s=probs.size * WINDOW_S)


def test_a_word_initial_vowel_before_a_stop_closure_starts_the_speech():
    # "... on Fridays. <2.2 s> After that": the "A" is a 3-window blip, then the closure of "ft" drops the
    # probability to 0.02-0.05 for three windows before "ter" comes in.
    after = [0.13, 0.25, 0.50, 0.56, 0.05, 0.02, 0.02, 0.52, 0.65, 0.65, 0.71]
    spans = spans_of(SPEECH, SILENCE, after, SPEECH)
    vowel_starts_s = (len(SPEECH) + len(SILENCE) + 1) * WINDOW_S
    pauses = find_pauses(spans, min_pause_s=1.0, start_s=spans[0].start_s, end_s=spans[-1].end_s)
    assert len(pauses) == 1
    assert pauses[0].end_s == pytest.approx(vowel_starts_s, abs=WINDOW_S)


def test_a_soft_vowel_that_never_reaches_the_on_threshold_is_found_by_the_onset_walk():
    # The "A" only reaches 0.46; the closure falls to 0.04 before "fter" triggers.
    after = [0.00, 0.21, 0.21, 0.43, 0.46, 0.14, 0.04, 0.07, 0.47, 0.67, 0.67, 0.72]
    spans = spans_of(SPEECH, SILENCE, after, SPEECH)
    vowel_starts_s = (len(SPEECH) + len(SILENCE) + 1) * WINDOW_S
    assert spans[-1].start_s == pytest.approx(vowel_starts_s, abs=WINDOW_S)


def test_one_noisy_dip_inside_a_final_fricative_does_not_end_the_word():
    # "Fridays." under noise: the final "s" dips to 0.24 for one window and comes back to 0.32.
    final_s = [0.79, 0.39, 0.24, 0.25, 0.32, 0.27, 0.21, 0.15, 0.10]
    spans = spans_of(SILENCE, SPEECH, final_s, SILENCE)
    s_ends_s = (len(SILENCE) + len(SPEECH) + 6) * WINDOW_S
    assert len(spans) == 1
    assert spans[0].end_s == pytest.approx(s_ends_s, abs=2 * WINDOW_S)


def test_real_silence_between_sentences_still_splits_them_and_a_lone_click_is_ignored():
    click = [0.0] * 10 + [0.6, 0.6] + [0.0] * 30  # 64 ms, far from speech
    spans = spans_of(SPEECH, SILENCE, click, SPEECH)
    assert len(spans) == 2
    gap_s = spans[1].start_s - spans[0].end_s
    assert gap_s == pytest.approx((len(SILENCE) + len(click)) * WINDOW_S, abs=2 * WINDOW_S)


def test_noise_in_the_silence_before_an_answer_is_not_taken_for_its_first_word():
    # Leading silence under 25 dB SNR noise: Silero hovers at 0.06-0.19 until the first word rises at 0.35.
    noise = [0.02, 0.01, 0.01, 0.19, 0.13, 0.15, 0.14, 0.11, 0.09, 0.09, 0.06, 0.14, 0.09, 0.10]
    spans = spans_of(SILENCE, noise, [0.35, 0.83, 0.90, 0.94], SPEECH)
    first_word_s = (len(SILENCE) + len(noise)) * WINDOW_S
    assert spans[0].start_s == pytest.approx(first_word_s, abs=WINDOW_S)
