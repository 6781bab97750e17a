"""Non-inclusive terms, each with a suggested alternative, from the documented list `inclusive_terms.csv`.

The list (term, suggestion, why) ships beside this module and is read once; a term of several words matches
those words in a row within one clause, longest term first, and a word is never part of two hits. Matching is
on the lower-case core of each token (punctuation and case ignored), so "Guys," counts and "guyser" does not.

Pure functions; the list is loaded once under `functools.cache` (thread-safe after first use).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from igym.analysis.tokens import TokenizedWords
from igym.models import InclusiveHit

__all__ = ["InclusiveTerm", "find_inclusive", "inclusive_terms"]

TERMS_FILE = Path(__file__).with_name("inclusive_terms.csv")


@dataclass(frozen=True, slots=True)
class InclusiveTerm:
    """One row of the list: the words to look for, what to say instead, and why."""

    words: tuple[str, ...]
    suggestion: str
    why: str


@cache
def inclusive_terms() -> tuple[InclusiveTerm, ...]:
    """The list, longest term first (so "you guys" wins over "guys")."""
    with TERMS_FILE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    terms = [InclusiveTerm(tuple(r["term"].lower().split()), r["suggestion"], r["why"]) for r in rows]
    return tuple(sorted(terms, key=lambda t: -len(t.words)))


def find_inclusive(words: TokenizedWords) -> list[InclusiveHit]:
    """Every listed term in the words, in order."""
    tokens = words.tokens
    cores = [t.core.replace("’", "'") for t in tokens]
    hits: list[InclusiveHit] = []
    i = 0
    while i < len(tokens):
        for term in inclusive_terms():
            width = len(term.words)
            if tuple(cores[i : i + width]) != term.words:
                continue
            if any(tokens[j].end_after or tokens[j].comma_after for j in range(i, i + width - 1)):
                continue
            hits.append(
                InclusiveHit(
                    term=" ".join(term.words), suggestion=term.suggestion, word_index=words.token_words[i],
                    start_s=tokens[i].start,
                )
            )
            i += width - 1
            break
        i += 1
    return hits
