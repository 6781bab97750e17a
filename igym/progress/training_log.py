"""The training log: one user's sessions as a pandas frame with the documented columns (`SessionCol`).

Built from the query's rows (`repo.sessions_with_metrics`) column by column: local times and days in the
user's zone, numbers as float64 with NaN where a session has none, display labels from the catalog. The
History page, the CSV export and the progress service (`igym.progress.service`) read it; the helpers here
filter it and read its span, zone and ids. Pure functions, safe from any thread.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd

from igym import catalog
from igym.db.repository.progress import SESSION_COLUMNS
from igym.progress.columns import SessionCol

COLUMNS: tuple[str, ...] = tuple(str(column.key) for column in SESSION_COLUMNS)
NUMERIC = (
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
    SessionCol.LOUDNESS_SD_DB,
    SessionCol.MONOTONE_ANSWERS,
    SessionCol.INCLUSIVE_TERMS,
    SessionCol.REPEATED_PHRASES,
    SessionCol.PACE_SPREAD_WPM,
    SessionCol.FASTEST_WINDOW_WPM,
)
NUMERIC_AT = {name: k for k, name in enumerate(NUMERIC)}
STRING_DTYPE = pd.StringDtype(na_value=float("nan"))  # pandas' default string dtype (``str``)


def sessions_frame(rows: Iterable[Sequence[object]], tz: ZoneInfo) -> pd.DataFrame:
    """The query's rows as the training log: local times, local days and display labels (`SessionCol`).

    The query's ``created_at``/``completed_at`` become `SessionCol.STARTED`/`COMPLETED` (tz-aware, in `tz`),
    with the local dates `DAY` (started) and `COMPLETED_DAY` (for streaks); ``session_id`` becomes a string.
    Numbers are floats, with NaN where a session has none.

    Built from columns, not rows: the rows are transposed once (`zip`), each column becomes one array, and
    the frame is made in one constructor call (see `bench/bench_progress.py`).
    """
    c = SessionCol
    transposed = list(zip(*rows, strict=True))
    if not transposed:
        return empty_sessions_frame(tz)
    columns = dict(zip(COLUMNS, transposed, strict=True))
    started, completed = local_times(columns, tz)
    numbers = number_matrix(columns)
    data: dict[str, object] = {}
    for name in COLUMNS:
        if name == c.SESSION_ID:
            data[name] = object_column(uuid_strings(columns[name]))
        elif name in NUMERIC_AT:
            data[name] = numbers[NUMERIC_AT[name]]
        elif name not in (c.CREATED_AT, c.COMPLETED_AT):
            data[name] = pd.array(columns[name], dtype=STRING_DTYPE)
    data[c.STARTED] = started
    data[c.COMPLETED] = completed
    data[c.DAY] = started.tz_localize(None).normalize()
    data[c.COMPLETED_DAY] = completed.tz_localize(None).normalize()
    data[c.TYPE_LABEL] = label_array(columns[c.INTERVIEW_TYPE], catalog.INTERVIEW_TYPES)
    data[c.DIFFICULTY_LABEL] = label_array(columns[c.DIFFICULTY], catalog.DIFFICULTIES)
    data[c.STATUS_LABEL] = label_array(columns[c.STATUS], catalog.SESSION_STATUSES)
    return pd.DataFrame(data, copy=False)


def local_times(columns: dict[str, tuple[object, ...]], tz: ZoneInfo) -> tuple[pd.DatetimeIndex, pd.DatetimeIndex]:
    """The query's ``created_at`` and ``completed_at`` columns as tz-aware times in `tz` (NaT where none)."""
    def local(name: str) -> pd.DatetimeIndex:
        return pd.DatetimeIndex(pd.to_datetime(list(columns[name]), utc=True)).tz_convert(tz)

    return local(SessionCol.CREATED_AT), local(SessionCol.COMPLETED_AT)


def number_matrix(columns: dict[str, tuple[object, ...]]) -> np.ndarray:
    """The numeric columns (`NUMERIC`, in order) as one float64 array, None -> NaN, in one pass."""
    return np.array([columns[name] for name in NUMERIC], dtype="float64")


_HEX_DIGITS = np.frombuffer(b"0123456789abcdef", dtype=np.uint8)
_HEX_AT = np.array([k for k in range(36) if k not in (8, 13, 18, 23)])  # where the 32 digits go around the dashes


def uuid_strings(keys: Sequence[object]) -> list[str]:
    """``str(key)`` of each UUID (the canonical 8-4-4-4-12 form), written for all keys at once with NumPy.

    `uuid.UUID.__str__` is Python code, a microsecond a key: the 16 bytes of every key go into one array,
    become hex digits by table lookup and are laid around the dashes. Anything but UUIDs falls back to `str`.
    """
    try:
        raw = np.frombuffer(b"".join([key.bytes for key in keys]), dtype=np.uint8)  # type: ignore[attr-defined]
    except AttributeError:
        return [str(key) for key in keys]
    raw = raw.reshape(-1, 16)
    digits = np.empty((len(raw), 32), dtype=np.uint8)
    digits[:, 0::2] = _HEX_DIGITS[raw >> 4]
    digits[:, 1::2] = _HEX_DIGITS[raw & 15]
    text = np.full((len(raw), 36), ord("-"), dtype=np.uint8)
    text[:, _HEX_AT] = digits
    return text.view("S36").ravel().astype("U36").tolist()


def empty_sessions_frame(tz: ZoneInfo) -> pd.DataFrame:
    """The training log of a user without sessions: no rows, the same columns (stored values as objects)."""
    c = SessionCol
    frame = pd.DataFrame([], columns=list(COLUMNS))
    numeric = list(NUMERIC)
    frame[numeric] = frame[numeric].astype("float64")
    frame[c.STARTED] = pd.to_datetime(frame[c.CREATED_AT], utc=True).dt.tz_convert(tz)
    frame[c.COMPLETED] = pd.to_datetime(frame[c.COMPLETED_AT], utc=True).dt.tz_convert(tz)
    frame[c.DAY] = frame[c.STARTED].dt.tz_localize(None).dt.normalize()
    frame[c.COMPLETED_DAY] = frame[c.COMPLETED].dt.tz_localize(None).dt.normalize()
    for label in (c.TYPE_LABEL, c.DIFFICULTY_LABEL, c.STATUS_LABEL):
        frame[label] = pd.Series([], dtype=object)
    return frame.drop(columns=[c.CREATED_AT, c.COMPLETED_AT])


def display_label(key: str, mapping: dict[str, str]) -> str:
    return mapping.get(key) or catalog.label(mapping, key)


def label_array(keys: Iterable[str], mapping: dict[str, str]) -> pd.Series:
    """Display labels for stored keys (`catalog.label`: unknown keys from old data still read well)."""
    labels = {key: display_label(key, mapping) for key in set(keys)}  # a handful of keys, a thousand rows
    return object_column([labels[key] for key in keys])


def object_column(values: Sequence[object] | np.ndarray) -> pd.Series:
    """A column of Python objects (strings kept as ``object``, as the frames have always held ids and labels)."""
    return pd.Series(np.asarray(values, dtype=object), dtype=object, copy=False)


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
