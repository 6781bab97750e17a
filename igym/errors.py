"""igym's own exceptions.

Foreign exceptions (SDKs, drivers, decoders) are mapped to these at the edge with
``raise Mapped(...) from exc``, so pages only ever handle this tree and show `str(exc)` as a clear message.

    IgymError                      every error a user can be shown; the message is written for them
    ├── NotFound                   the thing does not exist *for this user* (also: it belongs to someone else)
    ├── InvalidInput               a form value, a file, an answer that cannot be used as given
    │   └── AudioError             audio that is empty, corrupt, not audio, or too long
    ├── LimitReached               a configured limit (sessions per day, upload size) is reached
    ├── AuthError                  signing up / in failed
    │   ├── EmailTaken
    │   ├── InvalidCredentials     wrong password or unknown email (one message for both)
    │   └── TooManyAttempts        sign-in throttled; `retry_after_s` says how long
    ├── AccessDenied               signed in, but not allowed (a coach without a grant, a non-admin)
    ├── DatabaseUnavailable        the database is locked past its busy timeout, full, or unreachable
    └── ProviderError              a speech / language provider failed
        ├── ProviderTimeout
        ├── ProviderRateLimited    `retry_after_s` when the provider said
        └── ProviderUnavailable    down, unreachable, or refused our key

Messages never contain secrets, tokens or another user's data.
"""

from __future__ import annotations


class IgymError(Exception):
    """Base of every error whose message is fit to show a user."""


class NotFound(IgymError):
    """The thing does not exist for this user (also when it belongs to someone else)."""


class InvalidInput(IgymError):
    """A form value, file or answer that cannot be used as given."""


class AudioError(InvalidInput):
    """Audio that is empty, corrupt, not audio, or too long."""


class LimitReached(IgymError):
    """A configured limit (sessions per day, upload size) is reached."""


class AuthError(IgymError):
    """Signing up or in failed."""


class EmailTaken(AuthError):
    """An account with this email exists already."""


class InvalidCredentials(AuthError):
    """Wrong password or unknown email (one message for both)."""


class TooManyAttempts(AuthError):
    """Sign-in throttled; `retry_after_s` says how long to wait."""

    def __init__(self, message: str, *, retry_after_s: int) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s


class AccessDenied(IgymError):
    """Signed in, but not allowed (a coach without a grant, a non-admin)."""


class DatabaseUnavailable(IgymError):
    pass


class ProviderError(IgymError):
    """A speech or language provider failed."""


class ProviderTimeout(ProviderError):
    """The provider did not answer in time."""


class ProviderRateLimited(ProviderError):
    """The provider refused for rate; `retry_after_s` when it said."""

    def __init__(self, message: str, *, retry_after_s: float | None = None) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s


class ProviderUnavailable(ProviderError):
    """The provider is down, unreachable, or refused our key."""
