"""Serve a request with the offline provider when Groq fails, and go back to Groq once it recovers.

Why: a candidate mid-interview must not lose an answer or stall because the hosted service went away, and
an outage must not outlive itself. Each wrapper asks its `CircuitBreaker` (igym.providers.breaker) before
every call. While it is closed the call goes to Groq; a `ProviderUnavailable`, `ProviderTimeout` or
`ProviderRateLimited` (the SDK has already retried by then) is counted and *that* call is served offline.
After `BreakerRules.failures` such calls in a row the breaker opens and calls go straight offline, without
waiting on Groq, until the cool-down has passed; then one trial call goes to Groq, and if it works everyone
is back on Groq. Other errors (a refused request) pass through: switching would hide a bug; they neither
open nor close the breaker.

Per request: every call served offline records its notice ("… using the offline voice for now") with
`igym.notices.record`, so the candidate whose request fell back is told, through the page's
collector, and nobody else is. `notice` on the wrapper says whether the breaker is open right now (every
request is then served offline "for now"); it clears by itself when Groq is back.

Threads: one wrapper per capability per process (`igym.services.build_services`, cached by the UI), shared
by every browser session. The breaker's lock is never held while a provider runs; calls that started on Groq
before the breaker opened finish on Groq (or fall back themselves).

What falls back how:
    transcribe    the same audio goes to the offline transcriber, so the answer is never lost;
    synthesize    the whole text is spoken offline (one voice per utterance);
    stream        chunks already played stay; the failed chunk and the rest come from the offline voice;
    chat          before the first delta, the offline model answers instead; after some text was already
                  shown, the error is raised (splicing two models' replies would read as nonsense). Without
                  an offline model (the interviewer and feedback keep their own rules) the error is raised,
                  at once while the breaker is open, and the caller's rules take over.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

import numpy as np

from igym import notices
from igym.errors import InvalidInput, ProviderRateLimited, ProviderTimeout, ProviderUnavailable
from igym.models import Transcript
from igym.providers.base import ChatModel, Speaker, Transcriber
from igym.providers.breaker import CircuitBreaker
from igym.providers.text_chunks import chunk_text
from igym.providers.types import DEFAULT_CHAT, ChatMessage, ChatOptions, SpeechAudio

log = logging.getLogger(__name__)

FALLBACK_ERRORS = (ProviderUnavailable, ProviderTimeout, ProviderRateLimited)

STT_NOTICE = "Groq speech-to-text is unavailable right now: using offline transcription for now."
TTS_NOTICE = "Groq's voice is unavailable right now: using the offline voice for now."
LLM_NOTICE = "Groq's interviewer model is unavailable right now: using the offline interviewer for now."

T = TypeVar("T")


class _Fallback:
    """Shared surface of the wrappers: the breaker, the notice, and one guarded call.

    Attributes:
        primary: the hosted provider, tried whenever the breaker allows.
        fallback: the offline provider, serving the calls the hosted one failed or the breaker skipped.
        breaker: this provider's circuit breaker, shared by every request through this wrapper.
    """

    def __init__(self, breaker: CircuitBreaker | None, notice: str) -> None:
        self.breaker = breaker or CircuitBreaker()
        self.notice_text = notice
        self.reason: str | None = None  # the last hosted error that made a call fall back (logs, support)

    @property
    def notice(self) -> str | None:
        """The notice while the breaker is not closed (requests are being served offline for now), else None."""
        return None if self.breaker.state == "closed" else self.notice_text

    @property
    def is_offline(self) -> bool:
        """True while the breaker keeps calls away from the hosted provider (open, or awaiting its trial)."""
        return self.breaker.state != "closed"

    def _hosted(self, call: Callable[[], T]) -> tuple[bool, T | None]:
        """(True, result) when the hosted call answered; (False, None) when this call must go offline."""
        if not self.breaker.allow():
            return False, None
        try:
            result = call()
        except FALLBACK_ERRORS as exc:
            self._fell_back(exc)
            return False, None
        except BaseException:
            self.breaker.released()
            raise
        self.breaker.succeeded()
        return True, result

    def _fell_back(self, exc: Exception) -> None:
        self.breaker.failed()
        self.reason = str(exc)
        log.warning("Hosted provider failed for this request (%s); serving it offline", exc)

    def _offline(self) -> None:
        notices.record(self.notice_text)


class FallbackTranscriber(_Fallback):
    """`Transcriber` that serves a call offline when Groq fails or is skipped; the audio is never lost."""

    def __init__(
        self,
        primary: Transcriber,
        fallback: Transcriber,
        *,
        breaker: CircuitBreaker | None = None,
        notice: str = STT_NOTICE,
    ) -> None:
        super().__init__(breaker, notice)
        self.primary, self.fallback = primary, fallback

    def transcribe(self, audio: np.ndarray, *, prompt: str | None = None) -> Transcript:
        answered, transcript = self._hosted(lambda: self.primary.transcribe(audio, prompt=prompt))
        if answered and transcript is not None:
            return transcript
        self._offline()
        return self.fallback.transcribe(audio, prompt=prompt)


class FallbackSpeaker(_Fallback):
    """`Speaker` that serves a call (or the rest of an utterance) with the offline voice when Groq fails.

    `stream` chunks the text itself and sends each chunk to a voice as a whole utterance, so a failure
    mid-question resumes at the chunk that failed; `synthesize` keeps one voice per utterance.
    """

    def __init__(
        self, primary: Speaker, fallback: Speaker, *, breaker: CircuitBreaker | None = None, notice: str = TTS_NOTICE
    ) -> None:
        super().__init__(breaker, notice)
        self.primary, self.fallback = primary, fallback

    def synthesize(self, text: str) -> SpeechAudio:
        if not text.strip():
            raise InvalidInput("There is no text to speak.")
        return self._speak(text)

    def stream(self, text: str) -> Iterator[SpeechAudio]:
        """Chunk once here; once a chunk fell back, the rest of this utterance stays on the offline voice."""
        offline = False
        for chunk in chunk_text(text):
            if not offline:
                answered, audio = self._hosted(lambda chunk=chunk: self.primary.synthesize(chunk))  # type: ignore[misc]
                if answered and audio is not None:
                    yield audio
                    continue
                offline = True
                self._offline()
            yield self.fallback.synthesize(chunk)

    def _speak(self, text: str) -> SpeechAudio:
        answered, audio = self._hosted(lambda: self.primary.synthesize(text))
        if answered and audio is not None:
            return audio
        self._offline()
        return self.fallback.synthesize(text)


class FallbackChatModel(_Fallback):
    """`ChatModel` guarded by a breaker, served by an offline model when there is one (see the module docstring)."""

    def __init__(
        self,
        primary: ChatModel,
        fallback: ChatModel | None,
        *,
        breaker: CircuitBreaker | None = None,
        notice: str = LLM_NOTICE,
    ) -> None:
        super().__init__(breaker, notice)
        self.primary, self.fallback = primary, fallback

    def complete(self, messages: Sequence[ChatMessage], *, options: ChatOptions = DEFAULT_CHAT) -> str:
        answered, reply = self._hosted(
lambda: self.primary.complete(messages, options=options))
        if answered and reply is not None:
            return reply
        return self._offline_model().complete(messages, options=options)

    def stream(self, messages: Sequence[ChatMessage], *, options: ChatOptions = DEFAULT_CHAT) -> Iterator[str]:
        if self.breaker.allow():
            started = False
            try:
                for delta in self.primary.stream(messages, options=options):
                    started = True
                    yield delta
            except FALLBACK_ERRORS as exc:
                self._fell_back(exc)
                if started:
                    notices.record(self.notice_text)
                    raise
            except BaseException:  # a refused request, or the consumer stopped reading (GeneratorExit)
                self.breaker.released()
                raise
            else:
                self.breaker.succeeded()
                return
        yield from self._offline_model().stream(messages, options=options)

    def _offline_model(self) -> ChatModel:
        """The offline model for this call (noting it for the request), or the error for the caller's rules."""
        self._offline()
        if self.fallback is None:
            raise ProviderUnavailable(self.reason or "The hosted model is unavailable for now.")
        return self.fallback
