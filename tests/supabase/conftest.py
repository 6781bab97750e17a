"""Fixtures for the Supabase contract tests: a loopback Supabase server and services pointed at it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from igym.config import Settings
from igym.db import migrate
from igym.db.engine import Database
from igym.errors import ProviderTimeout, ProviderUnavailable
from igym.hosted.auth import SupabaseAuth
from igym.hosted.storage import SupabaseFileStore
from igym.services import build_auth, supabase_connector
from tests.analysis.conftest import piper  # noqa: F401  (the shared Piper voice, for spoken answers)
from tests.conftest import settings_factory
from tests.supabase_server import ANON_KEY, SERVICE_KEY, SupabaseServer

PASSWORD = "harbour-lights-42"

# Failures every Supabase client (auth, storage) reports the same way: the server in trouble, or no answer in
# time (the settings' `timeout_s` is 2 s). Each contract test adds the failures its own API maps.
SERVER_TROUBLE: list[tuple[dict[str, object], type[Exception], str]] = [
    ({"status": 500}, ProviderUnavailable, "having trouble"),
    ({"status": 503}, ProviderUnavailable, "having trouble"),
    ({"delay_s": 3.0}, ProviderTimeout, "took too long"),
]


@pytest.fixture
def supabase_server() -> Iterator[SupabaseServer]:
    with SupabaseServer() as server:
        yield server


@pytest.fixture
def supabase_settings(supabase_server: SupabaseServer, tmp_path: Path) -> Callable[..., Settings]:
    """Settings for Supabase at the loopback server (no service key unless given); keyword overrides win."""
    return settings_factory(
        tmp_path,
        secret_key="test-secret-key-0123456789abcdef",
        supabase={"url": supabase_server.url, "anon_key": ANON_KEY, "timeout_s": 2.0},
    )


@pytest.fixture
def sqlite_db(tmp_path: Path) -> Iterator[Database]:
    db = Database.from_url(f"sqlite:///{tmp_path / 'auth.db'}")
    migrate.upgrade(db.engine)
    yield db
    db.engine.dispose()


@pytest.fixture
def auth(supabase_settings: Callable[..., Settings], sqlite_db: Database) -> SupabaseAuth:
    settings = supabase_settings(supabase={"service_role_key": SERVICE_KEY})
    built = build_auth(settings, sqlite_db, supabase_connector(settings))
    assert isinstance(built, SupabaseAuth)
    return built


def file_store(settings: Settings, access_token: Callable[[], str | None] | None = None) -> SupabaseFileStore:
    connector = supabase_connector(settings)
    assert connector is not None
    return SupabaseFileStore(
        connector,
        audio_bucket=settings.audio_bucket,
        resume_bucket=settings.resume_bucket,
        access_token=access_token,
    )
