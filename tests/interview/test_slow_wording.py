"""The interviewer's LLM words a reply with no database transaction open (plan → word → short commit).

A chat model that blocks on an Event stands in for a 10 s (or 90 s, with retries) LLM call. While one
session's reply is being worded, another session's answer is saved at once, even on SQLite, whose single
writer an open write transaction would hold. No timing tolerances: the test asserts the second save finished
while the first call is still parked on its Event.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import pytest

from igym.db import repository as repo
from igym.errors import InvalidInput
from igym.interview.engine import ALREADY_ANSWERED, InterviewEngine
from igym.interview.interviewer import Interviewer
from igym.providers.base import ChatModel
from igym.providers.types import ChatMessage
from igym.services import AppServices
from tests.interview.test_engine import STRONG


class ParkedChat(ChatModel):
    """Answers at once, except the first call after `park()`, which waits until `release` is set."""

    def __init__(self) -> None:
        self.entered, self.release = threading.Event(), threading.Event()
        self._parked = False
        self._lock = threading.Lock()

    def park(self) -> None:
        with self._lock:
            self._parked = True

    def complete(self, messages: Sequence[ChatMessage], **_: Any) -> str:
        with self._lock:
            parked, self._parked = self._parked, False
        if parked:
            self.entered.set()
            assert self.release.wait(timeout=60), "the test never released the parked LLM call"
            return "Thanks, that helps."
        return "Good, let's go on."

    def stream(self, messages: Sequence[ChatMessage], **_: Any) -> Iterator[str]:
        yield self.complete(messages)


@pytest.fixture
def chat() -> Iterator[ParkedChat]:
    model = ParkedChat()
    yield model
    model.release.set()  # never leave a worker parked, whatever the test did


def _session(services: AppServices, engine: InterviewEngine, email: str) -> tuple[uuid.UUID, uuid.UUID]:
    user = services.auth.sign_up(email=email, password="long-river-88", name="Kim").id
    session = services.sessions.create(user_id=user, interview_type="behavioral", difficulty="standard")
    engine.begin(user_id=user, session_id=session.id)
    return user, session.id


def _in_thread(action: Callable[[], object]) -> tuple[threading.Thread, dict[str, object]]:
    result: dict[str, object] = {}

    def run() -> None:
        try:
            result["value"] = action()
        except Exception as exc:  # handed to the test thread
            result["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, result


def test_another_sessions_answer_is_saved_while_an_llm_call_is_still_running(
    services: AppServices, make_engine: Callable[..., InterviewEngine], chat: ParkedChat
) -> None:
    engine = make_engine(interviewer=Interviewer(chat))
    alice, alice_session = _session(services, engine, "alice@example.com")
    bob, bob_session = _session(services, engine, "bob@example.com")
    chat.park()
    slow, slow_result = _in_thread(
        lambda: engine.answer_text(user_id=alice, session_id=alice_session, text=STRONG, turn_index=1)
    )
    assert chat.entered.wait(timeout=30), "Alice's reply never reached the LLM"

    bob_outcome = engine.answer_text(user_id=bob, session_id=bob_session, text=STRONG, turn_index=1)

    assert not chat.release.is_set() and slow.is_alive()  # Alice's LLM call is still parked
    assert bob_outcome.answer.content == STRONG and bob_outcome.reply.role == "interviewer"
    with services.db.session() as db:
        assert len(repo.list_messages(db, user_id=bob, session_id=bob_session)) == 3
        assert len(repo.list_messages(db, user_id=alice, session_id=alice_session)) == 1  # nothing half-written
    chat.release.set()
    slow.join(timeout=60)
    assert "error" not in slow_result, slow_result
    with services.db.session() as db:
        assert len(repo.list_messages(db, user_id=alice, session_id=alice_session)) == 3


def test_a_double_submit_during_the_wording_saves_the_answer_once(
    services: AppServices, make_engine: Callable[..., InterviewEngine], chat: ParkedChat
) -> None:
    engine = make_engine(interviewer=Interviewer(chat))
    user, session_id = _session(services, engine, "kim@example.com")
    chat.park()
    first_tab, first_result = _in_thread(
        lambda: engine.answer_text(user_id=user, session_id=session_id, text=STRONG, turn_index=1)
    )
    assert chat.entered.wait(timeout=30)

    second = engine.answer_text(user_id=user, session_id=session_id, text=STRONG + " Again.", turn_index=1)
    chat.release.set()
    first_tab.join(timeout=60)

    error = first_result.get("error")
    assert isinstance(error, InvalidInput) and str(error) == ALREADY_ANSWERED
    with services.db.session() as db:
        answers = [m for m in repo.list_messages(db, user_id=user, session_id=session_id) if m.role == "candidate"]
    assert [a.content for a in answers] == [second.answer.content]
