"""Providers degrade per request and recover: a circuit breaker per provider, tried again after a cool-down.

The real `groq` SDK talks to the loopback server, which fails on demand; time is a settable clock, so the
cool-down is stepped over instead of slept through.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pytest

from igym import notices
from igym.config import Settings
from igym.errors import ProviderUnavailable
from igym.models import Transcript
from igym.providers import registry
from igym.providers.base import Transcriber
from igym.providers.breaker import BreakerRules, CircuitBreaker
from igym.providers.fallback import LLM_NOTICE, STT_NOTICE, FallbackChatModel, FallbackTranscriber
from igym.providers.groq_llm import GroqChatModel
from igym.providers.groq_stt import GroqTranscriber
from igym.providers.types import ChatMessage
from tests.groq_server import GroqServer
from tests.providers.conftest import bursts_audio
from tests.providers.test_fallback import RecordingTranscriber


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


ANSWER = bursts_audio([(0.3, 0.8)], 1.2)
HI = [ChatMessage("user", "hi")]


def _transcriber(
    settings: Settings, clock: FakeClock, *, failures: int = 1
) -> tuple[FallbackTranscriber, RecordingTranscriber]:
    offline = RecordingTranscriber()
    breaker = CircuitBreaker(BreakerRules(failures=failures, cooldown_s=30), clock=clock)
    return FallbackTranscriber(GroqTranscriber.from_settings(settings), offline, breaker=breaker), offline


@dataclass
class Outage:
    """Groq behind a breaker (one failure opens it, 30 s cool-down) on a settable clock, down for `fail` calls."""

    server: GroqServer
    clock: FakeClock
    transcriber: FallbackTranscriber
    offline: RecordingTranscriber

    def fail(self, times: int) -> None:
        """Groq answers the next `times` requests with a 503 (retry after 10 ms)."""
        self.server.fail(times, status=503, retry_after_ms=10)


@pytest.fixture
def outage(groq_server: GroqServer, groq_settings: Callable[..., Settings]) -> Outage:
    clock = FakeClock()
    return Outage(groq_server, clock, *_transcriber(groq_settings(), clock))


def test_after_the_cool_down_groq_transcribes_again(outage: Outage) -> None:
    transcriber, offline, clock, groq_server = outage.transcriber, outage.offline, outage.clock, outage.server
    outage.fail(3)

    assert transcriber.transcribe(ANSWER).text == "offline words"  # the outage: served offline
    clock.now += 29.0
    assert transcriber.transcribe(ANSWER).text == "offline words"  # still cooling down: Groq not asked
    assert len(groq_server.requests) == 3 and transcriber.notice == STT_NOTICE
    clock.now += 1.0
    with notices.collect() as told:
        recovered = transcriber.transcribe(ANSWER)  # the trial goes to Groq, which works again

    assert [w.text for w in recovered.words] == ["w0"] and told == []
    assert len(groq_server.requests) == 4 and len(offline.received) == 2
    assert transcriber.breaker.state == "closed" and transcriber.notice is None
    assert [w.text for w in transcriber.transcribe(ANSWER).words] == ["w0"]  # and stays there


def test_a_failed_trial_reopens_for_another_cool_down(outage: Outage) -> None:
    transcriber, clock, groq_server = outage.transcriber, outage.clock, outage.server
    outage.fail(6)
    transcriber.transcribe(ANSWER)
    clock.now += 30.0

    assert transcriber.transcribe(ANSWER).text == "offline words"  # the trial, still down
    assert len(groq_server.requests) == 6 and transcriber.breaker.state == "open"
    clock.now += 29.0
    transcriber.transcribe(ANSWER)
    assert len(groq_server.requests) == 6
    clock.now += 1.0
    assert [w.text for w in transcriber.transcribe(ANSWER).words] == ["w0"]


def test_one_users_failure_does_not_send_another_users_request_offline(
    groq_server: GroqServer, groq_settings: Callable[..., Settings]
) -> None:
    transcriber, _ = _transcriber(groq_settings(), FakeClock(), failures=2)
    groq_server.fail(3, status=429, retry_after_ms=10)

    with notices.collect() as alice_told:
        alice = transcriber.transcribe(ANSWER)
    with notices.collect() as bob_told:
        bob = transcriber.transcribe(ANSWER)

    assert alice.text == "offline words" and alice_told == [STT_NOTICE]
    assert [w.text for w in bob.words] == ["w0"] and bob_told == []
    assert transcriber.breaker.state == "closed"


def test_notices_belong_to_the_thread_that_fell_back() -> None:
    """Two browser sessions at once: only the one served offline is told."""
    started, release = threading.Barrier(2), threading.Event()

    class HalfDown(Transcriber):
        def transcribe(self, audio: np.ndarray, *, prompt: str | None = None) -> Transcript:
            started.wait(timeout=5)
            release.wait(timeout=5)
            if audio.size == 1:
                raise ProviderUnavailable("down for this call")
            return Transcript(text="hosted", words=())

    transcriber = FallbackTranscriber(
        HalfDown(), RecordingTranscriber(), breaker=CircuitBreaker(BreakerRules(failures=5))
    )
    told: dict[str, list[str]] = {}

    def answer(name: str, audio: np.ndarray) -> None:
        with notices.collect() as found:
            transcriber.transcribe(audio)
        told[name] = list(found)

    threads = [
        threading.Thread(target=answer, args=("failing", np.zeros(1, dtype=np.float32))),
        threading.Thread(target=answer, args=("fine", np.zeros(2, dtype=np.float32))),
    ]
    for thread in threads:
        thread.start()
    release.set()
    for thread in threads:
        thread.join(timeout=10)

    assert told == {"failing": [STT_NOTICE], "fine": []}


def test_half_open_lets_exactly_one_trial_through() -> None:
    clock = FakeClock()
    breaker = CircuitBreaker(BreakerRules(failures=1, cooldown_s=10), clock=clock)
    breaker.allow()
    breaker.failed()
    assert breaker.state == "open" and not breaker.allow()
    clock.now += 10

    assert breaker.allow() and not breaker.allow() and breaker.state == "half_open"
    breaker.released()  # the trial ended without an answer: the next caller may try
    assert breaker.allow()
    breaker.succeeded()
    assert breaker.state == "closed" and breaker.allow() and breaker.allow()


def test_the_interviewer_model_fails_fast_while_open_and_says_so(
    groq_server: GroqServer, groq_settings: Callable[..., Settings]
) -> None:
    """Without an offline model the chat raises at once while open, so the interviewer's rules word the turn."""
    clock = FakeClock()
    chat = FallbackChatModel(
        GroqChatModel.from_settings(groq_settings()), None, breaker=CircuitBreaker(BreakerRules(1, 30), clock=clock)
    )
    groq_server.fail(3, status=503, retry_after_ms=10)
    with pytest.raises(ProviderUnavailable):
        chat.complete(HI)
    with notices.collect() as told, pytest.raises(ProviderUnavailable):
        chat.complete(HI)

    assert len(groq_server.requests) == 3 and told == [LLM_NOTICE]  # the second call never reached Groq
    clock.now += 30
    assert chat.complete(HI) == groq_server.chat_reply


def test_breaker_settings_reach_every_provider(groq_settings: Callable[..., Settings]) -> None:
    settings = groq_settings(breaker={"failures": 5, "cooldown_s": 12.5})

    chat = registry.build_chat_model(settings)

    assert isinstance(chat, FallbackChatModel)
    assert chat.breaker.rules == BreakerRules(failures=5, cooldown_s=12.5)
