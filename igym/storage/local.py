"""Files in the data folder, for the embedded default.

Keys are relative POSIX paths; anything that would escape the root (``..``, absolute paths) is refused, so a
key built from user input can never read or overwrite another file. Symbolic links are refused too, at every
level below the root: a link planted inside the data folder (by another program, a restored backup, or an
attacker with a foothold) could otherwise point a read, write or delete at any file the app can reach. Each
folder on the way is checked with `lstat`, and the file itself is opened with ``O_NOFOLLOW``, so a link
swapped in after the check is refused by the kernel instead of followed. Writes go to a temporary file first
and are renamed into place (a rename replaces a link, never writes through it), so a crash never leaves half
a recording behind.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from igym.errors import InvalidInput, LimitReached, NotFound
from igym.storage.base import AccessToken

NOT_ALLOWED = "That file name is not allowed."
LINKED = "That file is stored behind a link, which this app doesn't follow."
DISK_FULL = "This server's disk is full, so the file couldn't be stored. Please try again later, or type your answer."


class LocalFileStore:
    """`FileStore` on the data folder; any thread may call it (every write is a rename into place)."""

    remote = False

    def __init__(self, root: Path) -> None:
        self._root = root.resolve()

    def use_access_token(self, access_token: AccessToken) -> None:
        """Nothing to install: the data folder needs no credentials."""

    def _path(self, key: str) -> Path:
        """The file's path under the root; refuses escapes and any symbolic link below the root."""
        parts = PurePosixPath(key).parts
        if not parts or key.startswith("/") or "\\" in key or any(part in ("..", ".", "") for part in parts):
            raise InvalidInput(NOT_ALLOWED)
        path = self._root
        for part in parts:
            path = path / part
            try:
                mode = os.lstat(path).st_mode
            except FileNotFoundError:
                break  # nothing further down exists yet, so there is no link to follow either
            if stat.S_ISLNK(mode):
                raise InvalidInput(LINKED)
        return self._root.joinpath(*parts)

    def put(self, key: str, data: bytes, *, content_type: str) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        self._path(key)  # the folders just made (or raced in) are real folders, not links
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".upload-")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, path)
        except OSError as exc:
            Path(tmp).unlink(missing_ok=True)
            if exc.errno in (errno.ENOSPC, errno.EDQUOT):
                raise LimitReached(DISK_FULL) from None
            raise
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def get(self, key: str) -> bytes:
        path = self._path(key)
        try:
            fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
        except FileNotFoundError:
            raise NotFound("That file is no longer stored.") from None
        except OSError as exc:
            if exc.errno == errno.ELOOP:  # a link swapped in after the check
                raise InvalidInput(LINKED) from None
            raise
        with os.fdopen(fd, "rb") as handle:
            return handle.read()

    def delete(self, keys: Iterable[str]) -> None:
        """Remove the files; a missing one is fine, a key behind a link is refused (nothing is removed for it)."""
        for key in keys:
            self._path(key).unlink(missing_ok=True)

    def exists(self, key: str) -> bool:
        try:
            return stat.S_ISREG(os.lstat(self._path(key)).st_mode)
        except FileNotFoundError:
            return False

    def signed_url(self, key: str, *, expires_in: int) -> str | None:
        """None: the data folder has no URLs of its own, so the page serves the bytes from `get` itself."""
        self._path(key)  # still refuse a bad key
        return None
