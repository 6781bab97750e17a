"""Filler highlights are readable and visible: WCAG AA contrast, computed from the theme the app ships."""

from __future__ import annotations

import tomllib
from pathlib import Path

from igym.analysis.answer import analyze_text
from igym.ui.text import highlighted_transcript
from tests.support.contrast import contrast

CONFIG = Path(__file__).resolve().parents[2] / ".streamlit" / "config.toml"
# Streamlit 1.67's light-theme defaults for what config.toml leaves unset (see `streamlit config show`)
DEFAULTS = {"backgroundColor": "#ffffff", "orangeBackgroundColor": "#fff6ed", "orangeTextColor": "#9b4519"}


def _theme() -> dict[str, str]:
    theme = tomllib.loads(CONFIG.read_text(encoding="utf-8")).get("theme", {})
    return DEFAULTS | {k: v for k, v in theme.items() if isinstance(v, str)}


def test_fillers_are_drawn_as_orange_badges() -> None:
    answer = "Um, I think, uh, we shipped it."
    shown = highlighted_transcript(answer, analyze_text(answer))
    assert ":orange-badge[Um\\,]" in shown


def test_a_filler_word_reads_on_its_highlight_at_aa_contrast() -> None:
    theme = _theme()
    assert contrast(theme["orangeTextColor"], theme["orangeBackgroundColor"]) >= 4.5


def test_the_highlight_stands_out_from_the_page_at_aa_contrast() -> None:
    theme = _theme()
    assert contrast(theme["orangeBackgroundColor"], theme["backgroundColor"]) >= 4.5
