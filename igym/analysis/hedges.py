"""Hedges and weak words: what counts, what does not, and where each one is.

A hedge softens a claim the speaker should own ("I think we could maybe try"); the same words are often
content. The rules, in order (tokens as in `igym.analysis.tokens`, punctuation kept as flags):

* **maybe, perhaps, probably, possibly, hopefully, somewhat, arguably** always count.
* **sort of / kind of** count, except with a determiner before them ("a kind of bug", "what sort of team",
  "this kind of problem"), where they name a type.
* **I guess, I suppose, I feel like, I'm not sure, I don't know, more or less** count. "I guess/suppose" is
  not a hedge when an object noun phrase follows ("I guess the password": a real guess) — only when it opens
  a clause with a pronoun, "that", a comma or the end of the sentence.
* **I think / I believe** count when they soften a statement ("I think it went well", "it went well, I
  think."). They are a real claim of belief, not a hedge, with an intensifier before them ("I really think",
  "I strongly believe", "I do think"), with "about/of/in" after ("I think about", "I believe in"), or as the
  main claim of an opinion question ("I think that remote work is better" — "that" followed by a noun
  phrase); "I think that" + pronoun ("I think that we") still counts.
* **just** counts as a minimiser ("I just fixed it", "it's just a small thing", "just wanted to") except as
  "recently/exactly/only-fairly": "just now", "just then", "just before/after", "just as", "just like",
  "just in time", "just enough", "just the right", "had/have just" (= recently), and "just" + a number.
* **a little bit** always counts; **a bit** counts ("a bit nervous") except in "a bit of", which names a
  quantity. "I don't know" is not a hedge before how/what/why/where/if/whether (a fact the speaker lacks).

Pure functions over an answer tokenized once: safe from any thread.
"""

from __future__ import annotations

from collections.abc import Sequence

from igym.analysis.tokens import Token, TokenizedWords, find_phrases
from igym.models import HedgeHit

__all__ = ["find_hedges"]

_ALWAYS = frozenset("maybe perhaps probably possibly hopefully somewhat arguably".split())
_DETERMINERS = frozenset("a an the this that these those what which some any every one each no same".split())
_BELIEF_INTENSIFIERS = frozenset("really truly strongly firmly genuinely honestly do definitely absolutely".split())
_BELIEF_PREPS = frozenset("about of in so".split())
_CLAUSE_OPENERS = frozenset(
    "i we they he she it you it's that's there this i'm we're they're that the our my".split()
)
_OBJECT_LEADS = frozenset("a an the his her their your our my".split())
_JUST_CONTENT = frozenset(
    "now then before after as like enough right about under over in when once".split()
)
_RECENT = frozenset("had have has i've we've they've i'd we'd 've 'd".split())
_NUMBERS = frozenset("one two three four five six seven eight nine ten twenty a-couple".split())


def find_hedges(words: TokenizedWords) -> list[HedgeHit]:
    """Every hedge in the words, in order, with its word index and (when timed) its start time."""
    return find_phrases(words, _hedge_at, HedgeHit)


def _core(tokens: Sequence[Token], i: int) -> str:
    return tokens[i].core.replace("’", "'") if 0 <= i < len(tokens) else ""


def _joined(tokens: Sequence[Token], i: int, width: int) -> str | None:
    """The cores of tokens i..i+width joined, or None if a sentence ends inside the phrase."""
    if i + width > len(tokens):
        return None
    if any(tokens[j].end_after or tokens[j].comma_after for j in range(i, i + width - 1)):
        return None
    return " ".join(_core(tokens, j) for j in range(i, i + width))


def _prev(tokens: Sequence[Token], i: int) -> str:
    if i == 0 or tokens[i - 1].end_after:
        return ""
    return _core(tokens, i - 1)


def _after(tokens: Sequence[Token], i: int) -> str | None:
    """The token after `i` in the same clause; None at a comma or sentence end (or the end of the answer)."""
    if i + 1 >= len(tokens) or tokens[i].end_after or tokens[i].comma_after:
        return None
    return _core(tokens, i + 1)


def _hedge_at(tokens: Sequence[Token], i: int) -> tuple[str | None, int]:
    core = _core(tokens, i)
    if core in _ALWAYS:
        return core, 1
    for phrase in ("i'm not sure", "i am not sure", "i don't know", "more or less", "a little bit", "i feel like"):
        width = phrase.count(" ") + 1
        if _joined(tokens, i, width) == phrase:
            if phrase == "i don't know" and _after(tokens, i + 2) in {"how", "what", "why", "where", "if", "whether"}:
                return None, 1  # "I don't know how they did it" reports ignorance of a fact
            return ("i'm not sure" if phrase == "i am not sure" else phrase), width
    pair = _joined(tokens, i, 2)
    if pair in {"sort of", "kind of"}:
        return (None, 1) if _prev(tokens, i) in _DETERMINERS else (pair, 2)
    if pair in {"i guess", "i suppose"}:
        return (pair, 2) if _opens_clause(tokens, i + 1) else (None, 1)
    if pair in {"i think", "i believe"}:
        return (pair, 2) if _think_is_hedge(tokens, i) else (None, 1)
    if pair == "a bit" and _after(tokens, i + 1) != "of":
        return "a bit", 2
    if core == "just" and _just_is_minimiser(tokens, i):
        return "just", 1
    return None, 1


def _opens_clause(tokens: Sequence[Token], verb: int) -> bool:
    """True when what follows the verb is a clause (or nothing), not an object noun phrase."""
    nxt = _after(tokens, verb)
    if nxt is None:
        return True
    if nxt in _OBJECT_LEADS:
        return False
    return nxt in _CLAUSE_OPENERS or nxt in {"so", "that", "maybe"}


def _think_is_hedge(tokens: Sequence[Token], i: int) -> bool:
    if _prev(tokens, i) in _BELIEF_INTENSIFIERS:
        return False
    nxt = _after(tokens, i + 1)
    if nxt in _BELIEF_PREPS:
        return False  # "I think about", "I believe in"
    if nxt == "that":
        return _after(tokens, i + 2) in _CLAUSE_OPENERS - {"that", "the", "our", "my", "this"}
    return True


def _just_is_minimiser(tokens: Sequence[Token], i: int) -> bool:
    prev, nxt = _prev(tokens, i), _after(tokens, i)
    if prev in _RECENT or prev.endswith("'ve"):
        return False  # "I've just finished" (= recently)
    if nxt is None:
        return False  # "that's just." / "just," is rare and ambiguous: not counted
    if nxt in _JUST_CONTENT or nxt in _NUMBERS or nxt.isdigit():
        return False
    return _joined(tokens, i, 3) not in {"just the right", "just in time"}
