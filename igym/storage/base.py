"""The file-storage interface: resumes and answer recordings, keyed by per-user paths."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol


class FileStore(Protocol):
    """Byte blobs by key. Keys always start with the owner's user id (``<user_id>/...``)."""

    def put(self, key: str, data: bytes, *, content_type: str) -> None: ...

    def get(self, key: str) -> bytes: ...

    def delete(self, keys: Iterable[str]) -> None: ...

    def exists(self, key: str) -> bool: ...

    def signed_url(self, key: str, *, expires_in: int) -> str | None:
        """A short-lived link that plays/downloads the object, or None: "read it with `get` and serve the bytes"."""
        ...
