"""The CSV export carries the delivery totals beyond fillers, from the training log the history page holds."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

from igym.commands.demo_data import seed_demo_data
from igym.progress.export import CSV_COLUMNS, sessions_csv
from igym.services import AppServices

NEW_TOTALS = (
    "hedges_per_100_words",
    "repeated_phrases",
    "inclusive_terms",
    "fastest_window_wpm",
    "pace_spread_wpm",
    "pitch_sd_st",
    "loudness_sd_db",
    "monotone_answers",
)


def test_the_csv_has_every_delivery_total_after_the_older_columns(services: AppServices) -> None:
    seeded = seed_demo_data(services.db, email="csv@example.com", sessions=25, days=20,
                            now=datetime(2026, 6, 30, 18, 0, tzinfo=UTC), seed=3)
    frame = services.progress.sessions(user_id=seeded.user_id, tz="Europe/Berlin")
    reader = csv.DictReader(io.StringIO(sessions_csv(frame).decode("utf-8")))
    rows = list(reader)
    headings = list(reader.fieldnames or [])
    assert headings == list(CSV_COLUMNS.values())
    assert headings[-len(NEW_TOTALS):] == list(NEW_TOTALS)  # appended: older spreadsheets keep their columns
    completed = [r for r in rows if r["status"] == "completed"]
    assert completed and all(r[name] != "" for r in completed for name in NEW_TOTALS)
    assert all(float(r["fastest_window_wpm"]) > float(r["words_per_minute"]) for r in completed)
    assert all(int(float(r["repeated_phrases"])) >= 0 and float(r["loudness_sd_db"]) > 0 for r in completed)
    for row in (r for r in rows if r["status"] != "completed"):  # no metrics row: empty cells, not zeros
        assert all(row[name] == "" for name in NEW_TOTALS)
