"""`python -m igym eval-prompts`: offline (rubric vs rubric, fixtures and demo sessions) and on the loopback Groq."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from igym.cli import main
from igym.commands.demo_data import seed_demo_data
from igym.prompt_lab.transcripts import load_fixtures
from igym.services import build_services
from tests.conftest import make_settings
from tests.groq_server import GroqServer
from tests.prompt_lab.conftest import feedback_reply

ANSWERS = (
    "I led the migration of our billing service and I cut failed payments by thirty percent in two weeks.",
    "I paired with a junior engineer every morning and we shipped the release three days early.",
    "My task was to fix the flaky tests, so I rewrote the fixtures and the suite went from red to green.",
)


@pytest.fixture
def cli_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The command line reads settings from the environment: a private data folder, offline speech."""
    monkeypatch.chdir(tmp_path)  # no developer .env
    monkeypatch.setenv("IGYM_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("IGYM_STT", "offline")
    monkeypatch.setenv("IGYM_TTS", "offline")
    return tmp_path / "data"


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["eval-prompts", *args])
    out, err = capsys.readouterr()
    return code, out, err


def _fixtures(path: Path) -> Path:
    items = [
        {"key": f"t{n}", "label": f"Transcript {n}", "interview_type": "behavioral", "difficulty": "standard",
         "exchanges": [{"question": "Tell me about a project you led.", "kind": "question", "answer": answer}]}
        for n, answer in enumerate(ANSWERS, start=1)
    ]
    path.write_text(json.dumps(items), encoding="utf-8")
    return path


def test_rubric_against_rubric_on_the_packaged_fixtures_needs_no_keys(
    cli_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(capsys, "--versions", "rubric,rubric", "--sessions", "6", "--fixtures", "default", "--json")
    assert code == 0
    report = json.loads(out)
    assert report["transcripts"] == 6 and report["model"] is None
    a, b = report["versions"]
    assert a["label"] == b["label"] == "rubric-v2"
    assert a["scores"] == b["scores"]  # deterministic: the same transcripts give the same scores
    assert a["rubric_agreement"]["overall_within_1_rate"] == 1.0 and a["valid_first_try_rate"] is None
    assert a["grounded_quote_rate"] == 1.0 and a["quotes_total"] > 6
    keys = [row["key"] for row in report["per_transcript"]]
    assert keys == [t.key for t in load_fixtures()]
    overall = {row["key"]: row["results"][0]["scores"]["overall"] for row in report["per_transcript"]}
    assert overall["fx-behavioral-strong"] > overall["fx-behavioral-fillers"] + 2  # the rubric tells them apart
    assert a["scores"]["overall"]["stdev"] > 0.5

    code, out, _ = _run(capsys, "--versions", "rubric,rubric", "--sessions", "2", "--fixtures", "default")
    assert code == 0
    assert "rubric-v2" in out and "overall mean ± sd" in out and "Behavioral · Standard" in out


def test_demo_sessions_from_the_database_are_evaluated_newest_first(
    cli_env: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    app = build_services(make_settings(tmp_path))
    seed_demo_data(app.db, email="demo@example.com", sessions=8, days=8, seed=3)
    app.db.engine.dispose()
    code, out, _ = _run(capsys, "--versions", "rubric,rubric-v1", "--sessions", "4", "--email", "demo@example.com",
                        "--json")
    assert code == 0
    report = json.loads(out)
    assert report["transcripts"] == 4
    assert all(row["answers"] >= 1 for row in report["per_transcript"])
    assert report["versions"][0]["scores"] == report["versions"][1]["scores"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--versions", "rubric,v1", "--fixtures", "default"], "runs on an AI model, and none is configured"),
        (["--versions", "rubric,v9", "--fixtures", "default"], "has no version 'v9'"),
        (["--prompt", "interviewer_followup", "--versions", "v1"], "available for the feedback prompt"),
        (["--versions", "rubric", "--email", "nobody@example.com"], "No account has the email"),
        (["--versions", "rubric"], "no completed sessions with answers"),
        (["--versions", "rubric", "--fixtures", "missing.json"], "Cannot read the fixtures file"),
    ],
)
def test_problems_end_with_one_clear_line_and_exit_code_2(
    cli_env: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, out, err = _run(capsys, *args)
    assert code == 2 and out == ""
    assert message in err and "Traceback" not in err


@contextmanager
def _loopback_groq(monkeypatch: pytest.MonkeyPatch) -> Iterator[GroqServer]:
    """The loopback Groq server, with the environment the CLI reads pointing at it."""
    with GroqServer() as groq:
        monkeypatch.setenv("GROQ_API_KEY", "gsk_loopback_test_key_123")
        monkeypatch.setenv("GROQ_BASE_URL", groq.url)
        yield groq


def test_rubric_against_v1_on_groq_reports_validity_repair_and_grounding(
    cli_env: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    fixtures = _fixtures(tmp_path / "three.json")
    with _loopback_groq(monkeypatch) as groq:
        groq.json_replies = [
            feedback_reply("I led the migration of our billing service", "cut failed payments by thirty percent"),
            "Here is my feedback: the candidate did well.",  # not JSON: the writer asks once for a repair
            feedback_reply("I paired with a junior engineer every morning", "shipped the release three days early"),
            feedback_reply("I single-handedly saved the whole company", "the suite went from red to green"),
        ]
        code, out, _ = _run(capsys, "--versions", "rubric,v1", "--sessions", "3", "--fixtures", str(fixtures),
                            "--json")
        calls = groq.requests_to("/chat/completions")
    assert code == 0
    report: dict[str, Any] = json.loads(out)
    rubric, v1 = report["versions"]
    assert v1["label"] == "feedback-v1" and report["model"] == "openai/gpt-oss-120b"
    assert len(calls) == 4 and all(c.json["response_format"] == {"type": "json_object"} for c in calls)
    assert "not valid" in calls[2].json["messages"][-1]["content"]  # the repair request
    assert v1["valid_first_try_rate"] == pytest.approx(2 / 3)
    assert v1["valid_after_repair_rate"] == 1.0 and v1["fell_back_rate"] == 0.0
    assert v1["quotes_total"] == 6 and v1["grounded_quote_rate"] == pytest.approx(5 / 6)  # one invented quote
    assert rubric["grounded_quote_rate"] == 1.0
    assert v1["mean_reply_chars"] > 100 and v1["latency_s"]["p95"] >= v1["latency_s"]["mean"] > 0
    statuses = [[r["status"] for r in row["results"]] for row in report["per_transcript"]]
    assert statuses == [["ok", "ok"], ["ok", "repaired"], ["ok", "ok"]]
    for row in report["per_transcript"]:
        llm, measured = row["results"][1]["scores"], row["results"][0]["scores"]
        assert all(abs(llm[d] - measured[d]) <= 2.0 + 1e-9 for d in llm)  # anchored to the rubric
    assert v1["rubric_agreement"]["mean_abs_diff"]["overall"] is not None


def test_a_model_that_never_answers_in_json_falls_back_and_is_reported_as_invalid(
    cli_env: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    fixtures = _fixtures(tmp_path / "three.json")
    with _loopback_groq(monkeypatch) as groq:
        groq.json_reply = "I would rather chat."
        code, out, _ = _run(capsys, "--versions", "v1,rubric", "--sessions", "2", "--fixtures", str(fixtures))
    assert code == 0
    assert "feedback-v1" in out and "fell back to rubric" in out
    line = next(x for x in out.splitlines() if x.startswith("valid JSON, after repair"))
    assert line.split()[-2:] == ["0%", "—"]
