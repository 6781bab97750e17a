"""Filler words: what counts, what does not, and where each one is.

The definition (issue 3): hesitation sounds — um, uh, er, erm, ah, hmm, mm in any spelling ("ummm", "uhh") —
always count. "like", "you know" and "I mean" count only as discourse fillers. The rules, in order:

* **like** is *not* a filler after a modal ("would like", "I'd like"), after a comparison verb ("looks like",
  "sounds like"), after an approximation word ("something like five", "things like that"), as a conjunction
  before a speech verb ("like I said", "like we discussed"), or as a verb after a subject ("I like", "we really
  like", "don't like"). Otherwise it *is* a filler when punctuation sets it off (", like,", "Like, ...",
  "like, ..."), when it follows a comma and precedes an intensifier, pronoun, number or another filler, or when
  it sits between "was/and/so..." and an intensifier or pronoun ("it was like really hard"). Anything else
  ("tools like Jira", "it was like a puzzle") is content.
* **you know** is *not* a filler in a question or clause ("do you know", "if you know", "as you know") or with
  an object ("you know how to", "you know the answer"). It is a filler when punctuation closes it
  ("you know," "..., you know."), or after a conjunction/comma before a pronoun ("and you know we ...").
* **I mean** is *not* a filler after "what/that" ("what I mean is", "if you know what I mean") or with an object
  ("I mean it", "I mean that seriously"). It is a filler when a comma follows it or it opens a clause.

Pure functions over an answer tokenized once (`igym.analysis.tokens.TokenizedWords`): safe from any thread.
"""

from __future__ import annotations

from collections.abc import Sequence

from igym.analysis.tokens import Token, TokenizedWords, count_by_kind, find_phrases, hesitation_sound
from igym.models import FillerHit

__all__ = ["count_by_kind", "count_words", "find_fillers", "hesitation_sound"]

_MODALS = frozenset({"would", "could", "should", "might", "may", "'d", "wouldn't", "shouldn't"})
_COMPARISON = frozenset(
    "look looks looked looking seem seems seemed sound sounds sounded feel feels felt feeling act acts acted "
    "smell smells smelled taste tastes tasted".split()
)
_APPROX = frozenset("something anything nothing more stuff things somewhere someone somebody".split())
_SUBJECTS = frozenset("i you we they he she people who everyone everybody folks customers users kids".split())
_VERB_GAP = frozenset(
    "really also just actually always never genuinely still truly do don't did didn't does doesn't not "
    "to kind of sort".split()
)
_PRONOUNS = frozenset("i we they he she it you i'm we're they're it's he's she's you're there that's".split())
_SAY_VERBS = frozenset(
    "said say says mentioned told explained discussed noted did do was were had have expected planned promised "
    "asked suggested agreed described wrote".split()
)
_INTENSIFIERS = frozenset(
    "really so totally super very just literally basically kind sort actually pretty completely honestly maybe "
    "almost about crazy insane".split()
)
_NUMBERS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty fifty hundred "
    "thousand million half a-couple".split()
)
_CLAUSE_JOINERS = frozenset("and but so because then or was is were are 's it's just well".split())
_QUESTION_LEADS = frozenset(
    "do did does don't didn't doesn't if as would will 'd can could might should whether when what how".split()
)
_KNOW_OBJECTS = frozenset(
    "how what where when why who whether which that the a an it this these those him her them about if "
    "everything anything nothing someone somebody each me us my our your their his more enough exactly".split()
)
_MEAN_PREV = frozenset("what which that you do did does".split())
_MEAN_OBJECTS = frozenset("it that this to business what no every exactly".split())


def find_fillers(words: TokenizedWords) -> list[FillerHit]:
    """Every filler in the words, in order, with its word index and (when timed) its start time."""
    return find_phrases(words, _filler_at, FillerHit)


def count_words(words: TokenizedWords) -> int:
    """Words as users count them: every token except pure hesitation sounds (um, uh ...), which are not words."""
    return sum(1 for n in words.token_words if words.sounds[n] is None)


def _filler_at(tokens: Sequence[Token], i: int) -> tuple[str | None, int]:
    core = tokens[i].core
    sound = hesitation_sound(core)
    if sound is not None:
        return sound, 1
    if core == "like" and _like_is_filler(tokens, i):
        return "like", 1
    nxt = tokens[i + 1] if i + 1 < len(tokens) and not tokens[i].end_after and not tokens[i].comma_after else None
    if nxt is not None and core == "you" and nxt.core == "know" and _you_know_is_filler(tokens, i):
        return "you know", 2
    if nxt is not None and core == "i" and nxt.core == "mean" and _i_mean_is_filler(tokens, i):
        return "I mean", 2
    return None, 1


def _prev(tokens: Sequence[Token], i: int) -> Token | None:
    """The token before `i` in the same sentence, or None at a sentence start."""
    if i == 0 or tokens[i - 1].end_after:
        return None
    return tokens[i - 1]


def _next(tokens: Sequence[Token], i: int) -> Token | None:
    if i + 1 >= len(tokens) or tokens[i].end_after:
        return None
    return tokens[i + 1]


def _is_filler_word(token: Token | None) -> bool:
    return token is not None and (hesitation_sound(token.core) is not None or token.core in {"like", "you"})


def _like_is_filler(tokens: Sequence[Token], i: int) -> bool:
    prev, nxt = _prev(tokens, i), _next(tokens, i)
    comma_before = prev is not None and prev.comma_after
    comma_after = tokens[i].comma_after or tokens[i].end_after
    if prev is not None and not comma_before and _licenses_content_like(prev.core):
        return False  # "would like", "looks like", "something like"
    after = tokens[i + 2] if nxt is not None and i + 2 < len(tokens) else None
    if not comma_after and nxt is not None and nxt.core in _SUBJECTS and after is not None and after.core in _SAY_VERBS:
        return False  # "like I said"
    if comma_after and (comma_before or prev is None or prev.core in _CLAUSE_JOINERS or _is_filler_word(prev)):
        return True
    if not comma_before and _follows_subject(tokens, i):
        return False  # "I like", "we really like"
    if comma_after:
        return True
    nxt_core = nxt.core if nxt is not None else ""
    signal = nxt_core in _INTENSIFIERS or nxt_core in _PRONOUNS or _is_filler_word(nxt)
    if comma_before or prev is None:
        return signal or nxt_core in _NUMBERS or nxt_core.isdigit()
    return prev.core in _CLAUSE_JOINERS and signal


def _licenses_content_like(core: str) -> bool:
    return core in _MODALS or core.endswith("'d") or core in _COMPARISON or core in _APPROX


def _follows_subject(tokens: Sequence[Token], i: int) -> bool:
    """True for "I like", "we really like", "they don't like", "to like"."""
    j = i - 1
    while j >= 0 and not tokens[j].end_after and not tokens[j].comma_after:
        core = tokens[j].core
        if core in _SUBJECTS or core == "to":
            return True
        if core not in _VERB_GAP:
            return False
        if core in {"don't", "didn't", "doesn't", "do", "did", "does", "not"}:
            return True
        j -= 1
    return False


def _you_know_is_filler(tokens: Sequence[Token], i: int) -> bool:
    prev, know = _prev(tokens, i), tokens[i + 1]
    if prev is not None and not prev.comma_after and prev.core in _QUESTION_LEADS:
        return False  # "do you know", "if you know", "as you know"
    if know.comma_after or know.end_after:
        return True  # "you know," / "..., you know."
    after = _next(tokens, i + 1)
    if after is None:
        return True
    if after.core in _KNOW_OBJECTS:
        return False  # "you know how to", "you know the answer"
    opens_clause = prev is None or prev.comma_after or prev.core in _CLAUSE_JOINERS
    return opens_clause and (after.core in _PRONOUNS or _is_filler_word(after) or after.core in _INTENSIFIERS)


def _i_mean_is_filler(tokens: Sequence[Token], i: int) -> bool:
    prev, mean = _prev(tokens, i), tokens[i + 1]
    if prev is not None and not prev.comma_after and prev.core in _MEAN_PREV:
        return False  # "what I mean is", "you know what I mean"
    if mean.comma_after:
        return True
    after = _next(tokens, i + 1)
    if mean.end_after or after is None:
        return False  # "... and that's what I mean." is caught above; a bare "I mean." is a statement
    if after.core in _MEAN_OBJECTS:
        return False  # "I mean it", "I mean to finish"
    return prev is None or prev.comma_after or prev.core in _CLAUSE_JOINERS
