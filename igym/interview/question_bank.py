"""The question bank: which question the offline interviewer asks next.

The questions are TOML data in `igym/interview/questions/`, one file per interview type, read once and validated at
load time, so a typo in the data (a duplicate id, an unknown difficulty, a file for a type the catalogue does
not know, text a voice cannot read) fails the first load with the file and question named, rather than
surfacing halfway through somebody's interview.

`pick` is a pure choice over that data: the caller passes what was asked in this session, what the user had
recently and a seeded `random.Random`, so the same inputs always give the same question. That keeps the engine
reproducible in tests and lets a resumed session (possibly on another replica) choose exactly as before.

Everything here is immutable after loading: one `QuestionBank` is shared by every session and thread.
"""

from __future__ import annotations

import random
import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from types import MappingProxyType
from typing import Any

from igym.catalog import DIFFICULTIES, INTERVIEW_TYPES
from igym.errors import InvalidInput

# Hard limits the loader enforces. The bank itself aims shorter (tests hold questions to 200 characters):
# a long question spoken by TTS is hard to hold in mind while answering.
MAX_QUESTION_CHARS = 240
MAX_FOLLOW_UP_CHARS = 160
MAX_FOLLOW_UPS = 3

# Characters a TTS voice reads out literally or stumbles over, and abbreviations it spells letter by letter.
UNSPEAKABLE = re.compile(r"[*_#`\[\]<>|~(){}/\\&@^=+]|\b(?:e\.g|i\.e|etc)\b", re.IGNORECASE)

_FIELDS_REQUIRED = frozenset({"id", "text", "difficulties", "competencies", "follow_ups"})
_FIELDS_OPTIONAL = frozenset({"keywords"})
_TAG = re.compile(r"^[a-z0-9]+(?:_[a-z0-9]+)*$")
_WORD = re.compile(r"[a-z0-9]+")


class QuestionBankError(ValueError):
    """A bank file is malformed; the message names the file and the question so it can be fixed."""


class QuestionBankExhausted(LookupError):
    """Every question of the interview type was already asked in this session."""


@dataclass(frozen=True, slots=True)
class Question:
    """One interviewer question, with the follow-ups written for it.

    Attributes:
        id: Stable identifier stored on messages; never reused for a different question.
        interview_type: A key of `catalog.INTERVIEW_TYPES`.
        text: The question as spoken: plain sentences, no markup.
        difficulties: The `catalog.DIFFICULTIES` keys this question suits.
        competencies: What the question probes (ownership, conflict, system_design...).
        follow_ups: Interviewer lines specific to this question, used before generic follow-ups.
        keywords: Lower-case topics (python, kubernetes...) a resume can match to steer the choice.
    """

    id: str
    interview_type: str
    text: str
    difficulties: tuple[str, ...]
    competencies: tuple[str, ...]
    follow_ups: tuple[str, ...]
    keywords: tuple[str, ...] = ()

    def mentions_any(self, topics: frozenset[str]) -> bool:
        """Whether a normalised topic is one of the keywords or a word of the text.

        The text counts too, so a resume skill the bank author forgot to tag still steers the choice.
        """
        if not topics:
            return False
        words = set(self.keywords) | set(_WORD.findall(self.text.lower()))
        return not topics.isdisjoint(words)


def normalise_topic(topic: str) -> str:
    """Resume skills arrive as 'PostgreSQL', 'System Design' or 'ci-cd'; the bank stores 'system_design'."""
    return re.sub(r"[\s\-]+", "_", topic.strip().lower())


class QuestionBank:
    """All questions of every interview type, indexed by id and by type.

    Build it with `QuestionBank.load()`; the packaged bank is read once per process and shared, which is safe
    because nothing in it can change after construction.
    """

    __slots__ = ("_by_id", "_by_type")

    def __init__(self, questions: Iterable[Question]) -> None:
        """Index `questions`, refusing duplicate ids across all types.

        Raises:
            QuestionBankError: Two questions share an id.
        """
        by_id: dict[str, Question] = {}
        by_type: dict[str, list[Question]] = {key: [] for key in INTERVIEW_TYPES}
        for question in questions:
            if question.id in by_id:
                raise QuestionBankError(
                    f"Duplicate question id {question.id!r} in {question.interview_type} "
                    f"and {by_id[question.id].interview_type}."
                )
            by_id[question.id] = question
            by_type[question.interview_type].append(question)
        self._by_id: Mapping[str, Question] = MappingProxyType(by_id)
        self._by_type: Mapping[str, tuple[Question, ...]] = MappingProxyType(
            {key: tuple(items) for key, items in by_type.items()}
        )

    @classmethod
    def load(cls, directory: Path | None = None) -> QuestionBank:
        """The packaged bank (cached, shared), or a fresh one read from `directory` (not cached).

        A directory must hold one `<interview_type>.toml` per catalogue type and nothing else ending in .toml.

        Raises:
            QuestionBankError: A file is missing, unreadable, or holds a malformed question.
        """
        if directory is None:
            return _packaged_bank()
        return cls._read(directory)

    @classmethod
    def _read(cls, folder: Traversable) -> QuestionBank:
        files = {entry.name: entry for entry in folder.iterdir() if entry.name.endswith(".toml")}
        questions: list[Question] = []
        for name in sorted(files):
            interview_type = name.removesuffix(".toml")
            if interview_type not in INTERVIEW_TYPES:
                raise QuestionBankError(
                    f"{name}: unknown interview type {interview_type!r}; expected one of {sorted(INTERVIEW_TYPES)}."
                )
            questions.extend(_parse_file(name, files[name].read_bytes(), interview_type))
        missing = sorted(set(INTERVIEW_TYPES) - {name.removesuffix(".toml") for name in files})
        if missing:
            raise QuestionBankError(f"No question file for interview type(s) {missing} in {folder}.")
        return cls(questions)

    def get(self, question_id: str) -> Question:
        """The question stored under `question_id` (ids on saved messages resolve through this).

        Raises:
            KeyError: No such question, for example an id removed from the bank since the session was saved.
        """
        return self._by_id[question_id]

    def questions(self, interview_type: str, difficulty: str | None = None) -> tuple[Question, ...]:
        """The questions of one type, in file order, optionally only those suiting `difficulty`."""
        _check_keys(interview_type, difficulty)
        found = self._by_type[interview_type]
        if difficulty is None:
            return found
        return tuple(q for q in found if difficulty in q.difficulties)

    def pick(
        self,
        *,
        interview_type: str,
        difficulty: str,
        asked_ids: Sequence[str],
        recent_ids: Sequence[str],
        rng: random.Random,
        prefer_keywords: Iterable[str] = (),
        prefer_competencies: Iterable[str] = (),
    ) -> Question:
        """The next question for a session.

        Rules, strongest first:

        1. Never a question in `asked_ids`. Questions suiting `difficulty` come first; only when all of those
           were asked does another difficulty of the same type fill in.
        2. Avoid `recent_ids` (the user's earlier sessions, oldest first). When every remaining candidate is
           recent, reuse them, the least recently asked first.
        3. Prefer a question mentioning one of `prefer_keywords` (resume skills, any case), then one probing
           one of `prefer_competencies`.
        4. Spread competencies: avoid sharing one with the previous question (the last of `asked_ids`), then
           prefer a question that brings at least one competency not covered yet this session.
        5. Among equals, `rng` chooses, over candidates sorted by id, so a seeded rng gives the same answer.

        Raises:
            InvalidInput: Unknown interview type or difficulty.
            QuestionBankExhausted: Every question of the type was asked in this session.
        """
        _check_keys(interview_type, difficulty)
        asked = set(asked_ids)
        every = self._by_type[interview_type]
        pool = [q for q in every if difficulty in q.difficulties and q.id not in asked]
        pool = pool or [q for q in every if q.id not in asked]
        if not pool:
            raise QuestionBankExhausted(f"All {len(every)} {interview_type} questions were asked in this session.")

        recency = {question_id: index for index, question_id in enumerate(recent_ids)}
        candidates = [q for q in pool if q.id not in recency] or pool

        previous = self._by_id.get(asked_ids[-1]) if asked_ids else None
        last_competencies = frozenset(previous.competencies) if previous else frozenset()
        covered = {c for qid in asked if qid in self._by_id for c in self._by_id[qid].competencies}
        keywords = frozenset(normalise_topic(k) for k in prefer_keywords if k.strip())
        competencies = frozenset(normalise_topic(c) for c in prefer_competencies if c.strip())

        def rank(question: Question) -> tuple[bool, bool, bool, bool, int]:
            # False sorts first; each element is one rule of the docstring, in order.
            return (
                bool(keywords) and not question.mentions_any(keywords),
                bool(competencies) and competencies.isdisjoint(question.competencies),
                not last_competencies.isdisjoint(question.competencies),
                covered.issuperset(question.competencies),
                recency.get(question.id, -1),
            )

        ranked = {q.id: rank(q) for q in candidates}
        best = min(ranked.values())
        tied = sorted((q for q in candidates if ranked[q.id] == best), key=lambda q: q.id)
        return rng.choice(tied)


@lru_cache(maxsize=1)
def _packaged_bank() -> QuestionBank:
    # lru_cache is thread-safe: two threads racing the very first call may both parse, one result wins, and
    # both results are equal and immutable, so no lock is needed.
    return QuestionBank._read(resources.files("igym.interview.questions"))


def _check_keys(interview_type: str, difficulty: str | None) -> None:
    if interview_type not in INTERVIEW_TYPES:
        raise InvalidInput(f"Unknown interview type {interview_type!r}.")
    if difficulty is not None and difficulty not in DIFFICULTIES:
        raise InvalidInput(f"Unknown difficulty {difficulty!r}.")


def _parse_file(name: str, raw: bytes, interview_type: str) -> list[Question]:
    try:
        document = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise QuestionBankError(f"{name}: not valid TOML: {exc}") from exc
    unexpected = set(document) - {"questions"}
    if unexpected:
        raise QuestionBankError(f"{name}: unexpected top-level key(s) {sorted(unexpected)}; only [[questions]].")
    entries = document.get("questions")
    if not isinstance(entries, list) or not entries:
        raise QuestionBankError(f"{name}: no [[questions]] tables.")
    return [
        _parse_question(f"{name}, question {index}", entry, interview_type) for index, entry in enumerate(entries, 1)
    ]


def _parse_question(where: str, entry: Any, interview_type: str) -> Question:
    if not isinstance(entry, dict):
        raise QuestionBankError(f"{where}: expected a table.")
    if isinstance(entry.get("id"), str):
        where = f"{where} ({entry['id']})"
    missing = _FIELDS_REQUIRED - set(entry)
    unknown = set(entry) - _FIELDS_REQUIRED - _FIELDS_OPTIONAL
    if missing or unknown:
        raise QuestionBankError(f"{where}: missing field(s) {sorted(missing)}, unknown field(s) {sorted(unknown)}.")
    question_id = _text(where, "id", entry["id"], limit=40)
    if not _TAG.match(question_id.replace("-", "_")):
        raise QuestionBankError(f"{where}: id {question_id!r} must be lower-case letters, digits and dashes.")
    difficulties = _tags(where, "difficulties", entry["difficulties"])
    unknown_difficulties = sorted(set(difficulties) - set(DIFFICULTIES))
    if unknown_difficulties:
        raise QuestionBankError(
            f"{where}: unknown difficulty {unknown_difficulties}; expected some of {sorted(DIFFICULTIES)}."
        )
    follow_ups = entry["follow_ups"]
    if not isinstance(follow_ups, list) or not 1 <= len(follow_ups) <= MAX_FOLLOW_UPS:
        raise QuestionBankError(f"{where}: follow_ups must be a list of 1 to {MAX_FOLLOW_UPS} lines.")
    return Question(
        id=question_id,
        interview_type=interview_type,
        text=_text(where, "text", entry["text"], limit=MAX_QUESTION_CHARS, spoken=True),
        difficulties=difficulties,
        competencies=_tags(where, "competencies", entry["competencies"]),
        follow_ups=tuple(
            _text(where, "follow_ups", line, limit=MAX_FOLLOW_UP_CHARS, spoken=True) for line in follow_ups
        ),
        keywords=_tags(where, "keywords", entry.get("keywords", []), allow_empty=True),
    )


def _text(where: str, field: str, value: Any, *, limit: int, spoken: bool = False) -> str:
    if not isinstance(value, str) or not value.strip():
        raise QuestionBankError(f"{where}: {field} must be a non-empty string.")
    text = " ".join(value.split())
    if len(text) > limit:
        raise QuestionBankError(f"{where}: {field} is {len(text)} characters; the limit is {limit}.")
    if spoken and (match := UNSPEAKABLE.search(text)):
        raise QuestionBankError(f"{where}: {field} contains {match.group()!r}, which a voice cannot read naturally.")
    return text


def _tags(where: str, field: str, value: Any, *, allow_empty: bool = False) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(tag, str) for tag in value):
        raise QuestionBankError(f"{where}: {field} must be a list of strings.")
    if not value and not allow_empty:
        raise QuestionBankError(f"{where}: {field} must not be empty.")
    bad = [tag for tag in value if not _TAG.match(tag)]
    if bad:
        raise QuestionBankError(f"{where}: {field} {bad} must be lower_snake_case.")
    if len(set(value)) != len(value):
        raise QuestionBankError(f"{where}: {field} lists a tag twice.")
    return tuple(value)
