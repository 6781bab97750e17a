"""Simultaneous offline interviews in one process: per-turn latency and CPU, for 1, 2, 4 and 8 at once.

Not a test: it prints a table. Each interview is its own account and session on one SQLite database, run by
its own thread through the same `AppServices` the app caches per process (offline: Whisper tiny.en int8 for
speech-to-text, Piper for the interviewer's voice, the rules for the interviewer). A turn is what a live
turn costs the server: the spoken answer (a Piper recording of about `--answer-s` seconds) goes through
`engine.answer_audio` (decode, store as Ogg/Opus, transcribe, analyse, plan, word, commit) and the
interviewer's reply is then spoken with `speaker.synthesize`. All interviews submit each turn at the same
moment (a barrier), which is the worst case: real candidates talk for a minute or two between submits.

Printed per level: turns measured, per-turn p50 and p95 wall time, the process's CPU seconds per turn, how
busy the 2 cores were over the level, and the load average before and after (the machine may be shared).

Run: PYTHONPATH=. .venv/bin/python bench/bench_load.py [--turns 3] [--levels 1,2,4,8]   (offline, no keys)
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from igym.config import Settings
from igym.services import AppServices, build_services

ANSWER = (
    "In my last role I led the billing migration from the old system to the new one. I wrote the plan, I "
    "agreed the cut-over date with finance, and I ran the rehearsal twice before the real weekend. When a "
    "report broke on the Sunday I rolled that part back and fixed it on Monday. As a result failed payments "
    "fell by thirty percent and support tickets about invoices halved within a month."
)


def _p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def _interview(app: AppServices, user: uuid.UUID, wav: bytes, turns: int, barrier: threading.Barrier,
               out: list[float], errors: list[str]) -> None:
    session = app.sessions.create(user_id=user, interview_type="behavioral", difficulty="intense", check_limit=False)
    state = app.engine.begin(user_id=user, session_id=session.id)
    for _ in range(turns):
        barrier.wait()
        start = time.perf_counter()
        try:
            outcome = app.engine.answer_audio(
                user_id=user, session_id=session.id, data=wav, turn_index=len(state.turns)
            )
            app.speaker.synthesize(outcome.reply.content)
        except Exception as exc:  # a failed turn is reported, not hidden
            errors.append(f"{type(exc).__name__}: {exc}")
        out.append(time.perf_counter() - start)
        state = app.engine.state(user_id=user, session_id=session.id)


def run_level(app: AppServices, wav: bytes, users: list[uuid.UUID], turns: int) -> dict[str, float]:
    barrier = threading.Barrier(len(users))
    durations: list[float] = []
    errors: list[str] = []
    cpu0, wall0 = time.process_time(), time.perf_counter()
    threads = [
        threading.Thread(target=_interview, args=(app, user, wav, turns, barrier, durations, errors))
        for user in users
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    if errors:
        print(f"  {len(errors)} failed turns, first: {errors[0]}")
    return {
        "turns": len(durations),
        "p50": statistics.median(durations),
        "p95": _p(durations, 0.95),
        "cpu_per_turn": cpu / max(1, len(durations)),
        "busy": cpu / wall / (os.cpu_count() or 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--turns", type=int, default=3, help="turns per interview at each level")
    parser.add_argument("--levels", default="1,2,4,8")
    args = parser.parse_args()
    levels = [int(n) for n in args.levels.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(_env_file=None, data_dir=Path(tmp), stt_provider="offline", tts_provider="offline",  # type: ignore[call-arg]
                            llm_provider="offline", sessions_per_day=1000)
        app = build_services(settings)
        wav = app.speaker.synthesize(ANSWER).data  # also loads Piper
        app.transcriber.get().load()  # type: ignore[attr-defined]
        users = [
            app.auth.sign_up(email=f"load{n}@example.com", password=f"bench-pass-{n}-long", name=f"Load {n}").id
            for n in range(max(levels))
        ]
        load_before = os.getloadavg()
        print(f"{os.cpu_count()} cores; answer {len(wav) / 2 / 22_050:.1f} s of speech; {args.turns} turns per "
              f"interview; load average before {load_before[0]:.2f} {load_before[1]:.2f} {load_before[2]:.2f}")
        print("| interviews at once | turns | per-turn p50 | per-turn p95 | CPU per turn | cores busy |")
        print("|---:|---:|---:|---:|---:|---:|")
        for level in levels:
            row = run_level(app, wav, users[:level], args.turns)
            print(f"| {level} | {row['turns']:.0f} | {row['p50']:.2f} s | {row['p95']:.2f} s | "
                  f"{row['cpu_per_turn']:.2f} s | {100 * row['busy']:.0f}% |")
        after = os.getloadavg()
        print(f"load average after {after[0]:.2f} {after[1]:.2f} {after[2]:.2f}")
        app.feedback.jobs.shutdown()
        app.db.engine.dispose()


if __name__ == "__main__":
    main()
