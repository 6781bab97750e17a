"""Progress page data vs. a bare SELECT, on SQLite and Postgres: `.venv/bin/python bench/bench_progress.py`.

Not a test: it prints figures.

For each backend: `python -m igym demo-data` seeds one user with 1,000 sessions over a year (the same command
users run), then we time, as the median of `--runs` runs each:

  * bare   — the progress query alone (sessions left-joined with metrics, every column the page and the
             training log read, the delivery totals of migrations 0008 and 0010 included), fetched with
             `.all()`: the very statement `ProgressService` runs;
  * build  — `ProgressService.build`: that query plus the DataFrames, rolling averages, weekly counts,
             calendar, breakdown, delivery series (repeats per answer, pace windows, inclusive terms, ...)
             and streaks the page draws;

and print both with their ratio (goal: build <= 2x bare, so the page's own work costs no more than the read).
Postgres is a throw-away server started with `bench/postgres.py` (needs the Debian `postgresql` package); it
is skipped with a note if missing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.postgres import find_pg_bin, postgres_server
from igym.db import repository as repo
from igym.db.engine import Database
from igym.db.repository.progress import sessions_with_metrics_query
from igym.progress.service import ProgressService

ROOT = Path(__file__).resolve().parents[1]
EMAIL = "bench@example.com"
TODAY = date(2026, 6, 30)
GOAL = 2.0  # build / bare


def seed(env: dict[str, str], sessions: int) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "igym", "demo-data", "--email", EMAIL, "--sessions", str(sessions), "--days", "365",
         "--password", "bench-pass-123"],
        cwd=ROOT, env={**os.environ, **env}, check=True, capture_output=True, text=True,
    )
    return time.perf_counter() - started


def interleaved_medians(
    first: Callable[[], object], second: Callable[[], object], runs: int
) -> tuple[float, float, float]:
    """Median milliseconds of each, run alternately so a busy neighbour on the 2 cores slows both alike, and
    the median of the pair-by-pair ratios second/first (steadier than a ratio of medians when the load drifts).
    """
    first(), second()  # warm the pool and SQLAlchemy's statement cache
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        for fn, bucket in ((first, times[0]), (second, times[1])):
            started = time.perf_counter()
            fn()
            bucket.append(time.perf_counter() - started)
    ratios = [b / a for a, b in zip(*times, strict=True)]
    return statistics.median(times[0]) * 1000, statistics.median(times[1]) * 1000, statistics.median(ratios)


def measure(name: str, url: str, env: dict[str, str], sessions: int, runs: int) -> None:
    seeded_s = seed(env, sessions)
    database = Database.from_url(url)
    try:
        with database.session() as db:
            user = repo.get_user_by_email(db, email=EMAIL)
            assert user is not None
            user_id: uuid.UUID = user.id
        service = ProgressService(database)

        def bare() -> object:
            with database.session() as db:
                return db.execute(sessions_with_metrics_query(user_id=user_id)).all()

        def build() -> object:
            return service.build(user_id=user_id, tz="America/New_York", today=TODAY)

        rows = len(bare())  # type: ignore[arg-type]
        data = service.build(user_id=user_id, tz="America/New_York", today=TODAY)
        bare_ms, build_ms, paired = interleaved_medians(bare, build, runs)
        print(f"{name}: {rows} rows ({data.completed_sessions} completed), seeded by demo-data in {seeded_s:.1f} s")
        print(f"  bare SELECT             {bare_ms:7.2f} ms  (median of {runs})")
        print(f"  ProgressService.build   {build_ms:7.2f} ms")
        ratio = build_ms / bare_ms
        verdict = "met" if ratio <= GOAL else "NOT met"
        print(f"  ratio                   {ratio:7.2f}x    (goal <= {GOAL:g}x: {verdict})")
        print(f"  pair by pair            {paired:7.2f}x    (median of the {runs} build/bare pairs)")
    finally:
        database.engine.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=25)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="igym-bench-") as tmp:
        data_dir = Path(tmp) / "data"
        url = f"sqlite:///{data_dir / 'interviewgym.db'}"
        measure("SQLite", url, {"IGYM_DATA_DIR": str(data_dir)}, args.sessions, args.runs)
        if find_pg_bin() is None:
            print("Postgres: skipped (install the 'postgresql' package to measure it)")
            return 0
        with postgres_server() as admin_url:
            with psycopg.connect(admin_url.replace("postgresql+psycopg://", "postgresql://"), autocommit=True) as c:
                c.execute('CREATE DATABASE "bench"')
            pg_url = admin_url.rsplit("/", 1)[0] + "/bench"
            measure("Postgres", pg_url, {"IGYM_DATA_DIR": str(data_dir), "DATABASE_URL": pg_url}, args.sessions,
                    args.runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
