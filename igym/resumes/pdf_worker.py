"""Reading a resume PDF in a separate, bounded process: `python -m igym.resumes.pdf_worker`.

A PDF is a program as much as a document: a few kilobytes can decompress to megabytes of drawing operators
that a text extractor walks one by one (a 7 KB file of 20 pages sharing one 2 MB stream of empty text
operators costs pypdf over a minute), or build object graphs that eat memory. So the app never reads an
upload in its own process. `extract_text_bounded` runs `igym.resumes.pdf.extract_text` in a child Python
process that:

* limits its own address space (``RLIMIT_AS``, `memory_mb`) and CPU time (``RLIMIT_CPU``) before reading;
* refuses pages whose decoded content is over `MAX_PAGE_CONTENT_BYTES`, or a document whose pages add up to
  over `MAX_DOCUMENT_CONTENT_BYTES` (a shared stream counts once per page that draws it), before any text is
  extracted — the fast, specific answer for content bombs;
* is killed when it has not answered within `timeout_s` of saying it is ready (the guarantee for everything
  the checks miss; the child's own start-up, which a loaded machine can stretch to seconds, is not counted).

Every way it can end — an answer, a refusal, a timeout, running out of memory, crashing — becomes the text
or a `ResumeFileError` with a message the user can act on. The PDF goes to the child on standard input and
the answer comes back as one JSON line on standard output; nothing is written to disk. At most
`MAX_WORKERS` children run at once per process (each may hold `memory_mb`); a caller that finds none free
within the timeout is told to try again. Safe to call from any thread.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import threading
from pathlib import Path

from igym.resumes.pdf import ExtractedText, ResumeFileError, check_upload

log = logging.getLogger(__name__)

MAX_PAGE_CONTENT_BYTES = 3 * 1024 * 1024
MAX_DOCUMENT_CONTENT_BYTES = 8 * 1024 * 1024
MAX_WORKERS = 2
# The child says READY once Python and pypdf are loaded; `timeout_s` counts from then. Start-up itself gets
# this long (a loaded machine can take seconds to start a Python process) before the reader says it is busy.
STARTUP_TIMEOUT_S = 30.0
READY = b"READY"
_SLOTS = threading.BoundedSemaphore(MAX_WORKERS)
_PROJECT_ROOT = Path(__file__).resolve().parents[2]


def too_complex(timeout_s: float | None = None) -> ResumeFileError:
    within = f" within {timeout_s:g} seconds" if timeout_s else ""
    return ResumeFileError(
        f"That PDF is too complex to read{within}: it holds far more drawing instructions than a resume needs. "
        "Export it again from your editor (or use Print → Save as PDF) and upload the new file.",
        reason="too_complex",
    )


def extract_text_bounded(
    data: bytes, *, max_bytes: int, max_pages: int, timeout_s: float, memory_mb: int
) -> ExtractedText:
    """The PDF's text, read in a child process with a time and memory budget (see the module doc).

    Raises:
        ResumeFileError: everything `extract_text` refuses, plus "too complex" for a file over either budget
            or over the content limits, and "busy" when no worker is free in time.
    """
    check_upload(data, max_bytes=max_bytes)  # empty, too large, not a PDF: no process needed for that
    if not _SLOTS.acquire(timeout=timeout_s):
        raise ResumeFileError("Several resumes are being read right now. Please try again in a moment.", reason="busy")
    try:
        return _run_child(data, max_bytes=max_bytes, max_pages=max_pages, timeout_s=timeout_s, memory_mb=memory_mb)
    finally:
        _SLOTS.release()


def _run_child(data: bytes, *, max_bytes: int, max_pages: int, timeout_s: float, memory_mb: int) -> ExtractedText:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(_PROJECT_ROOT), os.environ.get("PYTHONPATH")])),
    }
    command = [
        sys.executable,
        "-m",
        "igym.resumes.pdf_worker",
        str(max_bytes),
        str(max_pages),
        str(memory_mb),
        str(max(1, int(timeout_s) + 1)),
    ]
    child = subprocess.Popen(
        command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, close_fds=True
    )
    if not _started(child):
        child.kill()
        child.communicate()
        log.warning("resume PDF worker did not start within %.0f s", STARTUP_TIMEOUT_S)
        raise ResumeFileError("The server is too busy to read a resume right now. Please try again in a moment.",
                              reason="busy")
    try:
        out, _ = child.communicate(input=data, timeout=timeout_s)
    except subprocess.TimeoutExpired:
        child.kill()
        child.communicate()
        log.info("resume PDF worker killed after %.1f s", timeout_s)
        raise too_complex(timeout_s) from None
    try:
        answer = json.loads(out.decode("utf-8").strip().splitlines()[-1])
    except (ValueError, IndexError, UnicodeError):
        log.info("resume PDF worker ended without an answer (exit %s)", child.returncode)
        raise too_complex() from None
    if answer.get("ok"):
        return ExtractedText(text=str(answer["text"]), pages=int(answer["pages"]))
    raise ResumeFileError(str(answer["message"]), reason=str(answer["reason"]))


def _started(child: subprocess.Popen[bytes]) -> bool:
    """Wait for the child's READY line (its imports done), so a busy machine's start-up never eats the budget."""
    line: list[bytes] = []
    assert child.stdout is not None
    reader = threading.Thread(target=lambda: line.append(child.stdout.readline()), daemon=True)  # type: ignore[union-attr]
    reader.start()
    reader.join(STARTUP_TIMEOUT_S)
    return bool(line) and line[0].strip() == READY


# --- the child ------------------------------------------------------------------------------------------------


def _limit_self(memory_mb: int, cpu_s: int) -> None:
    import resource

    limit = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_s, cpu_s + 1))


def _check_content(data: bytes, *, max_pages: int) -> None:
    """Refuse a document whose pages decode to more drawing instructions than any resume has."""
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted or len(reader.pages) > max_pages:
        return  # extract_text explains these at once
    total = 0
    for page in reader.pages:
        contents = page.get_contents()
        size = len(contents.get_data()) if contents is not None else 0
        total += size
        if size > MAX_PAGE_CONTENT_BYTES or total > MAX_DOCUMENT_CONTENT_BYTES:
            raise too_complex()


def _child_main(argv: list[str]) -> int:
    max_bytes, max_pages, memory_mb, cpu_s = (int(arg) for arg in argv)
    _limit_self(memory_mb, cpu_s)
    from pypdf import PdfReader  # noqa: F401  (imported before READY, so the budget is spent on reading only)

    from igym.resumes.pdf import extract_text

    sys.stdout.buffer.write(READY + b"\n")
    sys.stdout.flush()
    data = sys.stdin.buffer.read()

    try:
        try:
            _check_content(data, max_pages=max_pages)
        except ResumeFileError:
            raise
        except MemoryError:
            raise too_complex() from None
        except Exception:  # a damaged file: extract_text below gives the precise reason
            pass
        result = extract_text(data, max_bytes=max_bytes, max_pages=max_pages)
        answer = {"ok": True, "text": result.text, "pages": result.pages}
    except ResumeFileError as exc:
        answer = {"ok": False, "message": str(exc), "reason": exc.reason}
    except MemoryError:
        too = too_complex()
        answer = {"ok": False, "message": str(too), "reason": too.reason}
    sys.stdout.write(json.dumps(answer) + "\n")
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(_child_main(sys.argv[1:]))
