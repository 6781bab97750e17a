"""Follow-ups that listen: they name what the candidate said, never ask for what the answer already has, and
never repeat a line within a session; the lead-in is stored apart from the question it introduces."""

from __future__ import annotations

import inspect
import uuid
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bench.followup_naming import names
from bench.heldout_answers import HELD_OUT
from igym.analysis.answer import analyze_text
from igym.analysis.results import detect_results
from igym.db import repository as repo
from igym.interview import rules
from igym.interview.engine import InterviewEngine
from igym.interview.question_bank import QuestionBank
from igym.services import AppServices


def _follow_up(answer: str, question_id: str, difficulty: str, said: tuple[str, ...] = ()):  # type: ignore[no-untyped-def]
    question = QuestionBank.load().get(question_id)
    # `said` only where the rules take it, so older rules fail on the behaviour, not on the call
    takes_said = "said" in inspect.signature(rules.choose_follow_up).parameters
    kwargs = {"said": [question.text, *said]} if takes_said else {}
    return question, rules.choose_follow_up(
        analyze_text(answer), question=question, difficulty=difficulty, follow_ups_so_far=0,
        follow_ups_in_a_row=0, **kwargs,
    )


@pytest.mark.parametrize("difficulty", ["standard", "intense"])
def test_most_follow_ups_on_held_out_answers_name_what_the_candidate_said(difficulty: str) -> None:
    asked = named = 0
    for question_id, answer in HELD_OUT:
        question, follow_up = _follow_up(answer, question_id, difficulty)
        if follow_up is not None:
            asked += 1
            named += names(follow_up.text, answer, question.text)
    assert asked >= len(HELD_OUT) // 2  # complete stories are probed, not waved through
    assert named >= asked / 2


def test_an_answer_that_states_its_outcome_is_never_asked_for_it() -> None:
    for question_id, answer in HELD_OUT:
        if not detect_results(answer).has_result:
            continue
        for difficulty in ("warm_up", "standard", "intense"):
            _question, follow_up = _follow_up(answer, question_id, difficulty)
            if follow_up is not None:
                assert follow_up.reason != "no_result"
                assert "outcome" not in follow_up.text.lower() and "turn out" not in follow_up.text.lower()


def test_a_strong_answer_on_standard_is_probed_on_a_detail_in_its_own_words() -> None:
    answer = HELD_OUT[0][1]
    question, follow_up = _follow_up(answer, HELD_OUT[0][0], "standard")
    assert follow_up is not None and follow_up.reason == "probe"
    assert names(follow_up.text, answer, question.text)


def _start(services: AppServices, engine: InterviewEngine, user: uuid.UUID, difficulty: str) -> uuid.UUID:
    session = services.sessions.create(user_id=user, interview_type="behavioral", difficulty=difficulty,
                                       check_limit=False)
    engine.begin(user_id=user, session_id=session.id)
    return session.id


@pytest.mark.parametrize("difficulty", ["warm_up", "standard", "intense"])
def test_no_interviewer_line_comes_twice_in_a_session_even_for_the_same_answer(
    services: AppServices, make_engine: Callable[..., InterviewEngine], candidate: uuid.UUID, difficulty: str
) -> None:
    engine = make_engine()
    session_id = _start(services, engine, candidate, difficulty)
    vague = "I always try to communicate clearly and keep everyone on the same page."
    for _ in range(20):
        if engine.answer_text(user_id=candidate, session_id=session_id, text=vague).completed:
            break
    turns = engine.state(user_id=candidate, session_id=session_id).turns
    lines = [t.content for t in turns if t.role == "interviewer"]
    leads = [t.lead_in for t in turns if t.role == "interviewer" and t.lead_in]
    assert len(lines) == len(set(lines))
    assert len(leads) == len(set(leads))


def test_the_lead_in_is_stored_apart_and_spoken_with_the_question(
    services: AppServices, make_engine: Callable[..., InterviewEngine], candidate: uuid.UUID
) -> None:
    engine = make_engine()
    session_id = _start(services, engine, candidate, "warm_up")
    bank = QuestionBank.load()
    first = engine.state(user_id=candidate, session_id=session_id)
    opening = first.turns[0]
    with services.db.session() as db:
        stored = repo.list_messages(db, user_id=candidate, session_id=session_id)[0]
    assert stored.question_id is not None and opening.content == bank.get(stored.question_id).text
    assert opening.lead_in is not None and opening.lead_in.startswith("Hi Kim")
    assert first.current_prompt == f"{opening.lead_in} {opening.content}"  # what the voice says
    outcome = engine.answer_text(user_id=candidate, session_id=session_id, text=HELD_OUT[1][1])
    assert outcome.reply.kind == "question" and outcome.reply.lead_in
    with services.db.session() as db:
        reply = repo.list_messages(db, user_id=candidate, session_id=session_id)[-1]
    assert reply.question_id is not None and reply.content == bank.get(reply.question_id).text
    state = engine.state(user_id=candidate, session_id=session_id)
    for _ in range(10):
        if state.session.status == "completed":
            break
        engine.answer_text(user_id=candidate, session_id=session_id, text=HELD_OUT[2][1])
        state = engine.state(user_id=candidate, session_id=session_id)
    assert state.closing_line == rules.WRAP_UP  # the wrap-up is a line to speak


@given(st.text(max_size=300), st.lists(st.text(max_size=80), max_size=6))
def test_no_follow_up_repeats_a_line_already_said_whatever_the_answer(answer: str, said: list[str]) -> None:
    from igym.interview.followups import is_repeat, word_follow_up

    for reason in ("too_short", "no_result", "no_ownership", "rambling", "unquantified", "probe"):
        line = word_follow_up(reason, answer=answer, question="", interview_type="behavioral", said=said)
        if line is not None:
            assert not is_repeat(line, said) and "<" not in line and len(line) <= 300
