import uuid

import streamlit as st

from igym.errors import DatabaseUnavailable, IgymError
from igym.ui.insight import card_switch, last_answer_card, show_card, wants_cards
from igym.ui.interview import (
    answer_inputs,
    conversation,
    feedback_button,
    live_answer,
    live_answer_placeholder,
    progress,
    provider_notices,
    speak_closing_line,
)
from igym.ui.page_guard import require_account, way_forward
from igym.ui.widgets import PAGES, attempt, friendly_time, show_error


def _start_new(message: str) -> None:
    way_forward(message, page=PAGES["new_session"], label="Start a new session", icon=":material/add_circle:")


app, account = require_account()

raw_id = st.query_params.get("session", "")
try:
    session_id = uuid.UUID(raw_id)
    app.engine.expire_inactive(user_id=account.id)
    state = app.engine.begin(user_id=account.id, session_id=session_id)
except DatabaseUnavailable as exc:  # the interview is there; the database is not answering for now
    show_error(exc)
    st.stop()
except (ValueError, IgymError):
    _start_new("This interview link doesn't point to one of your sessions.")
    st.stop()

session = state.session
st.title(f"{session.type_label} interview · {session.difficulty_label}")
st.caption(f"Started {friendly_time(session.created_at)} · {session.status_label}")
if state.awaiting_answer:
    live_answer(app, state, user_id=account.id)  # always third on the page, so the stream survives reruns
else:
    live_answer_placeholder()
for notice in provider_notices(app):
    st.warning(notice, icon=":material/cloud_off:")
progress(state)
if state.awaiting_answer and wants_cards(app.settings) and (card := last_answer_card(state)) is not None:
    show_card(card)

if session.status == "completed":
    st.success("Interview complete. Your answers, measurements and scores are saved.", icon=":material/check_circle:")
    feedback_button(state)
    speak_closing_line(app, state)
    conversation(state)
    st.stop()
if session.status == "abandoned":
    _start_new("This session ended before the last question. Everything you said is kept in your history.")
    conversation(state)
    st.stop()

st.caption("Other ways to answer")
if answer_inputs(app, state, user_id=account.id):
    st.rerun()
if state.answered:
    with st.expander(f"Earlier in this interview ({state.answered} answered)", expanded=False):
        conversation(state, include_current=False)

st.divider()
card_switch(app.settings)
if st.button("End session", icon=":material/stop_circle:", help="Ends now; your answers so far are kept."):
    attempt(
        lambda: app.engine.abandon(user_id=account.id, session_id=session.id),
        then=lambda _: st.switch_page(PAGES["dashboard"]),
    )
