"""The browser bench's timing of a turn (bench/live_driver.py): answer end -> the next question's audio."""

from __future__ import annotations

import pytest

from bench.live_driver import Tap, turn_gaps


def test_a_gap_runs_from_the_last_voice_before_a_new_question_to_its_audio() -> None:
    voice = [(1.0, True), (1.2, False), (1.4, True), (9.0, False),  # one answer, a 0.2 s breath inside
             (16.0, True), (25.0, False), (31.5, True), (40.0, False)]
    plays = [(0.5, "q1"), (11.0, "q2"), (11.5, "q2"), (33.0, "q3"), (60.0, "q4")]
    gaps = turn_gaps(Tap(voice, plays))
    # q1 has no answer before it, q2's replay is skipped, q3 came after the voice came back (a slow turn: still
    # timed from the answer that ended at 25 s), q4 is 20 s after any voice (lost track)
    assert gaps == pytest.approx([2.0, 8.0])
