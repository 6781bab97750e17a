"""Answer end to analysed answer, with and without transcribing while the candidate speaks (not a test).

Run: `PYTHONPATH=. nice -n 10 .venv/bin/python bench/bench_early_transcription.py [--model base] [--min-s 3]`

For live answers of about 1 and 2 minutes (answers of the suite's spoken corpus, bench/spoken_corpus.py, joined:
Piper and espeak-ng voices, pauses of 1.3-3.2 s between some sentences), prints the time from the end of the
answer to its metrics (transcription, the coverage check and the analysis), p50 and worst of a few runs, when
the whole answer is transcribed at the end and when the stretches closed by pauses were transcribed while it
was spoken (`EarlyTranscript`, stretches of at least `--min-s`, the offline setting's default). The audio is
fed as fast as possible and the early worker is allowed to catch up first: the line "early work" shows its
compute per second of audio, which must stay well under 1 for it to keep up with a live speaker.

The model defaults to the `offline.stt_model` setting's default. Imports nothing from `tests`.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
import uuid
from pathlib import Path

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.spoken_corpus import build_corpus, default_cache_dir
from igym.analysis import analyze_answer
from igym.config_groups import OfflineSettings, RecorderSettings
from igym.live.early_transcription import EarlyTranscript
from igym.live.recording import SAMPLE_RATE, LiveRecording
from igym.live.turn_key import TurnKey
from igym.providers.offline_stt import OfflineWhisperTranscriber

RUNS = 3
FRAME = SAMPLE_RATE // 50
ANSWERS = {
    "1 min": ("s00-piper-fast-clean", "s01-espeak-normal-clean"),
    "2 min": ("s02-piper-slow-clean", "s03-espeak-fast-clean", "s04-piper-normal-clean", "s05-espeak-slow-clean"),
}


def live(answer: np.ndarray, transcriber: OfflineWhisperTranscriber, min_s: float) -> tuple[float, float]:
    """(seconds from answer end to metrics, early compute seconds) for one live answer."""
    early = EarlyTranscript(transcriber)
    turn = TurnKey(uuid.uuid4(), uuid.uuid4(), 1)
    recording = LiveRecording(turn, silence_stop_s=30.0, max_seconds=900, on_segment=early.add, segment_min_s=min_s)
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
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default=OfflineSettings().stt_model)
    parser.add_argument("--min-s", type=float, default=RecorderSettings().early_min_offline_s)
    parser.add_argument("--runs", type=int, default=RUNS)
    args = parser.parse_args()
    transcriber = OfflineWhisperTranscriber(model=args.model)
    transcriber.load()
    names = [name for group in ANSWERS.values() for name in group]
    corpus = {a.name: a for a in build_corpus(default_cache_dir(), only=names)}
    print(f"model {args.model}, early stretches of at least {args.min_s:g} s, {args.runs} runs each")
    for label, group in ANSWERS.items():
        answer = np.concatenate([corpus[name].samples() for name in group])
        seconds = answer.size / SAMPLE_RATE
        whole, early, compute = [], [], []
        for _ in range(args.runs):
            started = time.perf_counter()
            analyze_answer(answer, transcriber=transcriber)
            whole.append(time.perf_counter() - started)
            after_end, spent = live(answer, transcriber, args.min_s)
            early.append(after_end)
            compute.append(spent)
        print(
            f"{label} answer ({seconds:5.1f} s): whole at the end p50 {statistics.median(whole):5.2f} s; "
            f"early p50 {statistics.median(early):5.2f} s (worst {max(early):5.2f} s; "
            f"early work {statistics.median(compute) / seconds:.3f} s per s of audio)"
        )


if __name__ == "__main__":
    main()
