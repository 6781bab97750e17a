"""Background feedback jobs: one per session at a time, status while running, errors kept for the page."""

from __future__ import annotations

import threading
import uuid

from igym.errors import ProviderUnavailable
from igym.feedback.jobs import FAILED, FeedbackJobs


def test_a_running_job_is_not_started_twice_and_reports_its_state() -> None:
    release, calls = threading.Event(), []

    def run(user_id: uuid.UUID, session_id: uuid.UUID) -> None:
        calls.append(session_id)
        release.wait(5)

    jobs = FeedbackJobs(run, workers=2)
    user, session = uuid.uuid4(), uuid.uuid4()
    assert jobs.status(session).state == "idle"
    jobs.start(user_id=user, session_id=session)
    jobs.start(user_id=user, session_id=session)  # a refresh or a second tab
    assert jobs.status(session).state == "running"
    release.set()
    assert jobs.wait(session).state == "idle"
    assert calls == [session]
    jobs.start(user_id=user, session_id=session)  # regenerate later: runs again
    jobs.wait(session)
    assert calls == [session, session]
    jobs.shutdown()


def test_failures_are_kept_for_the_page_and_cleared_by_the_next_start() -> None:
    outcomes: list[BaseException | None] = [ProviderUnavailable("Groq is unavailable right now."), RuntimeError("x"),
                                            None]

    def run(user_id: uuid.UUID, session_id: uuid.UUID) -> None:
        outcome = outcomes.pop(0)
        if outcome is not None:
            raise outcome

    jobs = FeedbackJobs(run)
    user, session = uuid.uuid4(), uuid.uuid4()
    jobs.start(user_id=user, session_id=session)
    assert jobs.wait(session).error == "Groq is unavailable right now."
    jobs.start(user_id=user, session_id=session)
    failed = jobs.wait(session)
    assert failed.state == "failed" and failed.error == FAILED  # no internals leak to the page
    jobs.start(user_id=user, session_id=session)
    assert jobs.wait(session).state == "idle"
    jobs.shutdown()
