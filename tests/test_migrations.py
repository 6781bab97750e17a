"""Alembic owns the schema: it must build it from empty and take it away again, on SQLite and Postgres."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy import inspect

from igym.db import migrate
from igym.db.tables import Base


def test_upgrade_from_empty_creates_every_table_and_index(empty_engine) -> None:
    migrate.upgrade(empty_engine)
    inspector = inspect(empty_engine)
    tables = set(inspector.get_table_names())
    assert set(Base.metadata.tables) <= tables
    session_indexes = {tuple(ix["column_names"]) for ix in inspector.get_indexes("sessions")}
    assert ("user_id", "created_at") in session_indexes
    message_keys = {tuple(uc["column_names"]) for uc in inspector.get_unique_constraints("messages")}
    message_keys |= {tuple(ix["column_names"]) for ix in inspector.get_indexes("messages")}
    assert ("session_id", "order_index") in message_keys
    assert migrate.is_up_to_date(empty_engine)


def test_downgrade_to_base_leaves_nothing_but_the_version_table(empty_engine) -> None:
    migrate.upgrade(empty_engine)
    migrate.downgrade(empty_engine, "base")
    assert set(inspect(empty_engine).get_table_names()) <= {"alembic_version"}
    assert migrate.current_revision(empty_engine) is None
    migrate.upgrade(empty_engine)  # and back up again: the cycle is repeatable
    assert migrate.is_up_to_date(empty_engine)


def test_migrations_match_the_table_definitions(empty_engine) -> None:
    """Autogenerate finds nothing to do after upgrading: models and migrations have not drifted apart."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    migrate.upgrade(empty_engine)
    with empty_engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": False})
        diff = compare_metadata(context, Base.metadata)
    assert diff == []


def test_0007_stores_the_lead_in_apart_and_takes_it_away_again(empty_engine) -> None:
    migrate.upgrade(empty_engine, "0007")
    assert "lead_in" in {c["name"] for c in inspect(empty_engine).get_columns("messages")}
    migrate.downgrade(empty_engine, "0005")
    assert "lead_in" not in {c["name"] for c in inspect(empty_engine).get_columns("messages")}
    assert migrate.current_revision(empty_engine) == "0005"


def _insert_0005_rows(engine) -> dict[str, uuid.UUID]:  # type: ignore[no-untyped-def]
    """A user's session at revision 0005: an answer with both copies, a follow-up, a demo row with columns only."""
    ids = {name: uuid.uuid4() for name in ("user", "session", "question", "follow_up", "answer", "demo")}
    now = datetime(2026, 6, 1, tzinfo=UTC)
    analysis = {
        "transcript": "Um, I led the migration.",
        "word_count": 4,
        "filler_count": 1,
        "fillers": [{"text": "Um", "kind": "um", "word_index": 0, "start_s": 0.6}],
        "filler_counts": {"um": 1},
        "has_speech": True,
        "duration_s": 6.0,
        "speech_start_s": 0.6,
        "speech_end_s": 5.2,
        "words_per_minute": 52.2,
        "pauses": [{"start_s": 2.0, "end_s": 3.5}],
        "hesitations": [],
        "structure": {"action": True, "i_count": 1},
        "word_starts": [0.6, 1.0, 1.2, 1.5, 1.9],
    }
    when = sa.DateTime(timezone=True)
    users = sa.table("users", sa.column("id", sa.Uuid()), sa.column("email"), sa.column("auth_provider"),
                     sa.column("role"), sa.column("onboarding_completed", sa.Boolean()), sa.column("failed_sign_ins"),
                     sa.column("created_at", when), sa.column("updated_at", when))
    sessions = sa.table("sessions", sa.column("id", sa.Uuid()), sa.column("user_id", sa.Uuid()),
                        sa.column("interview_type"), sa.column("difficulty"), sa.column("status"),
                        sa.column("use_resume", sa.Boolean()), *(sa.column(name, when) for name in
                        ("started_at", "last_activity_at", "created_at", "updated_at")))
    messages = sa.table(
        "messages",
        sa.column("id", sa.Uuid()),
        sa.column("session_id", sa.Uuid()),
        *(sa.column(name) for name in ("order_index", "role", "kind", "content")),
        sa.column("created_at", when),
        sa.column("analysis", sa.JSON()),
        *(sa.column(name) for name in ("word_count", "filler_word_count", "pause_count", "words_per_minute")),
    )
    common = {"session_id": ids["session"], "created_at": now, "word_count": None, "filler_word_count": None,
              "pause_count": None, "words_per_minute": None}
    with engine.begin() as connection:
        connection.execute(sa.insert(users).values(
            id=ids["user"], email="m@example.com", auth_provider="local", role="candidate",
            onboarding_completed=False, failed_sign_ins=0, created_at=now, updated_at=now))
        connection.execute(sa.insert(sessions).values(
            id=ids["session"], user_id=ids["user"], interview_type="behavioral", difficulty="standard",
            status="active", use_resume=False, started_at=now, last_activity_at=now, created_at=now, updated_at=now))
        connection.execute(
            sa.insert(messages),
            [
                {**common, "id": ids["question"], "order_index": 0, "role": "interviewer", "kind": "question",
                 "content": "Tell me about a project.", "analysis": None},
                {**common, "id": ids["answer"], "order_index": 1, "role": "candidate", "kind": "answer",
                 "content": "Um, I led the migration.", "analysis": analysis, "word_count": 4,
                 "filler_word_count": 1, "pause_count": 1, "words_per_minute": 52.2},
                {**common, "id": ids["follow_up"], "order_index": 2, "role": "interviewer", "kind": "follow_up",
                 "content": "What was the result?", "analysis": {"follow_up_reason": "no_result"}},
                {**common, "id": ids["demo"], "order_index": 3, "role": "candidate", "kind": "answer",
                 "content": "We shipped it.", "analysis": None, "word_count": 3, "filler_word_count": 0,
                 "pause_count": 2, "words_per_minute": 120.0},
            ],
        )
    return ids


def test_0006_moves_answer_metrics_into_one_typed_value_and_back(empty_engine) -> None:
    from sqlalchemy.orm import Session

    from igym.db.tables import Message

    migrate.upgrade(empty_engine, "0005")
    ids = _insert_0005_rows(empty_engine)
    migrate.upgrade(empty_engine)
    columns = {c["name"] for c in inspect(empty_engine).get_columns("messages")}
    assert {"metrics", "follow_up_reason"} <= columns
    assert not columns & {"analysis", "filler_word_count", "pause_count", "word_count", "words_per_minute"}
    with Session(empty_engine) as db:
        answer, follow_up, demo = (db.get(Message, ids[name]) for name in ("answer", "follow_up", "demo"))
        assert answer is not None and answer.metrics is not None
        assert (answer.metrics.word_count, answer.metrics.filler_count, answer.metrics.pause_count) == (4, 1, 1)
        assert answer.metrics.longest_pause_ms == 1500 and answer.metrics.fillers[0].start_s == 0.6
        assert answer.metrics.structure.action and answer.metrics.response_latency_s == 0.6
        assert follow_up is not None and follow_up.follow_up_reason == "no_result" and follow_up.metrics is None
        assert demo is not None and demo.metrics is not None
        assert (demo.metrics.word_count, demo.metrics.words_per_minute, demo.metrics.pause_count) == (3, 120.0, None)
    migrate.downgrade(empty_engine, "0005")
    with empty_engine.connect() as connection:
        rows = {
            row.id if isinstance(row.id, uuid.UUID) else uuid.UUID(row.id): row
            for row in connection.execute(
                sa.text("SELECT id, analysis, pause_count, longest_pause_ms, word_count FROM messages")
            )
        }
    answer_row = rows[ids["answer"]]
    assert (answer_row.pause_count, answer_row.longest_pause_ms, answer_row.word_count) == (1, 1500, 4)
    follow_up_analysis = rows[ids["follow_up"]].analysis
    if isinstance(follow_up_analysis, str):  # SQLite hands raw JSON text to a plain query
        follow_up_analysis = json.loads(follow_up_analysis)
    assert follow_up_analysis == {"follow_up_reason": "no_result"}


def test_0009_adds_the_job_posting_and_retry_columns_and_takes_them_away_again(empty_engine) -> None:
    migrate.upgrade(empty_engine, "0009")
    columns = {c["name"] for c in inspect(empty_engine).get_columns("sessions")}
    assert {"job_description", "job_terms", "retry_of_message_id"} <= columns
    migrate.downgrade(empty_engine, "0007")
    columns = {c["name"] for c in inspect(empty_engine).get_columns("sessions")}
    assert not {"job_description", "job_terms", "retry_of_message_id"} & columns


def test_0008_adds_the_delivery_totals_and_takes_them_away_again(empty_engine) -> None:
    added = {"hedges_per_100_words", "pitch_sd_st", "monotone_answers", "inclusive_terms"}
    migrate.upgrade(empty_engine, "0008")
    assert added <= {c["name"] for c in inspect(empty_engine).get_columns("metrics")}
    migrate.downgrade(empty_engine, "0007")
    assert not added & {c["name"] for c in inspect(empty_engine).get_columns("metrics")}
    assert migrate.current_revision(empty_engine) == "0007"


def test_0010_adds_the_repeat_pace_window_and_loudness_totals_and_takes_them_away_again(empty_engine) -> None:
    added = {"repeated_phrases", "pace_spread_wpm", "fastest_window_wpm", "loudness_sd_db"}
    migrate.upgrade(empty_engine, "0010")
    assert added <= {c["name"] for c in inspect(empty_engine).get_columns("metrics")}
    migrate.downgrade(empty_engine, "0009")
    columns = {c["name"] for c in inspect(empty_engine).get_columns("metrics")}
    assert not added & columns
    assert {"hedges_per_100_words", "inclusive_terms"} <= columns  # 0008's totals stay
    assert migrate.current_revision(empty_engine) == "0009"
