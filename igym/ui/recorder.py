"""The live microphone: streamlit-webrtc (audio only, send-only) feeding a `LiveRecording` per question.

Threads: frames arrive on aiortc's event-loop thread through an `AudioSinkTrack` (every frame, in order —
the plain `audio_frame_callback` may drop frames). The callback only hands each frame to the current
`LiveRecording` through a small holder object; it never calls `st.*` and never reads `st.session_state`.
The page polls the recording's snapshot from `st.fragment(run_every=...)` for the level meter, elapsed
time and silence timer, and submits the answer when it ends (silence after speech, or "Done").

One holder per browser session, kept in `st.session_state`, so two users never share a recording; each
question gets a fresh `LiveRecording` whose `owner` is the question's `TurnKey` (user, session, turn), and the
page submits only a recording whose owner equals the key of the question on screen.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

import av
import streamlit as st
from streamlit_webrtc import WebRtcMode, create_audio_sink_track, webrtc_streamer

from igym.config import Settings
from igym.live.early_transcription import EarlyTranscript
from igym.live.end_of_turn import EndOfTurnRules
from igym.live.recording import LiveRecording, RecordingSnapshot
from igym.live.turn_key import TurnKey
from igym.ui import live_nudges

log = logging.getLogger(__name__)

_HOLDER = "igym_page_live_holder"
PANEL_POLL_S = 0.5  # how often the live panel looks at the recording (and so notices that an answer ended)
WEBRTC_KEY = "igym_live_mic"


class _Holder:
    """The recording frames go to; swapped by the script thread, read by the frame thread (atomic ref).

    `early` transcribes the current recording's closed stretches while the candidate speaks; it is cancelled
    when its recording is replaced, so a superseded answer never keeps a worker busy.
    """

    def __init__(self) -> None:
        self.current: LiveRecording | None = None
        self.early: EarlyTranscript | None = None
        self.started_at: float | None = None

    def push(self, frame: av.AudioFrame) -> None:
        recording = self.current
        if recording is not None:
            recording.push_frame(frame)


def _holder() -> _Holder:
    holder = st.session_state.get(_HOLDER)
    if not isinstance(holder, _Holder):
        holder = _Holder()
        st.session_state[_HOLDER] = holder
    return holder


def arm(
    owner: TurnKey,
    settings: Settings,
    *,
    fresh: bool = False,
    early: Callable[[], EarlyTranscript] | None = None,
) -> LiveRecording:
    """The recording for the question on screen, created when the question changes (or `fresh`, to retry).

    `early` makes the transcriber that works on the answer while it is spoken (when the setting allows).
    """
    holder = _holder()
    if fresh or holder.current is None or holder.current.owner != owner:
        if holder.early is not None:
            holder.early.cancel()
        holder.early = early() if early is not None and settings.recorder.early_transcription else None
        holder.current = _recording(owner, settings, holder.early)
        holder.started_at = time.monotonic()
    return holder.current


def _recording(owner: TurnKey, settings: Settings, early: EarlyTranscript | None) -> LiveRecording:
    """A fresh recording for `owner`, with the end-of-turn rules when they are on (`end_of_turn_rules`)."""
    rules = end_of_turn_rules(settings)
    probe_s = settings.recorder.turn_probe_s
    # Offline only: probes are extra transcriptions, and Groq bills each request as at least 10 s.
    offline = not _hosted_stt(settings)
    return LiveRecording(
        owner,
        silence_stop_s=settings.recorder.silence_stop_s,
        max_seconds=settings.max_answer_seconds,
        on_segment=early.add if early is not None else None,
        segment_silence_s=min(0.8, probe_s) if rules is not None else 0.8,
        segment_min_s=early_min_s(settings),
        end_of_turn=rules,
        probe_s=probe_s,
        on_probe=early.probe if early is not None and rules is not None and offline else None,
        tail_text=early.text_until if early is not None and rules is not None else None,
        tail_pending=early.awaits if early is not None and rules is not None else None,
    )


def end_of_turn_rules(settings: Settings) -> EndOfTurnRules | None:
    """The waits the recorder applies (short <= medium <= long), or None for the fixed `silence_stop_s`."""
    rec = settings.recorder
    if not rec.end_of_turn:
        return None
    return EndOfTurnRules(
        short_s=min(rec.turn_short_s, rec.silence_stop_s),
        medium_s=rec.silence_stop_s,
        long_s=max(rec.turn_long_s, rec.silence_stop_s),
    )


def _hosted_stt(settings: Settings) -> bool:
    return settings.resolved_provider("stt") == "groq" and settings.groq.api_key is not None


def early_min_s(settings: Settings) -> float:
    """The shortest stretch transcribed early: Groq's billing minimum, or the offline setting's shorter one."""
    return settings.recorder.early_min_s if _hosted_stt(settings) else settings.recorder.early_min_offline_s


def disarm(owner: TurnKey) -> None:
    """Forget the recording for `owner` once its answer is saved, so a late panel run renders nothing."""
    holder = _holder()
    if holder.current is not None and holder.current.owner == owner:
        holder.current = None
        holder.early = None


def early_transcript(owner: TurnKey) -> EarlyTranscript | None:
    """What has been transcribed early of the recording for `owner`; None for any other recording."""
    holder = _holder()
    current = holder.current
    return holder.early if current is not None and current.owner == owner else None


def microphone(settings: Settings) -> bool:
    """Render the WebRTC microphone; True while it is streaming."""
    holder = _holder()
    constraints = {
        "audio": {
            "autoGainControl": settings.browser.auto_gain,
            "echoCancellation": settings.browser.echo_cancellation,
            "noiseSuppression": settings.browser.noise_suppression,
            "channelCount": 1,
        },
        "video": False,
    }
    try:
        sink = create_audio_sink_track(holder.push, key="igym_live_sink")
        context = webrtc_streamer(
            key=WEBRTC_KEY,
            mode=WebRtcMode.SENDONLY,
            media_stream_constraints=constraints,
            rtc_configuration={"iceServers": settings.ice_servers},
            sink_audio_track=sink,
            translations={"start": "Start microphone", "stop": "Stop microphone"},
        )
    except Exception as exc:  # the live stream is optional: every other way to answer still works
        log.warning("live microphone unavailable: %s", type(exc).__name__)
        st.info("The live microphone isn't available here. Use the Record, Upload or Type tab to answer.")
        return False
    return bool(context.state.playing)


def live_panel(*, owner: TurnKey, settings: Settings, submit: Callable[[LiveRecording], bool]) -> None:
    """Level meter, timers, live transcript and counters, "Done"; submits the answer when it ends.

    Refreshed every `PANEL_POLL_S`; the transcript and counters are `igym.ui.live_nudges`.

    The fragment only ever renders plain elements, never containers or status blocks: a fragment run that
    lands while the whole page is being redrawn must not insert a block where the page now has an element
    (the browser refuses such a delta and stops updating). While the answer is saved the snapshot's own
    caption ("Got it — saving your answer…") is the progress shown.
    """

    @st.fragment(run_every=PANEL_POLL_S)
    def panel() -> None:
        holder = _holder()
        recording = holder.current
        if recording is None or recording.owner != owner:
            return
        snap = recording.snapshot()
        _show(snap, settings=settings, waited_s=time.monotonic() - (holder.started_at or time.monotonic()))
        early = holder.early
        live_nudges.render(snap, early.so_far() if early is not None else None, default=settings.recorder.live_nudges)
        done = st.button("Done — submit my answer", key=f"igym_page_done_{owner.slug}", disabled=not snap.heard_speech)
        if done:
            recording.finish("done")
        if (done or snap.finished) and snap.heard_speech and submit(recording):
            st.rerun(scope="app")

    panel()


def _show(snap: RecordingSnapshot, *, settings: Settings, waited_s: float) -> None:
    if snap.problem:
        st.warning(snap.problem, icon=":material/hearing_disabled:")
    if snap.error:
        st.error(f"The microphone stream has a problem: {snap.error}. Use the Record or Type tab instead.")
    if snap.frames == 0:
        if waited_s > settings.recorder.no_audio_warning_s:
            st.warning(
                "No audio is reaching us from the microphone. Check that it is started and allowed, or answer "
                "with the Record, Upload or Type tab.",
                icon=":material/mic_off:",
            )
        else:
            st.caption("Start the microphone and answer when you're ready.")
        return
    st.progress(snap.level, text=f"Level · {snap.elapsed_s:0.0f} s recorded")
    if not snap.heard_speech:
        st.caption("Listening… start speaking when you're ready.")
    elif snap.finished:
        st.caption("Got it — saving your answer…")
    else:
        left = max(0.0, snap.stop_after_s - snap.silence_s)
        note = "speaking"
        if snap.silence_s >= 0.5:
            note = f"silence {snap.silence_s:0.1f} s — I'll take that as your answer in {left:0.1f} s"
        st.caption(f"Recording · {note}. Press Done when you've finished.")
