"""Notices for the candidate whose request degraded: served offline, or an upload left for later.

The fallback wrappers and file stores are shared by the whole process, so a notice kept on them would be
shown to everyone. Instead, each call served offline (the hosted provider failed, or its circuit breaker is
open) or kept for a later upload records its notice in the collector of the request that made it: a
context variable that `collect()` sets around one piece of work (a submitted answer, a spoken question).
Context variables are per thread (and per task), so two browser sessions answering at once never see each
other's notices. Outside `collect()` recording does
nothing (the CLI, tests that do not ask).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_collected: ContextVar[list[str] | None] = ContextVar("igym_provider_notices", default=None)


def record(notice: str) -> None:
    """Note that the current request was served offline (each notice once per request)."""
    found = _collected.get()
    if found is not None and notice not in found:
        found.append(notice)


@contextmanager
def collect() -> Iterator[list[str]]:
    """Collect the notices of the calls made inside the block; the list fills in as they happen."""
    found: list[str] = []
    token = _collected.set(found)
    try:
        yield found
    finally:
        _collected.reset(token)
