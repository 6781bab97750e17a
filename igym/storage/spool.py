"""Answer recordings that cannot reach hosted file storage are kept on this machine and uploaded later.

Why: with Supabase Storage down as an answer ends, refusing the upload threw the answer away. This wrapper
puts objects through to the hosted store; when an *answer recording* (`<user>/answers/...`) cannot be
uploaded because storage is unreachable, busy or failing (`ProviderUnavailable`, `ProviderTimeout`,
`ProviderRateLimited`), the bytes are written to a spool folder in the data folder instead, the `put`
succeeds, and the candidate's request is told its answer is safe (`igym.notices`). Resumes and refused
requests (a bad key, no access) still raise: the page asks to try again.

Spooled objects are uploaded later, best effort, by whichever request next touches the store: every `put`
first retries the spool, and `signed_url`/`get` of a spooled key retries that key. Until then `get` serves
the local bytes (the feedback page plays them) and `signed_url` says "no link, read the bytes". Without the
service-role key each upload carries the *current* user's token, so another user's spooled file is skipped
(left for its owner's next request) rather than failing anyone's request.

Threads and processes: one wrapper per process, shared by every browser session. Spool files are written to
a temporary name and renamed, so a reader never sees half a file; a lock keeps two threads from uploading
the same file at once. The spool lives on this replica's disk: it survives a restart of the replica, not the
loss of its disk, and another replica cannot play those recordings until they are uploaded.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterable
from pathlib import Path

from igym import notices
from igym.errors import IgymError, InvalidInput, ProviderRateLimited, ProviderTimeout, ProviderUnavailable
from igym.storage.base import AccessToken, FileStore

log = logging.getLogger(__name__)

OUTAGE = (ProviderUnavailable, ProviderTimeout, ProviderRateLimited)
AUDIO_KEPT = (
    "Your answer is saved. File storage can't be reached right now, so its recording is kept safely on the "
    "server and uploaded when storage is back."
)
_TYPE_SUFFIX = ".content-type"


class SpoolingFileStore:
    """A `FileStore` over a hosted one that keeps unsendable answer recordings locally (see the module doc)."""

    remote = True

    def __init__(self, inner: FileStore, spool_dir: Path, *, retry_batch: int = 20) -> None:
        self.inner = inner
        self._dir = Path(spool_dir)
        self._retry_batch = retry_batch
        self._lock = threading.Lock()

    def use_access_token(self, access_token: AccessToken) -> None:
        self.inner.use_access_token(access_token)

    def put(self, key: str, data: bytes, *, content_type: str) -> None:
        """Upload, first retrying the spool; an answer recording storage cannot take now is spooled instead."""
        self.upload_pending()
        try:
            self.inner.put(key, data, content_type=content_type)
        except OUTAGE as exc:
            if not _is_answer(key):
                raise
            self._spool(key, data, content_type)
            log.warning("file storage unreachable (%s); recording kept in the spool for a later upload", exc)
            notices.record(AUDIO_KEPT)
        else:
            self._forget(key)  # a newer upload of the same key wins over a spooled one

    def get(self, key: str) -> bytes:
        if self._spooled(key) is not None and not self._upload(key):
            path = self._spooled(key)
            if path is not None:
                return path.read_bytes()
        return self.inner.get(key)

    def signed_url(self, key: str, *, expires_in: int) -> str | None:
        """A hosted link, or None (read the bytes with `get`) while the recording waits in the spool."""
        if self._spooled(key) is not None and not self._upload(key):
            return None
        return self.inner.signed_url(key, expires_in=expires_in)

    def exists(self, key: str) -> bool:
        return self._spooled(key) is not None or self.inner.exists(key)

    def delete(self, keys: Iterable[str]) -> None:
        keys = list(keys)
        for key in keys:
            self._forget(key)
        self.inner.delete(keys)

    def pending(self) -> list[str]:
        """Keys waiting in the spool, oldest first."""
        if not self._dir.is_dir():
            return []
        files = [p for p in self._dir.rglob("*") if p.is_file() and _is_object(p)]
        files.sort(key=lambda p: p.stat().st_mtime)
        return [p.relative_to(self._dir).as_posix() for p in files]

    def upload_pending(self) -> int:
        """Upload up to `retry_batch` spooled recordings; stops at the first outage. Returns how many went up."""
        sent = 0
        for key in self.pending()[: self._retry_batch]:
            try:
                if self._upload(key, raise_outage=True):
                    sent += 1
            except OUTAGE:
                break
        return sent

    def _upload(self, key: str, *, raise_outage: bool = False) -> bool:
        """Send one spooled object; True once it is in hosted storage and out of the spool."""
        with self._lock:
            path = self._spooled(key)
            if path is None:
                return True
            content_type = _read_type(path)
            try:
                self.inner.put(key, path.read_bytes(), content_type=content_type)
            except OUTAGE:
                if raise_outage:
                    raise
                return False
            except IgymError as exc:  # another user's file without the service key, or refused: leave it
                log.info("spooled recording not uploaded now: %s", type(exc).__name__)
                return False
            self._forget(key)
            log.info("spooled recording uploaded")
            return True

    def _spool(self, key: str, data: bytes, content_type: str) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        for target, payload in ((path.with_name(path.name + _TYPE_SUFFIX), content_type.encode()), (path, data)):
            temporary = target.with_name(f".{target.name}.{threading.get_ident()}.tmp")
            temporary.write_bytes(payload)
            os.replace(temporary, target)

    def _spooled(self, key: str) -> Path | None:
        path = self._path(key)
        return path if path.is_file() else None

    def _forget(self, key: str) -> None:
        path = self._path(key)
        path.unlink(missing_ok=True)
        path.with_name(path.name + _TYPE_SUFFIX).unlink(missing_ok=True)

    def _path(self, key: str) -> Path:
        parts = key.split("/")
        if len(parts) < 2 or any(p in ("", ".", "..") or "\\" in p or p.startswith(".") for p in parts):
            raise InvalidInput("That file name is not allowed.")
        return self._dir.joinpath(*parts)


def _is_answer(key: str) -> bool:
    parts = key.split("/")
    return len(parts) > 2 and parts[1] == "answers"


def _is_object(path: Path) -> bool:
    return not path.name.endswith(_TYPE_SUFFIX) and not path.name.startswith(".")


def _read_type(path: Path) -> str:
    sidecar = path.with_name(path.name + _TYPE_SUFFIX)
    return sidecar.read_text().strip() if sidecar.is_file() else "application/octet-stream"
