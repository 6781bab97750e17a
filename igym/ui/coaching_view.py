"""The profile's coaching section: the coach-role toggle, inviting a coach by email, and revoking access.

Emails are shown with `st.text` (they are user input). Every change calls `CoachService` and then reruns,
so the list on screen is always what the database holds; a revoke takes effect for the coach on their
next page run because the coach pages check the grant on every run.
"""

from __future__ import annotations

from functools import cache
from zoneinfo import available_timezones

import streamlit as st

from igym.accounts.coaching import COACH_ROLE
from igym.auth.base import Account
from igym.errors import IgymError
from igym.ui.bootstrap import services
from igym.ui.widgets import friendly_time, show_error

_NOTICE = "igym_page_coaching_notice"


@cache
def time_zone_choices() -> list[str]:
    """IANA zone names for the profile's selectbox, sorted; computed once per process."""
    return sorted(name for name in available_timezones() if "/" in name or name == "UTC")


def _role_toggle(account: Account) -> None:
    app = services()
    is_admin = account.role not in (COACH_ROLE, "candidate")
    wants = st.toggle(
        "I coach other candidates",
        value=account.role == COACH_ROLE,
        disabled=is_admin,
        key="profile_coach_role",
        help="Coaches see the progress, history and feedback of candidates who invite them, read-only.",
    )
    if not is_admin and wants != (account.role == COACH_ROLE):
        try:
            app.coaching.set_coach_role(user_id=account.id, coach=wants)
        except IgymError as exc:
            show_error(exc)
        else:
            st.session_state[_NOTICE] = (
                "Coaching is on: your candidates appear under Coaching › Candidates." if wants else "Coaching is off."
            )
            st.rerun()


def render_coaching_section(account: Account) -> None:
    """Coach role, then the candidate's own coaches: invite form and one row per grant with a revoke button."""
    app = services()
    st.divider()
    st.subheader("Coaching")
    notice = st.session_state.pop(_NOTICE, None)
    if notice:
        st.success(notice)
    _role_toggle(account)

    st.markdown("**Your coaches**")
    st.caption("A coach you invite sees your progress, history and feedback, read-only, until you revoke it.")
    with st.form("coach_invite_form", clear_on_submit=True):
        email = st.text_input("Coach's email", key="coach_invite_email", placeholder="coach@example.com")
        if st.form_submit_button("Invite coach"):
            try:
                grant = app.coaching.invite(candidate_id=account.id, email=email)
            except IgymError as exc:
                show_error(exc)
            else:
                st.session_state[_NOTICE] = f"{grant.coach_email} can now see your progress."
                st.rerun()
    grants = app.coaching.grants(candidate_id=account.id)
    if not grants:
        st.caption("You haven't invited a coach.")
        return
    for grant in grants:
        email_col, status_col, action_col = st.columns([3, 3, 1])
        email_col.text(grant.coach_email)
        if grant.active:
            joined = "" if grant.coach_has_account else " · not signed up yet"
            status_col.text(f"Access since {friendly_time(grant.granted_at)}{joined}")
            if action_col.button("Revoke", key=f"revoke_coach_{grant.coach_email}"):
                try:
                    app.coaching.revoke(candidate_id=account.id, email=grant.coach_email)
                except IgymError as exc:
                    show_error(exc)
                else:
                    st.session_state[_NOTICE] = f"{grant.coach_email} no longer has access."
                    st.rerun()
        else:
            status_col.text(f"Revoked {friendly_time(grant.revoked_at)}")
