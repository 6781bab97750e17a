"""The Prompt Lab as the page uses it: every call checks that the caller is an admin, then does the work.

The admin check reads the role from the database on every call (see `access`), so the page cannot be talked
into anything by a stale session or a hand-typed URL. Evaluation runs on the caller's thread (the page shows
progress); it is read-only apart from the model calls, so two admins can run at once.
"""

from __future__ import annotations

import uuid
from pathlib import Path

from igym.db.engine import Database
from igym.prompt_lab.access import require_admin
from igym.prompt_lab.evaluate import EvaluationReport, Progress, evaluate
from igym.prompt_lab.store import PromptCatalog, VersionInfo
from igym.prompt_lab.transcripts import SavedTranscript, load_fixtures, recent_transcripts
from igym.prompts import PROMPT_SPECS, Prompt, PromptSpec
from igym.providers.base import ChatModel


class PromptLabService:
    """Prompt Lab: prompt versions and side-by-side runs of them over saved transcripts, for admins only.

    Every call checks the caller's role in the database first; evaluation runs on the caller's thread.
    """

    def __init__(
        self,
        db: Database,
        catalog: PromptCatalog,
        *,
        chat: ChatModel | None,
        model_label: str | None,
        max_transcripts: int = 50,
        fixtures: Path | None = None,
    ) -> None:
        self._db = db
        self.catalog = catalog
        self._chat = chat
        self._model_label = model_label
        self.max_transcripts = max_transcripts
        self._fixtures = fixtures

    @property
    def has_model(self) -> bool:
        return self._chat is not None

    def _check(self, actor_id: uuid.UUID) -> None:
        with self._db.session() as db:
            require_admin(db, user_id=actor_id)

    def prompts(self, *, actor_id: uuid.UUID) -> list[PromptSpec]:
        self._check(actor_id)
        return list(PROMPT_SPECS.values())

    def versions(self, *, actor_id: uuid.UUID, name: str) -> list[VersionInfo]:
        self._check(actor_id)
        return self.catalog.versions(name)

    def prompt(self, *, actor_id: uuid.UUID, name: str, version: str) -> Prompt:
        self._check(actor_id)
        return self.catalog.get(name, version)

    def save_draft(self, *, actor_id: uuid.UUID, name: str, text: str, changelog: str) -> VersionInfo:
        """Save as the next version, authored by the caller (see `PromptCatalog.save_draft`)."""
        self._check(actor_id)
        return self.catalog.save_draft(name=name, text=text, changelog=changelog, author_id=actor_id)

    def transcripts(self, *, actor_id: uuid.UUID, source: str, limit: int) -> list[SavedTranscript]:
        """`source` "recent": the `limit` newest completed sessions of all users; "fixtures": the fixtures file."""
        self._check(actor_id)
        if source == "fixtures":
            return load_fixtures(self._fixtures)[: max(1, min(limit, self.max_transcripts))]
        return recent_transcripts(self._db, limit=max(1, min(limit, self.max_transcripts)))

    def evaluate(
        self,
        *,
        actor_id: uuid.UUID,
        prompt: str,
        versions: list[str],
        transcripts: list[SavedTranscript],
        source: str,
        on_progress: Progress | None = None,
    ) -> EvaluationReport:
        self._check(actor_id)
        return evaluate(
            prompt=prompt,
            versions=versions,
            transcripts=transcripts[: self.max_transcripts],
            catalog=self.catalog,
            chat=self._chat,
            model_label=self._model_label,
            source=source,
            on_progress=on_progress,
        )
