"""Per-turn cost of the interview engine, and time to the interviewer's first audio.

Prints:
  * the app's own time per turn (everything except provider time: storing, analysis without STT, the interview rules,
    the database writes), p50 and p95, over spoken answers with the transcriber's time subtracted, on SQLite;
  * time to the first playable interviewer audio with sentence-streamed TTS (Piper) versus whole-text TTS.

Run: .venv/bin/python bench/bench_turn.py   (offline, no keys; about a minute on 2 cores)
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.stats import p50_p95_ms
from igym.config import Settings
from igym.providers.offline_stt import OfflineWhisperTranscriber
from igym.providers.offline_tts import PiperSpeaker
from igym.services import build_services

TURNS = 40
QUESTION = (
    "Thanks, that's helpful. Tell me about a time you had to deliver difficult feedback to a colleague. "
    "How did you prepare, what did you say, and how did they react in the end?"
)


class TimedTranscriber:
    def __init__(self, inner: OfflineWhisperTranscriber) -> None:
        self.inner = inner
        self.spent = 0.0

    def transcribe(self, audio: np.ndarray, *, prompt: str | None = None):  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        try:
            return self.inner.transcribe(audio, prompt=prompt)
        finally:
            self.spent += time.perf_counter() - start


def _answer_wav(speaker: PiperSpeaker) -> bytes:
    text = (
        "In my last role I led the billing migration. I wrote the plan and I ran the cut-over. "
        "As a result failed payments fell by thirty percent."
    )
    return speaker.synthesize(text).data


def bench_turns() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        app = build_services(Settings(_env_file=None, data_dir=Path(tmp), sessions_per_day=1000))  # type: ignore[call-arg]
        timed = TimedTranscriber(OfflineWhisperTranscriber())
        timed.inner.load()
        app.engine._transcriber = timed  # measure around the real transcriber
        wav = _answer_wav(PiperSpeaker())
        user = app.auth.sign_up(email="bench@example.com", password="bench-pass-123", name="Bench").id
        own: list[float] = []
        while len(own) < TURNS:
            session = app.sessions.create(user_id=user, interview_type="behavioral", difficulty="intense")
            state = app.engine.begin(user_id=user, session_id=session.id)
            while state.awaiting_answer and len(own) < TURNS:
                timed.spent = 0.0
                start = time.perf_counter()
                app.engine.answer_audio(user_id=user, session_id=session.id, data=wav)
                own.append(time.perf_counter() - start - timed.spent)
                state = app.engine.state(user_id=user, session_id=session.id)
        p50, p95 = p50_p95_ms(own)
        print(f"app's own time per spoken turn (excl. STT), {len(own)} turns: p50 {p50:.0f} ms, p95 {p95:.0f} ms")


def bench_first_audio() -> None:
    speaker = PiperSpeaker()
    speaker.synthesize("Warm up.")
    streamed, whole = [], []
    for _ in range(5):
        start = time.perf_counter()
        next(iter(speaker.stream(QUESTION)))
        streamed.append(time.perf_counter() - start)
        start = time.perf_counter()
        speaker.synthesize(QUESTION)
        whole.append(time.perf_counter() - start)
    print(
        f"time to first interviewer audio (Piper, {len(QUESTION)} chars): "
        f"sentence-streamed {1000 * statistics.median(streamed):.0f} ms vs whole text "
        f"{1000 * statistics.median(whole):.0f} ms"
    )


if __name__ == "__main__":
    bench_first_audio()
    bench_turns()
