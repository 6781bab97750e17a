"""An outro Whisper invents and squeezes onto the last voiced frames is dropped; words anyone could say are kept.

The examples are what offline Whisper returned for a stretch of a live answer on AVX-512 and AVX2 CPUs: the real
sentence, then "Thank you very much." timed at 9.64-9.70 s, over the tail of the last voiced word.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from igym.analysis.timing import drop_unvoiced_words, squeezed_sentences
from igym.analysis.tokens import tokenized
from igym.models import Span, Word

SPEECH = [Span(1.34, 5.34), Span(5.92, 9.76)]
REAL = [
    Word("I", 5.92, 6.1, 0.99),
    Word("added", 6.1, 6.5, 0.98),
    Word("smoke", 6.5, 8.64, 0.97),
    Word("test", 8.64, 8.98, 0.85),
    Word("to", 8.98, 9.16, 0.97),
    Word("the", 9.16, 9.3, 0.99),
    Word("pipeline.", 9.3, 9.64, 0.97),
]
OUTRO = [
    Word("Thank", 9.64, 9.64, 0.014),
    Word("you", 9.64, 9.64, 0.984),
    Word("very", 9.64, 9.64, 0.257),
    Word("much.", 9.64, 9.7, 0.993),
]


def _texts(words) -> list[str]:  # type: ignore[no-untyped-def]
    return [w.text for w in words.words]


def test_a_squeezed_outro_after_the_last_sentence_is_dropped_whole() -> None:
    kept = drop_unvoiced_words(tokenized(REAL + OUTRO), SPEECH)
    assert _texts(kept) == [w.text for w in REAL]


def test_a_squeezed_sentence_is_dropped_even_without_closing_punctuation() -> None:
    outro = [Word("Thank", 9.64, 9.64, 0.4), Word("you", 9.64, 9.66, 0.9)]
    assert _texts(drop_unvoiced_words(tokenized(REAL + outro), SPEECH)) == [w.text for w in REAL]


def test_a_short_one_word_sentence_and_a_misplaced_um_are_kept() -> None:
    words = [*REAL, Word("Yes.", 9.64, 9.64, 0.9), Word("Um,", 9.7, 9.7, 0.6), Word("um.", 9.7, 9.7, 0.6)]
    assert _texts(drop_unvoiced_words(tokenized(words), SPEECH)) == [w.text for w in words]


def test_a_sentence_with_an_untimed_word_is_left_alone() -> None:
    words = [Word("Thank", 9.64, 9.64, 0.9), Word("you.", None, None, None)]
    assert squeezed_sentences(tokenized(words)) == set()


@st.composite
def _spoken(draw: st.DrawFn) -> list[Word]:
    """Sentences as a person says them: every word takes at least 60 ms, with or without gaps between."""
    words: list[Word] = []
    t = draw(st.floats(0, 5))
    for _ in range(draw(st.integers(1, 6))):
        length = draw(st.integers(1, 8))
        for k in range(length):
            duration = draw(st.floats(0.06, 0.8))
            text = draw(st.sampled_from(["we", "shipped", "it", "on", "time", "and", "then"]))
            words.append(Word(text + ("." if k == length - 1 else ""), round(t, 3), round(t + duration, 3), 0.9))
            t += duration + draw(st.floats(0, 0.5))
    return words


@given(_spoken())
def test_words_spoken_at_any_human_pace_are_never_squeezed(words: list[Word]) -> None:
    assert squeezed_sentences(tokenized(words)) == set()


@given(_spoken(), st.sampled_from([["Thank", "you."], ["Thanks", "for", "watching."], ["Bye", "bye."]]))
def test_an_outro_squeezed_after_any_answer_is_found_and_only_it(words: list[Word], outro: list[str]) -> None:
    at = words[-1].end or 0.0
    invented = [Word(text, at, at, 0.5) for text in outro]
    assert squeezed_sentences(tokenized(words + invented)) == set(range(len(words), len(words) + len(outro)))


def test_a_word_whisper_all_but_rejects_is_dropped_when_it_lies_mostly_in_silence() -> None:
    # The same stretch on an AVX2 CPU: "Thank" from the tail of the last voiced word into the silence after it.
    words = [*REAL, Word("Thank", 9.64, 10.04, 0.013), Word("you.", 10.04, 10.04, 0.98)]
    assert _texts(drop_unvoiced_words(tokenized(words), SPEECH)) == [w.text for w in REAL]


def test_a_doubted_word_that_is_mostly_voiced_and_a_doubted_um_are_kept() -> None:
    words = [*REAL[:-1], Word("pipeline.", 9.3, 9.8, 0.02), Word("Um.", 9.6, 9.95, 0.01)]
    assert _texts(drop_unvoiced_words(tokenized(words), SPEECH)) == [w.text for w in words]
