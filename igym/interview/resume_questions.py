"""The main question a resume-tailored session asks about the candidate's own resume.

`tailoring.resume_question_text` writes it (a speakable project title first, else the first skill not yet
named); this module makes it a `Question` the engine can ask like a bank one. Its id starts with
`tailoring.RESUME_QUESTION_ID` and is never a bank id, so the conversation helpers find no bank question for
it (no bank follow-ups). Pure function; safe from any thread.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from igym import catalog
from igym.interview.question_bank import Question
from igym.resumes import tailoring


def resume_question(
    parsed_data: Mapping[str, Any] | None, *, interview_type: str, untouched: Iterable[str]
) -> Question | None:
    """A main question on the resume, or None when it gives nothing fit to speak."""
    built = tailoring.resume_question_text(parsed_data, interview_type=interview_type, untouched=untouched)
    if built is None:
        return None
    question_id, text = built
    return Question(
        id=question_id,
        interview_type=interview_type,
        text=text,
        difficulties=tuple(catalog.DIFFICULTIES),
        competencies=("resume",),
        follow_ups=(),
    )
