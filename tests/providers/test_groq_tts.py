"""Groq text-to-speech: chunks within the limit, in order, streamed one request at a time."""

from __future__ import annotations

import struct
from collections.abc import Callable

import pytest

from igym.config import Settings
from igym.errors import InvalidInput
from igym.providers.groq_tts import SENTENCE_GAP_S, GroqSpeaker
from igym.providers.types import wav_samples
from tests.groq_server import SPEECH_RATE, SPEECH_S_PER_CHAR, GroqServer, speech_wav

QUESTION = (
    "Thanks for making the time today. I'd like to start with a behavioral question, and there is no single "
    "right answer, so take a moment to think before you begin, and feel free to ask me to repeat anything at "
    "all. Tell me about a time you disagreed with a senior colleague about a technical decision, what you did "
    "about it, how the conversation went, and what happened in the end. Take your time."
)


def test_chunks_are_within_200_chars_sent_in_order_with_model_and_voice(
    groq_server: GroqServer, groq_settings: Callable[..., Settings]
) -> None:
    speaker = GroqSpeaker.from_settings(groq_settings(groq={"tts_voice": "hannah"}))

    parts = list(speaker.stream(QUESTION))

    requests = groq_server.requests_to("/openai/v1/audio/speech")
    inputs = [r.json["input"] for r in requests]
    assert len(inputs) >= 4
    assert all(len(text) <= 200 for text in inputs)
    assert " ".join(inputs) == QUESTION
    assert all(r.json["model"] == "canopylabs/orpheus-v1-english" for r in requests)
    assert all(r.json["voice"] == "hannah" and r.json["response_format"] == "wav" for r in requests)
    assert [p.text for p in parts] == inputs
    assert all(p.sample_rate == SPEECH_RATE and p.format == "wav" for p in parts)
    assert [round(p.duration_s, 2) for p in parts] == [round(len(t) * SPEECH_S_PER_CHAR, 2) for t in inputs]


def test_first_chunk_is_playable_before_the_next_is_requested(
    groq_server: GroqServer, groq_settings: Callable[..., Settings]
) -> None:
    stream = GroqSpeaker.from_settings(groq_settings()).stream(QUESTION)

    first = next(stream)

    assert len(groq_server.requests_to("speech")) == 1
    assert first.text == groq_server.requests_to("speech")[0].json["input"]
    assert wav_samples(first).std() > 0.1  # real audio, not an empty header
    second = next(stream)
    assert len(groq_server.requests_to("speech")) == 2
    assert second.text != first.text
    stream.close()  # the candidate skipped the question: nothing more is requested
    assert len(groq_server.requests_to("speech")) == 2


def test_synthesize_joins_every_chunk_into_one_wav(
    groq_server: GroqServer, groq_settings: Callable[..., Settings]
) -> None:
    audio = GroqSpeaker.from_settings(groq_settings()).synthesize(QUESTION)

    inputs = [r.json["input"] for r in groq_server.requests_to("speech")]
    expected = sum(len(t) * SPEECH_S_PER_CHAR for t in inputs) + SENTENCE_GAP_S * (len(inputs) - 1)
    assert audio.duration_s == pytest.approx(expected, abs=0.01)
    assert audio.text == QUESTION


def test_nothing_to_say_is_refused_without_a_request(
    groq_server: GroqServer, groq_settings: Callable[..., Settings]
) -> None:
    with pytest.raises(InvalidInput):
        GroqSpeaker.from_settings(groq_settings()).synthesize("   ")
    assert groq_server.requests == []


def test_a_streaming_style_wav_header_still_gives_the_true_duration(
    groq_server: GroqServer, groq_settings: Callable[..., Settings]
) -> None:
    def unsized_wav(text: str) -> bytes:
        data = bytearray(speech_wav(text))
        data[4:8] = struct.pack("<I", 0xFFFFFFFF)  # RIFF size unknown
        data[40:44] = struct.pack("<I", 0xFFFFFFFF)  # data size unknown, as a live stream writes it
        return bytes(data)

    groq_server.speech = unsized_wav
    (part,) = GroqSpeaker.from_settings(groq_settings()).stream("Hello there, welcome in.")

    assert part.duration_s == pytest.approx(len("Hello there, welcome in.") * SPEECH_S_PER_CHAR, abs=0.001)
