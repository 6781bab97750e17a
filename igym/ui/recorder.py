"""The live microphone: streamlit-webrtc (audio only, send-only) feeding a `LiveRecording` per question.

Threads: frames arrive on aiortc's event-loop thread through an `AudioSinkTrack` (every frame, in order —
the plain `audio_frame_callback` may drop frames). The callback only hands each frame to the current
`LiveRecording` through a small holder object; it never calls `st.*` and never reads `st.session_state`.
The page polls the recording's snapshot from `st.fragment(run_every=...)` for the level meter, elapsed
time and silence timer, and submits the answer when it ends (silence after speech, or "Done").

One holder per browser session, kept in `st.session_state`, so two users never share a recording; each
question gets a fresh `LiveRecording` whose `owner` is the question's `TurnKey` (user, session, turn), and the
page submits only a recording whose owner equals the key of the question on screen.

Starting: nothing listens and no microphone is asked for until the candidate presses "Start the interview"
(`start`, once per browser session, so again after a refresh). That one click also lets the question's audio
play. Each question's recording is made deaf (`LiveRecording(listening=False)`) and `listen` is called when
the question has finished playing (or at `expect_voice`'s safety deadline), so the interviewer's voice is
never part of an answer.

Submitting: the answer is saved, transcribed and measured on a worker thread (`SubmitJob`), and the panel
shows what is happening with the seconds elapsed, Done disabled, until it is over.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

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
PANEL_POLL_S = 0.5  # how often the live panel looks at the recording
# How long one look waits for what is about to happen — a silence ending the answer, a save finishing — so each
# is noticed when it happens rather than up to PANEL_POLL_S later. Below PANEL_POLL_S: a run_every request that
# arrives meanwhile waits its turn (it does not interrupt the run), so the panel never falls behind.
PANEL_WAIT_S = 0.4
ENDING_SILENCE_S = 0.25  # a silence this long may end the answer: the look waits for the end of turn
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
        self.interview_started = False  # "Start the interview" was pressed in this browser session
        self.mic_requested = False  # ... and the microphone has not been seen playing since
        self.listen_deadline: float | None = None  # listen by then even if the voice never reports its end
        self.job: SubmitJob | None = None

    def push(self, frame: av.AudioFrame) -> None:
        recording = self.current
        if recording is not None:
            recording.push_frame(frame)


class SubmitJob:
    """One answer being saved on a worker thread; the panel polls `done` and shows `elapsed_s` meanwhile.

    `work` must not touch `st.*` (it runs outside the script thread); its return value or exception is kept
    for the script thread, which handles it (`result` re-raises).
    """

    def __init__(self, owner: TurnKey, work: Callable[[], Any]) -> None:
        self.owner = owner
        self.started_at = time.monotonic()
        self._value: Any = None
        self._error: BaseException | None = None
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(work,), name="igym-submit", daemon=True)
        self._thread.start()

    def _run(self, work: Callable[[], Any]) -> None:
        try:
            self._value = work()
        except BaseException as exc:  # handed to the script thread
            self._error = exc
        finally:
            self._done.set()

    @property
    def done(self) -> bool:
        return self._done.is_set()

    @property
    def elapsed_s(self) -> float:
        return time.monotonic() - self.started_at

    def wait(self, timeout_s: float | None = None) -> bool:
        return self._done.wait(timeout_s)

    def result(self) -> Any:
        """What `work` returned; raises what it raised."""
        if self._error is not None:
            raise self._error
        return self._value


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
    listening: bool = False,
) -> LiveRecording:
    """The recording for the question on screen, created when the question changes (or `fresh`, to retry).

    `early` makes the transcriber that works on the answer while it is spoken (when the setting allows). A new
    recording drops frames until `listen` unless `listening` (a retry, when no question is being played).
    """
    holder = _holder()
    if fresh or holder.current is None or holder.current.owner != owner:
        if holder.early is not None:
            holder.early.cancel()
        holder.early = early() if early is not None and settings.recorder.early_transcription else None
        holder.current = _recording(owner, settings, holder.early, listening=listening)
        holder.started_at = time.monotonic()
        holder.listen_deadline = None
    return holder.current


def _recording(
    owner: TurnKey, settings: Settings, early: EarlyTranscript | None, *, listening: bool
) -> LiveRecording:
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
        listening=listening,
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


def start() -> None:
    """"Start the interview" was pressed: ask for the microphone now and let the questions play."""
    holder = _holder()
    holder.interview_started = True
    holder.mic_requested = True


def started() -> bool:
    """Whether "Start the interview" was pressed in this browser session (a refresh forgets it)."""
    return _holder().interview_started


def listen(owner: TurnKey) -> None:
    """The question for `owner` has been heard: its recording keeps frames from now on."""
    current = _holder().current
    if current is not None and current.owner == owner:
        current.listen()


def expect_voice(owner: TurnKey, seconds: float) -> None:
    """The question for `owner` is playing for about `seconds`: listen by then at the latest (set once)."""
    holder = _holder()
    if holder.current is not None and holder.current.owner == owner and holder.listen_deadline is None:
        holder.listen_deadline = time.monotonic() + seconds


def microphone(settings: Settings) -> bool:
    """Render the WebRTC microphone; True while it is streaming.

    Right after `start` the stream is started without a second click (`desired_playing_state=True`); once it
    plays, the component's own Stop and Start buttons are back (`None`), so the candidate can stop it.
    """
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
            desired_playing_state=True if holder.mic_requested else None,
        )
    except Exception as exc:  # the live stream is optional: every other way to answer still works
        log.warning("live microphone unavailable: %s", type(exc).__name__)
        st.info("The live microphone isn't available here. Use the Record, Upload or Type tab to answer.")
        return False
    playing = bool(context.state.playing)
    if playing or context.state.signalling:
        holder.mic_requested = False
    return playing


WAITING = "Saving, transcribing and measuring your answer…"
_SPIN = (  # a spinner drawn by CSS inside a markdown element (the fragment may hold plain elements only)
    "<style>@keyframes igym-spin{to{transform:rotate(360deg)}}"
    ".igym-spin{display:inline-block;width:0.9em;height:0.9em;margin-right:0.45em;vertical-align:-0.1em;"
    "border:2px solid rgba(128,128,128,0.35);border-top-color:#ff4b4b;border-radius:50%;"
    "animation:igym-spin 0.9s linear infinite}</style>"
    '<span class="igym-spin" role="progressbar" aria-label="Saving your answer"></span>'
)


def live_panel(
    *,
    owner: TurnKey,
    settings: Settings,
    submit: Callable[[LiveRecording], Callable[[], Any]],
    settle: Callable[[SubmitJob], None],
) -> None:
    """Level meter, timers, live transcript and counters, "Done"; submits the answer when it ends.

    Refreshed every `PANEL_POLL_S`; the transcript and counters are `igym.ui.live_nudges`. While an answer is
    being saved, or a silence may be ending it, a run waits up to `PANEL_WAIT_S` for that to happen, so the
    next question comes as soon as the answer is saved (the script thread of this browser session only is
    held, never the frame thread or the save).

    `submit(recording)` takes the answer (on the script thread) and returns the work that saves it, which runs
    on a `SubmitJob` thread while the panel shows `WAITING` with the seconds elapsed and Done disabled; then
    `settle(job)` (script thread) handles its outcome and the whole page reruns: the next question, or the same
    one listening again with why the answer was not saved.

    Every run that has a save going draws its wait *before* waiting on it or settling it, so even a quick save
    shows on the page: a run may have been interrupted by a whole-page rerun before its output left the server
    (Streamlit raises the rerun inside the next `st` call, and drops what a new run's start finds unsent).

    The fragment only ever renders plain elements, never containers or status blocks: a fragment run that
    lands while the whole page is being redrawn must not insert a block where the page now has an element
    (the browser refuses such a delta and stops updating). So the waiting status is a markdown line with a
    spinning glyph, not `st.spinner` or `st.status`.
    """
    done_key = f"igym_page_done_{owner.slug}"

    @st.fragment(run_every=PANEL_POLL_S)
    def panel() -> None:
        holder = _holder()
        job = holder.job
        if job is None or job.owner != owner:
            job = _listen(holder)
            if job is None:
                return
        _waiting(job, done_key)
        if job.wait(PANEL_WAIT_S):
            holder.job = None
            settle(job)
            st.rerun(scope="app")

    def _listen(holder: _Holder) -> SubmitJob | None:
        """The answer while it is spoken; the save it started once it has ended (None: still listening)."""
        recording = holder.current
        if recording is None or recording.owner != owner or not holder.interview_started:
            return None
        if not recording.listening and holder.listen_deadline is not None and time.monotonic() > holder.listen_deadline:
            recording.listen()  # the voice never said it ended: do not wait for ever
        snap = recording.snapshot()
        ending = snap.listening and snap.heard_speech and not snap.finished and snap.silence_s >= ENDING_SILENCE_S
        if ending:  # then show what the wait ended with: the answer's end, or the silence grown longer
            recording.wait_finished(PANEL_WAIT_S)
            snap = recording.snapshot()
        if snap.finished and snap.heard_speech:
            holder.job = SubmitJob(owner, submit(recording))
            return holder.job
        _show(snap, settings=settings, waited_s=snap.listening_s)
        early = holder.early
        live_nudges.render(snap, early.so_far() if early is not None else None, default=settings.recorder.live_nudges)
        done = st.button("Done — submit my answer", key=done_key, disabled=not snap.heard_speech)
        if done and snap.heard_speech:  # the next run (within 0.5 s) shows the wait
            recording.finish("done")
            holder.job = SubmitJob(owner, submit(recording))
        return None

    panel()


def _waiting(job: SubmitJob, done_key: str) -> None:
    st.markdown(f"{_SPIN}<b>{WAITING} {job.elapsed_s:0.0f} s</b>", unsafe_allow_html=True)
    st.button("Done — submit my answer", key=done_key, disabled=True)


def _show(snap: RecordingSnapshot, *, settings: Settings, waited_s: float) -> None:
    if not snap.listening:
        st.caption("The interviewer is speaking… I'll listen as soon as the question ends.")
        return
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
            st.caption("Listening… answer when you're ready.")
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
