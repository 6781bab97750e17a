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
