"""Live transcript and nudges while the candidate speaks (like a rehearsal coach), with a toggle to hide them.

Under the level meter, on each run of the live panel: the text of the stretches transcribed so far (early
transcription, `igym.live.early_transcription.EarlyTranscript.so_far`), then one line of counters — fillers so
far (`igym.analysis.fillers`), the pace of the last 20 s transcribed against the 120–150 WPM band, and the
silence timer with the wait that would end the answer now (`igym.live.end_of_turn`).

The candidate's words are user speech: they are rendered with `st.text` (plain, never markdown). The panel is
a `run_every` fragment, which must hold plain elements only and the same ones on every run (see
`igym.ui.recorder.live_panel`), so this always renders exactly: a toggle, a text, a text — the two texts empty
when the nudges are hidden or there is nothing yet.

The toggle's choice is kept per browser session under `NUDGES_PREF` (a plain session-state key, so it outlives
the widget between questions); it starts from the `IGYM_RECORDER_LIVE_NUDGES` setting (on).
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from igym.analysis.fillers import count_words, find_fillers
from igym.analysis.tokens import TokenizedWords, tokenized
from igym.live.recording import RecordingSnapshot
from igym.models import Transcript

NUDGES_PREF = "igym_pref_live_nudges"
TOGGLE_KEY = "igym_page_live_nudges_toggle"
PACE_WINDOW_S = 20.0
PACE_BAND = (120, 150)
_MIN_PACE_S = 5.0  # below this much speech the pace says nothing yet
_TRANSCRIPT_CHARS = 600  # the live view shows the end of a long answer


@dataclass(frozen=True, slots=True)
class Nudges:
    """What the live view shows: plain strings, computed without Streamlit (unit-testable)."""

    transcript: str
    fillers: int
    pace_wpm: float | None
    counters: str


def nudges(snap: RecordingSnapshot, so_far: Transcript | None) -> Nudges:
    """The live transcript and the counters line for the recording `snap` and its early transcript so far."""
    words = tokenized(list(so_far.words)) if so_far is not None else tokenized([])
    text = so_far.text.strip() if so_far is not None else ""
    if len(text) > _TRANSCRIPT_CHARS:
        text = "…" + text[-_TRANSCRIPT_CHARS:].split(" ", 1)[-1]
    fillers = len(find_fillers(words))
    pace = _pace(words, end_s=so_far.duration_s or 0.0) if so_far is not None else None
    low, high = PACE_BAND
    if pace is None:
        pace_note = "pace: not yet"
    else:
        verdict = "in the band" if low <= pace <= high else ("slow" if pace < low else "fast")
        pace_note = f"pace (last {PACE_WINDOW_S:.0f} s) {pace:.0f} wpm — {verdict}, aim {low}–{high}"
    silence = f"silence {snap.silence_s:0.1f} s of {snap.stop_after_s:0.1f} s" if snap.silence_s >= 0.3 else "speaking"
    counters = f"Fillers so far: {fillers} · {pace_note} · {silence}"
    return Nudges(transcript=text, fillers=fillers, pace_wpm=pace, counters=counters)


def _pace(words: TokenizedWords, *, end_s: float) -> float | None:
    """Words per minute over the last `PACE_WINDOW_S` seconds that are transcribed (None: too little speech)."""
    timed = [w.start for w in words.words if w.start is not None]
    if not timed:
        return None
    start_s = max(min(timed), end_s - PACE_WINDOW_S)
    span = end_s - start_s
    if span < _MIN_PACE_S:
        return None
    recent = words.select(n for n, w in enumerate(words.words) if w.start is not None and w.start >= start_s)
    return round(count_words(recent) / span * 60, 1)


def shown(default: bool) -> bool:
    """Whether this browser session shows the nudges (its choice, else the setting's default)."""
    return bool(st.session_state.get(NUDGES_PREF, default))


def _keep_choice() -> None:
    st.session_state[NUDGES_PREF] = bool(st.session_state.get(TOGGLE_KEY))


def render(snap: RecordingSnapshot | None, so_far: Transcript | None, *, default: bool) -> None:
    """The toggle and the two plain lines; always these three elements, whatever the state."""
    on = st.toggle(
        "Live transcript and counters",
        value=shown(default),
        key=TOGGLE_KEY,
        on_change=_keep_choice,
        help="The words heard so far, fillers, pace and the silence timer while you speak. Hide them if they distract.",
    )
    view = nudges(snap, so_far) if on and snap is not None and snap.frames else None
    st.text(view.transcript if view is not None else "")
    st.text(view.counters if view is not None else "")
