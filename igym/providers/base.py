"""One Protocol per capability; vendor modules implement them and map their errors to `igym.errors`.

Only the transcriber is defined here so far. Implementations must be safe to share between threads (the UI
keeps one per process), must not download anything unless they are the hosted variant, and must raise only
`igym.errors.ProviderError` subclasses (or `AudioError` for audio they refuse).
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

import numpy as np

from igym.models import Transcript


@runtime_checkable
class Transcriber(Protocol):
    """Speech to text with word timings."""

    def transcribe(self, audio: np.ndarray, *, prompt: str | None = None) -> Transcript:
        """Transcribe one answer.

        Args:
            audio: 16 kHz mono float32 samples in [-1, 1] (what `igym.audio.decode_audio` returns).
            prompt: optional context (the question, names) to bias spelling; None lets the implementation
                use its own default.

        Returns:
            The transcript with one `Word` per word, timed in seconds from the start of `audio`.
        """
        ...
