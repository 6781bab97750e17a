"""Process-wide providers that are built on first use, and the notices they raise.

Building a provider is cheap but its first use is not (Whisper and Piper load models of 50–150 MB), and an
offline-only page such as the dashboard should never pay for them. Each holder builds its provider once,
under a lock, from the registry, then delegates. `notices()` collects the fallback wrappers' user-facing
messages while their breakers are open ("… using offline transcription for now") for the page to show.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Generic, TypeVar

import numpy as np

from igym.config import Settings
from igym.models import Transcript
from igym.providers import registry
from igym.providers.base import Speaker, Transcriber, for_stretches
from igym.providers.types import SpeechAudio

P = TypeVar("P")


class _Lazy(Generic[P]):
    """Builds its provider on first `get()`, under a lock, so two threads racing the first use build one."""

    def __init__(self, build: Callable[[], P]) -> None:
        self._build = build
        self._built: P | None = None
        self._lock = threading.Lock()

    def get(self) -> P:
        with self._lock:
            if self._built is None:
                self._built = self._build()
            return self._built

    @property
    def notice(self) -> str | None:
        """The built provider's notice while its breaker is open (served offline for now); None before first use."""
        return getattr(self._built, "notice", None) if self._built is not None else None


class LazyTranscriber(_Lazy[Transcriber]):
    """The process's `Transcriber`, built from settings on the first answer instead of at start-up.

    Why: pages that never transcribe (the dashboard, progress) should not pay for loading Whisper. Shared
    between threads; once built it only delegates, so it is as thread-safe as the provider it holds. A
    failure to build (the offline model missing) is raised from that first call and retried on the next.
    """

    def __init__(self, settings: Settings) -> None:
        super().__init__(lambda: registry.build_transcriber(settings))

    def transcribe(self, audio: np.ndarray, *, prompt: str | None = None) -> Transcript:
        return self.get().transcribe(audio, prompt=prompt)

    def stretches(self) -> Transcriber:
        """The built provider's way with stretches cut mid-pause (`for_stretches`), built on first use as well."""
        return _LazyStretches(self)


class _LazyStretches:
    def __init__(self, holder: LazyTranscriber) -> None:
        self._holder = holder

    def transcribe(self, audio: np.ndarray, *, prompt: str | None = None) -> Transcript:
        return for_stretches(self._holder.get()).transcribe(audio, prompt=prompt)


class LazySpeaker(_Lazy[Speaker]):
    """The process's `Speaker`, built from settings on the first question spoken (see `LazyTranscriber`)."""

    def __init__(self, settings: Settings) -> None:
        super().__init__(lambda: registry.build_speaker(settings))

    def synthesize(self, text: str) -> SpeechAudio:
        return self.get().synthesize(text)

    def stream(self, text: str) -> Iterator[SpeechAudio]:
        return self.get().stream(text)


def notices(*holders: object) -> list[str]:
    """User-facing notices of every provider whose breaker is open right now, in the order given."""
    found = []
    for holder in holders:
        notice = getattr(holder, "notice", None)
        if isinstance(notice, str) and notice:
            found.append(notice)
    return found
