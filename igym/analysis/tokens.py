"""Words as the rule-based analysers see them: lower-case core plus the punctuation around it.

Transcribers attach punctuation to words (" like," "know."), and that punctuation is the best cheap signal of
a discourse filler, so it is kept as flags instead of being thrown away. Typed answers (.txt) go through the
same path with whitespace tokenisation and no timings.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from igym.models import Word

_EDGE = " \t\n\"'“”‘’()[]{}«»*_"
_PAUSE_PUNCT = (",", ";", ":", "—", "–", "-", "…", "...")
_END_PUNCT = (".", "?", "!")
_WORDLIKE = re.compile(r"[a-z0-9]")


@dataclass(frozen=True, slots=True)
class Token:
    """One word with its punctuation context; `core` is lower-case with edge punctuation stripped."""

    core: str
    raw: str
    start: float | None
    comma_after: bool
    end_after: bool


def words_from_text(text: str) -> list[Word]:
    """Split a typed transcript into untimed words (whitespace tokenisation keeps punctuation attached)."""
    return [Word(text=part) for part in text.split() if _WORDLIKE.search(part.lower())]


def tokenize(words: Sequence[Word]) -> list[Token]:
    """Turn transcribed words into tokens; words that are pure punctuation fold into the previous token."""
    tokens: list[Token] = []
    for word in words:
        raw = word.text.strip()
        core = raw.strip(_EDGE).rstrip(".,;:!?…—–-").lstrip(".,;:!?…—–-").strip(_EDGE).lower()
        core = core.replace("’", "'")
        tail = raw.rstrip(_EDGE)
        comma_after = tail.endswith(_PAUSE_PUNCT)
        end_after = tail.endswith(_END_PUNCT) and not tail.endswith("...")
        if not core:
            if tokens:
                prev = tokens[-1]
                tokens[-1] = Token(
                    prev.core, prev.raw, prev.start, prev.comma_after or comma_after, prev.end_after or end_after
                )
            continue
        tokens.append(Token(core, raw, word.start, comma_after, end_after))
    return tokens
