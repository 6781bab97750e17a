"""How an answer is shown: verbatim text, fillers highlighted where they were said, long pauses marked."""

from __future__ import annotations

from dataclasses import replace

from igym.analysis.answer import analyze_text
from igym.models import Pause
from igym.ui.text import escape_markdown, highlighted_transcript


def test_markup_of_every_kind_is_escaped() -> None:
    raw = "<b>x</b> **y** [z](http://e) $a$ :red[b] # h `c` \\ d"
    escaped = escape_markdown(raw)
    assert all(f"\\{ch}" in escaped for ch in "<>*[]()$:#`")
    assert escaped.replace("\\", "") == raw.replace("\\", "")


def test_fillers_are_highlighted_but_the_verb_like_is_not() -> None:
    answer = "Um, I like Go, and, you know, we shipped it."
    shown = highlighted_transcript(answer, analyze_text(answer))
    assert ":orange-badge[Um\\,]" in shown
    assert ":orange-badge[you] :orange-badge[know\\,]" in shown
    assert "I like Go" in shown.replace("\\", "")  # "I like" is a verb here, left plain


def test_long_pauses_are_marked_before_the_word_that_follows_them() -> None:
    answer = "I rebuilt the pipeline. Then we cut failures in half."
    starts: list[float | None] = [0.2, 0.4, 0.8, 1.0, 5.1, 5.4, 5.6, 5.9, 6.1, 6.3]
    metrics = replace(
        analyze_text(answer), word_starts=starts, pauses=[Pause(1.6, 5.0), Pause(6.15, 6.25)], duration_s=7.0
    )
    shown = highlighted_transcript(answer, metrics)
    assert shown.count("pause]") == 1  # the 0.1 s gap is not marked
    assert "pipeline\\. :gray-badge[⏸ 3.4 s pause] Then" in shown


def test_without_word_timings_no_pause_is_placed() -> None:
    answer = "I rebuilt the pipeline. Then we cut failures in half."
    metrics = replace(analyze_text(answer), pauses=[Pause(1.6, 5.0)], duration_s=7.0)
    assert "pause]" not in highlighted_transcript(answer, metrics)


def test_every_pause_the_delivery_figures_count_is_marked_in_the_transcript() -> None:
    answer = "I rebuilt the pipeline. Then we cut failures in half and shipped it on Friday."
    starts: list[float | None] = [0.0, 0.3, 0.6, 2.1, 2.4, 2.7, 3.0, 4.8, 5.1, 5.4, 5.7, 8.5, 8.8, 9.1, 9.4]
    pauses = [Pause(0.9, 2.1), Pause(3.3, 4.8), Pause(6.0, 8.5)]  # 1.2, 1.5 and 2.5 s
    metrics = replace(analyze_text(answer), word_starts=starts, pauses=pauses, duration_s=20.0)
    shown = highlighted_transcript(answer, metrics, min_pause_s=1.0)  # the pause_min_s setting's default
    assert metrics.pause_count == 3 and shown.count("pause]") == 3
