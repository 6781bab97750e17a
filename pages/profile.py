import streamlit as st

from igym import catalog
from igym.errors import IgymError
from igym.ui.bootstrap import services
from igym.ui.session import current_account, sign_out
from igym.ui.widgets import show_error

app = services()
account = current_account()
if account is None:
    st.stop()

st.title("Profile")
st.text(f"Email: {account.email}")

with st.form("profile_form"):
    name = st.text_input("Name", value=account.name or "", max_chars=app.settings.max_name_length)
    target_role = st.text_input("Target role", value=account.target_role or "")
    timelines = list(catalog.INTERVIEW_TIMELINES)
    timeline = st.selectbox(
        "Interview timeline",
        timelines,
        index=timelines.index(account.interview_timeline) if account.interview_timeline in timelines else None,
        format_func=lambda key: catalog.INTERVIEW_TIMELINES[key],
    )
    if st.form_submit_button("Save"):
        try:
            app.users.update_onboarding(
                user_id=account.id, target_role=target_role, interview_timeline=timeline or "", name=name
            )
        except IgymError as exc:
            show_error(exc)
        else:
            st.success("Saved.")

st.divider()
st.subheader("Delete account")
st.write(
    "This deletes your account, every session, answer recording, transcript, score and your resume. "
    "It cannot be undone."
)
with st.form("delete_account_form"):
    confirm = st.text_input(f"Type your email ({account.email}) to confirm", key="delete_confirm")
    if st.form_submit_button("Delete my account", type="primary"):
        if confirm.strip().lower() != account.email:
            st.error("The email you typed doesn't match. Nothing was deleted.")
        else:
            try:
                app.users.delete_account(user_id=account.id)
            except IgymError as exc:
                show_error(exc)
            else:
                sign_out()
                st.rerun()
