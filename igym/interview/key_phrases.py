"""Key phrases of an answer: the few things the candidate talked about, in their own words.

A documented heuristic, no model and no dependency (the design allows yake; this does the same job for short
spoken answers and lands without a new package). The text is cut into word runs at punctuation and at
*stop words* (function words, fillers, pronouns, common verbs and vague nouns such as "thing" or "team").
What is left are content-word runs; a run longer than three words keeps its last three (in English the head
noun comes last: "the new price cache" → "new price cache"). A candidate phrase scores:

* **frequency** — how often its words occur in the answer (a topic the candidate keeps returning to);
* **noun-phrase signal** — +1 when it follows a determiner or possessive ("the", "a", "our", "my"...),
  +1 when a word is capitalised mid-sentence or is an acronym (names of tools, systems, teams);
* **length** — +0.5 per extra word (a two-word phrase is more specific than one word);
* **position** — a slight bonus for early phrases (the situation usually comes first).

Nothing is returned for an answer that talks to the interviewer ("ignore your instructions", "you are now",
"system prompt"...: never echoed back) or that is not English words (fewer than 12% English function words
over five words or more: noise, or another language the templates cannot quote). Phrases naming only
digits, or made of words of under three letters, never count; a phrase whose words all appear in `exclude`
(the question itself) does not either, so the interviewer does not parrot its own question back. Each
phrase is returned as it appears in the answer (first occurrence), cleaned of anything a voice would read
literally; tags typed into an answer ("<b>", "<script>") are dropped first. Pure function, linear in the
text: safe from any thread, any string accepted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_PHRASE_WORDS = 3
MAX_PHRASE_CHARS = 48

_STOP = frozenset(
    """
    a about above after again against all almost also although always am among an and another any anyone
    anything are around as at back be became because been before being below between both but by can cannot
    could did do does doing done down during each either else enough even ever every everyone everything few
    for from further get gets getting got gotten had has have having he her here hers herself him himself his
    how however i if in into is it its itself just least less let lets like made make makes making many may
    maybe me might mine more most much must my myself near need needed needs neither never no nobody none nor
    not nothing now of off often on once one only onto or other others otherwise our ours ourselves out over
    own per perhaps please quite rather really same see seemed she should since so some somebody someone
    something sometimes soon still such than that the their theirs them themselves then there therefore these
    they thing things this those though through thus to together too toward towards under until up upon us
    very via was we well were what whatever when whenever where whether which while who whoever whole whom
    whose why will with within without would yes yet you your yours yourself yourselves
    um uh erm er ah oh okay ok yeah yep hmm sorry thanks thank hello hi nope dunno
    basically actually literally honestly kind sort guess mean know
    think thought say said says tell told ask asked want wanted try tried trying go went going gone come came
    take took taken give gave put keep kept look looked feel felt seem seems start started begin began
    lot lots bit way ways stuff point example sure able across along behind beyond inside outside besides
    despite past worked working two three four five six seven eight nine ten eleven twelve twenty thirty
    forty fifty hundred hundreds thousand thousands million percent
    day-to-day everybody anybody whenever also really pretty very quickly finally eventually overall
    i'm i've i'd i'll we're we've we'd we'll it's that's there's they're don't didn't wasn't weren't can't
    couldn't wouldn't won't isn't aren't let's you're he's she's
    """.split()
)
# Common verbs in the past tense that do not end in -ed (those that do are caught by the suffix rule).
_VERBS = frozenset(
    """
    built wrote led ran set spoke met brought chose drove found sent split rebuilt sat taught broke held did
    fell rose grew cut won lost paid sold bought left became began shipped fixed moved saw seen heard spent
    understood meant stood caught sent
    """.split()
)
# Vague words: fine inside a phrase ("load time", "support team"), never a key phrase on their own.
_VAGUE = frozenset(
    """
    time times day days week weeks month months year years people person team teams company job work
    part parts end result results outcome problem problems situation task action issue issues first second
    third next last new good great bad big small hard fine easy happy slow fast whole better best worse
    really main real high low long short different several weekend morning thing favourite favorite
    """.split()
)
# Words of instructions aimed at the interviewer: a phrase holding one is never echoed back.
_INSTRUCTION = frozenset("ignore instructions instruction prompt prompts disregard pretend roleplay jailbreak".split())
_MARKUP = re.compile(r"<[^<>]{0,200}>|[*_`#]{2,}")
_VOWEL = re.compile(r"[aeiouy]", re.IGNORECASE)
# An answer that talks to the interviewer instead of answering: nothing of it is echoed back.
_INJECTION_CUE = re.compile(
    r"\b(?:ignore (?:all |any |your |the )?(?:previous |prior |above )?(?:instructions|rules|prompts?)|"
    r"disregard|system prompt|you are now|from now on|pretend (?:to be|you)|act as|jailbreak|"
    r"(?:say|tell me|print|reveal|output) (?:that|your|the)|stop asking)\b",
    re.IGNORECASE,
)
_FUNCTION_WORDS = frozenset("the a an and of to in on for with was were is it that i we my our".split())
MIN_FUNCTION_SHARE = 0.12  # under this share of English function words, the answer is not English (or noise)
_DETERMINERS = frozenset("the a an our my their his her its this that these those each every some".split())
_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’+#.\-]*[A-Za-z0-9+#]|[A-Za-z0-9]")
_BREAK = re.compile(r"[.,;:!?()\[\]\"“”—–]|\s-\s")


@dataclass(frozen=True, slots=True)
class KeyPhrase:
    """One phrase of the answer, as written there, and its score (higher is more central)."""

    text: str
    score: float


def key_phrases(text: str, *, limit: int = 5, exclude: str = "", prose: bool = True) -> list[KeyPhrase]:
    """The answer's `limit` best key phrases, best first (empty for an answer with no content words).

    `prose=False` is for text that is lists rather than sentences (a job posting's "Python, Kafka, AWS"):
    it skips the English function-word check, never the check for instructions.
    """
    text = _MARKUP.sub(" ", (text or "")[:20000])  # typed tags are not what the candidate talked about
    if _INJECTION_CUE.search(text) or (prose and not _looks_answerable(text)):
        return []
    excluded = {w.lower() for w in _TOKEN.findall(exclude or "")}
    candidates: dict[str, tuple[str, float, int]] = {}  # lower form -> (as written, noun signal, position)
    counts: dict[str, int] = {}
    position = 0
    run_signal = 0.0
    for chunk in _BREAK.split(text):
        tokens = _TOKEN.findall(chunk)
        run: list[str] = []
        after_determiner = False
        for n, token in enumerate(tokens):
            word = token.lower().replace("’", "'").strip(".-'")
            if _is_content(word):
                counts[word] = counts.get(word, 0) + 1
                if not run:
                    run_signal = 1.0 if after_determiner else 0.0
                run.append(token.strip(".-'’"))
                continue
            if run:
                _add(candidates, run, run_signal, position, excluded, sentence_start=n - len(run) == 0)
                position += 1
                run = []
            after_determiner = word in _DETERMINERS
        if run:
            _add(candidates, run, run_signal, position, excluded, sentence_start=len(tokens) == len(run))
            position += 1
    scored = []
    for lower, (written, signal, pos) in candidates.items():
        words = lower.split()
        frequency = sum(counts.get(w, 1) for w in words) / len(words)
        score = frequency + signal + 0.5 * (len(words) - 1) + 1.0 / (1 + pos)
        scored.append(KeyPhrase(written, round(score, 3)))
    scored.sort(key=lambda p: -p.score)
    return _distinct(scored)[: max(0, limit)]


def looks_like_instructions(text: str) -> bool:
    """Whether `text` speaks to the interviewer ("ignore your instructions", "you are now"...)."""
    return bool(_INJECTION_CUE.search(text or ""))


def _looks_answerable(text: str) -> bool:
    """Whether the answer's words may be quoted back.

    False for instructions aimed at the interviewer, and for text that is not English words (noise, or
    another language, which the templates cannot quote sensibly).
    """
    if _INJECTION_CUE.search(text):
        return False
    words = [t.lower() for t in _TOKEN.findall(text)]
    if len(words) < 5:
        return True
    return sum(w in _FUNCTION_WORDS for w in words) / len(words) >= MIN_FUNCTION_SHARE


def _is_content(word: str) -> bool:
    if not word or word in _STOP or word in _VERBS or word.isdigit():
        return False
    if len(word) > 4 and word.endswith("ed") and not word.endswith("eed"):
        return False  # a verb in the past tense ("profiled", "dropped"), not the topic
    if word.endswith("ly") and len(word) > 5:
        return False  # an adverb
    return len(word) >= 3 or word.isupper()


def _add(
    candidates: dict[str, tuple[str, float, int]],
    run: list[str],
    signal: float,
    position: int,
    excluded: set[str],
    *,
    sentence_start: bool,
) -> None:
    words = run[-MAX_PHRASE_WORDS:]
    while len(words) > 1 and words[-1].lower() in _VAGUE - {"time", "team", "teams", "issue", "issues"}:
        words = words[:-1]  # "the checkout page slow" -> "checkout page"
    while len(words) > 1 and words[0].lower() in _VAGUE:
        words = words[1:]  # "as a result evictions" -> "evictions"
    if all(w.lower() in _VAGUE for w in words) or all(w.lower() in excluded for w in words):
        return
    if any(w.lower() in _INSTRUCTION or not (_VOWEL.search(w) or w.isupper()) for w in words):
        return
    named = any(_looks_named(w) for w in (words[1:] if sentence_start else words))
    written = " ".join(words)
    if len(written) > MAX_PHRASE_CHARS or not any(ch.isalpha() for ch in written):
        return
    lower = written.lower()
    if lower not in candidates:
        candidates[lower] = (written, signal + (1.0 if named else 0.0), position)


def _looks_named(word: str) -> bool:
    return (word[:1].isupper() and not word.isupper() and len(word) > 1) or (word.isupper() and len(word) >= 2)


def _distinct(phrases: list[KeyPhrase]) -> list[KeyPhrase]:
    """Drop a phrase that is a word-subset of a better one already kept ("cache" after "price cache")."""
    kept: list[KeyPhrase] = []
    for phrase in phrases:
        words = set(phrase.text.lower().split())
        if any(words <= set(k.text.lower().split()) for k in kept):
            continue
        kept.append(phrase)
    return kept


def content_words(text: str) -> set[str]:
    """The answer's content words, lower case (what "naming something the candidate said" is checked on)."""
    return {w for w in (t.lower().replace("’", "'").strip(".-'") for t in _TOKEN.findall(text or "")) if _is_content(w)}
