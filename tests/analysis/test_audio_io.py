"""Decoding what browsers and users hand over, encoding for storage, and refusing bad audio clearly."""

from __future__ import annotations

import io
import os
import struct
import time
import wave

import av
import numpy as np
import pytest

from bench.speech_audio import PIPER_RATE, SR, encode_with, resample, wav_bytes
from igym.analysis import find_speech
from igym.audio import decode_audio, encode_ogg_opus, probe_duration_s
from igym.audio.encode import write_frames
from igym.errors import AudioError

FORMATS = {
    "mp3": dict(fmt="mp3", codec="libmp3lame", out_rate=44_100),
    "m4a": dict(fmt="ipod", codec="aac", out_rate=44_100),
    "flac": dict(fmt="flac", codec="flac", out_rate=48_000),
    "ogg_opus": dict(fmt="ogg", codec="libopus", out_rate=48_000),
    "webm_opus_stereo": dict(fmt="webm", codec="libopus", out_rate=48_000, layout="stereo"),
}


def flac_silence_bytes(seconds: int, rate: int = 8000) -> bytes:
    """A real `seconds`-long FLAC file that stays small: digital silence compresses to almost nothing."""
    buffer = io.BytesIO()
    with av.open(buffer, mode="w", format="flac") as container:
        stream = container.add_stream("flac", rate=rate, layout="mono")
        block = np.zeros((1, rate * 10), dtype=np.int16)
        blocks = ((n * rate * 10, block) for n in range(seconds // 10))
        write_frames(container, stream, blocks, fmt="s16", layout="mono", sample_rate=rate)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def reference(answer_clean):
    at16 = resample(answer_clean, PIPER_RATE, SR)
    return at16, find_speech(at16)


@pytest.mark.parametrize("name", FORMATS)
def test_every_format_decodes_to_the_same_speech(reference, answer_clean, name):
    at16, speech = reference
    blob = encode_with(answer_clean, PIPER_RATE, **FORMATS[name])
    decoded = decode_audio(blob, max_seconds=600)
    assert decoded.sample_rate == SR and decoded.samples.ndim == 1 and decoded.samples.dtype == np.float32
    # MP3 adds encoder delay and pads to whole 1152-sample frames (up to ~0.25 s at 22 kHz); the others are exact.
    assert decoded.duration_s == pytest.approx(at16.size / SR, abs=0.25 if name == "mp3" else 0.1)
    got = find_speech(decoded.samples)
    assert len(got) == len(speech)
    for a, b in zip(got, speech, strict=True):
        assert a.start_s == pytest.approx(b.start_s, abs=0.1) and a.end_s == pytest.approx(b.end_s, abs=0.1)


def test_ogg_opus_storage_is_about_24_kbps_and_round_trips(reference):
    at16, speech = reference
    blob = encode_ogg_opus(at16)
    kbps = len(blob) * 8 / (at16.size / SR) / 1000
    assert 16 <= kbps <= 32
    again = decode_audio(blob, max_seconds=600)
    assert [s.start_s for s in find_speech(again.samples)] == pytest.approx([s.start_s for s in speech], abs=0.1)


def test_int16_and_float_views_agree(reference):
    at16, _ = reference
    decoded = decode_audio(wav_bytes(at16, SR), max_seconds=600)
    assert decoded.as_int16().dtype == np.int16
    assert np.max(np.abs(decoded.as_int16().astype(np.float32) / 32767 - decoded.samples)) < 1e-3


@pytest.mark.parametrize(
    ("blob", "message"),
    [
        (b"", "empty"),
        (os.urandom(40_000), "not audio"),
        (b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n" * 300, "not audio"),
        (b"<html><body>not a recording</body></html>" * 50, "not audio"),
    ],
    ids=["zero_bytes", "random_bytes", "pdf", "html"],
)
def test_unusable_files_are_refused_with_a_clear_message(blob, message):
    with pytest.raises(AudioError, match=message):
        decode_audio(blob, max_seconds=600)


def test_truncated_header_is_refused():
    with pytest.raises(AudioError):
        decode_audio(wav_bytes(np.zeros(SR, np.float32), SR)[:30], max_seconds=600)


def test_two_hour_file_is_refused_from_its_header_without_decoding():
    blob = flac_silence_bytes(7200)
    assert len(blob) < 5_000_000
    started = time.perf_counter()
    with pytest.raises(AudioError, match="too long"):
        decode_audio(blob, max_seconds=600)
    assert time.perf_counter() - started < 5.0  # decoding two hours takes far longer; the margin is for a busy machine


def test_recorder_webm_without_duration_over_the_limit_is_refused_while_decoding(answer_clean):
    blob = encode_with(answer_clean, PIPER_RATE, fmt="webm", codec="libopus", out_rate=48_000, live=True)
    assert probe_duration_s(blob) is None  # like MediaRecorder output: only decoding can tell the length
    assert decode_audio(blob, max_seconds=600).duration_s > 10
    with pytest.raises(AudioError, match="too long"):
        decode_audio(blob, max_seconds=5)


def test_upload_size_limit_is_checked_before_reading(tmp_path):
    path = tmp_path / "big.wav"
    path.write_bytes(wav_bytes(np.zeros(SR * 4, np.float32), SR))
    with pytest.raises(AudioError, match="MB"):
        decode_audio(path, max_seconds=600, max_bytes=1000)


def _with_info_title(wav: bytes, title: bytes) -> bytes:
    """A WAV file with a LIST/INFO title chunk holding `title` as raw bytes (old recorders write Latin-1)."""
    inam = b"INAM" + struct.pack("<I", len(title) + 1) + title + b"\x00"
    inam += b"\x00" * (len(inam) % 2)
    riff = wav + b"LIST" + struct.pack("<I", 4 + len(inam)) + b"INFO" + inam
    return b"RIFF" + struct.pack("<I", len(riff) - 8) + riff[8:]


def test_metadata_that_is_not_utf8_does_not_make_a_file_unreadable():
    tone = 0.3 * np.sin(2 * np.pi * 220 * np.arange(SR) / SR).astype(np.float32)
    blob = _with_info_title(wav_bytes(tone, SR), b"Entrevue \xe9t\xe9 \xff\xfe")
    assert b"INFO" in blob
    with wave.open(io.BytesIO(blob)) as still_valid:
        assert still_valid.getnframes() == SR
    decoded = decode_audio(blob, max_seconds=600)
    assert abs(decoded.duration_s - 1.0) < 0.01
    assert probe_duration_s(blob) == pytest.approx(1.0, abs=0.01)
