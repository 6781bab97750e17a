"""The parsed resume (`ResumeProfile`) and the offline parser that finds it by section headings.

`ResumeProfile` is the one shape every parser returns, the user edits and the interviewer reads. Its
validators clean instead of failing on size: whitespace is collapsed, empty and duplicate entries dropped, and
lists and strings cut to fixed caps, so a 40-page CV, a chatty model or a pasted essay all end up the same
bounded size in the database and on the page.

The offline parser knows the usual English headings ("Skills", "Technical skills", "Projects", "Experience",
"Work history"...), in any case, with or without a trailing colon, and "Heading: content" on one line. Skill
lists may be split by commas, pipes, semicolons, dashes or bullets, with labels ("Languages: Python, Go").
Under Projects and Experience, a line that is not a bullet starts an entry (its title) and bullets add
details. Text it does not understand is ignored, never acted upon: it is only ever data.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from igym.guards.text import clean_text

MAX_SKILLS = 40
MAX_SKILL_CHARS = 50
MAX_ITEMS = 12
MAX_TITLE_CHARS = 160
MAX_DETAILS_CHARS = 1200
# A skill longer than this many words is a sentence that wandered into the skills section.
MAX_SKILL_WORDS = 5

OFFLINE_PARSER = "headings-v1"


def _squash(value: Any) -> str:
    """One line of text: control characters removed (see `igym.guards.text`), runs of whitespace made one space."""
    return " ".join(clean_text(str(value)).split()) if value is not None else ""


class ResumeItem(BaseModel):
    """One project or job: a title line ("Senior Engineer, Acme (2021-2024)") and free-text details."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    title: Annotated[str, Field(default="")]
    details: Annotated[str, Field(default="")]

    @field_validator("title", mode="before")
    @classmethod
    def _clean_title(cls, value: Any) -> str:
        return _squash(value)[:MAX_TITLE_CHARS]

    @field_validator("details", mode="before")
    @classmethod
    def _clean_details(cls, value: Any) -> str:
        if isinstance(value, list):  # models like to answer with bullet lists
            value = "\n".join(_squash(v) for v in value if _squash(v))
        lines = [_squash(line) for line in str(value or "").splitlines()]
        return "\n".join(line for line in lines if line)[:MAX_DETAILS_CHARS]


class ResumeProfile(BaseModel):
    """What the interviewer knows about the candidate's background."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    skills: list[str] = Field(default_factory=list)
    projects: list[ResumeItem] = Field(default_factory=list)
    experience: list[ResumeItem] = Field(default_factory=list)

    @field_validator("skills", mode="before")
    @classmethod
    def _clean_skills(cls, value: Any) -> list[str]:
        if isinstance(value, str):
            value = split_skills(value)
        if not isinstance(value, list | tuple | None):
            raise ValueError("skills must be a list of strings")
        seen: set[str] = set()
        skills: list[str] = []
        for raw in value or []:
            skill = _squash(raw).strip(" .,;:-•*")
            if not skill or len(skill) > MAX_SKILL_CHARS or len(skill.split()) > MAX_SKILL_WORDS:
                continue
            if skill.lower() not in seen:
                seen.add(skill.lower())
                skills.append(skill)
        return skills[:MAX_SKILLS]

    @field_validator("projects", "experience", mode="before")
    @classmethod
    def _clean_items(cls, value: Any) -> list[Any]:
        if not isinstance(value, list | tuple | None):
            raise ValueError("expected a list of entries")
        items = [v for v in (value or []) if v]
        kept = []
        for item in items:
            if isinstance(item, str):
                item = {"title": item}
            if isinstance(item, dict) and not _squash(item.get("title")) and not _squash(item.get("details")):
                continue
            kept.append(item)
        return kept[:MAX_ITEMS]

    @property
    def is_empty(self) -> bool:
        return not (self.skills or self.projects or self.experience)


# --- the offline parser ------------------------------------------------------------------------------------

_HEADINGS = {
    "skills": {
        "skills",
        "technical skills",
        "core skills",
        "key skills",
        "skills and tools",
        "skills & tools",
        "technologies",
        "technology",
        "tech stack",
        "tools",
        "tools and technologies",
        "core competencies",
        "competencies",
        "technical proficiencies",
        "skills and technologies",
        "skills summary",
        "expertise",
        "areas of expertise",
        "technical expertise",
    },
    "projects": {
        "projects",
        "personal projects",
        "selected projects",
        "side projects",
        "key projects",
        "academic projects",
        "open source",
        "open-source",
        "open source projects",
        "portfolio",
    },
    "experience": {
        "experience",
        "work experience",
        "professional experience",
        "work history",
        "employment",
        "employment history",
        "career history",
        "relevant experience",
        "professional background",
        "career",
        "internships",
        "internship experience",
    },
    # Sections that end the three above; their contents are not parsed.
    "other": {
        "summary",
        "profile",
        "professional summary",
        "about",
        "about me",
        "objective",
        "career objective",
        "education",
        "certifications",
        "certificates",
        "awards",
        "honors",
        "honours",
        "publications",
        "interests",
        "hobbies",
        "languages",
        "references",
        "contact",
        "volunteering",
        "volunteer experience",
        "activities",
        "achievements",
        "courses",
        "training",
    },
}
_HEADING_OF = {name: section for section, names in _HEADINGS.items() for name in names}
_BULLET = re.compile(r"^\s*(?:[-–—•*·▪●◦‣∙]|\d{1,2}[.)])\s*")
_SKILL_SPLIT = re.compile(r"\s*(?:[,;|•·▪●]|\s[-–]\s)\s*")
_LABEL = re.compile(r"^[A-Za-z][A-Za-z &/+-]{1,30}:\s+")


def _heading(line: str) -> tuple[str, str] | None:
    """(section, rest of the line) when `line` is a known heading, alone or as "Heading: content"."""
    head, colon, rest = line.partition(":")
    key = " ".join(re.sub(r"[^a-z& -]", " ", head.lower()).split())
    if key in _HEADING_OF and (colon or len(line) <= 40):
        return _HEADING_OF[key], rest.strip()
    return None


def split_skills(text: str) -> list[str]:
    """Skills out of a skills line: "Languages: Python, Go | SQL" -> ["Python", "Go", "SQL"]."""
    skills: list[str] = []
    for line in text.splitlines():
        line = _LABEL.sub("", _BULLET.sub("", line.strip()))
        skills.extend(part for part in _SKILL_SPLIT.split(line) if part.strip())
    return skills


def parse_offline(text: str) -> ResumeProfile:
    """Sections found by their headings; entries by bullets. Deterministic and fast (one pass over lines)."""
    sections: dict[str, list[str]] = {"skills": [], "projects": [], "experience": []}
    current: str | None = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        found = _heading(line)
        if found is not None and current == "skills" and found[1] and found[0] in ("skills", "other"):
            found = None  # "Languages: Python, Go" inside Skills is a label, not the Languages section
        if found is not None:
            current, rest = found
            if rest and current in sections:
                sections[current].append(rest)
            continue
        if current in sections:
            sections[current].append(line)
    return ResumeProfile(
        skills=split_skills("\n".join(sections["skills"])),
        projects=_entries(sections["projects"]),
        experience=_entries(sections["experience"]),
    )


def _entries(lines: list[str]) -> list[ResumeItem]:
    """Titles (plain lines) with their bullet details; a section of bullets only is one entry per bullet."""
    if lines and all(_BULLET.match(line) for line in lines):
        return [_item_from_bullet(_BULLET.sub("", line)) for line in lines]
    items: list[dict[str, list[str]]] = []
    for line in lines:
        bullet = _BULLET.match(line)
        body = _BULLET.sub("", line) if bullet else line
        if not items:
            items.append({"title": [] if bullet else [body], "details": [body] if bullet else []})
        elif bullet:
            items[-1]["details"].append(body)
        elif body[:1].islower() and items[-1]["details"]:
            items[-1]["details"][-1] += " " + body  # a wrapped bullet continues
        elif body[:1].islower() or not items[-1]["details"]:
            items[-1]["title"].append(body)  # a title over two lines ("Engineer" / "Acme, 2020-2023")
        else:
            items.append({"title": [body], "details": []})
    return [
        ResumeItem(title=" — ".join(item["title"]), details="\n".join(item["details"]))
        for item in items
        if item["title"] or item["details"]
    ]


def _item_from_bullet(text: str) -> ResumeItem:
    """A bullet "Name: what it is" becomes title "Name" and the rest as details."""
    title, sep, rest = text.partition(": ")
    if sep and len(title) <= 60:
        return ResumeItem(title=title, details=rest)
    return ResumeItem(title=text[:MAX_TITLE_CHARS], details=text[MAX_TITLE_CHARS:])
