"""Widgets of the interview page: the conversation, the answer inputs, and submitting an answer.

Everything a user or a model said is rendered with `st.text` or as a chat message's plain text, never as
markdown or HTML. Submitting goes through `submit_*`, which shows progress while the answer is stored,
transcribed and analysed, turns igym errors into a message, and tells the page whether to rerun.

Every submit names the turn it answers (`TurnKey`). The recorded, uploaded and typed answers are handed over
by widget callbacks whose arguments were bound when the question was drawn, so a tab left open on an old
question submits *that* question's key even though the run it triggers reads the newer state; the engine
then refuses it ("This question was already answered…") instead of saving it to a question the tab never
showed, and a refused typed answer is put back in the box for the question now on screen, so nothing typed
is lost. The live recorder's submit carries its recording's owner key the same way.

A submit or a spoken question served by an offline provider (Groq failed for it, or its breaker is open)
leaves its notice in this browser session's state (`igym.notices`); `provider_notices` hands the
page those, once, with the notices of breakers open right now. Other candidates' fallbacks never show here.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import streamlit as st

from igym import notices
from igym.errors import IgymError
from igym.interview.types import InterviewState, Turn, TurnOutcome
from igym.live.recording import LiveRecording
from igym.live.turn_key import TurnKey
from igym.services import AppServices
from igym.ui import bootstrap, recorder, voice
from igym.ui.widgets import PAGES, show_error

AUDIO_TYPES = ["wav", "webm", "ogg", "opus", "mp3", "m4a", "flac", "mp4"]
_NOTICES = "igym_page_provider_notices"


@contextmanager
def _noting_fallbacks() -> Iterator[None]:
    """Keep the notices of this browser session's calls that were served offline, for the next page run."""
    with notices.collect() as found:
        try:
            yield
        finally:
            if found:
                kept = st.session_state.setdefault(_NOTICES, [])
                kept.extend(n for n in found if n not in kept)


def provider_notices(app: AppServices) -> list[str]:
    """What this candidate is told about offline providers: their own requests' fallbacks (once), then open breakers."""
    shown: list[str] = list(st.session_state.pop(_NOTICES, None) or [])
    return shown + [n for n in app.provider_notices() if n not in shown]


def metrics_caption(turn: Turn) -> str:
    m = turn.metrics
    if m is None:
        return ""
    parts = [f"{m.word_count} words", f"{m.filler_count} filler" + ("" if m.filler_count == 1 else "s")]
    if m.words_per_minute is not None:
        parts.append(f"{m.words_per_minute:.0f} words/min")
    if m.pause_count is not None:
        parts.append(f"{m.pause_count} pause" + ("" if m.pause_count == 1 else "s"))
    if m.response_latency_s is not None:
        parts.append(f"started after {m.response_latency_s:.1f} s")
    if m.unclear_speech:
        parts.append(f"{len(m.unclear_speech)} unclear")
    return " · ".join(parts)


def conversation(state: InterviewState, *, include_current: bool = True) -> None:
    """Every turn so far, oldest first; without the question being answered when `include_current` is off."""
    turns = state.turns if include_current or not state.awaiting_answer else state.turns[:-1]
    for turn in turns:
        is_interviewer = turn.role == "interviewer"
        with st.chat_message("assistant" if is_interviewer else "user", avatar=None):
            if is_interviewer and turn.kind == "follow_up":
                st.caption("Follow-up")
            st.text(turn.content)
            if not is_interviewer:
                caption = metrics_caption(turn)
                if caption:
                    st.caption(caption)


def progress(state: InterviewState) -> None:
    current = min(state.answered + 1, state.planned)
    label = f"Exchange {current} of {state.planned}" if state.awaiting_answer else "Interview finished"
    st.progress(min(1.0, state.answered / max(1, state.planned)), text=label)


def _run(action: Callable[[], TurnOutcome], label: str) -> bool:
    try:
        with st.status(label, expanded=False) as status, _noting_fallbacks():
            action()
            status.update(label="Answer saved", state="complete")
    except IgymError as exc:
        show_error(exc)
        return False
    return True


def submit_audio(app: AppServices, *, turn: TurnKey, data: bytes) -> bool:
    """Save a recorded or uploaded answer to the question `turn` names (refused if it was answered since)."""
    return _run(
        lambda: app.engine.answer_audio(
            user_id=turn.user_id, session_id=turn.session_id, data=data, turn_index=turn.turn_index
        ),
        "Saving, transcribing and measuring your answer…",
    )


def submit_text(app: AppServices, *, turn: TurnKey, text: str) -> bool:
    """Save a typed answer to the question `turn` names (refused if it was answered since)."""
    return _run(
        lambda: app.engine.answer_text(
            user_id=turn.user_id, session_id=turn.session_id, text=text, turn_index=turn.turn_index
        ),
        "Saving and measuring your answer…",
    )


def current_turn(state: InterviewState, *, user_id: uuid.UUID) -> TurnKey:
    """The key of the question on screen: live recordings and per-question widgets are tied to it."""
    return TurnKey(user_id, state.session.id, len(state.turns))


def submit_live(app: AppServices, recording: LiveRecording, *, owner: TurnKey) -> Callable[[], list[str]]:
    """Take a live recording's answer (script thread); the work that saves it to the question `owner` names.

    The work runs on the panel's `SubmitJob` thread: it calls the engine only (no `st.*`), which refuses a
    stale key (a question answered since, in another tab or before a refresh), and returns the provider notices
    its calls left. `settle_live` handles the outcome on the script thread.
    """
    samples = recording.take()
    early = recorder.early_transcript(owner)

    def work() -> list[str]:
        with notices.collect() as found:
            app.engine.answer_samples(
                user_id=owner.user_id,
                session_id=owner.session_id,
                samples=samples,
                early=early,
                turn_index=owner.turn_index,
            )
        return list(found)

    return work


def settle_live(app: AppServices, job: recorder.SubmitJob, *, owner: TurnKey) -> None:
    """The outcome of a live answer's save: the notices kept when saved; on an igym error, say so and listen again."""
    try:
        found = job.result()
    except IgymError as exc:  # e.g. no speech heard: say so, and listen again for the same question
        fresh = recorder.arm(owner, app.settings, fresh=True, early=app.engine.early_transcript, listening=True)
        fresh.note_problem(str(exc))
        return
    if found:
        kept = st.session_state.setdefault(_NOTICES, [])
        kept.extend(n for n in found if n not in kept)
    recorder.disarm(owner)


def live_answer_placeholder() -> None:
    """Where `live_answer` was, once the interview no longer waits for an answer: the same shape, empty.

    The live panel is a `run_every` fragment. One auto-run may still be on its way when the last answer
    completes the interview, and Streamlit then delivers its output to the panel's old place: inside the
    third block of the page, after the question and the microphone. If that place is missing the browser
    refuses the delta ("Bad delta path index") and stops updating the page, so it is kept: a block holding
    three empty slots. The late run draws nothing there, because the saved answer's recording is disarmed.
    """
    with st.container():
        st.empty()  # the question
        st.empty()  # the interviewer's voice
        st.empty()  # the microphone


VOICE_MARGIN_S = 8.0  # listen at the latest this long after the question's own length, if its end is not reported


def live_answer(app: AppServices, state: InterviewState, *, user_id: uuid.UUID) -> None:
    """The question, the interviewer's voice, the live microphone and its panel.

    One step starts the interview in this browser session: "Start the interview" (a click in the page, so the
    browser lets the question play) starts the microphone and plays the question; listening starts when the
    question has played to its end, so the interviewer's voice is not recorded into the answer.

    Call this at the same place on every run of the page (before anything whose presence varies): a
    Streamlit component that moves in the page is mounted afresh, which would stop the WebRTC stream at
    every new question. Inside, the slots keep their places: question (varies), voice, microphone, panel.
    """
    owner = current_turn(state, user_id=user_id)
    with st.container(border=True):
        question_slot = st.container()  # varies inside; its siblings keep their places
        recording = recorder.arm(owner, app.settings, early=app.engine.early_transcript)
        with question_slot:
            if not bootstrap.warmup().ready:
                st.info("The interviewer is getting ready (loading the speech models)… you can start in a moment.")
            current = state.turns[-1]
            st.caption("Follow-up" if current.kind == "follow_up" else f"Question · exchange {state.answered + 1}")
            with st.chat_message("assistant"):
                st.text(current.content)
            audio = _voice_bytes(app, state, state.current_prompt)
            if not recorder.started():
                st.caption("The interviewer asks each question out loud, then listens to your answer.")
                if st.button("Start the interview", type="primary", icon=":material/mic:",
                             key=f"igym_page_start_{state.session.id}"):
                    recorder.start()
                    st.rerun()  # the page without the button; the click has let the browser play audio
            else:
                st.caption("Answer out loud once the question ends: just talk. A pause ends your answer.")
        if recorder.started() and audio:
            report = voice.report_for(voice.question_voice(audio, turn=owner.slug), owner.slug)
            recorder.expect_voice(owner, voice.wav_seconds(audio) + VOICE_MARGIN_S)
            if report is not None:  # ended, or the browser refused to play it / it can't play: don't wait
                recorder.listen(owner)
        else:
            st.empty()
            if recorder.started():
                recording.listen()  # no voice to wait for (it failed): the text is on screen
        if recorder.started():
            recorder.microphone(app.settings)
        else:
            st.empty()  # no microphone is asked for before the candidate starts
        recorder.live_panel(
            owner=owner,
            settings=app.settings,
            submit=lambda rec: submit_live(app, rec, owner=owner),
            settle=lambda job: settle_live(app, job, owner=owner),
        )


_SUBMITTED = "igym_page_submitted"  # (kind, TurnKey, payload) handed over by a submit widget's callback


def _hand_over(kind: str, turn: TurnKey, widget_key: str) -> None:
    """Widget callback: queue what was submitted with the turn bound when its widget was drawn."""
    value = st.session_state.get(widget_key)
    if kind == "text":
        st.session_state[_SUBMITTED] = (kind, turn, str(value or ""))
    elif value is not None:
        st.session_state[_SUBMITTED] = (kind, turn, value.getvalue())


def answer_inputs(app: AppServices, state: InterviewState, *, user_id: uuid.UUID) -> bool:
    """Record, upload or type the answer to the current question; True when one was saved."""
    current = current_turn(state, user_id=user_id)
    turn_key = current.slug  # fresh widgets for every question
    text_key = f"igym_page_text_{turn_key}"
    submitted = st.session_state.pop(_SUBMITTED, None)
    if submitted is not None:
        kind, turn, payload = submitted
        saved = (
            submit_text(app, turn=turn, text=payload) if kind == "text" else submit_audio(app, turn=turn, data=payload)
        )
        if saved:
            return True
        if kind == "text" and turn != current and text_key not in st.session_state:
            st.session_state[text_key] = payload  # refused as stale: keep it for the question now on screen
    record_tab, upload_tab, type_tab = st.tabs(["Record", "Upload a recording", "Type"])
    with record_tab:
        rec_key = f"igym_page_rec_{turn_key}"
        st.audio_input(
            "Record your answer, then stop to submit",
            key=rec_key,
            on_change=_hand_over,
            args=("audio", current, rec_key),
        )
    with upload_tab:
        up_key = f"igym_page_up_{turn_key}"
        upload = st.file_uploader("An audio file of your answer", type=AUDIO_TYPES, key=up_key)
        if upload is not None:
            st.button(
                "Submit recording",
                key=f"igym_page_up_btn_{turn_key}",
                on_click=_hand_over,
                args=("upload", current, up_key),
            )
    with type_tab, st.form(f"igym_page_type_form_{turn_key}"):
        st.text_area(
            "Your answer",
            key=text_key,
            height=180,
            max_chars=app.settings.max_answer_chars,
            placeholder="Answer as you would out loud. Typed answers get word, filler and structure feedback.",
        )
        st.form_submit_button("Submit answer", type="primary", on_click=_hand_over, args=("text", current, text_key))
    return False


def speak_closing_line(app: AppServices, state: InterviewState) -> None:
    """Play the wrap-up line of a completed interview, once (then the player stays as the replay button)."""
    _speak(app, state, state.closing_line)


def feedback_button(state: InterviewState) -> None:
    """The way to the feedback at the end of an interview: one primary, full-width button."""
    if st.button("See your feedback", type="primary", icon=":material/reviews:", use_container_width=True,
                 key=f"igym_page_feedback_{state.session.id}"):
        st.switch_page(PAGES["feedback"], query_params={"session": str(state.session.id)})


def _voice_bytes(app: AppServices, state: InterviewState, line: str | None) -> bytes | None:
    """The WAV of `line` for the turn on screen, synthesized once per turn and kept in the session's state."""
    if line is None:
        return None
    key = f"igym_page_voice_{state.session.id}_{len(state.turns)}"
    for stale in [k for k in st.session_state if str(k).startswith("igym_page_voice_") and not str(k).startswith(key)]:
        del st.session_state[stale]  # only the current question's audio is kept (≈0.5 MB each)
    if key not in st.session_state:
        try:
            with st.spinner("The interviewer is about to speak…"), _noting_fallbacks():
                st.session_state[key] = app.speaker.synthesize(line).data
        except IgymError as exc:
            st.session_state[key] = None
            st.caption(f"The interviewer's voice is unavailable ({exc}); read the question above.")
    audio = st.session_state.get(key)
    return audio if isinstance(audio, bytes) and audio else None


def _speak(app: AppServices, state: InterviewState, line: str | None) -> None:
    audio = _voice_bytes(app, state, line)
    if audio:
        key = f"igym_page_voice_{state.session.id}_{len(state.turns)}"
        first_play = not st.session_state.get(f"{key}_played")
        st.audio(audio, format="audio/wav", autoplay=first_play)
        st.session_state[f"{key}_played"] = True
