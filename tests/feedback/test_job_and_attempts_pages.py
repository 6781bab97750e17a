"""Pages (AppTest): a job posting pasted when starting, the terms each answer covered, and Try again's attempts."""

from __future__ import annotations

import uuid
from pathlib import Path

from igym.config import load_settings
from igym.db import repository as repo
from igym.db.tables import InterviewSession
from igym.services import AppServices, build_services
from igym.ui.widgets import PAGES
from tests.feedback.test_feedback_page import _open_feedback
from tests.test_app_pages import _app, _onboard, _sign_up, app_env  # noqa: F401 (fixture)

POSTING = "Backend engineer. You will run PostgreSQL and Kafka and build REST APIs in Python."
ANSWER = (
    "At my last job I owned our PostgreSQL cluster. My task was to stop nightly timeouts, so I added two "
    "indexes and I moved a report to a replica. As a result timeouts fell from forty a week to none."
)
RETRY = (
    "Um, at my last job I owned PostgreSQL and Kafka. My task was to stop nightly timeouts. I added indexes, "
    "I moved the report to a replica and I streamed changes through Kafka. As a result timeouts fell to none."
)


def _answer_all(app: AppServices, user_id: uuid.UUID, session_id: uuid.UUID, text: str) -> None:
    state = app.engine.begin(user_id=user_id, session_id=session_id)
    while state.awaiting_answer:
        app.engine.answer_text(user_id=user_id, session_id=session_id, text=text)
        state = app.engine.state(user_id=user_id, session_id=session_id)


def _session_param(at) -> str:  # type: ignore[no-untyped-def]
    value = at.query_params["session"]
    return value[0] if isinstance(value, list) else value


def test_posting_terms_answers_covered_and_attempts_side_by_side(app_env: Path) -> None:  # noqa: F811
    at = _onboard(_sign_up(_app(), "job@example.com"))
    at.switch_page(PAGES["new_session"]).run()
    at.radio[0].set_value("behavioral")
    at.radio[1].set_value("warm_up")
    next(t for t in at.text_area if t.label == "Job posting (optional)").input(POSTING)
    next(b for b in at.button if b.label == "Start interview").click()
    at = at.run()
    assert not at.exception
    session_id = uuid.UUID(_session_param(at))

    app = build_services(load_settings())
    with app.db.session() as db:
        record = db.get(InterviewSession, session_id)
        assert record is not None and record.job_description == POSTING
        assert {"PostgreSQL", "Kafka", "Python"} <= set(record.job_terms or [])
        user_id = record.user_id
    _answer_all(app, user_id, session_id, ANSWER)

    at = _open_feedback(at, session_id)
    assert not at.exception
    covered = [c.value for c in at.caption if c.value.startswith("Job terms covered")]
    assert covered and "PostgreSQL" in covered[0] and "Kafka" not in covered[0]

    next(b for b in at.button if b.label == "Try this question again").click()
    at = at.run()
    assert not at.exception
    retry_id = uuid.UUID(_session_param(at))
    assert retry_id != session_id
    _answer_all(app, user_id, retry_id, RETRY)
    with app.db.session() as db:
        retry = repo.get_session(db, user_id=user_id, session_id=retry_id)
        assert retry is not None and retry.retry_of_message_id is not None and retry.status == "completed"
    app.db.engine.dispose()

    at = _open_feedback(at, session_id)
    assert not at.exception
    assert any(e.label.startswith("Your 2 attempts at this question") for e in at.expander)
    table = at.dataframe[0].value
    assert list(table.columns) == ["Measure", "Attempt 1", "Attempt 2", "Latest vs first"]
    fillers = table[table["Measure"] == "Fillers"].iloc[0]
    assert (fillers["Attempt 1"], fillers["Attempt 2"], fillers["Latest vs first"]) == ("0", "1", "worse")
    terms = table[table["Measure"] == "Job terms covered"].iloc[0]
    assert terms["Latest vs first"] == "better"
    changed = next(m.value for m in at.markdown if m.value.startswith("**What changed:**")).replace("\\", "")
    assert "Fillers: 0 → 1 (worse)" in changed
