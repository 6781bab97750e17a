"""The question bank: enough varied, speakable questions, and a picker that never repeats itself in a session."""

from __future__ import annotations

import itertools
import random
import re
import shutil
import tomllib
from collections import Counter
from importlib import resources
from pathlib import Path

import pytest

from igym.catalog import DIFFICULTIES, INTERVIEW_TYPES, PLANNED_EXCHANGES
from igym.errors import InvalidInput
from igym.interview.question_bank import Question, QuestionBank, QuestionBankError, QuestionBankExhausted

TYPES = sorted(INTERVIEW_TYPES)
LEVELS = sorted(DIFFICULTIES)
BANK_FILES = resources.files("igym.interview.questions")
MARKDOWN_OR_SYMBOLS = re.compile(r"[*_#`\[\]<>|~(){}/\\&@^=+]")
MAX_SESSION = max(PLANNED_EXCHANGES.values())


@pytest.fixture(scope="module")
def bank() -> QuestionBank:
    return QuestionBank.load()


def run_session(
    bank: QuestionBank,
    interview_type: str,
    difficulty: str,
    *,
    seed: int = 7,
    turns: int = MAX_SESSION,
    recent: tuple[str, ...] = (),
    keywords: tuple[str, ...] = (),
) -> list[Question]:
    rng = random.Random(seed)
    asked: list[Question] = []
    for _ in range(turns):
        asked.append(
            bank.pick(
                interview_type=interview_type,
                difficulty=difficulty,
                asked_ids=[q.id for q in asked],
                recent_ids=recent,
                rng=rng,
                prefer_keywords=keywords,
            )
        )
    return asked


# --- the data ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("interview_type", TYPES)
def test_each_interview_type_has_at_least_45_questions(bank: QuestionBank, interview_type: str) -> None:
    assert len(bank.questions(interview_type)) >= 45


@pytest.mark.parametrize("interview_type", TYPES)
@pytest.mark.parametrize("difficulty", LEVELS)
def test_each_difficulty_has_at_least_15_questions_per_type(
    bank: QuestionBank, interview_type: str, difficulty: str
) -> None:
    assert len(bank.questions(interview_type, difficulty)) >= 15


def test_ids_are_unique_across_the_raw_files_and_prefixed_by_type() -> None:
    # Read the TOML directly, so this fails even if the loader's own duplicate check were broken.
    prefixes = {"behavioral": "beh-", "hr_screen": "hr-", "technical_verbal": "tech-"}
    ids: list[str] = []
    for interview_type in TYPES:
        document = tomllib.loads(BANK_FILES.joinpath(f"{interview_type}.toml").read_text("utf-8"))
        for entry in document["questions"]:
            assert entry["id"].startswith(prefixes[interview_type]), entry["id"]
            ids.append(entry["id"])
    assert [qid for qid, n in Counter(ids).items() if n > 1] == []


def test_question_texts_are_distinct(bank: QuestionBank) -> None:
    texts = [q.text.lower() for t in TYPES for q in bank.questions(t)]
    assert [text for text, n in Counter(texts).items() if n > 1] == []


@pytest.mark.parametrize("interview_type", TYPES)
def test_every_line_is_speakable_plain_text(bank: QuestionBank, interview_type: str) -> None:
    for question in bank.questions(interview_type):
        assert len(question.text) <= 200, question.id
        assert question.text[-1] in ".?", question.id
        assert not MARKDOWN_OR_SYMBOLS.search(question.text), question.id
        assert 1 <= len(question.follow_ups) <= 3, question.id
        for line in question.follow_ups:
            assert len(line) <= 120, (question.id, line)
            assert line[-1] in ".?", (question.id, line)
            assert not MARKDOWN_OR_SYMBOLS.search(line), (question.id, line)
        assert question.competencies, question.id


def test_most_technical_questions_carry_resume_keywords(bank: QuestionBank) -> None:
    technical = bank.questions("technical_verbal")
    tagged = [q for q in technical if q.keywords]
    assert len(tagged) >= 0.8 * len(technical)
    assert all(k == k.lower() for q in tagged for k in q.keywords)


def test_warm_up_and_intense_sets_differ(bank: QuestionBank) -> None:
    for interview_type in TYPES:
        warm = {q.id for q in bank.questions(interview_type, "warm_up")}
        intense = {q.id for q in bank.questions(interview_type, "intense")}
        assert len(warm & intense) <= 2, interview_type


def test_packaged_bank_is_loaded_once_and_shared() -> None:
    assert QuestionBank.load() is QuestionBank.load()


def test_get_finds_a_question_by_id_and_refuses_unknown_ids(bank: QuestionBank) -> None:
    assert bank.get("beh-001").interview_type == "behavioral"
    with pytest.raises(KeyError):
        bank.get("beh-999")


# --- picking --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("interview_type", TYPES)
@pytest.mark.parametrize("difficulty", LEVELS)
@pytest.mark.parametrize("seed", [0, 1, 2, 3])
@pytest.mark.parametrize(
    "skills", [(), ("Python", "SQL", "Kubernetes", "leadership", "salary")], ids=["plain", "resume"]
)
def test_a_full_session_never_repeats_a_question(
    bank: QuestionBank, interview_type: str, difficulty: str, seed: int, skills: tuple[str, ...]
) -> None:
    asked = run_session(bank, interview_type, difficulty, seed=seed, keywords=skills)
    assert len({q.id for q in asked}) == MAX_SESSION
    assert all(q.interview_type == interview_type and difficulty in q.difficulties for q in asked)


@pytest.mark.parametrize("interview_type", TYPES)
def test_consecutive_questions_probe_different_competencies(bank: QuestionBank, interview_type: str) -> None:
    for seed in range(5):
        asked = run_session(bank, interview_type, "intense", seed=seed)
        for before, after in itertools.pairwise(asked):
            assert not set(before.competencies) & set(after.competencies), (before.id, after.id)


def test_recent_questions_are_avoided_while_alternatives_exist(bank: QuestionBank) -> None:
    pool = [q.id for q in bank.questions("hr_screen", "warm_up")]
    fresh = pool[:3]
    recent = tuple(pool[3:])
    asked = run_session(bank, "hr_screen", "warm_up", turns=3, recent=recent)
    assert sorted(q.id for q in asked) == sorted(fresh)


def test_recent_questions_are_reused_only_when_exhausted_least_recent_first(bank: QuestionBank) -> None:
    pool = [q.id for q in bank.questions("behavioral", "standard")]
    recent = tuple(pool[2:])  # oldest first: pool[2] was asked longest ago
    asked = [q.id for q in run_session(bank, "behavioral", "standard", turns=4, recent=recent)]
    assert sorted(asked[:2]) == sorted(pool[:2])
    assert set(asked[2:]) <= set(recent)
    assert len(set(asked)) == 4


def test_all_recent_falls_back_to_the_oldest(bank: QuestionBank) -> None:
    pool = [q.id for q in bank.questions("technical_verbal", "warm_up")]
    first = bank.pick(
        interview_type="technical_verbal",
        difficulty="warm_up",
        asked_ids=[],
        recent_ids=pool,
        rng=random.Random(5),
    )
    assert first.id == pool[0]


@pytest.mark.parametrize("difficulty", LEVELS)
@pytest.mark.parametrize("spelling", ["kubernetes", "Kubernetes", " KUBERNETES "])
def test_a_kubernetes_resume_gets_a_kubernetes_question_first(
    bank: QuestionBank, difficulty: str, spelling: str
) -> None:
    for seed in range(5):
        first = run_session(bank, "technical_verbal", difficulty, seed=seed, turns=1, keywords=(spelling,))[0]
        assert "kubernetes" in first.keywords or "kubernetes" in first.text.lower(), (seed, first.id)


def test_keyword_preference_gives_way_once_matching_questions_are_used(bank: QuestionBank) -> None:
    asked = run_session(bank, "technical_verbal", "warm_up", turns=5, keywords=("python",))
    pythonic = [q for q in bank.questions("technical_verbal", "warm_up") if "python" in q.keywords]
    assert {q.id for q in asked[: len(pythonic)]} == {q.id for q in pythonic}
    assert len({q.id for q in asked}) == 5


def test_multi_word_skills_match_snake_case_keywords(bank: QuestionBank) -> None:
    first = run_session(bank, "technical_verbal", "intense", turns=1, keywords=("System Design",))[0]
    assert "system_design" in first.keywords


def test_preferred_competency_comes_first_when_no_keyword_matches(bank: QuestionBank) -> None:
    first = bank.pick(
        interview_type="hr_screen",
        difficulty="standard",
        asked_ids=[],
        recent_ids=[],
        rng=random.Random(3),
        prefer_keywords=("cobol",),
        prefer_competencies=("salary",),
    )
    assert "salary" in first.competencies


@pytest.mark.parametrize("interview_type", TYPES)
def test_the_same_seed_gives_the_same_session(bank: QuestionBank, interview_type: str) -> None:
    one = [q.id for q in run_session(bank, interview_type, "standard", seed=42)]
    two = [q.id for q in run_session(bank, interview_type, "standard", seed=42)]
    assert one == two
    others = {tuple(q.id for q in run_session(bank, interview_type, "standard", seed=s)) for s in range(6)}
    assert len(others) > 1, "different seeds should give different sessions"


def test_an_exhausted_difficulty_borrows_from_the_same_type_then_stops(bank: QuestionBank) -> None:
    every = bank.questions("hr_screen")
    warm = [q.id for q in bank.questions("hr_screen", "warm_up")]
    extra = bank.pick(
        interview_type="hr_screen", difficulty="warm_up", asked_ids=warm, recent_ids=[], rng=random.Random(0)
    )
    assert extra.id not in warm and extra.interview_type == "hr_screen"
    with pytest.raises(QuestionBankExhausted):
        bank.pick(
            interview_type="hr_screen",
            difficulty="warm_up",
            asked_ids=[q.id for q in every],
            recent_ids=[],
            rng=random.Random(0),
        )


def test_unknown_type_or_difficulty_is_refused(bank: QuestionBank) -> None:
    with pytest.raises(InvalidInput, match="interview type"):
        bank.pick(interview_type="trivia", difficulty="standard", asked_ids=[], recent_ids=[], rng=random.Random())
    with pytest.raises(InvalidInput, match="difficulty"):
        bank.pick(interview_type="behavioral", difficulty="brutal", asked_ids=[], recent_ids=[], rng=random.Random())


# --- malformed files ---------------------------------------------------------------------------------------

GOOD_ENTRY = """
[[questions]]
id = "beh-900"
text = "Tell me about a time you fixed something nobody asked you to fix."
difficulties = ["standard"]
competencies = ["ownership"]
follow_ups = ["Why did you pick it up?"]
"""


@pytest.fixture()
def bank_dir(tmp_path: Path) -> Path:
    for interview_type in TYPES:
        name = f"{interview_type}.toml"
        with resources.as_file(BANK_FILES.joinpath(name)) as source:
            shutil.copy(source, tmp_path / name)
    return tmp_path


def test_a_copied_bank_loads_from_a_path(bank_dir: Path, bank: QuestionBank) -> None:
    copy = QuestionBank.load(bank_dir)
    assert copy is not bank
    assert copy.questions("behavioral") == bank.questions("behavioral")


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ('[[questions]]\nid = "beh-900"\ntext = "Unclosed', "not valid TOML"),
        (GOOD_ENTRY.replace("beh-900", "beh-001"), "Duplicate question id 'beh-001'"),
        (GOOD_ENTRY.replace('["standard"]', '["standard", "nightmare"]'), "unknown difficulty ['nightmare']"),
        (GOOD_ENTRY.replace("difficulties", "dificulties"), "unknown field(s) ['dificulties']"),
        (GOOD_ENTRY.replace("nobody asked", "**nobody** asked"), "contains '*'"),
        (GOOD_ENTRY.replace('follow_ups = ["Why did you pick it up?"]', "follow_ups = []"), "follow_ups"),
        (GOOD_ENTRY.replace('["ownership"]', '["Ownership"]'), "lower_snake_case"),
        (GOOD_ENTRY.replace("Tell me", "Tell me " + "really " * 40), "the limit is"),
    ],
    ids=["syntax", "duplicate-id", "difficulty", "typo-field", "markdown", "no-follow-ups", "tag-case", "too-long"],
)
def test_a_malformed_bank_file_fails_loading_with_a_clear_message(bank_dir: Path, entry: str, message: str) -> None:
    target = bank_dir / "behavioral.toml"
    target.write_text(target.read_text("utf-8") + entry, "utf-8")
    with pytest.raises(QuestionBankError) as caught:
        QuestionBank.load(bank_dir)
    assert message in str(caught.value)
    if "Duplicate" not in message:
        assert "behavioral.toml" in str(caught.value)


def test_a_file_for_an_unknown_interview_type_is_refused(bank_dir: Path) -> None:
    (bank_dir / "astrology.toml").write_text(GOOD_ENTRY, "utf-8")
    with pytest.raises(QuestionBankError, match=r"astrology\.toml: unknown interview type"):
        QuestionBank.load(bank_dir)


def test_a_missing_interview_type_file_is_refused(bank_dir: Path) -> None:
    (bank_dir / "hr_screen.toml").unlink()
    with pytest.raises(QuestionBankError, match="hr_screen"):
        QuestionBank.load(bank_dir)
