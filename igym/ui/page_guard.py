"""What every signed-in page checks first, in one place: who is signed in, and reads that may fail.

The frame (`app.py`) lists these pages only for a signed-in account, but a page still checks again on every
run: the account may have been deleted in another tab, or signed out a moment ago, since the frame looked.
Both helpers end the page the way the house style asks for a missing precondition (a clear message, then
`st.stop()`), so a page never renders half its content for nobody, and never shows a traceback.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import streamlit as st

from igym.auth.base import Account
from igym.errors import IgymError
from igym.services import AppServices
from igym.ui.bootstrap import services
from igym.ui.sign_in import current_account
from igym.ui.widgets import show_error

SIGNED_OUT = "You're signed out. Sign in again to open this page."


def require_account() -> tuple[AppServices, Account]:
    """The shared services and the signed-in account; when no one is signed in, a message and the page stops."""
    app = services()
    account = current_account()
    if account is None:
        st.info(SIGNED_OUT, icon=":material/login:")
        st.stop()
    return app, account


def way_forward(message: str, *, page: str, label: str, icon: str) -> None:
    """Say why the page cannot show what was asked, with a link to the page where the user can go on."""
    st.info(message)
    st.page_link(page, label=label, icon=icon)


@contextmanager
def stop_on_error(way_forward: Callable[[], object] | None = None) -> Iterator[None]:
    """Run a page's first reads; an igym error shows its message (then `way_forward`, e.g. a link) and stops.

    Only igym errors are caught: Streamlit's own stop and rerun signals, and real bugs, pass through.
    """
    try:
        yield
    except IgymError as exc:
        show_error(exc)
        if way_forward is not None:
            way_forward()
        st.stop()
