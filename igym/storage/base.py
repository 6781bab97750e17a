"""The file-storage interface: resumes and answer recordings, keyed by per-user paths.

One store serves every browser session of the process, so it never holds a user's identity. A store that
needs the signed-in user's token for a call (Supabase Storage without the service-role key) asks an
`AccessToken` getter the UI installs once (`use_access_token`); the getter reads the token of the browser
session running on the calling thread, and returns None anywhere else.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Protocol

AccessToken = Callable[[], str | None]


class FileStore(Protocol):
    """Byte blobs by key. Keys always start with the owner's user id (``<user_id>/...``)."""

    @property
    def remote(self) -> bool:
        """True when objects are kept off this machine (a hosted bucket), False for the data folder."""
        ...

    def use_access_token(self, access_token: AccessToken) -> None:
        """Install how to find the current browser session's access token (ignored where none is needed)."""
        ...

    def put(self, key: str, data: bytes, *, content_type: str) -> None: ...

    def get(self, key: str) -> bytes: ...

    def delete(self, keys: Iterable[str]) -> None: ...

    def exists(self, key: str) -> bool: ...

    def signed_url(self, key: str, *, expires_in: int) -> str | None:
        """A short-lived link that plays/downloads the object, or None: "read it with `get` and serve the bytes"."""
        ...
