"""Resume test fixtures: a Groq loopback server that can answer a scripted sequence, and signed-up users."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

from igym.services import AppServices
from tests.groq_server import GroqServer


class ScriptedGroq(GroqServer):
    """The loopback Groq server, answering chat requests from a queue (the last reply repeats)."""

    def __init__(self) -> None:
        self.replies: list[str] = []
        super().__init__()

    @property
    def chat_reply(self) -> str:
        return self.replies.pop(0) if len(self.replies) > 1 else self.replies[0]

    @chat_reply.setter
    def chat_reply(self, value: str) -> None:
        self.replies = [value]

    def script(self, *replies: str) -> None:
        self.replies = list(replies)


@pytest.fixture
def groq() -> Iterator[ScriptedGroq]:
    server = ScriptedGroq()
    with server:
        yield server


def sign_up(services: AppServices, name: str = "Alex") -> uuid.UUID:
    return services.auth.sign_up(
        email=f"{name.lower()}-{uuid.uuid4().hex[:6]}@example.com", password="long-river-88", name=name
    ).id
