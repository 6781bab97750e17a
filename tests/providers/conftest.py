"""Fixtures for provider contract tests: a loopback Groq server and settings pointing at it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from igym.config import Settings
from igym.providers.offline_tts import PiperSpeaker
from tests.conftest import settings_factory
from tests.groq_server import GroqServer

API_KEY = "gsk_loopback_key_0123456789abcdefSECRET"
SR = 16_000


@pytest.fixture
def groq_server(groq: GroqServer) -> GroqServer:
    """The shared loopback Groq server (`groq` in tests/conftest.py), by the name these tests give it."""
    return groq


@pytest.fixture
def groq_settings(groq_server: GroqServer, tmp_path: Path) -> Callable[..., Settings]:
    """Settings for Groq at the loopback server; keyword overrides win."""
    return settings_factory(tmp_path, groq={"api_key": API_KEY, "base_url": groq_server.url}, provider_timeout_s=5.0)


def bursts_audio(bursts: list[tuple[float, float]], total_s: float) -> np.ndarray:
    """16 kHz audio that is silent except for tone bursts at the given (start, end) seconds."""
    samples = np.zeros(round(total_s * SR), dtype=np.float32)
    for start, end in bursts:
        a, b = round(start * SR), round(end * SR)
        t = np.arange(b - a) / SR
        samples[a:b] = 0.5 * np.sin(2 * np.pi * 330 * t) * (1 + 0.3 * np.sin(2 * np.pi * 3 * t))
    return samples


@pytest.fixture(scope="session")
def piper() -> PiperSpeaker:
    """One Piper voice for the whole run, loaded once as the app does."""
    speaker = PiperSpeaker()
    speaker.load()
    return speaker
