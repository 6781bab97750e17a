"""Transcribers for the coverage tests: tiny.en loaded once, and doubles around it that lose speech on purpose.

The doubles implement the `Transcriber` protocol by calling the real offline model and then doing what a real
decode was seen to do: drop everything after the first long pause when it decodes with the prompt (the
reproduced failure), or hear nothing at all without it (speech Whisper cannot make out). Results are cached by
audio and prompt, so each distinct decode runs once per test run.
"""

from __future__ import annotations

import hashlib

import numpy as np
import pytest

from igym.models import Transcript
from igym.providers.offline_stt import OfflineWhisperTranscriber


@pytest.fixture(scope="session")
def tiny() -> OfflineWhisperTranscriber:
    model = OfflineWhisperTranscriber(model="tiny.en")
    model.load()
    return model


class CachedTranscriber:
    """The real transcriber, each (audio, prompt) decoded once; records the prompt of every call."""

    def __init__(self, inner: OfflineWhisperTranscriber) -> None:
        self.inner = inner
        self.cache: dict[tuple[str, str | None], Transcript] = {}
        self.prompts: list[str | None] = []

    def transcribe(self, audio: np.ndarray, *, prompt: str | None = None) -> Transcript:
        self.prompts.append(prompt)
        key = (hashlib.sha256(audio.tobytes()).hexdigest(), prompt)
        if key not in self.cache:
            self.cache[key] = self.inner.transcribe(audio, prompt=prompt)
        return self.cache[key]


class SkipsAfterFirstPause(CachedTranscriber):
    """With its prompt (any prompt but ""), keeps only the words before `cut_s`; without, hears `unprompted`."""

    def __init__(self, inner: OfflineWhisperTranscriber, *, cut_s: float, hears_unprompted: bool = True) -> None:
        super().__init__(inner)
        self.cut_s = cut_s
        self.hears_unprompted = hears_unprompted

    def transcribe(self, audio: np.ndarray, *, prompt: str | None = None) -> Transcript:
        full = super().transcribe(audio, prompt=prompt)
        if prompt == "":
            return full if self.hears_unprompted else Transcript(text="", duration_s=full.duration_s)
        words = tuple(w for w in full.words if (w.start or 0.0) < self.cut_s)
        return Transcript(
            text=" ".join(w.text for w in words), words=words, duration_s=full.duration_s, used_prompt=True
        )


@pytest.fixture(scope="session")
def cached(tiny: OfflineWhisperTranscriber) -> CachedTranscriber:
    return CachedTranscriber(tiny)
