"""The feedback page's compact "Language and voice" section: hedges, repeats, inclusive terms, pitch, pace.

`answer_delivery_lines(metrics)` words one answer's new measures (issue 19) as short lines, and
`render_answer_delivery(metrics)` shows them under that answer's transcript; `render_session_voice(items)`
sums the session up once. All candidate words go through `escape_markdown`. Only reads stored metrics: safe
to call on every rerun.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import streamlit as st

from igym.analysis.prosody import MONOTONE_SD_ST
from igym.feedback.service import TranscriptItem
from igym.models import AnswerMetrics, PaceWindow
from igym.ui.text import escape_markdown

__all__ = ["answer_delivery_lines", "render_answer_delivery", "render_session_voice"]


def answer_delivery_lines(metrics: AnswerMetrics) -> list[str]:
    """One answer's hedges, repeated phrases, inclusive-language hints, voice and pace, as markdown lines."""
    lines: list[str] = []
    if metrics.hedges:
        kinds = Counter(h.kind for h in metrics.hedges).most_common()
        shown = ", ".join(f"“{escape_markdown(k)}”" + (f" ×{n}" if n > 1 else "") for k, n in kinds)
        lines.append(f"Hedges and weak words: {len(metrics.hedges)} ({shown})")
    if metrics.repeated:
        shown = ", ".join(f"“{escape_markdown(r.phrase)}” ×{r.count}" for r in metrics.repeated)
        lines.append(f"Most repeated: {shown}")
    for hit in metrics.inclusive:
        lines.append(f"Consider “{escape_markdown(hit.suggestion)}” instead of “{escape_markdown(hit.term)}”")
    prosody = metrics.prosody
    if prosody is not None:
        tone = "monotone — vary your pitch" if prosody.monotone else "varied"
        lines.append(
            f"Voice: pitch {tone} ({prosody.pitch_sd_st:.1f} semitones spread, {prosody.pitch_range_st:.0f} st "
            f"range), loudness varies {prosody.loudness_sd_db:.1f} dB"
        )
    pace = _pace_line(metrics.pace_windows)
    if pace:
        lines.append(pace)
    return lines


def _pace_line(windows: Sequence[PaceWindow]) -> str | None:
    if len(windows) < 2:
        return None
    fastest = max(windows, key=lambda w: w.words_per_minute)
    slowest = min(windows, key=lambda w: w.words_per_minute)
    steps = " → ".join(f"{w.words_per_minute:.0f}" for w in windows)
    return (
        f"Pace per {windows[0].end_s - windows[0].start_s:.0f} s: {steps} WPM (fastest {fastest.start_s:.0f}–"
        f"{fastest.end_s:.0f} s, slowest {slowest.start_s:.0f}–{slowest.end_s:.0f} s)"
    )


def render_answer_delivery(metrics: AnswerMetrics | None) -> None:
    """The answer's language-and-voice lines as one caption (nothing when there is nothing to say)."""
    lines = answer_delivery_lines(metrics) if metrics is not None else []
    if lines:
        st.caption("  \n".join(lines))


def render_session_voice(items: Sequence[TranscriptItem]) -> None:
    """Hedges per hundred words, monotone answers and inclusive-language hints over the session."""
    measured = [i.metrics for i in items if i.metrics is not None and i.metrics.word_count > 0]
    if not measured:
        return
    words = sum(m.word_count for m in measured)
    hedges = sum(len(m.hedges) for m in measured)
    voiced = [m.prosody for m in measured if m.prosody is not None]
    st.subheader("Language and voice")
    cols = st.columns(3)
    cols[0].metric("Hedges per 100 words", f"{100 * hedges / words:.1f}")
    cols[1].metric(
        "Monotone answers", f"{sum(p.monotone for p in voiced)} of {len(voiced)}" if voiced else "—",
    )
    cols[2].metric("Inclusive-language hints", f"{sum(len(m.inclusive) for m in measured)}")
    st.caption(
        "Hedges (“I think”, “maybe”, “just”) soften claims you should own; a pitch spread under "
        f"{MONOTONE_SD_ST:g} semitones sounds flat. Each answer below lists its own."
    )
