"""The interviewer's voice on the interview page: a small component that plays a question once, to its end.

`st.audio(autoplay=...)` restarted or paused the question whenever a rerun changed or remounted the element
(clicking "Start microphone" reset it to 0:00). This component (static `question_voice/index.html`, no build)
keeps one iframe for the whole interview (one key; Streamlit keeps a keyed component's identity when its
arguments change), plays each turn's audio once when the turn first arrives, ignores reruns with the same
turn, and reports back when the question has ended, so the page starts listening only then.

Its value is the last report: ``{"turn": slug, "ended": True}``, ``{"turn": slug, "blocked": reason}`` (the
browser refused to play; the component then shows "Play the question"), or ``{"turn": slug, "error": ...}``;
None before any report. The audio is served by Streamlit's media file manager (same bytes, same address), so
a rerun sends a short address, not the WAV.
"""

from __future__ import annotations

import base64
import io
import wave
from pathlib import Path
from typing import Any

import streamlit.components.v1 as components
from streamlit import runtime

_COMPONENT = components.declare_component("igym_question_voice", path=str(Path(__file__).parent / "question_voice"))
KEY = "igym_page_question_voice"


def wav_seconds(data: bytes) -> float:
    """How long a WAV plays; 0 when it can't be read."""
    try:
        with wave.open(io.BytesIO(data)) as wav:
            return wav.getnframes() / float(wav.getframerate() or 1)
    except (wave.Error, EOFError):
        return 0.0


def _address(data: bytes, turn: str) -> str:
    if runtime.exists():
        return runtime.get_instance().media_file_mgr.add(data, "audio/wav", f"igym_question_voice.{turn}")
    return "data:audio/wav;base64," + base64.b64encode(data).decode("ascii")  # bare mode (tests)


def question_voice(data: bytes, *, turn: str) -> dict[str, Any] | None:
    """Play `data` (a WAV) once for the turn `turn`; the component's last report, or None."""
    value = _COMPONENT(src=_address(data, turn), turn=turn, autoplay=True, key=KEY, default=None)
    return value if isinstance(value, dict) else None


def report_for(value: dict[str, Any] | None, turn: str) -> str | None:
    """What the component said about `turn`: "ended", "blocked", "error", or None (nothing yet / another turn)."""
    if value is None or value.get("turn") != turn:
        return None
    if value.get("ended"):
        return "ended"
    if value.get("blocked"):
        return "blocked"
    return "error" if value.get("error") else None
