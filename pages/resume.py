import math

import streamlit as st

from igym.resumes.form import items_text, profile_from_form, skills_text
from igym.resumes.parse import OFFLINE_PARSER
from igym.ui.page_guard import require_account
from igym.ui.widgets import PAGES, attempt

_ROUND = "resume_upload_round"  # bumping it gives the uploader a new key, which clears it
_FLASH = "resume_flash"

app, account = require_account()

limits = app.resumes.limits
limit_mb = limits.max_bytes / 1_048_576
st.title("Your resume")
st.write(
    "Upload your resume and the interviewer will ask about the skills, projects and jobs on it when you start "
    "a session with **Tailor questions to my resume** turned on."
)

flash = st.session_state.pop(_FLASH, None)
if flash:
    st.success(flash, icon=":material/check_circle:")

round_ = st.session_state.setdefault(_ROUND, 0)
uploaded = st.file_uploader(
    "Resume (PDF)",
    type=["pdf"],
    key=f"resume_upload_{round_}",
    max_upload_size=max(1, math.ceil(limit_mb)),
    help=f"A PDF with selectable text, up to {limit_mb:g} MB and {limits.max_pages} pages.",
)
st.caption(f"PDF only, up to {limit_mb:g} MB and {limits.max_pages} pages. Scans and photos can't be read.")
if uploaded is not None:

    def _read(_: object) -> None:
        st.session_state[_ROUND] = round_ + 1
        st.session_state[_FLASH] = "Resume read. Check what we found below, correct anything, and save."
        st.rerun()

    attempt(
        lambda: app.resumes.upload_and_parse(user_id=account.id, filename=uploaded.name, data=uploaded.getvalue()),
        then=_read,
        spinner="Reading your resume…",
    )

resume = app.resumes.get(user_id=account.id)
if resume is None:
    with st.container(border=True):
        st.subheader("No resume yet")
        st.write(
            "Without one, questions are general for your target role. With one, the interviewer asks about "
            "what you actually did."
        )
    st.stop()

st.divider()
st.subheader("What we found")
st.text(f"File: {resume.file_name} ({resume.size_bytes / 1024:.0f} KB)")
if resume.confirmed:
    st.success("Saved. Sessions that use your resume ask about these.", icon=":material/task_alt:")
else:
    st.warning("Draft: check the details below and press Save.", icon=":material/edit_note:")
if resume.notice:
    st.info(resume.notice)
st.caption(
    "Read by simple section rules (Skills, Projects, Experience headings)."
    if resume.parser == OFFLINE_PARSER
    else "Read by the language model."
)

version = int(resume.updated_at.timestamp() * 1000)  # fresh fields after every upload or save
with st.form("resume_form"):
    skills = st.text_area(
        "Skills — one per line",
        value=skills_text(resume.profile),
        height=160,
        key=f"resume_skills_{version}",
    )
    projects = st.text_area(
        "Projects — one per paragraph: title on the first line, details below; a blank line between projects",
        value=items_text(resume.profile.projects),
        height=200,
        key=f"resume_projects_{version}",
    )
    experience = st.text_area(
        "Experience — one role per paragraph: title on the first line, details below",
        value=items_text(resume.profile.experience),
        height=240,
        key=f"resume_experience_{version}",
    )
    if st.form_submit_button("Save", type="primary", icon=":material/save:"):

        def _saved(_: object) -> None:
            st.session_state[_FLASH] = "Resume saved."
            st.rerun()

        attempt(
            lambda: app.resumes.save(
                user_id=account.id,
                profile=profile_from_form(skills=skills, projects=projects, experience=experience),
            ),
            then=_saved,
        )

st.page_link(PAGES["new_session"], label="Start a session tailored to your resume", icon=":material/mic:")

with st.expander("Delete resume"):
    st.write("This removes the PDF, its text and everything parsed from it. Past sessions are kept.")
    confirmed = st.checkbox("Yes, delete my resume", key="resume_delete_confirm")
    if st.button("Delete resume", icon=":material/delete:", disabled=not confirmed, key="resume_delete"):
        app.resumes.delete(user_id=account.id)
        st.session_state.pop("resume_delete_confirm", None)
        st.session_state[_FLASH] = "Your resume and its parsed details were deleted."
        st.rerun()
