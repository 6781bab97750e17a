"""One read for every progress chart and the training log: the user's sessions joined with their metrics.

The progress page, the history page, the CSV export and the coach's read-only view all build on this single
query, so a page with a thousand sessions costs one round trip (no per-session lookups).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Row, Select, select
from sqlalchemy.orm import Session

from igym.db.tables import InterviewSession, Metrics

# Column names the rows carry, in order; `igym.progress.service` builds its DataFrames from them.
SESSION_COLUMNS = (
    InterviewSession.id.label("session_id"),
    InterviewSession.interview_type,
    InterviewSession.difficulty,
    InterviewSession.status,
    InterviewSession.created_at,
    InterviewSession.completed_at,
    InterviewSession.duration_s,
    Metrics.overall_score,
    Metrics.clarity_score,
    Metrics.structure_score,
    Metrics.relevance_score,
    Metrics.confidence_score,
    Metrics.fillers_per_minute,
    Metrics.avg_words_per_minute,
    Metrics.longest_pause_ms,
    Metrics.total_filler_words,
    Metrics.total_pauses,
    Metrics.total_words,
    Metrics.questions_answered,
    Metrics.avg_response_time_ms,
    Metrics.hedges_per_100_words,
    Metrics.pitch_sd_st,
    Metrics.loudness_sd_db,
    Metrics.monotone_answers,
    Metrics.inclusive_terms,
    Metrics.repeated_phrases,
    Metrics.pace_spread_wpm,
    Metrics.fastest_window_wpm,
)


def sessions_with_metrics_query(*, user_id: uuid.UUID) -> Select[*tuple[Any, ...]]:
    """The statement behind `sessions_with_metrics` (the benchmark times it bare, as the baseline)."""
    return (
        select(*SESSION_COLUMNS)
        .outerjoin(Metrics, Metrics.session_id == InterviewSession.id)
        .where(InterviewSession.user_id == user_id)
        .order_by(InterviewSession.created_at, InterviewSession.id)
    )


def sessions_with_metrics(db: Session, *, user_id: uuid.UUID) -> Sequence[Row[*tuple[Any, ...]]]:
    """Every session of the user, oldest first, with its metrics columns (None where there are none)."""
    return db.execute(sessions_with_metrics_query(user_id=user_id)).all()
