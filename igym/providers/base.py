"""One Protocol per capability; vendor modules implement them and map their errors to `igym.errors`.

`Transcriber` (speech to text with word timings), `Speaker` (text to speech, whole or sentence by sentence)
and `ChatModel` (a conversation, whole or streamed). Implementations must be safe to share between threads (the UI
keeps one per process), must not download anything unless they are the hosted variant, and must raise only
`igym.errors.ProviderError` subclasses (or `AudioError` for audio they refuse).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Protocol, runtime_checkable

import numpy as np

from igym.models import Transcript
from igym.providers.types import DEFAULT_CHAT, ChatMessage, ChatOptions, SpeechAudio


@runtime_checkable
class Transcriber(Protocol):
    """Speech to text with word timings, for one whole answer at a time.

    Why word timings: the analysis counts fillers and measures pace from them (pauses come from the VAD).
    One instance is shared by every session and thread, and `transcribe` must not modify `audio`: the
    fallback hands the very same array to the offline transcriber when the hosted one fails.
    """

    def transcribe(self, audio: np.ndarray, *, prompt: str | None = None) -> Transcript:
        """Transcribe one answer.

        Args:
            audio: 16 kHz mono float32 samples in [-1, 1] (what `igym.audio.decode_audio` returns).
            prompt: optional context (the question, names) to bias spelling; None lets the implementation
                use its own default; "" means no prompt at all (how `igym.analysis.coverage` transcribes a
                skipped stretch again).

        Returns:
            The transcript with one `Word` per word, timed in seconds from the start of `audio`.
        """
        ...


def for_stretches(transcriber: Transcriber) -> Transcriber:
    """The transcriber for stretches of a live answer cut in the middle of a pause (early transcription).

    A provider that can do such audio faster offers it as ``stretches()`` (offline Whisper encodes them on a
    shorter window, `igym.providers.offline_stt`); any other transcriber is used as it is.
    """
    stretches = getattr(transcriber, "stretches", None)
    return stretches() if callable(stretches) else transcriber


@runtime_checkable
class Speaker(Protocol):
    """Text to speech, whole or sentence by sentence.

    Implementations split text with `igym.providers.text_chunks.chunk_text`, so every Speaker breaks an
    utterance at the same places. They are shared between threads; `stream` generators are not (one consumer
    each), but several may run at once.
    """

    def synthesize(self, text: str) -> SpeechAudio:
        """Speak all of `text` as one WAV file.

        Raises:
            InvalidInput: `text` has nothing to say (empty or only whitespace).
            ProviderError: the voice failed; nothing partial is returned.
        """
        ...

    def stream(self, text: str) -> Iterator[SpeechAudio]:
        """Yield one playable WAV per sentence chunk, in order, each as soon as it is ready.

        The first chunk is yielded before the next one is synthesized, so playback can start after one
        sentence. Stopping the iteration early stops synthesis. Yields nothing for empty text.

        Raises:
            ProviderError: while iterating, when the voice fails; chunks already yielded stay valid.
        """
        ...


@runtime_checkable
class ChatModel(Protocol):
    """A language model that continues a conversation (the interviewer, the feedback writer).

    `complete` serves the feedback and resume parsing, which need the whole (often JSON) reply; `stream`
    serves the interviewer, whose first sentence goes to a `Speaker` before the rest has arrived. One
    instance is shared between threads; each call is independent and keeps no conversation state.
    """

    def complete(self, messages: Sequence[ChatMessage], *, options: ChatOptions = DEFAULT_CHAT) -> str:
        """Return the model's whole reply.

        Args:
            messages: the conversation so far, system prompt first.
            options: temperature, length cap and JSON output (`ChatOptions`).

        Raises:
            ProviderError: the model failed or timed out.
        """
        ...

    def stream(self, messages: Sequence[ChatMessage], *, options: ChatOptions = DEFAULT_CHAT) -> Iterator[str]:
        """Yield the reply as text deltas in order; their concatenation is the whole reply.

        Raises:
            ProviderError: while iterating, when the model fails; deltas already yielded stay valid.
        """
        ...
