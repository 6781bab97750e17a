"""A sliding-window rate limit kept in process memory: at most N events per key in any window of W seconds.

Used where a short, per-replica budget is the point: sign-in failures per client address, resume uploads per
user. It is deliberately not in the database: a limit that must hold across replicas and restarts (the
per-email sign-in delays) lives there instead. State is a dict of recent event times per key behind one
lock, so any thread may call it; keys that have been quiet for a whole window are dropped, and at most
`max_keys` are tracked (the longest-quiet ones are forgotten first), so an attacker inventing keys cannot
grow it without bound.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable


class SlidingWindowLimit:
    """At most `max_events` per key in any `window_s` seconds; `clock` is seconds (monotonic by default)."""

    def __init__(
        self, *, max_events: int, window_s: float, clock: Callable[[], float] = time.monotonic, max_keys: int = 10_000
    ) -> None:
        if max_events < 1 or window_s <= 0:
            raise ValueError("a limit needs at least one event and a positive window")
        self.max_events = max_events
        self.window_s = window_s
        self._clock = clock
        self._max_keys = max_keys
        self._events: OrderedDict[str, deque[float]] = OrderedDict()
        self._lock = threading.Lock()

    def retry_after(self, key: str) -> float:
        """Seconds until the key may have another event; 0 when it may now."""
        with self._lock:
            events = self._recent(key, self._clock())
            if events is None or len(events) < self.max_events:
                return 0.0
            return max(0.0, events[0] + self.window_s - self._clock())

    def record(self, key: str) -> None:
        """Count one event for the key now."""
        with self._lock:
            now = self._clock()
            events = self._recent(key, now)
            if events is None:
                events = self._events[key] = deque()
                while len(self._events) > self._max_keys:
                    self._events.popitem(last=False)
            events.append(now)
            while len(events) > self.max_events:
                events.popleft()
            self._events.move_to_end(key)

    def _recent(self, key: str, now: float) -> deque[float] | None:
        events = self._events.get(key)
        if events is None:
            return None
        while events and events[0] <= now - self.window_s:
            events.popleft()
        if not events:
            del self._events[key]
            return None
        return events
