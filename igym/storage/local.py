"""Files in the data folder, for the embedded default.

Keys are relative POSIX paths; anything that would escape the root (``..``, absolute paths) is refused, so a
key built from user input can never read or overwrite another file. Writes go to a temporary file first and
are renamed into place, so a crash never leaves half a recording behind.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from igym.errors import InvalidInput, NotFound
from igym.storage.base import AccessToken


class LocalFileStore:
    """`FileStore` on the data folder; any thread may call it (every write is a rename into place)."""

    remote = False

    def __init__(self, root: Path) -> None:
        self._root = root.resolve()

    def use_access_token(self, access_token: AccessToken) -> None:
        """Nothing to install: the data folder needs no credentials."""

    def _path(self, key: str) -> Path:
        parts = PurePosixPath(key).parts
        if not parts or key.startswith("/") or any(part in ("..", "") for part in parts):
            raise InvalidInput("That file name is not allowed.")
        return self._root.joinpath(*parts)

    def put(self, key: str, data: bytes, *, content_type: str) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".upload-")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def get(self, key: str) -> bytes:
        path = self._path(key)
        try:
            return path.read_bytes()
        except FileNotFoundError:
            raise NotFound("That file is no longer stored.") from None

    def delete(self, keys: Iterable[str]) -> None:
        for key in keys:
            self._path(key).unlink(missing_ok=True)

    def exists(self, key: str) -> bool:
        return self._path(key).is_file()

    def signed_url(self, key: str, *, expires_in: int) -> str | None:
        """None: the data folder has no URLs of its own, so the page serves the bytes from `get` itself."""
        self._path(key)  # still refuse a bad key
        return None
