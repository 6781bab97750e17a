"""How the offline interviewer words a follow-up: around the candidate's own words, never the same line twice.

The rules (`igym.interview.rules`) decide *why* to follow up; this module writes the line. It takes the
answer's key phrases (`igym.interview.key_phrases`, the question's own words excluded) and fills templates
written per reason, with probes per interview type ("You mentioned the price cache. What trade-off did you
weigh there?"). Phrases the interviewer already named in this session are skipped, so two follow-ups do not
circle one phrase. Each candidate line is checked against every earlier interviewer line of the session:
a line with similarity ≥ `REPEAT_SIMILARITY` to one of them (`is_repeat`) is never used, and when every
wording is taken `word_follow_up` returns None (the interviewer moves on rather than repeats itself).
Templates rotate with the number of lines said so far, so sessions vary without randomness.

Pure functions over strings; deterministic and safe from any thread.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from difflib import SequenceMatcher

from igym.analysis.results import detect_results
from igym.interview.key_phrases import key_phrases

REPEAT_SIMILARITY = 0.8

# {p} is a phrase from the answer, as the candidate said it.
_NAMED: dict[str, tuple[str, ...]] = {
    "too_short": (
        "You mentioned {p}. Could you walk me through a specific example, step by step?",
        "Tell me more about {p}. Give me one specific example: what happened, and what did you do?",
        "Let's stay with {p} for a moment. Can you give me a specific example?",
    ),
    "no_result": (
        "You talked about {p}. What was the outcome in the end?",
        "What was the outcome of {p}, and how did you know it had worked?",
        "Where did {p} leave things? What was the outcome?",
    ),
    "no_ownership": (
        "You said we a lot around {p}. What did you personally do there?",
        "On {p}, which part did you do personally?",
        "If I asked your teammates about {p}, what would they say you personally did?",
    ),
    "rambling": (
        "Let's tighten that. If you had to sum up {p} in one sentence, what would it be?",
        "There was a lot there. In one sentence, what should I remember about {p}?",
    ),
    "unquantified": (
        "You said {p} got better. Can you put a number on that?",
        "How much difference did {p} make? Can you put a number on it?",
    ),
}
_PROBES: dict[str, tuple[str, ...]] = {
    "behavioral": (
        "You mentioned {p}. What trade-off did you weigh there?",
        "What was the hardest part of {p} for you?",
        "If you faced {p} again, what would you do differently?",
        "How did the people around you react to {p}?",
    ),
    "hr_screen": (
        "You mentioned {p}. What did that teach you about the work you want next?",
        "Why did {p} matter so much to you?",
        "How would {p} carry over to this role?",
    ),
    "technical_verbal": (
        "You mentioned {p}. What trade-off did you weigh there?",
        "How would {p} hold up at ten times the load?",
        "What would you monitor to know {p} is healthy?",
        "What alternative to {p} did you consider, and why not that one?",
    ),
}
_PLAIN: dict[str, tuple[str, ...]] = {  # the firm line first; warm-up puts its gentle one before these
    "too_short": (
        "Can you make that concrete? Give me one specific example, with what happened step by step.",
        "Could you walk me through a specific example of that?",
        "Take one real moment from your work as a specific example. What happened, and what did you do?",
    ),
    "no_result": (
        "What was the outcome, and how did you measure it?",
        "And how did it turn out in the end? What was the outcome?",
    ),
    "no_ownership": ("You said we a lot. What did you personally do?", "What did you personally do in that?"),
    "rambling": (
        "Let's tighten that. What's the one-sentence version?",
        "If you had to sum that up in one sentence, what would it be?",
    ),
    "unquantified": ("Can you put a number on that result?", "How big was the difference? Can you put a number on it?"),
    "probe": (
        "What was the hardest decision in that, and why did you make it the way you did?",
        "Looking back, what would you change about how you handled it?",
    ),
}

def word_follow_up(
    reason: str,
    *,
    answer: str,
    question: str,
    interview_type: str,
    said: Sequence[str],
    extra: Sequence[str] = (),
) -> str | None:
    """The line for a follow-up of `reason` after `answer`, or None when every wording was already said.

    `said` holds the interviewer's earlier lines in this session; `extra` are further ready lines tried after
    the named ones (a question's own follow-ups from the bank), before the plain generic ones.
    """
    phrases = _phrases(reason, answer=answer, question=question, said=said)
    named = _PROBES.get(interview_type, _PROBES["behavioral"]) if reason == "probe" else _NAMED.get(reason, ())
    offset = len(said)
    lines: list[str] = []
    for phrase in phrases:
        lines += [_fill(t, phrase) for t in _rotate(named, offset)]
    lines += list(extra) + list(_PLAIN.get(reason, ()))
    return next((line for line in lines if not is_repeat(line, said)), None)


def _phrases(reason: str, *, answer: str, question: str, said: Sequence[str]) -> list[str]:
    source = answer
    if reason == "unquantified":  # name what improved: the first result sentence without a measure
        sentence = detect_results(answer).first_unquantified
        source = sentence.text if sentence else answer
    named_before = " ".join(said).lower()
    found = [p.text for p in key_phrases(source, limit=4, exclude=question)]
    return [p for p in found if not re.search(rf"(?<!\w){re.escape(p.lower())}(?!\w)", named_before)]


def _fill(template: str, phrase: str) -> str:
    spoken = phrase if _is_name(phrase) else f"the {phrase}"
    line = template.format(p=spoken)
    return line[0].upper() + line[1:]


def _is_name(phrase: str) -> bool:
    """A proper name needs no article: every word capitalised ("Redis", "Google Cloud"), none all caps."""
    words = phrase.split()
    return all(w[:1].isupper() for w in words) and not (len(words) > 1 and any(w.isupper() for w in words))


def _rotate(items: Sequence[str], offset: int) -> list[str]:
    if not items:
        return []
    k = offset % len(items)
    return list(items[k:]) + list(items[:k])


def similarity(a: str, b: str) -> float:
    """How alike two lines are, 0..1, on their lower-cased words (punctuation and spacing ignored)."""
    wa, wb = _words(a), _words(b)
    if not wa and not wb:
        return 1.0
    return SequenceMatcher(None, wa, wb, autojunk=False).ratio()


def is_repeat(line: str, said: Iterable[str], *, threshold: float = REPEAT_SIMILARITY) -> bool:
    """Whether `line` repeats or nearly repeats one of `said` (or the tail of one: a lead-in then a question)."""
    for earlier in said:
        if similarity(line, earlier) >= threshold:
            return True
        words = _words(earlier)
        tail = " ".join(words[-len(_words(line)) :]) if words else ""
        if tail and similarity(line, tail) >= threshold:
            return True
    return False


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


def names_the_answer(line: str, *, answer: str, question: str = "") -> bool:
    """Whether `line` names something the candidate said: a content word of the answer (not of the question).

    The words every template holds anyway ("trade-off", "number"...) do not count, so a generic line never
    scores; used by the tests, the persona suite and the Prompt Lab's follow-up comparison.
    """
    from igym.interview.key_phrases import content_words

    shared = content_words(line) & content_words(answer)
    return bool(shared - content_words(question) - _TEMPLATE_WORDS)


def _template_words() -> set[str]:
    from igym.interview.key_phrases import content_words

    every = [t for group in (_NAMED, _PROBES, _PLAIN) for lines in group.values() for t in lines]
    return content_words(" ".join(every).replace("{p}", " "))


_TEMPLATE_WORDS = frozenset(_template_words())
