"""The interview page tells the candidate whose request fell back, and nobody else (AppTest, real groq SDK).

The app runs with Groq as its interviewer model (the loopback server) and offline speech. Kim's answer is
worded while Groq fails: her page says the offline interviewer is used for now. Lee answers right after,
when Groq works again: his page says nothing, because one failed call does not open the breaker.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from streamlit.testing.v1 import AppTest

from igym.providers.fallback import LLM_NOTICE
from igym.services import AppServices
from tests.groq_server import GroqServer
from tests.support.apptest import groq_backed_app, interview_tab, started_interview, type_answer

PASSWORD = "quiet-harbor-72"
ANSWER = "In my last role I led a team of four and cut support tickets by thirty percent in two months."


@pytest.fixture
def groq_app(tmp_path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[AppServices, GroqServer]]:  # type: ignore[no-untyped-def]
    with (
        GroqServer() as groq,
        groq_backed_app(tmp_path, monkeypatch, groq.url, stt="offline", tts="offline", llm="groq") as seeded,
    ):
        yield seeded, groq


def _answer(email: str, session_id: uuid.UUID) -> AppTest:
    return type_answer(interview_tab(email, PASSWORD, session_id), ANSWER)


def test_only_the_candidate_whose_request_fell_back_is_told(groq_app: tuple[AppServices, GroqServer]) -> None:
    app, groq = groq_app
    kim, lee = started_interview(app, "kim@example.com", PASSWORD), started_interview(app, "lee@example.com", PASSWORD)

    groq.fail(3, status=503, retry_after_ms=10, path="/chat/completions")  # down for Kim's reply
    kim_page = _answer("kim@example.com", kim)
    lee_page = _answer("lee@example.com", lee)  # Groq answers again

    assert not kim_page.exception and not lee_page.exception
    assert LLM_NOTICE in [w.value for w in kim_page.warning]
    assert LLM_NOTICE not in [w.value for w in lee_page.warning]
    assert "for now" in LLM_NOTICE
