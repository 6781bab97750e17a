"""The nested groups of `igym.config.Settings`: settings that are read together by one part of the app.

A group's fields are set by ``IGYM_<GROUP>_<FIELD>`` (``IGYM_RECORDER_SILENCE_STOP_S`` is
`settings.recorder.silence_stop_s`); `groq` and `supabase` also answer to the vendors' own ``GROQ_*`` and
``SUPABASE_*`` names (see `Settings`). Groups hold no aliases of their own, so keyword arguments, secrets,
the environment and `.env` all key a group's values by field name and merge field by field.

Groups are frozen like `Settings` (safe to share between threads) and ignore unknown keys, so an unrelated
``SUPABASE_DB_PASSWORD`` in the environment is not an error.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, ClassVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, SecretStr

# Values that example files and tutorials use in place of a real secret.
_PLACEHOLDER = re.compile(
    r"^(?:<.*>|your[-_ ].*|.*[-_ ]here|change[-_ ]?me|placeholder|xxx+|todo|dummy|example|none|null|\*+)$",
    re.IGNORECASE,
)


def blank_is_unset(value: Any) -> Any:
    """An empty or blank value means "not set" (an empty line in `.env`, ``KEY = ""`` in secrets)."""
    text = value.get_secret_value() if isinstance(value, SecretStr) else value
    if isinstance(text, str) and not text.strip():
        return None
    return value


def is_placeholder(secret: SecretStr | None) -> bool:
    """True for a value copied from an example file (``your-groq-api-key``, ``<KEY>``, ``changeme``)."""
    return secret is not None and bool(_PLACEHOLDER.match(secret.get_secret_value().strip()))


OptionalSecret = Annotated[SecretStr | None, BeforeValidator(blank_is_unset)]
OptionalText = Annotated[str | None, BeforeValidator(blank_is_unset)]


class _Group(BaseModel):
    """Frozen (shared between threads like `Settings`), and deaf to keys it does not know."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    # Fields documented under the vendor's own prefix (GROQ_API_KEY) rather than IGYM_<GROUP>_; only names.
    vendor_names: ClassVar[frozenset[str]] = frozenset()


class GroqSettings(_Group):
    """Groq, the hosted speech and language models: the key, the address, model ids and request limits.

    The key and base URL keep the SDK's own names (``GROQ_API_KEY``, ``GROQ_BASE_URL``); the rest are
    ``IGYM_GROQ_*``. Model ids live here because Groq retires them (PROTOCOLS.md lists the current ones).
    """

    vendor_names: ClassVar[frozenset[str]] = frozenset({"api_key", "base_url"})

    api_key: OptionalSecret = None
    # The service root (the SDK adds /openai/v1); unset: Groq's public endpoint. Tests point it at loopback.
    base_url: OptionalText = None
    stt_model: str = "whisper-large-v3-turbo"
    tts_model: str = "canopylabs/orpheus-v1-english"
    tts_voice: str = "troy"
    llm_model: str = "openai/gpt-oss-120b"
    # The SDK's own retries (429, 5xx, timeouts) before a call fails and the fallback takes over.
    max_retries: int = Field(default=2, ge=0, le=10)
    # The service's upload cap; longer answers are sent in pieces.
    max_upload_mb: float = Field(default=25.0, gt=0)


class OfflineSettings(_Group):
    """The offline speech-to-text model, which runs on this machine with nothing downloaded.

    ``IGYM_OFFLINE_STT_MODEL`` picks the packaged Whisper (``base``, the default, chosen on
    bench/bench_stt.py's figures, or ``tiny.en`` for slow machines) or a model folder;
    ``IGYM_OFFLINE_STT_COMPUTE`` is CTranslate2's compute type (``int8`` is fastest on a CPU).
    """

    stt_model: str = "base"
    stt_compute: str = "int8"
    # The shortest audio window Whisper's encoder runs on, in seconds (``IGYM_OFFLINE_STT_WINDOW_S``): a
    # stretch shorter than this is encoded with this much, not the full 30 s (30: always the full window).
    stt_window_s: float = Field(default=10.0, ge=5.0, le=30.0)
    # Load Whisper, the VAD and Piper in the background when the app starts (``IGYM_OFFLINE_WARMUP``).
    warmup: bool = True


class BreakerSettings(_Group):
    """When a hosted provider is skipped and when it is tried again (IGYM_BREAKER_*), per provider and process.

    Each Groq capability (speech-to-text, voice, chat) has its own circuit breaker: `failures` failed calls
    in a row (each after the SDK's own retries) open it, and for `cooldown_s` every call is served offline at
    once; then one trial call goes to Groq, and its success brings every user back.
    """

    failures: int = Field(default=2, ge=1, le=100)
    cooldown_s: float = Field(default=30.0, gt=0)


class RecorderSettings(_Group):
    """How the browser recorder decides an answer has ended and when it transcribes ahead (IGYM_RECORDER_*).

    Read on the script thread: the values are copied into each answer's `LiveRecording` when it starts (so
    the WebRTC worker thread holds plain numbers, not settings) and read again by the page's status line.
    """

    # A pause this long after speech ends the answer: the fixed wait, or with `end_of_turn` the medium one
    # (the speech before the pause is not transcribed yet, or a sentence ended without the voice falling).
    silence_stop_s: float = Field(default=2.5, gt=0)
    # End-of-turn rules (igym/live/end_of_turn.py): the wait depends on how the speech before the pause ended.
    # False: every pause waits `silence_stop_s`.
    end_of_turn: bool = True
    # The wait after a finished sentence whose voice fell (at most `silence_stop_s`).
    turn_short_s: float = Field(default=0.7, gt=0)
    # The wait after a trailing "and", "because"..., a filler or a clause cut off (at least `silence_stop_s`):
    # longer than a thinking pause, so a pause mid-sentence never ends the answer.
    turn_long_s: float = Field(default=4.5, gt=0)
    # The silence that closes the stretch before a pause and sends it to be transcribed for that decision.
    turn_probe_s: float = Field(default=0.35, gt=0)
    # Warn that the microphone sends nothing after this long.
    no_audio_warning_s: float = Field(default=6.0, gt=0)
    # Transcribe each stretch of a live answer that a pause closes while the candidate goes on speaking.
    early_transcription: bool = True
    # The shortest stretch transcribed on its own: Groq bills at least 10 s per request and limits requests
    # per minute, and Whisper is more accurate with some context.
    early_min_s: float = Field(default=10.0, ge=1.0)
    # The same with the offline transcriber, which has neither limit: short stretches leave only the last few
    # seconds to transcribe when the answer ends (bench/bench_early_transcription.py measures it), and a final
    # sentence of 1.5 s or more is cut at the pause after it, so its one transcription both decides the end of
    # the turn and enters the transcript (a shorter one is probed, then transcribed again when the answer ends).
    # The spoken corpus loses no accuracy from 3 s to 1.5 s (content WER 0.165 -> 0.166, fillers the same).
    early_min_offline_s: float = Field(default=1.5, ge=1.0)
    # Show the live transcript and the live counters (fillers, pace, silence) while answering; each browser
    # session can hide them with the toggle on the interview page.
    live_nudges: bool = True


class BrowserSettings(_Group):
    """The browser's own microphone processing (IGYM_BROWSER_*), passed as getUserMedia constraints.

    All off by default: automatic gain, echo cancellation and noise suppression change levels and cut quiet
    stretches, which distorts the pause and loudness measurements the feedback is built on. Echo cancellation
    stays off too because the page does not need it to keep the interviewer out of an answer: the recording
    drops every frame until the question has finished playing (`LiveRecording(listening=False)`). Turn it on
    (``IGYM_BROWSER_ECHO_CANCELLATION=true``) for candidates who replay the question while they answer on
    laptop speakers.
    """

    auto_gain: bool = False
    echo_cancellation: bool = False
    noise_suppression: bool = False


class SupabaseSettings(_Group):
    """Supabase Auth and Storage for hosted mode: the project's address, its keys, and request timing.

    The address and keys keep Supabase's own names (``SUPABASE_URL``, ``SUPABASE_ANON_KEY``,
    ``SUPABASE_SERVICE_ROLE_KEY``); the rest are ``IGYM_SUPABASE_*``. `Settings` refuses a URL without an
    anon key and the other way round, so `configured` is all a caller needs to check.
    """

    vendor_names: ClassVar[frozenset[str]] = frozenset({"url", "anon_key", "service_role_key"})

    url: OptionalText = None
    anon_key: OptionalSecret = None
    # Server-side only: lets Storage calls and account deletion act as the app.
    service_role_key: OptionalSecret = None
    timeout_s: float = Field(default=10.0, gt=0)
    # Refresh the access token on the first script run that finds fewer seconds than this left on it.
    refresh_margin_s: int = Field(default=120, ge=0)

    @property
    def configured(self) -> bool:
        """Both the URL and the anon key are set, so accounts and files live in Supabase."""
        return bool(self.url and self.anon_key)
