"""Versioned prompt files: ``<name>.<version>.txt``, first line ``# changelog: ...``.

A prompt file is never edited once a session has used it: a change is a new version file, so every saved
session and feedback can say exactly which text produced it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from igym.errors import InvalidInput


@dataclass(frozen=True, slots=True)
class Prompt:
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
