"""`demo-data` seeds believable history that the dashboard can show."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from igym.commands.demo_data import seed_demo_data
from igym.db import repository as repo
from igym.services import AppServices

ROOT = Path(__file__).resolve().parents[1]


def test_seeded_history_feeds_the_profile_and_improves_over_time(services: AppServices) -> None:
    now = datetime(2026, 6, 30, 18, 0, tzinfo=UTC)
    result = seed_demo_data(services.db, email="Demo@Example.com", sessions=40, days=20, now=now, seed=3)
    assert result.created_user and result.password
    account = services.auth.sign_in(email="demo@example.com", password=result.password)
    profile = services.users.get_profile(user_id=account.id, today=now.date())
    assert profile.stats.total_sessions == 40
    assert 30 <= profile.stats.completed_sessions < 40  # a few abandoned, as in real life
    assert profile.stats.longest_streak >= 2
    with services.db.session() as db:
        metrics = sorted(repo.metrics_for_sessions(db, user_id=account.id).values(), key=lambda m: m.created_at)
        sessions = repo.list_sessions(db, user_id=account.id)
        assert all(s.created_at <= now for s in sessions)
        by_session = {s.id: s.created_at for s in sessions}
        ordered = sorted(metrics, key=lambda m: by_session[m.session_id])
        early = [m.fillers_per_minute or 0 for m in ordered[:8]]
        late = [m.fillers_per_minute or 0 for m in ordered[-8:]]
        assert sum(late) < sum(early)  # fillers fall as practice goes on
    again = seed_demo_data(services.db, email="demo@example.com", sessions=5, days=5, now=now)
    assert again.user_id == account.id and not again.created_user


def test_demo_data_command_creates_a_user_who_can_sign_in(tmp_path: Path) -> None:
    env = {**os.environ, "IGYM_DATA_DIR": str(tmp_path / "data")}
    done = subprocess.run(
        [sys.executable, "-m", "igym", "demo-data", "--email", "cli@example.com", "--sessions", "12", "--days", "6",
         "--password", "cli-pass-123"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "added 12 sessions over 6 days for cli@example.com" in done.stdout
    bad = subprocess.run(
        [sys.executable, "-m", "igym", "demo-data", "--email", "nope", "--sessions", "1"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert bad.returncode == 2
    assert "not a valid email address" in bad.stderr and "Traceback" not in bad.stderr
