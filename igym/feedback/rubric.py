"""The offline rubric: deterministic 1–10 scores from each answer's measurements.

Every rule lives here, next to its numbers. Scores are per answer, then averaged over the session with
follow-up answers weighted half (they are meant to be short). Each score is clamped to 1–10 and rounded to
one decimal.

* **Length** — a main answer is expected to run 100–350 words (about 45 s to 2.5 min), a follow-up answer
  40–250. Below the band the *length factor* is words / lower bound; above it, upper bound / words (never
  below 0.5). Short answers cannot show structure or relevance, so the factor feeds three scores.
* **Structure** — STAR coverage from `igym.analysis.structure`: 1 + situation 1.5 + task 1.5 + action 2.5 +
  result 2 + quantified result 1 + signposting ("first", "then", "finally", "because", "for example") 0.5;
  the points above 1 are scaled by 0.4 + 0.6 × length factor.
* **Clarity** — from 10: fillers above 2 per minute cost 0.6 each (at most 4); pace outside 120–150 WPM costs
  0.04 per WPM outside (at most 2.5; typed answers have no pace); average sentences over 30 words cost 0.1
  per word (at most 1.5); hesitations above 3 per minute cost 0.25 each (at most 1); a monotone delivery
  (pitch spread under `igym.analysis.prosody.MONOTONE_SD_ST` semitones) costs 0.5 per semitone short of it
  (at most 0.75; answers without audio have no pitch); a short answer costs 3 × (1 − length factor).
* **Confidence** — from 10: fillers above 1.5 per minute cost 0.7 each (at most 4.5); a longest pause over
  3 s costs 0.5 per second (at most 2); more than 4 pauses per minute cost 0.3 each (at most 1.5); a response
  latency over 4 s costs 0.3 per second (at most 1.5); hedges and weak words above 1 per hundred words cost
  0.75 per hundred words above it (at most 2) — counted by `igym.analysis.hedges` with its context rules ("I
  think it went well" is a hedge, "I really think" and "I've just finished" are not), on the answer without
  grader talk; a monotone delivery costs 1 per semitone short of the monotone line (at most 1); saying "we"
  throughout (3+ uses, under 40 % "I") costs 1; a short answer costs 2 × (1 − length factor). Each cost grows
  with its measure and never shrinks, so more hedges or a flatter voice can only lower a score.
* **Relevance** — `igym.feedback.relevance`: the share of the question's key terms the answer covers, by
  stem or synonym, with the answer's kind (a story, an explanation) fitting the question's: 2 + 6 × min(1,
  relevance ÷ 0.6) × (0.5 + 0.5 × length factor) + 2 × length factor, capped at 3 for answers under 15 words
  (a two-line answer can touch the question's words without answering it). Question boilerplate ("tell me
  about a time") and the interviewer's greeting and transitions around it do not count.
* **Nothing said** — an answer with no words left (for example, only grader talk) scores 1 on everything.
* **Overall** — 0.30 structure + 0.25 clarity + 0.25 relevance + 0.20 confidence.

Minutes come from the audio (speaking time); a typed answer is assumed to be spoken at 135 WPM. Sentences
addressed to the grader are removed first (`igym.feedback.injection`), and the speaking time is scaled down
by the share of words they held, so such a sentence can never raise a score.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from igym.analysis.hedges import find_hedges
from igym.analysis.prosody import MONOTONE_SD_ST
from igym.analysis.results import ResultFindings, detect_results
from igym.analysis.structure import structure_cues
from igym.analysis.tokens import tokenized, words_from_text
from igym.feedback.injection import grader_talk, split_sentences, without_grader_talk
from igym.feedback.relevance import Relevance, assess_relevance
from igym.feedback.types import DIMENSIONS, Exchange, Scores
from igym.models import AnswerMetrics, StructureCues

RUBRIC_VERSION = "rubric-v2"
PACE_BAND = (120.0, 150.0)
ASSUMED_TYPED_WPM = 135.0
MAIN_LENGTH = (100, 350)
FOLLOW_UP_LENGTH = (40, 250)
WEIGHTS = {"structure": 0.30, "clarity": 0.25, "relevance": 0.25, "confidence": 0.20}

_SIGNPOSTS = re.compile(r"\b(first(ly)?|second(ly)?|then|next|finally|because|for example|for instance|so that)\b")
HEDGE_ALLOWANCE_PER_100 = 1.0  # hedges per hundred words that cost nothing ("probably" once is fine)
RELEVANCE_FULL = 0.6  # relevance at which the relevance score stops growing


@dataclass(frozen=True, slots=True)
class AnswerFacts:
    """The measurements the rubric reads, derived once per answer (also used to word the feedback)."""

    number: int
    kind: str
    text: str  # the answer without grader-directed sentences
    ignored: tuple[str, ...]
    words: int
    minutes: float
    fillers_per_minute: float
    wpm: float | None
    longest_pause_s: float
    pauses_per_minute: float
    latency_s: float | None
    hedges: int
    pitch_shortfall_st: float  # semitones of pitch spread short of the monotone line; 0 when lively or no audio
    avg_sentence_words: float
    relevance: Relevance
    length_factor: float
    cues: StructureCues
    results: ResultFindings
    has_signposts: bool
    metrics: AnswerMetrics


@dataclass(frozen=True, slots=True)
class AnswerScore:
    """The rubric's scores of one answer and the facts they came from."""

    facts: AnswerFacts
    scores: Scores


def _clamp(value: float) -> float:
    return round(min(10.0, max(1.0, value)), 1)


def answer_facts(exchange: Exchange) -> AnswerFacts:
    metrics = exchange.metrics
    text = without_grader_talk(exchange.answer)
    total_words = max(1, len(exchange.answer.split()))
    words = len(text.split())
    share = words / total_words
    speaking = metrics.speaking_time_s
    minutes = (speaking / 60 * share) if speaking else words / ASSUMED_TYPED_WPM
    minutes = max(minutes, 0.05)
    low, high = FOLLOW_UP_LENGTH if exchange.kind == "follow_up" else MAIN_LENGTH
    length_factor = words / low if words < low else (max(0.5, high / words) if words > high else 1.0)
    sentences = split_sentences(text) or [text]
    lowered = text.lower().replace("’", "'")
    return AnswerFacts(
        number=exchange.number,
        kind=exchange.kind,
        text=text,
        ignored=tuple(grader_talk(exchange.answer)),
        words=words,
        minutes=minutes,
        fillers_per_minute=metrics.filler_count / minutes,
        wpm=metrics.words_per_minute,
        longest_pause_s=(metrics.longest_pause_ms or 0) / 1000,
        pauses_per_minute=(metrics.pause_count or 0) / minutes,
        latency_s=metrics.response_latency_s,
        hedges=len(find_hedges(tokenized(words_from_text(text)))),
        pitch_shortfall_st=_pitch_shortfall(metrics),
        avg_sentence_words=words / len(sentences),
        relevance=assess_relevance(exchange.question, text),
        length_factor=length_factor,
        cues=structure_cues(text),
        results=detect_results(text),
        has_signposts=bool(_SIGNPOSTS.search(lowered)),
        metrics=metrics,
    )


def _pitch_shortfall(metrics: AnswerMetrics) -> float:
    prosody = metrics.prosody
    return 0.0 if prosody is None else max(0.0, MONOTONE_SD_ST - prosody.pitch_sd_st)


def structure_score(f: AnswerFacts) -> float:
    c = f.cues
    points = 1.5 * c.situation + 1.5 * c.task + 2.5 * c.action + 2.0 * c.result + 1.0 * c.quantified_result
    points += 0.5 * f.has_signposts
    return _clamp(1 + points * (0.4 + 0.6 * f.length_factor))


def clarity_score(f: AnswerFacts, hesitations_per_minute: float) -> float:
    score = 10.0
    score -= min(4.0, max(0.0, f.fillers_per_minute - 2) * 0.6)
    if f.wpm is not None:
        outside = max(0.0, PACE_BAND[0] - f.wpm, f.wpm - PACE_BAND[1])
        score -= min(2.5, outside * 0.04)
    score -= min(1.5, max(0.0, f.avg_sentence_words - 30) * 0.1)
    score -= min(1.0, max(0.0, hesitations_per_minute - 3) * 0.25)
    score -= min(0.75, f.pitch_shortfall_st * 0.5)
    score -= 3 * (1 - f.length_factor)
    return _clamp(score)


def confidence_score(f: AnswerFacts) -> float:
    score = 10.0
    score -= min(4.5, max(0.0, f.fillers_per_minute - 1.5) * 0.7)
    score -= min(2.0, max(0.0, f.longest_pause_s - 3) * 0.5)
    score -= min(1.5, max(0.0, f.pauses_per_minute - 4) * 0.3)
    if f.latency_s is not None:
        score -= min(1.5, max(0.0, f.latency_s - 4) * 0.3)
    score -= min(2.0, max(0.0, f.hedges / max(1, f.words) * 100 - HEDGE_ALLOWANCE_PER_100) * 0.75)
    score -= min(1.0, f.pitch_shortfall_st)
    share = f.cues.i_share
    if f.cues.we_count >= 3 and share is not None and share < 0.4:
        score -= 1.0
    score -= 2 * (1 - f.length_factor)
    return _clamp(score)


def relevance_score(f: AnswerFacts) -> float:
    score = 2 + 6 * min(1.0, f.relevance.score / RELEVANCE_FULL) * (0.5 + 0.5 * f.length_factor) + 2 * f.length_factor
    return _clamp(min(score, 3.0) if f.words < 15 else score)


def overall_score(parts: dict[str, float]) -> float:
    return _clamp(sum(parts[name] * weight for name, weight in WEIGHTS.items()))


def score_answer(exchange: Exchange) -> AnswerScore:
    facts = answer_facts(exchange)
    if facts.words == 0:  # nothing left once grader talk is removed: there is no answer to credit
        return AnswerScore(facts=facts, scores=Scores(clarity=1, structure=1, relevance=1, confidence=1, overall=1))
    hesitations = (exchange.metrics.hesitation_count or 0) / facts.minutes
    parts = {
        "clarity": clarity_score(facts, hesitations),
        "structure": structure_score(facts),
        "relevance": relevance_score(facts),
        "confidence": confidence_score(facts),
    }
    return AnswerScore(facts=facts, scores=Scores(**parts, overall=overall_score(parts)))


def session_scores(answers: Sequence[AnswerScore]) -> Scores:
    """Weighted mean of the answers' scores (follow-up answers count half); overall re-derived from parts."""
    if not answers:
        raise ValueError("a session with no answers has no scores")
    weights = [0.5 if a.facts.kind == "follow_up" else 1.0 for a in answers]
    total = sum(weights)
    means = {
        name: _clamp(sum(getattr(a.scores, name) * w for a, w in zip(answers, weights, strict=True)) / total)
        for name in DIMENSIONS
        if name != "overall"
    }
    return Scores(**means, overall=overall_score(means))
