"""Run one function on several threads at once, as concurrent requests would."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from typing import Any


def run_together(target: Callable[..., Any], calls: Iterable[Sequence[Any]], *, timeout: float | None = None) -> None:
    """Start `target(*args)` on its own thread for each `args` in `calls`, then wait for all of them."""
    threads = [threading.Thread(target=target, args=tuple(args)) for args in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
