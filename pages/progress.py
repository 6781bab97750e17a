import streamlit as st

from igym.ui.page_guard import require_account, stop_on_error
from igym.ui.progress_view import render_progress, user_zone

app, account = require_account()

st.title("Progress")
with stop_on_error():
    data = app.progress.build(user_id=account.id, tz=user_zone(account.timezone))
render_progress(data)
