"""Sealed cookie payloads: hosted sign-in tokens and e-mail link verifiers, encrypted and signed.

`seal`/`unseal` carry secrets (the Supabase refresh and access tokens, a PKCE verifier) encrypted as well as
signed (Fernet: AES-128-CBC + HMAC-SHA256 under a key derived from the app's secret), because the cookie is
written from JavaScript and so cannot be HttpOnly: script on the page can read it, but not what is inside.
Local accounts' cookies hold no payload at all, only the random token of a server-side sign-in (see
`igym.auth.sign_ins`). `unseal` is total: any text that is not a valid, unexpired seal gives None.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from datetime import datetime, timedelta
from typing import Any

from cryptography.fernet import Fernet, InvalidToken

from igym.db.tables import utcnow


class TokenSigner:
    """Seals small dicts into tamper-proof, expiring cookie values (Fernet with a key derived from the secret).

    Stateless after construction: safe to share between threads.
    """

    def __init__(self, secret: bytes, *, lifetime: timedelta) -> None:
        if len(secret) < 16:
            raise ValueError("the signing secret must be at least 16 bytes")
        self._lifetime = lifetime
        seal_key = hmac.new(secret, b"igym-sealed-cookie-v1", hashlib.sha256).digest()
        self._fernet = Fernet(base64.urlsafe_b64encode(seal_key))

    def seal(self, data: dict[str, Any], *, lifetime: timedelta | None = None, now: datetime | None = None) -> str:
        """Encrypt and sign `data` (JSON-able) into a cookie-safe string that expires after `lifetime`."""
        expires = (now or utcnow()) + (lifetime or self._lifetime)
        payload = json.dumps({"d": data, "exp": int(expires.timestamp())}, separators=(",", ":")).encode()
        return self._fernet.encrypt(payload).decode("ascii")

    def unseal(self, token: object, *, now: datetime | None = None) -> dict[str, Any] | None:
        """The data inside a valid, unexpired sealed token; None for anything else (never raises)."""
        if not isinstance(token, str) or not token or len(token) > 4000:
            return None
        try:
            wrapper = json.loads(self._fernet.decrypt(token.encode("ascii")))
            data, expires = wrapper["d"], int(wrapper["exp"])
        except (InvalidToken, ValueError, KeyError, TypeError, UnicodeError):
            return None
        if expires <= (now or utcnow()).timestamp() or not isinstance(data, dict):
            return None
        return data
