"""Engine fixtures: the shared Piper voice and Whisper model from the analysis tests, and an engine factory."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest

from igym.interview.engine import InterviewEngine
from igym.interview.question_bank import QuestionBank
from igym.interview.types import EngineLimits
from igym.services import AppServices
from tests.analysis.conftest import answer_clean, answer_truth, piper, transcriber  # noqa: F401  (shared session fixtures)


class Clock:
    """A settable clock, so inactivity and limits are tested without sleeping."""

    def __init__(self) -> None:
        self.now = datetime(2026, 4, 1, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def make_engine(services: AppServices, clock: Clock, request: pytest.FixtureRequest) -> Callable[..., InterviewEngine]:
    def build(**overrides: object) -> InterviewEngine:
        kwargs: dict[str, object] = {
            "bank": QuestionBank.load(),
            "transcriber": lambda: request.getfixturevalue("transcriber"),
            "files": services.files,
            "limits": EngineLimits(inactivity_timeout=timedelta(minutes=30)),
            "clock": clock,
        }
        kwargs.update(overrides)
        return InterviewEngine(services.db, **kwargs)  # type: ignore[arg-type]

    return build


@pytest.fixture
def candidate(services: AppServices) -> uuid.UUID:
    return services.auth.sign_up(email=f"c{uuid.uuid4().hex[:6]}@example.com", password="long-river-88", name="Kim").id
