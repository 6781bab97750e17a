"""Who is signed in, per browser session, and the cookie that keeps them signed in across a refresh.

The signed-in account id lives in `st.session_state` (one per browser tab connection, never shared). A
signed token (see `igym.auth.tokens`) is also written to a cookie so a page refresh, which starts a new
Streamlit session, can sign the user back in. Nothing identifying ever goes into the URL.

Reading uses `st.context.cookies` (the cookies sent with the page request). Streamlit cannot set cookies, so
writing and deleting go through the CookieManager component of extra-streamlit-components: the frame renders
the pending cookie change on every run until the component reports it done. Because `st.context.cookies`
keeps showing the cookie the page was loaded with, a signed-out session remembers that token and ignores it.
The cookie is set from JavaScript, so it cannot be HttpOnly: it is SameSite=Strict and carries only a
signed, expiring user id.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

import streamlit as st

from igym.auth.base import Account
from igym.ui.bootstrap import services

COOKIE_NAME = "igym_session"
_ACCOUNT_ID = "igym_account_id"
_PENDING = "igym_cookie_pending"  # ("set", token) | ("delete", None)
_IGNORED_TOKEN = "igym_ignored_token"


def _cookie_component() -> Any:
    # The module-level component function of the pinned extra-streamlit-components release: calling it
    # directly lets us read the value the browser returns ("done"), which CookieManager.set() drops.
    from extra_streamlit_components.CookieManager import _component_func

    return _component_func


def current_account() -> Account | None:
    """The signed-in account, restoring it from the cookie on the first run after a refresh."""
    app = services()
    account_id = st.session_state.get(_ACCOUNT_ID)
    if account_id is None:
        token = st.context.cookies.get(COOKIE_NAME)
        if token and token != st.session_state.get(_IGNORED_TOKEN):
            account_id = app.tokens.verify(token)
            if account_id is not None:
                st.session_state[_ACCOUNT_ID] = account_id
    if account_id is None:
        return None
    account = app.auth.account(uuid.UUID(str(account_id)))
    if account is None:  # the account was deleted (maybe in another tab)
        sign_out()
    return account


def sign_in(account: Account) -> None:
    """Remember `account` for this browser session and queue the stay-signed-in cookie."""
    app = services()
    st.session_state[_ACCOUNT_ID] = account.id
    st.session_state[_PENDING] = ("set", app.tokens.issue(account.id))
    st.session_state.pop(_IGNORED_TOKEN, None)


def sign_out() -> None:
    """Forget the account in this browser session and queue the cookie's removal (this browser only)."""
    st.session_state.pop(_ACCOUNT_ID, None)
    token = st.context.cookies.get(COOKIE_NAME)
    if token:
        st.session_state[_IGNORED_TOKEN] = token
    st.session_state[_PENDING] = ("delete", None)
    for key in list(st.session_state.keys()):
        if str(key).startswith("igym_page_"):
            del st.session_state[key]


def sync_cookie() -> None:
    """Render the pending cookie change; called by the frame on every run until the browser confirms it."""
    pending = st.session_state.get(_PENDING)
    if not pending:
        return
    action, token = pending
    st.html("<style>.element-container:has(iframe[height='0']){display:none}</style>")
    component = _cookie_component()
    if action == "set":
        days = services().settings.session_cookie_days
        expires = (datetime.now() + timedelta(days=days)).isoformat()
        done = component(
            method="set",
            cookie=COOKIE_NAME,
            value=token,
            options={"path": "/", "expires": expires, "maxAge": days * 86400, "sameSite": "strict"},
            key=f"igym_cookie_set_{token[-12:]}",
            default=False,
        )
    else:
        done = component(method="delete", cookie=COOKIE_NAME, key="igym_cookie_delete", default=False)
    if done:
        st.session_state.pop(_PENDING, None)
