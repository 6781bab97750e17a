"""Settings: defaults for the embedded mode, URL normalisation, placeholder refusal without echoing."""

from __future__ import annotations

from pathlib import Path

import pytest

from igym.config import SettingsError, load_settings, normalise_database_url


def test_defaults_are_the_embedded_mode(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # no .env here
    monkeypatch.setenv("IGYM_DATA_DIR", str(tmp_path / "d"))
    settings = load_settings()
    assert settings.database_url == f"sqlite:///{(tmp_path / 'd' / 'interviewgym.db').resolve()}"
    assert settings.resolved_provider("stt") == "offline"
    assert settings.resolved_provider("llm") == "offline"
    assert settings.uses_supabase is False
    assert settings.max_answer_seconds == 600


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("postgres://u:p@db.x.supabase.co:5432/postgres", "postgresql+psycopg://u:p@db.x.supabase.co:5432/postgres"),
        ("postgresql://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgresql+psycopg://u@h/db", "postgresql+psycopg://u@h/db"),
        ("sqlite:////tmp/x.db", "sqlite:////tmp/x.db"),
    ],
)
def test_postgres_urls_are_normalised_for_psycopg3(given: str, expected: str) -> None:
    assert normalise_database_url(given) == expected


@pytest.mark.parametrize("value", ["your-groq-api-key", "<GROQ_API_KEY>", "changeme", "paste-your-key-here"])
def test_placeholder_keys_are_refused_without_echoing_them(value: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GROQ_API_KEY", value)
    with pytest.raises(SettingsError) as error:
        load_settings(_env_file=None)
    assert "GROQ_API_KEY" in str(error.value)
    assert value not in str(error.value)


def test_a_real_key_switches_auto_providers_to_groq_and_stays_hidden(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GROQ_API_KEY", "gsk_live_abcdef123456")
    settings = load_settings(_env_file=None)
    assert settings.resolved_provider("stt") == "groq"
    assert "gsk_live_abcdef123456" not in repr(settings)
    monkeypatch.setenv("IGYM_LLM", "offline")
    assert load_settings(_env_file=None).resolved_provider("llm") == "offline"


def test_half_configured_supabase_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUPABASE_URL", "https://abc.supabase.co")
    with pytest.raises(SettingsError, match="SUPABASE_ANON_KEY"):
        load_settings(_env_file=None)


def test_bad_limit_values_name_the_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IGYM_SESSIONS_PER_DAY", "zero")
    with pytest.raises(SettingsError, match=r"IGYM_SESSIONS_PER_DAY|sessions_per_day"):
        load_settings(_env_file=None)
