"""Resumes as the pages see them: upload and parse, save the user's corrections, get, delete.

A user has at most one resume. Uploading stores the PDF in the `FileStore` under ``<user_id>/resume/...`` and
the text and parsed draft in the `resumes` row at once, so a refresh never loses a parse that took seconds;
the draft is marked unconfirmed until the user saves it. Slow work (text extraction, the model call) happens
before any transaction is opened; text extraction runs in a worker process with a time and memory budget
(`igym.resumes.pdf_worker`), and uploads are limited per user per hour. The file is written before the row and
the previous file is removed only after the row points at the new one, so a crash leaves at worst an orphan
file, never a row without its file.

Every method takes the signed-in user's id; there is no way to name another user's resume.
"""

from __future__ import annotations

import logging
import math
import re
import unicodedata
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic import ValidationError

from igym.config import Settings
from igym.db import repository as repo
from igym.db.engine import Database
from igym.db.tables import Resume
from igym.errors import InvalidInput, LimitReached, NotFound
from igym.guards.rate_limit import SlidingWindowLimit
from igym.prompts import Prompt
from igym.providers.base import ChatModel
from igym.resumes.llm_parse import ParsedResume, parse_resume_offline
from igym.resumes.parse import OFFLINE_PARSER, ResumeProfile
from igym.resumes.pdf import check_upload
from igym.resumes.pdf_worker import extract_text_bounded
from igym.storage.base import FileStore

log = logging.getLogger(__name__)

ResumeParser = Callable[[str], ParsedResume]
MAX_FILE_NAME = 120


@dataclass(frozen=True, slots=True)
class ResumeLimits:
    """Upload limits; reading runs in a worker process with `parse_timeout_s` and `parse_memory_mb`."""

    max_bytes: int = 5 * 1024 * 1024
    max_pages: int = 20
    parse_timeout_s: float = 4.0
    parse_memory_mb: int = 512
    uploads_per_hour: int = 10


@dataclass(frozen=True, slots=True)
class StoredResume:
    """The user's resume: file facts, the parsed profile, and whether the user has checked and saved it.

    Attributes:
        parser: who produced the first draft: a prompt label (``resume_parser-v1``) or ``headings-v1`` (the
            offline rules); kept when the user saves corrections, `confirmed` says that.
        confirmed: False for a fresh upload's draft, True once the user saved it.
        notice: why the offline rules were used although a model is configured, for the page to say.
    """

    file_name: str
    size_bytes: int
    pages: int | None
    profile: ResumeProfile
    parser: str
    confirmed: bool
    notice: str | None
    updated_at: datetime


class ResumeService:
    """Upload, parse, read and delete a user's resume (the file in the file store, the fields in the database).

    Uploads are limited per hour and parsed in a worker process under a time and memory budget.
    """

    def __init__(
        self,
        db: Database,
        files: FileStore,
        *,
        parser: ResumeParser = parse_resume_offline,
        limits: ResumeLimits | None = None,
    ) -> None:
        """`parser` is the Groq parser (`LlmResumeParser`) when a model is configured, else the offline one."""
        self._db = db
        self._files = files
        self._parser = parser
        self.limits = limits or ResumeLimits()
        self._uploads = SlidingWindowLimit(max_events=self.limits.uploads_per_hour, window_s=3600)

    def upload_and_parse(self, *, user_id: uuid.UUID, filename: str, data: bytes) -> StoredResume:
        """Check, read and parse a PDF, store it, and return the parsed draft for the user to correct.

        Replaces any earlier resume (file and row). Nothing is stored when the file is refused.

        Every upload that gets as far as reading counts against `uploads_per_hour` per user (kept in this
        process), because each one costs a worker process up to its time budget.

        Raises:
            ResumeFileError: (an `InvalidInput`) the file is empty, too large, not a PDF, damaged,
                password-protected, too long, too complex to read within the budget, or has no text layer.
            LimitReached: the user uploaded `uploads_per_hour` files in the last hour.
        """
        wait = self._uploads.retry_after(str(user_id))
        if wait > 0:
            raise LimitReached(
                f"You've uploaded {self.limits.uploads_per_hour} files in the last hour. You can upload again in "
                f"{max(1, math.ceil(wait / 60))} min; your saved resume is unchanged."
            )
        check_upload(data, max_bytes=self.limits.max_bytes)
        self._uploads.record(str(user_id))
        extracted = extract_text_bounded(
            data,
            max_bytes=self.limits.max_bytes,
            max_pages=self.limits.max_pages,
            timeout_s=self.limits.parse_timeout_s,
            memory_mb=self.limits.parse_memory_mb,
        )
        parsed = self._parser(extracted.text)
        key = f"{user_id}/resume/{uuid.uuid4().hex}.pdf"
        self._files.put(key, data, content_type="application/pdf")
        try:
            with self._db.session() as db:
                if repo.get_user(db, user_id=user_id) is None:
                    raise NotFound("Your account no longer exists. Please sign up again.")
                previous = repo.get_resume(db, user_id=user_id)
                old_key = previous.storage_key if previous else None
                row = repo.upsert_resume(
                    db,
                    user_id=user_id,
                    file_name=clean_file_name(filename),
                    storage_key=key,
                    content_type="application/pdf",
                    size_bytes=len(data),
                    raw_text=extracted.text,
                    parsed_data=_stored(
                        parsed.profile,
                        parser=parsed.parser,
                        confirmed=False,
                        pages=extracted.pages,
                        notice=parsed.notice,
                    ),
                )
                stored = _to_stored(row)
        except BaseException:
            self._files.delete([key])
            raise
        if old_key and old_key != key:
            self._forget_file(old_key)
        return stored

    def save(self, *, user_id: uuid.UUID, profile: ResumeProfile | dict[str, Any]) -> StoredResume:
        """Keep the user's corrected profile (it is re-validated and capped like a parser's).

        Raises:
            NotFound: there is no resume to save (upload one first).
            InvalidInput: the profile cannot be read (a page sent a wrong shape).
        """
        try:
            checked = profile if isinstance(profile, ResumeProfile) else ResumeProfile.model_validate(profile)
        except ValidationError:
            raise InvalidInput("Those resume details could not be read; check each field and save again.") from None
        with self._db.session() as db:
            row = repo.get_resume(db, user_id=user_id)
            if row is None:
                raise NotFound("There is no resume to save. Upload your resume as a PDF first.")
            previous = row.parsed_data or {}
            row.parsed_data = _stored(
                checked,
                parser=str(previous.get("parser") or OFFLINE_PARSER),
                confirmed=True,
                pages=previous.get("pages"),
                notice=None,
            )
            db.flush()
            return _to_stored(row)

    def get(self, *, user_id: uuid.UUID) -> StoredResume | None:
        with self._db.session() as db:
            row = repo.get_resume(db, user_id=user_id)
            return _to_stored(row) if row is not None else None

    def get_file(self, *, user_id: uuid.UUID) -> bytes:
        """The uploaded PDF's bytes (for a download button).

        Raises:
            NotFound: no resume, or its file is no longer stored.
        """
        with self._db.session() as db:
            row = repo.get_resume(db, user_id=user_id)
            key = row.storage_key if row else None
        if not key:
            raise NotFound("There is no resume file stored.")
        return self._files.get(key)

    def delete(self, *, user_id: uuid.UUID) -> bool:
        """Remove the resume's row (text and parsed data) and then its file; False when there was none."""
        with self._db.session() as db:
            row = repo.get_resume(db, user_id=user_id)
            key = row.storage_key if row else None
            deleted = repo.delete_resume(db, user_id=user_id)
        if key:
            self._forget_file(key)
        return deleted

    def _forget_file(self, key: str) -> None:
        """Delete a file the database no longer points at; failure leaves an orphan, logged, never an error."""
        try:
            self._files.delete([key])
        except Exception as exc:  # a storage outage must not undo a committed change
            log.warning("could not delete old resume file (%s); it is now unreferenced", type(exc).__name__)


def clean_file_name(name: str) -> str:
    """The base name only, printable, at most `MAX_FILE_NAME` characters (it is shown back to the user)."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = "".join(ch for ch in unicodedata.normalize("NFC", base) if unicodedata.category(ch)[0] != "C")
    base = " ".join(base.split())
    return base[-MAX_FILE_NAME:] or "resume.pdf"


def _stored(profile: ResumeProfile, *, parser: str, confirmed: bool, pages: Any, notice: str | None) -> dict[str, Any]:
    """The JSON kept in `resumes.parsed_data`; the engine reads its `skills` list."""
    return {
        **profile.model_dump(mode="json"),
        "parser": parser,
        "confirmed": confirmed,
        "pages": pages if isinstance(pages, int) else None,
        "notice": notice,
    }


def _to_stored(row: Resume) -> StoredResume:
    data = dict(row.parsed_data or {})
    return StoredResume(
        file_name=row.file_name,
        size_bytes=row.size_bytes,
        pages=data.get("pages") if isinstance(data.get("pages"), int) else None,
        profile=ResumeProfile.model_validate(data),
        parser=str(data.get("parser") or OFFLINE_PARSER),
        confirmed=bool(data.get("confirmed")),
        notice=data.get("notice") if isinstance(data.get("notice"), str) else None,
        updated_at=row.updated_at,
    )


def build_resume_service(
    db: Database,
    files: FileStore,
    *,
    chat: ChatModel | None,
    settings: Settings,
    prompt: Prompt | None = None,
) -> ResumeService:
    """The service with the Groq parser when a chat model is configured, the offline parser otherwise.

    `prompt` is the active resume-parser prompt when the caller has looked it up (it may be a version saved
    in the Prompt Lab); without it the packaged file named by `resume_prompt_version` is used.
    """
    from igym.resumes.llm_parse import LlmResumeParser

    parser: ResumeParser = (
        LlmResumeParser(chat, prompt_version=settings.resume_prompt_version, prompt=prompt)
        if chat
        else parse_resume_offline
    )
    return ResumeService(
        db,
        files,
        parser=parser,
        limits=ResumeLimits(
            max_bytes=settings.max_resume_bytes,
            max_pages=settings.max_resume_pages,
            parse_timeout_s=settings.resume_parse_timeout_s,
            parse_memory_mb=settings.resume_parse_memory_mb,
            uploads_per_hour=settings.resume_uploads_per_hour,
        ),
    )
