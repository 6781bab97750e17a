"""Audio the suite generates: Piper speech with silences of known length, in several formats.

Everything is synthesised once per test session into a temporary folder (Piper runs about 30x real time here)
and Whisper is loaded once. The audio helpers and the known answer live in `bench/speech_audio.py`, shared with
the benches; this module holds the session fixtures built from them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from bench.speech_audio import (
    ANSWER_SENTENCES,
    GAPS_S,
    PIPER_RATE,
    SR,
    Truth,
    build_answer,
    encode_with,
    piper_synthesizer,
    resample,
    truth_of,
    wav_bytes,
)


@pytest.fixture(scope="session")
def piper() -> Callable[[str], np.ndarray]:
    synthesize = piper_synthesizer()
    cache: dict[str, np.ndarray] = {}

    def synth(text: str) -> np.ndarray:
        if text not in cache:
            cache[text] = synthesize(text)
        return cache[text]

    return synth


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
