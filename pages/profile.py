import streamlit as st

from igym import catalog
from igym.ui.coaching_view import render_coaching_section, time_zone_choices
from igym.ui.page_guard import require_account
from igym.ui.progress_view import user_zone
from igym.ui.sign_in import sign_out
from igym.ui.sign_in_forms import change_password_form
from igym.ui.widgets import attempt

app, account = require_account()

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
    zones = time_zone_choices()
    current_zone = user_zone(account.timezone)
    zone_name = st.selectbox(
        "Time zone",
        zones,
        index=zones.index(current_zone) if current_zone in zones else None,
        help="Streaks and practice days follow your local calendar day in this zone.",
        key="profile_timezone",
    )
    if st.form_submit_button("Save"):
        attempt(
            lambda: app.users.update_onboarding(
                user_id=account.id,
                target_role=target_role,
                interview_timeline=timeline or "",
                name=name,
                timezone=zone_name,
            ),
            then=lambda _: st.success("Saved."),
        )

render_coaching_section(account)

st.divider()
st.subheader("Password")
change_password_form(app, account)

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

            def _deleted(_: object) -> None:
                sign_out()
                st.rerun()

            attempt(lambda: app.users.delete_account(user_id=account.id), then=_deleted)
