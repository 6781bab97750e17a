"""Groq text-to-speech (Orpheus), one request per sentence chunk.

Why chunks: the service accepts at most 200 characters per request, and the interviewer's first sentence can
play while the rest are synthesized. `stream` is a generator that sends the next request only when the
caller asks for the next chunk, so the first audio is ready after one round trip and a caller that stops
early (the candidate skipped the question) costs no further requests.

Threads: one instance is shared; every call keeps its state in its own generator and the client is
thread-safe. Failures: SDK errors are mapped by `groq_errors` after the SDK's retries; a WAV that cannot be
read becomes `ProviderUnavailable`. Chunks already yielded stay valid when a later one fails.
"""

from __future__ import annotations

from collections.abc import Iterator

import groq

from igym.config import Settings
from igym.errors import InvalidInput, ProviderUnavailable
from igym.providers.groq_provider import groq_errors, make_client
from igym.providers.text_chunks import MAX_CHUNK_CHARS, chunk_text
from igym.providers.types import SpeechAudio, join_speech, speech_from_wav

SENTENCE_GAP_S = 0.15  # Orpheus ends each chunk with little silence; a short gap keeps sentences apart


class GroqSpeaker:
    """`Speaker` backed by Groq TTS; the model id and voice come from settings."""

    def __init__(self, client: groq.Groq, *, model: str, voice: str, max_chars: int = MAX_CHUNK_CHARS) -> None:
        self._client = client
        self._model = model
        self._voice = voice
        self._max_chars = max_chars

    @classmethod
    def from_settings(cls, settings: Settings, *, max_retries: int | None = None) -> GroqSpeaker:
        return cls(
            make_client(settings, max_retries=max_retries),
            model=settings.groq.tts_model,
            voice=settings.groq.tts_voice,
        )

    def synthesize(self, text: str) -> SpeechAudio:
        """Speak all of `text` as one WAV (chunks joined with a short gap).

        Raises:
            InvalidInput: nothing to say.
            ProviderError: any chunk failed; no partial audio is returned.
        """
        parts = list(self.stream(text))
        if not parts:
            raise InvalidInput("There is no text to speak.")
        return join_speech(parts, gap_s=SENTENCE_GAP_S)

    def stream(self, text: str) -> Iterator[SpeechAudio]:
        """Yield one WAV per chunk, requesting each only when the previous one has been taken."""
        for chunk in chunk_text(text, limit=self._max_chars):
            yield self._synthesize_chunk(chunk)

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
