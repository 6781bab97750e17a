"""A whole interview in Chromium, answered by voice through WebRTC from a WAV file as the microphone.

Also: one answer through `st.audio_input`, and a page reload mid-interview that loses nothing.
Screenshots of each step land in test-artifacts/<test name>/.
"""

from __future__ import annotations

import re
import time
from collections import Counter

import pytest

from tests.browser.conftest import SPOKEN_ANSWER, LiveApp, interview_record
from tests.support.browser_flows import create_account_and_onboard, start_live_answering

pytestmark = pytest.mark.browser


def _new_page(browser, app: LiveApp):  # type: ignore[no-untyped-def]
    """A page whose console messages and failed requests are kept next to the screenshots."""
    page = browser.new_page(viewport={"width": 1280, "height": 1100})
    page.set_default_timeout(60_000)
    log = (app.shots / "browser.log").open("a")
    page.on("console", lambda msg: log.write(f"console {msg.type}: {msg.text}\n") or log.flush())
    page.on("requestfailed", lambda req: log.write(f"failed {req.url}: {req.failure}\n") or log.flush())
    page.on("pageerror", lambda err: log.write(f"pageerror {err}\n") or log.flush())
    return page


def _sign_up_and_start(page, app: LiveApp, email: str) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    page.goto(app.url)
    try:
        page.get_by_role("tab", name="Create account").click()
    except Exception:
        app.shot(page, "00-landing-failed")  # the browser log next to it says why
        raise
    create_account_and_onboard(
        page, email, role="Backend Engineer", before_continue=lambda: app.shot(page, "01-onboarding")
    )
    expect(page.get_by_text("Your first interview is two clicks away")).to_be_visible()
    app.shot(page, "02-dashboard")
    page.get_by_role("link", name="New session").first.click()
    expect(page.get_by_text("Interview type")).to_be_visible()
    app.shot(page, "03-new-session")
    page.get_by_role("button", name="Start interview").click()  # defaults: Behavioral, Warm-up
    expect(page.get_by_text("Exchange 1 of 5")).to_be_visible()


def _start_microphone(page) -> None:  # type: ignore[no-untyped-def]
    start_live_answering(page)


def _exchange(page) -> int | None:  # type: ignore[no-untyped-def]
    text = page.locator("[data-testid='stMain']").inner_text()
    if "Interview complete" in text:
        return 0
    found = re.search(r"Exchange (\d) of 5", text)
    return int(found.group(1)) if found else None


def _answers(app: LiveApp, email: str) -> list:  # type: ignore[type-arg]
    status, messages = interview_record(app, email)
    return [status, [m for m in messages if m.role == "candidate"]]


def test_a_warm_up_answered_by_voice_through_webrtc_with_a_reload_midway(live_app: LiveApp, live_browser) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    page = _new_page(live_browser, live_app)
    _sign_up_and_start(page, live_app, "voice@example.com")
    _start_microphone(page)
    seen: set[int] = set()
    reloaded = False
    restarts = 0
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        exchange = _exchange(page)
        if exchange is not None and exchange not in seen:
            seen.add(exchange)
            live_app.shot(page, f"10-exchange-{exchange or 'done'}")
        if exchange == 0:
            break
        start_button = page.frame_locator("iframe[title*='streamlit_webrtc']").first.get_by_role(
            "button", name="Start microphone"
        )
        if start_button.count() and start_button.is_visible():  # the page asks to start it again: do as a user
            restarts += 1
            _start_microphone(page)
        if exchange == 3 and not reloaded:  # a refresh mid-interview: same question, earlier answers in place
            page.reload()
            expect(page.get_by_text("Exchange 3 of 5")).to_be_visible()
            page.get_by_text("Earlier in this interview (2 answered)").click()
            earlier = Counter(a.content for a in _answers(live_app, "voice@example.com")[1])
            for content, times in earlier.items():
                expect(page.get_by_text(content, exact=True)).to_have_count(times)  # waits for the whole list
            live_app.shot(page, "11-after-reload")
            _start_microphone(page)
            reloaded = True
        time.sleep(0.5)
    if _exchange(page) != 0:
        live_app.shot(page, "99-stuck")
    assert _exchange(page) == 0, f"the interview did not finish; exchanges seen: {sorted(seen)}"
    assert reloaded
    assert restarts <= 2, f"the microphone stopped {restarts} times"
    status, answers = _answers(live_app, "voice@example.com")
    assert status == "completed" and len(answers) == 5
    spoken = set(re.findall(r"[a-z]+", SPOKEN_ANSWER.lower()))
    # The fake microphone loops its answer on its own clock, and the page listens only once each question has
    # played, so an answer may begin anywhere in that loop (a real candidate starts after the question): some
    # answers (the first one seldom: the question plays while the file speaks), not all, hold the whole answer.
    whole = [a for a in answers if len(set(re.findall(r"[a-z]+", a.content.lower())) & spoken) >= 3]
    assert len(whole) >= 2, [a.content for a in answers]
    for answer in answers:
        assert answer.audio_key and answer.metrics is not None
        assert answer.metrics.word_count and answer.metrics.words_per_minute and answer.metrics.pause_count is not None
    # A word of the answer's own, transcribed exactly: each sentence has one, since a pause after a finished
    # sentence may end an answer and the looping file decides which sentence an answer starts with.
    assert any(w in a.content.lower() for a in answers for w in ("billing", "planned", "payments"))


def test_an_answer_recorded_with_st_audio_input(live_app: LiveApp, live_browser) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    page = _new_page(live_browser, live_app)
    _sign_up_and_start(page, live_app, "fallback@example.com")
    page.get_by_role("tab", name="Record", exact=True).click()  # the st.audio_input tab
    page.get_by_role("button", name="Record").click()
    page.wait_for_timeout(9_000)  # one pass of the fake microphone's answer
    page.get_by_role("button", name="Stop recording").click()
    live_app.shot(page, "20-recorded")
    expect(page.get_by_text("Exchange 2 of 5")).to_be_visible()
    live_app.shot(page, "21-answer-saved")
    status, answers = _answers(live_app, "fallback@example.com")
    assert status == "active" and len(answers) == 1
    assert {"billing", "payments"} & set(re.findall(r"[a-z]+", answers[0].content.lower()))
