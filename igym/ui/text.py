"""Candidate and model text rendered safely in Streamlit markdown, with fillers highlighted and pauses marked.

Everything a candidate said or a model wrote is data. Streamlit's markdown would otherwise interpret it:
`**`, links, `:red[...]` directives, `$…$` maths and raw HTML. `escape_markdown` backslash-escapes every ASCII
punctuation character (CommonMark allows escaping any of them), so the text shows exactly as typed — a
`<script>` tag appears as the characters "<script>". Highlighting then wraps whole escaped tokens in
Streamlit's own directives, never the other way round. Pure functions; no Streamlit import.
"""

from __future__ import annotations

import re
import string

from igym.models import AnswerMetrics

_PUNCTUATION = re.compile("([" + re.escape(string.punctuation) + "])")
# Filler highlights are Streamlit badges in the orange palette, set in .streamlit/config.toml ([theme]
# orangeBackgroundColor, orangeTextColor) to white on dark orange, WCAG AA contrast (tests check the ratio).
FILLER_HIGHLIGHT = "orange-badge"
UNCLEAR_LABEL = "unclear speech"


def escape_markdown(text: str) -> str:
    """Text that Streamlit's markdown shows verbatim (no markup, links, HTML, maths or directives)."""
    return _PUNCTUATION.sub(r"\\\1", text).replace("\n", "  \n")


def _bare(token: str) -> str:
    return re.sub(r"[^\w']", "", token.lower())


def highlighted_transcript(answer: str, metrics: AnswerMetrics | None, *, min_pause_s: float = 1.0) -> str:
    """Markdown of an answer with filler words highlighted and pauses of `min_pause_s`+ marked in place.

    Pass the `pause_min_s` setting, the threshold the pause counts were measured with, so the marks and the
    Delivery figures count the same pauses.

    Fillers are located by their word index and checked against the token there (a mismatch — an older or
    re-punctuated transcript — leaves that token unhighlighted rather than marking the wrong word). Pauses are
    placed before the first word that starts after the pause ends; without word timings (typed answers, older
    answers) no markers are placed. Unclear speech (heard, but no words even on a second try) is marked the
    same way, before the first word that starts after it, or at the end; it is marked even without word
    timings (then at the end), so a stretch the transcript lacks is never hidden.
    """
    tokens = answer.split()
    marked = [False] * len(tokens)
    pauses_before: dict[int, float] = {}
    unclear_before: dict[int, list[float]] = {}
    if metrics is not None:
        for hit in metrics.fillers:
            width = len(hit.text.split()) or 1
            span = tokens[hit.word_index : hit.word_index + width]
            if _bare(" ".join(span)).replace(" ", "") == _bare(hit.text).replace(" ", ""):
                for n in range(hit.word_index, hit.word_index + len(span)):
                    marked[n] = True
        starts = metrics.word_starts
        if len(starts) == len(tokens):
            for pause in metrics.pauses:
                if pause.duration_s < min_pause_s:
                    continue
                after = next((n for n, t in enumerate(starts) if t is not None and t >= pause.end_s - 0.05), None)
                if after is not None:
                    pauses_before[after] = max(pauses_before.get(after, 0.0), pause.duration_s)
        for unclear in metrics.unclear_speech:
            after = None
            if len(starts) == len(tokens):
                after = next((n for n, t in enumerate(starts) if t is not None and t >= unclear.end_s - 0.05), None)
            unclear_before.setdefault(len(tokens) if after is None else after, []).append(unclear.duration_s)
    parts: list[str] = []
    for n, token in enumerate(tokens):
        parts.extend(_unclear_marks(unclear_before.get(n, [])))
        if n in pauses_before:
            parts.append(f":gray-badge[⏸ {pauses_before[n]:.1f} s pause]")
        safe = escape_markdown(token)
        parts.append(f":{FILLER_HIGHLIGHT}[{safe}]" if marked[n] else safe)
    parts.extend(_unclear_marks(unclear_before.get(len(tokens), [])))
    return " ".join(parts)


def _unclear_marks(durations: list[float]) -> list[str]:
    return [f":violet-badge[{UNCLEAR_LABEL}, {d:.1f} s]" for d in durations]
