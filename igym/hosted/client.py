"""Builds `supabase` SDK clients for the hosted mode, without ever sharing one that holds a user's identity.

A supabase client keeps the signed-in session on itself and rewrites its own ``Authorization`` header; two
clients built from one `ClientOptions` even share a session store. Streamlit serves every browser session
from one process, so a client cached process-wide would hand one user's identity to the next. Hence:

* `user_client()` builds a **new** client for every call, with its own `ClientOptions` (in-memory storage,
  ``persist_session=False``, ``auto_refresh_token=False``: no timer threads, nothing written anywhere) and its
  own HTTP connection pool, and closes it afterwards. The only state that outlives a call is the tokens the
  caller keeps (in `st.session_state` and the sealed cookie). Building one costs about a millisecond: the TLS
  context, the expensive part, is built once and shared (it holds no identity).
* `service_storage()` is the one shared client: it carries only the service-role key, never signs in, and so
  holds no user identity; any thread may use it at the same time (httpx clients are thread-safe).

Only this module, `igym.hosted.auth` and `igym.hosted.storage` import the SDK.
"""

from __future__ import annotations

import ssl
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
from pydantic import SecretStr
from supabase import Client, create_client
from supabase.lib.client_options import SyncClientOptions
from supabase_auth import SyncMemoryStorage

from igym.errors import ProviderError, ProviderTimeout, ProviderUnavailable

_TLS_LOCK = threading.Lock()
_TLS: ssl.SSLContext | None = None


def _tls_context() -> ssl.SSLContext:
    global _TLS
    with _TLS_LOCK:
        if _TLS is None:
            _TLS = ssl.create_default_context()
        return _TLS


def network_error(exc: BaseException, *, service: str) -> ProviderError:
    """Our error for a transport failure; the message names the service, never the URL (it may hold a token)."""
    named = service[:1].upper() + service[1:]
    if isinstance(exc, httpx.TimeoutException):
        return ProviderTimeout(f"{named} took too long to answer. Please try again in a moment.")
    if isinstance(exc, httpx.HTTPStatusError):
        return ProviderUnavailable(f"{named} is having trouble. Please try again in a moment.")
    return ProviderUnavailable(f"Can't reach {service} right now. Please try again in a moment.")


class SupabaseConnector:
    """The project URL and keys, and a factory for clients; safe to share between threads and sessions."""

    def __init__(
        self,
        *,
        url: str,
        anon_key: SecretStr,
        service_role_key: SecretStr | None = None,
        timeout_s: float = 10.0,
    ) -> None:
        self.url = url.rstrip("/")
        self._anon_key = anon_key
        self._service_key = service_role_key
        self._timeout = httpx.Timeout(timeout_s, connect=min(timeout_s, 5.0))
        self._service_lock = threading.Lock()
        self._service: Client | None = None

    @property
    def has_service_role(self) -> bool:
        return self._service_key is not None

    def _http(self) -> httpx.Client:
        verify: ssl.SSLContext | bool = _tls_context() if self.url.startswith("https://") else True
        return httpx.Client(timeout=self._timeout, verify=verify, follow_redirects=True)

    def _build(self, key: str, *, bearer: str | None, storage: SyncMemoryStorage, http: httpx.Client) -> Client:
        options = SyncClientOptions(
            persist_session=False,
            auto_refresh_token=False,
            storage=storage,
            httpx_client=http,
            flow_type="pkce",
        )
        if bearer is not None:
            options.headers = {**options.headers, "Authorization": f"Bearer {bearer}"}
        return create_client(self.url, key, options)

    @contextmanager
    def user_client(
        self, *, access_token: str | None = None, storage: SyncMemoryStorage | None = None
    ) -> Iterator[Client]:
        """A fresh client for one call, as the anonymous visitor or as the holder of `access_token`.

        `storage` lets the caller read what the SDK left there (the PKCE code verifier of a sign-in link).
        """
        http = self._http()
        try:
            yield self._build(
                self._anon_key.get_secret_value(),
                bearer=access_token,
                storage=storage or SyncMemoryStorage(),
                http=http,
            )
        finally:
            http.close()

    def service_client(self) -> Client | None:
        """The shared service-role client (no user identity in it), or None when no service key is set."""
        if self._service_key is None:
            return None
        with self._service_lock:
            if self._service is None:
                key = self._service_key.get_secret_value()
                self._service = self._build(key, bearer=key, storage=SyncMemoryStorage(), http=self._http())
            return self._service
