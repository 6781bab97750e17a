"""The interview rules: what the offline interviewer says, decided from the answer analysis.

Follow-up rules, in priority order (the first that fits wins):

1. **Too short** — fewer words than the difficulty's minimum: ask for a specific example.
2. **Rambling** — more than the difficulty's maximum words, or over three minutes of speaking: ask for the
   one-sentence version (before anything else is asked of a five-minute answer).
3. **No result** (behavioral questions) — `igym.analysis.results` found no sentence stating an outcome: ask
   what happened in the end. An answer that states an outcome (measured or not) is never asked for one.
4. **No personal contribution** — "we" clearly outweighs "I" (at least three "we", under a third "I"): ask
   what *you* did.
5. **Unquantified result** (intense only) — a result without a number: ask to put a number on it.
6. **Resume** (sessions that use the resume) — the answer was fine and a resume skill the interviewer has
   not named yet relates to this answer or question (`tailoring.most_related`): ask about it, naming it.
7. **Job** (sessions started with a job posting) — as Resume, for the posting's key terms
   (`igym.interview.job_terms`): "The role calls for Kafka. ..."; only the short terms, never the posting.
8. **Probe** (standard and intense) — nothing above fits: probe a detail of the answer, named in the
   candidate's words ("You mentioned the price cache. What trade-off did you weigh there?"); on intense,
   the question's own follow-ups from the bank when the answer gives nothing to name. On standard a probe
   needs a complete answer (a stated result) and something to name.

Every line is worded by `igym.interview.followups` around the answer's key phrases and is never a line the
interviewer already said in the session (similarity ≥ 0.8): when every wording of the chosen reason was
said, the next reason that fits is tried, and with none left the interviewer moves on.

Difficulty sets the budget: warm-up allows one follow-up in a whole session and never two in a row,
standard two, intense four with up to two in a row. Gentler wording on warm-up.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from igym.interview import followups
from igym.interview.key_phrases import key_phrases
from igym.interview.question_bank import Question
from igym.models import AnswerMetrics
from igym.resumes import tailoring

RULES_VERSION = "rules-v2"


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

    `topic` is the resume skill a "resume" follow-up, or the posting term a "job" follow-up, asks about
    (None for every other reason).
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
    said: Sequence[str] = (),
    job_topics: Sequence[str] = (),
) -> FollowUp | None:
    """The follow-up to ask after `answer`, or None to move on to the next question.

    `reasons_used` are the reasons already followed up on for the current question: the rules never ask
    the same kind of follow-up twice about one question (a second "be specific" would only nag).
    `resume_topics` are resume skills the interviewer has not named yet in this session (empty when the
    session does not use the resume); the one most related to the answer and question is asked about.
    `said` are the interviewer's lines so far in this session: no follow-up repeats one of them.
    `job_topics` are the job posting's terms the interviewer has not named yet (empty without a posting).
    """
    budget = BUDGETS.get(difficulty, BUDGETS["standard"])
    if follow_ups_so_far >= budget.follow_ups_per_session or follow_ups_in_a_row >= budget.follow_ups_in_a_row:
        return None
    question_text = question.text if question else ""
    topic = tailoring.most_related(resume_topics, f"{answer.transcript} {question_text}")
    job_topic = tailoring.most_related(job_topics, f"{answer.transcript} {question_text}")
    skip = set(reasons_used)
    while True:
        reason = _reason(
            answer, question=question, difficulty=difficulty, budget=budget, skip=frozenset(skip),
            has_resume_topic=topic is not None, has_job_topic=job_topic is not None,
        )
        if reason is None:
            return None
        follow_up = _worded(
            reason, answer=answer, question=question, difficulty=difficulty,
            topic=job_topic if reason == "job" else topic, said=said,
        )
        if follow_up is not None:
            return follow_up
        skip.add(reason)  # every wording of this reason was said already: try the next one that fits


def _worded(
    reason: str,
    *,
    answer: AnswerMetrics,
    question: Question | None,
    difficulty: str,
    topic: str | None,
    said: Sequence[str],
) -> FollowUp | None:
    if reason == "resume":
        assert topic is not None
        resume_line = tailoring.follow_up_line(topic, gentle=difficulty == "warm_up")
        return None if followups.is_repeat(resume_line, said) else FollowUp(reason, resume_line, topic=topic)
    if reason == "job":
        assert topic is not None
        job_line = job_follow_up_line(topic, gentle=difficulty == "warm_up")
        return None if followups.is_repeat(job_line, said) else FollowUp(reason, job_line, topic=topic)
    interview_type = question.interview_type if question else "behavioral"
    extra = question.follow_ups if reason == "probe" and question is not None else ()
    if reason in _LINES and difficulty == "warm_up" and _LINES[reason][0]:
        extra = (_LINES[reason][0],)  # warm-up's gentler plain line comes before the firm ones
    line = followups.word_follow_up(
        reason,
        answer=answer.transcript,
        question=question.text if question else "",
        interview_type=interview_type,
        said=said,
        extra=extra,
    )
    return FollowUp(reason, line) if line else None


def _reason(
    answer: AnswerMetrics,
    *,
    question: Question | None,
    difficulty: str,
    budget: Budget,
    skip: frozenset[str],
    has_resume_topic: bool = False,
    has_job_topic: bool = False,
) -> str | None:
    cues = answer.structure
    nameable = bool(key_phrases(answer.transcript, limit=1, exclude=question.text if question else ""))
    probe = question is not None and (
        (difficulty == "intense" and (bool(question.follow_ups) or nameable))
        or (difficulty == "standard" and nameable and cues.result)
    )
    checks = (
        ("too_short", answer.word_count < budget.min_words),
        (
            "rambling",
            answer.word_count > budget.max_words or (answer.speaking_time_s or 0.0) > _RAMBLING_SPEAKING_S,
        ),
        ("no_result", question is not None and question.interview_type == "behavioral" and not cues.result),
        ("no_ownership", cues.we_count >= 3 and (cues.i_share or 0.0) < 1 / 3),
        ("unquantified", difficulty == "intense" and cues.result and not cues.quantified_result),
        ("resume", has_resume_topic),
        ("job", has_job_topic),
        ("probe", probe),
    )
    return next((reason for reason, applies in checks if applies and reason not in skip), None)


def job_follow_up_line(term: str, *, gentle: bool) -> str:
    """The offline interviewer's job-posting follow-up, naming one of the posting's key terms."""
    name = tailoring.spoken(term)
    if gentle:
        return f"The role calls for {name}. Could you tell me about a time you worked with it yourself?"
    return f"The role calls for {name}. What is the hardest thing you have done with it, and how did it turn out?"


def opening_lead(*, name: str | None, interview_type_label: str) -> str:
    """The greeting before the first question (stored apart from the question, spoken with it)."""
    greeting = f"Hi {name}, thanks for joining." if name else "Hi, thanks for joining."
    label = interview_type_label if interview_type_label[:2].isupper() else interview_type_label.lower()
    return f"{greeting} This is a practice {label} interview. Let's begin."


def opening_line(*, name: str | None, interview_type_label: str, first_question: str) -> str:
    """The whole first spoken line: the greeting, then the question."""
    return f"{opening_lead(name=name, interview_type_label=interview_type_label)} {first_question}"


_BRIDGES = (
    "Thanks.",
    "Okay, let's move on.",
    "Got it. Next question.",
    "Thank you. Let's switch topics.",
    "Good, thank you.",
    "Alright, something different now.",
    "Thanks for that. On to the next one.",
    "Understood. Let's keep going.",
)


def transition_line(index: int, *, said: Sequence[str] = ()) -> str:
    """A short bridge before a new main question: varied, and never one already in `said` (lines so far)."""
    spoken = {" ".join(line.split()) for line in said}
    for k in range(len(_BRIDGES)):
        bridge = _BRIDGES[(index + k) % len(_BRIDGES)]
        if not any(line.startswith(bridge) or line == bridge for line in spoken):
            return bridge
    return _BRIDGES[index % len(_BRIDGES)]


WRAP_UP = (
    "That's all my questions. Thank you for your time. I'm putting your feedback together now: scores, "
    "what went well, and what to work on next."
)
