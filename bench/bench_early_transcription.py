"""Answer end to analysed answer, with and without transcribing while the candidate speaks (not a test).

Run: `.venv/bin/python bench/bench_early_transcription.py`   (offline Whisper, about two minutes on 2 cores)

For live answers of about 25 s, 1 min and 2 min (the suite's known answer, repeated; pauses of 1.6 s and
2.2 s between some sentences), prints the time from the end of the answer to its metrics (transcription
plus analysis) when the whole answer is transcribed at the end, and when the stretches closed by pauses were
transcribed while it was spoken (`EarlyTranscript`), p50 over a few runs. The audio is fed as fast as
possible and the early worker is allowed to catch up first: the line "early work" shows its compute per
second of audio, which must stay well under 1 for it to keep up with a live speaker.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
import uuid
from pathlib import Path

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.speech_audio import known_answer_16k
from igym.analysis import analyze_answer
from igym.live.early_transcription import EarlyTranscript
from igym.live.recording import SAMPLE_RATE, LiveRecording
from igym.live.turn_key import TurnKey
from igym.providers.offline_stt import OfflineWhisperTranscriber

RUNS = 3
FRAME = SAMPLE_RATE // 50


def synthesize() -> np.ndarray:
    return known_answer_16k()


def live(answer: np.ndarray, transcriber: OfflineWhisperTranscriber) -> tuple[float, float]:
    """(seconds from answer end to metrics, early compute seconds) for one live answer."""
    early = EarlyTranscript(transcriber)
    turn = TurnKey(uuid.uuid4(), uuid.uuid4(), 1)
    recording = LiveRecording(turn, silence_stop_s=30.0, max_seconds=900, on_segment=early.add)
    pcm = (np.clip(answer, -1, 1) * 32767).astype(np.int16)
    started = time.perf_counter()
    for start in range(0, pcm.size, FRAME):
        recording.push_pcm(pcm[start : start + FRAME])
    early.wait_idle(600)
    early_compute = time.perf_counter() - started
    ended = time.perf_counter()
    analyze_answer(recording.take(), transcriber=early)
    return time.perf_counter() - ended, early_compute


def main() -> None:
    transcriber = OfflineWhisperTranscriber()
    transcriber.load()
    one = synthesize()
    for repeats in (1, 2, 5):
        answer = np.concatenate([one] * repeats)
        seconds = answer.size / SAMPLE_RATE
        whole, early, compute = [], [], []
        for _ in range(RUNS):
            started = time.perf_counter()
            analyze_answer(answer, transcriber=transcriber)
            whole.append(time.perf_counter() - started)
            after_end, spent = live(answer, transcriber)
            early.append(after_end)
            compute.append(spent)
        print(f"answer {seconds:5.1f} s: whole at the end {statistics.median(whole) * 1000:6.0f} ms; "
              f"early {statistics.median(early) * 1000:6.0f} ms "
              f"(early work {statistics.median(compute) / seconds:.3f} s per s of audio)")


if __name__ == "__main__":
    main()
