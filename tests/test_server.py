"""The real server starts on the embedded default and answers its health check (what `make run` serves)."""

from __future__ import annotations

import urllib.request
from pathlib import Path

from bench.app_server import serve_app


def test_streamlit_serves_the_app_with_no_keys(tmp_path: Path) -> None:
    with serve_app(tmp_path / "data", log_path=tmp_path / "server.log") as url:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=5) as response:
            assert response.read().decode() == "ok"
        with urllib.request.urlopen(f"{url}/", timeout=5) as response:
            assert b'<div id="root">' in response.read()
