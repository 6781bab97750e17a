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
from igym.progress.columns import (
    SCORE_DIMENSIONS,
    BreakdownCol,
    CalendarCol,
    DeliveryCol,
    ScoreCol,
    SessionCol,
    WeekCol,
)

COLUMNS: tuple[str, ...] = tuple(str(column.key) for column in SESSION_COLUMNS)
ROLLING_WINDOW = 5  # sessions in the rolling average of scores
CALENDAR_WEEKS = 53  # a year of practice days, ending with the current week
_NUMERIC = (
    SessionCol.DURATION_S,
    *SessionCol.SCORES.values(),
    SessionCol.FILLERS_PER_MINUTE,
    SessionCol.AVG_WORDS_PER_MINUTE,
    SessionCol.LONGEST_PAUSE_MS,
    SessionCol.TOTAL_FILLER_WORDS,
    SessionCol.TOTAL_PAUSES,
    SessionCol.TOTAL_WORDS,
    SessionCol.QUESTIONS_ANSWERED,
    SessionCol.AVG_RESPONSE_TIME_MS,
    SessionCol.HEDGES_PER_100_WORDS,
    SessionCol.PITCH_SD_ST,
)


@dataclass(frozen=True, slots=True)
class ProgressData:
    """Everything the progress page draws, as plain values and DataFrames (one row per plotted point).

    The frames' columns are named once, in `igym.progress.columns` (the class named for each field below
    documents its rows and types); read them only through those names.

    Attributes:
        timezone: The IANA zone days were counted in.
        today: The user's local date the data was built for.
        total_sessions: All sessions, whatever their status.
        completed_sessions: Sessions that reached the end (the ones that count for streaks).
        current_streak: Consecutive local days with a completed session, ending today or yesterday.
        longest_streak: The longest such run ever.
        scores: Scored sessions, oldest first (`ScoreCol`): each dimension of `SCORE_DIMENSIONS` and its
            rolling mean over `ROLLING_WINDOW` sessions.
        delivery: Completed sessions with delivery metrics, oldest first (`DeliveryCol`).
        weekly: One row per local week (Monday) from the first session's week to this week, zero-filled
            (`WeekCol`).
        calendar: `CALENDAR_WEEKS` weeks of days ending this week (`CalendarCol`).
        breakdown: One row per (interview type, difficulty) practised (`BreakdownCol`).
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
    """The dashboard's streaks: consecutive local days with a completed session, counted in `timezone`."""

    current: int
    longest: int
    timezone: str


class ProgressService:
    """Builds `ProgressData` and the session table for one user, always scoped to that user's id."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def sessions(self, *, user_id: uuid.UUID, tz: ZoneInfo | str | None = None) -> pd.DataFrame:
        """The training log: every session of the user with its metrics, oldest first, times in `tz`.

        Columns as `SessionCol` documents them (see `sessions_frame`).
        """
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
    """The query's rows as the training log: local times, local days and display labels (`SessionCol`).

    The query's ``created_at``/``completed_at`` become `SessionCol.STARTED`/`COMPLETED` (tz-aware, in `tz`),
    with the local dates `DAY` (started) and `COMPLETED_DAY` (for streaks); ``session_id`` becomes a string.
    Numbers are floats, with NaN where a session has none.
    """
    c = SessionCol
    frame = pd.DataFrame([tuple(row) for row in rows], columns=list(COLUMNS))
    frame[c.SESSION_ID] = pd.Series([str(key) for key in frame[c.SESSION_ID].tolist()], dtype=object)
    numeric = list(_NUMERIC)
    frame[numeric] = frame[numeric].astype("float64")
    frame[c.STARTED] = pd.to_datetime(frame[c.CREATED_AT], utc=True).dt.tz_convert(tz)
    frame[c.COMPLETED] = pd.to_datetime(frame[c.COMPLETED_AT], utc=True).dt.tz_convert(tz)
    frame[c.DAY] = frame[c.STARTED].dt.tz_localize(None).dt.normalize()
    frame[c.COMPLETED_DAY] = frame[c.COMPLETED].dt.tz_localize(None).dt.normalize()
    frame[c.TYPE_LABEL] = _labels(frame[c.INTERVIEW_TYPE], catalog.INTERVIEW_TYPES)
    frame[c.DIFFICULTY_LABEL] = _labels(frame[c.DIFFICULTY], catalog.DIFFICULTIES)
    frame[c.STATUS_LABEL] = _labels(frame[c.STATUS], catalog.SESSION_STATUSES)
    return frame.drop(columns=[c.CREATED_AT, c.COMPLETED_AT])


def _labels(keys: pd.Series, mapping: dict[str, str]) -> pd.Series:
    """Display labels for stored keys (`catalog.label`: unknown keys from old data still read well)."""
    # A list comprehension over a thousand keys is several times faster than Series.map on Arrow strings.
    labels = [mapping.get(key) or catalog.label(mapping, key) for key in keys.tolist()]
    return pd.Series(labels, index=keys.index, dtype=object)


def build_progress(frame: pd.DataFrame, tz: ZoneInfo, today: date) -> ProgressData:
    """Reduce a `sessions_frame` to the page's series; pure, so tests pass fixed clocks and zones."""
    completed = frame[frame[SessionCol.STATUS] == "completed"]
    days = {stamp.date() for stamp in completed[SessionCol.COMPLETED_DAY].dropna().unique()}
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
    c = SessionCol
    scored = completed[completed[c.OVERALL_SCORE].notna()].sort_values(c.COMPLETED, kind="stable")
    columns = {stored: name for name, stored in c.SCORES.items()}
    scores = scored[[ScoreCol.SESSION_ID, c.COMPLETED, *columns]].rename(columns={c.COMPLETED: ScoreCol.AT, **columns})
    averages = scores[list(SCORE_DIMENSIONS)].rolling(ROLLING_WINDOW, min_periods=1).mean().round(2)
    averages.columns = [ScoreCol.average(name) for name in SCORE_DIMENSIONS]
    return pd.concat([scores, averages], axis=1).reset_index(drop=True)


def _delivery(completed: pd.DataFrame) -> pd.DataFrame:
    c = SessionCol
    measured = completed[completed[c.AVG_WORDS_PER_MINUTE].notna() | completed[c.FILLERS_PER_MINUTE].notna()]
    measured = measured.sort_values(c.COMPLETED, kind="stable")
    return pd.DataFrame(
        {
            DeliveryCol.SESSION_ID: measured[c.SESSION_ID],
            DeliveryCol.AT: measured[c.COMPLETED],
            DeliveryCol.FILLERS_PER_MINUTE: measured[c.FILLERS_PER_MINUTE],
            DeliveryCol.WORDS_PER_MINUTE: measured[c.AVG_WORDS_PER_MINUTE],
            DeliveryCol.LONGEST_PAUSE_S: measured[c.LONGEST_PAUSE_MS] / 1000.0,
            DeliveryCol.HEDGES_PER_100_WORDS: measured[c.HEDGES_PER_100_WORDS],
            DeliveryCol.PITCH_SD_ST: measured[c.PITCH_SD_ST],
        }
    ).reset_index(drop=True)


def _week_start(days: pd.Series) -> pd.Series:
    return days - pd.to_timedelta(days.dt.day_of_week, unit="D")


def _weekly(frame: pd.DataFrame, today: date) -> pd.DataFrame:
    this_week = pd.Timestamp(today - timedelta(days=today.weekday()))
    if frame.empty:
        weeks = pd.DatetimeIndex([this_week])
        return pd.DataFrame({WeekCol.WEEK_START: weeks, WeekCol.COMPLETED: 0, WeekCol.NOT_COMPLETED: 0})
    week = _week_start(frame[SessionCol.DAY])
    is_completed = frame[SessionCol.STATUS] == "completed"
    counts = pd.DataFrame(
        {WeekCol.WEEK_START: week, WeekCol.COMPLETED: is_completed, WeekCol.NOT_COMPLETED: ~is_completed}
    )
    summed = counts.groupby(WeekCol.WEEK_START).sum()
    weeks = pd.date_range(min(week.min(), this_week), max(week.max(), this_week), freq="7D")
    return summed.reindex(weeks, fill_value=0).astype("int64").rename_axis(WeekCol.WEEK_START).reset_index()


def _calendar(completed: pd.DataFrame, today: date) -> pd.DataFrame:
    first = today - timedelta(days=today.weekday(), weeks=CALENDAR_WEEKS - 1)
    grid = pd.date_range(pd.Timestamp(first), periods=CALENDAR_WEEKS * 7, freq="D")
    per_day = completed[SessionCol.COMPLETED_DAY].value_counts()
    sessions = per_day.reindex(grid, fill_value=0).astype("float64")
    sessions[grid > pd.Timestamp(today)] = float("nan")
    days = pd.Series(grid)
    return pd.DataFrame(
        {
            CalendarCol.DAY: grid,
            CalendarCol.WEEK_START: _week_start(days).to_numpy(),
            CalendarCol.WEEKDAY: grid.day_of_week,
            CalendarCol.SESSIONS: sessions.to_numpy(),
        }
    )


def _breakdown(frame: pd.DataFrame) -> pd.DataFrame:
    """Counts and mean overall score per (type, difficulty).

    Summed in plain Python over the columns' lists: for a page's thousand rows that is several times faster
    than a pandas groupby on Arrow string keys (see `bench/bench_progress.py`).
    """
    b = BreakdownCol
    columns = [b.INTERVIEW_TYPE, b.DIFFICULTY, b.TYPE_LABEL, b.DIFFICULTY_LABEL, b.SESSIONS, b.COMPLETED, b.AVG_SCORE]
    if frame.empty:
        return pd.DataFrame(columns=columns)
    totals: dict[tuple[str, str], list[float]] = {}  # key -> [sessions, completed, score sum, scored]
    rows = zip(
        frame[SessionCol.INTERVIEW_TYPE].tolist(),
        frame[SessionCol.DIFFICULTY].tolist(),
        frame[SessionCol.STATUS].tolist(),
        frame[SessionCol.OVERALL_SCORE].tolist(),
        strict=True,
    )
    for kind, difficulty, status, score in rows:
        entry = totals.setdefault((kind, difficulty), [0, 0, 0.0, 0])
        entry[0] += 1
        entry[1] += status == "completed"
        if score == score:  # not NaN
            entry[2] += score
            entry[3] += 1
    keys = sorted(totals)
    table = pd.DataFrame(
        {
            b.INTERVIEW_TYPE: pd.Series([k for k, _ in keys], dtype=object),
            b.DIFFICULTY: pd.Series([d for _, d in keys], dtype=object),
            b.SESSIONS: pd.Series([int(totals[k][0]) for k in keys], dtype="int64"),
            b.COMPLETED: pd.Series([int(totals[k][1]) for k in keys], dtype="int64"),
            b.AVG_SCORE: pd.Series(
                [round(totals[k][2] / totals[k][3], 1) if totals[k][3] else float("nan") for k in keys],
                dtype="float64",
            ),
        }
    )
    table[b.TYPE_LABEL] = _labels(table[b.INTERVIEW_TYPE], catalog.INTERVIEW_TYPES)
    table[b.DIFFICULTY_LABEL] = _labels(table[b.DIFFICULTY], catalog.DIFFICULTIES)
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
        keep &= frame[SessionCol.INTERVIEW_TYPE].isin(types)
    if difficulties:
        keep &= frame[SessionCol.DIFFICULTY].isin(difficulties)
    if statuses:
        keep &= frame[SessionCol.STATUS].isin(statuses)
    if start is not None:
        keep &= frame[SessionCol.DAY] >= pd.Timestamp(start)
    if end is not None:
        keep &= frame[SessionCol.DAY] <= pd.Timestamp(end)
    return frame[keep]


def day_span(frame: pd.DataFrame) -> tuple[date, date]:
    """The local dates of the first and the last session of a non-empty training log."""
    days = frame[SessionCol.DAY]
    return days.min().date(), days.max().date()


def log_timezone(frame: pd.DataFrame) -> str:
    """The zone the training log's times are in ("UTC" when it holds none, e.g. when empty)."""
    return str(frame[SessionCol.STARTED].dt.tz or "UTC")


def newest_first_ids(frame: pd.DataFrame) -> list[str]:
    """The session ids of a training log, newest first (the order the history table shows)."""
    return [str(key) for key in frame[SessionCol.SESSION_ID].to_numpy()[::-1]]
