"""Streaks on the user's local calendar, with fixed clocks."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from igym.progress.streaks import current_streak, longest_streak, practice_days, resolve_zone, zone


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


# --- fixed clocks across missed days, midnight and daylight-saving changes ---------------------------------

NEW_YORK = zone("America/New_York")
BERLIN = zone("Europe/Berlin")


def _local(tz: ZoneInfo, year: int, month: int, day: int, hour: int, minute: int) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=tz)


def test_a_gap_restarts_the_current_streak_and_the_older_run_stays_the_record() -> None:
    days = _days(0, 1, 5, 6, 7, 8, 9)  # five days, a three-day gap, then two days
    assert current_streak(days, date(2026, 3, 10)) == 2
    assert longest_streak(days) == 5


def test_the_streak_breaks_at_local_midnight_after_a_whole_missed_day() -> None:
    done = practice_days([_local(NEW_YORK, 2026, 5, 4, 19, 0)], NEW_YORK)
    assert current_streak(done, date(2026, 5, 5)) == 1  # 00:00:01 the next day: still alive until tonight
    assert current_streak(done, date(2026, 5, 6)) == 0  # a whole day (5 May) went by without a session


def test_sessions_a_minute_either_side_of_local_midnight_are_two_days() -> None:
    moments = [_local(BERLIN, 2026, 5, 4, 23, 59), _local(BERLIN, 2026, 5, 5, 0, 1)]
    days = practice_days(moments, BERLIN)
    assert days == {date(2026, 5, 4), date(2026, 5, 5)}
    assert current_streak(days, date(2026, 5, 5)) == 2
    # the same two moments in UTC (21:59 and 22:01) are one day: the zone decides
    assert practice_days(moments, zone("UTC")) == {date(2026, 5, 4)}


def test_spring_forward_day_has_23_hours_and_still_counts_once() -> None:
    # New York skipped 02:00–03:00 on 8 March 2026; sessions late each evening, stored in UTC
    moments = [
        datetime(2026, 3, 8, 4, 30, tzinfo=UTC),  # 23:30 EST on 7 March
        datetime(2026, 3, 9, 3, 30, tzinfo=UTC),  # 23:30 EDT on 8 March (only 23 hours later)
        datetime(2026, 3, 10, 3, 45, tzinfo=UTC),  # 23:45 EDT on 9 March
    ]
    days = practice_days(moments, NEW_YORK)
    assert days == {date(2026, 3, 7), date(2026, 3, 8), date(2026, 3, 9)}
    assert current_streak(days, date(2026, 3, 10)) == 3
    assert longest_streak(days) == 3


def test_fall_back_day_has_25_hours_and_the_repeated_hour_is_one_day() -> None:
    # New York repeated 01:00–02:00 on 1 November 2026
    first_0130 = datetime(2026, 11, 1, 5, 30, tzinfo=UTC)  # 01:30 EDT
    second_0130 = datetime(2026, 11, 1, 6, 30, tzinfo=UTC)  # 01:30 EST, an hour later
    late = datetime(2026, 11, 2, 4, 30, tzinfo=UTC)  # 23:30 EST on 1 November
    next_evening = datetime(2026, 11, 3, 4, 0, tzinfo=UTC)  # 23:00 EST on 2 November
    days = practice_days([first_0130, second_0130, late, next_evening], NEW_YORK)
    assert days == {date(2026, 11, 1), date(2026, 11, 2)}
    assert current_streak(days, date(2026, 11, 3)) == 2


def test_berlin_daylight_saving_changes_keep_evening_sessions_on_their_days() -> None:
    # Berlin: clocks forward on 29 March 2026, back on 25 October 2026; sessions at 23:30 local
    spring = [_local(BERLIN, 2026, 3, d, 23, 30) for d in (28, 29, 30)]
    autumn = [_local(BERLIN, 2026, 10, d, 23, 30) for d in (24, 25, 26)]
    days = practice_days(spring + autumn, BERLIN)
    assert len(days) == 6
    assert current_streak(days, date(2026, 10, 27)) == 3
    assert longest_streak(days) == 3


def test_profile_zone_wins_then_the_browser_then_utc() -> None:
    assert resolve_zone("Europe/Berlin", "America/New_York").key == "Europe/Berlin"
    assert resolve_zone(None, "America/New_York").key == "America/New_York"
    assert resolve_zone("Not/AZone", "Asia/Tokyo").key == "Asia/Tokyo"
    assert resolve_zone(None, None).key == "UTC"
    assert resolve_zone("", "garbage").key == "UTC"
