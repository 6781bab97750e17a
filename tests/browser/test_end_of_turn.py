"""End of turn in Chromium: a 3 s thinking pause mid-sentence does not end a live answer, and a finished answer
gets the next question quickly.

The fake microphone says the first half of a sentence ending on "and", pauses 3 s, and says the rest (Piper's
voice; Chromium loops the file). The fixed 2.5 s silence wait cut such an answer at the pause; the end-of-turn
rules (igym.live.end_of_turn) wait long after a trailing "and" and briefly after the finished sentence.
Answer end -> question audio is measured in the browser (bench/live_driver.py taps the microphone stream and
the <audio> elements on one clock).
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench import live_driver
from tests.browser.conftest import LiveApp, serve_live
from tests.browser.test_live_interview import _answers, _new_page, _sign_up_and_start
from tests.support.browser_flows import start_live_answering

pytestmark = pytest.mark.browser

FIRST = "In my last role I led the migration of our billing service and"
SECOND = "the hardest part was convincing the finance team."
PAUSE_S = 3.0


@pytest.fixture
def live_app(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[LiveApp]:
    """As tests/browser/conftest.py's, with the paused answer as the microphone."""
    mic = tmp_path / "mic.wav"
    # The microphone starts with the interview, while the first question plays, and the page listens only once it
    # has ended: a long silence first, so the answer starts after that whatever the question's length.
    live_driver.fake_mic_wav(mic, [FIRST, SECOND], pauses_s=[PAUSE_S], lead_s=20.0)
    with serve_live(tmp_path, request, mic) as app:
        yield app


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z]+", text.lower()))


def test_a_thinking_pause_mid_sentence_is_not_the_end_and_the_next_question_comes_quickly(  # type: ignore[no-untyped-def]
    live_app: LiveApp, live_browser
) -> None:
    page = _new_page(live_browser, live_app)
    page.add_init_script(live_driver.MIC_TAP_JS)
    _sign_up_and_start(page, live_app, "pause@example.com")
    start_live_answering(page)
    deadline = time.monotonic() + 240
    restarts = 0
    while time.monotonic() < deadline and not page.get_by_text("Exchange 2 of 5").count():
        if live_driver.microphone_stopped(page) and restarts < 3:  # the page asks to start it again: do as a user
            restarts += 1
            start_live_answering(page)
        time.sleep(0.25)
    live_app.shot(page, "30-after-first-answer")
    assert page.get_by_text("Exchange 2 of 5").count(), f"the first answer was not saved ({restarts} restarts)"
    page.wait_for_timeout(3_000)  # the next question's audio starts
    _status, answers = _answers(live_app, "pause@example.com")
    assert answers, "no answer was saved"
    heard = _words(answers[0].content)
    assert heard & {"billing", "migration", "service"}, answers[0].content
    assert heard & {"hardest", "convincing", "finance"}, f"cut at the thinking pause: {answers[0].content!r}"
    # The answer end -> next question figure is bench/bench_live.py's; the tap does not yet see the question
    # played by the voice component in every run, so it is not asserted here.
