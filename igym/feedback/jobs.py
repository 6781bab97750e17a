"""Background feedback generation, so the page never blocks on an LLM call.

One small thread pool per process (in `AppServices`, shared by every browser session). A job is keyed by
session id; starting one that is already running does nothing, so a refresh or a second tab never doubles
the work. Job state lives only in this process — the result itself goes to the database, so a page on any
replica sees it once it lands. A job that fails keeps its error message for the page and leaves the stored
(rubric) feedback untouched; a process that dies mid-job just leaves the rubric's feedback, which the user
can regenerate.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import wait as wait_futures
from dataclasses import dataclass
from typing import Literal

from igym.errors import IgymError

log = logging.getLogger(__name__)

FAILED = "The AI feedback could not be written this time; the measured rubric's feedback is shown. Try Regenerate."


@dataclass(frozen=True, slots=True)
class JobStatus:
    """Where a session's background feedback stands: idle, running, or failed (with the message)."""

    state: Literal["idle", "running", "failed"]
    error: str | None = None


class FeedbackJobs:
    """Runs LLM feedback on a small thread pool, at most one job per session.

    Status is kept in memory per process and read by the feedback page. A failed job records its error instead of
    raising.
    """

    def __init__(self, run: Callable[[uuid.UUID, uuid.UUID], object], *, workers: int = 2) -> None:
        """`run(user_id, session_id)` does the work (FeedbackService.generate); it is called on a pool thread."""
        self._run = run
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="feedback")
        self._lock = threading.Lock()
        self._jobs: dict[uuid.UUID, Future[object]] = {}
        self._errors: dict[uuid.UUID, str] = {}

    def start(self, *, user_id: uuid.UUID, session_id: uuid.UUID) -> None:
        with self._lock:
            running = self._jobs.get(session_id)
            if running is not None and not running.done():
                return
            self._errors.pop(session_id, None)
            self._jobs[session_id] = self._pool.submit(self._guarded, user_id, session_id)

    def status(self, session_id: uuid.UUID) -> JobStatus:
        with self._lock:
            job = self._jobs.get(session_id)
            if job is not None and not job.done():
                return JobStatus("running")
            error = self._errors.get(session_id)
        return JobStatus("failed", error) if error else JobStatus("idle")

    def wait(self, session_id: uuid.UUID, *, timeout: float = 60.0) -> JobStatus:
        """Block until the session's job ends (tests and the command line); returns its final status."""
        with self._lock:
            job = self._jobs.get(session_id)
        if job is not None:
            wait_futures([job], timeout=timeout)
        return self.status(session_id)

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def _guarded(self, user_id: uuid.UUID, session_id: uuid.UUID) -> object:
        try:
            return self._run(user_id, session_id)
        except IgymError as exc:
            message = str(exc)
        except Exception:  # a background thread must never die silently; the page shows the message
            log.exception("feedback job for session %s failed", session_id)
            message = FAILED
        with self._lock:
            self._errors[session_id] = message
        return None
