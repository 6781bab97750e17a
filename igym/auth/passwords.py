"""Argon2 password hashing with a process-wide cap on how many hashes run at once.

Each argon2 hash or verification holds `memory_cost` (argon2-cffi's default: 64 MiB) for its duration, so
20 sign-ins arriving together would need well over a gigabyte at once. `PasswordHashing` lets at most
`max_concurrent` (2 by default, one per core here) run at a time; the others wait their turn on a
semaphore, which costs them a fraction of a second each instead of costing the process its memory. One
instance is built per process (`igym.services.build_services`) and shared by everything that hashes, so the
cap is per process. Verification of a malformed stored hash counts as a mismatch, never an error.
"""

from __future__ import annotations

import threading

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError


class PasswordHashing:
    """Hash and verify passwords, at most `max_concurrent` at once in this process (thread-safe)."""

    def __init__(self, *, max_concurrent: int = 2, hasher: PasswordHasher | None = None) -> None:
        if max_concurrent < 1:
            raise ValueError("at least one hash must be allowed to run")
        self._hasher = hasher or PasswordHasher()
        self._slots = threading.BoundedSemaphore(max_concurrent)
        self.max_concurrent = max_concurrent
        self._dummy_hash: str | None = None

    def hash(self, password: str) -> str:
        with self._slots:
            return self._hasher.hash(password)

    def verify(self, password_hash: str, password: str) -> bool:
        with self._slots:
            try:
                return self._hasher.verify(password_hash, password)
            except (VerifyMismatchError, VerificationError, InvalidHashError):
                return False

    def verify_nothing(self, password: str) -> None:
        """Spend exactly what a real verification costs, for an email without an account (same timing)."""
        if self._dummy_hash is None:
            self._dummy_hash = self.hash("not-a-real-password-0")
        self.verify(self._dummy_hash, password)

    def needs_rehash(self, password_hash: str) -> bool:
        return self._hasher.check_needs_rehash(password_hash)
