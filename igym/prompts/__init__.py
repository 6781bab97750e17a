"""Versioned prompt files: ``<name>.<version>.txt``, first line ``# changelog: ...``.

A prompt file is never edited once a session has used it: a change is a new version file, so every saved
session and feedback can say exactly which text produced it. Versions drafted in the Prompt Lab are stored
in the database instead (`igym.prompt_lab.store.PromptCatalog` finds both kinds); `PROMPT_SPECS` says what
each prompt's text must contain for the code that fills it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from igym.errors import InvalidInput


@dataclass(frozen=True, slots=True)
class Prompt:
    """One version of a prompt template and how to render it."""

    name: str
    version: str
    changelog: str
    text: str

    @property
    def label(self) -> str:
        return f"{self.name}-{self.version}"


@lru_cache(maxsize=64)
def load_prompt(name: str, version: str) -> Prompt:
    """Read a packaged prompt (cached; prompt files are immutable once shipped)."""
    file = resources.files(__package__).joinpath(f"{name}.{version}.txt")
    if not file.is_file():
        raise InvalidInput(f"There is no prompt {name!r} in version {version!r}.")
    first, _, body = file.read_text(encoding="utf-8").partition("\n")
    changelog = first.removeprefix("# changelog:").strip() if first.startswith("# changelog:") else ""
    return Prompt(name=name, version=version, changelog=changelog, text=body.strip() if changelog else first + body)


@dataclass(frozen=True, slots=True)
class PromptSpec:
    """What the code that uses a prompt needs from its text, so a saved draft can be checked before use.

    Attributes:
        name: the file stem (``feedback``).
        title: what the prompt is for, in words for the Prompt Lab.
        setting: the `Settings` field naming the active version.
        placeholders: the ``{fields}`` the code fills with `str.format`; every one must appear in the text.
        formatted: False for prompts sent as they are (no `str.format`, so braces are literal).
    """

    name: str
    title: str
    setting: str
    placeholders: tuple[str, ...] = ()
    formatted: bool = True


PROMPT_SPECS: dict[str, PromptSpec] = {
    spec.name: spec
    for spec in (
        PromptSpec(
            "interviewer",
            "Interviewer: the opening and the lead-in to each main question",
            "interviewer_prompt_version",
            ("interview_type", "difficulty", "moment"),
        ),
        PromptSpec(
            "interviewer_followup",
            "Follow-up: one spoken follow-up question",
            "followup_prompt_version",
            ("interview_type", "difficulty", "reason_description", "tone"),
        ),
        PromptSpec("feedback", "Feedback: the session's scores and remarks as JSON", "feedback_prompt_version",
                   ("interview_type", "difficulty")),
        PromptSpec("resume_parser", "Resume parser: skills, projects, experience as JSON", "resume_prompt_version",
                   formatted=False),
    )
}


def packaged_versions(name: str) -> list[str]:
    """The versions of `name` shipped as files, in version order (v1, v2, …, v10)."""
    prefix, suffix = f"{name}.", ".txt"
    found = [
        entry.name[len(prefix) : -len(suffix)]
        for entry in resources.files(__package__).iterdir()
        if entry.name.startswith(prefix) and entry.name.endswith(suffix)
    ]
    return sorted((v for v in found if "." not in v), key=version_key)


def version_key(version: str) -> tuple[int, str]:
    """Sort key putting "v2" before "v10"; anything not shaped "v<number>" sorts last, by name."""
    digits = version.removeprefix("v")
    return (int(digits), "") if version.startswith("v") and digits.isdigit() else (1 << 30, version)
