"""Filler rules: the labelled corpus (F1 >= 0.95) and the issue's counter-examples by name."""

from __future__ import annotations

import pytest

from igym.analysis import analyze_text, find_fillers
from igym.analysis.tokens import tokenized, words_from_text
from igym.models import Word
from tests.analysis.filler_corpus import LABELLED

_CANON = {"you know": "you know", "i mean": "I mean", "like": "like"}


def _gold(sentence: str) -> tuple[str, set[tuple[int, str]]]:
    """The plain sentence and its labelled fillers as (word index, canonical kind)."""
    tokens = sentence.split()
    gold = set()
    for index, token in enumerate(tokens):
        if token.startswith("{"):
            rest = " ".join(tokens[index:])
            gold.add((index, _kind(rest[1 : rest.index("}")])))
    return sentence.replace("{", "").replace("}", ""), gold


def _kind(text: str) -> str:
    from igym.analysis import hesitation_sound

    lowered = text.lower()
    return _CANON.get(lowered) or hesitation_sound(lowered) or lowered


def _predicted(text: str) -> set[tuple[int, str]]:
    return {(hit.word_index, hit.kind) for hit in find_fillers(tokenized(words_from_text(text)))}


def test_corpus_is_big_enough_and_labelled():
    assert len(LABELLED) >= 60
    assert sum(len(_gold(s)[1]) for s in LABELLED) >= 40


def test_filler_f1_on_labelled_corpus_is_at_least_095():
    tp = fp = fn = 0
    mistakes = []
    for sentence in LABELLED:
        text, gold = _gold(sentence)
        predicted = _predicted(text)
        tp += len(gold & predicted)
        fp += len(predicted - gold)
        fn += len(gold - predicted)
        if gold != predicted:
            mistakes.append(f"{text!r}: expected {sorted(gold)}, got {sorted(predicted)}")
    precision = tp / (tp + fp)
    recall = tp / (tp + fn)
    f1 = 2 * precision * recall / (precision + recall)
    print(f"filler precision={precision:.3f} recall={recall:.3f} F1={f1:.3f} on {tp + fn} labelled fillers")
    assert f1 >= 0.95, "\n".join(mistakes)


@pytest.mark.parametrize(
    "text",
    [
        "I like the way we planned it.",
        "It looks like the cache was stale.",
        "It took something like five weeks.",
        "I would like to lead a team.",
        "Like I said, the tests were flaky.",
        "Do you know what broke?",
        "You know how to restart it?",
        "What I mean is that we lacked time.",
        "I mean it.",
    ],
)
def test_issue_counter_examples_are_not_fillers(text):
    assert find_fillers(tokenized(words_from_text(text))) == []


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Ummm, okay.", "um"),
        ("Uhh, right.", "uh"),
        ("Erm, yes.", "erm"),
        ("Hmmm, maybe.", "hmm"),
        ("It was, like, huge.", "like"),
        ("We shipped it, you know.", "you know"),
        ("I mean, it worked.", "I mean"),
    ],
)
def test_fillers_in_any_spelling_are_counted_by_canonical_kind(text, kind):
    assert [h.kind for h in find_fillers(tokenized(words_from_text(text)))] == [kind]


def test_filler_positions_carry_word_times_when_words_are_timed():
    words = [Word("So", 0.5, 0.7), Word("um,", 0.9, 1.2), Word("you", 1.3, 1.4), Word("know,", 1.4, 1.6)]
    words.append(Word("yes.", 2.0, 2.3))
    hits = find_fillers(tokenized(words))
    assert [(h.kind, h.word_index, h.start_s) for h in hits] == [("um", 1, 0.9), ("you know", 2, 1.3)]


def test_typed_answer_counts_words_without_hesitation_sounds():
    metrics = analyze_text("Um, I led the team, you know, and uh we won.")
    assert metrics.word_count == 9  # "Um" and "uh" are not words; "you know" is two
    assert metrics.filler_counts == {"um": 1, "you know": 1, "uh": 1}
    assert metrics.pause_count is None and metrics.words_per_minute is None
