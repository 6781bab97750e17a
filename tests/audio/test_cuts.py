"""The filler-free replay: known segments of a synthetic signal are cut with crossfades, the rest untouched."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from igym.audio.cuts import cut_spans, filler_free_spans, merged_spans, without_fillers
from igym.models import Pause, Span
from tests.support.metrics import timed_um_answer

RATE = 16_000
FADE = round(0.02 * RATE)


def _tone(seconds: float, freq: float) -> np.ndarray:
    t = np.arange(round(seconds * RATE)) / RATE
    return (0.5 * np.sin(2 * np.pi * freq * t)).astype(np.float32)


def test_cut_removes_the_span_and_keeps_one_crossfade_of_it() -> None:
    speech_a, filler, speech_b = _tone(1.0, 220), np.full(RATE // 2, 0.9, np.float32), _tone(1.0, 330)
    audio = np.concatenate([speech_a, filler, speech_b])
    out = cut_spans(audio, sample_rate=RATE, spans=[Span(1.0, 1.5)])
    assert len(out) == len(audio) - len(filler) + FADE
    np.testing.assert_array_equal(out[:RATE], speech_a)  # speech before: untouched
    np.testing.assert_array_equal(out[RATE + FADE :], speech_b)  # speech after: untouched
    join = out[RATE : RATE + FADE]
    assert np.all(np.abs(join - 0.9) < 1e-5)  # the crossfade runs inside the cut stretch, no click


def test_two_cuts_and_a_too_short_span() -> None:
    audio = np.concatenate([_tone(1.0, 200), np.zeros(RATE), _tone(0.5, 300), np.zeros(RATE), _tone(0.5, 400)])
    tiny = Span(2.1, 2.1 + 1.5 * FADE / RATE)  # under two crossfades: left in
    out = cut_spans(audio, sample_rate=RATE, spans=[Span(1.0, 2.0), Span(2.5, 3.5), tiny])
    assert len(out) == len(audio) - 2 * RATE + 2 * FADE


def test_overlapping_spans_merge_and_clip() -> None:
    assert merged_spans([Span(1, 2), Span(1.5, 3), Span(-1, 0.5), Span(9, 12)], duration_s=10) == [
        Span(0, 0.5),
        Span(1, 3),
        Span(9, 10),
    ]


def test_filler_spans_run_to_the_next_word_and_long_pauses_keep_a_short_gap() -> None:
    metrics = timed_um_answer(
        "so um I led it", [0.2, 0.6, 1.1, 1.4, 4.0], duration_s=6.0, pauses=[Pause(2.0, 4.0), Pause(4.5, 5.0)]
    )
    spans = filler_free_spans(metrics)
    assert Span(0.6, 1.1) in spans
    assert Span(2.0, 2.9) in spans and Span(3.1, 4.0) in spans
    assert all(s.start_s != 4.5 for s in spans)  # a pause of 0.5 s stays
    out = without_fillers(np.zeros(6 * RATE, np.float32), sample_rate=RATE, metrics=metrics)
    assert len(out) == 6 * RATE - round(0.5 * RATE) - 2 * round(0.9 * RATE) + 3 * FADE


@given(st.lists(st.tuples(st.floats(0, 3), st.floats(0, 1)), max_size=6))
def test_output_length_is_input_minus_cuts_plus_overlaps(raw: list[tuple[float, float]]) -> None:
    audio = np.ones(3 * RATE, np.float32)
    spans = [Span(a, a + d) for a, d in raw]
    merged = merged_spans(spans, duration_s=3.0)
    cut = [(round(s.start_s * RATE), round(s.end_s * RATE)) for s in merged]
    cut = [(a, b) for a, b in cut if b - a >= 2 * FADE]
    out = cut_spans(audio, sample_rate=RATE, spans=spans)
    assert len(out) == len(audio) - sum(b - a for a, b in cut) + FADE * len(cut)
    assert np.all(np.abs(out - 1.0) < 1e-5)  # a constant stays constant through every crossfade
