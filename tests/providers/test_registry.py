"""The registry picks each capability's provider from settings, and offline never imports the Groq SDK."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from igym.config import Settings, SettingsError
from igym.errors import ProviderUnavailable
from igym.providers.base import ChatModel, Speaker, Transcriber
from igym.providers.fallback import FallbackChatModel, FallbackSpeaker, FallbackTranscriber
from igym.providers.groq_llm import GroqChatModel
from igym.providers.groq_stt import GroqTranscriber
from igym.providers.groq_tts import GroqSpeaker
from igym.providers.offline_stt import OfflineWhisperTranscriber
from igym.providers.offline_tts import PiperSpeaker
from igym.providers.registry import build_chat_model, build_speaker, build_transcriber
from igym.providers.speech_cache import CachedSpeaker
from igym.providers.types import ChatMessage
from tests.groq_server import GroqServer
from tests.providers.test_fallback import ScriptedChat


def _offline_settings(tmp_path: Path, **values: object) -> Settings:
    return Settings(_env_file=None, data_dir=tmp_path, **values)  # type: ignore[call-arg]


def _voice(speaker: object, kind: type) -> bool:
    """`speaker` is a voice of `kind` behind the registry's speech cache."""
    return isinstance(speaker, CachedSpeaker) and isinstance(speaker.inner, kind)


def test_auto_without_a_key_is_offline_everywhere(tmp_path: Path) -> None:
    settings = _offline_settings(tmp_path)

    assert isinstance(build_transcriber(settings), OfflineWhisperTranscriber)
    assert _voice(build_speaker(settings), PiperSpeaker)
    assert build_chat_model(settings) is None


def test_auto_with_a_key_is_groq_with_offline_behind_it(groq_settings: Callable[..., Settings]) -> None:
    settings = groq_settings()

    transcriber, speaker, chat = build_transcriber(settings), build_speaker(settings), build_chat_model(settings)

    assert isinstance(transcriber, FallbackTranscriber) and isinstance(transcriber, Transcriber)
    assert isinstance(transcriber.primary, GroqTranscriber)
    assert isinstance(transcriber.fallback, OfflineWhisperTranscriber)
    assert isinstance(speaker, FallbackSpeaker) and isinstance(speaker, Speaker)
    assert _voice(speaker.primary, GroqSpeaker) and _voice(speaker.fallback, PiperSpeaker)
    assert speaker.primary.cache is speaker.fallback.cache  # one cache; each voice keyed apart
    assert isinstance(chat, FallbackChatModel) and isinstance(chat, ChatModel)
    assert isinstance(chat.primary, GroqChatModel) and chat.fallback is None


def test_each_capability_can_be_forced_separately(groq_settings: Callable[..., Settings]) -> None:
    settings = groq_settings(stt_provider="offline", tts_provider="groq", llm_provider="offline")

    assert isinstance(build_transcriber(settings), OfflineWhisperTranscriber)
    assert isinstance(build_speaker(settings), FallbackSpeaker)
    assert build_chat_model(settings) is None


def test_environment_variables_force_providers(
    monkeypatch: pytest.MonkeyPatch, groq_server: GroqServer, tmp_path: Path
) -> None:
    monkeypatch.setenv("GROQ_API_KEY", "gsk_env_0123456789abcdef")
    monkeypatch.setenv("GROQ_BASE_URL", groq_server.url)
    monkeypatch.setenv("IGYM_TTS", "offline")
    monkeypatch.setenv("IGYM_LLM", "groq")
    settings = _offline_settings(tmp_path)

    assert isinstance(build_transcriber(settings), FallbackTranscriber)
    assert _voice(build_speaker(settings), PiperSpeaker)
    chat = build_chat_model(settings)
    assert chat is not None and chat.complete([ChatMessage("user", "hi")]) == groq_server.chat_reply
    assert groq_server.requests[0].headers["authorization"] == "Bearer gsk_env_0123456789abcdef"


def test_forcing_groq_without_a_key_says_which_setting_is_missing(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="IGYM_STT=groq needs GROQ_API_KEY"):
        build_transcriber(_offline_settings(tmp_path, stt_provider="groq"))


def test_an_offline_interviewer_is_used_behind_groq_when_given(groq_settings: Callable[..., Settings]) -> None:
    offline = ScriptedChat("offline")

    assert isinstance(build_chat_model(groq_settings(), offline=offline), FallbackChatModel)
    assert build_chat_model(groq_settings(llm_provider="offline"), offline=offline) is offline


def test_each_build_has_its_own_breaker(groq_server: GroqServer, groq_settings: Callable[..., Settings]) -> None:
    # The app builds once per process, so its breaker is the process's; another build starts closed.
    hi = [ChatMessage("user", "hi")]
    settings = groq_settings(breaker={"failures": 1, "cooldown_s": 600})
    first = build_chat_model(settings, offline=ScriptedChat("offline"))
    second = build_chat_model(settings, offline=ScriptedChat("offline"))
    assert isinstance(first, FallbackChatModel) and isinstance(second, FallbackChatModel)
    groq_server.fail(3, status=503, retry_after_ms=10)
    assert first.complete(hi) == "offline"
    groq_server.chat_reply = "from Groq"

    assert second.complete(hi) == "from Groq"
    assert first.complete(hi) == "offline"  # the first stays offline until its cool-down has passed
    assert first.breaker.rules.cooldown_s == 600


def test_building_offline_providers_never_imports_the_groq_sdk(tmp_path: Path) -> None:
    script = (
        "import sys; from igym.config import Settings; from igym.providers import registry; "
        f"s = Settings(_env_file=None, data_dir={str(tmp_path)!r}); "
        "registry.build_transcriber(s); registry.build_speaker(s); registry.build_chat_model(s); "
        "assert 'groq' not in sys.modules, 'groq imported'"
    )
    env = {"PATH": "/usr/bin:/bin", "HF_HUB_OFFLINE": "1"}
    result = subprocess.run([sys.executable, "-c", script], cwd=Path(__file__).parents[2], env=env, capture_output=True)
    assert result.returncode == 0, result.stderr.decode()[-2000:]


def test_groq_still_works_when_the_offline_model_is_missing(
    groq_settings: Callable[..., Settings], tmp_path: Path
) -> None:
    missing = str(tmp_path / "no-such-model")

    assert isinstance(build_transcriber(groq_settings(offline={"stt_model": missing})), GroqTranscriber)
    with pytest.raises(ProviderUnavailable, match="not installed"):
        build_transcriber(_offline_settings(tmp_path, offline={"stt_model": missing}))
