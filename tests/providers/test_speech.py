"""The speaker base class: chunking, lazy streaming, joining with the voice's gap, refusing empty text."""

from __future__ import annotations

import numpy as np
import pytest

from igym.errors import InvalidInput
from igym.providers.base import Speaker
from igym.providers.speech import ChunkedSpeaker
from igym.providers.text_chunks import chunk_text
from igym.providers.types import SpeechAudio, wav_from_int16

RATE = 8_000
TEXT = "Tell me about a project you led. What went wrong? And what would you do differently next time?"


class ToneSpeaker(ChunkedSpeaker):
    """A voice that says every chunk as 0.1 s of tone per word and records what it was asked; "#" is silent."""

    sentence_gap_s = 0.5

    def __init__(self, *, max_chars: int = 200) -> None:
        super().__init__(max_chars=max_chars)
        self.asked: list[str] = []

    def _synthesize_chunk(self, chunk: str) -> SpeechAudio | None:
        self.asked.append(chunk)
        if chunk == "#":
            return None
        samples = np.full(round(0.1 * len(chunk.split()) * RATE), 1000, dtype=np.int16)
        return SpeechAudio(data=wav_from_int16(samples, sample_rate=RATE), sample_rate=RATE, text=chunk)


def test_a_subclass_is_a_speaker() -> None:
    assert isinstance(ToneSpeaker(), Speaker)


def test_stream_asks_for_the_next_chunk_only_when_the_caller_takes_it() -> None:
    speaker = ToneSpeaker()
    stream = speaker.stream(TEXT)

    first = next(stream)

    assert first.text == "Tell me about a project you led."
    assert speaker.asked == [first.text]  # nothing synthesized ahead of the listener
    assert [first.text, *(p.text for p in stream)] == chunk_text(TEXT)


def test_chunks_respect_the_speakers_limit() -> None:
    speaker = ToneSpeaker(max_chars=40)
    assert all(len(p.text) <= 40 for p in speaker.stream(TEXT))
    assert speaker.asked == chunk_text(TEXT, limit=40)


def test_synthesize_joins_the_chunks_with_the_voices_gap() -> None:
    audio = ToneSpeaker().synthesize(TEXT)
    words = len(TEXT.split())
    assert audio.duration_s == pytest.approx(0.1 * words + 0.5 * (len(chunk_text(TEXT)) - 1), abs=0.01)


@pytest.mark.parametrize("text", ["", "   \n\t", "#"])
def test_nothing_to_say_is_refused_and_streams_nothing(text: str) -> None:
    with pytest.raises(InvalidInput, match="no text to speak"):
        ToneSpeaker().synthesize(text)
    assert list(ToneSpeaker().stream(text)) == []
