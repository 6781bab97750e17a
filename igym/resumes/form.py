"""The resume form's text fields and back: what the page shows in its text areas and how edits are read.

Skills: one per line (commas work too). Projects and experience: one entry per paragraph, separated by a
blank line; the first line is the title, the following lines the details. The result goes through
`ResumeProfile`, so the same caps and cleaning apply to what a user typed as to what a parser found.
"""

from __future__ import annotations

from collections.abc import Sequence

from igym.resumes.parse import ResumeItem, ResumeProfile, split_skills


def skills_text(profile: ResumeProfile) -> str:
    return "\n".join(profile.skills)


def items_text(items: Sequence[ResumeItem]) -> str:
    return "\n\n".join("\n".join(part for part in (item.title, item.details) if part) for item in items)


def items_from_text(text: str) -> list[ResumeItem]:
    blocks = [block.strip() for block in text.replace("\r\n", "\n").split("\n\n")]
    items = []
    for block in blocks:
        if not block:
            continue
        title, _, details = block.partition("\n")
        items.append(ResumeItem(title=title, details=details))
    return items


def profile_from_form(*, skills: str, projects: str, experience: str) -> ResumeProfile:
    return ResumeProfile(
        skills=split_skills(skills),
        projects=items_from_text(projects),
        experience=items_from_text(experience),
    )
