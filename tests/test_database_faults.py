"""A locked or full database and a full disk give a message, never a traceback, and nothing half-written."""

from __future__ import annotations

import os
import sqlite3
import tempfile
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, select

from igym.db import migrate
from igym.db.engine import DATABASE_UNAVAILABLE, Database
from igym.db.tables import User
from igym.errors import DatabaseUnavailable, IgymError, LimitReached
from igym.storage.local import DISK_FULL, LocalFileStore


def test_a_database_locked_by_another_writer_is_a_message_and_nothing_is_written(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'locked.db'}"
    setup = Database.from_url(url)
    migrate.upgrade(setup.engine)
    setup.engine.dispose()
    impatient = Database(create_engine(url, connect_args={"timeout": 0}))  # no busy wait: locked at once
    holder = sqlite3.connect(tmp_path / "locked.db")
    holder.execute("BEGIN IMMEDIATE")  # another process holds the write lock

    with pytest.raises(DatabaseUnavailable) as error, impatient.session() as db:
        db.add(User(email="kim@example.com", name="Kim"))
        db.flush()

    assert isinstance(error.value, IgymError) and str(error.value) == DATABASE_UNAVAILABLE
    holder.rollback()
    holder.close()
    with impatient.session() as db:
        assert db.scalars(select(User)).all() == []
    impatient.engine.dispose()


def test_a_full_disk_refuses_the_file_with_a_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    full = Path("/dev/full")  # every write to it fails with ENOSPC, exactly as a full disk does
    if not full.exists():
        pytest.skip("no /dev/full on this machine")
    store = LocalFileStore(tmp_path / "files")
    target = tmp_path / "files" / "u1" / "answers" / "s1"
    real_mkstemp = tempfile.mkstemp

    def temp_file_on_a_full_disk(**kwargs: Any) -> tuple[int, str]:
        fd, name = real_mkstemp(**kwargs)
        device = os.open(full, os.O_WRONLY)
        os.dup2(device, fd)
        os.close(device)
        return fd, name

    monkeypatch.setattr(tempfile, "mkstemp", temp_file_on_a_full_disk)
    with pytest.raises(LimitReached) as error:
        store.put("u1/answers/s1/000.ogg", b"OggS" * 1000, content_type="audio/ogg")

    assert str(error.value) == DISK_FULL
    assert list(target.iterdir()) == []  # no temporary file left behind
