import streamlit as st

from igym.auth.base import PendingLink
from igym.errors import IgymError
from igym.ui.bootstrap import services
from igym.ui.sign_in import (
    cancel_password_recovery,
    finish_password_recovery,
    hosted_auth,
    password_recovery,
    remember_link,
    sign_in,
    take_notice,
)
from igym.ui.widgets import show_error

app = services()
hosted = hosted_auth(app)

st.title("InterviewGym")
st.subheader("Practise interviews out loud. Get measured, honest feedback.")

notice = take_notice()
if notice is not None:
    kind, message = notice
    (st.error if kind == "error" else st.info)(message)

recovery = password_recovery()
if recovery is not None:
    with st.form("new_password_form"):
        st.subheader("Choose a new password")
        st.text(f"For {recovery.account.email}")
        new_password = st.text_input(
            "New password", type="password", key="new_password", autocomplete="new-password"
        )
        if st.form_submit_button("Save password and sign in", type="primary"):
            try:
                finish_password_recovery(new_password)
            except IgymError as exc:
                show_error(exc)
            else:
                st.rerun()
    if st.button("Cancel", key="cancel_recovery"):
        cancel_password_recovery()
        st.rerun()
    st.stop()

left, right = st.columns([3, 2], gap="large")
with left:
    st.markdown(
        "- An interviewer asks questions **out loud**, and follows up like a real one.\n"
        "- You answer **out loud**; we count filler words, long pauses and pace.\n"
        "- Every session ends with scores, strengths and concrete fixes — and builds your streak.\n"
        + (
            "- Your account and recordings are kept in this app's secure cloud storage."
            if hosted
            else "- Runs fully offline by default: your voice never leaves this machine."
        )
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
                created = app.auth.sign_up(email=new_email, password=new_password, name=name or None)
            except IgymError as exc:
                show_error(exc)
            else:
                if isinstance(created, PendingLink):
                    remember_link(created)
                    st.success("Almost there: open the link we just emailed you to confirm your address.")
                else:
                    sign_in(created)
                    st.rerun()
    if hosted is not None:
        with sign_in_tab:
            with st.expander("Email me a sign-in link instead"), st.form("magic_link_form"):
                link_email = st.text_input("Email", key="magic_link_email", autocomplete="email")
                if st.form_submit_button("Send me a link"):
                    try:
                        remember_link(hosted.send_magic_link(email=link_email))
                    except IgymError as exc:
                        show_error(exc)
                    else:
                        st.success("Check your inbox: the link signs you in here. It works for an hour.")
            with st.expander("Forgot your password?"), st.form("reset_form"):
                reset_email = st.text_input("Email", key="reset_email", autocomplete="email")
                if st.form_submit_button("Send me a reset link"):
                    try:
                        remember_link(hosted.send_password_reset(email=reset_email))
                    except IgymError as exc:
                        show_error(exc)
                    else:
                        st.success("If that address has an account, a reset link is on its way.")
