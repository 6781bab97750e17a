"""Hosted mode speaks each line of an interview once, however many runs of the page ask for it (issue 17, point 5).

Against the loopback Groq server through the real SDK. Before the speech cache, a new session's opening
question cost 4 speech requests instead of 2: the interview page's first run and the rerun the live
microphone component triggers when it mounts both found no audio in the browser session's state and both
synthesized, at the same time. A reload or a second tab (a new browser session) paid again.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from igym.errors import ProviderError
from igym.providers.text_chunks import chunk_text
from igym.services import AppServices
from tests.groq_server import GroqServer
from tests.support.apptest import groq_backed_app, interview_tab, started_interview

PASSWORD = "window-light-73"
SPEECH = "/openai/v1/audio/speech"


@pytest.fixture
def hosted_voice(tmp_path: Path, groq: GroqServer, monkeypatch: pytest.MonkeyPatch) -> Iterator[AppServices]:
    """Groq's voice on the loopback server (offline transcription and interviewer), for services and AppTest."""
    with groq_backed_app(tmp_path, monkeypatch, groq.url, stt="offline", tts="groq", llm="offline") as built:
        yield built


def _opening_line(app: AppServices, email: str) -> str:
    session_id = started_interview(app, email, PASSWORD)
    account = app.auth.sign_in(email=email, password=PASSWORD)
    assert not isinstance(account, str)
    line = app.engine.begin(user_id=account.id, session_id=session_id).current_prompt
    assert line
    return line


def test_two_overlapping_runs_of_the_page_synthesize_the_opening_question_once(
    hosted_voice: AppServices, groq: GroqServer
) -> None:
    line = _opening_line(hosted_voice, "overlap@example.com")
    chunks = len(chunk_text(line))
    groq.fail(2 * chunks, delay_s=0.3)  # slow answers, so the runs overlap
    start = threading.Barrier(2)
    heard: list[bytes] = []

    def page_run() -> None:  # what `_speak` does in each run: nothing in this session's state yet, synthesize
        start.wait()
        heard.append(hosted_voice.speaker.synthesize(line).data)

    runs = [threading.Thread(target=page_run) for _ in range(2)]
    for run in runs:
        run.start()
    for run in runs:
        run.join(30)

    assert len(heard) == 2 and heard[0] == heard[1]
    assert [r.json["input"] for r in groq.requests_to(SPEECH)] == chunk_text(line)  # once per chunk, not twice


def test_a_new_session_and_its_reruns_cost_one_request_per_line(hosted_voice: AppServices, groq: GroqServer) -> None:
    session_id = started_interview(hosted_voice, "reruns@example.com", PASSWORD)
    account = hosted_voice.auth.sign_in(email="reruns@example.com", password=PASSWORD)
    assert not isinstance(account, str)
    line = hosted_voice.engine.begin(user_id=account.id, session_id=session_id).current_prompt
    assert line

    tab = _spoken(interview_tab("reruns@example.com", PASSWORD, session_id))
    tab.run()  # a rerun (any click)
    _spoken(interview_tab("reruns@example.com", PASSWORD, session_id))  # a reload: a new browser session
    _spoken(interview_tab("reruns@example.com", PASSWORD, session_id))  # a second tab

    inputs = [r.json["input"] for r in groq.requests_to(SPEECH)]
    assert inputs == chunk_text(line), f"{len(inputs)} speech requests for {len(chunk_text(line))} chunks"


def _spoken(tab):  # type: ignore[no-untyped-def]
    """The interview tab after "Start the interview", asserting that the question is played in it."""
    assert not tab.exception
    tab = next(b for b in tab.button if b.label == "Start the interview").click().run()
    assert not tab.exception
    voices = [c for c in tab.get("component_instance") if "igym_question_voice" in c.proto.component_name]
    assert voices and json.loads(voices[0].proto.json_args)["src"], "the opening question is played"
    return tab


def test_failure_is_not_kept_the_next_run_asks_again(hosted_voice: AppServices, groq: GroqServer) -> None:
    line = _opening_line(hosted_voice, "again@example.com")
    chunks = chunk_text(line)
    groq.fail(1, status=400, message="refused")  # not a fallback error: it reaches the caller

    with pytest.raises(ProviderError):
        hosted_voice.speaker.synthesize(line)
    hosted_voice.speaker.synthesize(line)
    hosted_voice.speaker.synthesize(line)

    assert len(groq.requests_to(SPEECH)) == 1 + len(chunks)  # the failed one, then the line once

