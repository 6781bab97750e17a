"""The fixed choices users pick from: interview types, difficulties, onboarding answers.

Stored values are the keys; labels are what pages show. Keeping them in one place means a page, a
repository filter and a test all agree on spelling.
"""

from __future__ import annotations

_INTERVIEW_TYPES: tuple[tuple[str, str, str], ...] = (  # (key, label, blurb)
    ("behavioral", "Behavioral", "Tell me about a time… — stories about your past work, best answered with STAR."),
    ("hr_screen", "HR screen", "Motivation, background, salary and logistics: the first call with a recruiter."),
    (
        "technical_verbal",
        "Technical (verbal)",
        "Explain concepts, trade-offs and designs out loud, without a whiteboard.",
    ),
)
_DIFFICULTIES: tuple[tuple[str, str, str], ...] = (
    ("warm_up", "Warm-up", "Five friendly questions, gentle follow-ups."),
    ("standard", "Standard", "Six questions and follow-ups, like a typical first round."),
    ("intense", "Intense", "Up to eight exchanges with probing follow-ups."),
)

INTERVIEW_TYPES: dict[str, str] = {key: name for key, name, _ in _INTERVIEW_TYPES}
INTERVIEW_TYPE_BLURBS: dict[str, str] = {key: blurb for key, _, blurb in _INTERVIEW_TYPES}
DIFFICULTIES: dict[str, str] = {key: name for key, name, _ in _DIFFICULTIES}
DIFFICULTY_BLURBS: dict[str, str] = {key: blurb for key, _, blurb in _DIFFICULTIES}

# Exchanges per session by difficulty (DESIGN: 5–8).
PLANNED_EXCHANGES: dict[str, int] = {"warm_up": 5, "standard": 6, "intense": 8}

INTERVIEW_TIMELINES: dict[str, str] = {
    "this_week": "This week",
    "within_month": "Within a month",
    "one_to_three_months": "In 1–3 months",
    "exploring": "Just exploring",
}

TARGET_ROLE_SUGGESTIONS: tuple[str, ...] = (
    "Software Engineer",
    "Product Manager",
    "Data Scientist",
    "Designer",
    "Marketing",
    "Sales",
    "Customer Success",
    "Operations",
    "Other",
)

SESSION_STATUSES: dict[str, str] = {"active": "In progress", "completed": "Completed", "abandoned": "Abandoned"}


def label(mapping: dict[str, str], key: str | None) -> str:
    """The label for `key`, or the key itself when it is unknown (old data must still display)."""
    if key is None:
        return "—"
    return mapping.get(key, key.replace("_", " ").capitalize())
