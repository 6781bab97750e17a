"""CSV export of a user's training log: one row per session with every metric, times in the user's zone.

The input is the `igym.progress.sessions_frame` the history page already holds, so an export costs no extra
query. Every cell is a stored key, a number or a timestamp the app wrote (no free text from users or
models), so no cell can start a spreadsheet formula.
"""

from __future__ import annotations

import pandas as pd

CSV_COLUMNS: dict[str, str] = {
    "session_id": "session_id",
    "started": "started_at",
    "completed": "ended_at",
    "interview_type": "interview_type",
    "difficulty": "difficulty",
    "status": "status",
    "duration_s": "duration_s",
    "questions_answered": "questions_answered",
    "overall_score": "overall_score",
    "clarity_score": "clarity_score",
    "structure_score": "structure_score",
    "relevance_score": "relevance_score",
    "confidence_score": "confidence_score",
    "fillers_per_minute": "fillers_per_minute",
    "avg_words_per_minute": "words_per_minute",
    "longest_pause_ms": "longest_pause_ms",
    "total_filler_words": "filler_words",
    "total_pauses": "pauses",
    "total_words": "words",
    "avg_response_time_ms": "avg_response_time_ms",
}


def sessions_csv(frame: pd.DataFrame) -> bytes:
    """The sessions as UTF-8 CSV, oldest first; times as ISO 8601 with the user's UTC offset."""
    table = frame[list(CSV_COLUMNS)].rename(columns=CSV_COLUMNS)
    for column in ("started_at", "ended_at"):
        table[column] = table[column].map(lambda t: t.isoformat(timespec="seconds") if pd.notna(t) else "")
    return table.to_csv(index=False, float_format="%.10g").encode("utf-8")
