"""Words as the rule-based analysers see them: lower-case core plus the punctuation around it.

Transcribers attach punctuation to words (" like," "know."), and that punctuation is the best cheap signal of
a discourse filler, so it is kept as flags instead of being thrown away. Typed answers (.txt) go through the
same path with whitespace tokenisation and no timings.

An answer is tokenized once: `tokenized(words)` reads every word's text one time into a `TokenizedWords`
value, and the filler rules, the word count and the timing checks (`igym.analysis.fillers`,
`igym.analysis.timing`) take that value and its per-word flags instead of re-reading each word's text. Dropping
words or moving a word in time (`select`, `retimed`) reuses the parsed tokens. Values here are immutable: safe
from any thread.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TypeVar

from igym.models import Word, WordHit

H = TypeVar("H", bound=WordHit)

_EDGE = " \t\n\"'“”‘’()[]{}«»*_"
_PAUSE_PUNCT = (",", ";", ":", "—", "–", "-", "…", "...")
_END_PUNCT = (".", "?", "!")
_WORDLIKE = re.compile(r"[a-z0-9]")
_SOUNDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern))
    for kind, pattern in (
        ("um", r"u+h*m+"),
        ("uh", r"u+h+"),
        ("erm", r"e+r+m+"),
        ("er", r"e+r+"),
        ("ah", r"a+h+"),
        ("hmm", r"h+m+"),
        ("mm", r"m{2,}|m+h+m+"),
    )
)


@dataclass(frozen=True, slots=True)
class Token:
    """One word with its punctuation context; `core` is lower-case with edge punctuation stripped."""

    core: str
    raw: str
    start: float | None
    comma_after: bool
    end_after: bool


@lru_cache(maxsize=4096)
def hesitation_sound(core: str) -> str | None:
    """The canonical filler ("um", "uh", ...) a token spells, or None: "Ummm" -> "um", "Uhh" -> "uh".

    Cached (the filler rules ask about the same few hundred cores again and again); the cache is thread-safe.
    """
    for kind, pattern in _SOUNDS:
        if pattern.fullmatch(core):
            return kind
    return None


@dataclass(frozen=True)
class TokenizedWords:
    """An answer's words with each word's text read once.

    `words` are the words as given; `parsed[n]` is word n's own token (an empty `core` for a word that is pure
    punctuation) and `sounds[n]` its hesitation sound ("um", ...) or None. `tokens` folds pure-punctuation
    words into the token before them (their comma/sentence-end flags carry over), and `token_words[k]` is the
    word index of token k. Build it with `tokenized`.
    """

    words: tuple[Word, ...]
    parsed: tuple[Token, ...]
    sounds: tuple[str | None, ...]
    tokens: tuple[Token, ...] = field(init=False)
    token_words: tuple[int, ...] = field(init=False)

    def __post_init__(self) -> None:
        tokens, token_words = _fold(self.parsed)
        object.__setattr__(self, "tokens", tokens)
        object.__setattr__(self, "token_words", token_words)

    def __len__(self) -> int:
        return len(self.words)

    def is_sound(self, index: int) -> bool:
        """True when word `index` is a hesitation sound (um, uh, ...)."""
        return self.sounds[index] is not None

    def select(self, indexes: Iterable[int]) -> TokenizedWords:
        """The words at `indexes` (in that order), keeping their parsed tokens."""
        chosen = list(indexes)
        return TokenizedWords(
            tuple(self.words[n] for n in chosen),
            tuple(self.parsed[n] for n in chosen),
            tuple(self.sounds[n] for n in chosen),
        )

    def retimed(self, index: int, start: float, end: float) -> TokenizedWords:
        """The same words with word `index` moved to `start`..`end` (its text and token otherwise unchanged)."""
        word = self.words[index]
        words = list(self.words)
        words[index] = Word(word.text, start, end, word.probability)
        parsed = list(self.parsed)
        parsed[index] = replace(parsed[index], start=start)
        return TokenizedWords(tuple(words), tuple(parsed), self.sounds)


def tokenized(words: Sequence[Word]) -> TokenizedWords:
    """Read every word's text once (see `TokenizedWords`)."""
    parsed = tuple(_parse(word) for word in words)
    sounds = tuple(hesitation_sound(t.core) if t.core else None for t in parsed)
    return TokenizedWords(tuple(words), parsed, sounds)


def words_from_text(text: str) -> list[Word]:
    """Split a typed transcript into untimed words (whitespace tokenisation keeps punctuation attached)."""
    return [Word(text=part) for part in text.split() if _WORDLIKE.search(part.lower())]


def find_phrases(
    words: TokenizedWords, phrase_at: Callable[[Sequence[Token], int], tuple[str | None, int]], hit: type[H]
) -> list[H]:
    """Every phrase `phrase_at` recognises, scanning left to right without overlaps, as `hit` values.

    `phrase_at(tokens, i)` returns the phrase's kind and its width in tokens, or (None, _) when none starts at i.
    """
    tokens = words.tokens
    hits: list[H] = []
    i = 0
    while i < len(tokens):
        kind, width = phrase_at(tokens, i)
        if kind is not None:
            text = " ".join(t.raw.strip(".,;:!?…—–-\"'") for t in tokens[i : i + width])
            hits.append(hit(text=text, kind=kind, word_index=words.token_words[i], start_s=tokens[i].start))
            i += width
        else:
            i += 1
    return hits


def count_by_kind(hits: Sequence[WordHit]) -> dict[str, int]:
    """Per-kind counts, most frequent first (what the summaries show)."""
    return dict(Counter(h.kind for h in hits).most_common())


def tokenize(words: Sequence[Word]) -> list[Token]:
    """Turn transcribed words into tokens; words that are pure punctuation fold into the previous token."""
    return list(tokenized(words).tokens)


def _parse(word: Word) -> Token:
    raw = word.text.strip()
    core = raw.strip(_EDGE).rstrip(".,;:!?…—–-").lstrip(".,;:!?…—–-").strip(_EDGE).lower()
    core = core.replace("’", "'")
    tail = raw.rstrip(_EDGE)
    comma_after = tail.endswith(_PAUSE_PUNCT)
    end_after = tail.endswith(_END_PUNCT) and not tail.endswith("...")
    return Token(core, raw, word.start, comma_after, end_after)


def _fold(parsed: Sequence[Token]) -> tuple[tuple[Token, ...], tuple[int, ...]]:
    tokens: list[Token] = []
    token_words: list[int] = []
    for n, token in enumerate(parsed):
        if token.core:
            tokens.append(token)
            token_words.append(n)
        elif tokens and (token.comma_after or token.end_after):
            prev = tokens[-1]
            tokens[-1] = replace(
                prev, comma_after=prev.comma_after or token.comma_after, end_after=prev.end_after or token.end_after
            )
    return tuple(tokens), tuple(token_words)
