"""Build each capability's provider from settings: Groq when configured, offline otherwise.

`IGYM_STT`, `IGYM_TTS`, `IGYM_LLM` = `auto` | `offline` | `groq` choose per capability; `auto` means Groq when
`GROQ_API_KEY` is set (see `Settings.resolved_provider`). A Groq transcriber or speaker comes wrapped in a
fallback to the offline one, and the Groq chat model in a breaker (with the offline model behind it when one
is given), so an interview survives an outage. Each voice sits behind one shared `SpeechCache`
(`igym.providers.speech_cache`, inside the fallback), so a line is synthesized once per voice. Each call
builds a new wrapper with its own circuit breaker (`Settings.breaker`) and cache; the app builds one per
capability per process and shares it, so calls are served offline only while that provider's breaker is open
and go back to Groq after its cool-down (see `igym.providers.fallback` and `igym.providers.breaker`).

Only this module and the `groq_*` modules it imports lazily touch the `groq` SDK, so an offline install
never imports it. Building is cheap: models load on first use (or on `load()`), and the UI keeps the results
in `st.cache_resource`, one per process.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Literal, TypeVar

from igym.config import Settings, SettingsError
from igym.errors import ProviderUnavailable
from igym.providers.base import ChatModel, Speaker, Transcriber
from igym.providers.breaker import BreakerRules, CircuitBreaker
from igym.providers.fallback import FallbackChatModel, FallbackSpeaker, FallbackTranscriber
from igym.providers.speech_cache import CachedSpeaker, SpeechCache

log = logging.getLogger(__name__)

P = TypeVar("P")


def build_transcriber(settings: Settings) -> Transcriber:
    """Groq Whisper with offline Whisper behind it, or offline Whisper alone.

    Raises:
        ProviderUnavailable: offline was chosen and its model is not installed.
        SettingsError: Groq was forced without a key.
    """
    from igym.providers.offline_stt import OfflineWhisperTranscriber

    def offline() -> Transcriber:
        return OfflineWhisperTranscriber(
            model=settings.offline.stt_model,
            compute_type=settings.offline.stt_compute,
            models_dir=settings.data_dir / "models",
            window_s=settings.offline.stt_window_s,
        )

    if _choice(settings, "stt") == "offline":
        return offline()
    from igym.providers.groq_stt import GroqTranscriber

    hosted = GroqTranscriber.from_settings(settings)
    backup = _optional(offline)
    return FallbackTranscriber(hosted, backup, breaker=breaker(settings)) if backup is not None else hosted


def build_speaker(settings: Settings, *, cache: SpeechCache | None = None) -> Speaker:
    """Groq TTS with Piper behind it, or Piper alone (errors as `build_transcriber`); each voice cached.

    Each voice is wrapped in a `CachedSpeaker` sharing `cache` (a new one bounded by `IGYM_TTS_CACHE_MB` when
    none is given), inside the fallback: a line is synthesized once per voice while it stays cached, and a
    Groq failure still falls back request by request (see `igym.providers.speech_cache`).
    """
    from igym.providers.offline_tts import PiperSpeaker

    shared = cache if cache is not None else SpeechCache(max_bytes=round(settings.tts_cache_mb * 1024 * 1024))

    def offline() -> Speaker:
        return CachedSpeaker(PiperSpeaker(), shared, identity=("piper", "joe-us"))

    if _choice(settings, "tts") == "offline":
        return offline()
    from igym.providers.groq_tts import GroqSpeaker

    hosted = CachedSpeaker(
        GroqSpeaker.from_settings(settings), shared, identity=("groq", settings.groq.tts_model, settings.groq.tts_voice)
    )
    backup = _optional(offline)
    return FallbackSpeaker(hosted, backup, breaker=breaker(settings)) if backup is not None else hosted


def build_chat_model(settings: Settings, *, offline: ChatModel | None = None) -> ChatModel | None:
    """The Groq chat model, or None when the interviewer runs offline.

    Args:
        settings: which provider, model id, key, timeout.
        offline: the offline interviewer's model, once there is one; with it, calls Groq failed or skipped
            are served by it, and the offline choice returns it instead of None. Without it they raise
            `ProviderUnavailable` (at once while the breaker is open) and the interviewer's and feedback's
            own rules take over.
    """
    if _choice(settings, "llm") == "offline":
        return offline
    from igym.providers.groq_llm import GroqChatModel

    hosted = GroqChatModel.from_settings(settings)
    return FallbackChatModel(hosted, offline, breaker=breaker(settings))


def breaker(settings: Settings) -> CircuitBreaker:
    """A new circuit breaker with the configured failures and cool-down (`IGYM_BREAKER_*`)."""
    return CircuitBreaker(BreakerRules(failures=settings.breaker.failures, cooldown_s=settings.breaker.cooldown_s))


def _optional(build: Callable[[], P]) -> P | None:
    """The offline backup, or None when it is not installed: Groq then runs without one rather than not at all."""
    try:
        return build()
    except ProviderUnavailable as exc:
        log.warning("No offline backup behind Groq: %s", exc)
        return None


def _choice(settings: Settings, capability: Literal["stt", "tts", "llm"]) -> str:
    """The resolved choice; forcing Groq without a key is a configuration error, said plainly."""
    choice = settings.resolved_provider(capability)
    if choice == "groq" and settings.groq.api_key is None:
        name = {"stt": "IGYM_STT", "tts": "IGYM_TTS", "llm": "IGYM_LLM"}[capability]
        raise SettingsError(f"{name}=groq needs GROQ_API_KEY; set the key or choose offline.")
    return choice
