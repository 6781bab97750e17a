"""One settings object for the whole app.

Settings are read once: from the environment and `.env` on the command line and in tests, and in the UI
from `st.secrets` too (bridged in `igym.ui.bootstrap`, the only place that knows about Streamlit). Services
receive the values they need through their constructors and never read `os.environ` themselves.

Secrets are `SecretStr` so they never show up in a repr, a log line or a page. Values copied from an example
file (``your-groq-api-key``, ``changeme`` ...) are refused with a message that names the setting but never
echoes the value.

Limits and model ids live here, never in code: every later module takes them from a `Settings`.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Literal

from pydantic import AliasChoices, Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

ProviderChoice = Literal["auto", "offline", "groq"]

# Values that example files and tutorials use in place of a real secret.
_PLACEHOLDER = re.compile(
    r"^(?:<.*>|your[-_ ].*|.*[-_ ]here|change[-_ ]?me|placeholder|xxx+|todo|dummy|example|none|null|\*+)$",
    re.IGNORECASE,
)


class SettingsError(ValueError):
    """A setting is missing or unusable; the message tells the user which one and what to do."""


def _env(*names: str) -> Any:
    """Accept the documented environment name(s) and the field name (for tests and st.secrets)."""
    return AliasChoices(*names)


def normalise_database_url(url: str) -> str:
    """Point Postgres URLs at psycopg 3, the only Postgres driver installed.

    Supabase and Heroku hand out ``postgres://`` and ``postgresql://`` URLs; SQLAlchemy would pick psycopg2
    for those. SQLite and already explicit drivers pass through unchanged.
    """
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


class Settings(BaseSettings):
    """Everything configurable. Field docs say the environment variable to set."""

    model_config = SettingsConfigDict(
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        populate_by_name=True,
        frozen=True,
    )

    # --- where things live -------------------------------------------------------------------------------
    data_dir: Path = Field(default=Path("data"), validation_alias=_env("IGYM_DATA_DIR", "data_dir"))
    database_url_raw: str | None = Field(default=None, validation_alias=_env("DATABASE_URL", "database_url"))
    auto_migrate: bool = Field(default=True, validation_alias=_env("IGYM_AUTO_MIGRATE", "auto_migrate"))

    # --- secrets -----------------------------------------------------------------------------------------
    secret_key: SecretStr | None = Field(default=None, validation_alias=_env("IGYM_SECRET_KEY", "secret_key"))
    groq_api_key: SecretStr | None = Field(default=None, validation_alias=_env("GROQ_API_KEY", "groq_api_key"))
    groq_base_url: str | None = Field(default=None, validation_alias=_env("GROQ_BASE_URL", "groq_base_url"))
    supabase_url: str | None = Field(default=None, validation_alias=_env("SUPABASE_URL", "supabase_url"))
    supabase_anon_key: SecretStr | None = Field(
        default=None, validation_alias=_env("SUPABASE_ANON_KEY", "supabase_anon_key")
    )
    supabase_service_role_key: SecretStr | None = Field(
        default=None, validation_alias=_env("SUPABASE_SERVICE_ROLE_KEY", "supabase_service_role_key")
    )

    # --- providers and model ids -------------------------------------------------------------------------
    stt_provider: ProviderChoice = Field(default="auto", validation_alias=_env("IGYM_STT", "stt_provider"))
    tts_provider: ProviderChoice = Field(default="auto", validation_alias=_env("IGYM_TTS", "tts_provider"))
    llm_provider: ProviderChoice = Field(default="auto", validation_alias=_env("IGYM_LLM", "llm_provider"))
    groq_stt_model: str = Field(
        default="whisper-large-v3-turbo", validation_alias=_env("IGYM_GROQ_STT_MODEL", "groq_stt_model")
    )
    groq_tts_model: str = Field(
        default="canopylabs/orpheus-v1-english", validation_alias=_env("IGYM_GROQ_TTS_MODEL", "groq_tts_model")
    )
    groq_tts_voice: str = Field(default="troy", validation_alias=_env("IGYM_GROQ_TTS_VOICE", "groq_tts_voice"))
    groq_llm_model: str = Field(
        default="openai/gpt-oss-120b", validation_alias=_env("IGYM_GROQ_LLM_MODEL", "groq_llm_model")
    )
    offline_stt_model: str = Field(
        default="tiny.en", validation_alias=_env("IGYM_OFFLINE_STT_MODEL", "offline_stt_model")
    )
    offline_stt_compute_type: str = Field(
        default="int8", validation_alias=_env("IGYM_OFFLINE_STT_COMPUTE", "offline_stt_compute_type")
    )
    groq_max_retries: int = Field(
        default=2, ge=0, le=10, validation_alias=_env("IGYM_GROQ_MAX_RETRIES", "groq_max_retries")
    )
    groq_max_upload_mb: float = Field(
        default=25.0, gt=0, validation_alias=_env("IGYM_GROQ_MAX_UPLOAD_MB", "groq_max_upload_mb")
    )
    provider_timeout_s: float = Field(
        default=30.0, gt=0, validation_alias=_env("IGYM_PROVIDER_TIMEOUT_S", "provider_timeout_s")
    )

    # --- limits ------------------------------------------------------------------------------------------
    sessions_per_day: int = Field(default=3, ge=1, validation_alias=_env("IGYM_SESSIONS_PER_DAY", "sessions_per_day"))
    max_answer_seconds: float = Field(
        default=600.0, gt=0, validation_alias=_env("IGYM_MAX_ANSWER_SECONDS", "max_answer_seconds")
    )
    max_answer_chars: int = Field(
        default=8000, ge=100, validation_alias=_env("IGYM_MAX_ANSWER_CHARS", "max_answer_chars")
    )
    max_audio_upload_mb: float = Field(
        default=25.0, gt=0, validation_alias=_env("IGYM_MAX_AUDIO_UPLOAD_MB", "max_audio_upload_mb")
    )
    max_resume_mb: float = Field(default=5.0, gt=0, validation_alias=_env("IGYM_MAX_RESUME_MB", "max_resume_mb"))
    max_resume_pages: int = Field(
        default=20, ge=1, le=500, validation_alias=_env("IGYM_MAX_RESUME_PAGES", "max_resume_pages")
    )
    resume_prompt_version: str = Field(
        default="v1", validation_alias=_env("IGYM_RESUME_PROMPT_VERSION", "resume_prompt_version")
    )
    interviewer_prompt_version: str = Field(
        default="v1", validation_alias=_env("IGYM_INTERVIEWER_PROMPT_VERSION", "interviewer_prompt_version")
    )
    feedback_prompt_version: str = Field(
        default="v1", validation_alias=_env("IGYM_FEEDBACK_PROMPT_VERSION", "feedback_prompt_version")
    )
    followup_prompt_version: str = Field(
        default="v1", validation_alias=_env("IGYM_FOLLOWUP_PROMPT_VERSION", "followup_prompt_version")
    )
    # The Prompt Lab: the longest prompt draft an admin may save, and the most transcripts one run may use.
    prompt_max_chars: int = Field(
        default=12000, ge=500, validation_alias=_env("IGYM_PROMPT_MAX_CHARS", "prompt_max_chars")
    )
    prompt_eval_max_transcripts: int = Field(
        default=50, ge=1, validation_alias=_env("IGYM_PROMPT_EVAL_MAX_TRANSCRIPTS", "prompt_eval_max_transcripts")
    )
    feedback_workers: int = Field(
        default=2, ge=1, le=16, validation_alias=_env("IGYM_FEEDBACK_WORKERS", "feedback_workers")
    )
    pause_min_s: float = Field(default=1.0, gt=0, validation_alias=_env("IGYM_PAUSE_MIN_S", "pause_min_s"))
    inactivity_timeout_min: float = Field(
        default=30.0, gt=0, validation_alias=_env("IGYM_INACTIVITY_TIMEOUT_MIN", "inactivity_timeout_min")
    )

    # --- the browser recorder ----------------------------------------------------------------------------
    recorder_silence_stop_s: float = Field(
        default=2.5, gt=0, validation_alias=_env("IGYM_RECORDER_SILENCE_STOP_S", "recorder_silence_stop_s")
    )
    recorder_no_audio_warning_s: float = Field(
        default=6.0, gt=0, validation_alias=_env("IGYM_RECORDER_NO_AUDIO_WARNING_S", "recorder_no_audio_warning_s")
    )
    # Transcribe each stretch of a live answer that a pause closes while the candidate goes on speaking.
    recorder_early_transcription: bool = Field(
        default=True, validation_alias=_env("IGYM_RECORDER_EARLY_TRANSCRIPTION", "recorder_early_transcription")
    )
    # The shortest stretch transcribed on its own: Groq bills at least 10 s per request and limits requests
    # per minute, and Whisper is more accurate with some context.
    recorder_early_min_s: float = Field(
        default=10.0, ge=1.0, validation_alias=_env("IGYM_RECORDER_EARLY_MIN_S", "recorder_early_min_s")
    )
    # A short card after each answer (fillers, pace, one thing to keep, one to change); candidates can hide it.
    insight_card: bool = Field(default=True, validation_alias=_env("IGYM_INSIGHT_CARD", "insight_card"))
    # Browser processing distorts level-based metrics (pauses, loudness), so it is off unless asked for.
    browser_auto_gain: bool = Field(default=False, validation_alias=_env("IGYM_BROWSER_AUTO_GAIN", "browser_auto_gain"))
    browser_echo_cancellation: bool = Field(
        default=False, validation_alias=_env("IGYM_BROWSER_ECHO_CANCELLATION", "browser_echo_cancellation")
    )
    browser_noise_suppression: bool = Field(
        default=False, validation_alias=_env("IGYM_BROWSER_NOISE_SUPPRESSION", "browser_noise_suppression")
    )
    # WebRTC ICE servers as JSON, e.g. [{"urls": ["turn:turn.example.com:3478"], "username": "u",
    # "credential": "p"}]. Empty: direct connections only (fine locally; Community Cloud needs a TURN server).
    ice_servers_json: SecretStr | None = Field(
        default=None, validation_alias=_env("IGYM_ICE_SERVERS", "ice_servers_json")
    )

    # --- accounts ----------------------------------------------------------------------------------------
    min_password_length: int = Field(
        default=8, ge=6, validation_alias=_env("IGYM_MIN_PASSWORD_LENGTH", "min_password_length")
    )
    max_name_length: int = Field(default=80, ge=10, validation_alias=_env("IGYM_MAX_NAME_LENGTH", "max_name_length"))
    sign_in_max_failures: int = Field(
        default=5, ge=1, validation_alias=_env("IGYM_SIGN_IN_MAX_FAILURES", "sign_in_max_failures")
    )
    sign_in_lockout_s: int = Field(
        default=300, ge=1, validation_alias=_env("IGYM_SIGN_IN_LOCKOUT_S", "sign_in_lockout_s")
    )
    session_cookie_days: int = Field(
        default=30, ge=1, validation_alias=_env("IGYM_SESSION_COOKIE_DAYS", "session_cookie_days")
    )

    # --- Supabase (hosted mode) ----------------------------------------------------------------------------
    # Private buckets, created beforehand in the Supabase dashboard; object paths start with our user id.
    audio_bucket: str = Field(default="answer-audio", validation_alias=_env("IGYM_AUDIO_BUCKET", "audio_bucket"))
    resume_bucket: str = Field(default="resumes", validation_alias=_env("IGYM_RESUME_BUCKET", "resume_bucket"))
    signed_url_ttl_s: int = Field(
        default=300, ge=10, le=86400, validation_alias=_env("IGYM_SIGNED_URL_TTL_S", "signed_url_ttl_s")
    )
    supabase_timeout_s: float = Field(
        default=10.0, gt=0, validation_alias=_env("IGYM_SUPABASE_TIMEOUT_S", "supabase_timeout_s")
    )
    # Refresh the access token on the first script run that finds fewer seconds than this left on it.
    supabase_refresh_margin_s: int = Field(
        default=120, ge=0, validation_alias=_env("IGYM_SUPABASE_REFRESH_MARGIN_S", "supabase_refresh_margin_s")
    )
    # Where links in sign-in / reset e-mails lead (the app's public URL); unset: the project's Site URL.
    auth_redirect_url: str | None = Field(
        default=None, validation_alias=_env("IGYM_AUTH_REDIRECT_URL", "auth_redirect_url")
    )

    @field_validator("secret_key", "groq_api_key", "supabase_anon_key", "supabase_service_role_key", mode="before")
    @classmethod
    def _refuse_placeholders(cls, value: Any, info: Any) -> Any:
        if value is None:
            return None
        text = value.get_secret_value() if isinstance(value, SecretStr) else str(value)
        if not text.strip():
            return None  # an empty line in .env means "not set"
        if _PLACEHOLDER.match(text.strip()):
            raise SettingsError(
                f"{info.field_name.upper()} still holds the placeholder from the example file. "
                "Put the real value in .streamlit/secrets.toml or the environment, or remove the line."
            )
        return value

    @field_validator("database_url_raw", "supabase_url", "groq_base_url", "auth_redirect_url", mode="before")
    @classmethod
    def _blank_is_unset(cls, value: Any) -> Any:
        if isinstance(value, str) and not value.strip():
            return None
        return value

    @model_validator(mode="after")
    def _ice_servers_are_json(self) -> Settings:
        if self.ice_servers_json is not None:
            try:
                servers = json.loads(self.ice_servers_json.get_secret_value())
            except ValueError:
                servers = None
            if not isinstance(servers, list) or not all(isinstance(s, dict) and "urls" in s for s in servers):
                raise SettingsError(
                    'IGYM_ICE_SERVERS must be a JSON list like [{"urls": ["turn:host:3478"], "username": "u", '
                    '"credential": "p"}].'
                )
        return self

    @model_validator(mode="after")
    def _supabase_needs_both(self) -> Settings:
        if bool(self.supabase_url) != bool(self.supabase_anon_key):
            raise SettingsError("Supabase needs both SUPABASE_URL and SUPABASE_ANON_KEY; one of them is missing.")
        return self

    @property
    def database_url(self) -> str:
        """The SQLAlchemy URL: `DATABASE_URL` normalised, or a SQLite file in the data folder."""
        if self.database_url_raw:
            return normalise_database_url(self.database_url_raw)
        return f"sqlite:///{(self.data_dir / 'interviewgym.db').resolve()}"

    @property
    def ice_servers(self) -> list[dict[str, Any]]:
        """WebRTC ICE servers (STUN/TURN, with credentials: a secret, never rendered or logged)."""
        if self.ice_servers_json is None:
            return []
        servers: list[dict[str, Any]] = json.loads(self.ice_servers_json.get_secret_value())
        return servers

    @property
    def max_audio_upload_bytes(self) -> int:
        return int(self.max_audio_upload_mb * 1024 * 1024)

    @property
    def max_resume_bytes(self) -> int:
        return int(self.max_resume_mb * 1024 * 1024)

    @property
    def uses_supabase(self) -> bool:
        return bool(self.supabase_url and self.supabase_anon_key)

    def resolved_provider(self, capability: Literal["stt", "tts", "llm"]) -> Literal["offline", "groq"]:
        """`auto` means Groq when a key is set and offline otherwise."""
        choice: ProviderChoice = getattr(self, f"{capability}_provider")
        if choice == "auto":
            return "groq" if self.groq_api_key else "offline"
        return choice


def load_settings(**overrides: Any) -> Settings:
    """Build settings from the environment and `.env`, with explicit overrides winning.

    Raises:
        SettingsError: a value is a placeholder or a required pair is incomplete. Pydantic's own
            `ValidationError` is turned into one `SettingsError` whose message lists the bad settings
            without their values.
    """
    from pydantic import ValidationError

    try:
        return Settings(**overrides)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            where = ".".join(str(part) for part in err.get("loc", ())) or "settings"
            message = str(err.get("msg", "invalid value")).removeprefix("Value error, ")
            problems.append(message if where in message.upper() or where == "settings" else f"{where}: {message}")
        raise SettingsError("; ".join(problems)) from None
