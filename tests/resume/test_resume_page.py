"""The Resume page through AppTest: empty state, every bad upload explained, upload, correct, save, delete."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from bench.resume_pdfs import RESUME_LINES, encrypted_pdf, image_only_pdf, png_bytes, text_pdf
from igym.ui.widgets import PAGES
from tests.test_app_pages import _app, _onboard, _sign_up, _texts, app_env  # noqa: F401  (app_env: fixture)


def _upload(at: AppTest, name: str, data: bytes) -> AppTest:
    at.file_uploader[0].set_value((name, data, "application/pdf"))
    at = at.run()
    assert not at.exception
    return at


def _resume_page(email: str) -> AppTest:
    at = _onboard(_sign_up(_app(), email))
    at = at.switch_page(PAGES["resume"]).run()
    assert not at.exception
    return at


def test_bad_uploads_are_each_explained_and_nothing_is_kept(app_env: Path) -> None:  # noqa: F811
    at = _resume_page("bad@example.com")
    text = _texts(at)
    assert "No resume yet" in text and "up to 5 MB and 20 pages" in text
    uploader = at.file_uploader[0]
    assert uploader.allowed_type == [".pdf"] and uploader.proto.max_upload_size_mb == 5
    cases = [
        (png_bytes(), "isn't a PDF"),
        (encrypted_pdf(text_pdf(RESUME_LINES), user_password="pw"), "password-protected"),
        (image_only_pdf(), "looks like a scan"),
        (text_pdf(RESUME_LINES)[:500], "damaged or incomplete"),
        (text_pdf([[f"page {i} about Kubernetes"] for i in range(300)]), "has 300 pages"),
    ]
    for data, message in cases:
        at = _upload(at, "resume.pdf", data)
        assert len(at.error) == 1 and message in at.error[0].value, at.error
        assert "No resume yet" in _texts(at)


def test_upload_correct_save_tailor_and_delete(app_env: Path) -> None:  # noqa: F811
    at = _resume_page("good@example.com")
    at = _upload(at, "<img src=x onerror=alert(1)>.pdf", text_pdf(RESUME_LINES))
    assert "Resume read" in at.success[0].value
    assert "Draft" in at.warning[0].value
    assert any(t.value.startswith("File: <img src=x onerror=alert(1)>.pdf") for t in at.text)  # shown as text
    assert not any("<img" in m.value for m in at.markdown)
    skills = next(t for t in at.text_area if t.key and t.key.startswith("resume_skills_"))
    assert (skills.value or "").splitlines() == ["Python", "Go", "SQL", "Kubernetes", "Terraform", "AWS"]
    experience = next(t for t in at.text_area if t.key and t.key.startswith("resume_experience_"))
    assert (experience.value or "").startswith("Senior Platform Engineer, Acme Corp (2021 - 2024)\nMoved 40 services")

    skills.input("Kubernetes\nHelm, Argo CD\n<b>Go</b>")
    next(b for b in at.button if b.label == "Save").click()
    at = at.run()
    assert not at.exception
    assert [s.value for s in at.success][:2] == [
        "Resume saved.",
        "Saved. Sessions that use your resume ask about these.",
    ]
    skills = next(t for t in at.text_area if t.key and t.key.startswith("resume_skills_"))
    assert (skills.value or "").splitlines() == ["Kubernetes", "Helm", "Argo CD", "<b>Go</b>"]

    at = at.switch_page(PAGES["new_session"]).run()
    assert not at.toggle[0].disabled  # a saved resume turns the tailoring option on

    at = at.switch_page(PAGES["resume"]).run()
    delete = at.button(key="resume_delete")
    assert delete.disabled  # needs the confirmation first
    at.checkbox(key="resume_delete_confirm").check()
    at = at.run()
    at.button(key="resume_delete").click()
    at = at.run()
    assert not at.exception
    assert "were deleted" in at.success[0].value and "No resume yet" in _texts(at)
    files = list((app_env / "files").rglob("*.pdf"))
    assert files == []
    at = at.switch_page(PAGES["new_session"]).run()
    assert at.toggle[0].disabled
