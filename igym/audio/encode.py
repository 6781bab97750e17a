"""Encode answers to Ogg/Opus for storage and upload.

Opus at about 24 kb/s keeps speech fully intelligible (and re-transcribable) at a tenth of WAV's size: a
10-minute answer is under 2 MB, well inside any upload limit. Encoding is stateless and thread-safe.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from typing import Any

import av
import numpy as np

from igym.audio.decode import SAMPLE_RATE, to_float32
from igym.errors import AudioError

OPUS_BITRATE = 24_000


def encode_ogg_opus(samples: np.ndarray, *, sample_rate: int = SAMPLE_RATE, bitrate: int = OPUS_BITRATE) -> bytes:
    """Encode mono samples (float in [-1, 1] or int16) to an Ogg/Opus file in memory.

    Args:
        samples: 1-D mono audio.
        sample_rate: one of Opus' native rates (8, 12, 16, 24 or 48 kHz).
        bitrate: target bits per second.

    Raises:
        AudioError: there are no samples to encode, or the rate is not one Opus accepts.
    """
    if samples.ndim != 1 or samples.size == 0:
        raise AudioError("There is no audio to encode.")
    if sample_rate not in (8000, 12000, 16000, 24000, 48000):
        raise AudioError(f"Opus cannot encode audio at {sample_rate} Hz.")
    pcm = to_float32(samples)
    buffer = io.BytesIO()
    with av.open(buffer, mode="w", format="ogg") as container:
        stream = container.add_stream("libopus", rate=sample_rate, layout="mono")
        stream.bit_rate = bitrate
        stream.codec_context.options = {"application": "voip"}
        frame_size = stream.codec_context.frame_size or sample_rate // 50
        blocks = ((start, block.reshape(1, -1)) for start, block in padded_blocks(pcm, frame_size))
        write_frames(container, stream, blocks, fmt="flt", layout="mono", sample_rate=sample_rate)
    return buffer.getvalue()


def padded_blocks(samples: np.ndarray, size: int) -> Iterator[tuple[int, np.ndarray]]:
    """1-D `samples` in blocks of `size`, the last one padded with silence: (index of its first sample, block)."""
    for start in range(0, samples.size, size):
        block = samples[start : start + size]
        yield start, np.pad(block, (0, size - block.size))


def write_frames(
    container: Any, stream: Any, blocks: Iterable[tuple[int, np.ndarray]], *, fmt: str, layout: str, sample_rate: int
) -> None:
    """Encode (pts, samples) blocks as audio frames into `stream` and mux them, then flush the encoder.

    Args:
        container: the PyAV output container `stream` belongs to.
        stream: its audio stream, opened at `sample_rate`.
        blocks: each frame's first-sample index and its samples, shaped as PyAV wants `fmt` (channels first).
        fmt: the samples' PyAV format ("flt", "fltp", "s16", ...).
        layout: the channel layout ("mono", "stereo").
        sample_rate: the samples' rate.
    """
    for pts, block in blocks:
        frame = av.AudioFrame.from_ndarray(block, format=fmt, layout=layout)
        frame.sample_rate = sample_rate
        frame.pts = pts
        for packet in stream.encode(frame):
            container.mux(packet)
    for packet in stream.encode(None):
        container.mux(packet)
