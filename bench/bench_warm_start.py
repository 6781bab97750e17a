"""The first answer after the app starts against a warm one, with and without the background warmup (not a test).

Run: `PYTHONPATH=. nice -n 10 .venv/bin/python bench/bench_warm_start.py [--model base]`

Each measurement runs in a fresh Python process (nothing loaded yet, as after a server start), with the
offline providers the app builds (`LazyTranscriber`, `LazySpeaker` from the settings) and a 28 s answer of the
spoken corpus (bench/spoken_corpus.py): the seconds `analyze_answer` takes for the first answer and for a
second one (warm). "cold" transcribes the first answer with nothing loaded (what the app did before the
warmup); "warmed" starts the warmup as the app now does and lets the candidate answer once it is ready (a
candidate reads the question first). Goal: first answer at most 1.5x a warm one.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

ANSWER = "s00-piper-fast-clean"


def child(mode: str, model: str) -> None:
    from bench.spoken_corpus import build_corpus, default_cache_dir
    from igym.analysis import analyze_answer
    from igym.config import Settings
    from igym.providers.lazy import LazySpeaker, LazyTranscriber
    from igym.providers.warmup import provider_warmup

    (answer,) = build_corpus(default_cache_dir(), only=[ANSWER])
    samples = answer.samples()
    with tempfile.TemporaryDirectory() as data:
        settings = Settings(  # type: ignore[call-arg]
            _env_file=None, data_dir=Path(data), stt_provider="offline", tts_provider="offline",
            offline={"stt_model": model},
        )
        transcriber, speaker = LazyTranscriber(settings), LazySpeaker(settings)
        warmed_s = None
        if mode == "warmed":
            started = time.perf_counter()
            warmup = provider_warmup(transcriber=transcriber.get, speaker=speaker.get).start()
            warmup.wait(300)
            warmed_s = time.perf_counter() - started
        times = []
        for _ in range(3):
            started = time.perf_counter()
            analyze_answer(samples, transcriber=transcriber)
            times.append(time.perf_counter() - started)
    print(json.dumps({"first": times[0], "warm": min(times[1:]), "warmup_s": warmed_s}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="base")
    parser.add_argument("--child", default=None)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.model)
        return
    for mode in ("cold", "warmed"):
        out = subprocess.run(
            [sys.executable, __file__, "--child", mode, "--model", args.model],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[1])},
        ).stdout
        result = json.loads(out.strip().splitlines()[-1])
        extra = f" (warmup took {result['warmup_s']:.1f} s before the answer)" if result["warmup_s"] else ""
        print(
            f"{args.model} {mode:6s}: first answer {result['first']:5.2f} s, warm {result['warm']:5.2f} s, "
            f"ratio {result['first'] / result['warm']:.2f}{extra}"
        )


if __name__ == "__main__":
    main()
