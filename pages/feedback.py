from igym.ui.feedback_page import render_feedback_page

render_feedback_page()
