"""The hosted resume parser: Groq reads the resume text and answers JSON that pydantic validates.

The prompt is versioned (`igym/prompts/resume_parser.<version>.txt`). The resume is sent as the user message
between ``<resume>`` tags, with any ``<`` and ``>`` in it replaced, so text in the resume can never close the
tag and pose as something else; the system prompt says the tagged text is data and instructions inside it
are ignored.

Failure handling, in order: an unusable reply (not JSON, wrong shape, nothing found) gets ONE repair request
that quotes the problem; a second unusable reply, or any provider error, falls back to the offline
section-heading parser. The result records which parser produced it, so a saved resume says whether a model
or the offline rules read it. One instance is shared by all sessions; it keeps no per-call state.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass

from pydantic import ValidationError

from igym.errors import ProviderError
from igym.prompts import Prompt, load_prompt
from igym.providers.base import ChatModel
from igym.providers.types import ChatMessage, ChatOptions
from igym.resumes.parse import OFFLINE_PARSER, ResumeProfile, parse_offline

log = logging.getLogger(__name__)

# Enough for a long resume; beyond it the tail is cut (the offline parser still sees everything).
MAX_PROMPT_CHARS = 24_000
MAX_REPLY_TOKENS = 2_000


@dataclass(frozen=True, slots=True)
class ParsedResume:
    """A parser's result and who produced it (`resume_parser-v1`, or `headings-v1` for the offline rules)."""

    profile: ResumeProfile
    parser: str
    notice: str | None = None


def parse_resume_offline(text: str) -> ParsedResume:
    return ParsedResume(profile=parse_offline(text), parser=OFFLINE_PARSER)


def as_resume_data(text: str) -> str:
    """The resume wrapped as data: tags in the text are neutralised so it cannot close the <resume> block."""
    safe = text.replace("<", "‹").replace(">", "›")
    return f"<resume>\n{safe}\n</resume>"


class LlmResumeParser:
    """Parse with a chat model, repair once, fall back to the offline parser."""

    def __init__(self, chat: ChatModel, *, prompt_version: str = "v1", prompt: Prompt | None = None) -> None:
        """`prompt` (a packaged or Prompt Lab version, already looked up) wins over `prompt_version`."""
        self._chat = chat
        self._prompt: Prompt = prompt or load_prompt("resume_parser", prompt_version)

    @property
    def version(self) -> str:
        return self._prompt.label

    def __call__(self, text: str) -> ParsedResume:
        messages = [
            ChatMessage("system", self._prompt.text),
            ChatMessage("user", as_resume_data(text[:MAX_PROMPT_CHARS])),
        ]
        try:
            reply = self._ask(messages)
            profile, problem = _validate(reply)
            if profile is None:
                log.info("resume parser reply unusable (%s); asking once for a repair", problem)
                messages += [
                    ChatMessage("assistant", reply[:4000]),
                    ChatMessage(
                        "user",
                        f"That reply could not be used: {problem}. Reply again with only the JSON object with "
                        'the keys "skills", "projects" and "experience", as described.',
                    ),
                ]
                profile, problem = _validate(self._ask(messages))
        except ProviderError as exc:
            log.warning("resume parser model failed (%s); using the offline parser", type(exc).__name__)
            return _fallback(text, "The language model was unavailable, so the resume was read by simpler rules.")
        if profile is None:
            log.warning("resume parser reply unusable twice (%s); using the offline parser", problem)
            return _fallback(text, "The language model's answer was unusable, so the resume was read by simpler rules.")
        return ParsedResume(profile=profile, parser=self.version)

    def _ask(self, messages: list[ChatMessage]) -> str:
        return self._chat.complete(
            messages, options=ChatOptions(temperature=0.0, max_tokens=MAX_REPLY_TOKENS, json_output=True)
        )


def _validate(reply: str) -> tuple[ResumeProfile | None, str]:
    """The profile, or None and a short description of what was wrong (sent back in the repair request)."""
    try:
        data = json.loads(reply)
    except ValueError:
        return None, "it was not valid JSON"
    if not isinstance(data, dict) or not {"skills", "projects", "experience"} & set(data):
        return None, 'it was not a JSON object with "skills", "projects" and "experience"'
    try:
        profile = ResumeProfile.model_validate(data)
    except ValidationError as exc:
        fields = sorted({".".join(str(p) for p in err["loc"][:1]) for err in exc.errors()})
        return None, f"these fields had the wrong type: {', '.join(fields)}"
    if profile.is_empty:
        return None, "it listed no skills, projects or experience"
    return profile, ""


def _fallback(text: str, notice: str) -> ParsedResume:
    return ParsedResume(profile=parse_offline(text), parser=OFFLINE_PARSER, notice=notice)
