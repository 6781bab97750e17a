"""Deciding the interviewer's next line from the database, before it is worded (plan → word → commit).

The engine plans inside a short read transaction: which kind of reply comes next (a follow-up, the next main
question, the wrap-up), which question, and everything its wording needs, copied out of the rows. The plan
is then worded outside any transaction (an LLM call may take many seconds, and on SQLite an open write
transaction would block every other writer meanwhile) and written in one short transaction that checks the
turn again. A plan holds plain values and detached rows only, so it is safe to use after its session closed.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from igym import catalog
from igym.db import repository as repo
from igym.db.tables import InterviewSession, Message
from igym.interview import rules
from igym.interview.conversation import current_question, follow_ups_in_a_row, interviewer_lines, reasons_used
from igym.interview.interviewer import Interviewer
from igym.interview.job_terms import stored_terms
from igym.interview.question_bank import Question, QuestionBank, QuestionBankExhausted
from igym.interview.resume_questions import resume_question
from igym.models import AnswerMetrics
from igym.resumes import tailoring


@dataclass(frozen=True, slots=True)
class ReplyPlan:
    """The interviewer's next message before its text exists.

    Attributes:
        kind: ``question`` | ``follow_up`` | ``wrap_up``, stored as the message's kind.
        word: returns the line to say (may call the LLM; falls back to the rules' line itself); for a main
            question, the lead-in said before it (a greeting, a transition).
        question_text: a main question's text, stored apart from its lead-in (the transcript shows the
            question, the voice says both).
        question_id: the bank question the message belongs to, if any.
        follow_up_reason: the rule behind a follow-up, stored so the same nudge is not repeated.
        completes: the reply ends the interview (the session is completed in the same commit).
    """

    kind: str
    word: Callable[[], str]
    question_id: str | None = None
    question_text: str | None = None
    follow_up_reason: str | None = None
    completes: bool = False

    def message(self, worded: str) -> repo.NewMessage:
        """The interviewer message once `word()` returned `worded`."""
        if self.question_text is not None:
            content, lead_in = self.question_text, worded or None
        else:
            content, lead_in = worded, None
        return repo.NewMessage(
            role="interviewer",
            kind=self.kind,
            content=content,
            lead_in=lead_in,
            question_id=self.question_id,
            follow_up_reason=self.follow_up_reason,
        )


def planned_exchanges(record: InterviewSession) -> int:
    return record.planned_questions or catalog.PLANNED_EXCHANGES.get(record.difficulty, 6)


def plan_opening(
    db: Session, bank: QuestionBank, interviewer: Interviewer, record: InterviewSession, *, name: str | None
) -> ReplyPlan:
    """The greeting and first question of a session that has no messages yet."""
    question = next_question(db, bank, record, [])
    fallback = rules.opening_lead(
        name=name, interview_type_label=catalog.label(catalog.INTERVIEW_TYPES, record.interview_type)
    )
    interview_type, difficulty = record.interview_type, record.difficulty
    return ReplyPlan(
        kind="question",
        question_id=question.id,
        question_text=question.text,
        word=lambda: interviewer.opening_lead(
            fallback=fallback, name=name, interview_type=interview_type, difficulty=difficulty
        ),
    )


def plan_reply(
    db: Session,
    bank: QuestionBank,
    interviewer: Interviewer,
    record: InterviewSession,
    messages: Sequence[Message],
    metrics: AnswerMetrics,
) -> ReplyPlan:
    """What follows the answer that ends `messages` (an unsaved row): wrap-up, follow-up or the next question."""
    answered = sum(1 for m in messages if m.role == "candidate")
    planned = planned_exchanges(record)
    wrap_up = ReplyPlan(kind="wrap_up", word=lambda: rules.WRAP_UP, completes=True)
    if answered >= planned:
        return wrap_up
    current = current_question(bank, messages)
    skills = resume_topics(db, record)
    said = interviewer_lines(messages)
    follow_up = rules.choose_follow_up(
        metrics,
        question=current,
        difficulty=record.difficulty,
        follow_ups_so_far=sum(1 for m in messages if m.kind == "follow_up"),
        follow_ups_in_a_row=follow_ups_in_a_row(messages),
        reasons_used=reasons_used(messages),
        resume_topics=tailoring.untouched_topics(skills, said),
        said=said,
        job_topics=tailoring.untouched_topics(job_topics(record), said),
    )
    difficulty, interview_type, conversation = record.difficulty, record.interview_type, tuple(messages)
    if follow_up is not None:
        return ReplyPlan(
            kind="follow_up",
            question_id=current.id if current else None,
            follow_up_reason=follow_up.reason,
            word=lambda: interviewer.word_follow_up(
                follow_up, conversation=conversation, question=current, difficulty=difficulty, resume_skills=skills
            ),
        )
    try:
        question = next_question(db, bank, record, messages)
    except QuestionBankExhausted:
        return wrap_up
    last = messages[-1].content if messages and messages[-1].role == "candidate" else None
    number = 1 + sum(1 for m in messages if m.kind == "question")
    fallback_lead = rules.transition_line(answered, said=said)
    return ReplyPlan(
        kind="question",
        question_id=question.id,
        question_text=question.text,
        word=lambda: interviewer.transition_lead(
            fallback_lead=fallback_lead,
            last_answer=last,
            number=number,
            planned=planned,
            interview_type=interview_type,
            difficulty=difficulty,
        ),
    )


def next_question(db: Session, bank: QuestionBank, record: InterviewSession, messages: Sequence[Message]) -> Question:
    """The next main question: not asked in this session, nor recently, preferring the resume's topics.

    The second main question of a tailored session is built on the resume (`resume_question`).
    """
    asked = [m.question_id for m in messages if m.kind == "question" and m.question_id]
    if record.retry_of_message_id is not None and not messages:
        retried = retried_question(db, bank, record)
        if retried is not None:
            return retried
    if record.use_resume and len(asked) == 1:
        resume = repo.get_resume(db, user_id=record.user_id)
        untouched = tailoring.untouched_topics(resume_topics(db, record), interviewer_lines(messages))
        built = resume_question(resume.parsed_data if resume else None, interview_type=record.interview_type,
                                untouched=untouched)
        if built is not None:
            return built
    recent = repo.recent_question_ids(db, user_id=record.user_id, exclude_session_id=record.id)
    return bank.pick(
        interview_type=record.interview_type,
        difficulty=record.difficulty,
        asked_ids=asked,
        recent_ids=recent,
        rng=random.Random(f"{record.id}:{len(asked)}"),
        prefer_keywords=resume_topics(db, record) + job_topics(record),
    )


def resume_topics(db: Session, record: InterviewSession) -> list[str]:
    """The resume skills this session may bring up: none unless it was started with the resume."""
    if not record.use_resume:
        return []
    resume = repo.get_resume(db, user_id=record.user_id)  # deleted since the start: no tailoring
    return tailoring.resume_topics(resume.parsed_data if resume else None)


def job_topics(record: InterviewSession) -> list[str]:
    """The session's job posting terms (short extracted terms only, never the posting's text)."""
    return stored_terms(record.job_terms)


def retried_question(db: Session, bank: QuestionBank, record: InterviewSession) -> Question | None:
    """The question a try-again session asks: the one the retried answer replied to, as it was asked.

    A bank question keeps its own follow-ups; a follow-up or a resume-built question is asked in its words.
    None when the retried answer is gone (the session then picks a question as usual).
    """
    assert record.retry_of_message_id is not None
    answer = repo.get_answer(db, user_id=record.user_id, message_id=record.retry_of_message_id)
    asked = repo.question_of(db, answer=answer) if answer is not None else None
    if asked is None:
        return None
    if asked.kind == "question" and asked.question_id:
        try:
            known = bank.get(asked.question_id)
        except KeyError:
            known = None
        if known is not None and known.text == asked.content:
            return known
    return Question(
        id=asked.question_id or f"retry-{asked.id}", interview_type=record.interview_type, text=asked.content,
        difficulties=(record.difficulty,), competencies=(), follow_ups=(),
    )
