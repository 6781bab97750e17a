"""Small values the provider Protocols exchange: chat messages and synthesized speech.

They live here rather than in `igym.models` because only providers and the services that call them use them.
All are frozen, so one instance can be handed between threads (a TTS worker and the page) without copying.
WAV helpers sit next to `SpeechAudio` because every Speaker returns WAV and the fallback speaker joins
chunks from one provider; they are pure functions of their arguments and safe to call from any thread.
"""

from __future__ import annotations

import io
import wave
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

ChatRole = Literal["system", "user", "assistant"]


@dataclass(frozen=True, slots=True)
class ChatMessage:
    """One turn of a conversation sent to a `ChatModel`: who speaks (system prompt, candidate, model) and what.

    Our own type rather than the SDK's, so services never import a vendor SDK to talk to a model.
    """

    role: ChatRole
    content: str


@dataclass(frozen=True, slots=True)
class ChatOptions:
    """How a `ChatModel` call should reply; the defaults leave each choice to the model.

    Attributes:
        temperature: sampling temperature; None uses the implementation's default.
        max_tokens: cap on the reply's length in tokens; None leaves it to the model.
        json_output: ask for a single JSON object (feedback, scores) instead of prose; `complete` only.
    """

    temperature: float | None = None
    max_tokens: int | None = None
    json_output: bool = False


DEFAULT_CHAT = ChatOptions()


@dataclass(frozen=True, slots=True)
class SpeechAudio:
    """A complete, playable audio file and the text it speaks.

    Attributes:
        data: the file's bytes (a whole WAV file, header included), ready for `st.audio` or a file.
        sample_rate: frames per second of `data`, read from its header.
        channels: 1 for every voice used here.
        format: the container, always "wav" today; kept so a caller can set a MIME type without sniffing.
        text: the text this audio speaks (one sentence chunk when it came from `Speaker.stream`).
    """

    data: bytes
    sample_rate: int
    channels: int = 1
    format: str = "wav"
    text: str = ""

    @property
    def duration_s(self) -> float:
        """Length of the audio, from the WAV header's frame count."""
        with wave.open(io.BytesIO(self.data), "rb") as wav:
            return wav.getnframes() / wav.getframerate()

    @property
    def mime_type(self) -> str:
        """The MIME type for `st.audio` or an upload, from `format`."""
        return f"audio/{self.format}"


def wav_from_int16(samples: np.ndarray, *, sample_rate: int, channels: int = 1) -> bytes:
    """Wrap 16-bit PCM samples (interleaved when `channels` > 1) in a WAV header."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as wav:
        wav.setnchannels(channels)
        wav.setsampwidth(2)
        wav.setframerate(sample_rate)
        wav.writeframes(np.ascontiguousarray(samples, dtype="<i2").tobytes())
    return buffer.getvalue()


def speech_from_wav(data: bytes, *, text: str = "") -> SpeechAudio:
    """Read the header of a 16-bit PCM WAV file into a `SpeechAudio`, fixing a header that misstates its size.

    Raises:
        ValueError: `data` is not a 16-bit PCM WAV file (callers at a provider edge map this to their error).
    """
    try:
        with wave.open(io.BytesIO(data), "rb") as wav:
            rate, channels, width = wav.getframerate(), wav.getnchannels(), wav.getsampwidth()
            declared = wav.getnframes()
            frames = wav.readframes(declared)
    except (wave.Error, EOFError) as exc:
        raise ValueError(f"not a WAV file: {exc}") from exc
    if width != 2:
        raise ValueError(f"expected 16-bit WAV, got {8 * width}-bit")
    if len(frames) != declared * width * channels:
        # A streaming-style header (data size 0xFFFFFFFF or 0) would misstate the duration: rewrite it.
        usable = len(frames) - len(frames) % (width * channels)
        samples = np.frombuffer(frames[:usable], dtype="<i2")
        data = wav_from_int16(samples, sample_rate=rate, channels=channels)
    return SpeechAudio(data=data, sample_rate=rate, channels=channels, text=text)


def join_speech(parts: Sequence[SpeechAudio], *, gap_s: float = 0.0) -> SpeechAudio:
    """Concatenate WAV chunks of one voice into one file, with `gap_s` of silence between chunks.

    Raises:
        ValueError: no parts, or parts with different sample rates or channel counts (two voices were mixed;
            resampling would hide that bug).
    """
    if not parts:
        raise ValueError("nothing to join")
    rate, channels = parts[0].sample_rate, parts[0].channels
    if any(p.sample_rate != rate or p.channels != channels for p in parts):
        raise ValueError("cannot join audio with different sample rates or channel counts")
    if len(parts) == 1:
        return parts[0]
    gap = np.zeros(round(gap_s * rate) * channels, dtype=np.int16)
    pieces: list[np.ndarray] = []
    for index, part in enumerate(parts):
        if index and gap.size:
            pieces.append(gap)
        with wave.open(io.BytesIO(part.data), "rb") as wav:
            pieces.append(np.frombuffer(wav.readframes(wav.getnframes()), dtype="<i2"))
    data = wav_from_int16(np.concatenate(pieces), sample_rate=rate, channels=channels)
    return SpeechAudio(data=data, sample_rate=rate, channels=channels, text=" ".join(p.text for p in parts))


def wav_samples(audio: SpeechAudio) -> np.ndarray:
    """The audio as float32 in [-1, 1] (channels interleaved), for tests and level checks."""
    with wave.open(io.BytesIO(audio.data), "rb") as wav:
        raw = np.frombuffer(wav.readframes(wav.getnframes()), dtype="<i2")
    return raw.astype(np.float32) / 32768.0
