"""Every version of every prompt: the packaged files and the drafts admins saved in the Prompt Lab.

`PromptCatalog.get(name, version)` is `load_prompt` that also finds saved versions, so an active-version
setting may name either kind. Saving a draft always creates the next version number ("v2", "v3", …) and
never overwrites one: sessions and feedback record prompt labels, and a label must keep meaning one text.
Two admins saving at the same moment both succeed, with consecutive numbers (the unique (name, version)
constraint decides; the loser retries with the next number). Safe to share between threads: it holds only
the `Database` and plain settings.
"""

from __future__ import annotations

import string
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from igym.db.engine import Database
from igym.db.tables import PromptVersion, User
from igym.errors import InvalidInput
from igym.guards.text import clean_text
from igym.prompts import PROMPT_SPECS, Prompt, PromptSpec, load_prompt, packaged_versions, version_key

MAX_CHANGELOG_CHARS = 200
_SAVE_ATTEMPTS = 3


@dataclass(frozen=True, slots=True)
class VersionInfo:
    """One version as the lab lists it.

    Attributes:
        source: "file" (shipped with the app, immutable) or "saved" (drafted in the lab).
        created_by: the author's email for saved versions (None for files, or when the author's account is gone).
        created_at: when it was saved (None for files).
        active: whether the running app's settings use this version.
    """

    name: str
    version: str
    changelog: str
    source: Literal["file", "saved"]
    created_by: str | None
    created_at: datetime | None
    active: bool

    @property
    def label(self) -> str:
        return f"{self.name}-{self.version}"


def spec(name: str) -> PromptSpec:
    """The prompt's spec, or a clear error naming the prompts there are."""
    found = PROMPT_SPECS.get(name)
    if found is None:
        raise InvalidInput(f"There is no prompt called {name!r}; the prompts are: {', '.join(PROMPT_SPECS)}.")
    return found


def check_draft(name: str, text: str, changelog: str, *, max_chars: int) -> tuple[str, str]:
    """The draft's text and changelog, cleaned, or InvalidInput saying exactly what to fix."""
    prompt = spec(name)
    body = clean_text(text or "").strip()
    note = clean_text(changelog or "").strip()
    if not body:
        raise InvalidInput("The draft is empty. Write the prompt text before saving it as a new version.")
    if len(body) > max_chars:
        raise InvalidInput(f"The draft is {len(body):,} characters; the limit is {max_chars:,}. Shorten it.")
    if not note:
        raise InvalidInput("Write a one-line changelog saying what this version changes.")
    if "\n" in note or len(note) > MAX_CHANGELOG_CHARS:
        raise InvalidInput(f"The changelog must be one line of at most {MAX_CHANGELOG_CHARS} characters.")
    if body.lower().startswith("# changelog:"):
        raise InvalidInput("Leave the '# changelog:' line out of the text; the changelog has its own field.")
    if prompt.formatted:
        _check_placeholders(prompt, body)
    return body, note


def _check_placeholders(prompt: PromptSpec, body: str) -> None:
    try:
        fields = {field for _, field, _, _ in string.Formatter().parse(body) if field is not None}
    except ValueError:
        raise InvalidInput(
            "The draft has an unpaired { or }. Placeholders look like {difficulty}; write a literal brace "
            "as {{ or }} (the JSON example in the feedback prompt does this)."
        ) from None
    missing = [name for name in prompt.placeholders if name not in fields]
    unknown = sorted(field for field in fields if field not in prompt.placeholders)
    if missing:
        names = ", ".join("{" + name + "}" for name in missing)
        raise InvalidInput(f"The draft is missing {names}, which the app fills in; put it back where it belongs.")
    if unknown:
        names = ", ".join("{" + (name or "") + "}" for name in unknown)
        allowed = ", ".join("{" + name + "}" for name in prompt.placeholders)
        raise InvalidInput(
            f"The draft uses {names}, which the app does not fill (it fills {allowed}). "
            "Write a literal brace as {{ or }}."
        )


class PromptCatalog:
    """Prompt versions: the packaged ones and those saved in the database, and which one the app uses."""

    def __init__(self, db: Database, *, active: dict[str, str] | None = None, max_chars: int = 12000) -> None:
        """`active` maps prompt names to the versions the running app uses (from settings), for listing."""
        self._db = db
        self._active = dict(active or {})
        self.max_chars = max_chars

    def active_version(self, name: str) -> str:
        return self._active.get(name, "v1")

    def get(self, name: str, version: str) -> Prompt:
        """A packaged or saved version.

        Raises:
            InvalidInput: the prompt or the version does not exist (the message names the versions there are).
        """
        spec(name)
        if version in packaged_versions(name):
            return load_prompt(name, version)
        with self._db.session() as db:
            row = db.scalar(select(PromptVersion).where(PromptVersion.name == name, PromptVersion.version == version))
            if row is not None:
                return Prompt(name=row.name, version=row.version, changelog=row.changelog, text=row.text)
        known = ", ".join(v.version for v in self.versions(name))
        raise InvalidInput(f"The {name} prompt has no version {version!r}; it has {known}.")

    def versions(self, name: str) -> list[VersionInfo]:
        """Every version of `name`, files first then saved ones, in version order."""
        spec(name)
        active = self.active_version(name)
        listed = [
            VersionInfo(name, v, load_prompt(name, v).changelog, "file", None, None, v == active)
            for v in packaged_versions(name)
        ]
        with self._db.session() as db:
            rows = db.execute(
                select(PromptVersion, User.email)
                .outerjoin(User, User.id == PromptVersion.created_by)
                .where(PromptVersion.name == name)
            ).all()
            listed += [
                VersionInfo(name, row.version, row.changelog, "saved", email, row.created_at, row.version == active)
                for row, email in rows
            ]
        return sorted(listed, key=lambda info: version_key(info.version))

    def save_draft(self, *, name: str, text: str, changelog: str, author_id: uuid.UUID) -> VersionInfo:
        """Store a draft as the next version of `name`, recording who saved it and when.

        Raises:
            InvalidInput: the draft is empty, too long, has no changelog, or lacks/adds placeholders.
        """
        body, note = check_draft(name, text, changelog, max_chars=self.max_chars)
        for _ in range(_SAVE_ATTEMPTS):
            version = self._next_version(name)
            try:
                with self._db.session() as db:
                    db.add(PromptVersion(name=name, version=version, changelog=note, text=body, created_by=author_id))
            except IntegrityError:
                continue  # another admin took this number a moment ago; take the next one
            return next(info for info in self.versions(name) if info.version == version)
        raise InvalidInput("Several versions were saved at the same moment; save again.")

    def _next_version(self, name: str) -> str:
        numbers = [version_key(v)[0] for v in packaged_versions(name)]
        with self._db.session() as db:
            saved = db.scalars(select(PromptVersion.version).where(PromptVersion.name == name)).all()
        numbers += [version_key(v)[0] for v in saved]
        used = [n for n in numbers if n < 1 << 30]
        return f"v{max(used, default=0) + 1}"
