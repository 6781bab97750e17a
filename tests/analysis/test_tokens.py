"""An answer is tokenized once: the parsed value answers every later question the way re-reading would."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from igym.models import Word

_PIECES = st.sampled_from(["um", "Uhh,", "like", "like,", "you", "know.", "I", "mean,", ",", "...", "—", "?", "’s"])
_TEXT = st.one_of(_PIECES, st.text(max_size=6))
_WORDS = st.lists(
    st.builds(Word, _TEXT, st.none() | st.floats(0, 60), st.none() | st.floats(0, 60), st.none() | st.floats(0, 1)),
    max_size=25,
)


def _fresh(words):
    from igym.analysis.tokens import tokenized

    return tokenized(words)


@given(_WORDS, st.data())
def test_selecting_words_matches_tokenizing_the_selection(words, data):
    chosen = sorted(data.draw(st.sets(st.integers(0, max(0, len(words) - 1)), max_size=len(words))))
    chosen = [n for n in chosen if n < len(words)]
    assert _fresh(words).select(chosen) == _fresh([words[n] for n in chosen])


@given(_WORDS, st.data())
def test_moving_a_word_matches_tokenizing_the_moved_words(words, data):
    if not words:
        return
    n = data.draw(st.integers(0, len(words) - 1))
    start = data.draw(st.floats(0, 60))
    moved = list(words)
    moved[n] = Word(words[n].text, start, start + 0.2, words[n].probability)
    assert _fresh(words).retimed(n, start, start + 0.2) == _fresh(moved)


def test_punctuation_words_fold_into_the_token_before_and_keep_word_indexes():
    from igym.analysis.fillers import count_words, find_fillers

    words = _fresh([Word("So"), Word("like"), Word(","), Word("um"), Word("we"), Word("won"), Word(".")])
    assert [t.core for t in words.tokens] == ["so", "like", "um", "we", "won"]
    assert words.token_words == (0, 1, 3, 4, 5)
    assert words.tokens[1].comma_after and words.tokens[-1].end_after
    assert [(h.kind, h.word_index) for h in find_fillers(words)] == [("like", 1), ("um", 3)]
    assert count_words(words) == 4
