"""Outcomes in an answer, the way people say them: which sentences state a result, and which measure it.

Shared by the rubric (STAR "result" and "quantified result"), the feedback wording (which sentence to quote)
and the interviewer's follow-up rules (never ask for an outcome the answer already gave). Cue phrases, not
understanding; each sentence is split into clauses (at commas, semicolons and joining words) and a clause
states a result when it holds one of:

* an **outcome phrase** — "as a result" (and the slips small speech models make: "and a result", "as
  result"), "in the end", "ended up", "the result/outcome/impact was", "resulted in", "led to", "which
  meant", "since then", "still used", "went smoothly/well/live", "a record";
* a **verb of change** in the past tense or passive — fell, dropped, rose, grew, cut, reduced, saved,
  halved, doubled, improved, went up/down, came down, sped up, … — or "from X to Y", "up/down from X";
* a **verb of completion or success** — shipped, launched, delivered (on time, early, under budget), won,
  finished, met/hit/beat the target, signed off, renewed, adopted, thanked, "it worked", "got faster".

A clause does not state a result when the verb sits inside a goal, a plan or a hypothetical ("my goal was to
reduce", "we needed to cut", "if we could save", "I'd try to"), in a question, or in the past perfect of a
scene ("the backlog had grown to nine days") unless the clause dates an outcome ("by the end of the year we
had reduced…"). A result is **quantified** when its clause, or a later clause of the same sentence, holds a
measure: digits (not years or ordinals), number words ("three hundred", "twenty six"), percentages, money,
multipliers (half, twice, a third, doubled, halved) or a "from X to Y".

Offsets are character positions in the text given, so callers can quote the evidence verbatim. Pure
functions over immutable values: safe from any thread; any string is accepted (empty, any script, 8,000
characters) and returns in linear time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

_NUMBER_WORDS = (
    "zero|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    "seventeen|eighteen|nineteen|twenty|thirty|forty|fourty|fifty|sixty|seventy|eighty|ninety|hundred|"
    "thousand|million|billion|dozen|dozens|hundreds|thousands|millions|billions"
)
_UNITS = (
    "percent|per cent|percentage|points?|seconds?|minutes?|hours?|days?|weeks?|months?|years?|people|users|"
    "customers|clients|tickets|calls|orders|times|dollars|pounds|euros|ms|milliseconds?|k"
)
_QUANTITY = re.compile(
    r"[$£€¥]\s?\d[\d.,]*(?:\s?(?:k|m|bn|million|billion|thousand)\b)?"
    r"|(?<![\w.])\d+(?:[.,]\d+)*(?!\d)(?!\s?(?:st|nd|rd|th)\b)"
    r"|%|\bper ?cent\b|\bpercentage points?\b"
    rf"|\b(?:{_NUMBER_WORDS})\b"
    r"|\b(?:half|halved|halving|twice|doubled?|doubling|tripled?|quadrupled?|\w+fold|thirds?)\b"
    r"|\b(?:a|one|three|by a) quarter(?! of the year)(?=\s+(?:of|as|less|more|fewer|faster)\b|\s*[,.;!?]|\s*$)"
    rf"|\b(?:to|from|by|only|just|than|down to|up to)\s+one\b|\bone\s+(?:out of|in every|in|{_UNITS})\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"^(?:19|20)\d\d$")
# "the two teams", "both of our three offices": a number that names things is not a measure of the outcome
_REFERRING = re.compile(r"\b(?:the|these|those|both|my|our|their|his|her|its|all|each of the)\s+$", re.IGNORECASE)
_CLOCK = re.compile(r"\b\d{1,2}\s?(?:am|pm|o'clock)\b|\b\d{1,2}:\d\d\b", re.IGNORECASE)

_PHRASE = re.compile(
    r"\b(?:as|and|an?) (?:a |the )?result\b(?! of)"
    r"|\bas result\b|\bin the end\b(?! of)|\bend(?:ed|ing)? up\b|\bend result\b"
    r"|\bthe (?:net )?(?:result|outcome|impact|effect|upshot|payoff|pay-off)s? (?:was|were|is|has been)\b"
    r"|\bresult(?:ed|s)? in\b|\b(?:led|lead|leads) to\b|\b(?:which|that|this|it) meant\b|\bmeaning that\b"
    r"|\bsince then\b|\bto this day\b|\bfrom then on\b|\bpaid off\b"
    r"|\bstill (?:use[sd]?|using|in use|running|live|work(?:s|ing)? together)\b"
    r"|\bwent (?:smoothly|well|fine|great|live|ahead without)\b|\bwent off without\b"
    r"|\b(?:a|new) record\b|\brecord (?:high|number|year|quarter|month)\b",
    re.IGNORECASE,
)
_CHANGE = re.compile(
    r"\b(?:fell|dropped|declined|decreased|shrank|shrunk|plummeted|plunged|sank|rose|risen|grew|grown|jumped|"
    r"climbed|soared|spiked|increased|improved|reduced|lowered|cut|slashed|trimmed|halved|doubled|tripled|"
    r"quadrupled|saved|boosted|eliminated|recovered|gained|expanded|shortened|accelerated)\b"
    r"|\b(?:went|came|got|brought|dropped|fell|sped|speeded|freed|ramped|scaled) (?:\w+ ){0,4}?(?:up|down)\b"
    r"(?=\s+(?:to|by|from|a lot|significantly|noticeably|dramatically|sharply|massively)\b|[^.;!?]{0,30}\d)"
    r"|\b(?:up|down) from\b",
    re.IGNORECASE,
)
# "is now" states a new level only with a measure after it ("the complaint rate is now half what it was")
_NOW = re.compile(r"\b(?:is|are) now\b", re.IGNORECASE)
_FROM_TO = re.compile(
    r"\bfrom\s+(?:about\s+|around\s+|roughly\s+|over\s+|nearly\s+|almost\s+)?(?P<a>[$£€]?\d[\w.,%]*|"
    rf"(?:{_NUMBER_WORDS}|one|a|an)\b(?:[\s-]+\w+){{0,3}}?)\s+(?:\w+\s+){{0,4}}?to(?=\s)",
    re.IGNORECASE,
)
_COMPARATIVE = (
    r"(?:much |a lot |far |way |noticeably |significantly |a bit |even |so much )?(?:better|faster|quicker|cheaper|"
    r"easier|smoother|happier|calmer|clearer|safer|simpler|more reliable|more stable|more confident)\b"
)
_SUCCESS = re.compile(
    r"\b(?:shipped|launched|won|finished|completed|succeeded|renewed|adopted|approved|signed off|thanked|praised|"
    r"promoted|congratulated|recogni[sz]ed|agreed|disappeared|vanished)\b|\bfailed\b(?! to\b)"
    r"|\b(?:was|were|became|proved|turned out to be) (?:a |an )?(?:\w+ )?(?:success|failure|hit|win)\b"
    r"|\bsigned (?:the|a|on|with)\b|\bpassed (?:the |an? |our |its )?(?:audit|exam|test|review|inspection|"
    r"certification)"
    r"|\bstopped\b(?=\s+\w+ing\b|\s+(?:altogether|completely|entirely|for good)\b|\s*$)"
    r"|\b(?:delivered|landed)\b(?=[^.;!?]{0,40}\b(?:on time|early|ahead|under budget|on budget|within|"
    r"before the deadline)\b)"
    r"|\b(?:was|were|got|been) (?:delivered|met|hit|resolved|fixed|solved|closed|accepted)\b"
    r"|\b(?:met|hit|beat|exceeded|surpassed|smashed|reached|made) (?:all |every |each )?(?:of )?"
    r"(?:the |our |my |their |its |that |this |a )?(?:\w+ )?(?:deadline|target|goal|sla|expectations?|"
    r"date|budget|numbers?|quota|milestone|forecast)s?\b"
    r"|\bclosed (?:the |a |that |our )?(?:deal|contract|sale|round|quarter|year|account)\b"
    r"|\b(?:it|that|this|everything) (?:all )?worked\b|\bworked (?:well|perfectly|out)\b"
    rf"|\b(?:got|became|grew) {_COMPARATIVE}"
    rf"|\b(?:was|were|is|are|felt|feels|runs|ran) {_COMPARATIVE}(?=[^.;!?]*\b(?:than before|afterwards|after that|"
    r"now|again|since)\b)",
    re.IGNORECASE,
)
_BLOCK_BEFORE = re.compile(
    r"\b(?:goal|aim|target|plan|objective|task|job|mission|challenge|idea|hope|hoping|hoped|want|wanted|"
    r"wants|need|needed|needs|trying|try|tried|asked|supposed|expected|going|would|could|should|might|"
    r"must|if|unless|whether|i'd|we'd|wish|ask|asking|how to|in order|so as|let's|plans?|planned)\b"
    r"|\bto\s*$",
    re.IGNORECASE,
)
_BLOCK_ANYWHERE = re.compile(r"\b(?:grew up|raised (?:the|an?|my|this|that|some|concerns?|it|questions?|issues?))\b",
                             re.IGNORECASE)
_PERFECT = re.compile(r"\bhad (?:\w+ )?$|\bhad been (?:\w+ )?$", re.IGNORECASE)
_DATED = re.compile(
    r"\bby (?:the end|then|that point|the time|(?:january|february|march|april|may|june|july|august|september|"
    r"october|november|december))\b|\bwithin\b|\bafter (?:that|a|the|two|three|\d)",
    re.IGNORECASE,
)
_CLAUSE = re.compile(r"[,;:()\u2014\u2013]|\s-\s|\b(?:and|but|so|which|because|while|whereas)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s+|(?<=[。！？])|\n+")


@dataclass(frozen=True, slots=True)
class Evidence:
    """Words of the text that show something, as given and where (character offsets into the text)."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class SentenceResult:
    """One sentence of the text and what it says about an outcome.

    `cue` is the phrase that makes the sentence a result (None when it is not one); `quantity` is the measure
    inside the result (None when it has none). Both point into the text `detect_results` was given.
    """

    text: str
    start: int
    end: int
    is_result: bool
    quantified: bool
    cue: Evidence | None = None
    quantity: Evidence | None = None


@dataclass(frozen=True, slots=True)
class ResultFindings:
    """Every sentence of an answer, in order, with its result flags."""

    sentences: tuple[SentenceResult, ...]

    @property
    def has_result(self) -> bool:
        return any(s.is_result for s in self.sentences)

    @property
    def has_quantified_result(self) -> bool:
        return any(s.quantified for s in self.sentences)

    @property
    def results(self) -> tuple[SentenceResult, ...]:
        return tuple(s for s in self.sentences if s.is_result)

    @property
    def first_quantified(self) -> SentenceResult | None:
        return next((s for s in self.sentences if s.quantified), None)

    @property
    def first_unquantified(self) -> SentenceResult | None:
        """The first result sentence without a measure (what "put a number on it" should quote)."""
        return next((s for s in self.sentences if s.is_result and not s.quantified), None)


def detect_results(text: str) -> ResultFindings:
    """Split `text` into sentences and mark those that state an outcome, and those that measure it."""
    text = text or ""
    normalised = text.replace("’", "'").replace("‘", "'")  # same length: offsets stay valid
    found: list[SentenceResult] = []
    for start, end in _sentence_spans(normalised):
        found.append(_sentence(text, normalised, start, end))
    return ResultFindings(sentences=tuple(found))


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    position = 0
    for match in _SENTENCE_END.finditer(text):
        if match.start() > position:
            spans.append((position, match.start()))
        position = max(position, match.end())
    if position < len(text):
        spans.append((position, len(text)))
    out = []
    for start, end in spans:  # trim surrounding whitespace, keep offsets into the original text
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            out.append((start, end))
    return out


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    bounds = [start]
    for match in _CLAUSE.finditer(text, start, end):
        bounds.append(match.start())
    bounds.append(end)
    return [(a, b) for a, b in pairwise(bounds) if b > a]


def _sentence(original: str, text: str, start: int, end: int) -> SentenceResult:
    sentence = original[start:end]
    if text[start:end].rstrip().endswith("?"):
        return SentenceResult(sentence, start, end, is_result=False, quantified=False)
    clauses = _clauses(text, start, end)
    for a, b in clauses:
        cue = _clause_cue(text, a, b)
        if cue is None:
            continue
        quantity = _quantity(text, cue[0], end)
        return SentenceResult(
            sentence,
            start,
            end,
            is_result=True,
            quantified=quantity is not None,
            cue=Evidence(original[cue[0] : cue[1]], cue[0], cue[1]),
            quantity=Evidence(original[quantity[0] : quantity[1]], quantity[0], quantity[1]) if quantity else None,
        )
    return SentenceResult(sentence, start, end, is_result=False, quantified=False)


def _clause_cue(text: str, a: int, b: int) -> tuple[int, int] | None:
    """Where this clause states an outcome, or None (goal, plan, hypothetical or scene-setting past perfect)."""
    clause = text[a:b]
    if _BLOCK_ANYWHERE.search(clause):
        return None
    phrase = _PHRASE.search(text, a, b)
    if phrase is not None and not re.search(r"\b(?:if|would|could|might|whether)\b", clause, re.IGNORECASE):
        return phrase.span()
    spans = [span for pattern in (_FROM_TO, _NOW, _CHANGE, _SUCCESS) if (span := _first_cue(text, pattern, a, b))]
    return min(spans) if spans else None


def _first_cue(text: str, pattern: re.Pattern[str], a: int, b: int) -> tuple[int, int] | None:
    clause = text[a:b]
    for match in pattern.finditer(text, a, b):
        before = text[a : match.start()]
        if _BLOCK_BEFORE.search(before):
            continue
        if pattern in (_FROM_TO, _NOW) and not _has_quantity(text, match.end(), min(b + 40, len(text))):
            continue
        if _PERFECT.search(before) and not _DATED.search(clause):
            continue
        return match.span()
    return None


def _quantity(text: str, start: int, end: int) -> tuple[int, int] | None:
    for match in _QUANTITY.finditer(text, start, end):
        token = match.group(0)
        if _YEAR.match(token) or _CLOCK.match(text, max(0, match.start()), end):
            continue
        if token[0].isalpha() and _REFERRING.search(text[max(0, match.start() - 12) : match.start()]):
            continue
        return match.span()
    return None


def _has_quantity(text: str, start: int, end: int) -> bool:
    return _quantity(text, start, end) is not None
