"""Shared fixtures: settings in a temporary data folder, and databases on SQLite *and* a real PostgreSQL.

`db` is parametrised over both backends, so every repository test runs twice. The PostgreSQL server is
started once per test run (see bench/postgres.py, shared with `bench/bench_progress.py`); each test gets a
fresh database in it, migrated from empty by Alembic, so no test sees another's rows.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest
from hypothesis import settings as hypothesis_settings
from hypothesis.configuration import set_hypothesis_home_dir

from bench.postgres import postgres_server
from igym.config import Settings
from igym.db import migrate
from igym.db.engine import Database, make_engine
from igym.services import AppServices, build_services
from tests.groq_server import GroqServer

# Property tests are deterministic (the same generated inputs every run) and keep no example database in the
# working tree: a failure prints the falsifying example, which is what to turn into a hand-picked test.
hypothesis_settings.register_profile("igym", database=None, derandomize=True, print_blob=False)
hypothesis_settings.load_profile("igym")
_HYPOTHESIS_HOME = tempfile.mkdtemp(prefix="igym-hypothesis-")  # its caches, outside the working tree
set_hypothesis_home_dir(_HYPOTHESIS_HOME)
atexit.register(shutil.rmtree, _HYPOTHESIS_HOME, True)

# No test may reach a network hub for models; the analysis tests rely on this too.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
# Page tests build the app afresh for every test: loading every model in the background each time would cost
# minutes of CPU. tests/test_warmup.py drives the warmup itself.
os.environ.setdefault("IGYM_OFFLINE_WARMUP", "false")
# Keep a developer's .env or real keys out of the tests.
for _name in ("GROQ_API_KEY", "SUPABASE_URL", "SUPABASE_ANON_KEY", "DATABASE_URL", "IGYM_SECRET_KEY"):
    os.environ.pop(_name, None)


@pytest.fixture(scope="session")
def pg_admin_url() -> Iterator[str]:
    with postgres_server() as url:
        yield url


def _fresh_pg_database(admin_url: str) -> str:
    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(admin_url.replace("postgresql+psycopg://", "postgresql://"), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return admin_url.rsplit("/", 1)[0] + f"/{name}"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'test.db'}"
    return _fresh_pg_database(request.getfixturevalue("pg_admin_url"))


@pytest.fixture
def empty_engine(database_url: str):  # type: ignore[no-untyped-def]
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def database(empty_engine) -> Database:  # type: ignore[no-untyped-def]
    migrate.upgrade(empty_engine)
    return Database(empty_engine)


def merged(base: dict[str, object], overrides: dict[str, object]) -> dict[str, object]:
    """`base` with `overrides` on top; a settings group (a dict, like ``groq={...}``) is merged field by field.

    So a fixture can set ``groq={"api_key": ...}`` and a test add ``groq={"llm_model": ...}`` without
    losing the key.
    """
    values = dict(base)
    for name, value in overrides.items():
        current = values.get(name)
        if isinstance(current, dict) and isinstance(value, dict):
            values[name] = {**current, **value}
        else:
            values[name] = value
    return values


def settings_factory(tmp_path: Path, **base: object) -> Callable[..., Settings]:
    """Settings with data under `tmp_path` and the `base` values; each call's keyword overrides win (`merged`)."""

    def build(**overrides: object) -> Settings:
        values = merged({"data_dir": tmp_path / "data", **base}, overrides)
        return Settings(_env_file=None, **values)  # type: ignore[call-arg]

    return build


def make_settings(tmp_path: Path, **overrides: object) -> Settings:
    return settings_factory(tmp_path, secret_key="test-secret-key-0123456789abcdef")(**overrides)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return make_settings(tmp_path)


@pytest.fixture
def services(settings: Settings, database_url: str) -> Iterator[AppServices]:
    built = build_services(settings.model_copy(update={"database_url_raw": database_url}))
    yield built
    built.db.engine.dispose()


@pytest.fixture
def groq() -> Iterator[GroqServer]:
    """A loopback Groq server for one test (tests/groq_server.py); point the SDK at `groq.url`."""
    with GroqServer() as server:
        yield server


@pytest.fixture
def app_services(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[AppServices]:
    """Services on the data folder an AppTest app uses (offline: no key), for seeding and checking."""
    import streamlit as st

    monkeypatch.chdir(Path(__file__).resolve().parents[1])
    monkeypatch.setenv("IGYM_DATA_DIR", str(tmp_path / "data"))
    st.cache_resource.clear()
    built = build_services(make_settings(tmp_path))
    yield built
    built.db.engine.dispose()
    st.cache_resource.clear()


# The slice of the spoken corpus (bench/spoken_corpus.py) the coverage tests use: an espeak-ng answer on which
# tiny.en, decoding with the filler prompt, lost most of the words, and a clean Piper answer it transcribes well.
LOST_ANSWER = "s08-espeak-slow-noisy"
CLEAN_ANSWER = "s00-piper-fast-clean"


@pytest.fixture(scope="session")
def corpus_slice(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """{name: SpokenAnswer} for `LOST_ANSWER` and `CLEAN_ANSWER`, rendered once per run into a temp folder."""
    from bench.spoken_corpus import build_corpus

    answers = build_corpus(tmp_path_factory.mktemp("spoken-corpus"), only=[LOST_ANSWER, CLEAN_ANSWER])
    return {a.name: a for a in answers}
