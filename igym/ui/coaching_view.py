"""The coaching parts of the pages: the coach-role toggle, inviting and revoking coaches, accepting an invite.

Emails and codes are shown with `st.text` / `st.code` (they are user input or secrets, never markdown). Every
change calls `CoachService` and then reruns, so the list on screen is what the database holds; the notice
after inviting says exactly what happened: access granted to a coach account, or nothing shared yet and a
code to pass on (shown this once). A revoke takes effect for the coach on their next page run because the
coach pages check the grant on every run.
"""

from __future__ import annotations

from functools import cache
from zoneinfo import available_timezones

import streamlit as st

from igym.accounts.coaching import COACH_ROLE, Invitation
from igym.auth.base import Account
from igym.errors import IgymError
from igym.ui.bootstrap import services
from igym.ui.widgets import friendly_time, show_error

_NOTICE = "igym_page_coaching_notice"
_INVITED = "igym_page_coaching_invited"  # the Invitation just made (its code is shown once)
_ACCEPTED = "igym_page_coaching_accepted"


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


def invitation_notice(invitation: Invitation) -> list[str]:
    """What the candidate is told after inviting, line by line (plain text: the email is user input)."""
    email = invitation.grant.coach_email
    if invitation.outcome == "granted":
        return [f"{email} is a coach here and can now see your progress, history and feedback, read-only."]
    days = ""
    if invitation.grant.invite_expires_at is not None:
        days = f" It works until {friendly_time(invitation.grant.invite_expires_at)} and is shown only now."
    return [
        f"Nothing is shared yet: {email} has no coach account here (no account, or coaching turned off).",
        "Give your coach this code yourself (by message or in person, not through this app):",
        f"When they are signed in with {email} and have turned on coaching, they enter it under "
        f"Coaching › Candidates; only then can they see your progress.{days}",
    ]


def render_coaching_section(account: Account) -> None:
    """Coach role, then the candidate's own coaches: invite form and one row per grant with a revoke button."""
    app = services()
    st.divider()
    st.subheader("Coaching")
    notice = st.session_state.pop(_NOTICE, None)
    if isinstance(notice, str):
        st.success(notice)
    _role_toggle(account)

    st.markdown("**Your coaches**")
    st.caption("A coach you invite sees your progress, history and feedback, read-only, until you revoke it.")
    invited = st.session_state.pop(_INVITED, None)
    if isinstance(invited, Invitation):
        with st.container(border=True):
            lines = invitation_notice(invited)
            st.text(lines[0])
            for line in lines[1:2]:
                st.text(line)
            if invited.code:
                st.code(invited.code, language=None)
            for line in lines[2:]:
                st.text(line)
    with st.form("coach_invite_form", clear_on_submit=True):
        email = st.text_input("Coach's email", key="coach_invite_email", placeholder="coach@example.com")
        if st.form_submit_button("Invite coach"):
            try:
                st.session_state[_INVITED] = app.coaching.invite(candidate_id=account.id, email=email)
            except IgymError as exc:
                show_error(exc)
            else:
                st.rerun()
    grants = app.coaching.grants(candidate_id=account.id)
    if not grants:
        st.caption("You haven't invited a coach.")
        return
    for grant in grants:
        email_col, status_col, action_col = st.columns([3, 3, 1])
        email_col.text(grant.coach_email)
        if grant.active or grant.pending:
            status = (
                f"Access since {friendly_time(grant.granted_at)}"
                if grant.active
                else f"Invited {friendly_time(grant.granted_at)} · waiting for the code · nothing shared yet"
            )
            status_col.text(status)
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


def accept_invitation_form(account: Account) -> None:
    """The coach's form for a code a candidate gave them; on success the candidate appears in the list."""
    app = services()
    accepted = st.session_state.pop(_ACCEPTED, None)
    if isinstance(accepted, str):
        st.success(accepted)
    with st.expander("Enter an invitation code", expanded=False), st.form("coach_accept_form", clear_on_submit=True):
        st.caption(f"Codes are for the email you're signed in with: {account.email}")
        code = st.text_input("Code from your candidate", key="coach_accept_code", placeholder="K7QF-2MXP")
        if st.form_submit_button("Accept invitation"):
            try:
                candidate = app.coaching.accept(coach_id=account.id, code=code)
            except IgymError as exc:
                show_error(exc)
            else:
                st.session_state[_ACCEPTED] = f"You can now see {candidate.display_name}'s practice, read-only."
                st.query_params["candidate"] = str(candidate.id)
                st.rerun()
