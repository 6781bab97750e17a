"""Practice streaks, counted on the user's local calendar day.

A day counts when at least one session was completed on it, in the user's time zone (so a session at 23:30
in New York counts for that evening, not for the next UTC day). Both functions are pure: the caller passes
`today`, which makes midnight and daylight-saving cases testable with fixed clocks.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def zone(name: str | None) -> ZoneInfo:
    """The user's zone, falling back to UTC for a missing or unknown name."""
    try:
        return ZoneInfo(name) if name else ZoneInfo("UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def resolve_zone(profile: str | None, browser: str | None = None) -> ZoneInfo:
    """The zone a user's days are counted in: the profile's, else the browser's, else UTC.

    Names that are not IANA zones (a stale profile value, a browser reporting something odd) are skipped
    rather than refused, so a page always renders.
    """
    for name in (profile, browser):
        if name and zone(name).key == name:
            return zone(name)
    return ZoneInfo("UTC")


def practice_days(completed_at: Iterable[datetime], tz: ZoneInfo) -> set[date]:
    return {moment.astimezone(tz).date() for moment in completed_at}


def current_streak(days: set[date], today: date) -> int:
    """Consecutive practice days ending today, or yesterday if today has no session yet.

    A streak is still alive during the day after the last practice: it only breaks once a whole day passes
    with no session.
    """
    day = today if today in days else today - timedelta(days=1)
    count = 0
    while day in days:
        count += 1
        day -= timedelta(days=1)
    return count


def longest_streak(days: set[date]) -> int:
    best = 0
    for day in days:
        if day - timedelta(days=1) in days:
            continue  # not the start of a run
        length = 1
        while day + timedelta(days=length) in days:
            length += 1
        best = max(best, length)
    return best
