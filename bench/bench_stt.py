"""Offline speech-to-text on the suite's own spoken corpus, per model (not a test).

Run: `PYTHONPATH=. nice -n 10 .venv/bin/python bench/bench_stt.py [--models tiny.en,base] [--limit N]`

Each answer of `bench/spoken_corpus.py` (24 answers, Piper and espeak-ng, three rates, clean and 20 dB SNR)
goes through `analyze_answer` with the offline transcriber, exactly as an uploaded answer does, and is
compared with its script. Printed per model:

* WER: word errors over all answers / words in all scripts ("um" and "uh" left out of both);
* lost: answers whose own WER is above 0.25 (a stretch of the answer went missing);
* um/uh: transcribed against spoken, in total, and the share of answers within +-1 of the truth, per voice;
* pauses: answers whose pause count matches the script's;
* unclear: stretches of speech kept as "unclear speech" (no words even when transcribed alone);
* RTF: analysis seconds per second of audio (VAD, transcription, coverage checks), on this machine.

`--limit N` takes the first N answers (a quick look while iterating); the corpus is cached under the system
temporary folder, so only the first run renders it.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.spoken_corpus import (
    SpokenAnswer,
    build_corpus,
    content_wer,
    default_cache_dir,
    filler_count,
    normalise,
    word_errors,
)
from igym.analysis import analyze_answer
from igym.providers.offline_stt import OfflineWhisperTranscriber


def run_model(model: str, answers: list[SpokenAnswer], *, verbose: bool) -> None:
    transcriber = OfflineWhisperTranscriber(model=model)
    transcriber.load()
    errors = words = lost = pauses_right = unclear = 0
    fillers_said = fillers_heard = 0
    within: dict[str, list[bool]] = {"piper": [], "espeak": []}
    audio_s = spent = 0.0
    for answer in answers:
        samples = answer.samples()
        started = time.perf_counter()
        metrics = analyze_answer(samples, transcriber=transcriber, pause_min_s=1.0)
        spent += time.perf_counter() - started
        audio_s += samples.size / 16_000
        reference = answer.content_words
        hypothesis = [w for w in normalise(metrics.transcript) if w not in ("um", "uh")]
        answer_errors = word_errors(reference, hypothesis)
        errors += answer_errors
        words += len(reference)
        wer = content_wer(answer, metrics.transcript)
        lost += wer > 0.25
        heard = filler_count(metrics.transcript)
        fillers_said += answer.filler_truth
        fillers_heard += heard
        within[answer.voice].append(abs(heard - answer.filler_truth) <= 1)
        pauses_right += (metrics.pause_count or 0) == len(answer.pauses)
        unclear += len(getattr(metrics, "unclear_speech", []))
        if verbose:
            print(
                f"  {answer.name:28s} {answer.duration_s:5.1f} s  WER {wer:.2f}  um/uh {heard}/{answer.filler_truth}"
                f"  pauses {metrics.pause_count}/{len(answer.pauses)}  wpm {metrics.words_per_minute}"
            )
    rates = ", ".join(f"{voice} {sum(hits)}/{len(hits)}" for voice, hits in within.items() if hits)
    print(
        f"{model:10s} WER {errors / max(1, words):.3f}  lost {lost}/{len(answers)}  "
        f"um/uh {fillers_heard}/{fillers_said} (within +-1: {rates})  "
        f"pauses right {pauses_right}/{len(answers)}  unclear {unclear}  RTF {spent / audio_s:.3f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", default="tiny.en", help="comma-separated offline_stt_model values")
    parser.add_argument("--limit", type=int, default=None, help="only the first N answers")
    parser.add_argument("--verbose", action="store_true", help="one line per answer")
    args = parser.parse_args()
    answers = build_corpus(default_cache_dir())
    if args.limit:
        answers = answers[: args.limit]
    total = sum(a.duration_s for a in answers)
    print(
        f"{len(answers)} answers, {total:.0f} s of audio ({min(a.duration_s for a in answers):.0f}-"
        f"{max(a.duration_s for a in answers):.0f} s each)"
    )
    for model in args.models.split(","):
        run_model(model.strip(), answers, verbose=args.verbose)


if __name__ == "__main__":
    main()
