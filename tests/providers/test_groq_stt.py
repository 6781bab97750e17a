"""Groq speech-to-text: what is uploaded, how timings come back, and how long answers are split."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

from igym.audio import decode_audio
from igym.config import Settings
from igym.providers.groq_stt import GROQ_DISFLUENT_PROMPT, GroqTranscriber, split_for_upload
from tests.groq_server import GroqServer, RecordedRequest, find_bursts
from tests.providers.conftest import API_KEY, SR, bursts_audio

BURSTS = [(0.5, 0.9), (1.2, 1.5), (3.0, 3.6), (5.1, 5.4), (5.8, 6.3), (8.0, 8.5), (10.2, 10.9), (11.4, 11.7)]


def test_request_carries_model_verbose_json_granularities_prompt_and_16k_opus(
    groq_server: GroqServer, groq_settings: Callable[..., Settings]
) -> None:
    transcriber = GroqTranscriber.from_settings(groq_settings(groq={"stt_model": "whisper-large-v3"}))
    audio = bursts_audio(BURSTS[:3], total_s=4.0)

    transcriber.transcribe(audio)

    (request,) = groq_server.requests_to("/openai/v1/audio/transcriptions")
    assert request.headers["authorization"] == f"Bearer {API_KEY}"
    assert request.form["model"] == ["whisper-large-v3"]
    assert request.form["response_format"] == ["verbose_json"]
    assert sorted(request.form["timestamp_granularities[]"]) == ["segment", "word"]
    assert request.form["prompt"] == [GROQ_DISFLUENT_PROMPT]
    assert request.form["language"] == ["en"]
    filename, content_type, data = request.files["file"]
    assert filename is not None and filename.endswith(".ogg")
    assert content_type == "audio/ogg"
    assert data.startswith(b"OggS") and b"OpusHead" in data[:64]
    head = data.index(b"OpusHead")
    assert data[head + 9] == 1  # mono
    assert int.from_bytes(data[head + 12 : head + 16], "little") == 16_000  # input sample rate
    decoded = decode_audio(data, max_seconds=60)
    assert abs(decoded.duration_s - 4.0) < 0.05


def test_a_callers_prompt_replaces_the_default(groq_server: GroqServer, groq_settings: Callable[..., Settings]) -> None:
    transcriber = GroqTranscriber.from_settings(groq_settings())
    transcriber.transcribe(bursts_audio(BURSTS[:1], total_s=1.5), prompt="Kubernetes, Terraform, Grafana.")
    assert groq_server.requests_to("transcriptions")[0].form["prompt"] == ["Kubernetes, Terraform, Grafana."]


def test_word_timings_and_punctuation_reach_the_transcript(
    groq_server: GroqServer, groq_settings: Callable[..., Settings]
) -> None:
    def reply(_request: RecordedRequest) -> dict[str, Any]:
        words = [("Um,", 0.2, 0.5), ("I", 0.9, 1.0), ("like", 1.0, 1.3), ("like", 1.5, 1.8), ("Python", 1.8, 2.4)]
        return {
            "text": " Um, I like, like Python.",
            "duration": 3.0,
            "segments": [{"id": 0, "start": 0.0, "end": 2.4, "text": " Um, I like, like Python."}],
            "words": [{"word": w.strip(",."), "start": a, "end": b} for w, a, b in words],
        }

    groq_server.transcribe = reply
    transcript = GroqTranscriber.from_settings(groq_settings()).transcribe(np.full(3 * SR, 0.01, dtype=np.float32))

    assert transcript.text == "Um, I like, like Python."
    assert [w.text for w in transcript.words] == ["Um,", "I", "like,", "like", "Python."]
    assert [(w.start, w.end) for w in transcript.words][:2] == [(0.2, 0.5), (0.9, 1.0)]
    assert transcript.has_timings
    assert transcript.duration_s == pytest.approx(3.0)
    assert transcript.used_prompt


def test_oversize_audio_is_split_at_silences_and_timings_stitched(
    groq_server: GroqServer, groq_settings: Callable[..., Settings]
) -> None:
    audio = bursts_audio(BURSTS, total_s=12.5)
    whole_size = len(split_for_upload(audio, max_bytes=10**9)[0].data)
    cap = whole_size // 3
    transcriber = GroqTranscriber.from_settings(groq_settings(), max_upload_bytes=cap)

    transcript = transcriber.transcribe(audio)

    uploads = groq_server.requests_to("transcriptions")
    assert len(uploads) >= 3
    assert all(len(r.files["file"][2]) <= cap for r in uploads)
    # No cut went through a burst: every burst came back as exactly one word, at its place in the whole answer.
    assert len(transcript.words) == len(BURSTS)
    for word, (start, end) in zip(transcript.words, BURSTS, strict=True):
        assert word.start == pytest.approx(start, abs=0.03)
        assert word.end == pytest.approx(end, abs=0.03)
    assert transcript.duration_s == pytest.approx(12.5)
    # Each upload is a piece of the answer, and together they cover it without overlap.
    durations = [decode_audio(r.files["file"][2], max_seconds=60).duration_s for r in uploads]
    assert sum(durations) == pytest.approx(12.5, abs=0.05)


def test_every_cut_falls_well_inside_a_silence() -> None:
    audio = bursts_audio(BURSTS, total_s=12.5)
    found = find_bursts(audio)  # the loopback server's word finder sees the bursts where they are
    assert np.allclose(np.array(found), np.array(BURSTS), atol=0.02)
    pieces = split_for_upload(audio, max_bytes=len(split_for_upload(audio, max_bytes=10**9)[0].data) // 3)
    assert len(pieces) >= 3
    for piece in pieces[1:]:
        distance = min(min(abs(piece.offset_s - a), abs(piece.offset_s - b)) for a, b in BURSTS)
        assert not any(a < piece.offset_s < b for a, b in BURSTS), piece.offset_s
        assert distance >= 0.15, piece.offset_s


def test_empty_audio_sends_nothing(groq_server: GroqServer, groq_settings: Callable[..., Settings]) -> None:
    transcript = GroqTranscriber.from_settings(groq_settings()).transcribe(np.zeros(0, dtype=np.float32))
    assert transcript.text == "" and transcript.words == ()
    assert groq_server.requests == []
