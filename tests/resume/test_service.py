"""ResumeService on SQLite and PostgreSQL: upload, correct, save, read, delete; one user's resume only."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from bench.resume_pdfs import RESUME_LINES, encrypted_pdf, image_only_pdf, png_bytes, text_pdf
from igym.config import load_settings
from igym.db import repository as repo
from igym.errors import InvalidInput, NotFound
from igym.resumes.form import profile_from_form
from igym.resumes.pdf import ResumeFileError
from igym.services import AppServices, build_services
from tests.resume.conftest import sign_up


def _storage_key(services: AppServices, user: uuid.UUID) -> str | None:
    with services.db.session() as db:
        row = repo.get_resume(db, user_id=user)
        return row.storage_key if row else None


def test_upload_correct_save_get_and_delete(services: AppServices) -> None:
    user = sign_up(services)
    pdf = text_pdf(RESUME_LINES)
    draft = services.resumes.upload_and_parse(user_id=user, filename="C:\\Users\\alex\\My CV.pdf", data=pdf)
    assert draft.file_name == "My CV.pdf" and draft.size_bytes == len(pdf) and draft.pages == 1
    assert not draft.confirmed and draft.parser == "headings-v1"
    assert "Kubernetes" in draft.profile.skills
    key = _storage_key(services, user)
    assert key is not None and key.startswith(f"{user}/resume/") and services.files.get(key) == pdf
    assert services.resumes.get_file(user_id=user) == pdf
    assert services.users.get_profile(user_id=user).stats.has_resume

    corrected = profile_from_form(
        skills="Kubernetes\nHelm\nGo", projects="Cost dashboard\nGrafana per team", experience="SRE, Acme"
    )
    saved = services.resumes.save(user_id=user, profile=corrected)
    assert saved.confirmed and saved.profile == corrected and saved.parser == "headings-v1"
    again = services.resumes.get(user_id=user)
    assert again is not None and again.profile.skills == ["Kubernetes", "Helm", "Go"] and again.confirmed
    with services.db.session() as db:
        row = repo.get_resume(db, user_id=user)
        assert row is not None and "Acme Corp" in (row.raw_text or "")

    assert services.resumes.delete(user_id=user) is True
    assert services.resumes.get(user_id=user) is None
    assert not services.files.exists(key)
    with services.db.session() as db:
        assert repo.get_resume(db, user_id=user) is None
    assert not services.users.get_profile(user_id=user).stats.has_resume
    assert services.resumes.delete(user_id=user) is False


def test_another_user_can_neither_see_nor_change_nor_delete_it(services: AppServices) -> None:
    owner, other = sign_up(services, "Owner"), sign_up(services, "Other")
    services.resumes.upload_and_parse(user_id=owner, filename="cv.pdf", data=text_pdf(RESUME_LINES))
    assert services.resumes.get(user_id=other) is None
    with pytest.raises(NotFound):
        services.resumes.get_file(user_id=other)
    with pytest.raises(NotFound):
        services.resumes.save(user_id=other, profile={"skills": ["Hacking"]})
    assert services.resumes.delete(user_id=other) is False
    kept = services.resumes.get(user_id=owner)
    assert kept is not None and "Kubernetes" in kept.profile.skills
    with pytest.raises(InvalidInput, match="resume"):  # the other user still has none to tailor with
        services.sessions.create(user_id=other, interview_type="behavioral", difficulty="warm_up", use_resume=True)
    services.sessions.create(user_id=owner, interview_type="behavioral", difficulty="warm_up", use_resume=True)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (encrypted_pdf(text_pdf(RESUME_LINES), user_password="pw"), "encrypted"),
        (image_only_pdf(), "no_text"),
        (png_bytes(), "not_pdf"),
        (text_pdf(RESUME_LINES)[:400], "malformed"),
        (text_pdf([[f"p{i} Kubernetes platform work"] for i in range(300)]), "too_many_pages"),
    ],
    ids=["encrypted", "image-only", "png", "truncated", "300-pages"],
)
def test_a_refused_upload_stores_nothing_and_keeps_the_previous_resume(
    services: AppServices, data: bytes, reason: str
) -> None:
    user = sign_up(services)
    first = services.resumes.upload_and_parse(user_id=user, filename="good.pdf", data=text_pdf(RESUME_LINES))
    key = _storage_key(services, user)
    with pytest.raises(ResumeFileError) as caught:
        services.resumes.upload_and_parse(user_id=user, filename="resume.pdf", data=data)
    assert caught.value.reason == reason
    kept = services.resumes.get(user_id=user)
    assert kept is not None and kept.file_name == "good.pdf" and kept.profile == first.profile
    assert _storage_key(services, user) == key and key is not None and services.files.exists(key)
    stored = sorted(p.name for p in (services.settings.data_dir / "files" / str(user) / "resume").iterdir())
    assert stored == [key.rsplit("/", 1)[1]]


def test_the_size_limit_comes_from_settings(services: AppServices) -> None:
    user = sign_up(services)
    assert services.resumes.limits.max_bytes == 5 * 1024 * 1024 and services.resumes.limits.max_pages == 20
    big = text_pdf(RESUME_LINES) + b"%" + b"0" * (5 * 1024 * 1024)
    with pytest.raises(ResumeFileError, match="limit is 5 MB"):
        services.resumes.upload_and_parse(user_id=user, filename="big.pdf", data=big)
    assert services.resumes.get(user_id=user) is None


def test_a_new_upload_replaces_the_old_file_and_draft(services: AppServices) -> None:
    user = sign_up(services)
    services.resumes.upload_and_parse(user_id=user, filename="old.pdf", data=text_pdf(RESUME_LINES))
    services.resumes.save(user_id=user, profile={"skills": ["Kubernetes"]})
    old_key = _storage_key(services, user)
    new = services.resumes.upload_and_parse(
        user_id=user, filename="new.pdf", data=text_pdf(["SKILLS", "Rust, Kafka", "EXPERIENCE", "Engineer, Gamma"] * 3)
    )
    assert new.file_name == "new.pdf" and new.profile.skills == ["Rust", "Kafka"] and not new.confirmed
    assert old_key is not None and not services.files.exists(old_key)


def test_deleting_the_account_deletes_the_resume_file(services: AppServices) -> None:
    user = sign_up(services)
    services.resumes.upload_and_parse(user_id=user, filename="cv.pdf", data=text_pdf(RESUME_LINES))
    key = _storage_key(services, user)
    services.users.delete_account(user_id=user)
    assert key is not None and not services.files.exists(key)


def test_saving_without_a_resume_or_with_a_broken_shape_is_explained(services: AppServices) -> None:
    user = sign_up(services)
    with pytest.raises(NotFound, match="Upload your resume"):
        services.resumes.save(user_id=user, profile={"skills": ["Go"]})
    services.resumes.upload_and_parse(user_id=user, filename="cv.pdf", data=text_pdf(RESUME_LINES))
    with pytest.raises(InvalidInput, match="could not be read"):
        services.resumes.save(user_id=user, profile={"skills": 42})


def test_page_and_size_limits_follow_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IGYM_MAX_RESUME_PAGES", "2")
    monkeypatch.setenv("IGYM_MAX_RESUME_MB", "0.5")
    app = build_services(load_settings(data_dir=tmp_path / "data"))
    try:
        assert app.resumes.limits.max_pages == 2 and app.resumes.limits.max_bytes == 512 * 1024
        user = sign_up(app)
        with pytest.raises(ResumeFileError, match="at most 2"):
            app.resumes.upload_and_parse(user_id=user, filename="cv.pdf", data=text_pdf([RESUME_LINES] * 3))
        with pytest.raises(ResumeFileError, match="limit is 512 KB"):
            app.resumes.upload_and_parse(user_id=user, filename="cv.pdf", data=text_pdf(RESUME_LINES) + b"%" * 600_000)
    finally:
        app.db.engine.dispose()


def test_uploads_are_limited_per_user_per_hour(tmp_path: Path, database_url: str) -> None:
    from bench.resume_pdfs import content_bomb_pdf
    from igym.errors import LimitReached
    from tests.conftest import make_settings

    services = build_services(make_settings(tmp_path, resume_uploads_per_hour=3, database_url_raw=database_url))
    user = sign_up(services)
    services.resumes.upload_and_parse(user_id=user, filename="cv.pdf", data=text_pdf(RESUME_LINES))
    for _ in range(2):  # refused files count too: each one cost a worker's time
        with pytest.raises(ResumeFileError, match="too complex"):
            services.resumes.upload_and_parse(user_id=user, filename="bomb.pdf", data=content_bomb_pdf())
    with pytest.raises(LimitReached, match="uploaded 3 files in the last hour"):
        services.resumes.upload_and_parse(user_id=user, filename="cv.pdf", data=text_pdf(RESUME_LINES))
    kept = services.resumes.get(user_id=user)
    assert kept is not None and kept.file_name == "cv.pdf"  # the saved resume is untouched
    other = sign_up(services, "Other")
    services.resumes.upload_and_parse(user_id=other, filename="cv.pdf", data=text_pdf(RESUME_LINES))  # per user
    services.db.engine.dispose()
