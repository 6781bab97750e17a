"""Engine and session factory for SQLite (embedded default) and Postgres (hosted).

One engine per process: it owns the connection pool and is safe to share between Streamlit's script
threads (the UI keeps it in `st.cache_resource`). Sessions are not shared: each unit of work opens its own
with `session_scope`, which commits on success and rolls back on any exception.

SQLite gets foreign keys switched on (it ignores ``ON DELETE CASCADE`` otherwise), WAL so readers do not
block the writer, and a busy timeout so two browser tabs saving at once wait instead of failing. A database
still locked after it, full (``database or disk is full``) or unreachable raises `DatabaseUnavailable` from
`session_scope`, whose message the pages show; the transaction is rolled back, so nothing half-written stays.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from igym.errors import DatabaseUnavailable

DATABASE_UNAVAILABLE = (
    "The database can't save anything right now (busy, full or unreachable), so this wasn't saved. "
    "Please try again in a moment."
)


def make_engine(url: str, **kwargs: Any) -> Engine:
    """Create the engine for `url`, creating the SQLite file's folder when needed."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 15}, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True, **kwargs)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=15000")
    cursor.close()


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False)


@contextmanager
def session_scope(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One transaction: commit on success, roll back if it raises (driver failures become `DatabaseUnavailable`)."""
    session = factory()
    try:
        yield session
        session.commit()
    except OperationalError as exc:
        session.rollback()
        raise DatabaseUnavailable(DATABASE_UNAVAILABLE) from exc
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


class Database:
    """The process-wide handle services receive: an engine and a session factory.

    Thread-safe to share (SQLAlchemy's pool is); each `session()` is a separate unit of work.
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.factory = make_session_factory(engine)

    @classmethod
    def from_url(cls, url: str) -> Database:
        return cls(make_engine(url))

    def session(self) -> AbstractContextManager[Session]:
        return session_scope(self.factory)

    @property
    def backend(self) -> str:
        return self.engine.dialect.name
