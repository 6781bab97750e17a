"""One settings object for the whole app.

Settings are read once: from the environment and `.env` on the command line and in tests, and in the UI
from `st.secrets` too (bridged in `igym.ui.bootstrap`, the only place that knows about Streamlit, and read
by `MappingSource` with the same names as the environment). Services receive the values they need through
their constructors and never read `os.environ` themselves.

Names: a setting's environment variable is ``IGYM_`` and its path, upper-cased and joined by ``_``:
`settings.data_dir` is ``IGYM_DATA_DIR``, `settings.recorder.silence_stop_s` is
``IGYM_RECORDER_SILENCE_STOP_S``. The exceptions are explicit aliases: the vendors' own names
(``DATABASE_URL``; the `groq` and `supabase` groups also read ``GROQ_*`` and ``SUPABASE_*``, which is how
``GROQ_API_KEY`` and ``SUPABASE_URL`` reach them) and a few short names (``IGYM_STT``, ``IGYM_TTS``,
``IGYM_LLM``, ``IGYM_ICE_SERVERS``). `env_name` turns a path back into the documented name for messages.

Secrets are `SecretStr` so they never show up in a repr, a log line or a page. Values copied from an example
file (``your-groq-api-key``, ``changeme`` ...) are refused with a message that names the setting but never
echoes the value.

Limits and model ids live here, never in code: every later module takes them from a `Settings`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, EnvSettingsSource, PydanticBaseSettingsSource, SettingsConfigDict

from igym.config_groups import (
    BreakerSettings,
    BrowserSettings,
    GroqSettings,
    OfflineSettings,
    OptionalSecret,
    OptionalText,
    RecorderSettings,
    SupabaseSettings,
    is_placeholder,
)

ProviderChoice = Literal["auto", "offline", "groq"]

__all__ = [
    "BreakerSettings",
    "BrowserSettings",
    "GroqSettings",
    "MappingSource",
    "OfflineSettings",
    "RecorderSettings",
    "Settings",
    "SettingsError",
    "SupabaseSettings",
    "env_name",
    "load_settings",
    "normalise_database_url",
]


class SettingsError(ValueError):
    """A setting is missing or unusable; the message tells the user which one and what to do.

    Raised at start-up (by `load_settings`, or by the registry when a provider is forced without its key);
    the UI shows it and stops, the CLI prints it. It names settings by their environment variables and
    never contains a value, so it is safe to show.
    """


def normalise_database_url(url: str) -> str:
    """Point Postgres URLs at psycopg 3, the only Postgres driver installed.

    Supabase and Heroku hand out ``postgres://`` and ``postgresql://`` URLs; SQLAlchemy would pick psycopg2
    for those. SQLite and already explicit drivers pass through unchanged.
    """
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


class MappingSource(EnvSettingsSource):
    """Reads a given mapping exactly as the environment is read: same names, prefix, groups and parsing.

    Why: `st.secrets` holds the same names as the environment (``GROQ_API_KEY``,
    ``IGYM_RECORDER_SILENCE_STOP_S``); reading it through pydantic-settings' own environment rules, instead
    of passing it as keyword arguments, means every documented name works there too and no second naming
    scheme can drift. Keys match case-insensitively. Values are turned into text first, as an environment
    would hold them (TOML gives ``true`` and ``2.5`` as Python values), so they parse identically.
    """

    def __init__(self, settings_cls: type[BaseSettings], values: Mapping[str, object]) -> None:
        self._given = {str(key).lower(): str(value) for key, value in values.items() if value is not None}
        super().__init__(settings_cls)

    def _load_env_vars(self) -> Mapping[str, str | None]:
        return dict(self._given)


# The mapping `load_settings(secrets=...)` hands to `MappingSource` for one construction. A context variable
# rather than a class attribute: each thread (and each Streamlit script run) sees only its own call's values.
_given_secrets: ContextVar[Mapping[str, object] | None] = ContextVar("igym_given_secrets", default=None)

# The secrets checked against example-file placeholders, by path.
_SECRETS: tuple[tuple[str, ...], ...] = (
    ("secret_key",),
    ("groq", "api_key"),
    ("supabase", "anon_key"),
    ("supabase", "service_role_key"),
)


class Settings(BaseSettings):
    """Everything configurable, read once per process and frozen.

    Why one object: services take their limits, model ids and keys from it through their constructors, so a
    test builds exactly the configuration it needs (`Settings(recorder={"silence_stop_s": 1.0})`) and nothing
    reads the environment behind its back. Frozen, so it is safe to share between threads and browser
    sessions. Sources, strongest first: keyword arguments, the mapping given to `load_settings` (the UI's
    `st.secrets`), the environment, `.env`. Nested groups merge across sources field by field. See the
    module docstring for how fields map to environment names.
    """

    model_config = SettingsConfigDict(
        env_prefix="IGYM_",
        env_nested_delimiter="_",
        env_nested_max_split=1,  # IGYM_RECORDER_SILENCE_STOP_S -> recorder.silence_stop_s, split once only
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        populate_by_name=True,
        frozen=True,
    )

    # --- where things live -------------------------------------------------------------------------------
    data_dir: Path = Path("data")
    database_url_raw: OptionalText = Field(default=None, validation_alias="DATABASE_URL")
    auto_migrate: bool = True
    # Signs the stay-signed-in cookie; unset: a random key kept in the data folder.
    secret_key: OptionalSecret = None

    # --- providers, per capability, and the vendors behind them -------------------------------------------
    stt_provider: ProviderChoice = Field(default="auto", validation_alias="IGYM_STT")
    tts_provider: ProviderChoice = Field(default="auto", validation_alias="IGYM_TTS")
    llm_provider: ProviderChoice = Field(default="auto", validation_alias="IGYM_LLM")
    provider_timeout_s: float = Field(default=30.0, gt=0)
    # Spoken lines kept per process (MB of WAV, least recently used out first); 0 synthesizes every time.
    tts_cache_mb: float = Field(default=64.0, ge=0)
    # The alias without the prefix makes the group read GROQ_API_KEY and GROQ_BASE_URL as well as IGYM_GROQ_*.
    groq: GroqSettings = Field(default_factory=GroqSettings, validation_alias="groq")
    offline: OfflineSettings = Field(default_factory=OfflineSettings)
    # Per provider: consecutive failures that send calls offline, and the cool-down before Groq is tried again.
    breaker: BreakerSettings = Field(default_factory=BreakerSettings)

    # --- limits ------------------------------------------------------------------------------------------
    sessions_per_day: int = Field(default=3, ge=1)
    max_answer_seconds: float = Field(default=600.0, gt=0)
    max_answer_chars: int = Field(default=8000, ge=100)
    max_audio_upload_mb: float = Field(default=25.0, gt=0)
    max_resume_mb: float = Field(default=5.0, gt=0)
    max_resume_pages: int = Field(default=20, ge=1, le=500)
    # Reading a resume runs in a worker process with these budgets; a PDF over either gets a clear refusal.
    resume_parse_timeout_s: float = Field(default=4.0, gt=0)
    resume_parse_memory_mb: int = Field(default=512, ge=128)
    resume_uploads_per_hour: int = Field(default=10, ge=1)
    resume_prompt_version: str = "v1"
    interviewer_prompt_version: str = "v1"
    feedback_prompt_version: str = "v1"
    followup_prompt_version: str = "v2"
    # The Prompt Lab: the longest prompt draft an admin may save, and the most transcripts one run may use.
    prompt_max_chars: int = Field(default=12000, ge=500)
    prompt_eval_max_transcripts: int = Field(default=50, ge=1)
    feedback_workers: int = Field(default=2, ge=1, le=16)
    pause_min_s: float = Field(default=1.0, gt=0)
    inactivity_timeout_min: float = Field(default=30.0, gt=0)

    # --- the browser recorder ----------------------------------------------------------------------------
    recorder: RecorderSettings = Field(default_factory=RecorderSettings)
    browser: BrowserSettings = Field(default_factory=BrowserSettings)
    # A short card after each answer (fillers, pace, one thing to keep, one to change); candidates can hide it.
    insight_card: bool = True
    # WebRTC ICE servers as JSON, e.g. [{"urls": ["turn:turn.example.com:3478"], "username": "u",
    # "credential": "p"}]. Empty: direct connections only (fine locally; Community Cloud needs a TURN server).
    ice_servers_json: SecretStr | None = Field(default=None, validation_alias="IGYM_ICE_SERVERS")

    # --- accounts ----------------------------------------------------------------------------------------
    min_password_length: int = Field(default=8, ge=6)
    max_name_length: int = Field(default=80, ge=10)
    # Wrong passwords per email before the next check waits; the wait then doubles from base to max seconds.
    sign_in_free_failures: int = Field(default=3, ge=1)
    sign_in_delay_base_s: float = Field(default=2.0, gt=0)
    sign_in_delay_max_s: float = Field(default=60.0, gt=0)
    # Wrong passwords one client address may send in a window, over all emails (per replica).
    sign_in_client_failures: int = Field(default=30, ge=1)
    sign_in_client_window_s: float = Field(default=600.0, gt=0)
    # Argon2 hashes computed at once per process (64 MiB each); more sign-ins wait their turn.
    password_hash_concurrency: int = Field(default=2, ge=1, le=64)
    # Days a coach invitation's code can be used.
    coach_invite_days: int = Field(default=7, ge=1)
    session_cookie_days: int = Field(default=30, ge=1)

    # --- Supabase (hosted mode) ----------------------------------------------------------------------------
    # The alias without the prefix makes the group read SUPABASE_URL, SUPABASE_ANON_KEY and
    # SUPABASE_SERVICE_ROLE_KEY as well as IGYM_SUPABASE_*.
    supabase: SupabaseSettings = Field(default_factory=SupabaseSettings, validation_alias="supabase")
    # Private buckets, created beforehand in the Supabase dashboard; object paths start with our user id.
    audio_bucket: str = "answer-audio"
    resume_bucket: str = "resumes"
    signed_url_ttl_s: int = Field(default=300, ge=10, le=86400)
    # Where links in sign-in / reset e-mails lead (the app's public URL); unset: the project's Site URL.
    auth_redirect_url: OptionalText = None

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """Put the mapping given to `load_settings` between keyword arguments and the environment."""
        given = MappingSource(settings_cls, _given_secrets.get() or {})
        return init_settings, given, env_settings, dotenv_settings, file_secret_settings

    @model_validator(mode="after")
    def _refuse_placeholders(self) -> Settings:
        stale = [env_name(*path) for path in _SECRETS if is_placeholder(self._secret_at(path))]
        if stale:
            raise SettingsError(
                "; ".join(
                    f"{name} still holds the placeholder from the example file. "
                    "Put the real value in .streamlit/secrets.toml or the environment, or remove the line."
                    for name in stale
                )
            )
        return self

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
        if bool(self.supabase.url) != bool(self.supabase.anon_key):
            raise SettingsError("Supabase needs both SUPABASE_URL and SUPABASE_ANON_KEY; one of them is missing.")
        return self

    def _secret_at(self, path: tuple[str, ...]) -> SecretStr | None:
        value: Any = self
        for part in path:
            value = getattr(value, part)
        return value if isinstance(value, SecretStr) else None

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
        """The answer upload limit in bytes (the setting is in MB)."""
        return int(self.max_audio_upload_mb * 1024 * 1024)

    @property
    def max_resume_bytes(self) -> int:
        """The resume upload limit in bytes (the setting is in MB)."""
        return int(self.max_resume_mb * 1024 * 1024)

    @property
    def uses_supabase(self) -> bool:
        """Accounts and files live in Supabase (both its URL and anon key are set)."""
        return self.supabase.configured

    def resolved_provider(self, capability: Literal["stt", "tts", "llm"]) -> Literal["offline", "groq"]:
        """`auto` means Groq when a key is set and offline otherwise."""
        choice: ProviderChoice = getattr(self, f"{capability}_provider")
        if choice == "auto":
            return "groq" if self.groq.api_key else "offline"
        return choice


def env_name(*path: str | int) -> str:
    """The documented environment variable of the setting at `path`, as pydantic reports it in an error.

    `path` is a field path (``("recorder", "silence_stop_s")``) or an error location, whose head may be an
    alias (``("IGYM_STT",)``). Unknown paths come back joined by dots, so a message still says where.
    """
    head, *rest = (str(part) for part in path)
    for name, field in Settings.model_fields.items():
        alias = field.validation_alias if isinstance(field.validation_alias, str) else None
        if head.lower() in (name, (alias or "").lower()):
            break
    else:
        return ".".join((head, *rest))
    group = field.annotation
    if not rest or not (isinstance(group, type) and issubclass(group, BaseModel)):
        return (alias or f"IGYM_{name}").upper()
    leaf = rest[0]
    if alias and leaf in getattr(group, "vendor_names", ()):
        return f"{alias}_{leaf}".upper()
    return f"IGYM_{name}_{leaf}".upper()


@contextmanager
def _secrets_given(secrets: Mapping[str, object] | None) -> Iterator[None]:
    token = _given_secrets.set(dict(secrets or {}))
    try:
        yield
    finally:
        _given_secrets.reset(token)


def load_settings(*, secrets: Mapping[str, object] | None = None, **overrides: Any) -> Settings:
    """Build settings from the environment and `.env`, with `secrets` over them and keyword overrides on top.

    Args:
        secrets: values named like environment variables (the UI passes `st.secrets`' top-level entries);
            they are read by `MappingSource` with exactly the environment's rules.
        **overrides: field values (``data_dir=...``, ``recorder={...}``) and pydantic-settings options
            such as ``_env_file=None``.

    Raises:
        SettingsError: a value is a placeholder or a required pair is incomplete. Pydantic's own
            `ValidationError` is turned into one `SettingsError` whose message lists the bad settings by
            their environment names, without their values.
    """
    from pydantic import ValidationError
    from pydantic_settings import SettingsError as SourceError

    try:
        with _secrets_given(secrets):
            return Settings(**overrides)
    except SourceError as exc:  # a group given as JSON that does not parse; the message holds no value
        raise SettingsError(str(exc)) from None
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = err.get("loc", ())
            where = env_name(*loc) if loc else "settings"
            message = str(err.get("msg", "invalid value")).removeprefix("Value error, ")
            problems.append(message if where in message.upper() or where == "settings" else f"{where}: {message}")
        raise SettingsError("; ".join(problems)) from None
