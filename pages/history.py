import streamlit as st

from igym.ui.page_guard import require_account, stop_on_error
from igym.ui.progress_view import render_history, user_zone

app, account = require_account()

st.title("History")
with stop_on_error():
    app.engine.expire_inactive(user_id=account.id)  # sessions left mid-way end as "abandoned"
    frame = app.progress.sessions(user_id=account.id, tz=user_zone(account.timezone))
render_history(frame)
