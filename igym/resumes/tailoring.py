"""Which resume topics the interviewer brings up, and how the offline interviewer words a resume follow-up.

Only skills are used, and only those that look like a skill (a few words, letters, no sentence punctuation):
the interviewer says them out loud, so nothing longer than a skill name ever travels from a resume into what
the interviewer speaks, and a sentence someone typed into their skills ("ignore previous instructions...")
is simply not a topic. A topic the interviewer already named in this session is not raised again.
Pure functions of their arguments; safe on any thread.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

MAX_TOPIC_WORDS = 4
MAX_TOPIC_CHARS = 40
MAX_TOPICS = 12

_SENTENCE_MARKS = re.compile(r"[.!?:;\"'`<>{}\[\]\\]\s|[!?<>{}\[\]\\`\"]")
# Characters a TTS voice reads literally, spelled out or dropped (the bank's own texts avoid them too).
_SPOKEN = (("C++", "C plus plus"), ("c++", "C plus plus"), ("C#", "C sharp"), ("F#", "F sharp"), ("&", " and "))
_UNSPEAKABLE = re.compile(r"[*_#`\[\]<>|~(){}\\@^=+]")


def resume_topics(parsed_data: Mapping[str, Any] | None) -> list[str]:
    """The resume's skills that are fit to be spoken as interview topics, in the resume's order."""
    raw = (parsed_data or {}).get("skills") or []
    topics: list[str] = []
    seen: set[str] = set()
    for item in raw if isinstance(raw, list) else []:
        topic = " ".join(str(item).split())
        if not topic or len(topic) > MAX_TOPIC_CHARS or len(topic.split()) > MAX_TOPIC_WORDS:
            continue
        if _SENTENCE_MARKS.search(topic + " ") or not any(ch.isalpha() for ch in topic):
            continue
        if topic.lower() not in seen:
            seen.add(topic.lower())
            topics.append(topic)
    return topics[:MAX_TOPICS]


def untouched_topics(topics: Iterable[str], said: Iterable[str]) -> list[str]:
    """`topics` the interviewer has not named yet in `said` (its lines so far), whole words, any case."""
    spoken_so_far = " ".join(said).lower()
    return [t for t in topics if not re.search(rf"(?<!\w){re.escape(t.lower())}(?!\w)", spoken_so_far)]


def spoken(topic: str) -> str:
    """A topic as a voice can read it: "C++" -> "C plus plus", symbols dropped."""
    for symbol, words in _SPOKEN:
        topic = topic.replace(symbol, words)
    return " ".join(_UNSPEAKABLE.sub(" ", topic).split())


def follow_up_line(topic: str, *, gentle: bool) -> str:
    """The offline interviewer's resume follow-up, naming the topic as the resume does."""
    name = spoken(topic)
    if gentle:
        return f"Your resume mentions {name}. Could you tell me about a time you used it, and what you did yourself?"
    return (
        f"Your resume mentions {name}. Tell me about the hardest problem you solved with it: what did you do, "
        "and what was the result?"
    )


# Words that point to a skill without naming it: an answer about "queries" and "indexes" relates to SQL.
_RELATED: dict[str, tuple[str, ...]] = {
    "python": ("script", "scripts", "django", "flask", "pandas", "notebook", "pytest"),
    "sql": ("database", "databases", "query", "queries", "index", "indexes", "table", "tables", "schema"),
    "postgresql": ("database", "databases", "query", "queries", "index", "indexes", "postgres", "schema"),
    "mysql": ("database", "databases", "query", "queries", "index", "indexes", "schema"),
    "kubernetes": ("cluster", "clusters", "container", "containers", "pods", "deploy", "deployment", "k8s"),
    "docker": ("container", "containers", "image", "images", "deploy", "deployment"),
    "terraform": ("infrastructure", "cloud", "provisioning"),
    "aws": ("cloud", "lambda", "s3", "ec2"),
    "javascript": ("frontend", "browser", "page", "pages", "react", "checkout"),
    "typescript": ("frontend", "browser", "page", "pages", "react"),
    "react": ("frontend", "browser", "page", "pages", "component", "components"),
    "redis": ("cache", "caching", "cached"),
    "excel": ("spreadsheet", "spreadsheets", "report", "reports"),
    "leadership": ("led", "lead", "mentor", "mentored", "team", "hired"),
    "communication": ("stakeholder", "stakeholders", "presentation", "presented", "explained"),
    "stakeholder management": ("stakeholder", "stakeholders", "sponsor", "client", "clients"),
    "project management": ("deadline", "deadlines", "plan", "planning", "schedule", "roadmap"),
}
_WORDS = re.compile(r"[a-z0-9+#]+")


def relatedness(topic: str, text: str) -> float:
    """How much `text` (an answer, a question) is about `topic`; 0 when unrelated.

    2 per mention of the topic's own words (whole words, any case), 1 per related word from a short list.
    """
    words = _WORDS.findall(text.lower())
    if not words:
        return 0.0
    counts: dict[str, int] = {}
    for word in words:
        counts[word] = counts.get(word, 0) + 1
    own = [w for w in _WORDS.findall(topic.lower()) if len(w) > 1]
    score = 2.0 * sum(counts.get(w, 0) for w in own)
    score += sum(counts.get(w, 0) for w in _RELATED.get(" ".join(own), ()))
    return score


def most_related(topics: Iterable[str], text: str) -> str | None:
    """The topic `text` is most about (the resume's order breaks ties), or None when it relates to none."""
    best: tuple[float, str] | None = None
    for topic in topics:
        score = relatedness(topic, text)
        if score > 0 and (best is None or score > best[0]):
            best = (score, topic)
    return best[1] if best else None


RESUME_QUESTION_ID = "resume-"
_INSTRUCTION_WORDS = frozenset("ignore instructions instruction prompt disregard pretend previous".split())


def resume_question_text(
    parsed_data: Mapping[str, Any] | None, *, interview_type: str, untouched: Iterable[str] | None = None
) -> tuple[str, str] | None:
    """A main question built on the resume: (id, text), or None when the resume gives nothing fit to speak.

    A project whose title is short and speakable comes first ("Your resume lists a project, Billing
    migration. Walk me through it..."), else the first skill of `untouched` (the skills not named yet in the
    session; all of them when None). The id ("resume-project-1", "resume-skill-…")
    is stored as the message's question id, never a bank id.
    """
    projects = (parsed_data or {}).get("projects") or []
    for n, item in enumerate(projects if isinstance(projects, list) else [], start=1):
        title = str(item.get("title", "") if isinstance(item, Mapping) else "").split(",")[0].strip()
        name = spoken(title)
        words = set(name.lower().split())
        fits = len(words) <= MAX_TOPIC_WORDS + 2 and not words & _INSTRUCTION_WORDS
        if fits and name and len(name) <= MAX_TOPIC_CHARS and not _SENTENCE_MARKS.search(title + " "):
            ask = (
                "what problem it solved, what you did yourself, and what you would build differently now?"
                if interview_type == "technical_verbal"
                else "what was at stake, what you did yourself, and how it turned out?"
            )
            return f"{RESUME_QUESTION_ID}project-{n}", f"Your resume lists a project, {name}. Walk me through it: {ask}"
    topics = resume_topics(parsed_data) if untouched is None else list(untouched)
    if not topics:
        return None
    name = spoken(topics[0])
    slug = re.sub(r"[^a-z0-9]+", "-", topics[0].lower()).strip("-")[:40] or "skill"
    if interview_type == "technical_verbal":
        text = (
            f"Your resume lists {name}. Describe the most demanding thing you built with it, "
            "and the design choices you made."
        )
    elif interview_type == "hr_screen":
        text = f"Your resume lists {name}. How have you used it in your recent roles, and how would it help here?"
    else:
        text = (
            f"Your resume lists {name}. Tell me about a time your work with it made a real difference. "
            "What did you do?"
        )
    return f"{RESUME_QUESTION_ID}skill-{slug}", text
