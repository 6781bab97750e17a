"""Words for the rubric's numbers: grouped strengths and improvements that quote the candidate, suggestions, notes.

The rules the text keeps, whatever the answers:

* **Every claim quotes the candidate** — a verbatim stretch of the answer it is about that is evidence for it
  (see `igym.feedback.findings`), clipped to fit by words and characters; a claim that cannot be quoted is
  skipped, never half-built.
* **No point twice** — the same finding on several answers is one claim naming them ("answers 2, 3 and 4"),
  quoting the first.
* **No contradictions** — an answer never gets a strength that one of its improvements contradicts.
* **Suggestions only where a measure is outside its band** — pace, fillers and pauses are judged on the
  session's figures (the ones the Delivery panel shows), the rest on at least one answer being outside its
  band; with nothing outside, one "keep it up" suggestion.
* **Never fails because of what was said** — if writing the text fails for any reason, the scores are kept
  with a plain summary and no claims (`plain_feedback`), so completing a session never depends on the text.

Deterministic and offline; safe from any thread.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from pydantic import ValidationError

from igym.analysis.session import aggregate_session
from igym.feedback.findings import FILLER_BAND_MAX, LONG_PAUSE_S, Finding, consistent, headline
from igym.feedback.injection import split_sentences
from igym.feedback.quotes import clip_quote
from igym.feedback.rubric import PACE_BAND, RUBRIC_VERSION, AnswerScore, score_answer, session_scores
from igym.feedback.types import AnswerNote, Claim, Exchange, FeedbackDraft, FeedbackResult, Scores

log = logging.getLogger(__name__)

MAX_CLAIMS = 3
MAX_NOTES = 50

SUGGESTIONS = {
    "structure": "Use STAR on purpose: one sentence of situation, one of your task, most of the time on what you "
    "did, and finish with the result.",
    "quantify": "Before the next session, write one number for each of your three best stories — time saved, "
    "% improved, users reached — and say it when you reach the result.",
    "fillers": "Swap filler words for a silent one-second pause; record one answer and count the 'um's until the "
    "count drops.",
    "fast": "Slow down to 120–150 words per minute: breathe at every full stop.",
    "slow": "Pick up the pace a little (120–150 words per minute): prepare the first sentence of each story.",
    "relevance": "Echo the question's key words in your first sentence, then answer it directly before adding context.",
    "confidence": "Drop hedges like 'I guess' and 'kind of' and say plainly what you did.",
    "pauses": "When you need time, say 'Let me think about that for a second' instead of going silent.",
    "length": "Aim for one to two minutes per main answer with one specific example.",
    "ownership": "Say 'I' for your part: interviewers score what you did, not what the team did.",
}
KEEP_GOING = "Keep this shape: rehearse one new story a week so you have a measured result for every common question."

# the wording of a finding shared by several answers (per-answer numbers belong to each answer's note)
GROUP_POINTS = {
    "fillers": f"Filler words above 3 per minute (aim for under {FILLER_BAND_MAX:.0f})",
    "fast": f"A fast pace (over {PACE_BAND[1]:.0f} words per minute)",
    "slow": f"A slow pace (under {PACE_BAND[0]:.0f} words per minute)",
    "too_short": "Too short to show your part",
    "long_pause": f"Silences of {LONG_PAUSE_S:.0f} seconds or more",
    "few_fillers": f"Hardly any filler words (under {FILLER_BAND_MAX:.0f} per minute)",
    "easy_pace": f"An easy pace to follow ({PACE_BAND[0]:.0f}–{PACE_BAND[1]:.0f} words per minute)",
    "on_topic": "You answered the question that was asked",
}


def answers_label(numbers: Sequence[int]) -> str:
    """'answer 2', 'answers 2 and 3', 'answers 2, 3 and 4'."""
    ordered = sorted(set(numbers))
    if len(ordered) == 1:
        return f"answer {ordered[0]}"
    return "answers " + ", ".join(str(n) for n in ordered[:-1]) + f" and {ordered[-1]}"


def group_claims(findings: Sequence[Finding], limit: int = MAX_CLAIMS) -> list[Claim]:
    """One claim per kind of finding, naming every answer it applies to; most important kinds first."""
    kinds: dict[str, list[Finding]] = {}
    for finding in sorted(findings, key=lambda x: (x.rank, x.answer)):
        kinds.setdefault(finding.kind, []).append(finding)
    ordered = sorted(kinds.values(), key=lambda group: (group[0].rank, -len(group), group[0].answer))
    claims: list[Claim] = []
    for group in ordered:
        if len(claims) >= limit:
            break
        claim = _claim(group)
        if claim is not None:
            claims.append(claim)
    return claims


def _claim(group: Sequence[Finding]) -> Claim | None:
    lead = min(group, key=lambda x: x.answer)
    numbers = [x.answer for x in group]
    if len(group) == 1:
        point = lead.point
    elif lead.kind == "drift":
        parts = "; ".join(f"{answers_label([x.answer])} never touches {x.point.split('touches ', 1)[-1].rstrip('.')}"
                          for x in sorted(group, key=lambda x: x.answer))
        point = f"{answers_label(numbers).capitalize()} drift from their questions: {parts}."
    else:
        base = GROUP_POINTS.get(lead.kind, lead.point.rstrip("."))
        point = f"{base} — {answers_label(numbers)}."
    try:
        return Claim(point=point[:400], quote=lead.quote, answer=lead.answer, kind=lead.kind,
                     answers=sorted(set(numbers), key=lambda n: (n != lead.answer, n)))
    except ValidationError:  # cannot happen with clipped quotes; a claim that does not fit is skipped
        return None


def _suggestions(answers: Sequence[AnswerScore], fixes: Sequence[Finding]) -> list[str]:
    """Suggestions whose measure is outside its band, in the order of the findings that call for them."""
    session = aggregate_session([a.facts.metrics for a in answers])
    minutes = sum(a.facts.minutes for a in answers)
    fillers_rate = sum(a.facts.fillers_per_minute * a.facts.minutes for a in answers) / minutes if minutes else 0.0
    wpm = round(session.avg_words_per_minute) if session.avg_words_per_minute is not None else None
    outside = {  # judged on the figures as shown (summary: 0.1 per minute; Delivery: whole WPM, 0.1 s)
        "fillers": round(fillers_rate, 1) > FILLER_BAND_MAX,
        "fast": wpm is not None and wpm > PACE_BAND[1],
        "slow": wpm is not None and wpm < PACE_BAND[0],
        "pauses": round(session.longest_pause_ms / 1000, 1) >= LONG_PAUSE_S,
    }
    keys = [x.suggestion for x in sorted(fixes, key=lambda x: x.rank) if x.suggestion]
    chosen = [SUGGESTIONS[k] for k in dict.fromkeys(keys) if k in SUGGESTIONS and outside.get(k, True)]
    return chosen[:4] or [KEEP_GOING]


def _note(number: int, goods: list[Finding], fixes: list[Finding]) -> AnswerNote:
    worked, change = headline(goods, fixes)
    return AnswerNote(answer=number, worked=worked[:400], change=change[:400])


def _summary(scores: Scores, answers: Sequence[AnswerScore]) -> str:
    parts = {k: v for k, v in scores.as_dict().items() if k != "overall"}
    best = max(parts, key=lambda k: parts[k])
    worst = min(parts, key=lambda k: parts[k])
    fillers = sum(a.facts.fillers_per_minute * a.facts.minutes for a in answers)
    minutes = sum(a.facts.minutes for a in answers)
    text = (
        f"Overall {scores.overall:.1f}/10 over {len(answers)} answer{'s' if len(answers) != 1 else ''}. "
        f"Strongest: {best} ({parts[best]:.1f}). Work on {worst} next ({parts[worst]:.1f})."
    )
    if minutes > 0:
        text += f" You used {fillers / minutes:.1f} filler words per minute."
    return text


def _opening(answer: AnswerScore) -> str | None:
    sentences = split_sentences(answer.facts.text) or [answer.facts.text]
    return clip_quote(sentences[0])


def _full(answers: Sequence[AnswerScore], scores: Scores) -> FeedbackDraft:
    per_answer = [(a, *consistent(a.facts)) for a in answers]
    goods = [x for _, g, _ in per_answer for x in g]
    fixes = [x for _, _, f in per_answer for x in f]
    strengths = group_claims(goods)
    improvements = group_claims(fixes)
    spoken = [a for a in answers if a.facts.text.strip()]
    if not strengths and spoken:
        best = max(spoken, key=lambda a: a.scores.overall)
        if (quote := _opening(best)) is not None:
            strengths = [Claim(point="An answer to build on.", quote=quote, answer=best.facts.number,
                               kind="fallback", answers=[best.facts.number])]
    if not improvements and spoken:
        weakest = min(spoken, key=lambda a: a.scores.overall)
        if (quote := _opening(weakest)) is not None:
            improvements = [Claim(point="Tighten the opening: lead with the point, then the story.", quote=quote,
                                  answer=weakest.facts.number, kind="opening", answers=[weakest.facts.number])]
    return FeedbackDraft(
        summary=_summary(scores, answers),
        scores=scores,
        strengths=strengths,
        improvements=improvements,
        suggestions=_suggestions(answers, fixes),
        answer_notes=[_note(a.facts.number, g, f) for a, g, f in per_answer][:MAX_NOTES],
    )


def plain_feedback(answers: Sequence[AnswerScore], scores: Scores) -> FeedbackDraft:
    """Scores and a summary with no claims: what is stored when writing the full text failed."""
    return FeedbackDraft(
        summary=_summary(scores, answers) + " Detailed remarks could not be written for this session.",
        scores=scores,
        strengths=[],
        improvements=[],
        suggestions=[SUGGESTIONS["structure"]],
    )


def rubric_feedback(exchanges: Sequence[Exchange]) -> FeedbackResult:
    """The whole session's feedback from the rubric alone: deterministic, offline, instant.

    Raises:
        ValueError: no exchange holds an answer (nothing to give feedback on).
    """
    answers = [score_answer(e) for e in exchanges if e.answer.strip()]
    if not answers:
        raise ValueError("a session with no answers has no feedback")
    scores = session_scores(answers)
    notes: tuple[str, ...] = ()
    try:
        draft = _full(answers, scores)
    except Exception:  # the text must never cost the candidate their scores
        log.exception("rubric feedback text failed; storing scores with a plain summary")
        draft = plain_feedback(answers, scores)
        notes = ("Detailed remarks could not be written; the scores are measured as usual.",)
    return FeedbackResult(draft=draft, generated_by="rubric", prompt_version=RUBRIC_VERSION, notes=notes)
