"""What one answer did well and what it should change, each with the candidate's words that show it.

A `Finding` is one measured fact about one answer whose measure is inside its band (a strength) or outside it
(an improvement), with a quote that is evidence for it: a quantified result quotes the sentence with the
measure, "the result has no number" quotes the result sentence without one, filler words quote the words
where they are densest, a long silence quotes the words either side of it, drift names the question's key
terms that the answer never touched. A finding whose quote cannot be built (an answer of one character) is
not made. Findings that contradict each other on one answer ("A complete story" and "Too short") are
resolved in favour of the improvement. `igym.feedback.rubric_text` groups them across answers.

Pure functions over `AnswerFacts`; safe from any thread.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from igym.feedback.injection import split_sentences
from igym.feedback.quotes import MAX_QUOTE_WORDS, clip_quote
from igym.feedback.rubric import PACE_BAND, AnswerFacts

FILLER_BAND_MAX = 2.0  # fillers per minute at or under which delivery counts as clean
FILLER_FLAG = 3.0  # an answer is flagged for fillers at this rate
LONG_PAUSE_S = 4.0  # a silence this long inside one answer is worth a remark
SHORT_FACTOR = 0.6  # length factor under which an answer is "too short"
MIN_WORDS_FOR_STORY = 15

_I_ACTION = re.compile(
    r"\bi (\w+ )?(\w+ed|built|wrote|led|ran|made|set|took|chose|drove|found|gave|began|sent|split|taught|met)\b",
    re.IGNORECASE,
)
_WE = re.compile(r"\b(we|our|us)\b", re.IGNORECASE)
_HEDGE = re.compile(r"\b(i guess|kind of|sort of|maybe|perhaps|probably|i'm not sure|i suppose)\b", re.IGNORECASE)

# strength kind → improvement kinds that would contradict it on the same answer
CONTRADICTIONS: dict[str, frozenset[str]] = {
    "quantified": frozenset({"no_result", "unquantified"}),
    "complete_story": frozenset({"no_result", "too_short"}),
    "first_person": frozenset({"ownership"}),
    "few_fillers": frozenset({"fillers"}),
    "easy_pace": frozenset({"fast", "slow"}),
    "on_topic": frozenset({"drift"}),
}


@dataclass(frozen=True, slots=True)
class Finding:
    """One strength or improvement of one answer.

    `kind` is stable (grouping, contradictions, tests); `rank` orders by how much it matters (lower first);
    `point` is this answer's wording; `suggestion` names the session suggestion it argues for, if any.
    """

    kind: str
    strength: bool
    rank: int
    answer: int
    point: str
    quote: str
    suggestion: str | None = None


def _sentence_with(f: AnswerFacts, pattern: re.Pattern[str]) -> str | None:
    for sentence in split_sentences(f.text):
        if (match := pattern.search(sentence.replace("’", "'"))) is not None:
            return clip_quote(sentence, match.start())
    return None


def _first(f: AnswerFacts) -> str | None:
    sentences = split_sentences(f.text) or [f.text]
    return clip_quote(sentences[0])


def _last(f: AnswerFacts) -> str | None:
    sentences = split_sentences(f.text) or [f.text]
    return clip_quote(sentences[-1])


def _densest_fillers(f: AnswerFacts) -> str | None:
    """The window of the transcript holding the most filler words the analysis found (verbatim)."""
    tokens = f.metrics.transcript.split()
    indexes = sorted(hit.word_index for hit in f.metrics.fillers if 0 <= hit.word_index < len(tokens))
    if not indexes:
        return None
    best = max(indexes, key=lambda i: sum(1 for j in indexes if i <= j < i + MAX_QUOTE_WORDS - 1))
    start = max(0, best - 2)
    return clip_quote(" ".join(tokens[start : start + MAX_QUOTE_WORDS]))


def _around_longest_pause(f: AnswerFacts) -> str | None:
    """The words either side of the longest pause, when the answer kept its word timings."""
    m = f.metrics
    tokens, starts = m.transcript.split(), m.word_starts
    if not m.pauses or len(starts) != len(tokens):
        return None
    pause = max(m.pauses, key=lambda p: p.duration_s)
    after = next((n for n, t in enumerate(starts) if t is not None and t >= pause.end_s - 0.05), None)
    if after is None:
        return None
    return clip_quote(" ".join(tokens[max(0, after - 6) : after + 8]))


def _finding(kind: str, strength: bool, rank: int, f: AnswerFacts, point: str, quote: str | None,
             suggestion: str | None = None) -> list[Finding]:
    if quote is None:
        return []
    return [Finding(kind, strength, rank, f.number, point, quote, suggestion)]


def strengths(f: AnswerFacts) -> list[Finding]:
    """What this answer did well, best first, each with a quote that shows it."""
    out: list[Finding] = []
    if not f.text.strip():
        return out
    measured = f.results.first_quantified
    if measured is not None:
        anchor = measured.cue.start - measured.start if measured.cue else 0
        out += _finding("quantified", True, 1, f, "You put a number on the result, which makes the outcome "
                        "believable.", clip_quote(measured.text, anchor))
    if len(f.cues.star_parts) == 4 and f.length_factor >= SHORT_FACTOR:
        out += _finding("complete_story", True, 2, f, "A complete story: situation, task, your actions and the "
                        "result.", _first(f))
    if f.cues.action and not (f.cues.we_count >= 3 and (f.cues.i_share or 0) < 0.4):
        out += _finding("first_person", True, 3, f, "You said what you did yourself, in the first person.",
                        _sentence_with(f, _I_ACTION))
    if f.words >= 40 and f.fillers_per_minute <= FILLER_BAND_MAX:
        out += _finding("few_fillers", True, 4, f, f"Hardly any filler words ({f.fillers_per_minute:.1f} per "
                        "minute).", _first(f))
    if f.wpm is not None and PACE_BAND[0] <= f.wpm <= PACE_BAND[1]:
        out += _finding("easy_pace", True, 5, f, f"An easy pace to follow ({f.wpm:.0f} words per minute).",
                        _first(f))
    if f.relevance.score >= 0.6 and f.words >= 30 and f.relevance.matched:
        terms = _terms(f.relevance.matched, "and")
        out += _finding("on_topic", True, 6, f, f"You answered the question that was asked ({terms}).", _first(f))
    return out


def improvements(f: AnswerFacts) -> list[Finding]:
    """What this answer should change, most important first, each quoting the words that show it."""
    out: list[Finding] = []
    main = f.kind != "follow_up"
    if f.ignored:
        out += _finding("grader_talk", False, 0, f, "This was addressed to the scoring, not to the interviewer, "
                        "and was ignored.", clip_quote(f.ignored[0]), "relevance")
    if not f.text.strip():
        return out
    if f.length_factor < SHORT_FACTOR:
        out += _finding("too_short", False, 1, f, f"Too short to show your part ({f.words} words).",
                        _first(f), "length")
    if main and not f.results.has_result and f.words >= MIN_WORDS_FOR_STORY:
        out += _finding("no_result", False, 2, f, "The story stops before the outcome: end with what changed.",
                        _last(f), "structure")
    unmeasured = f.results.first_unquantified
    if main and unmeasured is not None and not f.results.has_quantified_result:
        anchor = unmeasured.cue.start - unmeasured.start if unmeasured.cue else 0
        out += _finding("unquantified", False, 4, f, "The result has no number: how much, how many, how fast?",
                        clip_quote(unmeasured.text, anchor), "quantify")
    if f.fillers_per_minute >= FILLER_FLAG:
        out += _finding("fillers", False, 3, f, f"Filler words ({f.fillers_per_minute:.1f} per minute; aim for "
                        f"under {FILLER_BAND_MAX:.0f}).", _densest_fillers(f), "fillers")
    if f.cues.we_count >= 3 and (f.cues.i_share or 0) < 0.4:
        out += _finding("ownership", False, 5, f, "Mostly 'we': say what you did personally.",
                        _sentence_with(f, _WE), "ownership")
    if f.longest_pause_s >= LONG_PAUSE_S:
        around = _around_longest_pause(f)
        where = "here" if around else "in the answer that begins here"
        out += _finding("long_pause", False, 6, f, f"A {f.longest_pause_s:.1f}-second silence {where}.",
                        around or _first(f), "pauses")
    if f.hedges:
        out += _finding("hedges", False, 7, f, "Hedging words undersell what you did.", _sentence_with(f, _HEDGE),
                        "confidence")
    if f.wpm is not None and not PACE_BAND[0] <= f.wpm <= PACE_BAND[1]:
        fast = f.wpm > PACE_BAND[1]
        out += _finding("fast" if fast else "slow", False, 8, f, f"{'Fast' if fast else 'Slow'} pace "
                        f"({f.wpm:.0f} words per minute; {PACE_BAND[0]:.0f}–{PACE_BAND[1]:.0f} is easiest to "
                        "follow).", _first(f), "fast" if fast else "slow")
    if main and f.relevance.low and f.words >= MIN_WORDS_FOR_STORY and f.relevance.missed:
        out += _finding("drift", False, 2, f, f"This drifts from the question: it never touches "
                        f"{_terms(f.relevance.missed, 'or')}.", _first(f), "relevance")
    return out


def consistent(f: AnswerFacts) -> tuple[list[Finding], list[Finding]]:
    """The answer's strengths and improvements, ranked, with no strength contradicted by an improvement."""
    fixes = sorted(improvements(f), key=lambda x: x.rank)
    flagged = {x.kind for x in fixes}
    goods = sorted((s for s in strengths(f) if not CONTRADICTIONS.get(s.kind, frozenset()) & flagged),
                   key=lambda x: x.rank)
    return goods, fixes


def headline(goods: list[Finding], fixes: list[Finding]) -> tuple[str, str]:
    """One thing that worked and one to change, for an answer's note and its insight card.

    The change is the drift note when the answer drifted (it names the missed key terms), else the most
    important improvement.
    """
    worked = goods[0].point if goods else "You answered; that is the habit that counts."
    drift = next((x for x in fixes if x.kind == "drift"), None)
    change = (drift or fixes[0]).point if fixes else "Keep this shape; tighten the first sentence."
    return worked, change


def _terms(words: tuple[str, ...], joiner: str) -> str:
    shown = [f"“{w[:30]}”" for w in words[:4]]
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + f" {joiner} " + shown[-1]
