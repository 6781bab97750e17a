"""The Groq client and the one place Groq SDK errors become igym errors.

Why one module: the speech-to-text, text-to-speech and language-model wrappers share the client settings
(key, base URL, timeout, retries) and must map errors the same way, so a page shows the same message for a
dead key whichever capability hit it first.

Retries are the SDK's own: it retries 408/409/429/5xx, timeouts and connection errors `max_retries` times
(default 2), waiting `retry-after-ms` / `retry-after` when the server sends one (up to 60 s) and backing off
otherwise. What reaches `groq_errors` has therefore already been retried, which is why the fallback wrappers
may switch to offline on the first error they see.

Threads: a `groq.Groq` client wraps one `httpx.Client` (a connection pool) and is safe to share; the registry
builds one per capability and the UI keeps it for the process. The API key is read from `SecretStr` only here,
and every message that leaves this module has it scrubbed.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import NoReturn

import groq
import httpx

from igym.config import Settings
from igym.errors import ProviderError, ProviderRateLimited, ProviderTimeout, ProviderUnavailable

DEFAULT_BASE_URL = "https://api.groq.com"
CONNECT_TIMEOUT_S = 5.0


def make_client(settings: Settings, *, max_retries: int | None = None) -> groq.Groq:
    """Build a client from settings: key, base URL (the real service when unset), timeout per request.

    The base URL is always passed explicitly so the SDK never reads `GROQ_BASE_URL` from the environment
    behind the settings' back.

    Raises:
        ProviderUnavailable: no `GROQ_API_KEY` is configured.
    """
    if settings.groq.api_key is None:
        raise ProviderUnavailable("Groq is selected but GROQ_API_KEY is not set.")
    timeout = httpx.Timeout(settings.provider_timeout_s, connect=min(CONNECT_TIMEOUT_S, settings.provider_timeout_s))
    return groq.Groq(
        api_key=settings.groq.api_key.get_secret_value(),
        base_url=settings.groq.base_url or DEFAULT_BASE_URL,
        timeout=timeout,
        max_retries=settings.groq.max_retries if max_retries is None else max_retries,
    )


@contextmanager
def groq_errors(what: str, *, client: groq.Groq) -> Iterator[None]:
    """Map any Groq SDK error raised inside the block to igym's provider errors.

    Args:
        what: the capability, as users read it ("speech-to-text", "text-to-speech", "the interviewer model").
        client: the client in use, so its key can be scrubbed from any message.

    Raises:
        ProviderTimeout: every attempt timed out.
        ProviderRateLimited: still 429 after the retries; `retry_after_s` from the response headers.
        ProviderUnavailable: bad key or permission, 5xx, connection failure, a malformed reply, an error
            event in the middle of a stream.
        ProviderError: the request itself was refused (400/404/422): the message says why.
    """
    try:
        yield
    except groq.GroqError as exc:
        _raise_mapped(exc, what=what, secret=client.api_key)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ProviderUnavailable(f"Groq {what} sent a reply that could not be read.") from exc


def _raise_mapped(exc: groq.GroqError, *, what: str, secret: str) -> NoReturn:
    """Raise the igym error for one SDK error, chained to it; see `groq_errors` for the mapping."""
    detail = _scrub(_server_message(exc), secret)
    if isinstance(exc, groq.APITimeoutError):
        raise ProviderTimeout(f"Groq {what} did not answer in time.") from exc
    if isinstance(exc, groq.APIConnectionError):
        raise ProviderUnavailable(f"Groq {what} could not be reached.") from exc
    if isinstance(exc, groq.RateLimitError):
        retry_after = retry_after_s(exc.response.headers)
        wait = f" Try again in {retry_after:.0f} s." if retry_after else ""
        raise ProviderRateLimited(f"Groq {what} is rate limited.{wait}", retry_after_s=retry_after) from exc
    if isinstance(exc, groq.AuthenticationError | groq.PermissionDeniedError):
        raise ProviderUnavailable(
            f"Groq {what} refused the API key (HTTP {exc.status_code}); check GROQ_API_KEY."
        ) from exc
    if isinstance(exc, groq.APIStatusError) and exc.status_code >= 500:
        raise ProviderUnavailable(f"Groq {what} is unavailable (HTTP {exc.status_code}).") from exc
    if isinstance(exc, groq.APIStatusError):
        raise ProviderError(f"Groq {what} refused the request (HTTP {exc.status_code}): {detail}") from exc
    if isinstance(exc, groq.APIResponseValidationError):
        raise ProviderUnavailable(f"Groq {what} sent a reply that could not be read.") from exc
    if isinstance(exc, groq.APIError):
        raise ProviderUnavailable(f"Groq {what} failed mid-response: {detail}") from exc
    raise ProviderError(f"Groq {what} failed: {type(exc).__name__}.") from exc


def retry_after_s(headers: httpx.Headers) -> float | None:
    """Seconds the server asked us to wait: `retry-after-ms` first, then `retry-after` in seconds."""
    for name, scale in (("retry-after-ms", 1000.0), ("retry-after", 1.0)):
        value = headers.get(name)
        if value is None:
            continue
        try:
            seconds = float(value) / scale
        except ValueError:
            continue
        if seconds >= 0:
            return seconds
    return None


def _server_message(exc: groq.GroqError) -> str:
    """The server's own explanation (``{"error": {"message": ...}}``) when there is one, else the SDK's."""
    body = getattr(exc, "body", None)
    if isinstance(body, dict):
        error = body.get("error", body)
        if isinstance(error, dict) and isinstance(error.get("message"), str):
            return str(error["message"])
    return str(getattr(exc, "message", "") or type(exc).__name__)


def _scrub(text: str, secret: str) -> str:
    """Remove the API key from text that came from the server or the SDK."""
    return text.replace(secret, "[redacted]") if secret else text
