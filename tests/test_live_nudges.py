"""The live transcript and counters under the level meter (igym.ui.live_nudges), and the toggle that hides them."""

from __future__ import annotations

import uuid

import numpy as np
import pytest

from igym.live.recording import SAMPLE_RATE, RecordingSnapshot
from igym.live.turn_key import TurnKey
from igym.models import Transcript, Word
from igym.services import AppServices
from igym.ui import live_nudges
from tests.support.apptest import interview_tab, started_interview

PASSWORD = "quiet-meadow-58"
TURN = TurnKey(uuid.UUID(int=1), uuid.UUID(int=2), 1)


def _snap(silence_s: float = 0.0, frames: int = 50) -> RecordingSnapshot:
    return RecordingSnapshot(
        owner=TURN, frames=frames, elapsed_s=30.0, level_db=-20.0, heard_speech=True, silence_s=silence_s,
        finished=False, finish_reason=None, error=None, stop_after_s=4.5,
    )


def _spoken(text: str, *, words_per_s: float, start_s: float = 0.0) -> Transcript:
    parts = text.split()
    words = tuple(
        Word(p, round(start_s + i / words_per_s, 2), round(start_s + (i + 0.8) / words_per_s, 2))
        for i, p in enumerate(parts)
    )
    return Transcript(text=text, words=words, duration_s=start_s + len(parts) / words_per_s)


def test_the_counters_show_fillers_pace_of_the_last_twenty_seconds_and_the_silence() -> None:
    slow = _spoken("so um we planned the work " * 4, words_per_s=1.0)  # 24 words over 24 s, 4 of them "um"
    fast = _spoken("and then we shipped it quickly " * 10, words_per_s=3.0, start_s=24.0)  # 60 words in 20 s
    both = Transcript(
        text=f"{slow.text} {fast.text}", words=slow.words + fast.words, duration_s=fast.duration_s
    )
    view = live_nudges.nudges(_snap(silence_s=1.2), both)
    assert view.fillers == 4
    assert view.pace_wpm == pytest.approx(180, abs=1)  # only the last 20 s: the fast part
    assert "Fillers so far: 4" in view.counters and "fast" in view.counters and "120–150" in view.counters
    assert "silence 1.2 s of 4.5 s" in view.counters
    calm = live_nudges.nudges(_snap(), _spoken("we planned the work and shipped it " * 4, words_per_s=2.2))
    assert "in the band" in calm.counters and "speaking" in calm.counters
    assert live_nudges.nudges(_snap(), None).counters.startswith("Fillers so far: 0 · pace: not yet")


def test_a_long_transcript_shows_its_end() -> None:
    long = _spoken("word " * 400 + "the very end", words_per_s=3.0)
    view = live_nudges.nudges(_snap(), long)
    assert view.transcript.startswith("…") and view.transcript.endswith("the very end") and len(view.transcript) < 620


def _live_texts(at) -> list[str]:  # type: ignore[no-untyped-def]
    return [t.value for t in at.text]


def _started(at):  # type: ignore[no-untyped-def]
    """The interview page after its one start step (the live panel shows nothing before it)."""
    assert not at.exception
    at = next(b for b in at.button if b.label == "Start the interview").click().run()
    assert not at.exception
    return at


def test_the_toggle_hides_the_live_view_and_is_remembered(app_services: AppServices) -> None:
    session_id = started_interview(app_services, "nudges@example.com", PASSWORD)
    at = _started(interview_tab("nudges@example.com", PASSWORD, session_id))
    toggle = at.toggle(key=live_nudges.TOGGLE_KEY)
    assert toggle.value is True  # on by default (IGYM_RECORDER_LIVE_NUDGES)
    holder = at.session_state["igym_page_live_holder"]
    holder.current.listen()  # the question has been spoken
    tone = (0.3 * 32767 * np.sin(2 * np.pi * 180 * np.arange(SAMPLE_RATE) / SAMPLE_RATE)).astype(np.int16)
    holder.current.push_pcm(tone)  # one second of "speech" reaches the recorder
    at = at.run()
    assert any(t.startswith("Fillers so far: 0") for t in _live_texts(at))
    shape = [type(e).__name__ for e in at.main]
    at = at.toggle(key=live_nudges.TOGGLE_KEY).set_value(False).run()
    assert not at.exception
    assert not any(t.startswith("Fillers so far") for t in _live_texts(at))
    assert at.session_state[live_nudges.NUDGES_PREF] is False
    assert [type(e).__name__ for e in at.main] == shape  # the same elements, emptied
    again = _started(interview_tab("nudges@example.com", PASSWORD, session_id))  # a new browser session: on again
    assert again.toggle(key=live_nudges.TOGGLE_KEY).value is True
