"""Progress of one user: score trends, delivery (fillers, pace, pauses), practice rhythm, streaks.

Everything comes from one query (`repo.sessions_with_metrics`: sessions left-joined with metrics), read
column by column (the training log, `igym.progress.training_log`) and reduced with NumPy (masks, stable
argsorts, `bincount`), so a user with a thousand sessions costs one round trip and a few milliseconds on top
of it (see `bench/bench_progress.py`; `tests/test_progress_reference.py` holds the results to a plain pandas version).
Days, weeks and the calendar are counted in the user's zone (`igym.progress.streaks.resolve_zone`), so a
session at 23:30 in New York belongs to that evening, and a daylight-saving change never splits or merges a day.

The service is stateless and holds only the process-wide `Database`, so one instance serves every browser
session; each call opens and closes its own read transaction.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd

from igym import catalog
from igym.db import repository as repo
from igym.db.engine import Database
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
from igym.progress.training_log import (
    COLUMNS,
    NUMERIC_AT,
    display_label,
    empty_sessions_frame,
    local_times,
    number_matrix,
    object_column,
    sessions_frame,
    uuid_strings,
)

ROLLING_WINDOW = 5  # sessions in the rolling average of scores
CALENDAR_WEEKS = 53  # a year of practice days, ending with the current week


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
        with self._db.session() as db:
            rows = repo.sessions_with_metrics(db, user_id=user_id)
        # Straight from the rows' columns: the page draws series, not the training log, so no log frame is made.
        return _progress(_Log.from_rows(rows, zone), zone, today or datetime.now(zone).date())

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


def build_progress(frame: pd.DataFrame, tz: ZoneInfo, today: date) -> ProgressData:
    """Reduce a `sessions_frame` to the page's series; pure, so tests pass fixed clocks and zones.

    Each column is read out of the frame once as a NumPy array (`_Log`) and every series is reduced from
    those arrays (masks, stable argsorts, `bincount`), each output frame made in one constructor call.
    """
    return _progress(_Log.from_frame(frame), tz, today)


def _progress(log: _Log, tz: ZoneInfo, today: date) -> ProgressData:
    completed_days = log.completed_day[log.completed & ~np.isnat(log.completed_day)]
    days = set(np.unique(completed_days.astype("datetime64[D]")).astype(object).tolist())
    return ProgressData(
        timezone=tz.key,
        today=today,
        total_sessions=len(log.status),
        completed_sessions=int(log.completed.sum()),
        current_streak=streaks.current_streak(days, today),
        longest_streak=streaks.longest_streak(days),
        scores=_scores(log),
        delivery=_delivery(log),
        weekly=_weekly(log, today),
        calendar=_calendar(log, today),
        breakdown=_breakdown(log),
    )


class _Log:
    """The columns `build_progress` reads, as NumPy arrays: from a training-log frame or from the query's rows.

    `from_frame` reads each column out of a `sessions_frame` once; `from_rows` makes the same arrays from the
    query's rows directly (what `ProgressService.build` uses, skipping the log frame and its labels), so both
    reduce to the same `ProgressData` (`tests/test_progress_reference.py` checks both).
    """

    def __init__(
        self,
        *,
        status: np.ndarray,
        day: np.ndarray,
        completed_at: pd.DatetimeIndex,
        completed_day: np.ndarray,
        number: Callable[[str], np.ndarray],
        objects: Callable[[str], np.ndarray],
    ) -> None:
        self.status = status
        self.completed = status == "completed"
        self.day = day
        self.completed_at = completed_at
        self.completed_day = completed_day
        self._number = number
        self._objects = objects
        self._numbers: dict[str, np.ndarray] = {}
        self._object_columns: dict[str, np.ndarray] = {}
        self._completion_key: np.ndarray | None = None

    @classmethod
    def from_frame(cls, frame: pd.DataFrame) -> _Log:
        c = SessionCol
        return cls(
            status=frame[c.STATUS].to_numpy(dtype=object),
            day=frame[c.DAY].to_numpy(dtype="datetime64[us]"),
            completed_at=pd.DatetimeIndex(frame[c.COMPLETED]),
            completed_day=frame[c.COMPLETED_DAY].to_numpy(dtype="datetime64[us]"),
            number=lambda column: frame[column].to_numpy(dtype="float64"),
            objects=lambda column: frame[column].to_numpy(dtype=object),
        )

    @classmethod
    def from_rows(cls, rows: Iterable[Sequence[object]], tz: ZoneInfo) -> _Log:
        transposed = list(zip(*rows, strict=True))
        if not transposed:
            return cls.from_frame(empty_sessions_frame(tz))
        columns = dict(zip(COLUMNS, transposed, strict=True))
        started, completed = local_times(columns, tz)
        numbers = number_matrix(columns)

        def objects(column: str) -> np.ndarray:
            if column == SessionCol.SESSION_ID:
                return np.array(uuid_strings(columns[column]), dtype=object)
            return np.array(columns[column], dtype=object)

        return cls(
            status=np.array(columns[SessionCol.STATUS], dtype=object),
            day=started.tz_localize(None).normalize().to_numpy(dtype="datetime64[us]"),
            completed_at=completed,
            completed_day=completed.tz_localize(None).normalize().to_numpy(dtype="datetime64[us]"),
            number=lambda column: numbers[NUMERIC_AT[column]],
            objects=objects,
        )

    def number(self, column: str) -> np.ndarray:
        """A numeric column as float64 (NaN where none), read once."""
        if column not in self._numbers:
            self._numbers[column] = self._number(column)
        return self._numbers[column]

    def objects(self, column: str) -> np.ndarray:
        """A column of keys or ids as Python objects, read once."""
        if column not in self._object_columns:
            self._object_columns[column] = self._objects(column)
        return self._object_columns[column]

    def by_completion(self, keep: np.ndarray) -> np.ndarray:
        """Positions of the rows in `keep`, in completion order (stable; no completion time last)."""
        if self._completion_key is None:
            key = self.completed_at.asi8.copy()
            key[np.isnat(self.completed_day)] = np.iinfo(np.int64).max  # NaT sorts last, as in sort_values
            self._completion_key = key
        picked = np.flatnonzero(keep)
        return picked[np.argsort(self._completion_key[picked], kind="stable")]


def _scores(log: _Log) -> pd.DataFrame:
    c = SessionCol
    order = log.by_completion(log.completed & ~np.isnan(log.number(c.OVERALL_SCORE)))
    data: dict[str, object] = {
        ScoreCol.SESSION_ID: object_column(log.objects(c.SESSION_ID)[order]),
        ScoreCol.AT: log.completed_at[order],
    }
    dimensions = [log.number(c.SCORES[name])[order] for name in SCORE_DIMENSIONS]
    data.update(zip(SCORE_DIMENSIONS, dimensions, strict=True))
    averages = pd.DataFrame(np.column_stack(dimensions) if len(order) else np.empty((0, len(dimensions))))
    means = averages.rolling(ROLLING_WINDOW, min_periods=1).mean().round(2).to_numpy()
    for k, name in enumerate(SCORE_DIMENSIONS):
        data[ScoreCol.average(name)] = means[:, k]
    return pd.DataFrame(data, copy=False)


def _delivery(log: _Log) -> pd.DataFrame:
    c = SessionCol
    measured = ~np.isnan(log.number(c.AVG_WORDS_PER_MINUTE)) | ~np.isnan(log.number(c.FILLERS_PER_MINUTE))
    order = log.by_completion(log.completed & measured)
    return pd.DataFrame(
        {
            DeliveryCol.SESSION_ID: object_column(log.objects(c.SESSION_ID)[order]),
            DeliveryCol.AT: log.completed_at[order],
            DeliveryCol.FILLERS_PER_MINUTE: log.number(c.FILLERS_PER_MINUTE)[order],
            DeliveryCol.WORDS_PER_MINUTE: log.number(c.AVG_WORDS_PER_MINUTE)[order],
            DeliveryCol.LONGEST_PAUSE_S: log.number(c.LONGEST_PAUSE_MS)[order] / 1000.0,
            DeliveryCol.HEDGES_PER_100_WORDS: log.number(c.HEDGES_PER_100_WORDS)[order],
            DeliveryCol.PITCH_SD_ST: log.number(c.PITCH_SD_ST)[order],
            DeliveryCol.REPEATS_PER_ANSWER: _per_answer(
                log.number(c.REPEATED_PHRASES)[order], log.number(c.QUESTIONS_ANSWERED)[order]
            ),
            DeliveryCol.PACE_SPREAD_WPM: log.number(c.PACE_SPREAD_WPM)[order],
            DeliveryCol.FASTEST_WINDOW_WPM: log.number(c.FASTEST_WINDOW_WPM)[order],
            DeliveryCol.INCLUSIVE_TERMS: log.number(c.INCLUSIVE_TERMS)[order],
        },
        copy=False,
    )


def _per_answer(counts: np.ndarray, answers: np.ndarray) -> np.ndarray:
    """Counts per answered question; NaN without a count or without an answer."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(answers > 0, counts / answers, np.nan)


def _day_numbers(days: np.ndarray) -> np.ndarray:
    """Local dates (midnight datetime64) as days since 1970-01-01 (a Thursday)."""
    return days.astype("datetime64[D]").astype("int64")


def _monday(day_numbers: np.ndarray) -> np.ndarray:
    return day_numbers - (day_numbers + 3) % 7


def _as_days(day_numbers: np.ndarray) -> np.ndarray:
    return day_numbers.astype("datetime64[D]").astype("datetime64[us]")


def _weekly(log: _Log, today: date) -> pd.DataFrame:
    this_week = pd.Timestamp(today - timedelta(days=today.weekday()))
    if len(log.day) == 0:
        weeks = pd.DatetimeIndex([this_week])
        return pd.DataFrame({WeekCol.WEEK_START: weeks, WeekCol.COMPLETED: 0, WeekCol.NOT_COMPLETED: 0})
    week = _monday(_day_numbers(log.day))
    this = (today - timedelta(days=today.weekday()) - date(1970, 1, 1)).days
    first, last = min(int(week.min()), this), max(int(week.max()), this)
    slot = (week - first) // 7
    count = (last - first) // 7 + 1
    return pd.DataFrame(
        {
            WeekCol.WEEK_START: _as_days(first + 7 * np.arange(count)),
            WeekCol.COMPLETED: np.bincount(slot[log.completed], minlength=count).astype("int64"),
            WeekCol.NOT_COMPLETED: np.bincount(slot[~log.completed], minlength=count).astype("int64"),
        },
        copy=False,
    )


def _calendar(log: _Log, today: date) -> pd.DataFrame:
    first = today - timedelta(days=today.weekday(), weeks=CALENDAR_WEEKS - 1)
    grid = pd.date_range(pd.Timestamp(first), periods=CALENDAR_WEEKS * 7, freq="D")
    size = CALENDAR_WEEKS * 7
    done = log.completed_day[log.completed & ~np.isnat(log.completed_day)]
    offset = _day_numbers(done) - (first - date(1970, 1, 1)).days
    sessions = np.bincount(offset[(offset >= 0) & (offset < size)], minlength=size).astype("float64")
    sessions[(today - first).days + 1 :] = np.nan
    position = np.arange(size)
    return pd.DataFrame(
        {
            CalendarCol.DAY: grid,
            CalendarCol.WEEK_START: _as_days((first - date(1970, 1, 1)).days + 7 * (position // 7)),
            CalendarCol.WEEKDAY: (position % 7).astype("int32"),
            CalendarCol.SESSIONS: sessions,
        },
        copy=False,
    )


def _breakdown(log: _Log) -> pd.DataFrame:
    """Counts and mean overall score per (type, difficulty).

    Each key pair gets a code (`pd.factorize`, hashing the keys once) and the counts and score sums are
    `np.bincount`s over those codes: the sums add the scores in row order, as a plain loop would.
    """
    b = BreakdownCol
    columns = [b.INTERVIEW_TYPE, b.DIFFICULTY, b.TYPE_LABEL, b.DIFFICULTY_LABEL, b.SESSIONS, b.COMPLETED, b.AVG_SCORE]
    if len(log.status) == 0:
        return pd.DataFrame(columns=columns)
    kind_codes, kinds = pd.factorize(log.objects(SessionCol.INTERVIEW_TYPE))
    level_codes, levels = pd.factorize(log.objects(SessionCol.DIFFICULTY))
    codes = kind_codes * len(levels) + level_codes
    size = len(kinds) * len(levels)
    score = log.number(SessionCol.OVERALL_SCORE)
    scored = ~np.isnan(score)
    sessions = np.bincount(codes, minlength=size)
    completed = np.bincount(codes, weights=log.completed, minlength=size)
    score_sum = np.bincount(codes[scored], weights=score[scored], minlength=size)
    score_count = np.bincount(codes[scored], minlength=size)
    present = sorted(
        (
            (str(kinds[code // len(levels)]), str(levels[code % len(levels)]), int(code))
         for code in np.flatnonzero(sessions)),
    )
    return pd.DataFrame(
        {
            b.INTERVIEW_TYPE: object_column([kind for kind, _, _ in present]),
            b.DIFFICULTY: object_column([level for _, level, _ in present]),
            b.TYPE_LABEL: object_column([display_label(kind, catalog.INTERVIEW_TYPES) for kind, _, _ in present]),
            b.DIFFICULTY_LABEL: object_column([display_label(level, catalog.DIFFICULTIES) for _, level, _ in present]),
            b.SESSIONS: np.array([sessions[code] for _, _, code in present], dtype="int64"),
            b.COMPLETED: np.array([completed[code] for _, _, code in present], dtype="int64"),
            b.AVG_SCORE: np.array(
                [
                    round(float(score_sum[code]) / int(score_count[code]), 1) if score_count[code] else float("nan")
                    for _, _, code in present
                ],
                dtype="float64",
            ),
        },
        copy=False,
    )
