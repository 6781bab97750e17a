"""A session's messages as the feedback reads them: each answer with the interviewer line before it."""

from __future__ import annotations

from collections.abc import Sequence

from igym.db.tables import Message
from igym.feedback.types import Exchange

__all__ = ["exchanges_of"]


def exchanges_of(messages: Sequence[Message]) -> list[Exchange]:
    """Each candidate answer paired with the interviewer line before it, numbered from 1."""
    out: list[Exchange] = []
    last_line, last_kind, last_qid = "", "question", None
    for message in messages:
        if message.role == "interviewer":
            last_line, last_kind, last_qid = message.content, message.kind or "question", message.question_id
        elif message.role == "candidate" and message.metrics is not None:
            out.append(
                Exchange(
                    number=len(out) + 1,
                    question=last_line,
                    kind=last_kind,
                    answer=message.content,
                    metrics=message.metrics,
                    question_id=last_qid,
                    audio_key=message.audio_key,
                    answer_id=message.id,
                )
            )
    return out
