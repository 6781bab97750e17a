"""The vectorised progress frames equal the straightforward pandas computation, on generated training logs.

`igym.progress.service` builds the training log from columns and reduces it with NumPy (masks, stable argsorts,
`bincount`); `tests/support/progress_reference.py` keeps the plain pandas version (a DataFrame of row tuples,
`groupby`, `value_counts`, `reindex`, `sort_values`). Hypothesis generates query rows (keys old data may hold,
missing metrics, sessions never completed, completions out of start order, sessions after "today", several
zones across daylight-saving changes) and every frame must match column for column, dtype for dtype.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from igym import catalog
from igym.progress import service, training_log
from igym.progress.columns import SessionCol
from tests.support import progress_reference as reference

ZONES = [ZoneInfo(name) for name in ("UTC", "America/New_York", "Europe/Berlin", "Pacific/Chatham", "Asia/Kolkata")]
START = datetime(2025, 1, 1, tzinfo=UTC)
_SCORE = st.one_of(st.none(), st.integers(10, 100).map(lambda n: n / 10))
_RATE = st.one_of(st.none(), st.floats(0, 300, allow_nan=False).map(lambda x: round(x, 2)))
_COUNT = st.one_of(st.none(), st.integers(0, 5000))


@st.composite
def _row(draw: st.DrawFn) -> tuple[object, ...]:
    created = START + timedelta(seconds=draw(st.integers(0, 400 * 86400)), microseconds=draw(st.integers(0, 999999)))
    status = draw(st.sampled_from([*catalog.SESSION_STATUSES, "legacy_status"]))
    completed_at = None
    if (status != "active" and draw(st.booleans())) or (status == "completed" and draw(st.booleans())):
        completed_at = created + timedelta(seconds=draw(st.integers(0, 3 * 86400)))
    values: dict[str, object] = {
        SessionCol.SESSION_ID: uuid.UUID(int=draw(st.integers(0, 2**128 - 1))),
        SessionCol.INTERVIEW_TYPE: draw(st.sampled_from([*catalog.INTERVIEW_TYPES, "old_kind"])),
        SessionCol.DIFFICULTY: draw(st.sampled_from([*catalog.DIFFICULTIES, "legacy"])),
        SessionCol.STATUS: status,
        SessionCol.CREATED_AT: created,
        SessionCol.COMPLETED_AT: completed_at,
        SessionCol.DURATION_S: draw(_COUNT),
    }
    for column in training_log.COLUMNS:
        if column not in values:
            values[column] = draw(_SCORE if column.endswith("_score") else st.one_of(_RATE, _COUNT))
    return tuple(values[column] for column in training_log.COLUMNS)


@st.composite
def _log(draw: st.DrawFn) -> list[tuple[object, ...]]:
    rows = draw(st.lists(_row(), max_size=60))
    return sorted(rows, key=lambda row: (row[training_log.COLUMNS.index(SessionCol.CREATED_AT)], str(row[0])))


def _assert_same(actual: service.ProgressData, expected: service.ProgressData) -> None:
    for name in ("timezone", "today", "total_sessions", "completed_sessions", "current_streak", "longest_streak"):
        assert getattr(actual, name) == getattr(expected, name), name
    for name in ("scores", "delivery", "weekly", "calendar", "breakdown"):
        pd.testing.assert_frame_equal(getattr(actual, name), getattr(expected, name), check_exact=True, obj=name)


@settings(max_examples=150, deadline=None)
@given(rows=_log(), zone=st.sampled_from(ZONES), today=st.dates(date(2024, 10, 1), date(2026, 4, 1)))
def test_the_vectorised_frames_equal_the_reference_computation(
    rows: list[tuple[object, ...]], zone: ZoneInfo, today: date
) -> None:
    frame = training_log.sessions_frame(rows, zone)
    pd.testing.assert_frame_equal(frame, reference.sessions_frame(rows, zone), check_exact=True)
    expected = reference.build_progress(frame, zone, today)
    _assert_same(service.build_progress(frame, zone, today), expected)
    # what ProgressService.build does: the same reduction straight from the rows, no training-log frame
    _assert_same(service._progress(service._Log.from_rows(rows, zone), zone, today), expected)


def test_a_filtered_log_reduces_like_the_reference() -> None:
    """The history page's filters hand `build_progress`-style readers a frame with gaps in its index."""
    rows = [
        (uuid.UUID(int=n), "behavioral", "standard", "completed" if n % 3 else "abandoned",
         START + timedelta(days=n, hours=n), START + timedelta(days=n, hours=n + 1), 600,
         *([6.0 + n % 4] * 5), *([float(n)] * (len(training_log.COLUMNS) - 12)))
        for n in range(40)
    ]
    zone = ZONES[1]
    frame = training_log.sessions_frame(rows, zone)
    part = training_log.filter_sessions(frame, statuses=["completed"], start=date(2025, 1, 10))
    today = date(2025, 2, 20)
    _assert_same(service.build_progress(part, zone, today), reference.build_progress(part, zone, today))
