"""The speech cache: one request per line and voice, whatever the concurrency; failures never kept; bounded by bytes.

The network tests drive the real `groq` SDK against the loopback server (tests/groq_server.py), which records
every request it gets.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as text_st

from igym.config import Settings
from igym.errors import InvalidInput, ProviderError
from igym.providers.groq_tts import GroqSpeaker
from igym.providers.speech_cache import CachedSpeaker, SpeechCache
from igym.providers.text_chunks import chunk_text
from igym.providers.types import SpeechAudio, speech_from_wav
from tests.groq_server import GroqServer, speech_wav

LINE = "Tell me about a time you improved the way your team worked."
SPEECH = "/openai/v1/audio/speech"


def _groq_voice(settings: Callable[..., Settings], cache: SpeechCache, *, voice: str = "troy") -> CachedSpeaker:
    """Groq's voice `voice` (no SDK retries, so one failure is one failed request) behind `cache`."""
    speaker = GroqSpeaker.from_settings(settings(groq={"tts_voice": voice}), max_retries=0)
    return CachedSpeaker(speaker, cache, identity=("groq", "orpheus", voice))


def _together(n: int, call: Callable[[], object]) -> list[object]:
    """Run `call` in `n` threads released at the same moment; each result or the exception it raised."""
    start = threading.Barrier(n)
    results: list[object] = [None] * n

    def run(i: int) -> None:
        start.wait()
        try:
            results[i] = call()
        except Exception as exc:
            results[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return results


def test_many_threads_asking_for_one_line_send_one_request(
    groq_server: GroqServer, groq_settings: Callable[..., Settings]
) -> None:
    cache = SpeechCache()
    voice = _groq_voice(groq_settings, cache)
    groq_server.fail(1, delay_s=0.5)  # the one request is slow, so every thread arrives while it runs

    results = _together(8, lambda: voice.synthesize(LINE))

    assert len(groq_server.requests_to(SPEECH)) == 1
    assert all(isinstance(r, SpeechAudio) for r in results)
    assert len({r.data for r in results if isinstance(r, SpeechAudio)}) == 1
    voice.synthesize(LINE)  # later: from the cache
    assert len(groq_server.requests_to(SPEECH)) == 1
    assert cache.requests == 1 and cache.hits == 8


def test_another_voice_or_another_line_is_its_own_request(
    groq_server: GroqServer, groq_settings: Callable[..., Settings]
) -> None:
    cache = SpeechCache()
    troy, hannah = _groq_voice(groq_settings, cache), _groq_voice(groq_settings, cache, voice="hannah")

    troy.synthesize(LINE)
    hannah.synthesize(LINE)
    troy.synthesize("A different question?")
    troy.synthesize(LINE)
    hannah.synthesize(LINE)

    sent = [(r.json["voice"], r.json["input"]) for r in groq_server.requests_to(SPEECH)]
    assert sent == [("troy", LINE), ("hannah", LINE), ("troy", "A different question?")]


def test_a_failure_reaches_every_waiter_and_is_not_kept(
    groq_server: GroqServer, groq_settings: Callable[..., Settings]
) -> None:
    cache = SpeechCache()
    voice = _groq_voice(groq_settings, cache)
    groq_server.fail(1, status=503, message="overloaded", delay_s=0.5)

    results = _together(5, lambda: voice.synthesize(LINE))

    assert len(groq_server.requests_to(SPEECH)) == 1  # the waiters did not each try again
    assert all(isinstance(r, ProviderError) for r in results), results
    assert len({id(r) for r in results}) == 1  # the very error the synthesis raised
    assert len(cache) == 0

    assert isinstance(voice.synthesize(LINE), SpeechAudio)  # the next request tries again, and is kept
    assert len(groq_server.requests_to(SPEECH)) == 2
    voice.synthesize(LINE)
    assert len(groq_server.requests_to(SPEECH)) == 2


def test_stream_goes_through_the_cache_chunk_by_chunk(
    groq_server: GroqServer, groq_settings: Callable[..., Settings]
) -> None:
    question = "Thanks for joining today. " + LINE + " Take your time before you answer, there's no rush at all."
    chunks = chunk_text(question)
    assert len(chunks) >= 2
    voice = _groq_voice(groq_settings, SpeechCache())

    stream = voice.stream(question)
    first = next(stream)
    assert first.text == chunks[0] and len(groq_server.requests_to(SPEECH)) == 1  # the rest only when asked
    assert [p.text for p in stream] == chunks[1:]
    assert [p.text for p in voice.stream(question)] == chunks  # all cached now
    assert len(groq_server.requests_to(SPEECH)) == len(chunks)


def test_empty_text_is_refused_before_the_cache() -> None:
    voice = CachedSpeaker(_Counting(), SpeechCache(), identity=("fake",))
    with pytest.raises(InvalidInput):
        voice.synthesize("  \n")
    assert list(voice.stream("")) == []


class _Counting:
    """A voice that makes `size` bytes of WAV per line and counts its calls."""

    def __init__(self, size: int = 1000) -> None:
        self.size = size
        self.calls: list[str] = []

    def synthesize(self, text: str) -> SpeechAudio:
        self.calls.append(text)
        return _audio(text, self.size)

    def stream(self, text: str):  # type: ignore[no-untyped-def]
        yield self.synthesize(text)


def _audio(text: str, size: int) -> SpeechAudio:
    wav = speech_wav("x" * max(1, (size - 44) // 960))  # 0.01 s per char at 48 kHz, 16-bit: 960 bytes a char
    return speech_from_wav(wav, text=text)


def test_the_byte_bound_evicts_the_least_recently_used() -> None:
    size = len(_audio("a", 10_000).data)
    cache = SpeechCache(max_bytes=3 * size)
    inner = _Counting(10_000)
    voice = CachedSpeaker(inner, cache, identity=("fake",))

    for line in ("one", "two", "three"):
        voice.synthesize(line)
    voice.synthesize("one")  # used again: now "two" is the least recently used
    voice.synthesize("four")  # over the bound: "two" goes

    assert cache.size_bytes == 3 * size and len(cache) == 3
    assert ("fake", "two") not in cache and ("fake", "one") in cache
    voice.synthesize("two")
    assert inner.calls == ["one", "two", "three", "four", "two"]


def test_a_line_bigger_than_the_bound_is_served_not_kept_and_zero_turns_caching_off() -> None:
    inner = _Counting(10_000)
    small = CachedSpeaker(inner, SpeechCache(max_bytes=100), identity=("fake",))
    small.synthesize("long")
    small.synthesize("long")
    off = CachedSpeaker(inner, SpeechCache(max_bytes=0), identity=("fake",))
    off.synthesize("again")
    off.synthesize("again")
    assert inner.calls == ["long", "long", "again", "again"]
    with pytest.raises(ValueError):
        SpeechCache(max_bytes=-1)


@given(text_st.lists(text_st.text(min_size=1, max_size=40).filter(str.strip), min_size=1, max_size=12))
def test_every_text_gets_its_own_audio_and_is_made_once(lines: list[str]) -> None:
    inner = _Counting(200)
    voice = CachedSpeaker(inner, SpeechCache(), identity=("fake",))

    for line in lines + lines:
        assert voice.synthesize(line).text == line

    assert inner.calls == list(dict.fromkeys(lines))  # each distinct text once, in first-asked order
