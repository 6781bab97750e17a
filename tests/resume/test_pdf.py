"""PDF text extraction: a real text PDF reads; every kind of bad upload is refused with its own clear message."""

from __future__ import annotations

import time

import pytest

from bench.resume_pdfs import RESUME_LINES, encrypted_pdf, image_only_pdf, png_bytes, text_pdf
from igym.errors import InvalidInput
from igym.resumes.pdf import ResumeFileError, extract_text

MB = 1024 * 1024


def _extract(data: bytes, *, max_bytes: int = 5 * MB, max_pages: int = 20) -> str:
    return extract_text(data, max_bytes=max_bytes, max_pages=max_pages).text


def _refused(data: bytes, **limits: int) -> ResumeFileError:
    with pytest.raises(ResumeFileError) as caught:
        _extract(data, **limits)
    assert isinstance(caught.value, InvalidInput)  # pages show every InvalidInput as a message
    assert "Traceback" not in str(caught.value) and len(str(caught.value)) < 300
    return caught.value


def test_a_text_pdf_gives_back_its_lines() -> None:
    extracted = extract_text(text_pdf(RESUME_LINES), max_bytes=5 * MB, max_pages=20)
    assert extracted.pages == 1
    assert "Infrastructure: Kubernetes | Terraform | AWS" in extracted.text.splitlines()
    assert extracted.text.splitlines()[0] == "Alex Rivera"


def test_a_png_renamed_to_pdf_is_not_a_pdf() -> None:
    error = _refused(png_bytes())
    assert error.reason == "not_pdf" and "isn't a PDF" in str(error)


def test_a_word_document_or_plain_text_is_not_a_pdf() -> None:
    assert _refused(b"PK\x03\x04 this is really a docx").reason == "not_pdf"
    assert _refused("\n".join(RESUME_LINES).encode()).reason == "not_pdf"


def test_an_empty_file_is_refused() -> None:
    assert _refused(b"").reason == "empty"


@pytest.mark.parametrize("cut", [0.5, 0.2])
def test_a_truncated_pdf_is_damaged(cut: float) -> None:
    data = text_pdf(RESUME_LINES)
    error = _refused(data[: int(len(data) * cut)])
    assert error.reason == "malformed" and "damaged" in str(error)


def test_garbage_after_a_pdf_header_is_damaged() -> None:
    assert _refused(b"%PDF-1.7\n" + bytes(range(256)) * 40).reason == "malformed"


def test_a_password_protected_pdf_asks_for_the_password_to_be_removed() -> None:
    error = _refused(encrypted_pdf(text_pdf(RESUME_LINES), user_password="s3cret"))
    assert error.reason == "encrypted" and "password" in str(error)


def test_a_pdf_encrypted_only_against_editing_opens_without_a_password() -> None:
    data = encrypted_pdf(text_pdf(RESUME_LINES), user_password="")
    assert "Kubernetes" in _extract(data)


def test_an_image_only_pdf_has_no_text_layer() -> None:
    error = _refused(image_only_pdf())
    assert error.reason == "no_text"
    assert "scan" in str(error) and "text can be selected" in str(error)


def test_a_pdf_with_only_a_name_on_it_counts_as_no_text() -> None:
    assert _refused(text_pdf(["Alex"])).reason == "no_text"


def test_hundreds_of_pages_are_refused_before_any_text_is_read() -> None:
    data = text_pdf([[f"Page {i} of a very long portfolio with Kubernetes work"] for i in range(300)])
    started = time.perf_counter()
    error = _refused(data)
    assert error.reason == "too_many_pages" and "300 pages" in str(error) and "at most 20" in str(error)
    assert time.perf_counter() - started < 10.0  # reading 300 pages takes far longer (margin: a busy machine)


def test_the_page_limit_is_a_setting() -> None:
    data = text_pdf([RESUME_LINES, RESUME_LINES, RESUME_LINES])
    assert _refused(data, max_pages=2).reason == "too_many_pages"
    assert extract_text(data, max_bytes=5 * MB, max_pages=3).pages == 3


def test_a_file_over_the_size_limit_is_refused_with_the_limit() -> None:
    data = text_pdf(RESUME_LINES)
    error = _refused(data, max_bytes=len(data) - 1)
    assert error.reason == "too_large"
    five = _refused(data + b"\n%" + b"x" * (5 * MB), max_bytes=5 * MB)
    assert "the limit is 5 MB" in str(five)
