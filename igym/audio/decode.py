"""Turn whatever a browser or a user hands over into 16 kHz mono samples.

Browsers record WebM/Opus (Chrome, Firefox) or MP4/AAC (Safari); users upload WAV, MP3, M4A, FLAC, Ogg. PyAV
(FFmpeg) reads them all; this module only decides what to refuse and keeps memory bounded:

* the container's declared duration is checked before any decoding, so a 2-hour upload is refused after
  reading its header;
* streams that declare no duration (MediaRecorder WebM) are decoded frame by frame and refused as soon as
  they pass the limit, so at most `max_seconds` of 16 kHz float32 (38 MB for 10 minutes) is ever held.

Every FFmpeg failure is mapped to `AudioError` with a message written for the user. Functions here keep no
state: they are safe to call from several threads at once (each call opens its own container).
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import av
import numpy as np
from av.audio.resampler import AudioResampler

from igym.errors import AudioError

SAMPLE_RATE = 16_000

# FFmpeg demuxer names we accept. Probing random bytes sometimes "finds" an obscure format (raw MPEG audio,
# ADTS, a teletext stream...); only containers people actually record or export answers in get through.
_ACCEPTED_FORMATS = frozenset(
    {"wav", "w64", "matroska", "webm", "ogg", "mp3", "mov", "mp4", "m4a", "3gp", "flac", "aac", "aiff", "caf"}
)
_DURATION_SLACK_S = 1.0  # container durations are estimates; don't refuse a 10:00.4 answer at a 10:00 limit

# Metadata that is not UTF-8 (a title written by an old recorder) must not make a file unreadable. PyAV 18
# raises on it unless told `metadata_errors="ignore"`; PyAV 19 dropped that argument and keeps such bytes as
# surrogate escapes without raising. We never read the metadata, so either way is fine.
_OPEN_OPTIONS: dict[str, Any] = {"metadata_errors": "ignore"} if int(av.__version__.split(".")[0]) < 19 else {}


@dataclass(frozen=True, slots=True)
class DecodedAudio:
    """16 kHz mono float32 samples in [-1, 1] and where they came from."""

    samples: np.ndarray
    source_format: str

    @property
    def sample_rate(self) -> int:
        return SAMPLE_RATE

    @property
    def duration_s(self) -> float:
        return len(self.samples) / SAMPLE_RATE

    def as_int16(self) -> np.ndarray:
        """The same samples as int16, the format the recorder bridge and most codecs use."""
        return to_int16(self.samples)


def to_int16(samples: np.ndarray) -> np.ndarray:
    """Convert float samples in [-1, 1] to int16, clipping anything outside."""
    return (np.clip(samples, -1.0, 1.0) * 32767.0).astype(np.int16)


def to_float32(samples: np.ndarray) -> np.ndarray:
    """Convert int16 (or any integer) samples to float32 in [-1, 1]; float input is returned as float32."""
    if np.issubdtype(samples.dtype, np.integer):
        return samples.astype(np.float32) / float(np.iinfo(samples.dtype).max)
    return samples.astype(np.float32, copy=False)


def decode_audio(
    source: bytes | str | os.PathLike[str] | BinaryIO,
    *,
    max_seconds: float,
    max_bytes: int | None = None,
) -> DecodedAudio:
    """Decode an audio file or its bytes to 16 kHz mono float32.

    Args:
        source: a path, the file's bytes, or a binary file object positioned at its start.
        max_seconds: refuse audio longer than this (the `max_answer_seconds` setting).
        max_bytes: refuse files larger than this before reading them (the upload limit); None for no limit.

    Raises:
        AudioError: the file is empty, too large, too long, not audio, has no audio track, or is corrupt.
    """
    fileobj = _open_source(source, max_bytes=max_bytes)
    try:
        container = av.open(fileobj, mode="r", **_OPEN_OPTIONS)
    except (av.FFmpegError, ValueError, OSError) as exc:
        raise AudioError("This file is not audio we can read (unknown or damaged format).") from exc
    with container:
        fmt_names = set(container.format.name.split(","))
        if not fmt_names & _ACCEPTED_FORMATS:
            raise AudioError(f"This file is not audio we can read (it looks like '{container.format.name}').")
        if not container.streams.audio:
            raise AudioError("This file has no audio track.")
        stream = container.streams.audio[0]
        declared = _declared_duration_s(container, stream)
        if declared is not None and declared > max_seconds + _DURATION_SLACK_S:
            raise _too_long(declared, max_seconds)
        samples = _decode_stream(container, stream, max_seconds=max_seconds)
    if samples.size == 0:
        raise AudioError("This file contains no audio samples.")
    return DecodedAudio(samples=samples, source_format=container.format.name)


def probe_duration_s(source: bytes | str | os.PathLike[str] | BinaryIO) -> float | None:
    """The duration a file declares in its header, without decoding; None when it declares none."""
    fileobj = _open_source(source, max_bytes=None)
    try:
        with av.open(fileobj, mode="r", **_OPEN_OPTIONS) as container:
            if not container.streams.audio:
                return None
            return _declared_duration_s(container, container.streams.audio[0])
    except (av.FFmpegError, ValueError, OSError) as exc:
        raise AudioError("This file is not audio we can read (unknown or damaged format).") from exc


def _open_source(source: bytes | str | os.PathLike[str] | BinaryIO, *, max_bytes: int | None) -> BinaryIO | str:
    """What `av.open` should read (a path is left to FFmpeg, which closes it), after the size checks."""
    fileobj: BinaryIO | str
    if isinstance(source, bytes | bytearray | memoryview):
        size = len(source)
        fileobj = io.BytesIO(bytes(source))
    elif isinstance(source, str | os.PathLike):
        path = Path(source)
        try:
            size = path.stat().st_size
        except OSError as exc:
            raise AudioError(f"Cannot read the audio file {path.name!r}: {exc.strerror or exc}.") from exc
        if not path.is_file():
            raise AudioError(f"{path.name!r} is not a file.")
        fileobj = str(path)
    else:
        fileobj = source
        pos = source.tell()
        size = source.seek(0, io.SEEK_END) - pos
        source.seek(pos)
    if size == 0:
        raise AudioError("The audio file is empty (0 bytes).")
    if max_bytes is not None and size > max_bytes:
        raise AudioError(f"The audio file is {size / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.1f} MB.")
    return fileobj


def _declared_duration_s(container: Any, stream: Any) -> float | None:
    if stream.duration is not None and stream.time_base is not None:
        return float(stream.duration * stream.time_base)
    if container.duration is not None:
        return float(container.duration) / av.time_base
    return None


def _too_long(seconds: float, max_seconds: float) -> AudioError:
    return AudioError(f"The answer is too long ({_fmt_minutes(seconds)}); the maximum is {_fmt_minutes(max_seconds)}.")


def _fmt_minutes(seconds: float) -> str:
    minutes, secs = divmod(round(seconds), 60)
    return f"{minutes} min {secs:02d} s" if minutes else f"{secs} s"


def _decode_stream(container: Any, stream: Any, *, max_seconds: float) -> np.ndarray:
    """Decode and resample, stopping as soon as the limit is passed.

    Decoded frames (20 ms each for Opus) are handed to the resampler about a second at a time: one resampler
    call per frame cost more than the resampling itself. The resampler is continuous across calls, so the
    samples are the same as frame by frame; at most `_RESAMPLE_BATCH_S` more audio is held before the limit
    check than before.
    """
    resampler = AudioResampler(format="flt", layout="mono", rate=SAMPLE_RATE)
    limit = int((max_seconds + _DURATION_SLACK_S) * SAMPLE_RATE)
    chunks: list[np.ndarray] = []
    pending: list[Any] = []
    pending_s = 0.0
    total = 0
    try:
        for frame in container.decode(stream):
            pending.append(frame)
            pending_s += frame.samples / (frame.sample_rate or SAMPLE_RATE)
            if pending_s >= _RESAMPLE_BATCH_S:
                total += _resample_into(chunks, resampler, pending)
                pending, pending_s = [], 0.0
                if total > limit:
                    raise _too_long(total / SAMPLE_RATE, max_seconds)
        total += _resample_into(chunks, resampler, pending)
        if total > limit:
            raise _too_long(total / SAMPLE_RATE, max_seconds)
        _resample_into(chunks, resampler, [None])
    except av.FFmpegError as exc:
        raise AudioError("The audio file is damaged and cannot be decoded.") from exc
    if not chunks:
        return np.zeros(0, dtype=np.float32)
    return np.concatenate(chunks).astype(np.float32, copy=False)


_RESAMPLE_BATCH_S = 1.0


def _resample_into(chunks: list[np.ndarray], resampler: AudioResampler, frames: list[Any]) -> int:
    """Resample `frames` (None flushes) as one frame where they share a format; returns the samples added."""
    added = 0
    for frame in _joined(frames):
        if frame is not None:
            frame.pts = None  # let the resampler count samples; broken timestamps must not drop audio
        for out in resampler.resample(frame):
            chunk = np.frombuffer(memoryview(out.planes[0]), dtype=np.float32, count=out.samples)
            chunks.append(chunk)
            added += chunk.size
    return added


def _joined(frames: list[Any]) -> list[Any]:
    """Frames of one format, channel count and rate as one new frame (mixed or unusual ones are kept as they are).

    Even a single frame is rebuilt, so every frame the resampler sees has the same layout object.
    """
    if not frames or any(f is None for f in frames):
        return frames
    first = frames[0]
    layout = _LAYOUTS.get(len(first.layout.channels))
    key = (first.format.name, len(first.layout.channels), first.sample_rate)
    if layout is None or any((f.format.name, len(f.layout.channels), f.sample_rate) != key for f in frames):
        return frames
    data = _samples_of(frames, channels=len(first.layout.channels), planar=first.format.is_planar)
    joined = av.AudioFrame.from_ndarray(np.ascontiguousarray(data), format=first.format.name, layout=layout)
    joined.sample_rate = first.sample_rate
    return [joined]


def _samples_of(frames: list[Any], *, channels: int, planar: bool) -> np.ndarray:
    """The frames' samples in `AudioFrame.from_ndarray`'s shape (one row per plane), read from the planes directly.

    The same values as concatenating `to_ndarray()` of each frame, for a third of the cost (decoding an Opus
    answer yields 50 frames a second). A sample format without a known dtype takes the slow way.
    """
    dtype = _DTYPES.get(frames[0].format.name.rstrip("p"))
    if dtype is None:
        return np.concatenate([f.to_ndarray() for f in frames], axis=1)
    planes, per_sample = (channels, 1) if planar else (1, channels)
    return np.stack(
        [
            np.concatenate(
                [np.frombuffer(memoryview(f.planes[i]), dtype=dtype, count=f.samples * per_sample) for f in frames]
            )
            for i in range(planes)
        ]
    )


_LAYOUTS = {1: "mono", 2: "stereo"}
_DTYPES = {"flt": np.float32, "dbl": np.float64, "s16": np.int16, "s32": np.int32, "u8": np.uint8}
