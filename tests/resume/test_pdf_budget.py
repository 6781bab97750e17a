"""Hostile PDFs get a clear refusal within the budget: content bombs, slow files, memory hogs, any bytes."""

from __future__ import annotations

import time
import zlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.resume_pdfs import RESUME_LINES, _document, _stream, content_bomb_pdf, text_pdf
from igym.resumes.pdf import ResumeFileError
from igym.resumes.pdf_worker import extract_text_bounded

LIMITS = {"max_bytes": 5 * 1024 * 1024, "max_pages": 20}


# Wall-clock figures (refusal in 0.15 s, cut at the budget) are printed by bench/bench_resume_pdf.py; these
# tests check *how* each file was refused, which does not depend on how busy the machine is: a refusal by the
# content checks names no time, one by the budget says "within N seconds".


def _refusal(data: bytes, *, timeout_s: float = 4.0, memory_mb: int = 512) -> str:
    """The message the bounded reader refused `data` with as too complex (fails if it read it, or said otherwise)."""
    with pytest.raises(ResumeFileError) as refused:
        extract_text_bounded(data, timeout_s=timeout_s, memory_mb=memory_mb, **LIMITS)
    assert refused.value.reason == "too_complex", str(refused.value)
    assert "too complex to read" in str(refused.value)
    return str(refused.value)


def test_the_shared_stream_content_bomb_is_refused_at_once() -> None:
    bomb = content_bomb_pdf()  # 20 pages sharing one 2 MB stream of empty text operators
    assert len(bomb) < 8 * 1024
    assert "within" not in _refusal(bomb, timeout_s=60)  # the content checks refused it, not the clock


def test_a_file_under_the_content_limits_that_is_still_slow_is_cut_off_at_the_budget() -> None:
    slow = content_bomb_pdf(pages=3, stream_mb=2.5)  # 7.5 MB in all: passes the checks, needs ~10 s to read
    started = time.perf_counter()
    assert "within 1 seconds" in _refusal(slow, timeout_s=1.0)  # killed by the budget
    assert time.perf_counter() - started < 60  # and not after reading it all (a sanity bound, not a timing)


def test_a_file_that_needs_more_memory_than_the_budget_is_refused() -> None:
    zeros = zlib.compress(b"0" * (70 * 1024 * 1024), 9)  # 70 MB of one digit (under pypdf's own cap), 70 KB packed
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        _stream(zeros, "/Filter /FlateDecode "),
    ]
    assert "within" not in _refusal(_document(objects), timeout_s=60, memory_mb=128)  # out of room, not the app


def test_an_ordinary_resume_is_still_read_through_the_worker() -> None:
    extracted = extract_text_bounded(text_pdf(RESUME_LINES), timeout_s=4.0, memory_mb=512, **LIMITS)
    assert "Kubernetes" in extracted.text and extracted.pages == 1


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4000))
def test_any_bytes_after_a_pdf_header_get_text_or_a_clear_refusal_within_the_budget(tail: bytes) -> None:
    try:
        extract_text_bounded(b"%PDF-1.4\n" + tail, timeout_s=4.0, memory_mb=512, **LIMITS)
    except ResumeFileError as exc:
        assert str(exc) and exc.reason  # the reader never hangs: a refusal by the budget is still a clear one
