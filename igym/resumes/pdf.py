"""Text out of an uploaded PDF, or a clear reason why not.

Checks run cheapest first, so a bad file costs little: size, then the ``%PDF-`` magic bytes (a photo or a
Word file renamed ``.pdf`` never reaches the parser), then opening it, encryption, page count, and only then
text extraction, which is the slow part and is bounded by the page limit and a character cap.

pypdf raises a wide range of exceptions on damaged files (its own `PdfReadError` tree, but also `ValueError`,
`KeyError`, `TypeError`, `RecursionError` from deeply broken object graphs); all of them are mapped here to
one `ResumeFileError` with a message a user can act on. Pure function of its input: safe on any thread, but
unbounded in time and memory on a hostile file, so the app calls it through `igym.resumes.pdf_worker`.
"""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass

from pypdf import PasswordType, PdfReader
from pypdf.errors import FileNotDecryptedError, PdfReadError, PyPdfError

from igym.errors import InvalidInput

log = logging.getLogger(__name__)

PDF_MAGIC = b"%PDF-"
# Real PDFs may have a little junk before the header; viewers look in the first kilobyte.
_MAGIC_WINDOW = 1024
# Fewer readable characters than this over the whole document means there is no text layer to speak of.
MIN_TEXT_CHARS = 40
MAX_TEXT_CHARS = 60_000


class ResumeFileError(InvalidInput):
    """An uploaded resume that cannot be used; `reason` is a stable key for tests and analytics."""

    def __init__(self, message: str, *, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class ExtractedText:
    """A PDF's text and page count, as read within the budget."""

    text: str
    pages: int


def extract_text(data: bytes, *, max_bytes: int, max_pages: int, max_chars: int = MAX_TEXT_CHARS) -> ExtractedText:
    """The text layer of a PDF resume, whitespace tidied, at most `max_chars` characters.

    Raises:
        ResumeFileError: empty, too large, not a PDF, damaged, password-protected, too many pages, or no text
            layer (a scan or a photo) — each with its own message and `reason`.
    """
    check_upload(data, max_bytes=max_bytes)
    reader = _open(data)
    pages = _page_count(reader)
    if pages == 0:
        raise ResumeFileError("That PDF has no pages.", reason="malformed")
    if pages > max_pages:
        raise ResumeFileError(
            f"That PDF has {pages} pages; a resume can have at most {max_pages}. Upload just your resume, "
            "not a portfolio or a whole document.",
            reason="too_many_pages",
        )
    text = _text(reader, max_chars=max_chars)
    if sum(1 for ch in text if ch.isalnum()) < MIN_TEXT_CHARS:
        raise ResumeFileError(
            "We couldn't find any text in that PDF — it looks like a scan or an image. Upload a PDF exported "
            "from your editor (Word, Google Docs, LaTeX...), where the text can be selected.",
            reason="no_text",
        )
    return ExtractedText(text=text, pages=pages)


def check_upload(data: bytes, *, max_bytes: int) -> None:
    """The checks that need no parsing: empty, too large, not a PDF at all (each with its own message)."""
    if not data:
        raise ResumeFileError("That file is empty. Choose your resume as a PDF file.", reason="empty")
    if len(data) > max_bytes:
        raise ResumeFileError(
            f"That file is {len(data) / 1_048_576:.1f} MB; the limit is {_mb(max_bytes)}. "
            "Export your resume as a plain PDF (without embedded images) to make it smaller.",
            reason="too_large",
        )
    if PDF_MAGIC not in data[:_MAGIC_WINDOW]:
        raise ResumeFileError(
            "That file isn't a PDF (it may have been renamed to .pdf). Save or export your resume as PDF "
            "from your editor and upload that.",
            reason="not_pdf",
        )


def _open(data: bytes) -> PdfReader:
    try:
        reader = PdfReader(io.BytesIO(data))
        # Many PDFs are "encrypted" only to restrict printing: an empty user password opens them.
        if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
            raise _password_protected()
        return reader
    except FileNotDecryptedError:
        raise _password_protected() from None
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError) as exc:
        log.info("unreadable PDF upload: %s", type(exc).__name__)
        raise _malformed() from None


def _page_count(reader: PdfReader) -> int:
    try:
        return len(reader.pages)
    except FileNotDecryptedError:
        raise _password_protected() from None
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError):
        raise _malformed() from None


def _text(reader: PdfReader, *, max_chars: int) -> str:
    parts: list[str] = []
    size = 0
    try:
        for page in reader.pages:
            chunk = page.extract_text() or ""
            parts.append(chunk)
            size += len(chunk)
            if size >= max_chars:
                break
    except FileNotDecryptedError:
        raise _password_protected() from None
    except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError):
        if not parts:
            raise _malformed() from None
        log.info("PDF text extraction stopped early on a damaged page; keeping %d page(s)", len(parts))
    return _tidy("\n".join(parts))[:max_chars]


_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b]+")
_BLANK_LINES = re.compile(r"\n{3,}")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _tidy(text: str) -> str:
    text = _CONTROL.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def _password_protected() -> ResumeFileError:
    return ResumeFileError(
        "That PDF is password-protected. Remove the password (open it and save or print it as a new PDF) "
        "and upload it again.",
        reason="encrypted",
    )


def _malformed() -> ResumeFileError:
    return ResumeFileError(
        "That PDF is damaged or incomplete and can't be read. Export it again from your editor and re-upload.",
        reason="malformed",
    )


def _mb(max_bytes: int) -> str:
    value = max_bytes / 1_048_576
    return f"{value:g} MB" if value >= 1 else f"{max_bytes // 1024} KB"
