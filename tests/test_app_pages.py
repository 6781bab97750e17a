"""The app as a user meets it, through Streamlit's AppTest: sign up, onboard, dashboard, and the rest."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from igym.ui.widgets import PAGES

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "river-stone-97"


@pytest.fixture
def app_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("IGYM_DATA_DIR", str(tmp_path / "data"))
    st.cache_resource.clear()
    yield tmp_path / "data"
    st.cache_resource.clear()


def _app() -> AppTest:
    at = AppTest.from_file(str(ROOT / "tests" / "support" / "app_entry.py"), default_timeout=30)
    return at.run()


def _texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [t.value for t in at.title] + [s.value for s in at.subheader]
    parts += [e.value for e in at.error] + [i.value for i in at.info] + [c.value for c in at.caption]
    parts += [t.value for t in at.text] + [w.value for w in at.warning] + [str(m.value) for m in at.metric]
    return "\n".join(str(p) for p in parts)


def _button(at: AppTest, label: str):  # type: ignore[no-untyped-def]
    return next(b for b in at.button if b.label == label)


def _sign_up(at: AppTest, email: str, password: str = PASSWORD, name: str = "Ann Lee") -> AppTest:
    at.text_input(key="sign_up_name").input(name)
    at.text_input(key="sign_up_email").input(email)
    at.text_input(key="sign_up_password").input(password)
    at.button[1].click()  # the sign-up form's submit button
    return at.run()


def _onboard(at: AppTest) -> AppTest:
    at.selectbox[0].select("Software Engineer")
    at.radio[0].set_value("within_month")
    at.button[0].click()
    return at.run()


def test_visitor_sees_the_landing_page_with_both_forms(app_env: Path) -> None:
    at = _app()
    assert not at.exception
    assert "Practise interviews out loud" in _texts(at)
    assert at.text_input(key="sign_in_email") is not None
    assert at.text_input(key="sign_up_email") is not None


def test_new_user_signs_up_onboards_and_reaches_an_empty_dashboard(app_env: Path) -> None:
    at = _sign_up(_app(), "ann@example.com")
    assert not at.exception
    assert "Welcome, Ann Lee" in _texts(at)
    at = _onboard(at)
    assert not at.exception
    text = _texts(at)
    assert "Hi Ann Lee" in text
    assert "Preparing for: Software Engineer" in text
    assert "Your first interview is two clicks away" in text  # the designed empty state
    assert [m.label for m in at.metric] == ["Sessions", "Current streak", "Longest streak"]
    assert at.metric[0].value == "0"


def test_onboarding_refused_shows_why_and_keeps_the_form_until_it_is_complete(app_env: Path) -> None:
    at = _sign_up(_app(), "ann@example.com")
    at.selectbox[0].select("Software Engineer")
    at.button[0].click()  # no timeline picked
    at = at.run()
    assert not at.exception
    assert [e.value for e in at.error] == ["Pick when your interviews are."]
    assert "Welcome, Ann Lee" in _texts(at)  # still on onboarding, nothing moved on
    at.radio[0].set_value("within_month")
    at.button[0].click()
    at = at.run()
    assert not at.exception and not at.error
    assert "Preparing for: Software Engineer" in _texts(at)


def test_sign_up_problems_show_clear_messages_and_keep_the_visitor_on_the_form(app_env: Path) -> None:
    at = _sign_up(_app(), "not-an-email")
    assert not at.exception
    assert "is not a valid email address" in at.error[0].value
    at = _sign_up(at, "weak@example.com", password="password")
    assert "too easy to guess" in at.error[0].value
    at = _sign_up(at, "long@example.com", name="N" * 200)
    assert "at most 80 characters" in at.error[0].value
    assert at.text_input(key="sign_up_email").value == "long@example.com"  # nothing typed is lost


def test_duplicate_email_and_wrong_password_are_explained(app_env: Path) -> None:
    at = _onboard(_sign_up(_app(), "dup@example.com"))
    at.button(key="sign_out").click()
    at = at.run()
    assert "Practise interviews out loud" in _texts(at)
    at = _sign_up(at, "dup@example.com")
    assert "already exists" in at.error[0].value
    at.text_input(key="sign_in_email").input("dup@example.com")
    at.text_input(key="sign_in_password").input("wrong-pass-1")
    at.button[0].click()
    at = at.run()
    assert "don't match an account" in at.error[0].value
    for _ in range(4):  # three mistakes are free; then each one makes the next check wait
        at.button[0].click()
        at = at.run()
    assert "Too many wrong passwords for this email. Wait 2 seconds" in at.error[0].value
    assert not at.exception


def test_returning_user_signs_in_to_the_dashboard_and_starts_a_session(app_env: Path) -> None:
    at = _onboard(_sign_up(_app(), "back@example.com"))
    at.button(key="sign_out").click()
    at = at.run()
    at.text_input(key="sign_in_email").input("BACK@example.com")
    at.text_input(key="sign_in_password").input(PASSWORD)
    at.button[0].click()
    at = at.run()
    assert "Hi Ann Lee" in _texts(at)

    at.switch_page(PAGES["new_session"]).run()
    assert not at.exception
    toggle = at.toggle[0]
    assert toggle.disabled  # no resume yet
    at.radio[0].set_value("behavioral")
    at.radio[1].set_value("warm_up")
    at.button[0].click()
    at = at.run()
    assert not at.exception
    assert "Behavioral interview · Warm-up" in _texts(at)

    at.switch_page(PAGES["history"]).run()
    assert not at.exception
    table = at.dataframe[0].value
    assert list(table["Type"]) == ["Behavioral"]
    assert list(table["Status"]) == ["In progress"]


def test_deleting_the_account_needs_the_email_and_then_removes_everything(app_env: Path) -> None:
    at = _onboard(_sign_up(_app(), "bye@example.com"))
    at.switch_page(PAGES["profile"]).run()
    assert not at.exception
    at.text_input(key="delete_confirm").input("someone-else@example.com")
    _button(at, "Delete my account").click()
    at = at.run()
    assert "doesn't match" in at.error[0].value
    at.text_input(key="delete_confirm").input("bye@example.com")
    _button(at, "Delete my account").click()
    at = at.run()
    assert not at.exception
    assert "Practise interviews out loud" in _texts(at)
    at.text_input(key="sign_in_email").input("bye@example.com")
    at.text_input(key="sign_in_password").input(PASSWORD)
    at.button[0].click()
    at = at.run()
    assert "don't match an account" in at.error[0].value


def _live_components(at):  # type: ignore[no-untyped-def]
    """The interviewer's voice and the WebRTC microphone, where rendered (the cookie component is not one)."""
    return [
        c
        for c in at.get("component_instance")
        if "igym_question_voice" in c.proto.component_name or "webrtc" in c.proto.component_name
    ]


def test_a_typed_interview_runs_to_the_end_and_shows_answers_as_text(app_env: Path) -> None:
    at = _onboard(_sign_up(_app(), "typed@example.com"))
    at.switch_page(PAGES["new_session"]).run()
    at.radio[0].set_value("hr_screen")
    at.radio[1].set_value("warm_up")
    at.button[0].click()
    at = at.run()
    # AppTest does not carry a switch_page into later runs: open the interview page the way a link would
    session_id = (
        at.query_params["session"][0] if isinstance(at.query_params["session"], list) else at.query_params["session"]
    )
    at.query_params["session"] = session_id
    at = at.switch_page(PAGES["interview"]).run()
    assert "Exchange 1 of 5" in at.get("progress")[0].proto.text
    start = _button(at, "Start the interview")  # one step starts it: nothing plays, no microphone before it
    assert start.proto.type == "primary"
    assert not at.get("audio") and not _live_components(at)
    assert not any("No audio is reaching us" in w.value for w in at.warning)
    start.click()
    at = at.run()
    assert not at.exception
    names = sorted(c.proto.component_name for c in _live_components(at))
    assert any("igym_question_voice" in n for n in names), names  # (WebRTC itself has no server under AppTest)
    voice = next(c for c in at.get("component_instance") if "igym_question_voice" in c.proto.component_name)
    assert json.loads(voice.proto.json_args)["src"]  # the question is spoken (offline Piper voice)
    answer = (
        "<b>In my last role</b> I led a team of four. My task was to cut support tickets, so I rewrote the "
        "onboarding guide and I added in-app tips. As a result tickets fell by thirty percent in two months."
    )
    for _ in range(8):
        if "Interview complete" in "\n".join(s.value for s in at.success):
            break
        area = next(t for t in at.text_area if t.key and t.key.startswith("igym_page_text_"))
        area.input(answer)
        _button(at, "Submit answer").click()
        at = at.run()
        assert not at.exception
    assert "Interview complete" in at.success[0].value
    assert sum(1 for t in at.text if t.value == answer) == 5  # shown verbatim as text, tags and all
    feedback = _button(at, "See your feedback")  # the way on is a prominent button, not a small link
    assert feedback.proto.type == "primary"
    assert len(at.get("audio")) == 1  # the closing line is spoken
    shown = [t.value for t in at.text]
    assert not any(line.startswith(("Hi Ann", "Thanks.", "Okay, let's move on.")) for line in shown)  # no lead-ins
    assert not any("<b>" in m.value for m in at.markdown)
