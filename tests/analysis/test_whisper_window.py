"""Whisper's encoder is run on a stretch's own frames (at least the window), not on 30 s of padding."""

from __future__ import annotations

import shutil
import subprocess
import wave
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bench.speech_audio import PIPER_RATE, SR, resample
from igym.providers.base import Transcriber
from igym.providers.offline_stt import OfflineWhisperTranscriber, encoder_frames

MELS, FULL = 80, 3000
SENTENCE = "As a result, failed payments fell by thirty percent."


def padded(used: int, *, batch: bool = False) -> np.ndarray:
    """A mel window as faster-whisper hands it over: `used` columns of audio, then zero columns to 30 s."""
    rng = np.random.default_rng(used)
    features = np.zeros((MELS, FULL), dtype=np.float32)
    features[:, :used] = rng.uniform(-1.0, 1.5, size=(MELS, used)).astype(np.float32)
    return features[None] if batch else features


def test_a_short_stretch_is_encoded_with_the_window_not_30_s() -> None:
    assert encoder_frames(padded(300), min_frames=1000).shape == (MELS, 1000)
    assert encoder_frames(padded(2000), min_frames=1000).shape == (MELS, 2050)  # its frames and a margin
    assert encoder_frames(padded(300, batch=True), min_frames=1000).shape == (1, MELS, 1000)


def test_a_long_stretch_or_a_full_window_keeps_every_frame() -> None:
    full = padded(2990)
    assert encoder_frames(full, min_frames=1000) is full
    short = padded(300)
    assert encoder_frames(short, min_frames=FULL) is short


@given(used=st.integers(0, FULL), min_frames=st.integers(1, FULL))
def test_no_frame_of_audio_is_ever_cut(used: int, min_frames: int) -> None:
    features = padded(used)
    kept = encoder_frames(features, min_frames=min_frames)
    assert kept.shape[0] == MELS
    assert min(min_frames, FULL) <= kept.shape[1] <= FULL
    assert np.array_equal(kept, features[:, : kept.shape[1]])
    assert not features[:, kept.shape[1] :].any()  # only padding was left out


def test_only_stretches_are_encoded_on_the_shorter_window() -> None:
    """What the encoder is given, seen from its output: half as many positions as frames."""
    transcriber = OfflineWhisperTranscriber()  # its own model: the spy below never touches a shared one
    model = transcriber._get_model()
    seen: list[int] = []
    encode = type(model).encode

    class Spy(type(model)):  # type: ignore[misc]
        def encode(self, features: np.ndarray):  # type: ignore[no-untyped-def]
            out = encode(self, features)
            seen.append(out.shape[1])
            return out

    model.__class__ = Spy
    audio = np.zeros(SR * 3, np.float32)
    audio[SR : 2 * SR] = 0.3 * np.sin(2 * np.pi * 220 * np.arange(SR) / SR)
    transcriber.stretches().transcribe(audio)
    stretch = list(seen)
    seen.clear()
    transcriber.transcribe(audio)
    whole = list(seen)
    assert stretch and set(stretch) == {1000 // 2}
    assert whole and set(whole) == {FULL // 2}


def _espeak(tmp: Path) -> np.ndarray:
    """The sentence in espeak-ng's default voice (not the corpus's en-us one), at 16 kHz."""
    path = tmp / "sentence.wav"
    subprocess.run(["espeak-ng", "-s", "160", "-w", str(path), SENTENCE], check=True, capture_output=True, timeout=60)
    with wave.open(str(path)) as handle:
        rate = handle.getframerate()
        samples = np.frombuffer(handle.readframes(handle.getnframes()), dtype=np.int16) / 32768
    return resample(samples.astype(np.float32), rate, SR)


@pytest.fixture(scope="module")
def base_models(tmp_path_factory: pytest.TempPathFactory) -> tuple[Transcriber, Transcriber]:
    """Whisper base, the app's model, for stretches (the 10 s window) and for whole answers (30 s)."""
    model = OfflineWhisperTranscriber(model="base", window_s=10.0, models_dir=tmp_path_factory.mktemp("models"))
    return model.stretches(), model


@pytest.mark.parametrize("voice", ["piper", "espeak-ng"])
def test_a_short_stretch_reads_the_same_with_the_window_as_with_30_s(
    voice: str,
    piper: Callable[[str], np.ndarray],
    base_models: tuple[Transcriber, Transcriber],
    tmp_path: Path,
) -> None:
    if voice == "espeak-ng" and shutil.which("espeak-ng") is None:
        pytest.skip("espeak-ng is not installed")
    audio = resample(piper(SENTENCE), PIPER_RATE, SR) if voice == "piper" else _espeak(tmp_path)
    audio = np.concatenate([np.zeros(SR // 4, np.float32), audio, np.zeros(SR // 4, np.float32)])
    windowed, full = (model.transcribe(audio) for model in base_models)
    words = {"payments", "fell"}
    assert words <= {w.text.strip(".,").lower() for w in full.words}
    assert words <= {w.text.strip(".,").lower() for w in windowed.words}
    assert windowed.words[-1].end <= audio.size / SR + 0.05  # timed within the stretch


def test_a_whole_answer_with_a_long_silence_after_it_gets_no_invented_closing_word(
    piper: Callable[[str], np.ndarray], base_models: tuple[Transcriber, Transcriber]
) -> None:
    """The full window for anything that is not a stretch: no "Thanks." in the silence after the last word."""
    audio = resample(piper(SENTENCE), PIPER_RATE, SR)
    audio = np.concatenate([audio, np.zeros(SR * 2, np.float32)])
    _, whole = base_models
    assert [w.text for w in whole.transcribe(audio).words][-1].rstrip(".").lower() in {"percent", "30%", "thirty"}
