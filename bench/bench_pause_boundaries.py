"""How far pause and speech boundaries land from the truth (not a test).

Run: `.venv/bin/python bench/bench_pause_boundaries.py [--renders N]`.

Piper draws fresh noise on every synthesis (the suite turns that off), so each rendering of the suite's
known answer is a slightly different voice; each is analysed clean and with three draws of 25 dB SNR white
noise. The truth comes from the clean signal (its silences are digital zeros). Prints, over all runs: how
many got the pause count wrong, the worst and 99th-percentile boundary error (pause starts and ends, speech
start and end), and how many runs had any boundary more than 0.15 s off, the suite's tolerance.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.speech_audio import (
    ANSWER_SENTENCES,
    GAPS_S,
    PIPER_RATE,
    SR,
    build_answer,
    piper_synthesizer,
    resample,
    truth_of,
)
from igym.analysis.vad import find_pauses, find_speech

TOLERANCE_S = 0.15
NOISE_DRAWS = 3


def boundary_errors(samples: np.ndarray, truth) -> list[float] | None:
    """Signed errors of every boundary, or None when the pause count is wrong."""
    speech = find_speech(samples)
    if not speech:
        return None
    pauses = find_pauses(speech, min_pause_s=1.0, start_s=speech[0].start_s, end_s=speech[-1].end_s)
    if len(pauses) != len(truth.pauses):
        return None
    errors = [speech[0].start_s - truth.speech_start_s, speech[-1].end_s - truth.speech_end_s]
    for pause, (start, end) in zip(pauses, truth.pauses, strict=True):
        errors += [pause.start_s - start, pause.end_s - end]
    return errors


def describe(errors: list[float]) -> str:
    """The boundaries more than the tolerance off, named, e.g. "pause 2 end +194 ms"."""
    labels = ["speech start", "speech end"]
    labels += [f"pause {k // 2 + 1} {('start', 'end')[k % 2]}" for k in range(len(errors) - 2)]
    off = [f"{label} {e * 1000:+.0f} ms" for label, e in zip(labels, errors, strict=True) if abs(e) > TOLERANCE_S]
    return ", ".join(off)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--renders", type=int, default=40)
    args = parser.parse_args()
    synth = piper_synthesizer(noise=0.4)  # a different voice on every call, on purpose
    worst: list[float] = []
    wrong_count = 0
    for n in range(args.renders):
        clean = build_answer(synth, ANSWER_SENTENCES, GAPS_S)
        truth = truth_of(clean, PIPER_RATE, 0)
        at16 = resample(clean, PIPER_RATE, SR)
        power = float(np.mean(at16[np.abs(at16) > 0.01] ** 2))
        variants = [at16]
        for draw in range(NOISE_DRAWS):
            rng = np.random.default_rng(1000 * n + draw)
            variants.append(at16 + rng.normal(0, np.sqrt(power / 10 ** 2.5), at16.size).astype(np.float32))
        for samples in variants:
            errors = boundary_errors(samples, truth)
            if errors is None:
                wrong_count += 1
                continue
            worst.append(max(abs(e) for e in errors))
            if worst[-1] > TOLERANCE_S:
                print(f"rendering {n}: {describe(errors)}")
                if os.environ.get("IGYM_BENCH_KEEP"):
                    np.save(Path(os.environ["IGYM_BENCH_KEEP"]) / f"render{n}.npy", clean)
    runs = args.renders * (NOISE_DRAWS + 1)
    spread = np.array(worst)
    print(f"runs: {runs} ({args.renders} renderings x clean + {NOISE_DRAWS} noise draws at 25 dB SNR)")
    print(f"pause count wrong: {wrong_count}")
    if spread.size:
        print(f"worst boundary error: {spread.max() * 1000:.0f} ms; p99 {np.percentile(spread, 99) * 1000:.0f} ms")
        print(f"runs with a boundary > {TOLERANCE_S * 1000:.0f} ms off: {int((spread > TOLERANCE_S).sum())}")


if __name__ == "__main__":
    main()
