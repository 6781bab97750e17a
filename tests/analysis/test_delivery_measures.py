"""Repeated phrases, non-inclusive terms, pace per window and pitch/loudness, each against known truth."""

from __future__ import annotations

import shutil
import subprocess
import wave
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from igym.analysis.inclusive import find_inclusive, inclusive_terms
from igym.analysis.pace import pace_windows
from igym.analysis.prosody import measure_prosody, pitch_track
from igym.analysis.repetition import repeated_phrases
from igym.analysis.session import aggregate_session
from igym.analysis.tokens import tokenized, words_from_text
from igym.models import AnswerMetrics, PaceWindow, Prosody, Word

SR = 16_000


def words_of(text: str):  # type: ignore[no-untyped-def]
    return tokenized(words_from_text(text))


# --- repeated words and phrases -------------------------------------------------------------------------


def test_most_repeated_words_and_phrases_leave_stop_words_out() -> None:
    text = (
        "The billing migration was hard. The billing migration took a year. "
        "We moved billing to the cloud and the cloud bill fell. Billing is simpler now."
    )
    found = {r.phrase: r.count for r in repeated_phrases(words_of(text))}
    assert found["billing"] == 4 and found["billing migration"] == 2
    assert "the" not in found and "was" not in found and "migration" not in found  # covered by the phrase


def test_a_phrase_across_a_sentence_break_is_not_a_phrase() -> None:
    found = {r.phrase for r in repeated_phrases(words_of("We used Kafka. Streams were fast. Kafka. Streams again."))}
    assert "kafka streams" not in found


# --- non-inclusive terms --------------------------------------------------------------------------------


def test_listed_terms_come_with_their_alternative() -> None:
    hits = find_inclusive(words_of("You guys know we added a whitelist, and the manpower was short."))
    assert [(h.term, h.suggestion) for h in hits] == [
        ("you guys", "you all, everyone"),
        ("whitelist", "allowlist, safelist"),
        ("manpower", "staffing, people, workforce"),
    ]


def test_words_that_only_contain_a_term_do_not_match() -> None:
    assert find_inclusive(words_of("The guyser of a slavedriver dumbbell.")) == []


def test_the_documented_list_has_a_suggestion_and_a_reason_for_every_term() -> None:
    terms = inclusive_terms()
    assert len(terms) >= 30 and all(t.suggestion and t.why for t in terms)


# --- pace per window ------------------------------------------------------------------------------------


def timed_words(starts: list[float]):  # type: ignore[no-untyped-def]
    return tokenized([Word(text=f"w{n}", start=s, end=s + 0.2) for n, s in enumerate(starts)])


def test_pace_per_window_shows_where_the_answer_sped_up() -> None:
    slow = [i * 0.5 for i in range(20)]  # 2 words/s for 10 s = 120 WPM
    fast = [10 + i * 0.25 for i in range(40)]  # 4 words/s for 10 s = 240 WPM
    windows = pace_windows(timed_words(slow + fast), start_s=0.0, end_s=20.0)
    assert [(w.start_s, w.end_s, w.words_per_minute) for w in windows] == [(0.0, 10.0, 120.0), (10.0, 20.0, 240.0)]


def test_a_short_tail_joins_the_window_before_it() -> None:
    windows = pace_windows(timed_words([i * 0.5 for i in range(26)]), start_s=0.0, end_s=13.0)
    assert [(w.start_s, w.end_s, w.words) for w in windows] == [(0.0, 13.0, 26)]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.floats(0, 60), max_size=80), st.floats(1, 60))
def test_every_timed_word_in_the_stretch_is_counted_once(starts: list[float], end: float) -> None:
    windows = pace_windows(timed_words(starts), start_s=0.0, end_s=end)
    assert sum(w.words for w in windows) == sum(1 for s in starts if s <= end)


# --- pitch and loudness ---------------------------------------------------------------------------------


def tone(contour_hz: np.ndarray) -> np.ndarray:
    """A voiced, harmonic-rich signal following `contour_hz` (one value per sample)."""
    phase = 2 * np.pi * np.cumsum(contour_hz) / SR
    return (0.3 * sum(np.sin(k * phase) / k for k in range(1, 9))).astype(np.float32)


CONTOURS = {
    "flat 120 Hz": lambda t: np.full_like(t, 120.0),
    "glide 100 to 200 Hz": lambda t: 100 * 2 ** (t / t[-1]),
    "vibrato ±3 st around 180 Hz": lambda t: 180 * 2 ** (3 * np.sin(2 * np.pi * 0.5 * t) / 12),
}


@pytest.mark.parametrize("name", CONTOURS)
def test_pitch_track_follows_a_known_contour_within_one_semitone(name: str) -> None:
    t = np.arange(SR * 3) / SR
    truth = CONTOURS[name](t)
    times, hz = pitch_track(tone(truth), SR)
    assert times.size > 250
    expected = np.interp(times, t, truth)
    assert np.max(np.abs(12 * np.log2(hz / expected))) < 1.0


def test_pitch_spread_of_a_glide_matches_the_known_spread() -> None:
    t = np.arange(SR * 4) / SR
    prosody = measure_prosody(tone(100 * 2 ** (t / t[-1])), SR)  # 12 st uniform: sd 12 / sqrt(12)
    assert prosody is not None and not prosody.monotone
    assert prosody.pitch_sd_st == pytest.approx(12 / np.sqrt(12), abs=1.0)
    assert prosody.pitch_range_st == pytest.approx(12 * 0.9, abs=1.0)


def test_a_flat_tone_is_monotone_and_louder_swings_show_as_loudness_variation() -> None:
    t = np.arange(SR * 3) / SR
    steady = measure_prosody(tone(np.full_like(t, 140.0)), SR)
    swelling = measure_prosody(tone(np.full_like(t, 140.0)) * (0.1 + 0.9 * (np.sin(np.pi * t) ** 2)), SR)
    assert steady is not None and steady.monotone and steady.pitch_sd_st < 0.5
    assert swelling is not None and swelling.loudness_sd_db > steady.loudness_sd_db + 2


def test_silence_or_too_little_voicing_has_no_prosody() -> None:
    assert measure_prosody(np.zeros(SR * 3, np.float32), SR) is None
    assert measure_prosody(tone(np.full(SR // 2, 120.0)), SR) is None


def espeak(tmp: Path, name: str, pitch_range: str) -> tuple[np.ndarray, int]:
    text = (
        "I led the migration of our billing system last year. It was hard, but we cut costs by thirty percent "
        "and shipped on time."
    )
    path = tmp / f"{name}.wav"
    ssml = f'<speak><prosody range="{pitch_range}">{text}</prosody></speak>'
    subprocess.run(["espeak-ng", "-m", "-w", str(path), ssml], check=True, capture_output=True, timeout=60)
    with wave.open(str(path)) as handle:
        rate = handle.getframerate()
        samples = np.frombuffer(handle.readframes(handle.getnframes()), dtype=np.int16) / 32768
    return samples.astype(np.float32), rate


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed")
def test_a_monotone_and_an_expressive_rendering_of_the_same_sentence(tmp_path: Path) -> None:
    flat = measure_prosody(*espeak(tmp_path, "flat", "x-low"))
    lively = measure_prosody(*espeak(tmp_path, "lively", "x-high"))
    assert flat is not None and lively is not None
    assert flat.monotone and not lively.monotone
    assert lively.pitch_sd_st > flat.pitch_sd_st + 1.0


# --- session totals -------------------------------------------------------------------------------------


def test_session_totals_of_the_delivery_measures() -> None:
    from igym.analysis.answer import analyze_text

    first = analyze_text("Maybe I sort of led it, with the guys. " + "We shipped it. " * 4)
    second = analyze_text("I led the migration and we shipped on time. " * 2)
    first.speech_start_s, first.speech_end_s, first.duration_s = 0.0, 10.0, 10.0
    second.speech_start_s, second.speech_end_s, second.duration_s = 0.0, 10.0, 10.0
    first.prosody = Prosody(120.0, 2.0, 0.8, True, 3.0, voiced_s=3.0)
    second.prosody = Prosody(120.0, 9.0, 3.2, False, 5.0, voiced_s=1.0)
    totals = aggregate_session([first, second, AnswerMetrics(transcript="", word_count=0, filler_count=0)])
    words = first.word_count + second.word_count
    assert totals.hedges_per_100_words == round(100 * 2 / words, 2)
    assert totals.pitch_sd_st == round((0.8 * 3 + 3.2 * 1) / 4, 2)
    assert totals.monotone_answers == 1 and totals.inclusive_terms == 1


def test_session_totals_of_repeats_pace_windows_and_loudness() -> None:
    from igym.analysis.answer import analyze_text

    first = analyze_text("The migration, the migration plan and the migration went well. Deadline, deadline, deadline.")
    second = analyze_text("I led the work and we shipped it on time.")
    first.pace_windows = [PaceWindow(0.0, 10.0, 20, 120.0), PaceWindow(10.0, 20.0, 30, 180.0)]
    second.pace_windows = [
        PaceWindow(0.0, 10.0, 25, 150.0), PaceWindow(10.0, 20.0, 15, 90.0), PaceWindow(20.0, 30.0, 35, 210.0)
    ]
    first.prosody = Prosody(120.0, 2.0, 0.8, True, 3.0, voiced_s=3.0)
    second.prosody = Prosody(120.0, 9.0, 3.2, False, 6.0, voiced_s=1.0)
    totals = aggregate_session([first, second])
    assert totals.repeated_phrases == len(first.repeated) + len(second.repeated) >= 2
    assert totals.pace_spread_wpm == round(((180 - 120) + (210 - 90)) / 2, 1)  # mean of each answer's spread
    assert totals.fastest_window_wpm == 210.0
    assert totals.loudness_sd_db == round((3.0 * 3 + 6.0 * 1) / 4, 2)


def test_session_totals_without_windows_or_audio_are_none() -> None:
    from igym.analysis.answer import analyze_text

    typed = analyze_text("I led the work and we shipped it on time.")
    one_window = analyze_text("We shipped it.")
    one_window.pace_windows = [PaceWindow(0.0, 8.0, 3, 22.5)]
    totals = aggregate_session([typed, one_window])
    assert totals.pace_spread_wpm is None  # no answer has two windows to compare
    assert totals.fastest_window_wpm == 22.5
    assert totals.loudness_sd_db is None and totals.repeated_phrases == 0
