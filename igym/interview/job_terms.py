"""A pasted job posting's key terms, and which of them an answer covered.

The posting is data, never instructions: it is stored as typed, but only the short terms extracted here
ever reach questions, follow-ups, prompts or the page. Extraction is `key_phrases` in list mode (postings
are bullet lists as much as sentences), no model and no network. A line that speaks to the interviewer
("ignore your instructions", "you are now"...) contributes nothing, the rest of the posting still does.
Each term is at most MAX_TERM_WORDS words and MAX_TERM_CHARS characters of letters, digits and `+#./-`
(so "C++", "CI/CD", "Node.js" survive); posting boilerplate ("experience", "looking", "requirements") and
a leading verb ("design REST APIs" -> "REST APIs") are dropped. Pure functions, safe from any thread.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from igym.interview.key_phrases import key_phrases, looks_like_instructions

MAX_TERMS = 10
MAX_TERM_WORDS = 3
MAX_TERM_CHARS = 40
MAX_POSTING_CHARS = 20_000
_ALLOWED = re.compile(r"^[A-Za-z0-9+#./\- ]+$")
_BOILERPLATE = frozenset(
    """
    looking seeking join hiring role position candidate candidates requirements requirement responsibilities
    qualifications experience experienced skills skill ability knowledge plus bonus nice preferred required
    strong excellent solid proven senior junior engineer engineers developer developers opportunity
    benefits salary apply applicants environment culture mission values company office remote hybrid
    """.split()
)
_LEADING_VERBS = frozenset(
    """
    build design run own lead manage develop write maintain deliver drive create support ship improve scale
    operate deploy implement use using work collaborate partner mentor help
    """.split()
)


def job_terms(posting: str, *, limit: int = MAX_TERMS) -> list[str]:
    """The posting's `limit` key terms, most central first; empty for an empty or instruction-only posting."""
    lines = [line for line in (posting or "")[:MAX_POSTING_CHARS].splitlines() if not looks_like_instructions(line)]
    terms: list[str] = []
    seen: set[str] = set()
    for phrase in key_phrases("\n".join(lines).replace("\n", ". "), limit=limit * 4, prose=False):
        term = _cleaned(phrase.text)
        if term is None or term.lower() in seen:
            continue
        seen.add(term.lower())
        terms.append(term)
        if len(terms) >= limit:
            break
    return terms


def _cleaned(text: str) -> str | None:
    words = text.split()
    while words and words[0].lower() in _LEADING_VERBS | _BOILERPLATE:
        words = words[1:]
    words = [w for w in words if w.lower() not in _BOILERPLATE] if len(words) > 1 else words
    term = " ".join(words[:MAX_TERM_WORDS])
    if not term or len(term) > MAX_TERM_CHARS or not _ALLOWED.match(term) or term.lower() in _BOILERPLATE:
        return None
    return term if any(ch.isalpha() for ch in term) else None


def _words(text: str) -> set[str]:
    return {w.strip(".-") for w in re.findall(r"[a-z0-9][a-z0-9+#./\-]*", (text or "").lower())}


def covered_terms(answer: str, terms: Sequence[str]) -> list[str]:
    """The `terms` the answer named: every word of a term appears in it (any case, whole words)."""
    said = _words(answer)
    return [t for t in terms if _words(t) and _words(t) <= said]


def stored_terms(raw: Iterable[object] | None) -> list[str]:
    """A session's stored `job_terms` read back defensively: strings only, cleaned again, at most MAX_TERMS."""
    out: list[str] = []
    for item in raw or []:
        term = _cleaned(str(item)) if isinstance(item, str) else None
        if term is not None and term not in out:
            out.append(term)
    return out[:MAX_TERMS]
