"""The base class of every `Speaker`: it chunks, streams and joins; a vendor writes only one chunk's call.

Why: the interviewer's question must start playing after its first sentence, every voice must break an
utterance at the same places (so the fallback can switch voices mid-question at a chunk boundary), and
empty text must be refused the same way whichever voice is configured. Keeping that here, as pipecat's
service base classes do, leaves `GroqSpeaker` and `PiperSpeaker` with just `_synthesize_chunk`.

How: `stream` splits the text with `chunk_text` and is a generator that synthesizes the next chunk only when
the caller asks for it, so the first audio is ready after one chunk and a caller that stops early (the
candidate skipped the question) costs nothing further. `synthesize` takes every chunk and joins them with
the subclass's `sentence_gap_s` of silence.

Threads: one instance is shared by every session; each call keeps its state in its own generator, so the
subclass's `_synthesize_chunk` is all that must be thread-safe. Failures: whatever `_synthesize_chunk`
raises (a `ProviderError`) propagates; chunks `stream` already yielded stay valid, and `synthesize` returns
nothing partial.
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Iterator
from typing import ClassVar

from igym.errors import InvalidInput
from igym.providers.base import Speaker
from igym.providers.text_chunks import MAX_CHUNK_CHARS, chunk_text
from igym.providers.types import SpeechAudio, join_speech


class ChunkedSpeaker(Speaker):
    """A `Speaker` that speaks sentence chunk by sentence chunk; subclasses implement `_synthesize_chunk`.

    Attributes:
        sentence_gap_s: the silence `synthesize` puts between chunks; a voice that ends its chunks with
            little silence of its own needs less than one that trails off.
    """

    sentence_gap_s: ClassVar[float] = 0.2

    def __init__(self, *, max_chars: int = MAX_CHUNK_CHARS) -> None:
        self._max_chars = max_chars

    def synthesize(self, text: str) -> SpeechAudio:
        """Speak all of `text` as one WAV, chunks `sentence_gap_s` apart.

        Raises:
            InvalidInput: nothing to say (empty, only whitespace, or nothing the voice can pronounce).
            ProviderError: any chunk failed; no partial audio is returned.
        """
        parts = list(self.stream(text))
        if not parts:
            raise InvalidInput("There is no text to speak.")
        return join_speech(parts, gap_s=self.sentence_gap_s)

    def stream(self, text: str) -> Iterator[SpeechAudio]:
        """Yield one WAV per chunk, synthesizing each only when the caller asks for it."""
        for chunk in chunk_text(text, limit=self._max_chars):
            audio = self._synthesize_chunk(chunk)
            if audio is not None:
                yield audio

    @abstractmethod
    def _synthesize_chunk(self, chunk: str) -> SpeechAudio | None:
        """One chunk, already within `max_chars`, as a playable WAV; None when there is nothing to pronounce.

        Called from any thread, possibly several at once.

        Raises:
            ProviderError: the voice failed.
        """
