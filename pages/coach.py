import uuid

import streamlit as st

from igym.ui.coaching_view import accept_invitation_form
from igym.ui.page_guard import require_account, stop_on_error
from igym.ui.progress_view import browser_timezone, render_history, render_progress
from igym.ui.widgets import PAGES

app, account = require_account()

st.title("Your candidates")
accept_invitation_form(account)
with stop_on_error(lambda: st.page_link(PAGES["profile"], label="Open your profile", icon=":material/person:")):
    candidates = app.coaching.candidates(coach_id=account.id)

requested = st.query_params.get("candidate")
if not candidates and not requested:
    st.info(
        "No candidate has invited you yet. Candidates invite a coach from their profile, with the email you "
        "signed up with; if they were given a code, enter it above.",
        icon=":material/group_add:",
    )
    st.stop()

by_id = {str(c.id): c for c in candidates}
options = list(by_id)
if requested and requested not in by_id:
    options.insert(0, requested)  # refused below, with the reason, instead of silently showing someone else
chosen = st.selectbox(
    "Candidate",
    options,
    index=options.index(requested) if requested in options else 0,
    format_func=lambda cid: f"{by_id[cid].display_name} ({by_id[cid].email})" if cid in by_id else "Unknown candidate",
    key="igym_coach_candidate",
)
if chosen != requested:
    st.query_params["candidate"] = chosen

try:
    candidate_id = uuid.UUID(str(chosen))
except ValueError:
    st.error("That link doesn't point to a candidate. Pick one from the list.")
    st.stop()

with stop_on_error():
    candidate, data = app.coaching.candidate_progress(
        coach_id=account.id, candidate_id=candidate_id, viewer_tz=browser_timezone()
    )
    _, frame = app.coaching.candidate_sessions(
        coach_id=account.id, candidate_id=candidate_id, viewer_tz=browser_timezone()
    )

st.text(  # names and roles are user text: shown as text, never markdown
    f"Read-only view of {candidate.display_name}'s practice"
    + (f" · preparing for {candidate.target_role}" if candidate.target_role else "")
)
progress_tab, history_tab = st.tabs(["Progress", "History"])
with progress_tab:
    render_progress(data, candidate_id=candidate.id)
with history_tab:
    render_history(frame, candidate_id=candidate.id, file_stem=f"sessions-{candidate.email.split('@')[0]}")
