"""The live panel's states under AppTest: nothing before the start step, "the interviewer is speaking" until the
question ends, no microphone warning before listening, and a visible wait with Done disabled while an answer
is saved (on a worker thread)."""

from __future__ import annotations

import threading

import numpy as np
from streamlit.testing.v1 import AppTest

HOLDER = "igym_page_live_holder"


def _panel() -> None:
    import threading
    import uuid

    import streamlit as st

    from igym.config import Settings
    from igym.live.turn_key import TurnKey
    from igym.ui import recorder

    owner = TurnKey(uuid.UUID(int=1), uuid.UUID(int=2), 1)
    settings = Settings(_env_file=None, recorder={"no_audio_warning_s": 1.0})  # type: ignore[call-arg]
    recorder.arm(owner, settings)
    if st.session_state.get("press_start") and not recorder.started():
        recorder.start()
    gate: threading.Event = st.session_state.setdefault("gate", threading.Event())
    settled = st.session_state.setdefault("settled", [])

    def settle(job: recorder.SubmitJob) -> None:
        settled.append(job.result())
        recorder.disarm(owner)  # saved, as the interview page's settle does
        if st.session_state.get("freeze_at_settle"):
            st.stop()  # the page as it stands when the save is settled (before the rerun that follows)

    recorder.live_panel(
        owner=owner,
        settings=settings,
        submit=lambda rec: (lambda: (rec.take().size, gate.wait(20))),
        settle=settle,
    )


def _texts(at: AppTest) -> str:
    return "\n".join([c.value for c in at.caption] + [m.value for m in at.markdown] + [w.value for w in at.warning])


def _done(at: AppTest):  # type: ignore[no-untyped-def]
    return next(b for b in at.button if b.label.startswith("Done"))


def test_the_panel_waits_for_the_start_then_the_question_then_shows_the_save() -> None:
    at = AppTest.from_function(_panel, default_timeout=30).run()
    assert not at.exception
    assert _texts(at) == "" and not at.button  # before "Start the interview": nothing, and no warning
    at.session_state["press_start"] = True
    at = at.run()
    assert "The interviewer is speaking" in _texts(at) and _done(at).disabled
    assert "No audio is reaching us" not in _texts(at)

    recording = at.session_state[HOLDER].current
    recording.push_pcm(np.full(16_000, 9_000, np.int16))  # the question through the speakers: dropped
    assert recording.snapshot().frames == 0
    recording.listen()
    tone = (0.3 * 32767 * np.sin(np.arange(16_000) / 16_000 * 2 * np.pi * 220)).astype(np.int16)
    recording.push_pcm(tone)
    recording.finish("done")
    at = at.run()
    assert "Saving, transcribing and measuring your answer… 0 s" in _texts(at), _texts(at)
    assert _done(at).disabled
    at.session_state["gate"].set()
    holder = at.session_state[HOLDER]
    assert holder.job is None or holder.job.wait(10)
    at = at.run()
    assert at.session_state["settled"] == [(16_000, True)]  # settled on the script thread, once


def test_the_no_audio_warning_counts_from_listening_only() -> None:
    at = AppTest.from_function(_panel, default_timeout=30)
    at.session_state["press_start"] = True
    at = at.run()
    threading.Event().wait(1.2)  # longer than the warning's 1 s, but the question is still playing
    at = at.run()
    assert "No audio is reaching us" not in _texts(at)
    at.session_state[HOLDER].current.listen()
    threading.Event().wait(1.2)
    at = at.run()
    assert "No audio is reaching us" in _texts(at)


def test_a_quick_save_shows_its_wait_before_it_is_settled() -> None:
    """A whole-page rerun request interrupts a run at its next `st` call, and a new run drops what is still
    unsent: the run that started a save may leave nothing on the page. Whichever run settles the save has drawn
    its wait first, so even a save already done when the panel looks shows the wait once."""
    from igym.ui import recorder

    at = AppTest.from_function(_panel, default_timeout=30)
    at.session_state["press_start"] = True
    at = at.run()
    holder = at.session_state[HOLDER]
    job = recorder.SubmitJob(holder.current.owner, lambda: ("saved", True))
    assert job.wait(10)  # started by a run that was interrupted before it drew anything
    holder.job = job
    at.session_state["freeze_at_settle"] = True
    at = at.run()
    assert at.session_state["settled"] == [("saved", True)]
    assert "Saving, transcribing and measuring your answer… 0 s" in _texts(at), _texts(at)
    assert _done(at).disabled
