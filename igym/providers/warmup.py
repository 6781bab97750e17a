"""Loading the speech models in the background when the app starts, so the first answer does not wait.

Why: Whisper, the VAD and Piper load on first use (50-150 MB each); measured in the browser, the first answer
after a start took 19 s to save and later ones about 2 s. `Warmup` runs each loading step once, in order, on
one daemon thread: the transcriber (built and, when it is offline, loaded and run once on a second of silence
so CTranslate2 has its buffers), the Silero VAD, then the voice. The page asks `ready` to say "the interviewer
is getting ready" to a candidate who is faster than that.

Threads: the providers' own locks make a step and a real answer that race it load the model once; the answer
simply waits for the load in progress. Failure: a step that raises is logged and recorded in `failed`, and the
remaining steps still run; the same error then reaches the answer that needs the provider, as without warmup.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

log = logging.getLogger(__name__)

Step = tuple[str, Callable[[], None]]


class Warmup:
    """Runs loading steps once on a background thread; `ready` once they have all run (or failed)."""

    def __init__(self, steps: Sequence[Step]) -> None:
        self._steps = list(steps)
        self._done = threading.Event()
        self._lock = threading.Lock()
        self._failed: list[str] = []
        self._thread: threading.Thread | None = None

    def start(self) -> Warmup:
        """Start the thread (once; later calls do nothing) and return self."""
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="igym-warmup", daemon=True)
                self._thread.start()
        return self

    @property
    def ready(self) -> bool:
        return self._done.is_set()

    @property
    def failed(self) -> tuple[str, ...]:
        """The names of the steps that raised."""
        with self._lock:
            return tuple(self._failed)

    def wait(self, timeout_s: float | None = None) -> bool:
        """Block until every step has run; False on timeout."""
        return self._done.wait(timeout_s)

    def _run(self) -> None:
        try:
            for name, step in self._steps:
                try:
                    step()
                except Exception as exc:  # recorded; the answer that needs it raises it again
                    log.warning("warming up %s failed: %s", name, exc)
                    with self._lock:
                        self._failed.append(name)
        finally:
            self._done.set()


def load_provider(provider: Any) -> None:
    """Call `load()` on a provider and on the providers a fallback wrapper holds (primary, then fallback)."""
    for inner in (getattr(provider, "primary", None), getattr(provider, "fallback", None)):
        if inner is not None:
            load_provider(inner)
    load = getattr(provider, "load", None)
    if callable(load):
        load()


def warm_vad() -> None:
    """Load Silero (an `lru_cache` inside faster-whisper) by running it on a second of silence."""
    from igym.analysis.vad import find_speech

    find_speech(np.zeros(16_000, dtype=np.float32))


def provider_warmup(*, transcriber: Callable[[], Any], speaker: Callable[[], Any]) -> Warmup:
    """The app's warmup: build and load the transcriber, the VAD, then the voice (not started)."""
    return Warmup(
        [
            ("speech-to-text", lambda: load_provider(transcriber())),
            ("voice activity", warm_vad),
            ("voice", lambda: load_provider(speaker())),
        ]
    )
