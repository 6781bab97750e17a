"""Failures at the Groq edge: the SDK's retries, and what igym raises once they are spent."""

from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np
import pytest

from igym.config import Settings
from igym.errors import ProviderError, ProviderRateLimited, ProviderTimeout, ProviderUnavailable
from igym.providers.groq_llm import GroqChatModel
from igym.providers.groq_stt import GroqTranscriber
from igym.providers.groq_tts import GroqSpeaker
from igym.providers.types import ChatMessage
from tests.groq_server import GroqServer
from tests.providers.conftest import API_KEY, SR, bursts_audio

HELLO = [ChatMessage("user", "Hello")]


def test_429_then_success_is_retried_after_the_servers_retry_after_ms(
    groq_server: GroqServer, groq_settings: Callable[..., Settings]
) -> None:
    groq_server.fail(1, status=429, retry_after_ms=1000)

    reply = GroqChatModel.from_settings(groq_settings()).complete(HELLO)

    assert reply == groq_server.chat_reply
    first, second = groq_server.requests_to("chat/completions")
    waited = second.received_at - first.received_at
    assert 1.0 <= waited < 1.8  # the header asked for 1 s; the SDK's own backoff would wait only 0.375-0.5 s
    assert second.headers["x-stainless-retry-count"] == "1"


def test_rate_limit_that_outlasts_the_retries_says_when_to_try_again(
    groq_server: GroqServer, groq_settings: Callable[..., Settings]
) -> None:
    groq_server.fail(3, status=429, retry_after_ms=20)

    with pytest.raises(ProviderRateLimited) as caught:
        GroqChatModel.from_settings(groq_settings()).complete(HELLO)

    assert caught.value.retry_after_s == pytest.approx(0.02)
    assert len(groq_server.requests) == 3  # the first try and the SDK's two retries


def test_persistent_503_becomes_unavailable_after_the_retries(
    groq_server: GroqServer, groq_settings: Callable[..., Settings]
) -> None:
    groq_server.fail(10, status=503, retry_after_ms=10)

    with pytest.raises(ProviderUnavailable, match=r"unavailable \(HTTP 503\)"):
        GroqSpeaker.from_settings(groq_settings()).synthesize("Tell me about yourself.")

    assert len(groq_server.requests) == 3


def test_a_500_once_is_invisible_to_the_user(groq_server: GroqServer, groq_settings: Callable[..., Settings]) -> None:
    groq_server.fail(1, status=500, retry_after_ms=10)
    transcript = GroqTranscriber.from_settings(groq_settings()).transcribe(bursts_audio([(0.2, 0.6)], 1.0))
    assert len(transcript.words) == 1
    assert len(groq_server.requests) == 2


def test_a_server_slower_than_the_timeout_is_a_provider_timeout(
    groq_server: GroqServer, groq_settings: Callable[..., Settings]
) -> None:
    groq_server.fail(3, delay_s=3.0)
    started = time.monotonic()

    with pytest.raises(ProviderTimeout):
        GroqChatModel.from_settings(groq_settings(provider_timeout_s=0.2)).complete(HELLO)

    assert time.monotonic() - started < 8.0  # 3 short attempts and the SDK's backoff, not 3 stalls
    assert len(groq_server.requests) == 3


def test_401_is_unavailable_and_the_message_never_contains_the_key(
    groq_server: GroqServer, groq_settings: Callable[..., Settings]
) -> None:
    groq_server.fail(1, status=401, message=f"Invalid API Key {API_KEY}")

    with pytest.raises(ProviderUnavailable) as caught:
        GroqTranscriber.from_settings(groq_settings()).transcribe(np.full(SR, 0.01, dtype=np.float32))

    assert "GROQ_API_KEY" in str(caught.value)
    assert API_KEY not in str(caught.value)
    assert API_KEY not in repr(caught.value.args)
    assert len(groq_server.requests) == 1  # a refused key is not retried


def test_400_is_a_provider_error_that_says_why_without_the_key(
    groq_server: GroqServer, groq_settings: Callable[..., Settings]
) -> None:
    groq_server.fail(1, status=400, message=f"model `nope` does not exist (key {API_KEY})")

    with pytest.raises(ProviderError) as caught:
        GroqChatModel.from_settings(groq_settings()).complete(HELLO)

    assert type(caught.value) is ProviderError
    assert "model `nope` does not exist" in str(caught.value)
    assert API_KEY not in str(caught.value)


def test_a_malformed_json_body_is_unavailable_not_a_crash(
    groq_server: GroqServer, groq_settings: Callable[..., Settings]
) -> None:
    groq_server.fail(1, bad_json=True)
    with pytest.raises(ProviderUnavailable, match="could not be read"):
        GroqChatModel.from_settings(groq_settings()).complete(HELLO)


def test_nothing_listening_is_unavailable(groq_settings: Callable[..., Settings]) -> None:
    settings = groq_settings(groq={"base_url": "http://127.0.0.1:9"}, provider_timeout_s=1.0)
    with pytest.raises(ProviderUnavailable, match="could not be reached"):
        GroqSpeaker.from_settings(settings, max_retries=0).synthesize("Hello there.")
