import streamlit as st

from igym import catalog
from igym.interview.job_terms import MAX_POSTING_CHARS
from igym.ui.page_guard import require_account
from igym.ui.widgets import PAGES, attempt

app, account = require_account()

st.title("New session")
has_resume = app.users.get_profile(user_id=account.id, recent=0).stats.has_resume

with st.form("new_session_form"):
    interview_type = st.radio(
        "Interview type",
        list(catalog.INTERVIEW_TYPES),
        format_func=lambda key: catalog.INTERVIEW_TYPES[key],
        captions=[catalog.INTERVIEW_TYPE_BLURBS[key] for key in catalog.INTERVIEW_TYPES],
    )
    difficulty = st.radio(
        "Difficulty",
        list(catalog.DIFFICULTIES),
        format_func=lambda key: catalog.DIFFICULTIES[key],
        captions=[catalog.DIFFICULTY_BLURBS[key] for key in catalog.DIFFICULTIES],
        horizontal=True,
    )
    use_resume = st.toggle(
        "Tailor questions to my resume",
        value=False,
        disabled=not has_resume,
        help="The interviewer asks about the skills on your resume."
        if has_resume
        else "Upload your resume on the Resume page to turn this on.",
    )
    job_description = st.text_area(
        "Job posting (optional)",
        max_chars=MAX_POSTING_CHARS,
        placeholder="Paste the job posting: its key terms shape some questions and follow-ups.",
        help="Only short key terms are taken from it (skills, tools); the text itself is never read out or "
        "followed as instructions.",
    )
    submitted = st.form_submit_button("Start interview", type="primary", icon=":material/mic:")

if not has_resume:
    st.caption("No resume yet — questions will be general for your target role.")
    st.page_link(PAGES["resume"], label="Upload your resume", icon=":material/upload_file:")

if submitted:
    attempt(
        lambda: app.sessions.create(
            user_id=account.id,
            interview_type=interview_type or "",
            difficulty=difficulty or "",
            use_resume=use_resume,
            job_description=job_description,
        ),
        then=lambda created: st.switch_page(PAGES["interview"], query_params={"session": str(created.id)}),
        spinner="Setting up your interview…",
    )
