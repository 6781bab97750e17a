"""Hedges and weak words: the labelled corpus (F1 printed), the context rules one by one, arbitrary text."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from igym.analysis.answer import analyze_text
from igym.analysis.hedges import find_hedges
from igym.analysis.tokens import tokenized, words_from_text
from tests.analysis.hedge_corpus import HEDGE_CORPUS


def kinds(text: str) -> tuple[str, ...]:
    return tuple(h.kind for h in find_hedges(tokenized(words_from_text(text))))


def test_the_labelled_corpus_has_forty_sentences_and_an_f1_of_at_least_0_95() -> None:
    assert len(HEDGE_CORPUS) >= 40
    tp = fp = fn = 0
    for sentence, expected in HEDGE_CORPUS:
        found, truth = Counter(kinds(sentence)), Counter(expected)
        tp += sum((found & truth).values())
        fp += sum((found - truth).values())
        fn += sum((truth - found).values())
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    f1 = 2 * precision * recall / (precision + recall)
    print(f"hedge corpus: {len(HEDGE_CORPUS)} sentences, precision {precision:.3f} recall {recall:.3f} F1 {f1:.3f}")
    assert f1 >= 0.95


@pytest.mark.parametrize(("sentence", "expected"), HEDGE_CORPUS)
def test_each_labelled_sentence(sentence: str, expected: tuple[str, ...]) -> None:
    assert kinds(sentence) == expected


def test_i_think_as_a_claim_of_belief_is_not_a_hedge() -> None:
    assert kinds("I really think that remote work is better.") == ()
    assert kinds("I think it is better.") == ("i think",)


def test_just_meaning_recently_is_not_a_minimiser() -> None:
    assert kinds("I have just finished.") == ()
    assert kinds("I just finished.") == ("just",)


def test_hedges_carry_their_word_index_for_the_timeline() -> None:
    metrics = analyze_text("We shipped it. Maybe too late.")
    assert [(h.kind, h.word_index, h.text) for h in metrics.hedges] == [("maybe", 3, "Maybe")]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_gives_in_range_hits(text: str) -> None:
    words = tokenized(words_from_text(text))
    hits = find_hedges(words)
    indexes = [h.word_index for h in hits]
    assert indexes == sorted(set(indexes))
    assert all(0 <= i < len(words.words) for i in indexes)
