"""A loopback server that speaks Groq's wire protocol, records every request and fails on demand.

Tests point the real `groq` SDK at it through `base_url`, so everything between our code and the socket
(request building, multipart encoding, retries, Retry-After, timeouts, SSE parsing, error classes) is the
SDK's own. Facts about the protocol are in ../shared/PROTOCOLS.md.

Replies:
    POST /openai/v1/chat/completions     `chat_reply`, as JSON or as SSE chunks of `stream_chunk_words`
                                         words; `stream_error_after` = n sends an error event after n chunks
    POST /openai/v1/audio/transcriptions `transcribe(request)` -> verbose_json dict (default: one word per
                                         burst of sound found in the uploaded audio, see `words_from_bursts`)
    POST /openai/v1/audio/speech         `speech(input)` -> WAV bytes (default: 48 kHz mono, a tone
                                         `SPEECH_S_PER_CHAR` s per input character)

Failures are queued with `fail(...)` and consumed one per matching request, in order.
"""

from __future__ import annotations

import json
import time
import wave
from collections.abc import Callable
from io import BytesIO
from typing import Any

import numpy as np

from igym.audio import decode_audio
from tests.support.loopback import Failure, LoopbackHandler, LoopbackServer, RecordedRequest, parse_multipart

__all__ = ["Failure", "GroqServer", "RecordedRequest", "parse_multipart"]

SPEECH_RATE = 48_000
SPEECH_S_PER_CHAR = 0.01


class GroqServer(LoopbackServer):
    """Start with `with GroqServer() as server:`; `server.url` is the base URL to give the SDK."""

    def __init__(self) -> None:
        super().__init__(_Handler, name="groq-loopback")
        self.chat_reply = "Tell me about a time you led a project. What was the outcome?"
        # Replies to requests that ask for JSON (`response_format: json_object`, i.e. feedback): queued ones
        # first, then `json_reply`; None means "answer JSON requests with `chat_reply` too".
        self.json_replies: list[str] = []
        self.json_reply: str | None = None
        self.stream_chunk_words = 2
        self.stream_error_after: int | None = None
        self.transcribe: Callable[[RecordedRequest], dict[str, Any]] = words_from_bursts
        self.speech: Callable[[str], bytes] = speech_wav

    def fail(self, times: int = 1, **failure: Any) -> None:
        """Queue `times` copies of a `Failure(**failure)`; e.g. ``fail(2, status=429, retry_after_ms=50)``."""
        retry_ms = failure.pop("retry_after_ms", None)
        failure.setdefault("headers", {})
        if retry_ms is not None:
            failure["headers"] = {**failure["headers"], "retry-after-ms": str(retry_ms)}
        self._queue_failures(times, failure)

    def requests_to(self, suffix: str) -> list[RecordedRequest]:
        with self._lock:
            return [r for r in self.requests if r.path.endswith(suffix)]

    def reply_for(self, request: RecordedRequest) -> str:
        if (request.json.get("response_format") or {}).get("type") != "json_object":
            return self.chat_reply
        with self._lock:
            if self.json_replies:
                return self.json_replies.pop(0)
        return self.json_reply if self.json_reply is not None else self.chat_reply


class _Handler(LoopbackHandler):
    """One connection; the scenario (replies, queued failures, the record) lives on `GroqServer`."""

    @property
    def groq(self) -> GroqServer:
        return self.server.owner

    truncated_json = b'{"id": "chatcmpl-1", "choices": ['

    def do_POST(self) -> None:
        self._serve(self._route)

    def _error_body(self, failure: Failure) -> dict[str, Any]:
        return {"error": {"message": failure.message, "type": "injected"}}

    def _route(self, request: RecordedRequest) -> None:
        if request.path.endswith("/chat/completions"):
            if request.json.get("stream"):
                self._stream_chat(request)
            else:
                reply = self.groq.reply_for(request)
                self._send(200, json.dumps(chat_completion(request, reply)).encode(), "application/json")
        elif request.path.endswith("/audio/transcriptions"):
            self._send(200, json.dumps(self.groq.transcribe(request)).encode(), "application/json")
        elif request.path.endswith("/audio/speech"):
            self._send(200, self.groq.speech(request.json["input"]), "audio/wav")
        else:
            self._send(404, b'{"error": {"message": "unknown path"}}', "application/json")

    def _stream_chat(self, request: RecordedRequest) -> None:
        self.send_response(200)
        self.send_header("content-type", "text/event-stream")
        self.send_header("transfer-encoding", "chunked")
        self.end_headers()
        words = self.groq.chat_reply.split(" ")
        step = self.groq.stream_chunk_words
        deltas = [
            " ".join(words[i : i + step]) + (" " if i + step < len(words) else "") for i in range(0, len(words), step)
        ]
        for index, delta in enumerate(deltas):
            if self.groq.stream_error_after is not None and index == self.groq.stream_error_after:
                self._event({"error": {"message": "upstream model crashed", "type": "server_error"}})
                break
            self._event(chat_chunk(request, delta))
        else:
            self._event("[DONE]")
        self._write_chunk(b"")

    def _event(self, data: Any) -> None:
        text = data if isinstance(data, str) else json.dumps(data)
        self._write_chunk(f"data: {text}\n\n".encode())

    def _write_chunk(self, data: bytes) -> None:
        self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
        self.wfile.flush()


def _chat_object(request: RecordedRequest, kind: str) -> dict[str, Any]:
    return {"id": "chatcmpl-loopback", "object": kind, "created": int(time.time()), "model": request.json["model"]}


def chat_completion(request: RecordedRequest, reply: str) -> dict[str, Any]:
    return {
        **_chat_object(request, "chat.completion"),
        "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": reply}}],
        "usage": {
            "prompt_tokens": 10,
            "completion_tokens": len(reply.split()),
            "total_tokens": 10 + len(reply.split()),
        },
    }


def chat_chunk(request: RecordedRequest, delta: str) -> dict[str, Any]:
    return {
        **_chat_object(request, "chat.completion.chunk"),
        "choices": [{"index": 0, "delta": {"content": delta}, "finish_reason": None}],
    }


def speech_wav(text: str) -> bytes:
    """A tone as long as the text would take to say, so tests can tell chunks apart by duration."""
    seconds = max(0.05, len(text) * SPEECH_S_PER_CHAR)
    t = np.arange(round(seconds * SPEECH_RATE)) / SPEECH_RATE
    samples = (0.3 * np.sin(2 * np.pi * 220 * t) * 32767).astype("<i2")
    buffer = BytesIO()
    with wave.open(buffer, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(SPEECH_RATE)
        wav.writeframes(samples.tobytes())
    return buffer.getvalue()


def find_bursts(samples: np.ndarray, *, rate: int = 16_000, threshold: float = 0.05) -> list[tuple[float, float]]:
    """(start, end) seconds of each stretch louder than `threshold`, gaps under 50 ms bridged."""
    hop = rate // 100
    frames = samples[: samples.size // hop * hop].reshape(-1, hop)
    loud = np.abs(frames).max(axis=1) > threshold
    bursts: list[list[float]] = []
    for index, flag in enumerate(loud):
        t = index / 100
        if flag and bursts and t - bursts[-1][1] <= 0.05:
            bursts[-1][1] = t + 0.01
        elif flag:
            bursts.append([t, t + 0.01])
    return [(round(a, 3), round(b, 3)) for a, b in bursts]


def words_from_bursts(request: RecordedRequest) -> dict[str, Any]:
    """verbose_json with one word per burst of sound in the uploaded file, timed relative to that file.

    A stand-in for Whisper whose output is fully determined by the audio: a test that builds audio with
    bursts at known times knows exactly what every word's time must be after stitching.
    """
    _name, _type, data = request.files["file"]
    samples = decode_audio(data, max_seconds=3600).samples
    bursts = find_bursts(samples)
    words = [{"word": f"w{i}", "start": a, "end": b} for i, (a, b) in enumerate(bursts)]
    text = " ".join(w["word"] for w in words)
    duration = samples.size / 16_000
    segments = [{"id": 0, "start": 0.0, "end": duration, "text": text, "avg_logprob": -0.2, "no_speech_prob": 0.01}]
    return {
        "task": "transcribe",
        "language": "English",
        "duration": duration,
        "text": text,
        "segments": segments,
        "words": words,
    }
