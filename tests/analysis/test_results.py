"""Result detection: outcomes the way candidates say them, measured on a hand-labelled set, with evidence."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from igym.analysis.structure import structure_cues
from tests.analysis.result_corpus import RESULT_SENTENCES

LABELS = ("none", "result", "quantified")


def detect_results(text: str):  # type: ignore[no-untyped-def]
    """Imported on use, so the labelled-set test also runs (and fails) against code without this module."""
    from igym.analysis.results import detect_results as detect

    return detect(text)


def _label(sentence: str) -> str:
    cues = structure_cues(sentence)
    return "quantified" if cues.quantified_result else ("result" if cues.result else "none")


def f1_by_label(pairs: list[tuple[str, str]]) -> dict[str, float]:
    """F1 of each label over (predicted, expected) pairs."""
    scores = {}
    for label in LABELS:
        tp = sum(p == label and e == label for p, e in pairs)
        fp = sum(p == label and e != label for p, e in pairs)
        fn = sum(p != label and e == label for p, e in pairs)
        scores[label] = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return scores


def test_the_labelled_set_is_big_enough_and_covers_every_label() -> None:
    labels = [label for _, label in RESULT_SENTENCES]
    assert len(RESULT_SENTENCES) >= 60
    assert all(labels.count(label) >= 15 for label in LABELS)


def test_f1_is_at_least_0_9_for_each_label_on_the_labelled_set() -> None:
    pairs = [(_label(sentence), label) for sentence, label in RESULT_SENTENCES]
    scores = f1_by_label(pairs)
    wrong = [(s, e, p) for (s, e), (p, _) in zip(RESULT_SENTENCES, pairs, strict=True) if p != e]
    assert min(scores.values()) >= 0.9, (scores, wrong)


@pytest.mark.parametrize(
    "sentence",
    [
        "The timeouts fell from three hundred a day to fewer than ten.",
        "the backlog dropped to two days",
        "Open rates went from twelve to twenty six percent.",
        "Overtime costs were halved.",
        "They doubled the number of reports.",
        "and a result we spent forty thousand dollars less",
    ],
)
def test_outcomes_from_the_field_report_are_quantified_results(sentence: str) -> None:
    cues = structure_cues(f"I rewrote the scheduler myself. {sentence}")
    assert cues.result and cues.quantified_result


@pytest.mark.parametrize(
    "sentence",
    [
        "My goal was to reduce the churn rate by ten percent.",
        "We needed to cut costs by twenty percent.",
        "The backlog had grown to nine days.",
        "If we could save an hour a day it would help.",
        "Did the numbers improve by 10 percent?",
    ],
)
def test_goals_plans_questions_and_scene_setting_are_not_results(sentence: str) -> None:
    assert not detect_results(sentence).has_result


def test_each_result_sentence_carries_its_cue_and_measure_as_evidence() -> None:
    text = "At my last job we had a slow build. I cached the dependencies. The build fell from forty minutes to 12."
    findings = detect_results(text)
    assert [s.is_result for s in findings.sentences] == [False, False, True]
    quantified = findings.first_quantified
    assert quantified is not None and quantified.cue is not None and quantified.quantity is not None
    assert text[quantified.start : quantified.end] == quantified.text
    assert text[quantified.cue.start : quantified.cue.end] == quantified.cue.text == "fell"
    assert quantified.quantity.text.lower() == "forty"
    assert findings.first_unquantified is None


def test_a_result_without_a_measure_is_offered_for_a_put_a_number_on_it_remark() -> None:
    findings = detect_results("I rewrote the onboarding guide. As a result, new hires felt more confident.")
    unmeasured = findings.first_unquantified
    assert unmeasured is not None and unmeasured.cue is not None and unmeasured.cue.text == "As a result"
    assert not findings.has_quantified_result


def test_a_number_that_names_things_or_a_year_is_not_a_measure_of_the_outcome() -> None:
    assert not detect_results("In 2021 that led to better communication between the two teams.").has_quantified_result


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=600))
def test_any_text_gives_ordered_sentences_whose_evidence_points_into_it(text: str) -> None:
    findings = detect_results(text)
    position = 0
    for sentence in findings.sentences:
        assert position <= sentence.start < sentence.end <= len(text)
        assert text[sentence.start : sentence.end] == sentence.text
        position = sentence.end
        for evidence in (sentence.cue, sentence.quantity):
            if evidence is not None:
                assert sentence.start <= evidence.start < evidence.end <= sentence.end
                assert text[evidence.start : evidence.end] == evidence.text
        assert sentence.is_result or not sentence.quantified


def test_the_interviewer_does_not_ask_for_an_outcome_the_answer_gave() -> None:
    from igym.analysis.answer import analyze_text
    from igym.interview.question_bank import QuestionBank
    from igym.interview.rules import choose_follow_up

    question = QuestionBank.load().questions("behavioral", "standard")[0]
    answer = (
        "At my last job I was the on-call lead for our payments API and timeouts paged the team every night. "
        "My task was to stop it without a rewrite. I pulled a week of traces and I found one retry loop that "
        "hammered a slow service. I added a circuit breaker and I wrote a runbook for the next person on call. "
        "The timeouts fell from three hundred a day to fewer than ten."
    )
    follow_up = choose_follow_up(analyze_text(answer), question=question, difficulty="standard",
                                 follow_ups_so_far=0, follow_ups_in_a_row=0)
    assert follow_up is None or follow_up.reason not in {"no_result", "unquantified"}
