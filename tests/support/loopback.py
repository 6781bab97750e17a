"""What every loopback test server shares: a threaded HTTP server on 127.0.0.1, a record of the requests it
received, and failures queued by a test and consumed one per matching request, in order.

`tests/groq_server.py` and `tests/supabase_server.py` subclass `LoopbackServer` (the scenario a test drives)
and `LoopbackHandler` (one connection: read, record, answer). The real SDKs talk to them over sockets, so
nothing between our code and the wire is patched.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar


@dataclass
class RecordedRequest:
    method: str
    path: str
    headers: dict[str, str]  # lower-case names
    body: bytes
    json: Any = None
    form: dict[str, list[str]] = field(default_factory=dict)
    files: dict[str, tuple[str | None, str, bytes]] = field(default_factory=dict)  # name -> (filename, type, data)
    received_at: float = 0.0


@dataclass
class Failure:
    """One injected failure: an error status, a stall, or a 200 with a body that is not JSON."""

    status: int | None = None
    delay_s: float = 0.0
    bad_json: bool = False
    headers: dict[str, str] = field(default_factory=dict)
    message: str = "injected failure"
    path: str | None = None  # only requests whose path matches this (how, the server says)


def parse_multipart(
    content_type: str, body: bytes
) -> tuple[dict[str, list[str]], dict[str, tuple[str | None, str, bytes]]]:
    """Form fields (every value, in order) and files of a multipart/form-data body."""
    message = BytesParser(policy=HTTP).parsebytes(f"Content-Type: {content_type}\r\n\r\n".encode() + body)
    form: dict[str, list[str]] = {}
    files: dict[str, tuple[str | None, str, bytes]] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True)
        if part.get_filename() is not None:
            files[str(name)] = (part.get_filename(), part.get_content_type(), payload)
        else:
            form.setdefault(str(name), []).append(payload.decode())
    return form, files


class _HTTPServer(ThreadingHTTPServer):
    owner: Any


class LoopbackServer:
    """Start with `with Server() as server:`; `server.url` is the base URL to give the SDK."""

    def __init__(self, handler: type[LoopbackHandler], *, name: str) -> None:
        self.requests: list[RecordedRequest] = []
        self._failures: list[Failure] = []
        self._lock = threading.RLock()
        self._stopping = threading.Event()
        self._httpd = _HTTPServer(("127.0.0.1", 0), handler)
        self._httpd.owner = self
        self._httpd.daemon_threads = True
        self._httpd.block_on_close = False
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02}, name=name, daemon=True
        )

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    def __enter__(self) -> Any:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stopping.set()
        self._httpd.shutdown()
        self._httpd.server_close()

    def _queue_failures(self, times: int, failure: dict[str, Any]) -> None:
        with self._lock:
            self._failures.extend(Failure(**failure) for _ in range(times))

    def _failure_applies(self, failure: Failure, request: RecordedRequest) -> bool:
        return failure.path is None or request.path.endswith(failure.path)

    def _record(self, request: RecordedRequest) -> Failure | None:
        """Keep the request; return the first queued failure that applies to it (and dequeue it)."""
        with self._lock:
            self.requests.append(request)
            for index, failure in enumerate(self._failures):
                if self._failure_applies(failure, request):
                    return self._failures.pop(index)
        return None


class LoopbackHandler(BaseHTTPRequestHandler):
    """One connection; the scenario (replies, queued failures, the record) lives on the server's owner."""

    server: _HTTPServer
    protocol_version = "HTTP/1.1"
    extra_headers: ClassVar[dict[str, str]] = {}  # sent with every reply
    truncated_json: ClassVar[bytes] = b"{"  # the 200 body of a `bad_json` failure: JSON cut off mid-object

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _read_request(self) -> RecordedRequest:
        length = int(self.headers.get("content-length") or 0)
        body = self.rfile.read(length)
        request = RecordedRequest(
            method=self.command,
            path=self.path,
            headers={k.lower(): v for k, v in self.headers.items()},
            body=body,
            received_at=time.monotonic(),
        )
        content_type = self.headers.get("content-type", "")
        if content_type.startswith("application/json") and body:
            request.json = json.loads(body)
        elif content_type.startswith("multipart/form-data"):
            request.form, request.files = parse_multipart(content_type, body)
        return request

    def _serve(self, answer: Callable[[RecordedRequest], None]) -> None:
        """Read and record one request; apply the queued failure that applies to it, or else `answer` it."""
        request = self._read_request()
        failure = self.server.owner._record(request)
        try:
            if failure is not None and self._inject(failure):
                return
            answer(request)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a timeout test); nothing to answer

    def _inject(self, failure: Failure) -> bool:
        """Apply a failure; True when it answered the request itself (a stall cut short by shutdown counts)."""
        if failure.delay_s and self.server.owner._stopping.wait(failure.delay_s):
            return True
        if failure.bad_json:
            self._send(200, self.truncated_json, "application/json")
            return True
        if failure.status is not None:
            body = json.dumps(self._error_body(failure)).encode()
            self._send(failure.status, body, "application/json", failure.headers)
            return True
        return False

    def _error_body(self, failure: Failure) -> dict[str, Any]:
        """The JSON error an injected `failure.status` answers with, in the protocol's own shape."""
        return {"message": failure.message}

    def _send(self, status: int, body: bytes, content_type: str, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("content-type", content_type)
        self.send_header("content-length", str(len(body)))
        for name, value in {**self.extra_headers, **(headers or {})}.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)
        self.wfile.flush()
