"""A circuit breaker per hosted provider: closed → open after failures → one half-open trial after a cool-down.

Why: when Groq is down, every request that still tries it waits for the SDK's retries (up to about 90 s for a
chat call) before falling back. The breaker counts consecutive failed calls; after `failures` of them it
opens, and calls skip the hosted provider (they go straight to the offline one) until `cooldown_s` has
passed. Then it is half-open: exactly one call is let through as a trial. If the trial succeeds the breaker
closes and everyone is back on the hosted provider; if it fails the breaker opens for another cool-down.
One failed call below the threshold moves nobody else: the next request, whoever's, tries the hosted
provider again.

Threads: one breaker is shared by every browser session of the process (it lives on the process-wide
provider wrapper). Every state change happens under a lock that is never held while a provider runs; while a
trial is in flight, other callers are refused (served offline) instead of piling onto a service that may
still be down. The clock is injectable (`time.monotonic` by default), so tests step time instead of sleeping.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

BreakerState = Literal["closed", "open", "half_open"]


@dataclass(frozen=True, slots=True)
class BreakerRules:
    """How many consecutive failures open the breaker, and how long it stays open before a trial."""

    failures: int = 2
    cooldown_s: float = 30.0


class CircuitBreaker:
    """The state of one hosted provider for the whole process; see the module docstring.

    Use: `allow()` before calling the provider; if it returned True, report the call's end with exactly one
    of `succeeded()`, `failed()` or `released()` (the call ended without saying whether the service works,
    e.g. a refused request or a stream the consumer stopped reading).
    """

    def __init__(self, rules: BreakerRules | None = None, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.rules = rules or BreakerRules()
        self._clock = clock
        self._lock = threading.Lock()
        self._failures = 0
        self._opened_at: float | None = None
        self._trial = False

    @property
    def state(self) -> BreakerState:
        with self._lock:
            return self._state_locked()

    def _state_locked(self) -> BreakerState:
        if self._opened_at is None:
            return "closed"
        if self._trial or self._clock() - self._opened_at >= self.rules.cooldown_s:
            return "half_open"
        return "open"

    def allow(self) -> bool:
        """Whether this call may try the hosted provider (closed, or the one half-open trial)."""
        with self._lock:
            state = self._state_locked()
            if state == "closed":
                return True
            if state == "half_open" and not self._trial:
                self._trial = True
                return True
            return False

    def succeeded(self) -> None:
        """The provider answered: close (a trial that succeeded brings everyone back)."""
        with self._lock:
            self._failures, self._opened_at, self._trial = 0, None, False

    def failed(self) -> None:
        """The provider is down for this call: count it, and open at the threshold (a failed trial reopens)."""
        with self._lock:
            self._failures += 1
            if self._trial or self._failures >= self.rules.failures:
                self._opened_at = self._clock()
            self._trial = False

    def released(self) -> None:
        """The call ended without telling whether the service works; a trial slot is given back."""
        with self._lock:
            self._trial = False
