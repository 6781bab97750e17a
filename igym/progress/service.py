"""Progress of one user: score trends, delivery (fillers, pace, pauses), practice rhythm, streaks.

Everything comes from one query (`repo.sessions_with_metrics`: sessions left-joined with metrics) turned
into a pandas DataFrame and reduced with vectorised operations, so a user with a thousand sessions costs one
round trip and a few milliseconds of pandas (see `bench/bench_progress.py`). Days, weeks and the calendar
are counted in the user's zone (`igym.progress.streaks.resolve_zone`), so a session at 23:30 in New York belongs to
that evening, and a daylight-saving change never splits or merges a day.

The service is stateless and holds only the process-wide `Database`, so one instance serves every browser
session; each call opens and closes its own read transaction.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pandas as pd

from igym import catalog
from igym.db import repository as repo
from igym.db.engine import Database
from igym.db.repository.progress import SESSION_COLUMNS
from igym.progress import streaks

COLUMNS: tuple[str, ...] = tuple(str(column.key) for column in SESSION_COLUMNS)
SCORE_DIMENSIONS: dict[str, str] = {
    "overall": "Overall",
    "clarity": "Clarity",
    "structure": "Structure",
    "relevance": "Relevance",
    "confidence": "Confidence",
}
ROLLING_WINDOW = 5  # sessions in the rolling average of scores
CALENDAR_WEEKS = 53  # a year of practice days, ending with the current week
_NUMERIC = (
    "duration_s",
    *(f"{name}_score" for name in SCORE_DIMENSIONS),
    "fillers_per_minute",
    "avg_words_per_minute",
    "longest_pause_ms",
    "total_filler_words",
    "total_pauses",
    "total_words",
    "questions_answered",
    "avg_response_time_ms",
)


@dataclass(frozen=True, slots=True)
class ProgressData:
    """Everything the progress page draws, as plain values and DataFrames (one row per plotted point).

    Attributes:
        timezone: The IANA zone days were counted in.
        today: The user's local date the data was built for.
        total_sessions: All sessions, whatever their status.
        completed_sessions: Sessions that reached the end (the ones that count for streaks).
        current_streak: Consecutive local days with a completed session, ending today or yesterday.
        longest_streak: The longest such run ever.
        scores: Scored sessions, oldest first: ``session_id, at``, one column per dimension in
            `SCORE_DIMENSIONS` and the same with ``_avg`` (rolling mean over `ROLLING_WINDOW` sessions).
        delivery: Completed sessions with metrics, oldest first: ``session_id, at, fillers_per_minute,
            words_per_minute, longest_pause_s``.
        weekly: One row per local week (Monday) from the first session's week to this week, zero-filled:
            ``week_start, completed, not_completed``.
        calendar: `CALENDAR_WEEKS` weeks of days ending this week: ``day, week_start, weekday`` (0 = Monday)
            and ``sessions`` (completed that day; NaN after today).
        breakdown: One row per (interview type, difficulty) practised: ``interview_type, difficulty,
            type_label, difficulty_label, sessions, completed, avg_score``.
    """

    timezone: str
    today: date
    total_sessions: int
    completed_sessions: int
    current_streak: int
    longest_streak: int
    scores: pd.DataFrame
    delivery: pd.DataFrame
    weekly: pd.DataFrame
    calendar: pd.DataFrame
    breakdown: pd.DataFrame

    @property
    def is_empty(self) -> bool:
        """True before the first completed session: the page shows its empty state instead of charts."""
        return self.completed_sessions == 0


@dataclass(frozen=True, slots=True)
class StreakCounts:
    current: int
    longest: int
    timezone: str


class ProgressService:
    """Builds `ProgressData` and the session table for one user, always scoped to that user's id."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def sessions(self, *, user_id: uuid.UUID, tz: ZoneInfo | str | None = None) -> pd.DataFrame:
        """Every session of the user with its metrics, oldest first, times in `tz` (see `sessions_frame`)."""
        with self._db.session() as db:
            rows = repo.sessions_with_metrics(db, user_id=user_id)
        return sessions_frame(rows, _as_zone(tz))

    def build(
        self, *, user_id: uuid.UUID, tz: ZoneInfo | str | None = None, today: date | None = None
    ) -> ProgressData:
        """The user's progress; `today` (their local date) is for tests with a fixed clock."""
        zone = _as_zone(tz)
        return build_progress(self.sessions(user_id=user_id, tz=zone), zone, today or datetime.now(zone).date())


    def streaks(
        self, *, user_id: uuid.UUID, tz: ZoneInfo | str | None = None, today: date | None = None
    ) -> StreakCounts:
        """Just the streaks (for the dashboard): one small query of completion times, no DataFrames."""
        zone = _as_zone(tz)
        with self._db.session() as db:
            moments = repo.completed_session_times(db, user_id=user_id)
        days = streaks.practice_days(moments, zone)
        local_today = today or datetime.now(zone).date()
        return StreakCounts(streaks.current_streak(days, local_today), streaks.longest_streak(days), zone.key)


def _as_zone(tz: ZoneInfo | str | None) -> ZoneInfo:
    return tz if isinstance(tz, ZoneInfo) else streaks.resolve_zone(tz)


def sessions_frame(rows: Iterable[Sequence[object]], tz: ZoneInfo) -> pd.DataFrame:
    """The query's rows as a typed DataFrame with local times and display labels.

    Adds ``started`` and ``completed`` (tz-aware, in `tz`), ``day`` (local date the session started),
    ``completed_day`` (local date it was completed, for streaks), ``type_label``, ``difficulty_label``,
    ``status_label``; ``session_id`` becomes a string. Numbers are floats, with NaN where a session has none.
    """
    frame = pd.DataFrame([tuple(row) for row in rows], columns=list(COLUMNS))
    frame["session_id"] = pd.Series([str(key) for key in frame["session_id"].tolist()], dtype=object)
    numeric = list(_NUMERIC)
    frame[numeric] = frame[numeric].astype("float64")
    frame["started"] = pd.to_datetime(frame["created_at"], utc=True).dt.tz_convert(tz)
    frame["completed"] = pd.to_datetime(frame["completed_at"], utc=True).dt.tz_convert(tz)
    frame["day"] = frame["started"].dt.tz_localize(None).dt.normalize()
    frame["completed_day"] = frame["completed"].dt.tz_localize(None).dt.normalize()
    frame["type_label"] = _labels(frame["interview_type"], catalog.INTERVIEW_TYPES)
    frame["difficulty_label"] = _labels(frame["difficulty"], catalog.DIFFICULTIES)
    frame["status_label"] = _labels(frame["status"], catalog.SESSION_STATUSES)
    return frame.drop(columns=["created_at", "completed_at"])


def _labels(keys: pd.Series, mapping: dict[str, str]) -> pd.Series:
    """Display labels for stored keys (`catalog.label`: unknown keys from old data still read well)."""
    # A list comprehension over a thousand keys is several times faster than Series.map on Arrow strings.
    labels = [mapping.get(key) or catalog.label(mapping, key) for key in keys.tolist()]
    return pd.Series(labels, index=keys.index, dtype=object)


def build_progress(frame: pd.DataFrame, tz: ZoneInfo, today: date) -> ProgressData:
    """Reduce a `sessions_frame` to the page's series; pure, so tests pass fixed clocks and zones."""
    completed = frame[frame["status"] == "completed"]
    days = {stamp.date() for stamp in completed["completed_day"].dropna().unique()}
    return ProgressData(
        timezone=tz.key,
        today=today,
        total_sessions=len(frame),
        completed_sessions=len(completed),
        current_streak=streaks.current_streak(days, today),
        longest_streak=streaks.longest_streak(days),
        scores=_scores(completed),
        delivery=_delivery(completed),
        weekly=_weekly(frame, today),
        calendar=_calendar(completed, today),
        breakdown=_breakdown(frame),
    )


def _scores(completed: pd.DataFrame) -> pd.DataFrame:
    scored = completed[completed["overall_score"].notna()].sort_values("completed", kind="stable")
    columns = {f"{name}_score": name for name in SCORE_DIMENSIONS}
    scores = scored[["session_id", "completed", *columns]].rename(columns={"completed": "at", **columns})
    averages = scores[list(SCORE_DIMENSIONS)].rolling(ROLLING_WINDOW, min_periods=1).mean().round(2)
    return pd.concat([scores, averages.add_suffix("_avg")], axis=1).reset_index(drop=True)


def _delivery(completed: pd.DataFrame) -> pd.DataFrame:
    measured = completed[completed["avg_words_per_minute"].notna() | completed["fillers_per_minute"].notna()]
    measured = measured.sort_values("completed", kind="stable")
    return pd.DataFrame(
        {
            "session_id": measured["session_id"],
            "at": measured["completed"],
            "fillers_per_minute": measured["fillers_per_minute"],
            "words_per_minute": measured["avg_words_per_minute"],
            "longest_pause_s": measured["longest_pause_ms"] / 1000.0,
        }
    ).reset_index(drop=True)


def _week_start(days: pd.Series) -> pd.Series:
    return days - pd.to_timedelta(days.dt.day_of_week, unit="D")


def _weekly(frame: pd.DataFrame, today: date) -> pd.DataFrame:
    this_week = pd.Timestamp(today - timedelta(days=today.weekday()))
    if frame.empty:
        weeks = pd.DatetimeIndex([this_week])
        return pd.DataFrame({"week_start": weeks, "completed": 0, "not_completed": 0})
    week = _week_start(frame["day"])
    is_completed = frame["status"] == "completed"
    counts = pd.DataFrame({"week_start": week, "completed": is_completed, "not_completed": ~is_completed})
    summed = counts.groupby("week_start").sum()
    weeks = pd.date_range(min(week.min(), this_week), max(week.max(), this_week), freq="7D")
    return summed.reindex(weeks, fill_value=0).astype("int64").rename_axis("week_start").reset_index()


def _calendar(completed: pd.DataFrame, today: date) -> pd.DataFrame:
    first = today - timedelta(days=today.weekday(), weeks=CALENDAR_WEEKS - 1)
    grid = pd.date_range(pd.Timestamp(first), periods=CALENDAR_WEEKS * 7, freq="D")
    per_day = completed["completed_day"].value_counts()
    sessions = per_day.reindex(grid, fill_value=0).astype("float64")
    sessions[grid > pd.Timestamp(today)] = float("nan")
    days = pd.Series(grid)
    return pd.DataFrame(
        {
            "day": grid,
            "week_start": _week_start(days).to_numpy(),
            "weekday": grid.day_of_week,
            "sessions": sessions.to_numpy(),
        }
    )


def _breakdown(frame: pd.DataFrame) -> pd.DataFrame:
    columns = ["interview_type", "difficulty", "type_label", "difficulty_label", "sessions", "completed", "avg_score"]
    if frame.empty:
        return pd.DataFrame(columns=columns)
    grouped = frame.assign(completed=frame["status"] == "completed").groupby(
        ["interview_type", "difficulty"], sort=True
    )
    table = grouped["completed"].sum().astype("int64").to_frame()
    table["sessions"] = grouped.size()
    table["avg_score"] = grouped["overall_score"].mean()
    table = table.reset_index()
    table["avg_score"] = table["avg_score"].round(1)
    table["type_label"] = _labels(table["interview_type"], catalog.INTERVIEW_TYPES)
    table["difficulty_label"] = _labels(table["difficulty"], catalog.DIFFICULTIES)
    return table[columns]


def filter_sessions(
    frame: pd.DataFrame,
    *,
    types: list[str] | None = None,
    difficulties: list[str] | None = None,
    statuses: list[str] | None = None,
    start: date | None = None,
    end: date | None = None,
) -> pd.DataFrame:
    """The sessions matching every given filter (empty or None means "any"); dates are local and inclusive."""
    keep = pd.Series(True, index=frame.index)
    if types:
        keep &= frame["interview_type"].isin(types)
    if difficulties:
        keep &= frame["difficulty"].isin(difficulties)
    if statuses:
        keep &= frame["status"].isin(statuses)
    if start is not None:
        keep &= frame["day"] >= pd.Timestamp(start)
    if end is not None:
        keep &= frame["day"] <= pd.Timestamp(end)
    return frame[keep]
