"""The instant insight card: what it says after one answer, that it agrees with the feedback, and the switch."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from igym.analysis.answer import analyze_text
from igym.feedback.insight import insight_card
from igym.feedback.rubric_text import rubric_feedback
from igym.feedback.types import Exchange
from igym.ui.widgets import PAGES
from tests.feedback.test_rubric import FILLED, QUESTION, STRONG
from tests.test_app_pages import _app, _button, _onboard, _sign_up, _texts, app_env  # noqa: F401 (fixture)


def test_a_spoken_answer_gets_fillers_pace_one_thing_that_worked_and_one_to_change() -> None:
    metrics = replace(analyze_text(FILLED), duration_s=70.0, speech_start_s=1.0, speech_end_s=61.0,
                      words_per_minute=172.0)
    card = insight_card(question=QUESTION, answer=FILLED, metrics=metrics)
    assert card.fillers == metrics.filler_count and card.fillers_per_minute == round(metrics.filler_count, 1)
    assert not card.fillers_ok and card.words_per_minute == 172 and card.pace_ok is False
    assert "result" in card.worked.lower()  # the measured result (30 percent) is what worked
    assert card.change.startswith("Filler words")


def test_a_typed_answer_has_no_pace_and_the_card_agrees_with_the_session_feedback() -> None:
    metrics = analyze_text(STRONG)
    card = insight_card(question=QUESTION, answer=STRONG, metrics=metrics)
    assert card.words_per_minute is None and card.pace_ok is None and card.fillers_ok
    note = rubric_feedback([Exchange(1, QUESTION, "question", STRONG, metrics)]).draft.answer_notes[0]
    assert (card.worked, card.change) == (note.worked, note.change)


@pytest.mark.parametrize("answer", ["a", "👍", "我" * 320, "x" * 8000])
def test_any_answer_gets_a_card(answer: str) -> None:
    card = insight_card(question=QUESTION, answer=answer, metrics=analyze_text(answer))
    assert card.worked and card.change


def _start_typed_interview(at):  # type: ignore[no-untyped-def]
    at.switch_page(PAGES["new_session"]).run()
    at.radio[0].set_value("behavioral")
    at.radio[1].set_value("standard")
    at.button[0].click()
    at = at.run()
    session_id = at.query_params["session"]
    at.query_params["session"] = session_id[0] if isinstance(session_id, list) else session_id
    return at.switch_page(PAGES["interview"]).run()


def _answer(at, text: str):  # type: ignore[no-untyped-def]
    next(t for t in at.text_area if t.key and t.key.startswith("igym_page_text_")).input(text)
    _button(at, "Submit answer").click()
    return at.run()


def test_after_an_answer_the_interview_page_shows_the_card_and_the_candidate_can_turn_it_off(
    app_env: Path,  # noqa: F811
) -> None:
    at = _start_typed_interview(_onboard(_sign_up(_app(), "card@example.com")))
    assert "Quick look at your last answer" not in _texts(at)  # nothing answered yet
    at = _answer(at, STRONG)
    assert not at.exception
    text = _texts(at)
    assert "Quick look at your last answer" in text and "typed answer, no pace" in text
    assert "Worked:" in text and "Change:" in text
    at.toggle(key="igym_page_insight_card").set_value(False)
    at = at.run()
    assert "Quick look at your last answer" not in _texts(at)


def test_the_setting_turns_the_card_off_by_default(app_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    monkeypatch.setenv("IGYM_INSIGHT_CARD", "false")
    at = _answer(_start_typed_interview(_onboard(_sign_up(_app(), "nocard@example.com"))), STRONG)
    assert not at.exception and "Quick look at your last answer" not in _texts(at)
    assert at.toggle(key="igym_page_insight_card").value is False
