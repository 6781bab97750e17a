import uuid

import streamlit as st

from igym.errors import IgymError
from igym.ui.bootstrap import services
from igym.ui.session import current_account
from igym.ui.widgets import PAGES, friendly_time, show_error

app = services()
account = current_account()
if account is None:
    st.stop()

raw_id = st.query_params.get("session", "")
try:
    session = app.sessions.get(user_id=account.id, session_id=uuid.UUID(raw_id))
except (ValueError, IgymError):
    st.info("This interview link doesn't point to one of your sessions.")
    st.page_link(PAGES["new_session"], label="Start a new session", icon=":material/add_circle:")
    st.stop()

st.title(f"{session.type_label} interview · {session.difficulty_label}")
st.caption(f"Started {friendly_time(session.created_at)} · {session.status_label}")
if session.status != "active":
    st.info("This session has ended. Its record stays in your history.")
    st.page_link(PAGES["history"], label="Go to history", icon=":material/history:")
    st.stop()

st.progress(0.0, text=f"Question 0 of {session.planned_questions or '—'}")
st.warning(
    "The live interviewer (spoken questions and recorded answers) is not available in this build yet. "
    "Your session is saved; you can end it below.",
    icon=":material/construction:",
)
if st.button("End session", icon=":material/stop_circle:"):
    try:
        app.sessions.abandon(user_id=account.id, session_id=session.id)
    except IgymError as exc:
        show_error(exc)
    else:
        st.switch_page(PAGES["dashboard"])
