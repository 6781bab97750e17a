"""A loopback server that speaks Supabase's Auth (GoTrue) and Storage protocols, records requests, fails on demand.

Tests point the real `supabase` SDK at it (``create_client(server.url, key)``), so request building, headers,
multipart uploads, PKCE fields, error parsing and error classes are the SDK's own. Protocol facts are in
../shared/PROTOCOLS.md.

What it models, because the app's safety depends on it:

* Access tokens are real HS256 JWTs (``sub``, ``email``, ``role``, ``exp``, ``session_id``) signed with
  `JWT_SECRET`; every authenticated endpoint verifies signature and expiry (expired -> 403 ``bad_jwt``).
  The anon and service-role keys are JWTs too (``role`` anon / service_role), as on Supabase.
* Refresh tokens rotate: each is good for one refresh; reusing one, or one whose session was signed out,
  is refused (400 ``refresh_token_already_used`` / ``refresh_token_not_found``).
* Storage buckets are private with the usual policy: a user may read and write only objects whose first path
  segment is their own id; the service-role key bypasses it. Signed URLs carry their own expiring token.
* Magic links and password resets "send" mail into `outbox` (``token_hash`` and a PKCE ``code``), which
  tests open as a user would.

Failures are queued with `fail(...)` and consumed one per matching request, in order (see `Failure`).
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, ClassVar
from urllib.parse import parse_qs, unquote, urlsplit

import jwt

from tests.support.loopback import Failure, LoopbackHandler, LoopbackServer, RecordedRequest

JWT_SECRET = "loopback-jwt-secret-that-is-long-enough-0123456789"
API_VERSION = "2024-01-01"


def _now() -> int:
    return int(time.time())


def make_key(role: str) -> str:
    """An API key as Supabase issues them: a long-lived JWT naming the role."""
    return jwt.encode({"role": role, "iss": "supabase-loopback", "exp": _now() + 10 * 365 * 86400}, JWT_SECRET)


ANON_KEY = make_key("anon")
SERVICE_KEY = make_key("service_role")


@dataclass
class AuthUser:
    id: str
    email: str
    password: str
    metadata: dict[str, Any]
    confirmed: bool
    created_at: str = field(default_factory=lambda: datetime.now(UTC).isoformat())

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "aud": "authenticated",
            "role": "authenticated",
            "email": self.email,
            "email_confirmed_at": self.created_at if self.confirmed else None,
            "app_metadata": {"provider": "email", "providers": ["email"]},
            "user_metadata": self.metadata,
            "identities": [],
            "created_at": self.created_at,
            "updated_at": self.created_at,
        }


@dataclass
class Mail:
    """One e-mail the server "sent": what a link in it would carry."""

    to: str
    kind: str  # magiclink | recovery | signup
    token_hash: str
    code: str | None  # PKCE auth code, when the request carried a code challenge


@dataclass
class StoredObject:
    data: bytes
    content_type: str
    owner: str | None


class SupabaseServer(LoopbackServer):
    """Start with `with SupabaseServer() as server:`; `server.url` is the project URL to give the SDK."""

    def __init__(self, *, buckets: tuple[str, ...] = ("answer-audio", "resumes")) -> None:
        super().__init__(_Handler, name="supabase-loopback")
        self.access_ttl_s = 3600
        self.confirm_email = False  # True: sign-up sends a confirmation mail instead of returning a session
        self.users: dict[str, AuthUser] = {}
        self.objects: dict[str, dict[str, StoredObject]] = {name: {} for name in buckets}
        self.outbox: list[Mail] = []
        self.revoked_sessions: set[str] = set()
        self._refresh: dict[str, tuple[str, str, bool]] = {}  # token -> (user id, session id, used)
        self._otp: dict[str, tuple[str, str]] = {}  # token_hash -> (user id, kind)
        self._codes: dict[str, tuple[str, str, str]] = {}  # code -> (user id, challenge, kind)

    # --- scenario control ------------------------------------------------------------------------------------

    def fail(self, times: int = 1, **failure: Any) -> None:
        """Queue `times` copies of a `Failure(**failure)`; e.g. ``fail(status=503, path="/storage/v1/object")``.

        Unlike the Groq server, `path` matches anywhere in the request path (``/token``, ``/object/sign``).
        """
        self._queue_failures(times, failure)

    def requests_to(self, fragment: str) -> list[RecordedRequest]:
        with self._lock:
            return [r for r in self.requests if fragment in r.path]

    def add_user(self, email: str, password: str, *, confirmed: bool = True) -> AuthUser:
        with self._lock:
            user = AuthUser(str(uuid.uuid4()), email.lower(), password, {}, confirmed)
            self.users[user.id] = user
            return user

    def user_by_email(self, email: str) -> AuthUser | None:
        with self._lock:
            return next((u for u in self.users.values() if u.email == email.lower()), None)

    def object_names(self, bucket: str) -> set[str]:
        with self._lock:
            return set(self.objects[bucket])

    def last_mail(self, to: str) -> Mail:
        with self._lock:
            return next(m for m in reversed(self.outbox) if m.to == to.lower())

    # --- state changes (called by the handler under the lock) ---------------------------------------------------

    def _failure_applies(self, failure: Failure, request: RecordedRequest) -> bool:
        return failure.path is None or failure.path in request.path

    def issue_session(self, user: AuthUser, session_id: str | None = None) -> dict[str, Any]:
        now = _now()
        session_id = session_id or str(uuid.uuid4())
        claims = {
            "sub": user.id,
            "email": user.email,
            "role": "authenticated",
            "aud": "authenticated",
            "session_id": session_id,
            "iat": now,
            "exp": now + self.access_ttl_s,
        }
        refresh_token = secrets.token_urlsafe(16)
        self._refresh[refresh_token] = (user.id, session_id, False)
        return {
            "access_token": jwt.encode(claims, JWT_SECRET),
            "token_type": "bearer",
            "expires_in": self.access_ttl_s,
            "expires_at": now + self.access_ttl_s,
            "refresh_token": refresh_token,
            "user": user.as_json(),
        }

    def _send_mail(self, user: AuthUser, kind: str, challenge: str | None) -> None:
        token_hash = secrets.token_hex(20)
        self._otp[token_hash] = (user.id, kind)
        code = None
        if challenge:
            code = str(uuid.uuid4())
            self._codes[code] = (user.id, challenge, kind)
        self.outbox.append(Mail(user.email, kind, token_hash, code))


class ApiError(Exception):
    def __init__(self, status: int, body: dict[str, Any]) -> None:
        super().__init__(status)
        self.status = status
        self.body = body


def auth_error(status: int, code: str, msg: str) -> ApiError:
    return ApiError(status, {"code": code, "error_code": code, "msg": msg})


def storage_error(status: int, error: str, message: str) -> ApiError:
    return ApiError(status, {"statusCode": str(status), "error": error, "message": message})


class _Handler(LoopbackHandler):
    extra_headers: ClassVar[dict[str, str]] = {"x-supabase-api-version": API_VERSION}
    truncated_json = b'{"access_token": '

    @property
    def sb(self) -> SupabaseServer:
        return self.server.owner

    def do_GET(self) -> None:
        self._handle()

    def do_POST(self) -> None:
        self._handle()

    def do_PUT(self) -> None:
        self._handle()

    def do_DELETE(self) -> None:
        self._handle()

    # --- plumbing ----------------------------------------------------------------------------------------------

    def _handle(self) -> None:
        self._serve(self._answer)

    def _answer(self, request: RecordedRequest) -> None:
        try:
            status, body, content_type = self._route(request)
        except ApiError as err:
            status, body, content_type = err.status, json.dumps(err.body).encode(), "application/json"
        self._send(status, body, content_type)

    def _error_body(self, failure: Failure) -> dict[str, Any]:
        if "/storage/" in self.path:
            return {"statusCode": str(failure.status), "error": "injected", "message": failure.message}
        return {"code": "injected", "msg": failure.message}

    def _json(self, data: Any, status: int = 200) -> tuple[int, bytes, str]:
        return status, json.dumps(data).encode(), "application/json"

    # --- keys and tokens ----------------------------------------------------------------------------------------

    def _claims(self, request: RecordedRequest, *, storage: bool = False) -> dict[str, Any]:
        """The verified claims of the bearer token; an apikey header is required on every request."""
        if "apikey" not in request.headers:
            raise auth_error(401, "no_authorization", "No API key found in request")
        token = request.headers.get("authorization", "").removeprefix("Bearer ").strip()
        try:
            claims: dict[str, Any] = jwt.decode(token, JWT_SECRET, algorithms=["HS256"], audience="authenticated")
        except jwt.ExpiredSignatureError:
            if storage:
                raise storage_error(403, "InvalidJWT", '"exp" claim timestamp check failed') from None
            raise auth_error(403, "bad_jwt", "invalid JWT: token is expired") from None
        except jwt.InvalidTokenError:
            try:  # API keys carry no audience
                claims = jwt.decode(token, JWT_SECRET, algorithms=["HS256"], options={"verify_aud": False})
            except jwt.InvalidTokenError:
                if storage:
                    raise storage_error(400, "InvalidJWT", "invalid signature") from None
                raise auth_error(403, "bad_jwt", "invalid JWT: unable to parse or verify signature") from None
        if claims.get("session_id") in self.sb.revoked_sessions:
            if storage:
                raise storage_error(403, "InvalidJWT", "session revoked")
            raise auth_error(403, "session_not_found", "Session from session_id claim in JWT does not exist")
        return claims

    def _user_of(self, request: RecordedRequest) -> AuthUser:
        claims = self._claims(request)
        user = self.sb.users.get(str(claims.get("sub")))
        if claims.get("role") != "authenticated" or user is None:
            raise auth_error(403, "user_not_found", "User from sub claim in JWT does not exist")
        return user

    # --- routing ---------------------------------------------------------------------------------------------

    def _route(self, request: RecordedRequest) -> tuple[int, bytes, str]:
        parts = urlsplit(request.path)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        path = unquote(parts.path)
        with self.sb._lock:
            if path.startswith("/auth/v1/"):
                return self._auth(request, path.removeprefix("/auth/v1/"), query)
            if path.startswith("/storage/v1/"):
                return self._storage(request, path.removeprefix("/storage/v1/"), query)
        raise ApiError(404, {"message": "unknown path"})

    def _auth(self, request: RecordedRequest, path: str, query: dict[str, str]) -> tuple[int, bytes, str]:
        sb, body = self.sb, request.json or {}
        if "apikey" not in request.headers:
            raise auth_error(401, "no_authorization", "No API key found in request")
        if path == "signup" and request.method == "POST":
            email = str(body.get("email", "")).lower()
            if len(body.get("password") or "") < 6:
                err = auth_error(422, "weak_password", "Password should be at least 6 characters.")
                err.body["weak_password"] = {"reasons": ["length"]}
                raise err
            if sb.user_by_email(email) is not None:
                raise auth_error(422, "user_already_exists", "User already registered")
            user = AuthUser(str(uuid.uuid4()), email, body["password"], body.get("data") or {}, not sb.confirm_email)
            sb.users[user.id] = user
            if sb.confirm_email:
                sb._send_mail(user, "signup", body.get("code_challenge"))
                return self._json(user.as_json())
            return self._json(sb.issue_session(user))
        if path == "token" and request.method == "POST":
            return self._json(self._token(query.get("grant_type", ""), body))
        if path == "user" and request.method == "GET":
            return self._json(self._user_of(request).as_json())
        if path == "user" and request.method == "PUT":
            user = self._user_of(request)
            if "password" in body:
                user.password = body["password"]
            return self._json(user.as_json())
        if path == "logout" and request.method == "POST":
            claims = self._claims(request)
            scope = query.get("scope", "global")
            revoked = {str(claims.get("session_id"))}
            if scope == "global":
                revoked |= {sid for uid, sid, _ in sb._refresh.values() if uid == claims.get("sub")}
            sb.revoked_sessions |= revoked
            return 204, b"", "application/json"
        if path in ("otp", "recover") and request.method == "POST":
            email = str(body.get("email", "")).lower()
            user = sb.user_by_email(email)
            if user is None and path == "otp" and body.get("create_user", True):
                user = AuthUser(str(uuid.uuid4()), email, secrets.token_hex(8), body.get("data") or {}, True)
                sb.users[user.id] = user
            if user is not None:  # unknown addresses get the same reply: nobody learns who has an account
                sb._send_mail(user, "magiclink" if path == "otp" else "recovery", body.get("code_challenge"))
            return self._json({})
        if path == "verify" and request.method == "POST":
            found = sb._otp.pop(str(body.get("token_hash")), None)
            if found is None:
                raise auth_error(403, "otp_expired", "Email link is invalid or has expired")
            user = sb.users[found[0]]
            user.confirmed = True
            return self._json(sb.issue_session(user))
        if path.startswith("admin/users/") and request.method == "DELETE":
            if self._claims(request).get("role") != "service_role":
                raise auth_error(403, "not_admin", "User not allowed")
            user_id = path.removeprefix("admin/users/")
            if sb.users.pop(user_id, None) is None:
                raise auth_error(404, "user_not_found", "User not found")
            return self._json({})
        raise auth_error(404, "not_found", "unknown auth path")

    def _token(self, grant: str, body: dict[str, Any]) -> dict[str, Any]:
        sb = self.sb
        if grant == "password":
            user = sb.user_by_email(str(body.get("email", "")))
            if user is None or user.password != body.get("password"):
                raise auth_error(400, "invalid_credentials", "Invalid login credentials")
            if not user.confirmed:
                raise auth_error(400, "email_not_confirmed", "Email not confirmed")
            return sb.issue_session(user)
        if grant == "refresh_token":
            token = str(body.get("refresh_token"))
            found = sb._refresh.get(token)
            if found is None or found[1] in sb.revoked_sessions:
                raise auth_error(400, "refresh_token_not_found", "Invalid Refresh Token: Refresh Token Not Found")
            user_id, session_id, used = found
            if used:
                raise auth_error(400, "refresh_token_already_used", "Invalid Refresh Token: Already Used")
            sb._refresh[token] = (user_id, session_id, True)
            if user_id not in sb.users:
                raise auth_error(400, "user_not_found", "User not found")
            return sb.issue_session(sb.users[user_id], session_id)
        if grant == "pkce":
            found = sb._codes.pop(str(body.get("auth_code")), None)
            verifier = str(body.get("code_verifier") or "")
            if found is None:
                raise auth_error(404, "flow_state_not_found", "invalid flow state, no valid flow state found")
            digest = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
            if digest != found[1]:
                raise auth_error(400, "bad_code_verifier", "code challenge does not match the saved code verifier")
            user = sb.users[found[0]]
            user.confirmed = True
            return sb.issue_session(user)
        raise auth_error(400, "unsupported_grant_type", "unsupported grant type")

    def _storage(self, request: RecordedRequest, path: str, query: dict[str, str]) -> tuple[int, bytes, str]:
        sb = self.sb
        if path.startswith("object/sign/") and request.method == "GET":
            bucket, name = self._split(path.removeprefix("object/sign/"))
            try:
                claims = jwt.decode(query.get("token", ""), JWT_SECRET, algorithms=["HS256"])
            except jwt.ExpiredSignatureError:
                raise storage_error(400, "InvalidJWT", '"exp" claim timestamp check failed') from None
            except jwt.InvalidTokenError:
                raise storage_error(400, "InvalidJWT", "invalid signature") from None
            if claims.get("url") != f"{bucket}/{name}":
                raise storage_error(400, "InvalidSignature", "The url do not match the signature")
            return self._read_object(bucket, name)
        claims = self._claims(request, storage=True)
        if path.startswith("object/sign/") and request.method == "POST":
            bucket, name = self._split(path.removeprefix("object/sign/"))
            self._check_owner(claims, name)
            self._object(bucket, name)
            expires = int((request.json or {}).get("expiresIn", 60))
            token = jwt.encode({"url": f"{bucket}/{name}", "exp": _now() + expires}, JWT_SECRET)
            return self._json({"signedURL": f"/object/sign/{bucket}/{name}?token={token}"})
        if path.startswith("object/info/") and request.method == "GET":
            bucket, name = self._split(path.removeprefix("object/info/"))
            self._check_owner(claims, name)
            stored = self._object(bucket, name)
            return self._json({"name": name, "size": len(stored.data), "content_type": stored.content_type})
        if path.startswith("object/") and request.method == "DELETE":
            bucket = path.removeprefix("object/").strip("/")
            if bucket not in sb.objects:
                raise storage_error(404, "Bucket not found", "Bucket not found")
            removed = []
            for name in (request.json or {}).get("prefixes", []):
                if self._owns(claims, name) and sb.objects[bucket].pop(name, None) is not None:
                    removed.append({"name": name, "bucket_id": bucket})
            return self._json(removed)
        if path.startswith("object/") and request.method == "POST":
            bucket, name = self._split(path.removeprefix("object/"))
            self._check_owner(claims, name)
            if bucket not in sb.objects:
                raise storage_error(404, "Bucket not found", "Bucket not found")
            if name in sb.objects[bucket] and request.headers.get("x-upsert") != "true":
                raise storage_error(409, "Duplicate", "The resource already exists")
            _filename, content_type, data = request.files["file"]
            sb.objects[bucket][name] = StoredObject(data, content_type, claims.get("sub"))
            return self._json({"Key": f"{bucket}/{name}", "Id": str(uuid.uuid4())})
        if path.startswith("object/") and request.method == "GET":
            bucket, name = self._split(path.removeprefix("object/"))
            self._check_owner(claims, name)
            return self._read_object(bucket, name)
        raise storage_error(404, "not_found", "unknown storage path")

    def _split(self, rest: str) -> tuple[str, str]:
        bucket, _, name = rest.partition("/")
        return bucket, name

    def _owns(self, claims: dict[str, Any], name: str) -> bool:
        return claims.get("role") == "service_role" or (
            claims.get("role") == "authenticated" and name.split("/", 1)[0] == claims.get("sub")
        )

    def _check_owner(self, claims: dict[str, Any], name: str) -> None:
        if not self._owns(claims, name):
            raise storage_error(403, "Unauthorized", "new row violates row-level security policy")

    def _object(self, bucket: str, name: str) -> StoredObject:
        if bucket not in self.sb.objects:
            raise storage_error(404, "Bucket not found", "Bucket not found")
        stored = self.sb.objects[bucket].get(name)
        if stored is None:
            raise storage_error(404, "not_found", "Object not found")
        return stored

    def _read_object(self, bucket: str, name: str) -> tuple[int, bytes, str]:
        stored = self._object(bucket, name)
        return 200, stored.data, stored.content_type
