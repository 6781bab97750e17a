"""The frame shared by every page: page config, settings, the sign-in gate, and navigation."""

import streamlit as st

from igym.ui.bootstrap import services
from igym.ui.layout import close_sidebar_on_narrow_screens, style_pages
from igym.ui.sign_in import current_account, sign_out, sync_cookie
from igym.ui.widgets import PAGES

# "auto": the sidebar starts open on wide screens and closed on phones, where it would cover the page.
st.set_page_config(page_title="InterviewGym", page_icon="🎙️", layout="wide", initial_sidebar_state="auto")
style_pages()

services()  # fail early with a clear message if the settings are unusable
account = current_account()
sync_cookie()

if account is None:
    pages: list[st.Page] | dict[str, list[st.Page]] = [
        st.Page(PAGES["landing"], title="Welcome", icon=":material/waving_hand:", url_path="welcome", default=True)
    ]
elif not account.onboarding_completed:
    pages = [st.Page(PAGES["onboarding"], title="Get started", icon=":material/flag:", url_path="start", default=True)]
else:
    pages = {
        "Practice": [
            st.Page(PAGES["dashboard"], title="Dashboard", icon=":material/dashboard:", default=True),
            st.Page(PAGES["new_session"], title="New session", icon=":material/add_circle:", url_path="new"),
            st.Page(PAGES["interview"], title="Interview", icon=":material/mic:", visibility="hidden"),
        ],
        "Review": [
            st.Page(PAGES["history"], title="History", icon=":material/history:"),
            st.Page(PAGES["progress"], title="Progress", icon=":material/monitoring:"),
            st.Page(PAGES["feedback"], title="Feedback", icon=":material/reviews:", visibility="hidden"),
        ],
        "Account": [
            st.Page(PAGES["profile"], title="Profile", icon=":material/person:"),
            st.Page(PAGES["resume"], title="Resume", icon=":material/description:"),
        ],
    }
    if account.role == "coach":
        pages["Coaching"] = [st.Page(PAGES["coach"], title="Candidates", icon=":material/groups:")]
    # Listed for admins only; anyone else who opens its URL gets the page's own refusal.
    prompt_lab = st.Page(
        PAGES["prompt_lab"], title="Prompt Lab", icon=":material/science:", url_path="prompt-lab",
        visibility="visible" if account.role == "admin" else "hidden",
    )
    if account.role == "admin":
        pages["Product"] = [prompt_lab]
    else:
        pages["Account"].append(prompt_lab)

page = st.navigation(pages)
if isinstance(pages, dict):  # signed in and onboarded: the only pages with a sidebar
    close_sidebar_on_narrow_screens(page.url_path)
    with st.sidebar:
        st.caption("Signed in as")
        st.text(account.display_name)
        if st.button("Sign out", icon=":material/logout:", key="sign_out"):
            sign_out()
            st.rerun()
page.run()
