"""How well an answer addresses its question, and which of the question's key terms it never touched.

Better than counting shared words: both texts are stemmed the same way ("decide", "decided", "decision"
meet), and each of the question's key terms is also covered by any word of its synonym groups in
`relevance_lexicon` ("stakeholder" by "the head of sales", "conflict" by "we disagreed"). The score is 0.8 ×
the weighted share of key terms covered (words that most questions share, "work", "team", "time", weigh
0.35) + 0.2 × how well the answer's kind fits the question's: a story (past-tense verbs) for "tell me about a
time…", an explanation (present tense, conditionals) for "how would you…" and "what is…". A term is *missed*
when nothing in the answer covers it: the feedback names those.

Measured on a hand-labelled set of 57 on- and 57 off-topic answers (tests/feedback/relevance_corpus.py):
ROC AUC 0.71 for the previous content-word overlap, 0.97 for this measure. Pure functions; the lexicon is
stemmed once on first use (under the GIL, so concurrent first calls just build it twice); safe from any
thread, linear in the answer's length.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from igym.feedback.relevance_lexicon import GROUPS

LOW_RELEVANCE = 0.25  # below this an answer gets a note naming the key terms it missed

_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?")
_GREETING = re.compile(r"^\s*(hi|hello)\b[^.!?]*[.!?]\s*", re.IGNORECASE)
_STOPWORDS = frozenset(
    """a an the and or but if of to in on at for with from by about as is are was were be been being do does
    did have has had i me my you your we our they them their it its this that these those what which who whom
    when where why how can could would should will shall may might must tell describe give walk talk example
    time times one some any there here than then so very just also into over out up down more most other
    such not no yes within please let lets us something someone thing things way ways really im ive id
    youre youve youd dont didnt doesnt isnt wasnt werent cant wont couldnt wouldnt hi hello thanks thank
    joining practice interview behavioral behavioural screen technical verbal begin okay move got next
    question switch topics sure well like kind lot lots much many every each all both own ever even still
    happened happen happens make made making get getting go going went know see say said think too
    become became becomes again always never already only""".split()
)
# Words many questions share: covering them says little about answering this one.
_GENERIC = frozenset(
    """work worked team job people person situation experience handle handled deal approach recent last big new
    good great best biggest hardest most part role day took take stayed stay played play had wanted want found
    find finally prefer receive respond introduce far without under several same strictly long difference
    help helps other others current currently describe usually often typically kinds kind type types
    use used using yours come bring brings today looking look whole able sort two three four five ten first
    case yourself yourselves myself set sets""".split()
)
_STORY_QUESTION = re.compile(
    r"\b(tell me about (a|an|the) (time|situation|moment|project|bug|decision|mistake|goal|team|conflict|"
    r"recent|occasion|piece|technical|company|hardest|most|worst)|describe (a|an|the) (time|situation|"
    r"project|conflict|moment)|walk me through (a|the) time|give me an example)\b",
    re.IGNORECASE,
)
_PAST = re.compile(
    r"\b(\w{3,}ed|was|were|had|did|made|took|went|got|told|said|built|wrote|led|ran|found|gave|began|"
    r"brought|chose|spent|sent|kept|met|felt|thought|knew|came|left|saw|won|lost|taught|caught|set|put)\b",
    re.IGNORECASE,
)


_HYPOTHETICAL_QUESTION = re.compile(
    r"^\s*(how would|what would|what is|what are the|what's the|what does|explain|design|how does|how do you "
    r"(design|decide|review|approach|explain)|which|when would|in python)\b|\bwhat is the difference\b",
    re.IGNORECASE,
)
_PRESENT = re.compile(r"\b(would|i'd|you'd|we'd|is|are|can|lets|means|makes|keeps|uses|has)\b", re.IGNORECASE)


def _fit(question: str, answer: str) -> float:
    """How well the answer's kind fits the question's (0–1).

    A story for "tell me about a time", an explanation (present tense, conditionals) for "how would you" and
    "what is", and either (0.5) for the rest.
    """
    words = max(1, len(answer.split()))
    past = len(_PAST.findall(answer))
    if _STORY_QUESTION.search(question):
        return min(1.0, past / 4)
    if any(_HYPOTHETICAL_QUESTION.search(part) for part in re.split(r"(?<=[.!?])\s+", question)):
        present = len(_PRESENT.findall(answer))
        return max(0.0, min(1.0, present / 3) - min(1.0, past / max(4.0, words / 8)) * 0.5)
    return 0.5


@dataclass(frozen=True, slots=True)
class Relevance:
    """An answer's relevance (0–1) and the question's key terms it covered and missed, as the question spells them.

    `missed` leaves out words most questions share ("work", "time"): naming those would not help anyone.
    """

    score: float
    key_terms: tuple[str, ...]
    matched: tuple[str, ...]
    missed: tuple[str, ...]

    @property
    def low(self) -> bool:
        return bool(self.key_terms) and self.score < LOW_RELEVANCE


def stem(word: str) -> str:
    """A light English stemmer: enough to let "decide", "decided", "deciding" and "decision" meet."""
    w = word.lower().replace("’", "'").removesuffix("'s").replace("'", "")
    if len(w) <= 3:
        return w
    for suffix, replacement in (
        ("ational", "ate"), ("isation", "ise"), ("ization", "ise"), ("ation", ""), ("ition", ""), ("sion", "d"),
        ("tion", "t"), ("ment", ""), ("ness", ""), ("ities", ""), ("ity", ""), ("ies", "y"), ("ied", "y"),
        ("ingly", ""), ("edly", ""), ("ing", ""), ("ers", ""), ("er", ""), ("ed", ""), ("ly", ""), ("es", ""),
        ("s", ""),
    ):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)] + replacement
            break
    if len(w) > 4 and w.endswith("e"):
        w = w[:-1]
    if len(w) > 4 and w.endswith("ck"):
        w = w[:-1]  # "panicking" → "panick" → "panic"
    if len(w) > 4 and w[-1] == w[-2] and w[-1] not in "aeiouls":
        w = w[:-1]  # "stopped" → "stopp" → "stop"
    return w


_GENERIC_STEMS = frozenset(stem(w) for w in _GENERIC)


def _stems(text: str) -> list[str]:
    return [stem(w) for w in _WORD.findall(text.lower().replace("’", "'"))]


@lru_cache(maxsize=1)
def _groups() -> tuple[tuple[frozenset[str], frozenset[str]], ...]:
    """Each group as (stems of its heads, stems of every word that covers them)."""
    built = []
    for line in GROUPS:
        heads_text, _, cover_text = line.partition("|")
        heads = frozenset(_group_stems(heads_text))
        built.append((heads, heads | frozenset(_group_stems(cover_text))))
    return tuple(built)


def _group_stems(text: str) -> list[str]:
    return [s for w in text.split() if w not in _STOPWORDS and (s := stem(w)) not in _GENERIC_STEMS]


@lru_cache(maxsize=1)
def _group_index() -> dict[str, tuple[int, ...]]:
    """Which groups each head stem opens (a covering word opens none: no chains of synonyms)."""
    index: dict[str, list[int]] = {}
    for n, (heads, _) in enumerate(_groups()):
        for s in heads:
            index.setdefault(s, []).append(n)
    return {k: tuple(v) for k, v in index.items()}


def key_terms(question: str) -> list[tuple[str, str]]:
    """The question's key terms as (word as written, stem), in order, without framing or stopwords."""
    text = _GREETING.sub("", question or "")
    seen: set[str] = set()
    out = []
    for word in _WORD.findall(text):
        lowered = word.lower().replace("’", "'").removesuffix("'s").replace("'", "")
        if lowered in _STOPWORDS or len(lowered) < 3 or not lowered.isalpha():
            continue
        s = stem(lowered)
        if s not in seen:
            seen.add(s)
            out.append((word, s))
    return out


def _covered(term: str, answer_stems: set[str]) -> bool:
    if term in answer_stems:
        return True
    groups = _groups()
    if any(groups[n][1] & answer_stems for n in _group_index().get(term, ())):
        return True
    return len(term) >= 5 and any(len(a) >= 5 and a[:5] == term[:5] for a in answer_stems)


def assess_relevance(question: str, answer: str) -> Relevance:
    """Score how well `answer` addresses `question` (0–1) and name the key terms it never touched."""
    terms = key_terms(question)
    if not terms:
        return Relevance(score=0.5, key_terms=(), matched=(), missed=())
    answer_stems = {s for s in _stems(answer) if s}
    matched, missed = [], []
    total = got = 0.0
    for word, s in terms:
        weight = 0.35 if s in _GENERIC_STEMS else 1.0
        total += weight
        if _covered(s, answer_stems):
            got += weight
            matched.append(word)
        else:
            missed.append(word)
    coverage = got / total
    score = 0.8 * coverage + 0.2 * _fit(question, answer)
    return Relevance(
        score=round(score, 3),
        key_terms=tuple(w for w, _ in terms),
        matched=tuple(matched),
        missed=tuple(w for w in missed if stem(w) not in _GENERIC_STEMS),
    )
