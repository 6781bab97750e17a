import streamlit as st

from igym.errors import IgymError
from igym.ui.bootstrap import services
from igym.ui.session import sign_in
from igym.ui.widgets import show_error

app = services()

st.title("InterviewGym")
st.subheader("Practise interviews out loud. Get measured, honest feedback.")
left, right = st.columns([3, 2], gap="large")
with left:
    st.markdown(
        "- An interviewer asks questions **out loud**, and follows up like a real one.\n"
        "- You answer **out loud**; we count filler words, long pauses and pace.\n"
        "- Every session ends with scores, strengths and concrete fixes — and builds your streak.\n"
        "- Runs fully offline by default: your voice never leaves this machine."
    )
with right:
    sign_in_tab, sign_up_tab = st.tabs(["Sign in", "Create account"])
    with sign_in_tab, st.form("sign_in_form"):
        email = st.text_input("Email", key="sign_in_email", autocomplete="email")
        password = st.text_input("Password", type="password", key="sign_in_password", autocomplete="current-password")
        if st.form_submit_button("Sign in", type="primary", width="stretch"):
            try:
                account = app.auth.sign_in(email=email, password=password)
            except IgymError as exc:
                show_error(exc)
            else:
                sign_in(account)
                st.rerun()
    with sign_up_tab, st.form("sign_up_form"):
        name = st.text_input("Your name (optional)", key="sign_up_name", autocomplete="name")
        new_email = st.text_input("Email", key="sign_up_email", autocomplete="email")
        new_password = st.text_input(
            "Password",
            type="password",
            key="sign_up_password",
            autocomplete="new-password",
            help=f"At least {app.settings.min_password_length} characters, mixing letters with numbers or symbols.",
        )
        if st.form_submit_button("Create account", type="primary", width="stretch"):
            try:
                account = app.auth.sign_up(email=new_email, password=new_password, name=name or None)
            except IgymError as exc:
                show_error(exc)
            else:
                sign_in(account)
                st.rerun()
