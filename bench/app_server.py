"""The real app served by `streamlit run` for browser tests and benches: on loopback, or in a network namespace.

Keys for Groq, Supabase and an outside database are removed from the server's environment, so it always runs
on the embedded default with its own data folder. The health check runs where the server listens (inside the
namespace when there is one).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Debian's Chromium as the browser tests and benches launch it (headless; as root it needs --no-sandbox)
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serve_app(
    data_dir: Path,
    *,
    log_path: Path,
    address: str = "127.0.0.1",
    port: int | None = None,
    prefix: Sequence[str] = (),
    extra_env: dict[str, str] | None = None,
) -> Iterator[str]:
    """Start the app, wait until `/_stcore/health` answers, yield its URL, and stop it afterwards."""
    port = port or free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GROQ", "SUPABASE", "DATABASE_URL"))}
    env["IGYM_DATA_DIR"] = str(data_dir)
    env.update(extra_env or {})
    url = f"http://{address}:{port}"
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        "app.py",
        "--server.port",
        str(port),
        "--server.address",
        address,
        "--server.headless",
        "true",
    ]
    probe = [
        *prefix,
        sys.executable,
        "-c",
        f"import urllib.request; urllib.request.urlopen('{url}/_stcore/health', timeout=2)",
    ]
    with log_path.open("wb") as log:
        server = subprocess.Popen([*prefix, *command], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 60
            while subprocess.run(probe, capture_output=True).returncode != 0:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError(f"the app did not start; see {log_path}")
                time.sleep(0.3)
            yield url
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
