"""The benches import nothing from `tests` (tests may import bench helpers, not the reverse; issue 13)."""

from __future__ import annotations

import ast
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / "bench"
# bench_live.py still takes the browser fixtures, the network namespace and the app server from tests/
# (tests.browser.conftest, bench.netns, bench.app_server); it is being changed elsewhere.
PENDING = {"bench_live.py"}


def _imports_of_tests(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        found += [name for name in names if name == "tests" or name.startswith("tests.")]
    return found


def test_no_bench_imports_the_tests() -> None:
    offenders = {
        path.name: found
        for path in sorted(BENCH.glob("*.py"))
        if (found := _imports_of_tests(path))
    }
    assert offenders == {}
