"""The interview rules: what the offline interviewer says, decided from the answer analysis.

Follow-up rules, in priority order (the first that fits wins):

1. **Too short** — fewer words than the difficulty's minimum: ask for a specific example.
2. **No result** (behavioral questions) — the STAR cues found no outcome: ask what happened in the end
   and how it was measured.
3. **No personal contribution** — "we" clearly outweighs "I" (at least three "we", under a third "I"): ask
   what *you* did.
4. **Rambling** — more than the difficulty's maximum words, or over three minutes of speaking: ask for the
   one-sentence version.
5. **Unquantified result** (intense only) — a result without a number: ask to put a number on it.
6. **Resume** (sessions that use the resume) — the answer was fine and the resume lists a skill the
   interviewer has not named yet: ask about the candidate's own work with it, naming it.
7. **Probe** (intense only) — nothing above fits: use the question's own follow-up from the bank.

Difficulty sets the budget: warm-up allows one follow-up in a whole session and never two in a row,
standard two, intense four with up to two in a row. Gentler wording on warm-up.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from igym.interview.question_bank import Question
from igym.models import AnswerMetrics
from igym.resumes import tailoring

RULES_VERSION = "rules-v1"


@dataclass(frozen=True, slots=True)
class Budget:
    """How many follow-ups a difficulty allows and the answer lengths it expects."""

    follow_ups_per_session: int
    follow_ups_in_a_row: int
    min_words: int
    max_words: int


BUDGETS = {
    "warm_up": Budget(follow_ups_per_session=1, follow_ups_in_a_row=1, min_words=15, max_words=400),
    "standard": Budget(follow_ups_per_session=2, follow_ups_in_a_row=1, min_words=25, max_words=350),
    "intense": Budget(follow_ups_per_session=4, follow_ups_in_a_row=2, min_words=30, max_words=300),
}

_RAMBLING_SPEAKING_S = 180.0


@dataclass(frozen=True, slots=True)
class FollowUp:
    """A follow-up the rules want asked; `reason` is a stable key (tests, prompts, analytics).

    `topic` is the resume skill a "resume" follow-up asks about (None for every other reason).
    """

    reason: str
    text: str
    topic: str | None = None


_LINES = {
    "too_short": (
        "Could you walk me through a specific example of that?",
        "Can you make that concrete? Give me one specific example, with what happened step by step.",
    ),
    "no_result": (
        "And how did it turn out in the end?",
        "What was the outcome, and how did you measure it?",
    ),
    "no_ownership": (
        "What was your own part in that?",
        "You said we a lot. What did you personally do?",
    ),
    "rambling": (
        "If you had to sum that up in one sentence, what would it be?",
        "Let's tighten that. What's the one-sentence version?",
    ),
    "unquantified": ("", "Can you put a number on that result?"),
}


def choose_follow_up(
    answer: AnswerMetrics,
    *,
    question: Question | None,
    difficulty: str,
    follow_ups_so_far: int,
    follow_ups_in_a_row: int,
    reasons_used: frozenset[str] = frozenset(),
    resume_topics: Sequence[str] = (),
) -> FollowUp | None:
    """The follow-up to ask after `answer`, or None to move on to the next question.

    `reasons_used` are the reasons already followed up on for the current question: the rules never ask
    the same kind of follow-up twice about one question (a second "be specific" would only nag).
    `resume_topics` are resume skills the interviewer has not named yet in this session (empty when the
    session does not use the resume); the first one is asked about.
    """
    budget = BUDGETS.get(difficulty, BUDGETS["standard"])
    if follow_ups_so_far >= budget.follow_ups_per_session or follow_ups_in_a_row >= budget.follow_ups_in_a_row:
        return None
    reason = _reason(
        answer, question=question, difficulty=difficulty, budget=budget, skip=reasons_used,
        has_resume_topic=bool(resume_topics),
    )
    if reason is None:
        return None
    if reason == "resume":
        topic = resume_topics[0]
        return FollowUp(reason, tailoring.follow_up_line(topic, gentle=difficulty == "warm_up"), topic=topic)
    if reason == "probe":
        assert question is not None and question.follow_ups
        return FollowUp(reason, question.follow_ups[follow_ups_so_far % len(question.follow_ups)])
    gentle, firm = _LINES[reason]
    return FollowUp(reason, gentle if difficulty == "warm_up" and gentle else firm)


def _reason(
    answer: AnswerMetrics,
    *,
    question: Question | None,
    difficulty: str,
    budget: Budget,
    skip: frozenset[str],
    has_resume_topic: bool = False,
) -> str | None:
    cues = answer.structure
    checks = (
        ("too_short", answer.word_count < budget.min_words),
        ("no_result", question is not None and question.interview_type == "behavioral" and not cues.result),
        ("no_ownership", cues.we_count >= 3 and (cues.i_share or 0.0) < 1 / 3),
        (
            "rambling",
            answer.word_count > budget.max_words or (answer.speaking_time_s or 0.0) > _RAMBLING_SPEAKING_S,
        ),
        ("unquantified", difficulty == "intense" and cues.result and not cues.quantified_result),
        ("resume", has_resume_topic),
        ("probe", difficulty == "intense" and question is not None and bool(question.follow_ups)),
    )
    return next((reason for reason, applies in checks if applies and reason not in skip), None)


def opening_line(*, name: str | None, interview_type_label: str, first_question: str) -> str:
    greeting = f"Hi {name}, thanks for joining." if name else "Hi, thanks for joining."
    label = interview_type_label if interview_type_label[:2].isupper() else interview_type_label.lower()
    return f"{greeting} This is a practice {label} interview. Let's begin. {first_question}"


def transition_line(index: int) -> str:
    """A short bridge before a new main question, varied so the interviewer does not sound canned."""
    bridges = ("Thanks.", "Okay, let's move on.", "Got it. Next question.", "Thank you. Let's switch topics.")
    return bridges[index % len(bridges)]


WRAP_UP = (
    "That's all my questions. Thank you for your time. I'm putting your feedback together now: scores, "
    "what went well, and what to work on next."
)
