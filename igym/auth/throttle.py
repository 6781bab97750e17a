"""Brute-force defence for password sign-in without a lock-out anyone can trigger.

Two limits, checked before any password hash is computed:

* **Per email, growing delays.** The first `free_failures` wrong passwords cost nothing; after that each one
  makes the next password check wait `base_s`, then twice that, and so on up to `max_s`. An attempt inside the
  wait is refused with `TooManyAttempts` (saying how long) *without* counting as a failure, so hammering does
  not lengthen it; the right password passes as soon as the wait is over, so the owner is never kept out for
  more than `max_s`. State is a `SignInFailures` row per email hash in the database, so it holds across tabs,
  restarts and replicas, and it exists for addresses with and without an account alike: the delays, the
  messages and the work done (one argon2 verification per checked attempt) are the same either way, so the
  throttle reveals nothing about who has an account.
* **Per client, a budget.** At most `client_failures` wrong passwords per client address in `client_window_s`
  (kept in process memory, see `igym.guards.rate_limit`), so one client cannot spread guesses over many accounts.

Thread-safety: the instance holds configuration and the in-memory client budget (itself locked); every
database read and write happens in the caller's transaction.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from igym.db import repository as repo
from igym.errors import TooManyAttempts
from igym.guards.rate_limit import SlidingWindowLimit

FORGET_AFTER = timedelta(days=1)  # a count with no new failure for this long is dropped (its wait is long over)


@dataclass(frozen=True, slots=True)
class ThrottleRules:
    """How sign-in failures slow the next attempt, per email and per client.

    A few failures are free, then the delay doubles up to a cap.
    """

    free_failures: int = 3
    base_s: float = 2.0
    max_s: float = 60.0
    client_failures: int = 30
    client_window_s: float = 600.0

    def delay_after(self, failures: int) -> float:
        """Seconds the next check waits after `failures` wrong passwords in a row."""
        if failures < self.free_failures:
            return 0.0
        return min(self.max_s, self.base_s * 2 ** (failures - self.free_failures))


def email_key(email: str) -> str:
    """The throttle's key for a normalised email: its SHA-256 (no typed address is stored in the clear)."""
    return hashlib.sha256(email.encode("utf-8")).hexdigest()


class SignInThrottle:
    """The per-email delays (in the database) and the per-client budget (in memory); see the module doc."""

    def __init__(self, rules: ThrottleRules | None = None) -> None:
        self.rules = rules or ThrottleRules()
        self._clients = SlidingWindowLimit(max_events=self.rules.client_failures, window_s=self.rules.client_window_s)

    def check(self, db: Session, *, email: str, client: str | None, now: datetime) -> None:
        """Raise `TooManyAttempts` if this attempt must wait (the client's budget, or the email's delay)."""
        if client:
            wait = self._clients.retry_after(client)
            if wait > 0:
                raise TooManyAttempts(_client_message(wait), retry_after_s=math.ceil(wait))
        row = repo.get_throttle(db, email_hash=email_key(email))
        if row is not None and row.next_attempt_at is not None and row.next_attempt_at > now:
            wait = (row.next_attempt_at - now).total_seconds()
            raise TooManyAttempts(_email_message(wait), retry_after_s=math.ceil(wait))

    def failed(self, db: Session, *, email: str, client: str | None, now: datetime) -> None:
        """Count a wrong password for the email (and the client), setting the next wait."""
        key = email_key(email)
        row = repo.get_throttle(db, email_hash=key)
        failures = (row.failures if row is not None else 0) + 1
        delay = self.rules.delay_after(failures)
        repo.record_failure(
            db, email_hash=key, now=now, failures=failures, next_attempt_at=now + timedelta(seconds=delay)
        )
        if client:
            self._clients.record(client)

    def succeeded(self, db: Session, *, email: str, now: datetime | None = None) -> None:
        """Clear the email's count; also forget other emails' counts untouched for a day (housekeeping)."""
        repo.clear_throttle(db, email_hash=email_key(email))
        if now is not None:
            repo.forget_old_throttles(db, before=now - FORGET_AFTER)


def _email_message(seconds: float) -> str:
    return f"Too many wrong passwords for this email. Wait {_duration(seconds)}, then try again."


def _client_message(seconds: float) -> str:
    return f"Too many wrong passwords from this network. Wait {_duration(seconds)}, then try again."


def _duration(seconds: float) -> str:
    whole = max(1, math.ceil(seconds))
    if whole < 90:
        return f"{whole} second" + ("" if whole == 1 else "s")
    minutes = math.ceil(whole / 60)
    return f"{minutes} minutes"
