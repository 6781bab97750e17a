"""Groq text-to-speech (Orpheus), one request per sentence chunk.

Why chunks: the service accepts at most 200 characters per request, and the interviewer's first sentence can
play while the rest are synthesized. `ChunkedSpeaker` does the chunking and streaming: the next request is
sent only when the caller asks for the next chunk, so the first audio is ready after one round trip and a
caller that stops early (the candidate skipped the question) costs no further requests. This module is only
the request for one chunk.

Threads: one instance is shared; the client is thread-safe. Failures: SDK errors are mapped by `groq_errors`
after the SDK's retries; a WAV that cannot be read becomes `ProviderUnavailable`. Chunks already yielded stay
valid when a later one fails.
"""

from __future__ import annotations

from typing import ClassVar

import groq

from igym.config import Settings
from igym.errors import ProviderUnavailable
from igym.providers.groq_provider import groq_errors, make_client
from igym.providers.speech import ChunkedSpeaker
from igym.providers.text_chunks import MAX_CHUNK_CHARS
from igym.providers.types import SpeechAudio, speech_from_wav

SENTENCE_GAP_S = 0.15  # Orpheus ends each chunk with little silence; a short gap keeps sentences apart


class GroqSpeaker(ChunkedSpeaker):
    """`Speaker` backed by Groq TTS, one request per chunk; the model id and voice come from settings."""

    sentence_gap_s: ClassVar[float] = SENTENCE_GAP_S

    def __init__(self, client: groq.Groq, *, model: str, voice: str, max_chars: int = MAX_CHUNK_CHARS) -> None:
        super().__init__(max_chars=max_chars)
        self._client = client
        self._model = model
        self._voice = voice

    @classmethod
    def from_settings(cls, settings: Settings, *, max_retries: int | None = None) -> GroqSpeaker:
        """The speaker the settings describe; `max_retries` overrides the SDK's retries (tests use 0)."""
        return cls(
            make_client(settings, max_retries=max_retries),
            model=settings.groq.tts_model,
            voice=settings.groq.tts_voice,
        )

    def _synthesize_chunk(self, chunk: str) -> SpeechAudio:
        """One request for text already within the service's limit."""
        with groq_errors("text-to-speech", client=self._client):
            response = self._client.audio.speech.create(
                model=self._model, voice=self._voice, input=chunk, response_format="wav"
            )
            data = response.read()
        try:
            return speech_from_wav(data, text=chunk)
        except ValueError as exc:
            raise ProviderUnavailable("Groq text-to-speech sent audio that could not be played.") from exc
