"""Supabase Storage behind the `FileStore` interface: private buckets, per-user paths, signed playback URLs.

Keys look like ``<user_id>/answers/<session>/<n>.ogg`` or ``<user_id>/resume/<name>.pdf``: the first segment is
always the owner's id (our code builds it from the signed-in account), so the usual Storage policy "a user
reaches only objects under their own id" holds. Keys whose second segment is ``resume``/``resumes`` live in
the resume bucket, all others in the answer-audio bucket. Both buckets must be private.

Which credential a call uses:

* With `SUPABASE_SERVICE_ROLE_KEY` set (recommended on the server), one shared client holding only that key
  does every call. It carries no user identity, so sharing it between browser sessions cannot mix users up;
  the per-user scoping is our key prefix. It also lets account deletion remove the files of a user who is
  not signed in any more.
* Without it, each call builds a fresh client carrying the *current* user's access token, which
  `access_token` (a callable the UI installs; it reads the running browser session's own state) provides.
  A call made with no signed-in user on the thread fails with a clear message instead of guessing.

Errors become igym errors (`NotFound`, `AccessDenied`, `SessionExpired`, `LimitReached`,
`ProviderUnavailable`, `ProviderTimeout`); messages never include a URL, since signed URLs hold tokens.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

import httpx
from storage3.exceptions import StorageApiError
from storage3.utils import StorageException
from supabase import Client

from igym.auth.base import SessionExpired
from igym.errors import (
    AccessDenied,
    IgymError,
    InvalidInput,
    LimitReached,
    NotFound,
    ProviderRateLimited,
    ProviderUnavailable,
)
from igym.hosted.client import SupabaseConnector, network_error
from igym.storage.base import AccessToken

log = logging.getLogger(__name__)

SERVICE = "file storage"
RESUME_FOLDERS = ("resume", "resumes")


def map_storage_error(exc: Exception, *, bucket: str) -> IgymError:
    """The igym error for a failed Storage call; logs the status and Storage's error name only."""
    if isinstance(exc, StorageApiError):
        try:
            status = int(exc.status)
        except (TypeError, ValueError):
            status = 500
        name = str(exc.code or "")
        log.info("supabase storage refused a request: status=%s error=%s bucket=%s", status, name, bucket)
        lowered = f"{name} {exc.message}".lower()
        if "bucket not found" in lowered:
            return ProviderUnavailable(
                f"The storage bucket “{bucket}” doesn't exist. Create it (private) in the Supabase dashboard."
            )
        if status == 404 or name == "not_found":
            return NotFound("That file is no longer stored.")
        if status in (400, 401, 403) and ("jwt" in lowered or '"exp"' in lowered):
            return SessionExpired("Your sign-in has expired. Please sign in again.")
        if status in (401, 403):
            return AccessDenied("File storage refused access to that file.")
        if status == 413 or "payload too large" in lowered or "entitytoolarge" in lowered:
            return LimitReached("That file is larger than file storage accepts.")
        if status == 429:
            return ProviderRateLimited("File storage is busy. Please try again in a moment.")
        if status >= 500:
            return ProviderUnavailable("File storage is having trouble. Please try again in a moment.")
        return ProviderUnavailable(f"File storage refused the request ({name or status}).")
    if isinstance(exc, httpx.HTTPError):
        return network_error(exc, service=SERVICE)
    return ProviderUnavailable("File storage sent an answer we couldn't read. Please try again.")


def _check_key(key: str) -> tuple[str, ...]:
    parts = tuple(key.split("/"))
    if len(parts) < 2 or any(part in ("..", ".", "") or "\\" in part for part in parts):
        raise InvalidInput("That file name is not allowed.")
    return parts


class SupabaseFileStore:
    """`FileStore` on Supabase Storage; safe to share between threads and browser sessions (see module doc)."""

    remote = True

    def __init__(
        self,
        connector: SupabaseConnector,
        *,
        audio_bucket: str,
        resume_bucket: str,
        access_token: AccessToken | None = None,
    ) -> None:
        self._connector = connector
        self._audio_bucket = audio_bucket
        self._resume_bucket = resume_bucket
        self._access_token = access_token

    def use_access_token(self, access_token: AccessToken) -> None:
        """Install how to find the current user's token (needed only without the service-role key)."""
        self._access_token = access_token

    def bucket_for(self, key: str) -> str:
        parts = _check_key(key)
        return self._resume_bucket if parts[1] in RESUME_FOLDERS else self._audio_bucket

    @contextmanager
    def _client(self, bucket: str) -> Iterator[Client]:
        shared = self._connector.service_client()
        token = None if shared is not None else (self._access_token() if self._access_token else None)
        try:
            if shared is not None:
                yield shared
            elif token is None:
                raise AccessDenied("File storage needs a signed-in user here (or the server's service-role key).")
            else:
                with self._connector.user_client(access_token=token) as client:
                    yield client
        except IgymError:
            raise
        except (StorageException, httpx.HTTPError, ValueError) as exc:
            raise map_storage_error(exc, bucket=bucket) from None

    def put(self, key: str, data: bytes, *, content_type: str) -> None:
        """Store (or replace) the object; the real content type is kept so playback works."""
        bucket = self.bucket_for(key)
        with self._client(bucket) as client:
            client.storage.from_(bucket).upload(key, data, {"content-type": content_type, "upsert": "true"})

    def get(self, key: str) -> bytes:
        bucket = self.bucket_for(key)
        with self._client(bucket) as client:
            return client.storage.from_(bucket).download(key)

    def delete(self, keys: Iterable[str]) -> None:
        """Remove the objects (one request per bucket); objects already gone are not an error."""
        by_bucket: dict[str, list[str]] = {}
        for key in keys:
            by_bucket.setdefault(self.bucket_for(key), []).append(key)
        for bucket, names in by_bucket.items():
            with self._client(bucket) as client:
                client.storage.from_(bucket).remove(names)

    def exists(self, key: str) -> bool:
        bucket = self.bucket_for(key)
        with self._client(bucket) as client:
            return client.storage.from_(bucket).exists(key)

    def signed_url(self, key: str, *, expires_in: int) -> str | None:
        """A link that plays the object for `expires_in` seconds without credentials (it embeds a token)."""
        bucket = self.bucket_for(key)
        with self._client(bucket) as client:
            response = client.storage.from_(bucket).create_signed_url(key, expires_in)
        url = response.get("signedURL") or response.get("signedUrl")  # the spelling varies by SDK version
        if not url:
            raise ProviderUnavailable("File storage didn't return a playback link. Please try again.")
        return str(url)
