"""Reading a session's conversation: the rows the engine stored, turned into what it needs to decide next.

Pure functions over the ordered Message rows of one session (no database access, no state), so the engine
can rebuild everything after a restart or on another replica.
"""

from __future__ import annotations

from collections.abc import Sequence

from igym.db.tables import Message
from igym.db.views import view_of
from igym.interview.question_bank import Question, QuestionBank
from igym.interview.types import Turn


def turn_of(message: Message) -> Turn:
    return view_of(Turn, message, metrics=message.metrics if message.role == "candidate" else None)


def current_question(bank: QuestionBank, messages: Sequence[Message]) -> Question | None:
    for message in reversed(messages):
        if message.role == "interviewer" and message.question_id:
            try:
                return bank.get(message.question_id)
            except KeyError:  # removed from the bank since the session started
                return None
    return None


def reasons_used(messages: Sequence[Message]) -> frozenset[str]:
    """Follow-up reasons already used since the current main question was asked."""
    used: set[str] = set()
    for message in reversed(messages):
        if message.role == "interviewer" and message.kind == "question":
            break
        if message.kind == "follow_up" and message.follow_up_reason:
            used.add(message.follow_up_reason)
    return frozenset(used)


def follow_ups_in_a_row(messages: Sequence[Message]) -> int:
    count = 0
    for message in reversed(messages):
        if message.role != "interviewer":
            continue
        if message.kind != "follow_up":
            break
        count += 1
    return count


def interviewer_lines(messages: Sequence[Message]) -> list[str]:
    """Everything the interviewer has said in the session, lead-ins and lines apart (what no line may repeat)."""
    lines: list[str] = []
    for message in messages:
        if message.role == "interviewer":
            lines += [message.lead_in] if message.lead_in else []
            lines.append(message.content)
    return lines
