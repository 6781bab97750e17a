"""The column names of every progress frame, each defined once: the service builds with them, readers index with them.

Two kinds of pandas frames are built: the training log (`igym.progress.training_log.sessions_frame`, one row
per session) and the series of `ProgressData` (`igym.progress.service`: scores, delivery, weekly, calendar,
breakdown). The charts, the history table, the filters and the CSV export all read them through the names
below, so a renamed column is one edit here and a typo is an AttributeError at import time rather than a
KeyError on a user's page. Each class documents one frame: what a row is and the type of each column.
"""

from __future__ import annotations

from typing import Final

SCORE_DIMENSIONS: Final[dict[str, str]] = {
    "overall": "Overall",
    "clarity": "Clarity",
    "structure": "Structure",
    "relevance": "Relevance",
    "confidence": "Confidence",
}
"""The 1–10 scores of a session, by name, with their labels; ``overall`` first."""


class SessionCol:
    """The training log (`sessions_frame`): one row per session of the user, oldest first.

    The stored values keep their database names (the query's labels); ``session_id`` is a string; numbers
    are float64 with NaN where a session has none; `STARTED`/`COMPLETED` are tz-aware in the user's zone;
    `DAY`/`COMPLETED_DAY` are the local dates (midnight, no zone) it started and was completed; the
    ``*_LABEL`` columns are display labels of the stored keys.
    """

    SESSION_ID: Final = "session_id"
    INTERVIEW_TYPE: Final = "interview_type"
    DIFFICULTY: Final = "difficulty"
    STATUS: Final = "status"
    DURATION_S: Final = "duration_s"
    OVERALL_SCORE: Final = "overall_score"
    CLARITY_SCORE: Final = "clarity_score"
    STRUCTURE_SCORE: Final = "structure_score"
    RELEVANCE_SCORE: Final = "relevance_score"
    CONFIDENCE_SCORE: Final = "confidence_score"
    FILLERS_PER_MINUTE: Final = "fillers_per_minute"
    AVG_WORDS_PER_MINUTE: Final = "avg_words_per_minute"
    LONGEST_PAUSE_MS: Final = "longest_pause_ms"
    TOTAL_FILLER_WORDS: Final = "total_filler_words"
    TOTAL_PAUSES: Final = "total_pauses"
    TOTAL_WORDS: Final = "total_words"
    QUESTIONS_ANSWERED: Final = "questions_answered"
    AVG_RESPONSE_TIME_MS: Final = "avg_response_time_ms"
    HEDGES_PER_100_WORDS: Final = "hedges_per_100_words"
    PITCH_SD_ST: Final = "pitch_sd_st"
    LOUDNESS_SD_DB: Final = "loudness_sd_db"
    MONOTONE_ANSWERS: Final = "monotone_answers"
    INCLUSIVE_TERMS: Final = "inclusive_terms"
    REPEATED_PHRASES: Final = "repeated_phrases"
    PACE_SPREAD_WPM: Final = "pace_spread_wpm"
    FASTEST_WINDOW_WPM: Final = "fastest_window_wpm"
    STARTED: Final = "started"
    COMPLETED: Final = "completed"
    DAY: Final = "day"
    COMPLETED_DAY: Final = "completed_day"
    TYPE_LABEL: Final = "type_label"
    DIFFICULTY_LABEL: Final = "difficulty_label"
    STATUS_LABEL: Final = "status_label"
    # as the query returns them, replaced by STARTED and COMPLETED
    CREATED_AT: Final = "created_at"
    COMPLETED_AT: Final = "completed_at"

    SCORES: Final[dict[str, str]] = {
        "overall": OVERALL_SCORE,
        "clarity": CLARITY_SCORE,
        "structure": STRUCTURE_SCORE,
        "relevance": RELEVANCE_SCORE,
        "confidence": CONFIDENCE_SCORE,
    }
    """The stored score column of each of `SCORE_DIMENSIONS` (``overall`` -> `OVERALL_SCORE`)."""


class ScoreCol:
    """`ProgressData.scores`: one row per scored, completed session, oldest first.

    `AT` is the completion time (tz-aware); each name in `SCORE_DIMENSIONS` is a column of that session's
    score, and `average(name)` the rolling mean over the last `ROLLING_WINDOW` sessions (2 decimals).
    """

    SESSION_ID: Final = SessionCol.SESSION_ID
    AT: Final = "at"
    OVERALL: Final = "overall"

    @staticmethod
    def average(dimension: str) -> str:
        """The rolling-average column of a dimension (``overall`` -> ``overall_avg``)."""
        return f"{dimension}_avg"


class DeliveryCol:
    """`ProgressData.delivery`: one row per completed session with delivery metrics, oldest first (floats).

    NaN where a session has no such figure: no audio (pitch), no answer long enough for two pace windows
    (pace spread), or stored before the measure existed (repeats, inclusive terms, pace windows).
    """

    SESSION_ID: Final = SessionCol.SESSION_ID
    AT: Final = "at"
    FILLERS_PER_MINUTE: Final = "fillers_per_minute"
    WORDS_PER_MINUTE: Final = "words_per_minute"
    LONGEST_PAUSE_S: Final = "longest_pause_s"
    HEDGES_PER_100_WORDS: Final = "hedges_per_100_words"
    PITCH_SD_ST: Final = "pitch_sd_st"  # NaN for sessions without audio
    REPEATS_PER_ANSWER: Final = "repeats_per_answer"  # repeated words and phrases flagged, per answer
    PACE_SPREAD_WPM: Final = "pace_spread_wpm"  # fastest minus slowest window, mean over answers
    FASTEST_WINDOW_WPM: Final = "fastest_window_wpm"
    INCLUSIVE_TERMS: Final = "inclusive_terms"  # non-inclusive terms used in the session (a count)


class WeekCol:
    """`ProgressData.weekly`: one row per local week (Monday, no zone), zero-filled, with int session counts."""

    WEEK_START: Final = "week_start"
    COMPLETED: Final = "completed"
    NOT_COMPLETED: Final = "not_completed"


class CalendarCol:
    """`ProgressData.calendar`: one row per day of `CALENDAR_WEEKS` weeks ending this week.

    `WEEKDAY` is 0 for Monday; `SESSIONS` counts the sessions completed that day (float, NaN after today).
    """

    DAY: Final = "day"
    WEEK_START: Final = "week_start"
    WEEKDAY: Final = "weekday"
    SESSIONS: Final = "sessions"


class BreakdownCol:
    """`ProgressData.breakdown`: one row per (interview type, difficulty) practised, sorted by the keys.

    `SESSIONS` and `COMPLETED` are ints; `AVG_SCORE` is the mean overall score (1 decimal, NaN if none).
    The keys and labels keep the training log's names.
    """

    INTERVIEW_TYPE: Final = SessionCol.INTERVIEW_TYPE
    DIFFICULTY: Final = SessionCol.DIFFICULTY
    TYPE_LABEL: Final = SessionCol.TYPE_LABEL
    DIFFICULTY_LABEL: Final = SessionCol.DIFFICULTY_LABEL
    SESSIONS: Final = "sessions"
    COMPLETED: Final = "completed"
    AVG_SCORE: Final = "avg_score"
