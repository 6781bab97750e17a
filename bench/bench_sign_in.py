"""Process memory and time for N simultaneous sign-ins with unknown emails: `.venv/bin/python bench/bench_sign_in.py`.

Not a test: it prints figures.

Builds the embedded default's services on a throw-away SQLite database, makes one warm-up sign-in (so any
one-off dummy hash is computed), then resets the kernel's peak-RSS counter (``/proc/self/clear_refs``) and
releases `--users` threads at once (a barrier), each signing in with a different unknown email and a wrong
password, as a credential-stuffing burst would. Prints the resident memory before, the peak during the burst
(VmHWM), their difference, and the wall time. Each argon2 verification holds 64 MiB (argon2-cffi's default),
so without a cap the peak grows with the burst; with `IGYM_PASSWORD_HASH_CONCURRENCY` (2) it stays flat and
the burst takes longer instead. Run it on a quiet machine: other processes do not change the memory figures,
but they do change the time.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import contextlib

from igym.config import Settings
from igym.errors import IgymError
from igym.services import build_services


def _status_mb(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"{field} not in /proc/self/status")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=20, help="simultaneous sign-ins (default 20)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(_env_file=None, data_dir=Path(folder), secret_key="bench-secret-key-0123456789")  # type: ignore[call-arg]
        app = build_services(settings)
        with contextlib.suppress(IgymError):
            app.auth.sign_in(email="warm-up@example.com", password="wrong-pass-1")
        gate = threading.Barrier(args.users)
        outcomes: list[str] = []

        def sign_in(n: int) -> None:
            gate.wait()
            try:
                app.auth.sign_in(email=f"stranger{n}@example.com", password="wrong-pass-1")
                outcomes.append("signed in")
            except IgymError as exc:
                outcomes.append(type(exc).__name__)

        Path("/proc/self/clear_refs").write_text("5")  # reset the peak-RSS counter to the current RSS
        before = _status_mb("VmRSS")
        threads = [threading.Thread(target=sign_in, args=(n,)) for n in range(args.users)]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
        peak = _status_mb("VmHWM")
        app.db.engine.dispose()
    kinds = sorted(set(outcomes))
    print(f"{args.users} simultaneous sign-ins with unknown emails (outcomes: {', '.join(kinds)})")
    print(f"  resident before   {before:8.0f} MB")
    print(f"  peak during       {peak:8.0f} MB")
    print(f"  peak - before     {peak - before:8.0f} MB")
    print(f"  wall time         {elapsed:8.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
