"""A tab left open on an old question: its submit names that question, and is refused instead of misfiled."""

from __future__ import annotations

import uuid

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from igym.errors import InvalidInput
from igym.guards.text import clean_text
from igym.interview.engine import ALREADY_ANSWERED
from igym.services import AppServices
from tests.support.apptest import interview_tab, started_interview, type_answer

PASSWORD = "quiet-harbor-72"
FIRST = "In my last role I led a team of four and cut support tickets by thirty percent in two months."
STALE = "An answer typed in the old tab, for the question that tab still shows."


def test_a_stale_tabs_typed_answer_is_refused_and_kept(app_services: AppServices) -> None:
    session_id = started_interview(app_services, "tabs@example.com", PASSWORD)
    first_tab = interview_tab("tabs@example.com", PASSWORD, session_id)
    second_tab = interview_tab("tabs@example.com", PASSWORD, session_id)
    first_tab = type_answer(first_tab, FIRST)  # answered in the first tab: the second question arrives there
    assert not first_tab.exception
    second_tab = type_answer(second_tab, STALE)  # the second tab still shows the first question
    assert not second_tab.exception
    assert ALREADY_ANSWERED in [e.value for e in second_tab.error]
    box = next(t for t in second_tab.text_area if t.key and t.key.startswith("igym_page_text_"))
    assert box.value == STALE  # kept, in the box for the question now on screen
    account = app_services.auth.sign_in(email="tabs@example.com", password=PASSWORD)
    state = app_services.engine.state(user_id=account.id, session_id=session_id)  # type: ignore[union-attr]
    answers = [t.content for t in state.turns if t.role == "candidate"]
    assert answers == [FIRST]  # nothing was saved to the question the old tab never showed
    assert state.awaiting_answer


def test_the_engine_refuses_an_answer_that_names_an_old_turn(services: AppServices) -> None:
    account = services.auth.sign_up(email="turns@example.com", password=PASSWORD, name=None)
    assert not isinstance(account, str)
    session = services.sessions.create(user_id=account.id, interview_type="behavioral", difficulty="warm_up")
    shown = len(services.engine.begin(user_id=account.id, session_id=session.id).turns)
    services.engine.answer_text(user_id=account.id, session_id=session.id, text=FIRST, turn_index=shown)
    with pytest.raises(InvalidInput, match="already answered"):
        services.engine.answer_text(user_id=account.id, session_id=session.id, text=STALE, turn_index=shown)
    with pytest.raises(InvalidInput, match="already answered"):
        services.engine.answer_audio(user_id=account.id, session_id=session.id, data=b"RIFF", turn_index=shown)
    state = services.engine.state(user_id=account.id, session_id=session.id)
    assert [t.content for t in state.turns if t.role == "candidate"] == [FIRST]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(min_size=1, max_size=400))
def test_any_typed_answer_is_stored_without_control_characters(services: AppServices, typed: str) -> None:
    """NUL and other control characters are removed before storage, so Postgres never refuses an answer."""
    account = services.auth.account(_user(services))
    assert account is not None
    session = services.sessions.create(
        user_id=account.id, interview_type="behavioral", difficulty="warm_up", check_limit=False
    )
    services.engine.begin(user_id=account.id, session_id=session.id)
    text = typed + "\x00 and\x1b[31m a NUL\r\n"
    outcome = services.engine.answer_text(user_id=account.id, session_id=session.id, text=text)
    stored = outcome.answer.content
    assert stored == clean_text(text).strip()
    assert not any(ord(ch) < 32 and ch not in "\n\t" for ch in stored) and "\r" not in stored
    state = services.engine.state(user_id=account.id, session_id=session.id)
    assert state.turns[1].content == stored  # read back from the database as saved


_USERS: dict[int, uuid.UUID] = {}


def _user(services: AppServices) -> uuid.UUID:
    key = id(services)
    if key not in _USERS:
        account = services.auth.sign_up(
            email=f"typist-{uuid.uuid4().hex[:6]}@example.com", password=PASSWORD, name=None
        )
        assert not isinstance(account, str)
        _USERS[key] = account.id
    return _USERS[key]
