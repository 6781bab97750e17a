"""The insight card between questions: a compact look at the answer just given, and the switch that hides it.

The card is computed by `igym.feedback.insight.insight_card` (pure, milliseconds) from the analysis the
engine stored with the answer, and drawn after the next question, so it never delays it. Whether it shows is
the candidate's choice for this browser session (a toggle), starting from the `insight_card` setting
(`IGYM_INSIGHT_CARD`). Points come from our own rubric wording and are escaped anyway; nothing the candidate
said is rendered as markdown.
"""

from __future__ import annotations

import streamlit as st

from igym.config import Settings
from igym.feedback.insight import InsightCard, insight_card
from igym.interview.types import InterviewState
from igym.ui.text import escape_markdown

_SHOW = "igym_page_insight_card"


def last_answer_card(state: InterviewState) -> InsightCard | None:
    """The card for the most recent answer, while the interview waits for the next one (else None)."""
    if not state.awaiting_answer or len(state.turns) < 3:
        return None
    answer, asked = state.turns[-2], state.turns[-3]
    if answer.role != "candidate" or answer.metrics is None or asked.role != "interviewer":
        return None
    return insight_card(question=asked.content, answer=answer.content, metrics=answer.metrics,
                        kind=asked.kind or "question")


def wants_cards(settings: Settings) -> bool:
    """The candidate's choice in this browser session, defaulting to the setting."""
    return bool(st.session_state.get(_SHOW, settings.insight_card))


def card_switch(settings: Settings) -> None:
    st.toggle("Quick feedback after each answer", value=wants_cards(settings), key=_SHOW,
              help="A short card with fillers, pace and one thing to keep and one to change.")


def show_card(card: InsightCard) -> None:
    with st.container(border=True, key="igym_page_insight"):
        st.caption("Quick look at your last answer")
        fillers, pace = st.columns(2)
        per_minute = f" ({card.fillers_per_minute:.1f}/min)" if card.fillers_per_minute is not None else ""
        fillers.markdown(f"{_mark(card.fillers_ok)} **Fillers:** {card.fillers}{per_minute}")
        if card.words_per_minute is None:
            pace.markdown("**Pace:** typed answer, no pace")
        else:
            pace.markdown(f"{_mark(bool(card.pace_ok))} **Pace:** {card.words_per_minute} words/min "
                          "(aim for 120–150)")
        st.markdown(f"**Worked:** {escape_markdown(card.worked)}  \n**Change:** {escape_markdown(card.change)}")


def _mark(ok: bool) -> str:
    """An icon Streamlit draws from its own font (emoji fonts are missing on some machines)."""
    return ":green[:material/check_circle:]" if ok else ":red[:material/warning:]"  # orange is the filler badge
