"""Time to an answer for ordinary and hostile resume PDFs: `.venv/bin/python bench/bench_resume_pdf.py`.

Not a test: it prints figures.

For each file, the wall time of what the upload does now (`extract_text_bounded`: a worker process with the
settings' time and memory budget) and, with `--in-process`, of reading it directly in this process with
`extract_text` (what uploads did before the worker; the content bomb takes about a minute that way). Files:
a one-page resume, the 7 KB content bomb (20 pages sharing one 2 MB stream of empty text operators), a
3-page file that passes the content limits but needs ~10 s to read, and a 70 MB stream of zeros. The
machine's load changes the in-process times a lot and the bounded ones little (they are capped).
"""

from __future__ import annotations

import argparse
import sys
import time
import zlib
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.resume_pdfs import RESUME_LINES, _document, _stream, content_bomb_pdf, text_pdf
from igym.config import Settings
from igym.resumes.pdf import ResumeFileError, extract_text
from igym.resumes.pdf_worker import extract_text_bounded


def _zeros() -> bytes:
    packed = zlib.compress(b"0" * (70 * 1024 * 1024), 9)
    return _document(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
            _stream(packed, "/Filter /FlateDecode "),
        ]
    )


def _timed(read: Callable[[], object]) -> tuple[float, str]:
    started = time.perf_counter()
    try:
        read()
        outcome = "read"
    except ResumeFileError as exc:
        outcome = exc.reason
    return time.perf_counter() - started, outcome


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--in-process", action="store_true", help="also time the unbounded in-process read")
    args = parser.parse_args()
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    limits = {"max_bytes": settings.max_resume_bytes, "max_pages": settings.max_resume_pages}
    files = {
        "one-page resume": text_pdf(RESUME_LINES),
        "content bomb (20 pages, 2 MB shared)": content_bomb_pdf(),
        "slow file (3 pages, 2.5 MB each)": content_bomb_pdf(pages=3, stream_mb=2.5),
        "70 MB stream of zeros": _zeros(),
    }
    print(f"budget: {settings.resume_parse_timeout_s:g} s, {settings.resume_parse_memory_mb} MB per worker")
    print(f"{'file':40} {'size':>8}  {'bounded':>16}" + (f"  {'in process':>18}" if args.in_process else ""))
    for name, data in files.items():
        bounded = _timed(
            lambda data=data: extract_text_bounded(
                data,
                timeout_s=settings.resume_parse_timeout_s,
                memory_mb=settings.resume_parse_memory_mb,
                **limits,
            )
        )
        line = f"{name:40} {len(data) / 1024:6.1f}KB  {bounded[0]:6.2f} s {bounded[1]:>8}"
        if args.in_process:
            direct = _timed(lambda data=data: extract_text(data, **limits))
            line += f"  {direct[0]:7.2f} s {direct[1]:>9}"
        print(line, flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
