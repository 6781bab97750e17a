"""Alembic owns the schema: it must build it from empty and take it away again, on SQLite and Postgres."""

from __future__ import annotations

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
