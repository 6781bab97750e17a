from __future__ import annotations

import pytest

from igym.providers.text_chunks import MAX_CHUNK_CHARS, chunk_text, split_sentences


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        pytest.param(
            "Thanks for joining.  Tell me about yourself!\nWhy this role? Let's begin…  Ready",
            ["Thanks for joining.", "Tell me about yourself!", "Why this role?", "Let's begin…", "Ready"],
            id="end-punctuation-is-kept",
        ),
        pytest.param(
            "Dr. Smith met Mr. J. R. Jones at 9 a.m. on the U.S. team, e.g. for reviews. Then what happened?",
            ["Dr. Smith met Mr. J. R. Jones at 9 a.m. on the U.S. team, e.g. for reviews.", "Then what happened?"],
            id="abbreviations-and-initials-do-not-end-a-sentence",
        ),
        pytest.param(
            'Revenue grew 3.5 percent. She said "we shipped it." Then we celebrated.',
            ["Revenue grew 3.5 percent.", 'She said "we shipped it."', "Then we celebrated."],
            id="decimals-and-closing-quotes",
        ),
    ],
)
def test_sentences_split_at_end_punctuation_only(text: str, sentences: list[str]) -> None:
    assert split_sentences(text) == sentences


def test_long_sentence_is_cut_at_a_clause_mark_within_the_limit() -> None:
    sentence = (
        "When you think about the hardest project you have worked on in the last two years, the one that kept "
        "you up at night, I would like to hear what the stakes were, who depended on you, and how you decided "
        "what to do first when everything seemed urgent at the same time."
    )
    chunks = chunk_text(sentence)
    assert len(chunks) > 1
    assert all(len(c) <= MAX_CHUNK_CHARS for c in chunks)
    assert all(c.endswith(",") for c in chunks[:-1])
    assert " ".join(chunks) == sentence


def test_no_word_is_ever_broken_without_clause_marks() -> None:
    sentence = " ".join(["interviewing"] * 60) + "."
    chunks = chunk_text(sentence, limit=50)
    assert all(len(c) <= 50 for c in chunks)
    assert all(set(c.rstrip(".").split()) == {"interviewing"} for c in chunks)
    assert " ".join(chunks) == sentence


def test_only_a_single_overlong_token_is_cut_hard() -> None:
    url = "https://example.org/" + "a" * 300
    chunks = chunk_text(f"See {url} now.", limit=100)
    assert all(len(c) <= 100 for c in chunks)
    assert "".join(chunks).replace(" ", "") == f"See{url}now."


@pytest.mark.parametrize("text", ["", "   \n  "])
def test_empty_text_has_no_chunks(text: str) -> None:
    assert chunk_text(text) == []
