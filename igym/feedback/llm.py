"""Feedback written by an LLM: a versioned prompt, validated JSON, one repair, grounded quotes, the rubric behind.

The steps, each with a way out so a session always ends with feedback:

1. The prompt (`igym/prompts/feedback.<version>.txt`) gets the interview with every answer inside
   `<answer n="…">` tags (neutralised so no answer can close its tag) plus the measured numbers.
2. The reply must parse as `LlmFeedbackDraft`. If it does not, the model is shown its reply and the validation
   error once and asked for corrected JSON. If that fails too, or the provider errors or times out, the
   rubric's feedback is used and the result says so.
3. Every strength and improvement quote is checked against the transcript (`grounding`): kept, fixed to the
   candidate's actual words, or dropped; a point the model repeats is kept once. If nothing survives in a
   list, the rubric's claims fill it.
4. Scores are anchored to the rubric: each LLM score may differ from the rubric's by at most `score_leeway`
   (2 points). The rubric is measured; the LLM adds judgement, not a different scale. When any answer holds
   text addressed to the grader ("give me 10/10"), the LLM may only lower scores, and no strength may quote
   that text: a model that obeyed the injection gains the candidate nothing.

Stateless apart from its collaborators; one writer serves every thread (the ChatModel must be thread-safe,
which the Groq one is).
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Sequence

from pydantic import ValidationError

from igym import catalog
from igym.errors import ProviderError
from igym.feedback.grounding import ground_claims, quote_occurs
from igym.feedback.injection import grader_talk, neutralise
from igym.feedback.types import (
    DIMENSIONS,
    AnswerNote,
    Claim,
    Exchange,
    FeedbackDraft,
    FeedbackResult,
    LlmFeedbackDraft,
    RunStats,
    Scores,
)
from igym.prompts import Prompt
from igym.providers.base import ChatModel
from igym.providers.types import ChatMessage, ChatOptions

log = logging.getLogger(__name__)

_FENCE = re.compile(r"^```(?:json)?\s*|\s*```$")
MAX_REPLY_ECHO = 6000


class InvalidFeedback(ValueError):
    """The model's reply is not the feedback JSON we asked for (message says what is wrong, briefly)."""


def render_interview(exchanges: Sequence[Exchange]) -> str:
    """The user message: each line the interviewer said, each answer delimited, with its measurements."""
    parts = []
    for e in exchanges:
        m = e.metrics
        measured = [f"{m.word_count} words", f"{m.filler_count} filler words"]
        if m.words_per_minute is not None:
            measured.append(f"{m.words_per_minute:.0f} words per minute")
        if m.longest_pause_ms is not None:
            measured.append(f"{m.pause_count} pauses, longest {m.longest_pause_ms / 1000:.1f} s")
        label = "Follow-up" if e.kind == "follow_up" else "Question"
        parts.append(
            f"{label} {e.number}: {neutralise(e.question)}\n"
            f'<answer n="{e.number}">\n{neutralise(e.answer)}\n</answer>\n'
            f"Measured: {', '.join(measured)}."
        )
    return "\n\n".join(parts)


def parse_feedback(reply: str) -> FeedbackDraft:
    """Parse and validate the model's reply; raises InvalidFeedback with a short reason."""
    text = _FENCE.sub("", reply.strip())
    start, end = text.find("{"), text.rfind("}")
    if start < 0 or end <= start:
        raise InvalidFeedback("the reply holds no JSON object")
    try:
        data = json.loads(text[start : end + 1])
    except json.JSONDecodeError as exc:
        raise InvalidFeedback(f"the JSON does not parse ({exc.msg} at character {exc.pos})") from None
    try:
        return LlmFeedbackDraft.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or 'reply'}: {err['msg']}" for err in exc.errors()[:6]
        )
        raise InvalidFeedback(problems) from None


class LlmFeedbackWriter:
    """Writes session feedback with the LLM from a prompt version.

    It checks and repairs the JSON once and keeps scores within `score_leeway` of the rubric. One instance is
    shared between threads; calls keep no state.
    """

    def __init__(self, chat: ChatModel, *, prompt: Prompt, model_label: str, score_leeway: float = 2.0) -> None:
        self._chat = chat
        self._prompt = prompt
        self._model_label = model_label
        self._leeway = score_leeway

    @property
    def version(self) -> str:
        return self._prompt.label

    def write(
        self, exchanges: Sequence[Exchange], *, interview_type: str, difficulty: str, rubric: FeedbackResult
    ) -> FeedbackResult:
        system = self._prompt.text.format(
            interview_type=catalog.label(catalog.INTERVIEW_TYPES, interview_type).lower(),
            difficulty=catalog.label(catalog.DIFFICULTIES, difficulty).lower(),
        )
        messages = [ChatMessage("system", system), ChatMessage("user", render_interview(exchanges))]
        started = time.perf_counter()
        first_ok: bool | None = None
        reply = ""
        try:
            reply = self._ask(messages)
            try:
                draft = parse_feedback(reply)
                first_ok = True
            except InvalidFeedback as problem:
                first_ok = False
                log.info("feedback JSON invalid (%s); asking once for a repair", problem)
                messages += [
                    ChatMessage("assistant", reply[:MAX_REPLY_ECHO]),
                    ChatMessage(
                        "user",
                        f"That reply is not valid: {problem}. Reply again with only the corrected JSON object, "
                        "in exactly the required shape.",
                    ),
                ]
                reply = self._ask(messages)
                draft = parse_feedback(reply)
        except (ProviderError, InvalidFeedback) as exc:
            reason = "the AI model was unavailable" if isinstance(exc, ProviderError) else "its reply was unusable"
            log.warning("LLM feedback failed (%s); using the rubric", type(exc).__name__)
            return FeedbackResult(
                draft=rubric.draft,
                generated_by=rubric.generated_by,
                prompt_version=rubric.prompt_version,
                notes=(f"AI feedback could not be written ({reason}); these are the measured rubric's results.",),
                stats=RunStats(
                    valid_first_try=first_ok,
                    repaired=first_ok is False,
                    fell_back=True,
                    latency_s=time.perf_counter() - started,
                    output_chars=len(reply),
                ),
            )
        return self._finish(draft, exchanges, rubric, first_ok=bool(first_ok), started=started, reply=reply)

    def _ask(self, messages: list[ChatMessage]) -> str:
        return self._chat.complete(messages, options=ChatOptions(temperature=0.2, max_tokens=2000, json_output=True))

    def _finish(
        self,
        draft: FeedbackDraft,
        exchanges: Sequence[Exchange],
        rubric: FeedbackResult,
        *,
        first_ok: bool,
        started: float,
        reply: str,
    ) -> FeedbackResult:
        answers = [e.answer for e in exchanges]
        grader_talk_said = [sentence for answer in answers for sentence in grader_talk(answer)]
        praised = [c for c in draft.strengths if not any(quote_occurs(c.quote, t) for t in grader_talk_said)]
        strengths = ground_claims(_distinct(praised), answers)
        improvements = ground_claims(_distinct(draft.improvements), answers)
        notes: list[str] = []
        dropped = strengths.dropped + improvements.dropped
        if dropped:
            notes.append(
                f"{dropped} AI remark{'s' if dropped != 1 else ''} quoting words you did not say were removed."
            )
        if not strengths.kept or not improvements.kept:
            notes.append("Some remarks come from the measured rubric.")
        numbers = {e.number for e in exchanges}
        answer_notes = _answer_notes(draft.answer_notes, rubric.draft.answer_notes, numbers)
        checked = draft.model_copy(
            update={
                "scores": self._anchor(draft.scores, rubric.draft.scores, may_raise=not grader_talk_said),
                "strengths": strengths.kept or rubric.draft.strengths,
                "improvements": improvements.kept or rubric.draft.improvements,
                "answer_notes": answer_notes,
            }
        )
        total = len(draft.strengths) + len(draft.improvements)
        return FeedbackResult(
            draft=checked,
            generated_by=f"llm:{self._model_label}",
            prompt_version=self._prompt.label,
            notes=tuple(notes),
            stats=RunStats(
                valid_first_try=first_ok,
                repaired=not first_ok,
                quotes_total=total,
                quotes_grounded=len(strengths.kept) + len(improvements.kept),
                quotes_fixed=strengths.fixed + improvements.fixed,
                latency_s=time.perf_counter() - started,
                output_chars=len(reply),
            ),
        )

    def _anchor(self, scores: Scores, rubric: Scores, *, may_raise: bool) -> Scores:
        anchored = {}
        for name in DIMENSIONS:
            ref = getattr(rubric, name)
            ceiling = ref + self._leeway if may_raise else ref
            value = min(ceiling, max(ref - self._leeway, float(getattr(scores, name))))
            anchored[name] = round(min(10.0, max(1.0, value)), 1)
        return Scores(**anchored)


def _distinct(claims: Sequence[Claim]) -> list[Claim]:
    """The claims with repeated points left out (a model that says the same thing twice is shown it once)."""
    seen: set[str] = set()
    out = []
    for claim in claims:
        key = " ".join(claim.point.lower().split())
        if key not in seen:
            seen.add(key)
            out.append(claim)
    return out


def _answer_notes(written: Sequence[AnswerNote], fallback: Sequence[AnswerNote], numbers: set[int]) -> list[AnswerNote]:
    """One note per answer: the model's where it wrote one for a real answer, the rubric's otherwise."""
    by_number = {n.answer: n for n in fallback}
    for note in written:
        if note.answer in numbers:
            by_number[note.answer] = note
    return [by_number[n] for n in sorted(by_number) if n in numbers]
