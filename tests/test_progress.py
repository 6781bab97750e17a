"""Progress data on SQLite and Postgres: one user's trends, rhythm, streaks and export, with fixed clocks."""

from __future__ import annotations

import csv
import io
import uuid
from datetime import UTC, date, datetime, timedelta

import pytest

from igym.commands.demo_data import seed_demo_data
from igym.db import repository as repo
from igym.models import SessionMetrics, SessionScores
from igym.progress.export import sessions_csv
from igym.progress.service import CALENDAR_WEEKS, ROLLING_WINDOW
from igym.progress.training_log import filter_sessions
from igym.services import AppServices

NOW = datetime(2026, 6, 30, 18, 0, tzinfo=UTC)
PASSWORD = "amber-kite-42"


def _account(services: AppServices, email: str, timezone: str | None = None) -> uuid.UUID:
    user_id = services.auth.sign_up(email=email, password=PASSWORD, name=None).id
    if timezone:
        services.users.update_onboarding(
            user_id=user_id, target_role="Engineer", interview_timeline="exploring", timezone=timezone
        )
    return user_id


def _completed(services: AppServices, user_id: uuid.UUID, at: datetime, *, score: float | None = 6.0) -> uuid.UUID:
    started = at - timedelta(minutes=12)
    summary = services.sessions.create(
        user_id=user_id, interview_type="behavioral", difficulty="standard", now=started, check_limit=False
    )
    with services.db.session() as db:
        repo.complete_session(db, user_id=user_id, session_id=summary.id, completed_at=at)
        if score is not None:
            repo.save_metrics(
                db,
                user_id=user_id,
                session_id=summary.id,
                scores=SessionScores(clarity=score, structure=score, relevance=score, confidence=score, overall=score),
                totals=SessionMetrics(
                    fillers_per_minute=3.0, avg_words_per_minute=130.0, longest_pause_ms=2500, questions_answered=6
                ),
            )
    return summary.id


def test_progress_of_demo_history_adds_up(services: AppServices) -> None:
    seeded = seed_demo_data(services.db, email="trend@example.com", sessions=80, days=40, now=NOW, seed=5)
    data = services.progress.build(user_id=seeded.user_id, tz="Europe/Berlin", today=date(2026, 6, 30))
    with services.db.session() as db:
        counts = repo.count_sessions_by_status(db, user_id=seeded.user_id)
    assert data.total_sessions == 80
    assert data.completed_sessions == counts["completed"]
    assert not data.is_empty
    assert len(data.scores) == counts["completed"]  # demo data scores every completed session
    assert data.scores["at"].is_monotonic_increasing
    last = data.scores["overall"].iloc[-ROLLING_WINDOW:].mean()
    assert data.scores["overall_avg"].iloc[-1] == pytest.approx(last, abs=0.01)
    assert data.scores["overall_avg"].iloc[0] == data.scores["overall"].iloc[0]
    assert data.scores["overall"].iloc[-10:].mean() > data.scores["overall"].iloc[:10].mean()  # improving
    assert int(data.weekly["completed"].sum() + data.weekly["not_completed"].sum()) == 80
    assert data.weekly["week_start"].dt.day_of_week.eq(0).all()
    assert int(data.weekly["completed"].sum()) == data.completed_sessions
    assert len(data.calendar) == CALENDAR_WEEKS * 7
    assert int(data.calendar["sessions"].sum()) == data.completed_sessions  # all within the last year
    future = data.calendar[data.calendar["day"].dt.date > date(2026, 6, 30)]  # a Tuesday: Wed–Sun are blank
    assert len(future) == 5 and future["sessions"].isna().all()
    assert int(data.breakdown["sessions"].sum()) == 80
    assert int(data.breakdown["completed"].sum()) == data.completed_sessions
    assert set(data.breakdown["type_label"]) <= {"Behavioral", "HR screen", "Technical (verbal)"}
    assert len(data.delivery) == data.completed_sessions
    assert data.delivery["words_per_minute"].between(60, 220).all()
    assert data.delivery["longest_pause_s"].max() < 10
    assert data.longest_streak >= data.current_streak >= 1


def test_a_new_user_gets_an_empty_state_not_an_error(services: AppServices) -> None:
    user_id = _account(services, "new@example.com")
    data = services.progress.build(user_id=user_id, today=date(2026, 6, 30))
    assert data.is_empty and data.total_sessions == 0
    assert data.current_streak == data.longest_streak == 0
    assert data.scores.empty and data.delivery.empty and data.breakdown.empty
    assert len(data.weekly) == 1 and int(data.weekly["completed"].iloc[0]) == 0
    assert int(data.calendar["sessions"].sum()) == 0


def test_completing_a_session_updates_the_streak_on_the_local_calendar(services: AppServices) -> None:
    user_id = _account(services, "ny@example.com", timezone="America/New_York")
    # 23:30 in New York on 7 and 8 March 2026 (the night the clocks jumped), stored as UTC the next day
    _completed(services, user_id, datetime(2026, 3, 8, 4, 30, tzinfo=UTC))
    data = services.progress.build(user_id=user_id, tz="America/New_York", today=date(2026, 3, 8))
    assert data.current_streak == 1
    _completed(services, user_id, datetime(2026, 3, 9, 3, 30, tzinfo=UTC))
    data = services.progress.build(user_id=user_id, tz="America/New_York", today=date(2026, 3, 8))
    assert (data.current_streak, data.longest_streak) == (2, 2)
    counts = services.progress.streaks(user_id=user_id, tz="America/New_York", today=date(2026, 3, 8))
    assert (counts.current, counts.longest, counts.timezone) == (2, 2, "America/New_York")
    days = data.calendar.loc[data.calendar["sessions"] > 0, "day"].dt.date.tolist()
    assert days == [date(2026, 3, 7), date(2026, 3, 8)]  # in UTC they would be 8 and 9 March
    in_utc = services.progress.build(user_id=user_id, tz="UTC", today=date(2026, 3, 9))
    assert in_utc.calendar.loc[in_utc.calendar["sessions"] > 0, "day"].dt.date.tolist() == [
        date(2026, 3, 8),
        date(2026, 3, 9),
    ]
    # an abandoned session does not keep a streak alive
    abandoned = services.sessions.create(
        user_id=user_id, interview_type="hr_screen", difficulty="warm_up", now=datetime(2026, 3, 10, 15, 0, tzinfo=UTC)
    )
    services.sessions.abandon(user_id=user_id, session_id=abandoned.id)
    data = services.progress.build(user_id=user_id, tz="America/New_York", today=date(2026, 3, 10))
    assert data.current_streak == 0 and data.longest_streak == 2
    assert data.total_sessions == 3 and data.completed_sessions == 2


def test_progress_never_includes_another_users_sessions(services: AppServices) -> None:
    mine = _account(services, "mine@example.com")
    theirs = seed_demo_data(services.db, email="theirs@example.com", sessions=20, days=10, now=NOW).user_id
    _completed(services, mine, NOW - timedelta(hours=2), score=9.0)
    data = services.progress.build(user_id=mine, today=NOW.date())
    assert data.total_sessions == 1 and data.scores["overall"].tolist() == [9.0]
    frame = services.progress.sessions(user_id=mine)
    assert len(frame) == 1
    assert len(services.progress.sessions(user_id=theirs)) == 20


def test_history_filters_and_csv_export(services: AppServices) -> None:
    seeded = seed_demo_data(services.db, email="log@example.com", sessions=30, days=20, now=NOW, seed=11)
    frame = services.progress.sessions(user_id=seeded.user_id, tz="Asia/Tokyo")
    behavioral = filter_sessions(frame, types=["behavioral"])
    assert 0 < len(behavioral) < 30 and set(behavioral["interview_type"]) == {"behavioral"}
    last_week = filter_sessions(frame, start=date(2026, 6, 24), end=date(2026, 7, 1))
    assert all(date(2026, 6, 24) <= d.date() <= date(2026, 7, 1) for d in last_week["day"])
    assert len(filter_sessions(frame, statuses=["completed"], difficulties=["intense", "standard", "warm_up"])) == int(
        (frame["status"] == "completed").sum()
    )
    rows = list(csv.DictReader(io.StringIO(sessions_csv(frame).decode("utf-8"))))
    assert len(rows) == 30
    assert rows[0]["started_at"].endswith("+09:00")  # local time of the chosen zone, with its offset
    completed = [r for r in rows if r["status"] == "completed"]
    assert completed and all(1 <= float(r["overall_score"]) <= 10 for r in completed)
    assert {r["session_id"] for r in rows} == set(frame["session_id"])
    assert all(r["interview_type"] in {"behavioral", "hr_screen", "technical_verbal"} for r in rows)
