"""Who is signed in, per browser session, and the cookie that keeps them signed in across a refresh.

The signed-in account id lives in `st.session_state` (one per browser tab connection, never shared). For
local accounts a server-side sign-in (see `igym.auth.sign_ins`) is started at sign-in and its random token
written to a cookie, so a page refresh, which starts a new Streamlit session, can sign the user back in; the
sign-in is checked on every run, so signing out here, or changing the password anywhere, signs this browser
out at its next run and makes any copy of the cookie worthless. Any cookie that is not a live sign-in (junk,
non-ASCII, tampered, expired, ended) simply means signed out. Nothing identifying ever goes into the URL.

Reading uses `st.context.cookies` (the cookies sent with the page request). Streamlit cannot set cookies, so
writing and deleting go through the CookieManager component of extra-streamlit-components: the frame renders
the pending cookie change on every run until the component reports it done. Because `st.context.cookies`
keeps showing the cookie the page was loaded with, a signed-out session remembers that token and ignores it.
The cookie is set from JavaScript, so it cannot be HttpOnly: it is SameSite=Strict and carries only a
random token that the server can end.

Backends that use tokens (`AuthBackend.uses_tokens`: Supabase Auth) keep the same shape. The session's tokens
(access, refresh, expiry) sit in `st.session_state` next to the account id, and the cookie holds them *sealed*
(encrypted and signed, see `TokenSigner.seal`), so script on the page cannot read the refresh token out of it.
Restoring from that cookie asks Supabase whether the session still holds (`confirm_session`), so a cookie
copied before a sign-out, or a session revoked in Supabase, stays signed out. No SDK client is kept anywhere:
every call builds its own from these tokens. On each run that finds the access token within
`IGYM_SUPABASE_REFRESH_MARGIN_S` of expiry, the tokens are refreshed and the cookie rewritten (refresh tokens
rotate). The file store is given `_session_access_token`, which reads the token of the browser session on the
calling thread, so its calls act as that user. Where the backend sends e-mail links
(`AuthBackend.sends_email_links`), they arrive as ``?code=`` or ``?token_hash=&type=``; the frame removes them
from the URL at once and finishes the sign-in. While no one is signed in, the cookie may instead hold the
sealed PKCE verifier that such a ``code`` needs, for the tab the e-mail link opens.
"""

from __future__ import annotations

import contextlib
import logging
import uuid
from datetime import datetime, timedelta
from typing import Any

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from igym.auth.base import Account, AuthBackend, PendingLink, SessionExpired, SessionTokens, SignedIn
from igym.auth.sign_ins import confirm_session
from igym.errors import IgymError
from igym.services import AppServices
from igym.ui.bootstrap import services

log = logging.getLogger(__name__)

COOKIE_NAME = "igym_session"
_ACCOUNT_ID = "igym_account_id"
_SIGN_IN = "igym_sign_in_token"  # the local sign-in's cookie token (see igym.auth.sign_ins)
_PENDING = "igym_cookie_pending"  # ("set", token) | ("delete", None)
_IGNORED_TOKEN = "igym_ignored_token"
_TOKENS = "igym_supabase_tokens"  # SessionTokens of this browser session (hosted mode)
_LINK = "igym_pending_link"  # PendingLink from an e-mail request made in this browser session
_RECOVERY = "igym_password_recovery"  # SignedIn from a reset link, waiting for the new password
_NOTICE = "igym_auth_notice"  # (kind, message) for the landing page
_LINK_PARAMS = ("code", "token_hash", "type", "error", "error_code", "error_description")
_LINK_LIFETIME = timedelta(hours=1)
ENDED_ELSEWHERE = "You were signed out: your password was changed, or this sign-in was ended. Sign in again."
UNREACHABLE = "We couldn't reach the sign-in service to restore your sign-in. Reload in a moment, or sign in again."


def _cookie_component() -> Any:
    # The module-level component function of the pinned extra-streamlit-components release: calling it
    # directly lets us read the value the browser returns ("done"), which CookieManager.set() drops.
    from extra_streamlit_components.CookieManager import _component_func

    return _component_func


def _session_access_token() -> str | None:
    """The access token of the browser session running on this thread (None off a script thread)."""
    if get_script_run_ctx() is None:
        return None
    tokens = st.session_state.get(_TOKENS)
    return tokens.access_token if isinstance(tokens, SessionTokens) else None


def _cookie() -> str | None:
    """The sign-in cookie the page was loaded with, if it is text at all."""
    token = st.context.cookies.get(COOKIE_NAME)
    return token if isinstance(token, str) and token else None


def client_address() -> str | None:
    """The browser's address as the server sees it (None on localhost), for per-client sign-in budgets."""
    address = st.context.ip_address
    return address if isinstance(address, str) and address else None


def current_account() -> Account | None:
    """The signed-in account, restoring it from the cookie on the first run after a refresh."""
    app = services()
    app.files.use_access_token(_session_access_token)  # the same function for every session: idempotent
    if app.auth.sends_email_links:
        _finish_link_in_url(app.auth)
    account_id = st.session_state.get(_ACCOUNT_ID)
    if account_id is None:
        token = _cookie()
        if token and token != st.session_state.get(_IGNORED_TOKEN):
            account_id = _restore(app, token)
            if account_id is not None:
                st.session_state[_ACCOUNT_ID] = account_id
    if account_id is None:
        return None
    if app.auth.uses_tokens:
        if not _keep_fresh(app):
            return None
    elif app.sign_ins.resume(st.session_state.get(_SIGN_IN)) != account_id:
        sign_out()  # ended elsewhere: signed out there, or the password changed
        st.session_state[_NOTICE] = ("info", ENDED_ELSEWHERE)
        return None
    account = app.auth.account(uuid.UUID(str(st.session_state.get(_ACCOUNT_ID, account_id))))
    if account is None:  # the account was deleted (maybe in another tab)
        sign_out()
    return account


def _restore(app: AppServices, token: str) -> uuid.UUID | None:
    """The account a cookie signs in, or None (any malformed, ended or revoked cookie means signed out)."""
    if not app.auth.uses_tokens:
        user_id = app.sign_ins.resume(token)
        if user_id is not None:
            st.session_state[_SIGN_IN] = token
        return user_id
    data = app.tokens.unseal(token)
    if not data or data.get("kind") != "session":
        return None
    tokens = SessionTokens.from_dict(data)
    try:
        user_id = uuid.UUID(str(data.get("uid")))
    except ValueError:
        return None
    if tokens is None:
        return None
    try:
        confirmed = confirm_session(
            app.auth, tokens, user_id=user_id, refresh_margin_s=app.settings.supabase.refresh_margin_s
        )
    except SessionExpired as exc:
        st.session_state[_IGNORED_TOKEN] = token
        st.session_state[_NOTICE] = ("info", str(exc))
        return None
    except IgymError as exc:  # Supabase unreachable: not signed in this run; the next run asks again
        log.warning("could not confirm a hosted session from the cookie: %s", type(exc).__name__)
        st.session_state[_NOTICE] = ("error", UNREACHABLE)
        return None
    if confirmed.tokens is tokens:
        st.session_state[_TOKENS] = tokens
    else:
        sign_in(confirmed)  # refreshed on the way: keep (and re-seal) the rotated tokens
    return user_id


def _keep_fresh(app: AppServices) -> bool:
    """Refresh the tokens shortly before they expire; False (and signed out) when the session has ended."""
    tokens = st.session_state.get(_TOKENS)
    if not isinstance(tokens, SessionTokens):
        sign_out()
        return False
    if tokens.seconds_left() >= app.settings.supabase.refresh_margin_s:
        return True
    try:
        refreshed = app.auth.refresh(tokens)
    except SessionExpired as exc:
        sign_out()
        st.session_state[_NOTICE] = ("info", str(exc))
        return False
    except IgymError as exc:  # Supabase unreachable: keep going on our own data, try again next run
        log.warning("could not refresh a hosted session: %s", type(exc).__name__)
        return True
    sign_in(refreshed)
    return True


def sign_in(result: Account | SignedIn) -> None:
    """Remember the account (and, hosted, its tokens) for this browser session and queue the cookie."""
    app = services()
    if isinstance(result, SignedIn):
        st.session_state[_ACCOUNT_ID] = result.account.id
        st.session_state[_TOKENS] = result.tokens
        payload = {"kind": "session", "uid": str(result.account.id), **result.tokens.as_dict()}
        st.session_state[_PENDING] = ("set", app.tokens.seal(payload))
        st.session_state.pop(_LINK, None)
        st.session_state.pop(_RECOVERY, None)
    else:
        previous = st.session_state.pop(_SIGN_IN, None)
        if previous:
            app.sign_ins.end(previous)  # one sign-in per browser session
        token = app.sign_ins.start(result.id)
        st.session_state[_ACCOUNT_ID] = result.id
        st.session_state[_SIGN_IN] = token
        st.session_state[_PENDING] = ("set", token)
    st.session_state.pop(_IGNORED_TOKEN, None)


def sign_out() -> None:
    """Forget the account in this browser session and queue the cookie's removal (this browser only).

    The server-side sign-in ends too, so the cookie (and any copy of it) signs nobody in again. With a
    backend that uses tokens, this browser's session is revoked (Supabase: scope ``local``); other devices
    stay signed in. If the backend can't be reached the tokens are forgotten anyway.
    """
    local_sign_in = st.session_state.pop(_SIGN_IN, None)
    if local_sign_in:
        services().sign_ins.end(local_sign_in)
    tokens = st.session_state.pop(_TOKENS, None)
    if isinstance(tokens, SessionTokens):
        try:
            services().auth.sign_out(tokens)
        except IgymError as exc:
            log.warning("could not revoke a hosted session at sign-out: %s", type(exc).__name__)
    st.session_state.pop(_ACCOUNT_ID, None)
    st.session_state.pop(_RECOVERY, None)
    token = _cookie()
    if token:
        st.session_state[_IGNORED_TOKEN] = token
        if not services().auth.uses_tokens:
            services().sign_ins.end(token)  # the cookie the page came with, if it was a different sign-in
    st.session_state[_PENDING] = ("delete", None)
    for key in list(st.session_state.keys()):
        if str(key).startswith("igym_page_"):
            del st.session_state[key]


# --- e-mail links (backends that send them) ---------------------------------------------------------------------------


def remember_link(pending: PendingLink) -> None:
    """Keep the PKCE verifier of a just-requested e-mail link, here and (sealed, 1 h) in the cookie.

    The link usually opens a new tab, i.e. a new Streamlit session: only the cookie reaches it.
    """
    app = services()
    st.session_state[_LINK] = pending
    sealed = app.tokens.seal(
        {"kind": "pkce", "v": pending.code_verifier, "p": pending.purpose}, lifetime=_LINK_LIFETIME
    )
    st.session_state[_PENDING] = ("set", sealed)


def _pending_link() -> PendingLink | None:
    pending = st.session_state.get(_LINK)
    if isinstance(pending, PendingLink):
        return pending
    data = services().tokens.unseal(_cookie())
    if data and data.get("kind") == "pkce" and data.get("p") in ("magiclink", "recovery", "signup"):
        return PendingLink(str(data.get("v")), data["p"])
    return None


def _finish_link_in_url(auth: AuthBackend) -> None:
    """Take an e-mail link's parameters out of the URL at once, then finish the sign-in they carry."""
    params = {name: st.query_params.get(name) for name in _LINK_PARAMS}
    if not (params["code"] or params["token_hash"] or params["error"] or params["error_description"]):
        return
    for name in _LINK_PARAMS:
        if name in st.query_params:
            del st.query_params[name]
    if params["error"] or params["error_description"]:
        st.session_state[_NOTICE] = ("error", "That sign-in link didn't work; it may have expired. Ask for a new one.")
        return
    try:
        result = auth.complete_link(
            code=params["code"], token_hash=params["token_hash"], link_type=params["type"], pending=_pending_link()
        )
    except IgymError as exc:
        st.session_state[_NOTICE] = ("error", str(exc))
        return
    if result.recovery:
        if st.session_state.get(_ACCOUNT_ID) is not None:
            sign_out()
        st.session_state[_RECOVERY] = result
        st.session_state.pop(_LINK, None)
    else:
        sign_in(result)


def take_notice() -> tuple[str, str] | None:
    """A message left for the landing page (an expired session, a link that failed), shown once."""
    notice = st.session_state.pop(_NOTICE, None)
    return notice if isinstance(notice, tuple) else None


def password_recovery() -> SignedIn | None:
    """The sign-in a password-reset link started, while it waits for the new password."""
    recovery = st.session_state.get(_RECOVERY)
    return recovery if isinstance(recovery, SignedIn) else None


def finish_password_recovery(new_password: str) -> None:
    """Set the new password with the reset link's session, then sign in (raises igym errors for the form)."""
    recovery = password_recovery()
    if recovery is None:
        raise SessionExpired("That reset link has already been used. Ask for a new one.")
    sign_in(services().auth.set_password(recovery.tokens, password=new_password, email=recovery.account.email))


def cancel_password_recovery() -> None:
    """Drop a waiting password reset (its session is revoked where the backend can be reached)."""
    recovery = st.session_state.pop(_RECOVERY, None)
    if isinstance(recovery, SignedIn):
        with contextlib.suppress(IgymError):  # the reset session expires by itself anyway
            services().auth.sign_out(recovery.tokens)


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
