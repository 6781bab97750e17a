"""The feedback page of one session (being built for issue 6)."""

import streamlit as st


def render_feedback_page() -> None:
    st.title("Feedback")
    st.info("Feedback for this session is being prepared.")
