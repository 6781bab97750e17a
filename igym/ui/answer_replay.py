"""One answer's replay on the feedback page: the clickable timeline, the recording, and the filler-free cut.

Clicking a mark on the timeline (Plotly selection, `on_select="rerun"`) reruns the page with the mark's start
in the chart's state; the recording is then rendered with that `start_time` and autoplay, so it plays from
that moment. "Hear it without fillers" decodes the stored recording once, cuts its fillers and long pauses
(`igym.audio.cuts`) and keeps the encoded result in this browser session's state, so later reruns don't
decode again. Storage failures become a caption, never a traceback.
"""

from __future__ import annotations

import streamlit as st

from igym.audio import SAMPLE_RATE, decode_audio, encode_ogg_opus
from igym.audio.cuts import filler_free_spans, without_fillers
from igym.errors import AudioError, IgymError, NotFound
from igym.feedback.service import TranscriptItem
from igym.feedback.timeline import start_from, timeline_figure
from igym.services import AppServices

RECORDING_GONE = "The recording of this answer is no longer available."
RECORDING_UNREACHABLE = (
    "The recording of this answer can't be reached right now (file storage isn't answering); it is kept, "
    "so try again in a moment."
)


def recording_problem(exc: Exception) -> str:
    """What to say when a recording cannot be played: gone only when storage says so, else unreachable for now."""
    return RECORDING_GONE if isinstance(exc, NotFound | FileNotFoundError) else RECORDING_UNREACHABLE


def render_answer_replay(app: AppServices, item: TranscriptItem, *, key: str) -> None:
    """The timeline (when the answer has timings), then the recording (when one is stored) and its cut."""
    start = 0.0
    figure = timeline_figure(item.metrics) if item.metrics is not None else None
    if figure is not None:
        state = st.plotly_chart(
            figure, key=f"timeline_{key}", on_select="rerun", selection_mode="points",
            config={"displayModeBar": False},
        )
        start = start_from(state.selection.points) or 0.0
    if not item.audio_key:
        return
    _recording(app, item.audio_key, start_s=start)
    if item.metrics is not None and filler_free_spans(item.metrics):
        _filler_free(app, item, key=key)


def _recording(app: AppServices, audio_key: str, *, start_s: float) -> None:
    """Replay from storage: a short-lived signed URL where the store has one, else the stored bytes."""
    try:
        url = app.files.signed_url(audio_key, expires_in=app.settings.signed_url_ttl_s)
        source = url if url else app.files.get(audio_key)
    except (IgymError, OSError) as exc:
        st.caption(recording_problem(exc))
        return
    if start_s > 0:
        st.caption(f"Playing from {int(start_s)} s (the mark you clicked).")
    st.audio(source, format="audio/ogg", start_time=int(start_s), autoplay=start_s > 0)


def _filler_free(app: AppServices, item: TranscriptItem, *, key: str) -> None:
    cache_key = f"filler_free_{item.audio_key}"
    if cache_key not in st.session_state:
        if not st.button("Hear it without fillers", key=f"filler_free_{key}", icon=":material/content_cut:"):
            return
        assert item.audio_key is not None and item.metrics is not None
        try:
            with st.spinner("Cutting the fillers out of your recording…"):
                decoded = decode_audio(app.files.get(item.audio_key), max_seconds=app.settings.max_answer_seconds)
                cut = without_fillers(decoded.samples, sample_rate=SAMPLE_RATE, metrics=item.metrics)
                st.session_state[cache_key] = encode_ogg_opus(cut)
        except (IgymError, OSError) as exc:
            st.caption(recording_problem(exc) if not isinstance(exc, AudioError) else str(exc))
            return
    st.caption("Without fillers: the same answer with its filler sounds and pauses over 1 s cut out.")
    st.audio(st.session_state[cache_key], format="audio/ogg")
