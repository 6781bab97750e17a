"""A throw-away PostgreSQL server for the tests and the benches, started from the machine's own binaries.

It lives in `bench/` because the benches need it too (`bench/bench_progress.py`) and the benches import
nothing from `tests`; the tests' `conftest.py` imports it from here.

PostgreSQL refuses to run as root, and everything here runs as root: so when we are root the data folder is
handed to the `postgres` user and initdb/pg_ctl run through `runuser -u postgres --`. The server listens on
127.0.0.1 and a private socket folder, on a free port, with trust auth (nothing leaves the machine).
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def find_pg_bin() -> Path | None:
    if os.environ.get("PG_BIN"):
        return Path(os.environ["PG_BIN"])
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    if candidates:
        return Path(candidates[0]).parent
    found = shutil.which("initdb")
    return Path(found).parent if found else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _as_postgres(cmd: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


@contextmanager
def postgres_server() -> Iterator[str]:
    """Start a server and yield the admin URL (``postgresql+psycopg://postgres@127.0.0.1:PORT/postgres``)."""
    bin_dir = find_pg_bin()
    if bin_dir is None:
        raise RuntimeError("PostgreSQL binaries not found: install the Debian package 'postgresql' (see .ci/run)")
    root = Path(tempfile.mkdtemp(prefix="igym-pg-"))
    data, sock = root / "data", root / "sock"
    sock.mkdir()
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
        shutil.chown(sock, "postgres")
        os.chmod(root, 0o700)
    port = _free_port()
    log = root / "server.log"
    try:
        subprocess.run(
            _as_postgres([str(bin_dir / "initdb"), "-A", "trust", "-U", "postgres", "-E", "UTF8", "-D", str(data)]),
            check=True,
            capture_output=True,
        )
        options = f"-p {port} -k {sock} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
        subprocess.run(
            _as_postgres([str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(log), "-o", options, "-w", "start"]),
            check=True,
            capture_output=True,
        )
        _wait_ready(port)
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(
            _as_postgres([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
            capture_output=True,
        )
        shutil.rmtree(root, ignore_errors=True)


def _wait_ready(port: int, timeout_s: float = 20.0) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"PostgreSQL did not start listening on port {port}")
