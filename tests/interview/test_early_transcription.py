"""Transcribing a live answer while it is spoken: the pieces a pause closes, then only the rest at the end.

The answer is the analysis suite's known one (four sentences, pauses of 1.6 s and 2.2 s, a 0.35 s breath),
fed to a `LiveRecording` in 20 ms frames as the browser would, with the real offline Whisper.
"""

from __future__ import annotations

import re
import threading
import uuid

import numpy as np
import pytest

from bench.speech_audio import PIPER_RATE, SR, resample
from igym.analysis import analyze_answer
from igym.errors import ProviderError
from igym.live.early_transcription import EarlyTranscript
from igym.live.recording import SAMPLE_RATE, LiveRecording
from igym.live.turn_key import TurnKey
from igym.models import Transcript

FRAME = SAMPLE_RATE // 50
TURN = TurnKey(uuid.UUID(int=1), uuid.UUID(int=2), 1)


class Counting:
    """The real transcriber, noting the length of every stretch it is asked for (seconds)."""

    def __init__(self, inner, *, fail_first: bool = False) -> None:  # type: ignore[no-untyped-def]
        self.inner = inner
        self.calls: list[float] = []
        self.fail_first = fail_first

    def transcribe(self, audio: np.ndarray, *, prompt: str | None = None) -> Transcript:
        self.calls.append(audio.size / SAMPLE_RATE)
        if self.fail_first and len(self.calls) == 1:
            raise ProviderError("speech-to-text timed out")
        return self.inner.transcribe(audio, prompt=prompt)


def _speak(recording: LiveRecording, audio: np.ndarray) -> None:
    pcm = (np.clip(audio, -1, 1) * 32767).astype(np.int16)
    for start in range(0, pcm.size, FRAME):
        recording.push_pcm(pcm[start : start + FRAME])


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z']+", text.lower())


@pytest.fixture(scope="module")
def answer16(answer_clean: np.ndarray) -> np.ndarray:
    return resample(answer_clean, PIPER_RATE, SR)


def _live(transcriber, **recording_options) -> tuple[LiveRecording, EarlyTranscript]:  # type: ignore[no-untyped-def]
    early = EarlyTranscript(transcriber)
    recording = LiveRecording(TURN, silence_stop_s=5.0, on_segment=early.add, **recording_options)
    return recording, early


def test_stretches_closed_by_pauses_are_transcribed_while_the_answer_goes_on(
    answer16: np.ndarray, answer_truth, transcriber
) -> None:
    counting = Counting(transcriber)
    recording, early = _live(counting, segment_min_s=2.0)
    _speak(recording, answer16)
    assert early.wait_idle(60)
    # Both long pauses closed a stretch (the 0.35 s breath did not); both were transcribed before the end.
    assert len(counting.calls) == 2
    cuts = np.cumsum(counting.calls)
    for cut, (pause_start, pause_end) in zip(cuts, answer_truth.pauses, strict=True):
        assert pause_start < cut < pause_end  # inside the silence: no word is split
    assert early.transcribed_s == pytest.approx(cuts[-1], abs=0.01)

    audio = recording.take()
    live = analyze_answer(audio, transcriber=early)
    # At the end only the last sentence was left to transcribe.
    assert len(counting.calls) == 3 and counting.calls[-1] < 0.3 * audio.size / SAMPLE_RATE

    whole = analyze_answer(audio, transcriber=transcriber)
    assert _words(live.transcript) == _words(whole.transcript)
    assert live.word_count == whole.word_count
    assert live.pause_count == whole.pause_count == len(answer_truth.pauses)
    assert live.words_per_minute == pytest.approx(whole.words_per_minute, rel=0.03)
    assert live.filler_count == whole.filler_count == 0
    assert live.word_starts[-1] == pytest.approx(whole.word_starts[-1], abs=0.3)  # timed from the start
    assert not [t for t in threading.enumerate() if t.name == "igym-early-stt"]


def test_a_failed_stretch_falls_back_to_the_whole_answer_and_loses_nothing(answer16: np.ndarray, transcriber) -> None:
    counting = Counting(transcriber, fail_first=True)
    recording, early = _live(counting, segment_min_s=2.0)
    _speak(recording, answer16)
    assert early.wait_idle(60)
    audio = recording.take()
    live = analyze_answer(audio, transcriber=early)
    assert counting.calls[-1] == pytest.approx(audio.size / SAMPLE_RATE)  # the whole answer, once more
    assert _words(live.transcript) == _words(transcriber.transcribe(audio).text)


def test_a_replaced_recording_stops_transcribing_and_its_late_stretches_are_ignored(
    answer16: np.ndarray, transcriber
) -> None:
    counting = Counting(transcriber)
    early = EarlyTranscript(counting)
    early.cancel()
    early.add(answer16[: 4 * SAMPLE_RATE], 0)
    assert early.wait_idle(5) and counting.calls == []
    transcript = early.transcribe(answer16)
    assert counting.calls == [pytest.approx(answer16.size / SAMPLE_RATE)]
    assert "platform" in transcript.text.lower()


def test_the_engine_saves_the_live_answer_transcribed_early(
    make_engine, services, candidate: uuid.UUID, answer16: np.ndarray, transcriber
) -> None:
    engine = make_engine()
    session = services.sessions.create(user_id=candidate, interview_type="behavioral", difficulty="warm_up")
    engine.begin(user_id=candidate, session_id=session.id)
    early = engine.early_transcript()
    recording = LiveRecording(TURN, silence_stop_s=5.0, on_segment=early.add, segment_min_s=2.0)
    _speak(recording, answer16)
    assert early.wait_idle(60) and early.transcribed_s > 10
    outcome = engine.answer_samples(user_id=candidate, session_id=session.id, samples=recording.take(), early=early)
    saved = engine.state(user_id=candidate, session_id=session.id).turns[outcome.answer.order_index]
    assert saved.role == "candidate" and saved.audio_key
    assert "platform team" in saved.content.lower() and "fridays" in saved.content.lower()
    assert saved.metrics is not None and saved.metrics.pause_count == 2


def test_silence_after_the_last_stretch_is_not_sent_to_the_transcriber(answer16: np.ndarray, transcriber) -> None:
    # Whisper, primed with a disfluent prompt, may "hear" an "Umm." in pure silence; the analysis never asks
    # it about silence, and neither does the early path.
    counting = Counting(transcriber)
    recording, early = _live(counting, segment_min_s=2.0)
    _speak(recording, np.concatenate([answer16, np.zeros(2 * SAMPLE_RATE, np.float32)]))
    assert early.wait_idle(60)
    handed = len(counting.calls)
    assert sum(counting.calls) > answer16.size / SAMPLE_RATE - 0.7  # the last sentence was handed over too
    live = analyze_answer(recording.take(), transcriber=early)
    assert len(counting.calls) == handed
    assert live.filler_count == 0 and "fridays" in live.transcript.lower()


def test_a_stretch_queued_behind_one_that_fails_is_dropped_and_the_answer_transcribed_whole() -> None:
    first_started, release = threading.Event(), threading.Event()
    heard: list[float] = []

    class SlowThenBroken:
        def transcribe(self, audio: np.ndarray, *, prompt: str | None = None) -> Transcript:
            heard.append(audio.size / SAMPLE_RATE)
            if len(heard) == 1:
                first_started.set()
                release.wait(10)
                raise ProviderError("speech-to-text timed out")
            return Transcript(text="the whole answer", duration_s=audio.size / SAMPLE_RATE)

    early = EarlyTranscript(SlowThenBroken())
    early.add(np.zeros(4 * SAMPLE_RATE, np.float32), 0)
    assert first_started.wait(10)
    early.add(np.zeros(3 * SAMPLE_RATE, np.float32), 4 * SAMPLE_RATE)  # queued while the first is in flight
    release.set()
    assert early.wait_idle(10)
    assert early.transcribe(np.zeros(9 * SAMPLE_RATE, np.float32)).text == "the whole answer"
    assert heard == [4.0, 9.0]  # the queued stretch was dropped, then one whole pass
