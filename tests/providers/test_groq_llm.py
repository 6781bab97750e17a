"""Groq chat completions: the model id from settings, whole replies and streamed deltas."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from igym.config import Settings
from igym.errors import ProviderUnavailable
from igym.providers.groq_llm import GroqChatModel
from igym.providers.types import ChatMessage, ChatOptions
from tests.groq_server import GroqServer

CONVERSATION = [
    ChatMessage("system", "You are a friendly interviewer."),
    ChatMessage("assistant", "Tell me about yourself."),
    ChatMessage("user", "I build data pipelines."),
]


def test_complete_sends_model_and_messages_and_returns_the_reply(
    groq_server: GroqServer, groq_settings: Callable[..., Settings]
) -> None:
    groq_server.chat_reply = "What was the hardest pipeline you built?"
    model = GroqChatModel.from_settings(groq_settings(groq={"llm_model": "openai/gpt-oss-20b"}))

    reply = model.complete(CONVERSATION, options=ChatOptions(temperature=0.2, max_tokens=120, json_output=True))

    assert reply == "What was the hardest pipeline you built?"
    (request,) = groq_server.requests_to("/openai/v1/chat/completions")
    assert request.json["model"] == "openai/gpt-oss-20b"
    assert request.json["messages"] == [{"role": m.role, "content": m.content} for m in CONVERSATION]
    assert request.json["temperature"] == 0.2
    assert request.json["max_completion_tokens"] == 120
    assert request.json["response_format"] == {"type": "json_object"}
    assert not request.json.get("stream")


def test_stream_yields_deltas_in_order_as_they_arrive(
    groq_server: GroqServer, groq_settings: Callable[..., Settings]
) -> None:
    groq_server.chat_reply = "Good. Now tell me how you measured the result of that project."
    deltas = list(GroqChatModel.from_settings(groq_settings()).stream(CONVERSATION))

    assert len(deltas) > 3
    assert "".join(deltas) == groq_server.chat_reply
    assert groq_server.requests_to("chat/completions")[0].json["stream"] is True


def test_error_event_mid_stream_keeps_earlier_deltas_then_raises(
    groq_server: GroqServer, groq_settings: Callable[..., Settings]
) -> None:
    groq_server.chat_reply = "one two three four five six seven eight"
    groq_server.stream_error_after = 2
    received: list[str] = []

    with pytest.raises(ProviderUnavailable, match="upstream model crashed"):
        for delta in GroqChatModel.from_settings(groq_settings()).stream(CONVERSATION):
            received.append(delta)

    assert "".join(received) == "one two three four "


def test_an_empty_reply_is_an_error(groq_server: GroqServer, groq_settings: Callable[..., Settings]) -> None:
    groq_server.chat_reply = ""
    with pytest.raises(ProviderUnavailable, match="empty reply"):
        GroqChatModel.from_settings(groq_settings()).complete(CONVERSATION)
