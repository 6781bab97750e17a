"""CSV export of a user's training log: one row per session with every metric, times in the user's zone.

The input is the training log (`igym.progress.training_log.sessions_frame`, columns `SessionCol`) the history
page already holds, so an export costs no extra query. Every cell is a stored key, a number or a timestamp
the app wrote (no free text from users or models), so no cell can start a spreadsheet formula.
"""

from __future__ import annotations

import pandas as pd

from igym.progress.columns import SessionCol as C

# training-log column -> CSV heading, in the file's order (the headings are the file's public format)
CSV_COLUMNS: dict[str, str] = {
    C.SESSION_ID: "session_id",
    C.STARTED: "started_at",
    C.COMPLETED: "ended_at",
    C.INTERVIEW_TYPE: "interview_type",
    C.DIFFICULTY: "difficulty",
    C.STATUS: "status",
    C.DURATION_S: "duration_s",
    C.QUESTIONS_ANSWERED: "questions_answered",
    C.OVERALL_SCORE: "overall_score",
    C.CLARITY_SCORE: "clarity_score",
    C.STRUCTURE_SCORE: "structure_score",
    C.RELEVANCE_SCORE: "relevance_score",
    C.CONFIDENCE_SCORE: "confidence_score",
    C.FILLERS_PER_MINUTE: "fillers_per_minute",
    C.AVG_WORDS_PER_MINUTE: "words_per_minute",
    C.LONGEST_PAUSE_MS: "longest_pause_ms",
    C.TOTAL_FILLER_WORDS: "filler_words",
    C.TOTAL_PAUSES: "pauses",
    C.TOTAL_WORDS: "words",
    C.AVG_RESPONSE_TIME_MS: "avg_response_time_ms",
    # delivery measures beyond fillers (README, "Delivery measures beyond fillers"); empty where not measured
    C.HEDGES_PER_100_WORDS: "hedges_per_100_words",
    C.REPEATED_PHRASES: "repeated_phrases",
    C.INCLUSIVE_TERMS: "inclusive_terms",
    C.FASTEST_WINDOW_WPM: "fastest_window_wpm",
    C.PACE_SPREAD_WPM: "pace_spread_wpm",
    C.PITCH_SD_ST: "pitch_sd_st",
    C.LOUDNESS_SD_DB: "loudness_sd_db",
    C.MONOTONE_ANSWERS: "monotone_answers",
}
_TIMES = (CSV_COLUMNS[C.STARTED], CSV_COLUMNS[C.COMPLETED])


def sessions_csv(frame: pd.DataFrame) -> bytes:
    """The sessions as UTF-8 CSV, oldest first; times as ISO 8601 with the user's UTC offset."""
    table = frame[list(CSV_COLUMNS)].rename(columns=CSV_COLUMNS)
    for column in _TIMES:
        table[column] = table[column].map(lambda t: t.isoformat(timespec="seconds") if pd.notna(t) else "")
    return table.to_csv(index=False, float_format="%.10g").encode("utf-8")
