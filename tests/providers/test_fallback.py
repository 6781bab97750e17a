"""A request carries on offline when Groq fails: no answer lost, a notice for that request, Groq again later."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import numpy as np
import pytest

from igym import notices
from igym.config import Settings
from igym.errors import ProviderError, ProviderUnavailable
from igym.models import Transcript, Word
from igym.providers.base import ChatModel, Transcriber
from igym.providers.breaker import BreakerRules, CircuitBreaker
from igym.providers.fallback import (
    LLM_NOTICE,
    STT_NOTICE,
    TTS_NOTICE,
    FallbackChatModel,
    FallbackSpeaker,
    FallbackTranscriber,
)
from igym.providers.groq_llm import GroqChatModel
from igym.providers.groq_stt import GroqTranscriber
from igym.providers.groq_tts import GroqSpeaker
from igym.providers.offline_tts import PiperSpeaker
from igym.providers.text_chunks import chunk_text
from igym.providers.types import ChatMessage
from tests.groq_server import SPEECH_RATE, GroqServer
from tests.providers.conftest import bursts_audio
from tests.support.threads import run_together

QUESTION = (
    "Thanks for coming in today. Let's talk about teamwork. "
    "Tell me about a time a project slipped. What did you do about it?"
)


class RecordingTranscriber(Transcriber):
    """The offline side: remembers what it was given so tests can check nothing was lost."""

    def __init__(self) -> None:
        self.received: list[np.ndarray] = []

    def transcribe(self, audio: np.ndarray, *, prompt: str | None = None) -> Transcript:
        self.received.append(audio)
        return Transcript(text="offline words", words=(Word("offline", 0.0, 0.4), Word("words", 0.5, 0.9)))


class ScriptedChat(ChatModel):
    def __init__(self, reply: str) -> None:
        self.reply = reply
        self.calls = 0

    def complete(self, messages: Sequence[ChatMessage], **_: Any) -> str:
        self.calls += 1
        return self.reply

    def stream(self, messages: Sequence[ChatMessage], **_: Any) -> Iterator[str]:
        self.calls += 1
        yield from self.reply.split(" ")


@pytest.mark.parametrize(
    "failure",
    [
        {"status": 503, "retry_after_ms": 10},
        {"status": 429, "retry_after_ms": 10},
        {"status": 401},
        {"delay_s": 2.0},
    ],
    ids=["down", "rate-limited", "key-refused", "timeout"],
)
def test_transcriber_serves_the_same_audio_offline_and_skips_groq_while_the_breaker_is_open(
    groq_server: GroqServer, groq_settings: Callable[..., Settings], failure: dict[str, Any]
) -> None:
    groq_server.fail(3, **failure)
    offline = RecordingTranscriber()
    transcriber = FallbackTranscriber(
        GroqTranscriber.from_settings(groq_settings(provider_timeout_s=0.2)),
        offline,
        breaker=CircuitBreaker(BreakerRules(failures=1, cooldown_s=30), clock=lambda: 0.0),
    )
    answer = bursts_audio([(0.3, 0.8)], 1.2)

    with notices.collect() as told:
        first = transcriber.transcribe(answer)
    requests_after_outage = len(groq_server.requests)
    second = transcriber.transcribe(answer)

    assert first.text == second.text == "offline words"
    assert len(offline.received) == 2 and np.array_equal(offline.received[0], answer)
    assert told == [STT_NOTICE] and "for now" in STT_NOTICE
    assert transcriber.notice == STT_NOTICE and transcriber.is_offline
    assert len(groq_server.requests) == requests_after_outage  # not tried again during the cool-down


def test_transcriber_stays_on_groq_while_groq_works(
    groq_server: GroqServer, groq_settings: Callable[..., Settings]
) -> None:
    groq_server.fail(1, status=503, retry_after_ms=10)  # one blip, absorbed by the SDK's retry
    offline = RecordingTranscriber()
    transcriber = FallbackTranscriber(GroqTranscriber.from_settings(groq_settings()), offline)

    transcript = transcriber.transcribe(bursts_audio([(0.3, 0.8)], 1.2))

    assert [w.text for w in transcript.words] == ["w0"]
    assert offline.received == []
    assert transcriber.notice is None


def test_a_refused_request_is_not_hidden_by_the_fallback(
    groq_server: GroqServer, groq_settings: Callable[..., Settings]
) -> None:
    groq_server.fail(1, status=400, message="file is not audio")
    transcriber = FallbackTranscriber(GroqTranscriber.from_settings(groq_settings()), RecordingTranscriber())

    with pytest.raises(ProviderError, match="file is not audio"):
        transcriber.transcribe(bursts_audio([(0.3, 0.8)], 1.2))
    assert transcriber.notice is None


def test_speaker_continues_mid_question_with_the_offline_voice(
    groq_server: GroqServer, groq_settings: Callable[..., Settings], piper: PiperSpeaker
) -> None:
    speaker = FallbackSpeaker(GroqSpeaker.from_settings(groq_settings()), piper)
    stream = speaker.stream(QUESTION)

    first = next(stream)
    groq_server.fail(3, status=503, retry_after_ms=10)
    rest = list(stream)

    assert [p.text for p in [first, *rest]] == chunk_text(QUESTION)
    assert first.sample_rate == SPEECH_RATE  # Groq's voice
    assert {p.sample_rate for p in rest} == {22_050}  # Piper's voice, sentence by sentence
    assert all(p.duration_s > 0.5 for p in rest)
    assert speaker.reason is not None and "using the offline voice for now" in TTS_NOTICE
    assert len(groq_server.requests_to("speech")) == 4  # one good chunk, one chunk tried three times


def test_one_users_failure_leaves_the_next_users_request_on_groq(
    groq_server: GroqServer, groq_settings: Callable[..., Settings], piper: PiperSpeaker
) -> None:
    shared = FallbackSpeaker(GroqSpeaker.from_settings(groq_settings()), piper)  # one per process, as the app has
    groq_server.fail(3, status=503, retry_after_ms=10)

    with notices.collect() as alice_told:
        alice_audio = shared.synthesize("Hello Alice.")
    with notices.collect() as bob_told:
        bob_audio = shared.synthesize("Hello Bob.")  # Groq answers again by now

    assert alice_audio.sample_rate == 22_050 and alice_told == [TTS_NOTICE]
    assert bob_audio.sample_rate == SPEECH_RATE and bob_told == []
    assert len(groq_server.requests_to("speech")) == 4  # Alice's three tries, then Bob's on Groq
    assert shared.notice is None and not shared.is_offline


def test_chat_stream_falls_back_before_the_first_delta(
    groq_server: GroqServer, groq_settings: Callable[..., Settings]
) -> None:
    groq_server.fail(3, status=503, retry_after_ms=10)
    chat = FallbackChatModel(GroqChatModel.from_settings(groq_settings()), ScriptedChat("offline follow-up"))

    with notices.collect() as told:
        assert "".join(chat.stream([ChatMessage("user", "hi")])) == "offlinefollow-up"
    assert told == [LLM_NOTICE]


def test_chat_stream_that_broke_mid_reply_raises_then_later_turns_go_offline(
    groq_server: GroqServer, groq_settings: Callable[..., Settings]
) -> None:
    groq_server.stream_error_after = 1
    offline = ScriptedChat("What did you learn?")
    breaker = CircuitBreaker(BreakerRules(failures=1, cooldown_s=30), clock=lambda: 0.0)
    chat = FallbackChatModel(GroqChatModel.from_settings(groq_settings()), offline, breaker=breaker)
    shown: list[str] = []

    with pytest.raises(ProviderUnavailable):
        shown.extend(chat.stream([ChatMessage("user", "hi")]))

    assert shown and offline.calls == 0  # no second reply spliced onto the first
    assert chat.complete([ChatMessage("user", "next")]) == "What did you learn?"
    assert chat.notice == LLM_NOTICE


def test_concurrent_failures_are_all_answered_offline() -> None:
    barrier = threading.Barrier(8)

    class Down(Transcriber):
        def transcribe(self, audio: np.ndarray, *, prompt: str | None = None) -> Transcript:
            barrier.wait(timeout=5)
            raise ProviderUnavailable("down")

    offline = RecordingTranscriber()
    transcriber = FallbackTranscriber(Down(), offline)
    results: list[Transcript] = []
    lock = threading.Lock()

    def answer() -> None:
        transcript = transcriber.transcribe(np.zeros(160, dtype=np.float32))
        with lock:
            results.append(transcript)

    run_together(answer, [()] * 8, timeout=10)

    assert len(results) == 8 and len(offline.received) == 8
    assert transcriber.notice == STT_NOTICE and transcriber.reason == "down"
    assert transcriber.breaker.state == "open"
