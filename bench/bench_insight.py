"""Time of the insight card between questions, and of result detection: `.venv/bin/python bench/bench_insight.py`.

Not a test: it prints figures. For answers of three sizes — a typical two-minute answer (~250 words), a long
one (8,000 characters, the typed-answer limit) and 320 Chinese characters without spaces — it times
`insight_card` (everything the card needs: grader-talk removal, STAR cues, result detection, relevance,
findings) and `detect_results` alone, as the median and the slowest of `--runs` runs. The goal for the card
is under 100 ms; it is computed after the next question is on screen, so it never delays it.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from igym.analysis.answer import analyze_text
from igym.analysis.results import detect_results
from igym.feedback.insight import insight_card

QUESTION = "Tell me about a time you improved a process or the way your team worked."
TYPICAL = (
    "At my last job, um, our releases needed a whole afternoon of manual checks, and we were shipping only "
    "twice a month. My task was to make releases safe without that afternoon. I listed every check, I "
    "automated the four slowest with a script, and I moved the rest into the pipeline, so, like, nobody had "
    "to remember them. I also wrote a one-page runbook for the on-call engineer. "
) * 4 + "As a result releasing went from half a day to about twenty minutes, and we now ship every week."


def _time(fn: object, runs: int) -> tuple[float, float]:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples), max(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    answers = {
        f"typical ({len(TYPICAL.split())} words)": TYPICAL,
        "8,000 characters": (TYPICAL * 8)[:8000],
        "320 CJK characters": "我们的团队把发布时间从半天缩短到二十分钟" * 16,
    }
    print(f"median / slowest of {args.runs} runs, ms (the machine is shared with other work)")
    for label, answer in answers.items():
        metrics = replace(analyze_text(answer), duration_s=120.0, speech_start_s=1.0, speech_end_s=118.0,
                          words_per_minute=138.0)
        card = _time(lambda a=answer, m=metrics: insight_card(question=QUESTION, answer=a, metrics=m), args.runs)
        results = _time(lambda a=answer: detect_results(a), args.runs)
        print(f"{label:<24} insight_card {card[0]:6.2f} / {card[1]:6.2f}   detect_results {results[0]:6.2f} / "
              f"{results[1]:6.2f}")


if __name__ == "__main__":
    main()
