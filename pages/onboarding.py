import streamlit as st

from igym import catalog
from igym.ui.page_guard import require_account
from igym.ui.widgets import attempt

app, account = require_account()

st.title(f"Welcome, {account.display_name}")
st.write("Two questions so your practice fits what's ahead of you. You can change them later on your profile.")

with st.form("onboarding_form"):
    role_choice = st.selectbox(
        "What role are you interviewing for?", catalog.TARGET_ROLE_SUGGESTIONS, index=None, placeholder="Choose a role"
    )
    other_role = st.text_input("Or type your role", placeholder="e.g. Backend Engineer")
    timeline = st.radio(
        "When are your interviews?",
        list(catalog.INTERVIEW_TIMELINES),
        format_func=lambda key: catalog.INTERVIEW_TIMELINES[key],
        index=None,
    )
    if st.form_submit_button("Continue", type="primary"):
        target_role = other_role.strip() or (role_choice if role_choice != "Other" else "") or ""
        attempt(
            lambda: app.users.update_onboarding(
                user_id=account.id,
                target_role=target_role,
                interview_timeline=timeline or "",
                timezone=st.context.timezone,
            ),
            then=lambda _: st.rerun(),
        )
