"""A live recording that waits for the interviewer: frames before `listen()` are dropped, never part of the answer."""

from __future__ import annotations

import uuid

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from igym.live.recording import SAMPLE_RATE, LiveRecording
from igym.live.turn_key import TurnKey

TURN = TurnKey(uuid.UUID(int=1), uuid.UUID(int=2), 1)


def _tone(samples: int, amplitude: float = 0.3) -> np.ndarray:
    t = np.arange(samples) / SAMPLE_RATE
    return (amplitude * 32767 * np.sin(2 * np.pi * 220 * t)).astype(np.int16)


class _Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_recording_that_does_not_listen_yet_keeps_nothing_and_says_so() -> None:
    clock = _Clock()
    recording = LiveRecording(TURN, clock=clock, listening=False)
    recording.push_pcm(_tone(SAMPLE_RATE * 3))  # the interviewer's question, heard through the speakers
    snap = recording.snapshot()
    assert not snap.listening and snap.listening_s == 0.0
    assert snap.frames == 0 and snap.elapsed_s == 0.0 and not snap.heard_speech and not snap.finished
    assert recording.dropped_frames == 1

    clock.now += 2.0
    recording.listen()
    clock.now += 1.5
    recording.push_pcm(_tone(SAMPLE_RATE))
    snap = recording.snapshot()
    assert snap.listening and snap.listening_s == 1.5  # "no audio reaches us" counts from here
    assert snap.frames == 1 and snap.elapsed_s == 1.0 and snap.heard_speech
    assert recording.take().size == SAMPLE_RATE  # only what came after listen()


def test_listen_is_idempotent_and_a_default_recording_listens_at_once() -> None:
    clock = _Clock()
    recording = LiveRecording(TURN, clock=clock, listening=False)
    recording.listen()
    clock.now += 4.0
    recording.listen()  # a second report of the question's end does not restart the count
    assert recording.snapshot().listening_s == 4.0
    assert LiveRecording(TURN).snapshot().listening  # e.g. a retry after "no speech was heard"


def test_frames_before_listen_never_end_the_answer_or_reach_the_early_transcriber() -> None:
    segments: list[int] = []
    recording = LiveRecording(
        TURN,
        silence_stop_s=1.0,
        listening=False,
        on_segment=lambda audio, offset: segments.append(offset),
        segment_silence_s=0.3,
        segment_min_s=1.0,
    )
    for _ in range(3):  # speech and pauses that would otherwise close segments and end the answer
        recording.push_pcm(_tone(SAMPLE_RATE * 2))
        recording.push_pcm(np.zeros(SAMPLE_RATE * 2, np.int16))
    snap = recording.snapshot()
    assert not snap.finished and not snap.heard_speech and segments == []


@settings(max_examples=60, deadline=None)
@given(
    before=st.lists(st.integers(min_value=0, max_value=4_000), max_size=25),
    after=st.lists(st.integers(min_value=1, max_value=4_000), min_size=1, max_size=25),
)
def test_the_answer_is_exactly_the_samples_after_listen(before: list[int], after: list[int]) -> None:
    recording = LiveRecording(TURN, listening=False, max_seconds=60.0)
    for size in before:
        recording.push_pcm(np.full(size, 9_000, np.int16))  # loud: the question
    recording.listen()
    for size in after:
        recording.push_pcm(np.full(size, 100, np.int16))  # quiet: the candidate's room
    audio = recording.take()
    assert audio.size == sum(after)
    assert np.all(np.abs(audio - 100 / 32768.0) < 1e-6)  # nothing of the question is in it
    assert recording.dropped_frames == sum(1 for size in before if size > 0)
