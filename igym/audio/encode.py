"""Encode answers to Ogg/Opus for storage and upload.

Opus at about 24 kb/s keeps speech fully intelligible (and re-transcribable) at a tenth of WAV's size: a
10-minute answer is under 2 MB, well inside any upload limit. Encoding is stateless and thread-safe.
"""

from __future__ import annotations

import io

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
        for start in range(0, pcm.size, frame_size):
            block = pcm[start : start + frame_size]
            if block.size < frame_size:
                block = np.pad(block, (0, frame_size - block.size))
            frame = av.AudioFrame.from_ndarray(block.reshape(1, -1), format="flt", layout="mono")
            frame.sample_rate = sample_rate
            frame.pts = start
            for packet in stream.encode(frame):
                container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)
    return buffer.getvalue()
