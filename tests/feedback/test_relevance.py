"""Relevance: on-topic answers score above off-topic ones on a hand-labelled set, and misses are named."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from igym.analysis.answer import analyze_text
from igym.feedback.rubric import answer_facts
from igym.feedback.types import Exchange
from tests.feedback.relevance_corpus import OFF_TOPIC, ON_TOPIC


def assess_relevance(question: str, answer: str):  # type: ignore[no-untyped-def]
    from igym.feedback.relevance import assess_relevance as assess  # on use: the AUC test runs on older code too

    return assess(question, answer)


def roc_auc(positives: list[float], negatives: list[float]) -> float:
    """Probability that a random on-topic pair outscores a random off-topic one (ties count half)."""
    wins = sum((p > n) + 0.5 * (p == n) for p in positives for n in negatives)
    return wins / (len(positives) * len(negatives))


def _rubric_relevance(question: str, answer: str) -> float:
    """The relevance measure the rubric's score uses, read from the facts it derives."""
    facts = answer_facts(Exchange(number=1, question=question, kind="question", answer=answer,
                                  metrics=analyze_text(answer)))
    return facts.relevance.score


def test_the_rubric_separates_on_topic_from_off_topic_answers_with_auc_0_85_or_more() -> None:
    assert len(ON_TOPIC) >= 40 and len(OFF_TOPIC) >= 40
    auc = roc_auc([_rubric_relevance(q, a) for q, a in ON_TOPIC], [_rubric_relevance(q, a) for q, a in OFF_TOPIC])
    assert auc >= 0.85, auc


def test_synonyms_and_stems_count_as_touching_the_question() -> None:
    question = "Tell me about a time you worked with a difficult stakeholder."
    answer = ("The head of sales kept changing the requirements, so I set up a weekly review with him and wrote "
              "down every decision. He became our biggest supporter.")
    relevance = assess_relevance(question, answer)
    assert set(relevance.matched) >= {"difficult", "stakeholder"} and relevance.missed == ()
    from igym.feedback.relevance import stem

    assert stem("decided") == stem("decide") == stem("decision")


def test_an_off_topic_answer_is_low_and_names_the_key_terms_it_missed() -> None:
    question = (
        "Hi Ann, thanks for joining. Tell me about a time you had to make a decision without all the information."
    )
    relevance = assess_relevance(question, "I mostly enjoy frontend work with React and reading about CSS.")
    assert relevance.low
    assert {"decision", "information"} <= set(relevance.missed)
    assert "Ann" not in relevance.key_terms and "thanks" not in relevance.key_terms


def test_interviewer_framing_is_not_a_key_term() -> None:
    from igym.feedback.relevance import key_terms

    assert [w for w, _ in key_terms("Got it. Next question. Why are you interested in this role?")] == [
        "interested", "role"]


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300), st.text(max_size=300))
def test_any_question_and_answer_give_a_score_between_0_and_1(question: str, answer: str) -> None:
    relevance = assess_relevance(question, answer)
    assert 0.0 <= relevance.score <= 1.0
    assert set(relevance.missed) <= set(relevance.key_terms)


def test_function_words_are_never_named_as_missed_key_terms() -> None:
    question = "Tell me about a time a process had become too complicated and you simplified it again."
    terms = [word.lower() for word in assess_relevance(question, "I enjoy hiking at weekends.").missed]
    assert terms and not {"too", "become", "again"} & set(terms), terms
