"""Completion never fails because of what a candidate said: arbitrary answers, the rubric and the whole engine.

Hypothesis generates answers of every shape a user can type or a transcriber can return — empty, one
character, emoji, CJK and right-to-left text, 8,000 characters, URLs, code, control characters — and the
session must complete with every answer kept and feedback that validates against its schema.
"""

from __future__ import annotations

import string
import uuid

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from igym.analysis.answer import analyze_text
from igym.db import repository as repo
from igym.feedback.rubric_text import rubric_feedback
from igym.feedback.types import Claim, Exchange, FeedbackDraft
from igym.guards.text import clean_text
from igym.services import AppServices
from tests.feedback.test_rubric import QUESTION, STRONG

FIELD_REPORT = [  # the inputs that wedged sessions in the field report
    "a",
    "5",
    "👍",
    "https://example.com/" + "a1b2c3/" * 60 + "?q=" + "x" * 200,
    "我" * 320,
    "私はチームのリーダーとして新しいシステムを導入しました。",
    " ".join(["internationalisation" * 3] * 25),
    "\x00\x07\x1b[31m",
    "‮ reversed text ‭ and ‏ marks ‎",
    "def f(x):\n    return {'a': [1, 2, 3]}  # {{}} ${x} `code`",
]

_CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
_RTL = st.characters(min_codepoint=0x0590, max_codepoint=0x06FF)
_EMOJI = st.characters(min_codepoint=0x1F300, max_codepoint=0x1FAFF)
answers = st.one_of(
    st.sampled_from(FIELD_REPORT),
    st.text(max_size=400),  # any code point but surrogates: control characters, combining marks, zero widths
    st.text(alphabet=_CJK, min_size=1, max_size=500),
    st.text(alphabet=st.one_of(_RTL, st.sampled_from(" .،؟!")), min_size=1, max_size=400),
    st.text(alphabet=st.one_of(_EMOJI, st.sampled_from(" \u200d\ufe0f")), min_size=1, max_size=60),
    st.builds(lambda p: "see https://example.com/" + p, st.text(string.ascii_letters + "/?=&%#.-_", max_size=3000)),
    st.builds(lambda seed, n: (seed * n)[:8000], st.text(min_size=1, max_size=30), st.integers(1, 8000)),
    st.builds(lambda a, b: f"{a} {STRONG} {b}", st.text(max_size=200), st.text(max_size=200)),
)


def _exchange(number: int, answer: str, kind: str = "question") -> Exchange:
    return Exchange(number=number, question=QUESTION, kind=kind, answer=answer, metrics=analyze_text(answer))


def _assert_valid(draft: FeedbackDraft) -> None:
    FeedbackDraft.model_validate(draft.model_dump())  # what the page reads back must validate
    for claim in [*draft.strengths, *draft.improvements]:
        Claim.model_validate(claim.model_dump())
        assert 2 <= len(claim.quote) <= 300 and claim.quote == claim.quote.strip()
        assert "\x00" not in claim.quote
    assert draft.suggestions


@settings(max_examples=300, deadline=None)
@given(st.lists(answers, min_size=1, max_size=6))
def test_rubric_feedback_validates_for_any_answers(texts: list[str]) -> None:
    assume(any(t.strip() for t in texts))
    exchanges = [_exchange(n, t, "follow_up" if n % 2 == 0 else "question") for n, t in enumerate(texts, start=1)]
    result = rubric_feedback(exchanges)
    _assert_valid(result.draft)
    assert not result.notes, result.notes  # the full text was written, not the plain fallback


def _user(app: AppServices) -> uuid.UUID:
    with app.db.session() as db:
        return repo.create_user(db, email=f"{uuid.uuid4().hex[:10]}@example.com", name="Ann", password_hash=None).id


def _complete_with(app: AppServices, answers_given: list[str]) -> tuple[uuid.UUID, uuid.UUID, list[str]]:
    """A warm-up session answered with `answers_given` in turn (the last one repeated) until it completes."""
    user_id = _user(app)
    session = app.sessions.create(user_id=user_id, interview_type="behavioral", difficulty="warm_up", check_limit=False)
    state = app.engine.begin(user_id=user_id, session_id=session.id)
    sent: list[str] = []
    while state.awaiting_answer:
        text = answers_given[min(len(sent), len(answers_given) - 1)]
        app.engine.answer_text(user_id=user_id, session_id=session.id, text=text)
        sent.append(clean_text(text).strip())  # control characters (NUL among them) are never stored
        state = app.engine.state(user_id=user_id, session_id=session.id)
    return user_id, session.id, sent


def _assert_completed(app: AppServices, user_id: uuid.UUID, session_id: uuid.UUID, sent: list[str]) -> None:
    view = app.feedback.view(user_id=user_id, session_id=session_id)
    assert view.session.status == "completed"
    assert [item.answer for item in view.transcript] == sent
    assert view.feedback is not None and view.feedback.scores is not None
    stored = view.feedback
    _assert_valid(FeedbackDraft(summary=stored.summary, scores=stored.scores, strengths=stored.strengths,
                                improvements=stored.improvements, suggestions=stored.suggestions,
                                answer_notes=stored.answer_notes))


@pytest.mark.parametrize("odd", FIELD_REPORT, ids=range(len(FIELD_REPORT)))
def test_a_session_whose_last_answer_is_odd_completes_with_every_answer_kept(services: AppServices, odd: str) -> None:
    user_id, session_id, sent = _complete_with(services, [STRONG, STRONG, STRONG, STRONG, odd])
    _assert_completed(services, user_id, session_id, sent)


def test_a_session_of_only_odd_answers_completes(services: AppServices) -> None:
    user_id, session_id, sent = _complete_with(services, FIELD_REPORT)
    _assert_completed(services, user_id, session_id, sent)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(answer=answers)
def test_any_final_answer_completes_the_session(services: AppServices, answer: str) -> None:
    assume(answer.replace("\x00", "").strip() and len(answer.strip()) <= 8000)
    user_id, session_id, sent = _complete_with(services, [STRONG, STRONG, answer])
    _assert_completed(services, user_id, session_id, sent)


@settings(max_examples=60, deadline=None)
@given(
    hedges=st.integers(0, 30),
    sd_low=st.floats(0, 4),
    sd_gap=st.floats(0, 4),
)
def test_more_hedges_or_a_flatter_voice_never_raise_clarity_or_confidence(
    hedges: int, sd_low: float, sd_gap: float
) -> None:
    from igym.analysis.answer import analyze_text
    from igym.feedback.rubric import score_answer
    from igym.feedback.types import Exchange
    from igym.models import Prosody

    base = "I led the billing migration, cut errors by 30 percent and shipped two weeks early. " * 6

    def scores(answer: str, sd: float):  # type: ignore[no-untyped-def]
        metrics = analyze_text(answer)
        metrics.prosody = Prosody(120.0, 4 * sd, sd, sd < 1.5, 4.0, voiced_s=30.0)
        return score_answer(Exchange(number=1, question="Tell me about a project.", kind="question",
                                     answer=answer, metrics=metrics)).scores

    # Same words and sentences, three of them turned into hedges, and a pitch spread no wider.
    fewer = scores(base + "Maybe. " * hedges + "Done. " * 3, sd_low + sd_gap)
    more = scores(base + "Maybe. " * (hedges + 3), sd_low)
    assert more.confidence <= fewer.confidence and more.clarity <= fewer.clarity
