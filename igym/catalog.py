"""The fixed choices users pick from: interview types, difficulties, onboarding answers.

Stored values are the keys; labels are what pages show. Keeping them in one place means a page, a
repository filter and a test all agree on spelling.
"""

from __future__ import annotations

INTERVIEW_TYPES: dict[str, str] = {
    "behavioral": "Behavioral",
    "hr_screen": "HR screen",
    "technical_verbal": "Technical (verbal)",
}

INTERVIEW_TYPE_BLURBS: dict[str, str] = {
    "behavioral": "Tell me about a time… — stories about your past work, best answered with STAR.",
    "hr_screen": "Motivation, background, salary and logistics: the first call with a recruiter.",
    "technical_verbal": "Explain concepts, trade-offs and designs out loud, without a whiteboard.",
}

DIFFICULTIES: dict[str, str] = {
    "warm_up": "Warm-up",
    "standard": "Standard",
    "intense": "Intense",
}

DIFFICULTY_BLURBS: dict[str, str] = {
    "warm_up": "Five friendly questions, gentle follow-ups.",
    "standard": "Six questions and follow-ups, like a typical first round.",
    "intense": "Up to eight exchanges with probing follow-ups.",
}

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
