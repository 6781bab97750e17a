"""Groq chat completions: the hosted interviewer and feedback writer.

The model id comes from settings (the seed's Llama 3.x ids are decommissioned). `complete` returns the whole
reply; `stream` yields text deltas as they arrive so the interviewer's first sentence can go to TTS early.

Threads: one instance is shared; each call has its own request and stream. Failures: errors are mapped by
`groq_errors` after the SDK's retries. The SDK retries a stream only before its first byte; an error event in
the middle of a stream surfaces as `ProviderUnavailable` while iterating, after the deltas already yielded.
A caller that stops iterating early closes the HTTP response, so no connection is left half-read.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import groq
from groq.types.chat import ChatCompletionMessageParam

from igym.config import Settings
from igym.errors import ProviderUnavailable
from igym.providers.groq_provider import groq_errors, make_client
from igym.providers.types import DEFAULT_CHAT, ChatMessage, ChatOptions

WHAT = "the interviewer model"


class GroqChatModel:
    """`ChatModel` backed by Groq chat completions; one shared instance, one request per call.

    Replies are the model's text only: an empty one is refused, and ``json_output`` asks the service for a
    JSON object (validation stays with the caller). See the module docstring for failures mid-stream.
    """

    def __init__(self, client: groq.Groq, *, model: str, temperature: float = 0.7) -> None:
        self._client = client
        self._model = model
        self._temperature = temperature

    @classmethod
    def from_settings(cls, settings: Settings, *, max_retries: int | None = None) -> GroqChatModel:
        """The model the settings name; `max_retries` overrides the SDK's retries (tests use 0)."""
        return cls(make_client(settings, max_retries=max_retries), model=settings.groq.llm_model)

    def complete(self, messages: Sequence[ChatMessage], *, options: ChatOptions = DEFAULT_CHAT) -> str:
        """The whole reply; an empty reply is an error, since no caller can use one.

        Raises:
            ProviderError: see `groq_errors`; `ProviderUnavailable` for a reply without text.
        """
        params = self._params(options)
        if options.json_output:
            params["response_format"] = {"type": "json_object"}
        with groq_errors(WHAT, client=self._client):
            completion = self._client.chat.completions.create(
                model=self._model, messages=_to_params(messages), stream=False, **params
            )
        content = completion.choices[0].message.content if completion.choices else None
        if not content:
            raise ProviderUnavailable("Groq's interviewer model sent an empty reply.")
        return content

    def stream(self, messages: Sequence[ChatMessage], *, options: ChatOptions = DEFAULT_CHAT) -> Iterator[str]:
        """Yield non-empty text deltas in order; see the module docstring for mid-stream failures."""
        params = self._params(options)
        with groq_errors(WHAT, client=self._client):
            response = self._client.chat.completions.create(
                model=self._model, messages=_to_params(messages), stream=True, **params
            )
            with response:
                for chunk in response:
                    delta = chunk.choices[0].delta.content if chunk.choices else None
                    if delta:
                        yield delta

    def _params(self, options: ChatOptions) -> dict[str, Any]:
        temperature = self._temperature if options.temperature is None else options.temperature
        params: dict[str, Any] = {"temperature": temperature}
        if options.max_tokens is not None:
            params["max_completion_tokens"] = options.max_tokens
        return params


def _to_params(messages: Sequence[ChatMessage]) -> list[ChatCompletionMessageParam]:
    params: list[ChatCompletionMessageParam] = []
    for message in messages:
        if message.role == "system":
            params.append({"role": "system", "content": message.content})
        elif message.role == "assistant":
            params.append({"role": "assistant", "content": message.content})
        else:
            params.append({"role": "user", "content": message.content})
    return params
