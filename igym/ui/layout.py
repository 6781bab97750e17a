"""What keeps every page usable on a phone (390 px wide): one stylesheet and the narrow-screen sidebar rule.

Why: below Streamlit's `md` breakpoint (768 px) the sidebar is drawn *over* the page, not beside it. Streamlit
closes it after a page link only when the browser's user agent says "mobile", and it remembers an opened
sidebar in localStorage, so on a phone the menu stayed over every page opened after it (issue 17). Tables
keep every column reachable by scrolling inside their own box (`st.dataframe` does; the session tables put the
columns a candidate looks for first, see `igym.ui.widgets.SESSION_COLUMNS`), and the stylesheet below keeps
long words and wide blocks from pushing the page wider than the screen.

How: `style_pages` sends the stylesheet (a style-only `st.html` goes to the event container and takes no
room); `close_sidebar_on_narrow_screens` puts a small script in the sidebar that, on a narrow screen only,
closes the sidebar when a page opens and after any link or button in it is pressed. Desktop layouts are
untouched: every rule is behind the same breakpoint. `app.py` calls both on every run; no page does.
"""

from __future__ import annotations

import json

import streamlit as st

NARROW_PX = 768  # Streamlit's `md` breakpoint: at or below it the sidebar overlays the page

_CSS = f"""
<style>
@media (max-width: {NARROW_PX}px) {{
  /* Long unbroken text (emails, URLs, pasted postings) wraps instead of widening the page. */
  [data-testid="stMain"] [data-testid="stMarkdownContainer"],
  [data-testid="stMain"] [data-testid="stText"],
  [data-testid="stMain"] [data-testid="stCaptionContainer"],
  [data-testid="stMain"] [data-testid="stChatMessageContent"] {{
    overflow-wrap: anywhere;
    min-width: 0;
  }}
  /* Nothing in the page may be wider than the screen; what is wider scrolls inside its own box. */
  [data-testid="stMainBlockContainer"] [data-testid="stElementContainer"],
  [data-testid="stMainBlockContainer"] [data-testid="stVerticalBlock"],
  [data-testid="stMainBlockContainer"] [data-testid="stHorizontalBlock"] {{
    max-width: 100%;
    min-width: 0;
  }}
  /* A static table scrolls sideways inside its own box (st.dataframe's grid already does). */
  [data-testid="stMainBlockContainer"] [data-testid="stTable"] {{
    max-width: 100%;
    overflow-x: auto;
  }}
}}
/* The sidebar script's own slot takes no room. */
[data-testid="stSidebar"] [data-testid="stElementContainer"]:has(#igym-narrow-sidebar) {{
  display: none;
}}
</style>
"""

_SIDEBAR_SCRIPT = """
<div id="igym-narrow-sidebar" data-page=%(page)s></div>
<script>
(() => {
  const narrow = () => window.matchMedia("(max-width: %(px)dpx)").matches;
  const close = () => {
    const button = document.querySelector('[data-testid="stSidebarCollapseButton"] button');
    if (narrow() && button) button.click();  // the button exists only while the sidebar is open
  };
  if (!window.igymNarrowSidebar) {
    window.igymNarrowSidebar = true;
    document.addEventListener("click", (event) => {
      const pressed = event.target instanceof Element && event.target.closest(
        '[data-testid="stSidebar"] a, [data-testid="stSidebar"] button');
      if (pressed && !pressed.closest('[data-testid="stSidebarCollapseButton"]')) setTimeout(close, 0);
    }, true);
  }
  close();  // a page opened on a phone shows the page, not the menu (even one left open before a reload)
})();
</script>
"""


def style_pages() -> None:
    """The app's one stylesheet (narrow-screen rules only, plus hiding the sidebar script's slot)."""
    st.html(_CSS)


def close_sidebar_on_narrow_screens(page_key: str) -> None:
    """Close the sidebar on a narrow screen when page `page_key` opens and after a link or button in it is used.

    Call it on every run, inside nothing (it writes to the sidebar itself). The script runs again only when
    `page_key` changes (Streamlit re-runs an `st.html` script when its body changes), so a rerun of the same
    page never closes a sidebar the candidate has just opened.
    """
    body = _SIDEBAR_SCRIPT % {"page": json.dumps(page_key), "px": NARROW_PX}
    with st.sidebar:
        st.html(body, unsafe_allow_javascript=True)
