"""Carry an interview on with the offline provider when Groq stays down.

Why: a candidate mid-interview must not lose an answer or stall because the hosted service went away. Each
wrapper calls the hosted provider until it raises `ProviderUnavailable`, `ProviderTimeout` or
`ProviderRateLimited` (the SDK has already retried by then), then serves that call and every later one from
the offline provider, and keeps a notice for the page to show. Other errors (a refused request) pass
through: switching would hide a bug.

Per process: the switch is state on the wrapper, and the app builds one wrapper per capability per process
(`igym.services.build_services`, cached by the UI in `st.cache_resource`), shared by every browser session.
So the first call that finds Groq down moves every browser session in the process offline, and it stays
offline until the process restarts: the switch never flips back. The interview page shows the notice on
every run from then on, to everyone.

Threads: the switch is guarded by a lock, and flipping it is idempotent, so concurrent calls that fail
together record one notice. The lock is never held while a provider runs; a call that started on Groq before
another thread switched finishes on Groq (or falls back itself).

What falls back how:
    transcribe    the same audio goes to the offline transcriber, so the answer is never lost;
    synthesize    the whole text is spoken offline (one voice per utterance);
    stream        chunks already played stay; the failed chunk and the rest come from the offline voice;
    chat          before the first delta, the offline model answers instead; after some text was already
                  shown, the error is raised (splicing two models' replies would read as nonsense), but
                  later calls go offline.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator, Sequence

import numpy as np

from igym.errors import InvalidInput, ProviderRateLimited, ProviderTimeout, ProviderUnavailable
from igym.models import Transcript
from igym.providers.base import ChatModel, Speaker, Transcriber
from igym.providers.text_chunks import chunk_text
from igym.providers.types import ChatMessage, SpeechAudio

log = logging.getLogger(__name__)

FALLBACK_ERRORS = (ProviderUnavailable, ProviderTimeout, ProviderRateLimited)

STT_NOTICE = "Groq speech-to-text is unavailable; continuing with offline transcription."
TTS_NOTICE = "Groq text-to-speech is unavailable; the interviewer continues with the offline voice."
LLM_NOTICE = "Groq's interviewer model is unavailable; continuing with the offline interviewer."


class _Switch:
    """Whether the wrapper (for the whole process) went offline, and the notice to show; lock-guarded, flips once."""

    def __init__(self, notice: str) -> None:
        self.notice_text = notice
        self._lock = threading.Lock()
        self._offline = False
        self._reason: str | None = None

    @property
    def offline(self) -> bool:
        with self._lock:
            return self._offline

    @property
    def notice(self) -> str | None:
        with self._lock:
            return self.notice_text if self._offline else None

    @property
    def reason(self) -> str | None:
        with self._lock:
            return self._reason

    def trip(self, exc: Exception) -> None:
        with self._lock:
            if self._offline:
                return
            self._offline, self._reason = True, str(exc)
        log.warning("Switching to offline until restart: %s", exc)


class _Fallback:
    """Shared surface of the wrappers: the notice, the state, and which provider is in use.

    Attributes:
        primary: the hosted provider, used until it fails the way `FALLBACK_ERRORS` lists.
        fallback: the offline provider, used for that call and every later one.
    """

    _switch: _Switch

    @property
    def notice(self) -> str | None:
        """A message for users once the wrapper has gone offline (for everyone using it), else None."""
        return self._switch.notice

    @property
    def is_offline(self) -> bool:
        """True once a call found the hosted provider down; it stays true for the life of the wrapper."""
        return self._switch.offline

    @property
    def reason(self) -> str | None:
        """The hosted provider's error that caused the switch (for logs and support, not for users)."""
        return self._switch.reason


class FallbackTranscriber(_Fallback):
    """`Transcriber` that moves to the offline transcriber when Groq fails; the audio is never lost.

    The failed call's audio is transcribed offline at once, so the candidate's answer is saved either way.
    """

    def __init__(self, primary: Transcriber, fallback: Transcriber, *, notice: str = STT_NOTICE) -> None:
        self.primary, self.fallback = primary, fallback
        self._switch = _Switch(notice)


    def transcribe(self, audio: np.ndarray, *, prompt: str | None = None) -> Transcript:
        if not self._switch.offline:
            try:
                return self.primary.transcribe(audio, prompt=prompt)
            except FALLBACK_ERRORS as exc:
                self._switch.trip(exc)
        return self.fallback.transcribe(audio, prompt=prompt)


class FallbackSpeaker(_Fallback):
    """`Speaker` that moves to the offline voice when Groq fails, mid-utterance if need be.

    `stream` chunks the text itself and sends each chunk to a voice as a whole utterance, so a switch
    mid-question resumes at the chunk that failed; `synthesize` keeps one voice per utterance.
    """

    def __init__(self, primary: Speaker, fallback: Speaker, *, notice: str = TTS_NOTICE) -> None:
        self.primary, self.fallback = primary, fallback
        self._switch = _Switch(notice)


    def synthesize(self, text: str) -> SpeechAudio:
        if not text.strip():
            raise InvalidInput("There is no text to speak.")
        if not self._switch.offline:
            try:
                return self.primary.synthesize(text)
            except FALLBACK_ERRORS as exc:
                self._switch.trip(exc)
        return self.fallback.synthesize(text)

    def stream(self, text: str) -> Iterator[SpeechAudio]:
        """Chunk once here, so a mid-utterance switch resumes at the exact chunk that failed."""
        for chunk in chunk_text(text):
            yield self._speak_chunk(chunk)

    def _speak_chunk(self, chunk: str) -> SpeechAudio:
        if not self._switch.offline:
            try:
                return self.primary.synthesize(chunk)
            except FALLBACK_ERRORS as exc:
                self._switch.trip(exc)
        return self.fallback.synthesize(chunk)


class FallbackChatModel(_Fallback):
    """`ChatModel` that moves to an offline model when Groq fails.

    A stream that broke after its first delta raises rather than splice two models' replies; the switch
    is flipped all the same, so the next turn goes offline (see the module docstring).
    """

    def __init__(self, primary: ChatModel, fallback: ChatModel, *, notice: str = LLM_NOTICE) -> None:
        self.primary, self.fallback = primary, fallback
        self._switch = _Switch(notice)


    def complete(
        self,
        messages: Sequence[ChatMessage],
        *,
        temperature: float | None = None,
        max_tokens: int | None = None,
        json_output: bool = False,
    ) -> str:
        if not self._switch.offline:
            try:
                return self.primary.complete(
                    messages, temperature=temperature, max_tokens=max_tokens, json_output=json_output
                )
            except FALLBACK_ERRORS as exc:
                self._switch.trip(exc)
        return self.fallback.complete(messages, temperature=temperature, max_tokens=max_tokens, json_output=json_output)

    def stream(
        self,
        messages: Sequence[ChatMessage],
        *,
        temperature: float | None = None,
        max_tokens: int | None = None,
    ) -> Iterator[str]:
        if not self._switch.offline:
            started = False
            try:
                for delta in self.primary.stream(messages, temperature=temperature, max_tokens=max_tokens):
                    started = True
                    yield delta
                return
            except FALLBACK_ERRORS as exc:
                self._switch.trip(exc)
                if started:
                    raise
        yield from self.fallback.stream(messages, temperature=temperature, max_tokens=max_tokens)
