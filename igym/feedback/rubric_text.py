"""Words for the rubric's numbers: strengths and improvements that quote the candidate, suggestions, notes.

Every claim quotes a sentence (or a short window of one) taken verbatim from the answer it is about, so the
rubric's feedback passes the same grounding check as the LLM's. Claims are ranked by how much they matter
(a missing result before a pace remark) and spread over different answers where possible.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from igym.feedback.injection import split_sentences
from igym.feedback.rubric import (
    PACE_BAND,
    RUBRIC_VERSION,
    AnswerFacts,
    AnswerScore,
    score_answer,
    session_scores,
)
from igym.feedback.types import AnswerNote, Claim, Exchange, FeedbackDraft, FeedbackResult, Scores

MAX_QUOTE_WORDS = 25
_NUMBER = re.compile(r"\d|%|\bpercent\b|\bhalf\b|\btwice\b|\bdoubled?\b")
_I_ACTION = re.compile(r"\bi (\w+ )?(\w+ed|built|wrote|led|ran|made|set|took|chose|drove|found|gave|began)\b")
_WE = re.compile(r"\b(we|our|us)\b")
_FILLERS = re.compile(r"\b(u+m+|u+h+|e+r+m*|a+h+|h+m+|m{2,}|like|you know|i mean)\b")
_HEDGE = re.compile(r"\b(i guess|kind of|sort of|maybe|perhaps|probably|i'm not sure|i suppose)\b")
_RESULT = re.compile(
    r"\b(as a result|in the end|ended up|led to|result|outcome|reduc|increas|improv|sav|cut|grew|launch|ship)"
)

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


def _window(sentence: str, anchor: re.Pattern[str] | None = None) -> str:
    """The sentence, or at most MAX_QUOTE_WORDS of it around the first match of `anchor`, verbatim."""
    words = sentence.split()
    if len(words) <= MAX_QUOTE_WORDS:
        return sentence.strip()
    centre = 0
    if anchor is not None:
        for n, word in enumerate(words):
            if anchor.search(word.lower()):
                centre = n
                break
    start = max(0, min(centre - MAX_QUOTE_WORDS // 2, len(words) - MAX_QUOTE_WORDS))
    return " ".join(words[start : start + MAX_QUOTE_WORDS])


def _find(f: AnswerFacts, pattern: re.Pattern[str]) -> str | None:
    for sentence in split_sentences(f.text):
        if pattern.search(sentence.lower().replace("’", "'")):
            return _window(sentence, pattern)
    return None


def _first(f: AnswerFacts) -> str:
    text = f.text.strip() or " ".join(f.ignored)  # an answer that was all grader talk is quoted as said
    sentences = split_sentences(text) or [text]
    return _window(sentences[0])


def _last(f: AnswerFacts) -> str:
    sentences = split_sentences(f.text) or [f.text]
    return _window(sentences[-1])


def _densest_fillers(f: AnswerFacts) -> str:
    sentences = split_sentences(f.text) or [f.text]
    best = max(sentences, key=lambda s: len(_FILLERS.findall(s.lower())))
    return _window(best, _FILLERS)


def _strengths(f: AnswerFacts) -> list[tuple[int, Claim]]:
    out: list[tuple[int, Claim]] = []
    n = f.number
    if f.cues.quantified_result and (quote := _find(f, _NUMBER)):
        out.append(
            (
                1,
                Claim(
                    point="You put a number on the result — that makes the outcome believable.", quote=quote, answer=n
                ),
            )
        )
    if len(f.cues.star_parts) == 4:
        out.append(
            (
                2,
                Claim(
                    point="A complete story: situation, task, your actions and the result.", quote=_first(f), answer=n
                ),
            )
        )
    if f.cues.action and (quote := _find(f, _I_ACTION)):
        out.append((3, Claim(point="You said what you did yourself, in the first person.", quote=quote, answer=n)))
    if f.words >= 40 and f.fillers_per_minute < 2:
        out.append(
            (
                4,
                Claim(
                    point=f"Hardly any filler words ({f.fillers_per_minute:.1f} per minute).", quote=_first(f), answer=n
                ),
            )
        )
    if f.wpm is not None and PACE_BAND[0] <= f.wpm <= PACE_BAND[1]:
        out.append(
            (5, Claim(point=f"An easy pace to follow ({f.wpm:.0f} words per minute).", quote=_first(f), answer=n))
        )
    if f.overlap >= 0.5 and f.words >= 30:
        out.append(
            (
                6,
                Claim(
                    point="You answered the question that was asked, from the first sentence.",
                    quote=_first(f),
                    answer=n,
                ),
            )
        )
    return out


def _improvements(f: AnswerFacts) -> list[tuple[int, Claim, str]]:
    out: list[tuple[int, Claim, str]] = []
    n, main = f.number, f.kind != "follow_up"
    if f.ignored:
        out.append(
            (
                0,
                Claim(
                    point="This was addressed to the scoring, not to the interviewer, and was ignored.",
                    quote=_window(f.ignored[0]),
                    answer=n,
                ),
                "relevance",
            )
        )
    if not f.text.strip():
        return out
    if f.length_factor < 0.6:
        out.append(
            (1, Claim(point=f"Too short to show your part ({f.words} words).", quote=_first(f), answer=n), "length")
        )
    if main and not f.cues.result and f.words >= 15:
        out.append(
            (
                2,
                Claim(point="The story stops before the outcome: end with what changed.", quote=_last(f), answer=n),
                "structure",
            )
        )
    elif main and f.cues.result and not f.cues.quantified_result and (quote := _find(f, _RESULT)):
        out.append(
            (
                4,
                Claim(point="The result has no number: how much, how many, how fast?", quote=quote, answer=n),
                "quantify",
            )
        )
    if f.fillers_per_minute >= 3:
        out.append(
            (
                3,
                Claim(
                    point=f"Filler words ({f.fillers_per_minute:.1f} per minute; aim for under 2).",
                    quote=_densest_fillers(f),
                    answer=n,
                ),
                "fillers",
            )
        )
    if f.cues.we_count >= 3 and (f.cues.i_share or 0) < 0.4 and (quote := _find(f, _WE)):
        out.append((5, Claim(point="Mostly 'we': say what you did personally.", quote=quote, answer=n), "ownership"))
    if f.longest_pause_s >= 4:
        out.append(
            (
                6,
                Claim(
                    point=f"A {f.longest_pause_s:.1f}-second silence in the answer that begins here.",
                    quote=_first(f),
                    answer=n,
                ),
                "pauses",
            )
        )
    if f.hedges and (quote := _find(f, _HEDGE)):
        out.append((7, Claim(point="Hedging words undersell what you did.", quote=quote, answer=n), "confidence"))
    if f.wpm is not None and not PACE_BAND[0] <= f.wpm <= PACE_BAND[1]:
        fast = f.wpm > PACE_BAND[1]
        out.append(
            (
                8,
                Claim(
                    point=f"{'Fast' if fast else 'Slow'} pace ({f.wpm:.0f} words per minute; 120–150 "
                    "is easiest to follow).",
                    quote=_first(f),
                    answer=n,
                ),
                "fast" if fast else "slow",
            )
        )
    if main and f.overlap < 0.2 and f.words >= 15:
        out.append(
            (9, Claim(point="This drifts from the question that was asked.", quote=_first(f), answer=n), "relevance")
        )
    return out


def _spread(ranked: Sequence[tuple[int, Claim]], limit: int) -> list[Claim]:
    """Best-ranked claims first, one per answer before any answer gets a second."""
    chosen: list[Claim] = []
    seen: set[tuple[int | None, str]] = set()
    ordered = sorted(ranked, key=lambda item: item[0])
    for pass_no in range(2):
        used_answers = {c.answer for c in chosen}
        for _, claim in ordered:
            key = (claim.answer, claim.point)
            if len(chosen) >= limit or key in seen or (pass_no == 0 and claim.answer in used_answers):
                continue
            chosen.append(claim)
            seen.add(key)
            used_answers.add(claim.answer)
    return chosen


def _note(score: AnswerScore) -> AnswerNote:
    f = score.facts
    strengths = sorted(_strengths(f), key=lambda item: item[0])
    issues = sorted(_improvements(f), key=lambda item: item[0])
    worked = strengths[0][1].point if strengths else "You answered; that is the habit that counts."
    change = issues[0][1].point if issues else "Keep this shape; tighten the first sentence."
    return AnswerNote(answer=f.number, worked=worked, change=change)


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


def rubric_feedback(exchanges: Sequence[Exchange]) -> FeedbackResult:
    """The whole session's feedback from the rubric alone: deterministic, offline, instant."""
    answers = [score_answer(e) for e in exchanges if e.answer.strip()]
    if not answers:
        raise ValueError("a session with no answers has no feedback")
    scores = session_scores(answers)
    strengths = _spread([item for a in answers for item in _strengths(a.facts)], 3)
    ranked_issues = [item for a in answers for item in _improvements(a.facts)]
    improvements = _spread([(rank, claim) for rank, claim, _ in ranked_issues], 3)
    spoken = [a for a in answers if a.facts.text.strip()] or answers
    if not strengths:
        best = max(spoken, key=lambda a: a.scores.overall)
        strengths = [Claim(point="A full answer to build on.", quote=_first(best.facts), answer=best.facts.number)]
    if not improvements:
        weakest = min(spoken, key=lambda a: a.scores.overall)
        improvements = [
            Claim(
                point="Tighten the opening: lead with the point, then the story.",
                quote=_first(weakest.facts),
                answer=weakest.facts.number,
            )
        ]
    keys = [key for _, _, key in sorted(ranked_issues, key=lambda item: item[0])]
    parts = {k: v for k, v in scores.as_dict().items() if k != "overall"}
    keys += sorted(parts, key=lambda k: parts[k])[:2]
    suggestions = list(dict.fromkeys(SUGGESTIONS[k] for k in keys if k in SUGGESTIONS))[:4]
    draft = FeedbackDraft(
        summary=_summary(scores, answers),
        scores=scores,
        strengths=strengths,
        improvements=improvements,
        suggestions=suggestions or [SUGGESTIONS["structure"]],
        answer_notes=[_note(a) for a in answers],
    )
    return FeedbackResult(draft=draft, generated_by="rubric", prompt_version=RUBRIC_VERSION)
