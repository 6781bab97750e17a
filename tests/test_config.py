"""Settings: defaults for the embedded mode, URL normalisation, placeholder refusal without echoing, and every
documented environment name working from the environment, `.env` and Streamlit secrets alike."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import BaseModel, SecretStr

from igym.config import Settings, SettingsError, env_name, load_settings, normalise_database_url


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


# Every documented environment variable (config.py, README, the secrets example),
# the setting it sets, a value to give it and what the setting then holds. Secrets compare their plain value.
DOCUMENTED_NAMES: list[tuple[str, str, str, object]] = [
    ("IGYM_DATA_DIR", "data_dir", "/srv/igym", Path("/srv/igym")),
    ("DATABASE_URL", "database_url_raw", "postgres://u@h/db", "postgres://u@h/db"),
    ("IGYM_AUTO_MIGRATE", "auto_migrate", "false", False),
    ("IGYM_SECRET_KEY", "secret_key", "a-long-random-string-123", "a-long-random-string-123"),
    ("GROQ_API_KEY", "groq.api_key", "gsk_live_abcdef123456", "gsk_live_abcdef123456"),
    ("GROQ_BASE_URL", "groq.base_url", "http://127.0.0.1:9", "http://127.0.0.1:9"),
    ("IGYM_STT", "stt_provider", "offline", "offline"),
    ("IGYM_TTS", "tts_provider", "groq", "groq"),
    ("IGYM_LLM", "llm_provider", "offline", "offline"),
    ("IGYM_GROQ_STT_MODEL", "groq.stt_model", "whisper-large-v3", "whisper-large-v3"),
    ("IGYM_GROQ_TTS_MODEL", "groq.tts_model", "orpheus-2", "orpheus-2"),
    ("IGYM_GROQ_TTS_VOICE", "groq.tts_voice", "hannah", "hannah"),
    ("IGYM_GROQ_LLM_MODEL", "groq.llm_model", "openai/gpt-oss-20b", "openai/gpt-oss-20b"),
    ("IGYM_GROQ_MAX_RETRIES", "groq.max_retries", "0", 0),
    ("IGYM_GROQ_MAX_UPLOAD_MB", "groq.max_upload_mb", "19.5", 19.5),
    ("IGYM_OFFLINE_STT_MODEL", "offline.stt_model", "tiny.en", "tiny.en"),
    ("IGYM_OFFLINE_STT_COMPUTE", "offline.stt_compute", "float32", "float32"),
    ("IGYM_OFFLINE_STT_WINDOW_S", "offline.stt_window_s", "15", 15.0),
    ("IGYM_OFFLINE_WARMUP", "offline.warmup", "false", False),
    ("IGYM_PROVIDER_TIMEOUT_S", "provider_timeout_s", "12.5", 12.5),
    ("IGYM_TTS_CACHE_MB", "tts_cache_mb", "16", 16.0),
    ("IGYM_BREAKER_FAILURES", "breaker.failures", "4", 4),
    ("IGYM_BREAKER_COOLDOWN_S", "breaker.cooldown_s", "45", 45.0),
    ("IGYM_SESSIONS_PER_DAY", "sessions_per_day", "7", 7),
    ("IGYM_MAX_ANSWER_SECONDS", "max_answer_seconds", "300", 300.0),
    ("IGYM_MAX_ANSWER_CHARS", "max_answer_chars", "4000", 4000),
    ("IGYM_MAX_AUDIO_UPLOAD_MB", "max_audio_upload_mb", "10", 10.0),
    ("IGYM_MAX_RESUME_MB", "max_resume_mb", "2", 2.0),
    ("IGYM_MAX_RESUME_PAGES", "max_resume_pages", "4", 4),
    ("IGYM_RESUME_PARSE_TIMEOUT_S", "resume_parse_timeout_s", "2.5", 2.5),
    ("IGYM_RESUME_PARSE_MEMORY_MB", "resume_parse_memory_mb", "256", 256),
    ("IGYM_RESUME_UPLOADS_PER_HOUR", "resume_uploads_per_hour", "4", 4),
    ("IGYM_RESUME_PROMPT_VERSION", "resume_prompt_version", "v2", "v2"),
    ("IGYM_INTERVIEWER_PROMPT_VERSION", "interviewer_prompt_version", "v3", "v3"),
    ("IGYM_FEEDBACK_PROMPT_VERSION", "feedback_prompt_version", "v4", "v4"),
    ("IGYM_FOLLOWUP_PROMPT_VERSION", "followup_prompt_version", "v5", "v5"),
    ("IGYM_PROMPT_MAX_CHARS", "prompt_max_chars", "6000", 6000),
    ("IGYM_PROMPT_EVAL_MAX_TRANSCRIPTS", "prompt_eval_max_transcripts", "9", 9),
    ("IGYM_FEEDBACK_WORKERS", "feedback_workers", "4", 4),
    ("IGYM_PAUSE_MIN_S", "pause_min_s", "0.75", 0.75),
    ("IGYM_INACTIVITY_TIMEOUT_MIN", "inactivity_timeout_min", "45", 45.0),
    ("IGYM_RECORDER_SILENCE_STOP_S", "recorder.silence_stop_s", "1.5", 1.5),
    ("IGYM_RECORDER_NO_AUDIO_WARNING_S", "recorder.no_audio_warning_s", "9", 9.0),
    ("IGYM_RECORDER_EARLY_TRANSCRIPTION", "recorder.early_transcription", "false", False),
    ("IGYM_RECORDER_EARLY_MIN_S", "recorder.early_min_s", "15", 15.0),
    ("IGYM_RECORDER_EARLY_MIN_OFFLINE_S", "recorder.early_min_offline_s", "4", 4.0),
    ("IGYM_RECORDER_END_OF_TURN", "recorder.end_of_turn", "false", False),
    ("IGYM_RECORDER_TURN_SHORT_S", "recorder.turn_short_s", "0.9", 0.9),
    ("IGYM_RECORDER_TURN_LONG_S", "recorder.turn_long_s", "5", 5.0),
    ("IGYM_RECORDER_TURN_PROBE_S", "recorder.turn_probe_s", "0.5", 0.5),
    ("IGYM_RECORDER_LIVE_NUDGES", "recorder.live_nudges", "false", False),
    ("IGYM_INSIGHT_CARD", "insight_card", "false", False),
    ("IGYM_BROWSER_AUTO_GAIN", "browser.auto_gain", "true", True),
    ("IGYM_BROWSER_ECHO_CANCELLATION", "browser.echo_cancellation", "true", True),
    ("IGYM_BROWSER_NOISE_SUPPRESSION", "browser.noise_suppression", "true", True),
    ("IGYM_ICE_SERVERS", "ice_servers_json", '[{"urls": ["stun:stun.example.com"]}]',
     '[{"urls": ["stun:stun.example.com"]}]'),
    ("IGYM_MIN_PASSWORD_LENGTH", "min_password_length", "12", 12),
    ("IGYM_MAX_NAME_LENGTH", "max_name_length", "40", 40),
    ("IGYM_SIGN_IN_FREE_FAILURES", "sign_in_free_failures", "5", 5),
    ("IGYM_SIGN_IN_DELAY_BASE_S", "sign_in_delay_base_s", "1.5", 1.5),
    ("IGYM_SIGN_IN_DELAY_MAX_S", "sign_in_delay_max_s", "30", 30.0),
    ("IGYM_SIGN_IN_CLIENT_FAILURES", "sign_in_client_failures", "20", 20),
    ("IGYM_SIGN_IN_CLIENT_WINDOW_S", "sign_in_client_window_s", "300", 300.0),
    ("IGYM_PASSWORD_HASH_CONCURRENCY", "password_hash_concurrency", "3", 3),
    ("IGYM_COACH_INVITE_DAYS", "coach_invite_days", "14", 14),
    ("IGYM_SESSION_COOKIE_DAYS", "session_cookie_days", "7", 7),
    ("SUPABASE_URL", "supabase.url", "https://abc.supabase.co", "https://abc.supabase.co"),
    ("SUPABASE_ANON_KEY", "supabase.anon_key", "anon-key-0123456789", "anon-key-0123456789"),
    ("SUPABASE_SERVICE_ROLE_KEY", "supabase.service_role_key", "service-key-0123456789", "service-key-0123456789"),
    ("IGYM_AUDIO_BUCKET", "audio_bucket", "voice", "voice"),
    ("IGYM_RESUME_BUCKET", "resume_bucket", "cvs", "cvs"),
    ("IGYM_SIGNED_URL_TTL_S", "signed_url_ttl_s", "600", 600),
    ("IGYM_SUPABASE_TIMEOUT_S", "supabase.timeout_s", "4", 4.0),
    ("IGYM_SUPABASE_REFRESH_MARGIN_S", "supabase.refresh_margin_s", "30", 30),
    ("IGYM_AUTH_REDIRECT_URL", "auth_redirect_url", "https://app.example.com", "https://app.example.com"),
]

# Supabase refuses half a configuration, so its URL and anon key are each given with the other.
COMPANIONS = {
    "SUPABASE_URL": {"SUPABASE_ANON_KEY": "anon-key-0123456789"},
    "SUPABASE_ANON_KEY": {"SUPABASE_URL": "https://abc.supabase.co"},
}


def _value_at(settings: Settings, path: str) -> object:
    value: object = settings
    for part in path.split("."):
        value = getattr(value, part)
    return value.get_secret_value() if isinstance(value, SecretStr) else value


def _leaf_paths(model: type[BaseModel], prefix: str = "") -> set[str]:
    paths = set()
    for name, field in model.model_fields.items():
        kind = field.annotation
        if isinstance(kind, type) and issubclass(kind, BaseModel):
            paths |= _leaf_paths(kind, f"{prefix}{name}.")
        else:
            paths.add(prefix + name)
    return paths


def _load_from(source: str, names: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    if source == "environment":
        for name, value in names.items():
            monkeypatch.setenv(name, value)
        return load_settings(_env_file=None)
    if source == ".env":
        env_file = tmp_path / ".env"
        env_file.write_text("".join(f"{name}='{value}'\n" for name, value in names.items()), encoding="utf-8")
        return load_settings(_env_file=env_file)
    return load_settings(_env_file=None, secrets=names)


@pytest.mark.parametrize("source", ["environment", ".env", "secrets"])
@pytest.mark.parametrize(("name", "path", "given", "expected"), DOCUMENTED_NAMES, ids=[r[0] for r in DOCUMENTED_NAMES])
def test_every_documented_name_sets_its_setting_from_every_source(
    source: str, name: str, path: str, given: str, expected: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = _load_from(source, {name: given, **COMPANIONS.get(name, {})}, tmp_path, monkeypatch)
    assert _value_at(settings, path) == expected
    assert _value_at(Settings.model_construct(), path) != expected  # the default differs: the name did it


def test_every_setting_has_a_documented_name_and_messages_use_it() -> None:
    assert {path for _, path, _, _ in DOCUMENTED_NAMES} == _leaf_paths(Settings)
    for name, path, _, _ in DOCUMENTED_NAMES:
        assert env_name(*path.split(".")) == name


def test_streamlit_secrets_keep_their_python_types_and_win_over_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("IGYM_RECORDER_SILENCE_STOP_S", "9")
    monkeypatch.setenv("IGYM_RECORDER_EARLY_MIN_S", "12")
    secrets = {"IGYM_RECORDER_SILENCE_STOP_S": 1.5, "IGYM_BROWSER_AUTO_GAIN": True, "igym_groq_max_retries": 0}

    settings = load_settings(_env_file=None, secrets=secrets, recorder={"no_audio_warning_s": 3.0})

    assert settings.recorder.silence_stop_s == 1.5  # secrets over the environment
    assert settings.recorder.early_min_s == 12  # the environment still fills the rest of the group
    assert settings.recorder.no_audio_warning_s == 3.0  # keyword overrides on top
    assert settings.browser.auto_gain is True
    assert settings.groq.max_retries == 0  # names match whatever their case


def test_placeholders_in_secrets_and_groups_are_refused_by_their_names() -> None:
    secrets = {"SUPABASE_URL": "https://abc.supabase.co", "SUPABASE_ANON_KEY": "your-supabase-anon-key"}
    with pytest.raises(SettingsError) as error:
        load_settings(_env_file=None, secrets=secrets)
    assert "SUPABASE_ANON_KEY still holds the placeholder" in str(error.value)
    assert "your-supabase-anon-key" not in str(error.value)


def test_bad_values_in_groups_name_the_environment_variable_not_the_value(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IGYM_RECORDER_SILENCE_STOP_S", "-4.25")
    with pytest.raises(SettingsError) as error:
        load_settings(_env_file=None, groq={"max_retries": 11})
    assert "IGYM_RECORDER_SILENCE_STOP_S: Input should be greater than 0" in str(error.value)
    assert "IGYM_GROQ_MAX_RETRIES: Input should be less than or equal to 10" in str(error.value)
    assert "-4.25" not in str(error.value)


def test_blank_values_mean_unset(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text("GROQ_API_KEY=\nSUPABASE_URL=\nDATABASE_URL=  \n", encoding="utf-8")
    settings = load_settings(_env_file=env_file)
    assert settings.groq.api_key is None and settings.supabase.url is None and settings.database_url_raw is None


def _bootstrap_page() -> None:
    import streamlit as st

    from igym.ui import bootstrap

    settings = bootstrap.settings()
    st.text(f"{settings.recorder.silence_stop_s} {settings.browser.echo_cancellation} {settings.groq.tts_voice}")


def test_the_app_reads_streamlit_secrets_by_their_environment_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    monkeypatch.chdir(tmp_path)  # no .env here
    monkeypatch.setenv("IGYM_RECORDER_SILENCE_STOP_S", "9")
    st.cache_resource.clear()
    at = AppTest.from_function(_bootstrap_page, default_timeout=30)
    at.secrets["IGYM_DATA_DIR"] = str(tmp_path / "data")
    at.secrets["IGYM_RECORDER_SILENCE_STOP_S"] = 1.5
    at.secrets["IGYM_BROWSER_ECHO_CANCELLATION"] = True
    at.secrets["IGYM_GROQ_TTS_VOICE"] = "hannah"
    try:
        at.run()
        assert not at.exception
        assert [t.value for t in at.text] == ["1.5 True hannah"]
    finally:
        st.cache_resource.clear()
