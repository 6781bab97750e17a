import streamlit as st

from igym import catalog
from igym.ui.bootstrap import services
from igym.ui.session import current_account
from igym.ui.widgets import empty_state, sessions_table

app = services()
account = current_account()
if account is None:
    st.stop()

st.title("History")
app.engine.expire_inactive(user_id=account.id)  # sessions left mid-way end as "abandoned"
summaries = app.sessions.history(user_id=account.id)
if not summaries:
    empty_state(
        "No sessions yet",
        "Every interview you practise shows up here with its date, type, duration and score.",
        cta_label="Start a session",
        cta_page="new_session",
    )
    st.stop()

type_col, status_col = st.columns(2)
types = type_col.multiselect(
    "Interview type", list(catalog.INTERVIEW_TYPES), format_func=lambda k: catalog.INTERVIEW_TYPES[k]
)
statuses = status_col.multiselect(
    "Status", list(catalog.SESSION_STATUSES), format_func=lambda k: catalog.SESSION_STATUSES[k]
)
shown = [s for s in summaries if (not types or s.interview_type in types) and (not statuses or s.status in statuses)]
st.caption(f"{len(shown)} of {len(summaries)} sessions")
sessions_table(shown)
