"""Streaks on the user's local calendar, with fixed clocks."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from igym.streaks import current_streak, longest_streak, practice_days, zone


def _days(*offsets: int, end: date = date(2026, 3, 10)) -> set[date]:
    return {end - timedelta(days=o) for o in offsets}


def test_streak_counts_consecutive_days_ending_today() -> None:
    assert current_streak(_days(0, 1, 2), date(2026, 3, 10)) == 3


def test_streak_survives_until_the_end_of_the_next_day() -> None:
    assert current_streak(_days(1, 2), date(2026, 3, 10)) == 2


def test_a_missed_day_breaks_the_streak_but_not_the_record() -> None:
    days = _days(3, 4, 5, 6)
    assert current_streak(days, date(2026, 3, 10)) == 0
    assert longest_streak(days) == 4
    assert longest_streak(set()) == 0


def test_late_evening_session_counts_for_the_local_day() -> None:
    late = datetime(2026, 3, 10, 3, 30, tzinfo=UTC)  # 23:30 on 9 March in New York (EDT)
    assert practice_days([late], zone("America/New_York")) == {date(2026, 3, 9)}
    assert practice_days([late], zone("UTC")) == {date(2026, 3, 10)}


def test_daylight_saving_change_does_not_break_a_streak() -> None:
    tz = zone("America/New_York")  # clocks jumped forward on 8 March 2026
    moments = [datetime(2026, 3, d, 21, 0, tzinfo=tz) for d in (7, 8, 9)]
    assert current_streak(practice_days(moments, tz), date(2026, 3, 9)) == 3


def test_unknown_time_zone_falls_back_to_utc() -> None:
    assert zone("Mars/Olympus").key == "UTC"
    assert zone(None).key == "UTC"
