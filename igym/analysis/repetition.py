"""Repetitive language: the words and phrases an answer says most, stop words and fillers left out.

A word counts when it appears at least `MIN_WORD_REPEATS` times; a two- or three-word phrase when it appears
at least `MIN_PHRASE_REPEATS` times and none of its words is a stop word at either edge ("the project" is
counted as "project"; "the team and" is not a phrase). A phrase hides the single words it is made of when it
accounts for all their uses. Results are most repeated first, then alphabetical, at most `TOP` of them.

Pure functions: safe from any thread.
"""

from __future__ import annotations

import re
from collections import Counter

from igym.analysis.tokens import TokenizedWords, hesitation_sound
from igym.models import RepeatedPhrase

__all__ = ["MIN_PHRASE_REPEATS", "MIN_WORD_REPEATS", "STOP_WORDS", "TOP", "repeated_phrases"]

MIN_WORD_REPEATS = 3
MIN_PHRASE_REPEATS = 2
TOP = 5
STOP_WORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have having he
    her here hers herself him himself his how i i'd i'll i'm i've if in into is it it's its itself just let's
    me more most my myself no nor not now of off on once only or other our ours ourselves out over own really
    same she should so some such than that that's the their theirs them themselves then there there's these
    they they're this those through to too under until up very was we we're we've were what when where which
    while who whom why will with would you you're your yours yourself like know mean think thing things got get
    going go went one yeah okay ok well actually basically kind sort lot don't didn't doesn't can't wasn't
    isn't won't gonna wanna us""".split()
)
_WORD = re.compile(r"[a-z][a-z'\-]*")


def repeated_phrases(words: TokenizedWords) -> list[RepeatedPhrase]:
    """The answer's most repeated content words and phrases."""
    cores = [t.core.replace("’", "'") for t in words.tokens]
    content = [c if _WORD.fullmatch(c) and hesitation_sound(c) is None else "" for c in cores]
    breaks = {k for k, t in enumerate(words.tokens) if t.end_after or t.comma_after}
    singles = Counter(c for c in content if c and c not in STOP_WORDS)
    phrases: Counter[str] = Counter()
    for width in (2, 3):
        for k in range(len(content) - width + 1):
            span = content[k : k + width]
            if any(j in breaks for j in range(k, k + width - 1)) or not all(span):
                continue
            if span[0] in STOP_WORDS or span[-1] in STOP_WORDS:
                continue
            phrases[" ".join(span)] += 1
    found = {p: n for p, n in phrases.items() if n >= MIN_PHRASE_REPEATS}
    # A longer phrase with the same count covers its shorter parts.
    for p, n in list(found.items()):
        if any(p != q and f" {p} " in f" {q} " and m == n for q, m in found.items()):
            del found[p]
    covered = {w for p, n in found.items() for w in p.split() if singles.get(w) == n}
    found.update({w: n for w, n in singles.items() if n >= MIN_WORD_REPEATS and w not in covered})
    ranked = sorted(found.items(), key=lambda item: (-item[1], item[0]))
    return [RepeatedPhrase(phrase=p, count=n) for p, n in ranked[:TOP]]
