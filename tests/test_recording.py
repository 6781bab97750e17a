"""The live recording bridge: frames in on one thread, snapshots out on another, and when an answer ends."""

from __future__ import annotations

import threading
import uuid

import av
import numpy as np
import pytest

from igym.live.recording import SAMPLE_RATE, LiveRecording
from igym.live.turn_key import TurnKey

USER, SESSION = uuid.UUID(int=1), uuid.UUID(int=2)
TURN = TurnKey(USER, SESSION, 1)


def _tone(seconds: float, amplitude: float, rate: int = 48_000, channels: int = 2) -> list[av.AudioFrame]:
    """Browser-like frames: 20 ms of a 220 Hz tone, 48 kHz stereo s16."""
    frames = []
    per_frame = rate // 50
    total = int(seconds * rate)
    t = np.arange(total) / rate
    mono = (amplitude * 32767 * np.sin(2 * np.pi * 220 * t)).astype(np.int16)
    for start in range(0, total - per_frame + 1, per_frame):
        chunk = np.repeat(mono[start : start + per_frame, None], channels, axis=1).reshape(1, -1)
        frame = av.AudioFrame.from_ndarray(chunk, format="s16", layout="stereo" if channels == 2 else "mono")
        frame.sample_rate = rate
        frames.append(frame)
    return frames


def _feed(recording: LiveRecording, frames: list[av.AudioFrame]) -> None:
    for frame in frames:
        recording.push_frame(frame)


def test_frames_are_downmixed_to_16k_mono_and_timed() -> None:
    recording = LiveRecording(TURN)
    _feed(recording, _tone(2.0, 0.3))
    snap = recording.snapshot()
    assert snap.elapsed_s == pytest.approx(2.0, abs=0.05)
    assert snap.heard_speech and snap.level > 0.5 and not snap.finished
    audio = recording.take()
    assert audio.dtype == np.float32 and audio.size == pytest.approx(2.0 * SAMPLE_RATE, abs=800)


def test_silence_after_speech_ends_the_answer_but_silence_alone_does_not() -> None:
    waiting = LiveRecording(TURN, silence_stop_s=2.0)
    _feed(waiting, _tone(4.0, 0.0003))  # a quiet room before the candidate starts
    assert not waiting.snapshot().finished and not waiting.snapshot().heard_speech

    answering = LiveRecording(TurnKey(USER, SESSION, 2), silence_stop_s=2.0)
    _feed(answering, _tone(1.0, 0.0003) + _tone(1.5, 0.3) + _tone(1.0, 0.0003))
    assert not answering.snapshot().finished  # a one-second breath is not the end
    assert answering.snapshot().silence_s == pytest.approx(1.0, abs=0.05)
    _feed(answering, _tone(1.2, 0.0003))
    snap = answering.snapshot()
    assert snap.finished and snap.finish_reason == "silence"
    before = snap.elapsed_s
    _feed(answering, _tone(1.0, 0.3))  # frames after the end are not kept
    assert answering.snapshot().elapsed_s == before


def test_a_waiter_is_woken_when_the_silence_ends_the_answer_and_not_before() -> None:
    recording = LiveRecording(TURN, silence_stop_s=2.0)
    assert not recording.wait_finished(0.01)  # nothing has ended it
    woken: list[bool] = []
    waiter = threading.Thread(target=lambda: woken.append(recording.wait_finished(60)))
    waiter.start()
    _feed(recording, _tone(1.5, 0.3) + _tone(1.0, 0.0003))  # speaking, then a breath
    assert waiter.is_alive() and not woken
    _feed(recording, _tone(1.2, 0.0003))  # the silence now ends the answer
    waiter.join(60)
    assert woken == [True] and recording.snapshot().finish_reason == "silence"
    assert recording.wait_finished(0)  # and it stays ended


def test_done_and_take_end_the_answer_for_a_waiter_too() -> None:
    for end in (lambda r: r.finish("done"), lambda r: r.take()):
        recording = LiveRecording(TURN)
        _feed(recording, _tone(1.0, 0.3))
        woken: list[bool] = []
        waiter = threading.Thread(target=lambda rec=recording, out=woken: out.append(rec.wait_finished(60)))
        waiter.start()
        end(recording)
        waiter.join(60)
        assert woken == [True] and recording.snapshot().finish_reason == "done"


def test_a_recording_stops_at_the_maximum_length() -> None:
    recording = LiveRecording(TURN, max_seconds=1.0)
    _feed(recording, _tone(3.0, 0.3))
    snap = recording.snapshot()
    assert snap.finished and snap.finish_reason == "max_length"
    assert recording.take().size == SAMPLE_RATE


def test_frames_and_snapshots_from_two_threads_lose_nothing() -> None:
    recording = LiveRecording(TURN, silence_stop_s=60)
    frames = _tone(3.0, 0.2)
    seen: list[float] = []
    producer = threading.Thread(target=_feed, args=(recording, frames))
    producer.start()
    while producer.is_alive():
        seen.append(recording.snapshot().elapsed_s)
    producer.join()
    assert seen == sorted(seen)  # elapsed time only ever grows
    assert recording.take().size == pytest.approx(3.0 * SAMPLE_RATE, abs=800)


def test_a_bad_frame_is_reported_in_the_snapshot_not_raised() -> None:
    recording = LiveRecording(TURN)
    recording.push_frame("not a frame")  # type: ignore[arg-type]
    assert recording.snapshot().error is not None


def test_a_problem_note_shows_until_the_candidate_speaks_again() -> None:
    recording = LiveRecording(TURN)
    recording.note_problem("We couldn't hear any speech in that recording.")
    _feed(recording, _tone(0.5, 0.0003))
    assert recording.snapshot().problem == "We couldn't hear any speech in that recording."
    _feed(recording, _tone(1.0, 0.3))
    assert recording.snapshot().problem is None


def test_each_stretch_a_pause_closes_is_handed_over_once_cut_inside_the_silence() -> None:
    handed: list[tuple[int, int]] = []
    recording = LiveRecording(
        TURN, silence_stop_s=5.0, on_segment=lambda s, at: handed.append((at, s.size)), segment_min_s=2.0
    )
    _feed(recording, _tone(1.0, 0.0003))  # room noise before speaking: nothing to hand over
    assert handed == []
    for _ in range(2):
        _feed(recording, _tone(3.0, 0.3))
        _feed(recording, _tone(1.2, 0.0003))
    _feed(recording, _tone(1.0, 0.3))  # still speaking: this stretch is not closed yet
    assert [at for at, _ in handed] == [0, handed[0][1]]  # contiguous, from the start of the answer
    first_cut, second_cut = (at + size for at, size in handed)
    assert 4.0 < first_cut / SAMPLE_RATE < 5.2  # inside the first silence (4.0-5.2 s), not in a word
    assert 8.2 < second_cut / SAMPLE_RATE < 9.4
    assert recording.take().size == pytest.approx(10.4 * SAMPLE_RATE, abs=800)  # the whole answer is kept
