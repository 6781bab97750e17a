"""Checks that every quoted span really is the candidate's own words, and repairs near-misses.

LLMs paraphrase when asked to quote. A claim is kept when its quote occurs in the answer it names (or in any
answer), compared case-, punctuation- and whitespace-insensitively. A quote that is only slightly off (a word
changed, punctuation moved; similarity ≥ 0.85 against the best window of the answer's words) is *fixed*: it
is replaced by the candidate's actual words (clipped to fit a quote). Anything else is dropped. Pure
functions, safe from any thread.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from igym.feedback.quotes import clip_quote
from igym.feedback.types import Claim

_TOKEN = re.compile(r"[a-z0-9']+")
MIN_SIMILARITY = 0.85


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower().replace("’", "'").replace("‘", "'"))


def quote_occurs(quote: str, text: str) -> bool:
    """True when the quote's words appear, in order and adjacent, in `text`."""
    needle, haystack = _tokens(quote), _tokens(text)
    if not needle:
        return False
    joined = " " + " ".join(haystack) + " "
    return (" " + " ".join(needle) + " ") in joined


def closest_span(quote: str, text: str) -> tuple[str, float]:
    """The stretch of `text` most like `quote` (in the candidate's spelling) and its similarity 0..1."""
    words = text.split()
    target = " ".join(_tokens(quote))
    size = max(1, len(_tokens(quote)))
    best, best_ratio = "", 0.0
    for width in {max(1, size - 2), max(1, size - 1), size, size + 1, size + 2}:
        for start in range(0, max(1, len(words) - width + 1)):
            window = words[start : start + width]
            ratio = SequenceMatcher(None, target, " ".join(_tokens(" ".join(window)))).ratio()
            if ratio > best_ratio:
                best, best_ratio = " ".join(window).strip(" ,;:"), ratio
    return best, best_ratio


@dataclass(frozen=True, slots=True)
class GroundingResult:
    """How many of a feedback's quotes were found in the candidate's answers, and which were not."""

    kept: list[Claim]
    fixed: int
    dropped: int


def ground_claims(claims: Sequence[Claim], answers: Sequence[str]) -> GroundingResult:
    """Keep the claims whose quotes are the candidate's words; fix near-misses; drop the rest.

    `answers` are the session's answers in order; a claim's `answer` field (1-based) names the one it quotes,
    but a right quote attributed to the wrong answer is kept and re-attributed.
    """
    kept: list[Claim] = []
    fixed = dropped = 0
    for claim in claims:
        order = _search_order(claim.answer, len(answers))
        found = next((n for n in order if quote_occurs(claim.quote, answers[n])), None)
        if found is not None:
            kept.append(claim.model_copy(update={"answer": found + 1}))
            continue
        candidates = [(closest_span(claim.quote, answers[n]), n) for n in order]
        best = max(candidates, key=lambda item: item[0][1], default=None)
        fixed_quote = clip_quote(best[0][0]) if best is not None and best[0][1] >= MIN_SIMILARITY else None
        if best is not None and fixed_quote is not None:
            kept.append(claim.model_copy(update={"quote": fixed_quote, "answer": best[1] + 1}))
            fixed += 1
        else:
            dropped += 1
    return GroundingResult(kept=kept, fixed=fixed, dropped=dropped)


def _search_order(named: int | None, count: int) -> list[int]:
    indexes = list(range(count))
    if named is not None and 1 <= named <= count:
        indexes.remove(named - 1)
        indexes.insert(0, named - 1)
    return indexes
