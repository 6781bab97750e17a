import streamlit as st

from igym.ui.bootstrap import services
from igym.ui.sign_in import take_notice
from igym.ui.sign_in_forms import email_link_forms, new_password_form, sign_in_form, sign_up_form

app = services()

st.title("InterviewGym")
st.subheader("Practise interviews out loud. Get measured, honest feedback.")

notice = take_notice()
if notice is not None:
    kind, message = notice
    (st.error if kind == "error" else st.info)(message)

if new_password_form():
    st.stop()

left, right = st.columns([3, 2], gap="large")
with left:
    st.markdown(
        "- An interviewer asks questions **out loud**, and follows up like a real one.\n"
        "- You answer **out loud**; we count filler words, long pauses and pace.\n"
        "- Every session ends with scores, strengths and concrete fixes — and builds your streak.\n"
        + (
            "- Your account and recordings are kept in this app's secure cloud storage."
            if app.files.remote
            else "- Runs fully offline by default: your voice never leaves this machine."
        )
    )
with right:
    sign_in_tab, sign_up_tab = st.tabs(["Sign in", "Create account"])
    with sign_in_tab:
        sign_in_form(app)
    with sign_up_tab:
        sign_up_form(app)
    with sign_in_tab:
        email_link_forms(app)
