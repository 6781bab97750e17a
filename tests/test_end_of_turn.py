"""End-of-turn rules: which pause ends a live answer (igym.live.end_of_turn), and the recorder applying them."""

from __future__ import annotations

import threading
import uuid

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from igym.live.early_transcription import EarlyTranscript
from igym.live.end_of_turn import Ending, EndOfTurnRules, ending, voice_fell
from igym.live.recording import SAMPLE_RATE, LiveRecording
from igym.live.turn_key import TurnKey
from igym.models import Transcript

RULES = EndOfTurnRules(short_s=0.7, medium_s=2.5, long_s=4.5)
TURN = TurnKey(uuid.UUID(int=1), uuid.UUID(int=2), 1)


@pytest.mark.parametrize(
    "text",
    [
        "I led the migration of our billing service.",
        "As a result failed payments fell by thirty percent!",
        "  Did it work? Yes, it did.  ",
        '"We shipped it."',
    ],
)
def test_a_finished_sentence_is_complete(text: str) -> None:
    assert ending(text) is Ending.COMPLETE
    assert RULES.wait_s(text, fell=True) == 0.7
    assert RULES.wait_s(text, fell=False) == 2.5  # the voice did not fall: not sure yet
    assert RULES.wait_s(text, fell=None) == 2.5


@pytest.mark.parametrize(
    "text",
    [
        "I planned the cut over and",
        "I planned the cut over and.",  # Whisper's full stop after a trailing "and" does not end a sentence
        "We missed the deadline because",
        "It was hard, but",
        "so the first thing I did was",
        "and then, um",
        "and then, um.",
        "I think the main thing, you know.",
        "The hardest part was the",
        "In my last role I led the migration of our billing service and...",
        "We moved the whole team —",
        "I led the migration,",
        "In my last role I led the migration of our billing",  # no sentence punctuation: a clause cut off
        "Uhh.",
    ],
)
def test_a_trailing_conjunction_filler_or_cut_off_clause_is_open(text: str) -> None:
    assert ending(text) is Ending.OPEN
    assert RULES.wait_s(text, fell=True) == 4.5  # longer than a 3 s thinking pause


@pytest.mark.parametrize("text", [None, "", "   ", "...", "—"])
def test_no_text_gives_the_medium_wait_never_the_short_one(text: str | None) -> None:
    assert ending(text) is Ending.UNKNOWN
    assert RULES.wait_s(text, fell=True) == 2.5


def test_text_still_being_transcribed_holds_the_pause_up_to_the_long_wait() -> None:
    assert RULES.wait_s(None, fell=True, pending=True) == 4.5
    assert RULES.wait_s("We shipped it.", fell=True, pending=True) == 0.7  # the text is here: it decides


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.none(), st.text()), st.sampled_from([True, False, None]), st.booleans())
def test_arbitrary_text_never_crashes_and_short_needs_a_finished_sentence(
    text: str | None, fell: bool | None, pending: bool
) -> None:
    wait = RULES.wait_s(text, fell, pending=pending)
    assert wait in (0.7, 2.5, 4.5)
    if wait == 0.7:
        assert text is not None and fell is True
        assert text.rstrip(" \t\n\"'”’)]").endswith((".", "!", "?"))
        assert ending(text) is Ending.COMPLETE


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from("we shipped it on time the team and but so because um uh".split()), min_size=1),
    st.sampled_from(["and", "but", "so", "because", "um", "uh", "the", "of"]),
    st.sampled_from(["", ".", ",", "...", " ."]),
)
def test_any_answer_ending_on_a_conjunction_or_filler_waits_long(words: list[str], last: str, punct: str) -> None:
    assert RULES.wait_s(" ".join([*words, last]) + punct, fell=True) == 4.5


def test_voice_fell_reads_a_falling_and_a_rising_tone() -> None:
    t = np.arange(int(0.8 * SAMPLE_RATE)) / SAMPLE_RATE
    falling = 0.3 * np.sin(2 * np.pi * np.cumsum(np.linspace(180, 110, t.size)) / SAMPLE_RATE)
    rising = 0.3 * np.sin(2 * np.pi * np.cumsum(np.linspace(110, 180, t.size)) / SAMPLE_RATE)
    assert voice_fell(falling.astype(np.float32)) is True
    assert voice_fell(rising.astype(np.float32)) is False
    assert voice_fell((falling * 32767).astype(np.int16)) is True
    assert voice_fell(np.zeros(SAMPLE_RATE, np.float32)) is None
    assert voice_fell(np.zeros(10, np.float32)) is None


# --- the recorder applying the rules ------------------------------------------------------------------------


def _voice(seconds: float, start_hz: float = 160.0, end_hz: float = 110.0) -> np.ndarray:
    """A voiced stretch as 16 kHz int16: a tone gliding from `start_hz` to `end_hz` (a falling voice)."""
    n = int(seconds * SAMPLE_RATE)
    phase = 2 * np.pi * np.cumsum(np.linspace(start_hz, end_hz, n)) / SAMPLE_RATE
    return (0.3 * 32767 * np.sin(phase)).astype(np.int16)


def _quiet(seconds: float) -> np.ndarray:
    return (np.random.default_rng(0).normal(0, 8, int(seconds * SAMPLE_RATE))).astype(np.int16)


def _push(recording: LiveRecording, pcm: np.ndarray) -> float | None:
    """Feed 20 ms frames; the answer's length in seconds when the recording finished, else None."""
    for start in range(0, pcm.size, 320):
        recording.push_pcm(pcm[start : start + 320])
        snap = recording.snapshot()
        if snap.finished:
            return snap.elapsed_s
    return None


class _Texts:
    """Stands in for the early transcript: the text that ends at each cut, given by the order of the pauses."""

    def __init__(self, texts: list[str]) -> None:
        self.texts = texts
        self.asked: dict[int, str] = {}

    def segment(self, samples: np.ndarray, offset: int) -> None:
        self._note(offset + samples.size)

    def probe(self, samples: np.ndarray, end: int) -> None:
        self._note(end)

    def _note(self, end: int) -> None:
        if end not in self.asked and self.texts:
            self.asked[end] = self.texts.pop(0)

    def text_until(self, end: int) -> str | None:
        return self.asked.get(end)


class _LateTexts(_Texts):
    """The same, with each text arriving only once `release` is called (a slow transcriber)."""

    def __init__(self, texts: list[str]) -> None:
        super().__init__(texts)
        self.released = False

    def text_until(self, end: int) -> str | None:
        return self.asked.get(end) if self.released else None

    def awaits(self, end: int) -> bool:
        return end in self.asked and not self.released


def _recording(texts: _Texts | None) -> LiveRecording:
    late = isinstance(texts, _LateTexts)
    return LiveRecording(
        TURN,
        silence_stop_s=RULES.medium_s,
        end_of_turn=RULES,
        on_segment=texts.segment if texts else None,
        on_probe=texts.probe if texts else None,
        tail_text=texts.text_until if texts else None,
        tail_pending=texts.awaits if late else None,  # type: ignore[union-attr]
        segment_silence_s=0.35,
        segment_min_s=3.0,
    )


def test_a_thinking_pause_whose_words_come_late_is_not_cut_at_the_medium_wait() -> None:
    texts = _LateTexts(["In my last role I led the migration of our billing service and"])
    recording = _recording(texts)
    _push(recording, _voice(4.0))
    assert _push(recording, _quiet(3.0)) is None  # past the medium wait: the text is still on its way
    texts.released = True  # "... and": the long wait
    assert _push(recording, _quiet(1.0)) is None
    assert _push(recording, _quiet(1.0)) == pytest.approx(4.0 + 4.5, abs=0.1)


def test_a_three_second_thinking_pause_mid_sentence_does_not_end_the_answer() -> None:
    texts = _Texts(["In my last role I led the migration of our billing service and", "it worked."])
    recording = _recording(texts)
    assert _push(recording, _quiet(1.0)) is None
    assert _push(recording, _voice(4.0)) is None
    assert _push(recording, _quiet(3.0)) is None  # trailing "and": the long wait, the pause is not the end
    assert recording.snapshot().stop_after_s == 4.5
    assert _push(recording, _voice(2.0)) is None
    ended = _push(recording, _quiet(3.0))  # "it worked." with a falling voice: the short wait
    assert ended is not None and ended == pytest.approx(1.0 + 4.0 + 3.0 + 2.0 + 0.7, abs=0.1)
    assert recording.snapshot().finish_reason == "silence"


def test_a_finished_sentence_ends_the_answer_after_the_short_wait() -> None:
    recording = _recording(_Texts(["As a result failed payments fell by thirty percent."]))
    _push(recording, _quiet(0.5))
    _push(recording, _voice(4.0))
    ended = _push(recording, _quiet(3.0))
    assert ended == pytest.approx(0.5 + 4.0 + 0.7, abs=0.1)


def test_a_rising_voice_after_a_full_stop_gets_the_medium_wait() -> None:
    recording = _recording(_Texts(["And the result was good."]))
    _push(recording, _voice(4.0, start_hz=110, end_hz=180))
    assert _push(recording, _quiet(2.4)) is None
    assert _push(recording, _quiet(0.3)) is not None


def test_without_a_transcript_the_pause_waits_the_medium_time() -> None:
    waiting = _Texts([])  # the transcript never arrives
    recording = _recording(waiting)
    _push(recording, _voice(4.0))
    assert _push(recording, _quiet(2.3)) is None  # never the short wait without text
    assert _push(recording, _quiet(0.5)) == pytest.approx(4.0 + 2.5, abs=0.1)
    plain = _recording(None)  # no early transcription at all
    _push(plain, _voice(4.0))
    assert _push(plain, _quiet(3.0)) == pytest.approx(4.0 + 2.5, abs=0.1)


def _cutting_recording() -> tuple[LiveRecording, list[tuple[int, int]], list[tuple[int, int]]]:
    """A recording with the rules that cuts stretches of 3 s or more, and the (offset, size) of its cuts and
    the (start, end) of its probes as they happen."""
    cuts: list[tuple[int, int]] = []
    probes: list[tuple[int, int]] = []
    recording = LiveRecording(
        TURN,
        end_of_turn=RULES,
        on_segment=lambda s, at: cuts.append((at, s.size)),
        on_probe=lambda s, end: probes.append((end - s.size, end)),
        tail_text=lambda end: None,
        segment_silence_s=0.35,
        segment_min_s=3.0,
    )
    return recording, cuts, probes


def test_a_short_stretch_is_probed_and_a_long_one_cut() -> None:
    recording, cuts, probes = _cutting_recording()
    _push(recording, _voice(4.0))
    _push(recording, _quiet(1.0))  # a 4 s stretch: cut for the early transcript, no probe
    assert len(cuts) == 1 and probes == []
    _push(recording, _voice(1.5))
    _push(recording, _quiet(1.0))  # 1.5 s since the cut: too short to cut, so probed (with context before it)
    assert len(cuts) == 1 and len(probes) == 1
    start, end = probes[0]
    assert 6.5 * SAMPLE_RATE < end < 7.0 * SAMPLE_RATE and end - start == 6 * SAMPLE_RATE


def test_a_probed_pause_is_not_cut_as_it_grows() -> None:
    """The cut point is the middle of the pause, so it moves on as the pause grows: a stretch just too short to
    cut when the pause began would pass the minimum a moment later, and its words, already on their way in the
    probe, would be transcribed twice (the answer, ending in this pause, waiting for the second time)."""
    recording, cuts, probes = _cutting_recording()
    _push(recording, _voice(4.0))
    _push(recording, _quiet(1.0))  # cut once the pause is 0.35 s long, in its middle: at 4.18 s
    assert len(cuts) == 1
    _push(recording, _voice(1.9))  # 0.82 + 1.9 s since the cut: 2.9 s when this pause is 0.35 s long, 3.7 s at 2 s
    _push(recording, _quiet(2.0))
    assert len(cuts) == 1 and len(probes) == 1
    _push(recording, _voice(1.0))
    _push(recording, _quiet(1.0))  # the next pause cuts the whole stretch, the probed words included
    assert len(cuts) == 2 and cuts[1][0] == cuts[0][0] + cuts[0][1]


def test_the_fixed_wait_is_kept_when_the_rules_are_off() -> None:
    recording = LiveRecording(TURN, silence_stop_s=2.0)
    _push(recording, _voice(2.0))
    assert _push(recording, _quiet(3.0)) == pytest.approx(4.0, abs=0.1)


# --- the early transcript's texts for the rules ---------------------------------------------------------------


class _SlowTranscriber:
    def __init__(self) -> None:
        self.release = threading.Event()
        self.calls: list[int] = []

    def transcribe(self, audio: np.ndarray, *, prompt: str | None = None) -> Transcript:
        self.calls.append(audio.size)
        self.release.wait(5)
        return Transcript(text=f"{audio.size} samples and", duration_s=audio.size / SAMPLE_RATE)


def test_text_until_answers_for_cuts_and_probes_and_probes_never_enter_the_answer() -> None:
    stt = _SlowTranscriber()
    early = EarlyTranscript(stt)
    early.add(np.ones(48_000, np.float32), 0)
    early.probe(np.ones(16_000, np.float32), 64_000)
    assert early.text_until(48_000) is None  # not transcribed yet ...
    assert early.awaits(48_000) and early.awaits(64_000) and not early.awaits(70_000)  # ... but on its way
    stt.release.set()
    assert early.wait_idle(5)
    assert not early.awaits(48_000) and not early.awaits(64_000)
    assert early.text_until(48_000) == "48000 samples and"
    assert early.text_until(64_000) == "16000 samples and"
    assert early.so_far().text == "48000 samples and"
    whole = early.transcribe(np.zeros(48_000, np.float32))
    assert whole.text == "48000 samples and"  # the probe's text is not part of the answer


def test_a_probe_still_waiting_is_dropped_when_the_answer_is_transcribed() -> None:
    stt = _SlowTranscriber()
    early = EarlyTranscript(stt)
    early.add(np.ones(48_000, np.float32), 0)
    early.probe(np.ones(16_000, np.float32), 64_000)
    early.probe(np.ones(16_000, np.float32), 80_000)
    threading.Timer(0.2, stt.release.set).start()
    early.transcribe(np.zeros(48_000, np.float32))
    assert stt.calls == [48_000]  # the worker was on the stretch; both probes were dropped
