import streamlit as st

from igym.errors import IgymError
from igym.ui.bootstrap import services
from igym.ui.progress_view import render_progress, user_zone
from igym.ui.sign_in import current_account
from igym.ui.widgets import show_error

app = services()
account = current_account()
if account is None:
    st.stop()

st.title("Progress")
try:
    data = app.progress.build(user_id=account.id, tz=user_zone(account.timezone))
except IgymError as exc:
    show_error(exc)
    st.stop()
render_progress(data)
