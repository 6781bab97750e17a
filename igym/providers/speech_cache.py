"""Speak each line once per process: a byte-bounded, single-flight cache of synthesized speech.

Why: Streamlit reruns a page script whenever anything changes, and a new tab or a reload is a new browser
session, so the UI's own per-session memo does not stop the same line being synthesized again. In hosted mode
the opening question was sent to Groq twice, concurrently, in every session: the first run of the interview
page and the rerun the live microphone component triggers when it mounts both found no audio in the session
state and both synthesized (issue 17: 4 paid speech requests instead of 2). Questions come from a bank and
are asked of many candidates, so the same line is also worth keeping across sessions.

How: `SpeechCache` maps (provider, voice, text) to the `SpeechAudio` it produced, least recently used first
out once the WAVs together exceed `max_bytes` (`IGYM_TTS_CACHE_MB`; 0 turns caching off, a single line larger
than the bound is returned but not kept). `CachedSpeaker` wraps one `Speaker` (the registry wraps Groq's and
Piper's, *inside* the fallback, so a Groq failure still falls back per request and the offline voice is never
cached as Groq's). `stream` goes through the cache chunk by chunk, so the first sentence still plays after
one round trip and a stopped stream costs nothing further.

Threads: one cache and one wrapper per process, shared by every session. Callers asking for a line that is
being synthesized wait for that one synthesis instead of starting another (single flight); the lock is never
held while a provider runs, so different lines are synthesized in parallel. Failures: an error is never
cached. The caller that ran the synthesis raises it, and so does every caller that was waiting for it (the
same exception object); the next request for that line tries again.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator

from igym.errors import InvalidInput
from igym.providers.base import Speaker
from igym.providers.text_chunks import chunk_text
from igym.providers.types import SpeechAudio

DEFAULT_MAX_BYTES = 64 * 1024 * 1024  # ≈ 130 spoken questions of ≈ 0.5 MB

Key = tuple[Hashable, ...]


class _Flight:
    """One synthesis in progress: waiters block on `done`, then read `audio` or `error`."""

    def __init__(self) -> None:
        self.done = threading.Event()
        self.audio: SpeechAudio | None = None
        self.error: BaseException | None = None


class SpeechCache:
    """Synthesized speech by key, at most `max_bytes` of WAV in all, least recently used out first.

    Thread-safe; see the module docstring for single flight and failures. `requests` counts the syntheses
    this cache let through (misses), `hits` the lines it answered itself (including waiters).
    """

    def __init__(self, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        if max_bytes < 0:
            raise ValueError("max_bytes must be 0 or more")
        self.max_bytes = max_bytes
        self._lock = threading.Lock()
        self._kept: OrderedDict[Key, SpeechAudio] = OrderedDict()
        self._bytes = 0
        self._flights: dict[Key, _Flight] = {}
        self.requests = 0
        self.hits = 0

    @property
    def size_bytes(self) -> int:
        with self._lock:
            return self._bytes

    def __len__(self) -> int:
        with self._lock:
            return len(self._kept)

    def __contains__(self, key: object) -> bool:
        with self._lock:
            return key in self._kept

    def get_or_make(self, key: Key, make: Callable[[], SpeechAudio]) -> SpeechAudio:
        """The audio kept for `key`, or `make()`'s, run once however many threads ask at the same time.

        Raises:
            Whatever `make` raised, in the caller that ran it and in every caller that waited for it.
        """
        with self._lock:
            kept = self._kept.get(key)
            if kept is not None:
                self._kept.move_to_end(key)
                self.hits += 1
                return kept
            flight = self._flights.get(key)
            leader = flight is None
            if flight is None:
                flight = self._flights[key] = _Flight()
                self.requests += 1
            else:
                self.hits += 1
        if not leader:
            flight.done.wait()
            if flight.error is not None:
                raise flight.error
            assert flight.audio is not None
            return flight.audio
        try:
            audio = make()
        except BaseException as exc:
            flight.error = exc
            with self._lock:
                del self._flights[key]
            flight.done.set()
            raise
        flight.audio = audio
        with self._lock:
            del self._flights[key]
            self._keep(key, audio)
        flight.done.set()
        return audio

    def clear(self) -> None:
        with self._lock:
            self._kept.clear()
            self._bytes = 0

    def _keep(self, key: Key, audio: SpeechAudio) -> None:
        """Under the lock: keep `audio` and evict the least recently used until within the bound."""
        size = len(audio.data)
        if size > self.max_bytes:
            return  # bigger than the whole cache (or caching is off): served, not kept
        old = self._kept.pop(key, None)
        if old is not None:
            self._bytes -= len(old.data)
        self._kept[key] = audio
        self._bytes += size
        while self._bytes > self.max_bytes:
            _, evicted = self._kept.popitem(last=False)
            self._bytes -= len(evicted.data)


class CachedSpeaker:
    """A `Speaker` that asks `inner` only for lines `cache` does not hold yet (see the module docstring).

    Attributes:
        inner: the wrapped speaker (warm-up loads it through this attribute).
        identity: what tells this voice's audio apart in a shared cache: the provider, model and voice.
    """

    def __init__(self, inner: Speaker, cache: SpeechCache, *, identity: tuple[str, ...]) -> None:
        self.inner = inner
        self.cache = cache
        self.identity = identity

    @property
    def primary(self) -> Speaker:
        """The wrapped speaker, under the name `igym.providers.warmup.load_provider` looks for."""
        return self.inner

    def synthesize(self, text: str) -> SpeechAudio:
        """`inner.synthesize(text)`, once per (voice, text) while it stays cached; errors as `inner`'s."""
        if not text.strip():
            raise InvalidInput("There is no text to speak.")
        return self.cache.get_or_make((*self.identity, text), lambda: self.inner.synthesize(text))

    def stream(self, text: str) -> Iterator[SpeechAudio]:
        """One WAV per sentence chunk, each through the cache, each synthesized only when asked for."""
        for chunk in chunk_text(text):
            try:
                yield self.synthesize(chunk)
            except InvalidInput:
                continue  # nothing this voice can pronounce in the chunk, as `ChunkedSpeaker.stream` skips it
