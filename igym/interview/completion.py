"""Completing a session inside the engine's commit: totals aggregated from the answers, then the rubric."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from sqlalchemy.orm import Session

from igym.analysis.session import aggregate_session
from igym.db import repository as repo
from igym.db.tables import InterviewSession, Message
from igym.interview.records import metrics_from_json


class CompletionFeedback(Protocol):
    """What the engine needs from the feedback service when a session completes."""

    def record_rubric(self, db: Session, record: InterviewSession, messages: Sequence[Message]) -> None: ...

    def after_complete(self, *, user_id: uuid.UUID, session_id: uuid.UUID) -> None: ...


def complete_session(
    db: Session,
    record: InterviewSession,
    messages: Sequence[Message],
    *,
    at: datetime,
    feedback: CompletionFeedback | None,
) -> None:
    """Mark the session completed, store its totals and (with `feedback`) its rubric scores, in `db`'s transaction."""
    answers = [metrics_from_json(m.analysis) for m in messages if m.role == "candidate" and m.analysis]
    totals = aggregate_session(answers)
    repo.complete_session(db, user_id=record.user_id, session_id=record.id, completed_at=at)
    repo.save_metrics(
        db,
        user_id=record.user_id,
        session_id=record.id,
        total_filler_words=totals.total_filler_words,
        total_pauses=totals.total_pauses,
        longest_pause_ms=totals.longest_pause_ms,
        avg_response_time_ms=totals.avg_response_time_ms,
        total_words=totals.total_words,
        questions_answered=totals.questions_answered,
        fillers_per_minute=totals.fillers_per_minute,
        avg_words_per_minute=totals.avg_words_per_minute,
        total_hesitations=totals.total_hesitations,
    )
    if feedback is not None:
        feedback.record_rubric(db, record, messages)
