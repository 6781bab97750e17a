"""Signed sign-in tokens for the "stay signed in" cookie.

A token is ``payload.signature``: the payload is URL-safe base64 of ``{"uid", "exp"}`` and the signature an
HMAC-SHA256 of it under the app's secret key. Nothing secret is inside (only the user id and expiry), and
anything altered fails the constant-time comparison. Tokens live only in a cookie, never in a URL.

`seal`/`unseal` carry secrets (the Supabase refresh and access tokens) the same way, but encrypted as well as
signed (Fernet: AES-128-CBC + HMAC-SHA256 under a key derived from the app's secret), because the cookie is
written from JavaScript and so cannot be HttpOnly: script on the page can read it, but not what is inside.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import uuid
from datetime import datetime, timedelta
from typing import Any

from cryptography.fernet import Fernet, InvalidToken

from igym.db.tables import utcnow


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class TokenSigner:
    def __init__(self, secret: bytes, *, lifetime: timedelta) -> None:
        if len(secret) < 16:
            raise ValueError("the signing secret must be at least 16 bytes")
        self._secret = secret
        self._lifetime = lifetime
        seal_key = hmac.new(secret, b"igym-sealed-cookie-v1", hashlib.sha256).digest()
        self._fernet = Fernet(base64.urlsafe_b64encode(seal_key))

    def _sign(self, payload: str) -> str:
        return _b64(hmac.new(self._secret, payload.encode("ascii"), hashlib.sha256).digest())

    def issue(self, user_id: uuid.UUID, *, now: datetime | None = None) -> str:
        expires = (now or utcnow()) + self._lifetime
        payload = _b64(json.dumps({"uid": str(user_id), "exp": int(expires.timestamp())}).encode())
        return f"{payload}.{self._sign(payload)}"

    def verify(self, token: str | None, *, now: datetime | None = None) -> uuid.UUID | None:
        """The user id inside a valid, unexpired token; None for anything else (never raises)."""
        if not token or token.count(".") != 1 or len(token) > 1000:
            return None
        payload, signature = token.split(".")
        if not hmac.compare_digest(signature, self._sign(payload)):
            return None
        try:
            data = json.loads(_unb64(payload))
            user_id = uuid.UUID(data["uid"])
            expires = int(data["exp"])
        except (ValueError, KeyError, TypeError):
            return None
        if expires <= (now or utcnow()).timestamp():
            return None
        return user_id

    def seal(self, data: dict[str, Any], *, lifetime: timedelta | None = None, now: datetime | None = None) -> str:
        """Encrypt and sign `data` (JSON-able) into a cookie-safe string that expires after `lifetime`."""
        expires = (now or utcnow()) + (lifetime or self._lifetime)
        payload = json.dumps({"d": data, "exp": int(expires.timestamp())}, separators=(",", ":")).encode()
        return self._fernet.encrypt(payload).decode("ascii")

    def unseal(self, token: str | None, *, now: datetime | None = None) -> dict[str, Any] | None:
        """The data inside a valid, unexpired sealed token; None for anything else (never raises)."""
        if not token or len(token) > 4000:
            return None
        try:
            wrapper = json.loads(self._fernet.decrypt(token.encode("ascii")))
            data, expires = wrapper["d"], int(wrapper["exp"])
        except (InvalidToken, ValueError, KeyError, TypeError, UnicodeError):
            return None
        if expires <= (now or utcnow()).timestamp() or not isinstance(data, dict):
            return None
        return data
