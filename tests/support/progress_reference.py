"""The progress frames computed the straightforward pandas way: the reference `igym.progress.service` must match.

This is how the service built its frames before it was made fast (row tuples into a DataFrame, `groupby`,
`value_counts`, `reindex`, `sort_values`); `tests/test_progress_reference.py` checks that the vectorised
service gives the same frames, column for column and dtype for dtype, on generated data.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from zoneinfo import ZoneInfo

import pandas as pd

from igym import catalog
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
from igym.progress.service import CALENDAR_WEEKS, ROLLING_WINDOW, ProgressData
from igym.progress.training_log import COLUMNS, NUMERIC


def sessions_frame(rows: Iterable[Sequence[object]], tz: ZoneInfo) -> pd.DataFrame:
    """The query's rows as the training log: local times, local days and display labels (`SessionCol`).

    The query's ``created_at``/``completed_at`` become `SessionCol.STARTED`/`COMPLETED` (tz-aware, in `tz`),
    with the local dates `DAY` (started) and `COMPLETED_DAY` (for streaks); ``session_id`` becomes a string.
    Numbers are floats, with NaN where a session has none.
    """
    c = SessionCol
    frame = pd.DataFrame([tuple(row) for row in rows], columns=list(COLUMNS))
    frame[c.SESSION_ID] = pd.Series([str(key) for key in frame[c.SESSION_ID].tolist()], dtype=object)
    numeric = list(NUMERIC)
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
            DeliveryCol.REPEATS_PER_ANSWER: [
                n / q if q > 0 else float("nan")  # NaN counts or answers give NaN
                for n, q in zip(measured[c.REPEATED_PHRASES], measured[c.QUESTIONS_ANSWERED], strict=True)
            ],
            DeliveryCol.PACE_SPREAD_WPM: measured[c.PACE_SPREAD_WPM],
            DeliveryCol.FASTEST_WINDOW_WPM: measured[c.FASTEST_WINDOW_WPM],
            DeliveryCol.INCLUSIVE_TERMS: measured[c.INCLUSIVE_TERMS],
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
