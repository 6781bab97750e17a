"""Prompt Lab fixtures: an admin, a candidate and a coach on the shared `services`, and the loopback Groq server."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest

from igym.prompt_lab.access import set_role
from igym.services import AppServices

PASSWORD = "quiet-harbor-72"


def make_user(services: AppServices, email: str, role: str = "candidate") -> uuid.UUID:
    user_id = services.auth.sign_up(email=email, password=PASSWORD, name=email.split("@")[0].title()).id
    if role != "candidate":
        set_role(services.db, email=email, role=role)
    return user_id


@pytest.fixture
def admin(services: AppServices) -> uuid.UUID:
    return make_user(services, "ada@example.com", "admin")


def feedback_reply(strength_quote: str, improvement_quote: str, *, score: float = 6.0, answer: int = 1) -> str:
    """A feedback JSON reply in the shape the feedback prompt asks for, quoting the given words."""
    body: dict[str, Any] = {
        "summary": "A clear interview with concrete examples; tighten the openings and lead with the result.",
        "scores": {d: score for d in ("clarity", "structure", "relevance", "confidence", "overall")},
        "strengths": [{"point": "You owned your part of the work.", "quote": strength_quote, "answer": answer}],
        "improvements": [{"point": "Lead with the outcome.", "quote": improvement_quote, "answer": answer}],
        "suggestions": ["Open each answer with a one-sentence headline."],
        "answer_notes": [{"answer": answer, "worked": "Specific example.", "change": "Shorter opening."}],
    }
    return json.dumps(body)
