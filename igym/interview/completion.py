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
    totals = aggregate_session([m.metrics for m in messages if m.role == "candidate" and m.metrics is not None])
    repo.complete_session(db, user_id=record.user_id, session_id=record.id, completed_at=at)
    repo.save_metrics(db, user_id=record.user_id, session_id=record.id, totals=totals)
    if feedback is not None:
        feedback.record_rubric(db, record, messages)
