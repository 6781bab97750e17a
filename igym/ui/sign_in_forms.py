"""The landing page's forms: sign in, create an account, e-mail links, and the new password after a reset.

Each form calls the configured `AuthBackend` and hands a success to `igym.ui.sign_in` (which keeps the
account, and any tokens, in this browser session's state only). Which forms exist follows the backend's
capability flags, never its class: the e-mail link forms appear only where `sends_email_links` is set.
Failures are igym errors shown as a message under the form; nothing is kept from a failed attempt.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import streamlit as st

from igym.auth.base import Account, PendingLink
from igym.errors import IgymError
from igym.services import AppServices
from igym.ui.sign_in import (
    cancel_password_recovery,
    client_address,
    finish_password_recovery,
    password_recovery,
    remember_link,
    sign_in,
)
from igym.ui.widgets import show_error


def new_password_form() -> bool:
    """The "choose a new password" form while a reset link waits for it; True when it is on screen."""
    recovery = password_recovery()
    if recovery is None:
        return False
    with st.form("new_password_form"):
        st.subheader("Choose a new password")
        st.text(f"For {recovery.account.email}")
        new_password = st.text_input("New password", type="password", key="new_password", autocomplete="new-password")
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
    return True


def sign_in_form(app: AppServices) -> None:
    """Email and password; on success this browser session is signed in and the app reruns."""
    with st.form("sign_in_form"):
        email = st.text_input("Email", key="sign_in_email", autocomplete="email")
        password = st.text_input("Password", type="password", key="sign_in_password", autocomplete="current-password")
        if st.form_submit_button("Sign in", type="primary", width="stretch"):
            try:
                account = app.auth.sign_in(email=email, password=password, client=client_address())
            except IgymError as exc:
                show_error(exc)
            else:
                sign_in(account)
                st.rerun()


def sign_up_form(app: AppServices) -> None:
    """Create an account; signed in at once, or asked to confirm the address first (`PendingLink`)."""
    with st.form("sign_up_form"):
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


PASSWORD_CHANGED = "Password changed. Every other browser signed in to your account has been signed out."


def change_password_form(app: AppServices, account: Account) -> None:
    """The profile's "change password" form (where the backend offers it); signs out every other browser.

    The change ends every sign-in of the account, this one included, so this browser gets a fresh one at
    once and stays signed in.
    """
    if not app.auth.can_change_password:
        st.caption("To change your password, sign out and use “Forgot your password?” on the sign-in page.")
        return
    notice = st.session_state.pop("igym_page_password_notice", None)
    if notice:
        st.success(notice)
    with st.form("change_password_form", clear_on_submit=True):
        current = st.text_input(
            "Current password", type="password", key="current_password", autocomplete="current-password"
        )
        new = st.text_input("New password", type="password", key="new_password_1", autocomplete="new-password")
        again = st.text_input("New password again", type="password", key="new_password_2", autocomplete="new-password")
        if st.form_submit_button("Change password"):
            if new != again:
                st.error("The two new passwords differ. Nothing was changed.")
                return
            try:
                changed = app.auth.change_password(
                    user_id=account.id, current_password=current, new_password=new, client=client_address()
                )
            except IgymError as exc:
                show_error(exc)
            else:
                sign_in(changed)
                st.session_state["igym_page_password_notice"] = PASSWORD_CHANGED
                st.rerun()


class _SendLink(Protocol):
    def __call__(self, *, email: str) -> PendingLink: ...


@dataclass(frozen=True, slots=True)
class _LinkForm:
    """What one e-mail link form says, and its widget keys."""

    title: str
    form: str
    field: str
    button: str
    sent: str


_MAGIC_LINK = _LinkForm(
    "Email me a sign-in link instead", "magic_link_form", "magic_link_email", "Send me a link",
    sent="Check your inbox: the link signs you in here. It works for an hour.",
)
_RESET = _LinkForm(
    "Forgot your password?", "reset_form", "reset_email", "Send me a reset link",
    sent="If that address has an account, a reset link is on its way.",
)


def email_link_forms(app: AppServices) -> None:
    """The sign-in-link and password-reset forms, where the backend sends e-mail links (else nothing)."""
    if not app.auth.sends_email_links:
        return
    _email_link_form(_MAGIC_LINK, app.auth.send_magic_link)
    _email_link_form(_RESET, app.auth.send_password_reset)


def _email_link_form(spec: _LinkForm, send: _SendLink) -> None:
    """One e-mail field in an expander; the link's verifier is remembered for the tab the link opens."""
    with st.expander(spec.title), st.form(spec.form):
        email = st.text_input("Email", key=spec.field, autocomplete="email")
        if st.form_submit_button(spec.button):
            try:
                remember_link(send(email=email))
            except IgymError as exc:
                show_error(exc)
            else:
                st.success(spec.sent)
