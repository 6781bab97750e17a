"""Simulated candidates as a regression suite: whole interviews, offline and against the loopback Groq server.

Each persona (`igym.prompt_lab.personas`) answers every question of a session; the checks that fit it must
hold: the session completes with 5-8 exchanges, nothing crashes, no line repeats, a vague answer is asked
for an example, a strong one is probed on a detail and never asked for its outcome, injected instructions
change nothing. The Prompt Lab's comparison runs over the same personas.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from igym.cli import main as cli_main
from igym.interview.engine import InterviewEngine
from igym.prompt_lab.persona_runs import compare_versions, render_comparison, run_persona
from igym.prompt_lab.personas import PERSONAS, Persona, run_checks
from igym.prompts import load_prompt
from igym.providers.groq_llm import GroqChatModel
from igym.services import AppServices, build_services
from tests.conftest import make_settings
from tests.groq_server import GroqServer

LLM_LINE = "You mentioned the night deliveries. What did the drivers tell you when the routes changed?"


@pytest.fixture
def groq() -> Iterator[GroqServer]:
    with GroqServer() as server:
        server.chat_reply = LLM_LINE
        yield server


def _assert_checks(persona: Persona, transcript) -> None:  # type: ignore[no-untyped-def]
    failed = [label for label, ok in run_checks(persona, transcript).items() if not ok]
    lines = "\n".join(f"  {e.kind}: {e.line}" for e in transcript.exchanges)
    assert not failed, f"{persona.name}: {failed}\n{lines}"


@pytest.mark.parametrize("difficulty", ["standard", "intense"])
@pytest.mark.parametrize("persona", PERSONAS, ids=[p.name for p in PERSONAS])
def test_each_persona_runs_a_whole_offline_interview_that_passes_its_checks(
    services: AppServices, make_engine: Callable[..., InterviewEngine], persona: Persona, difficulty: str
) -> None:
    transcript = run_persona(make_engine(), services.db, persona, difficulty=difficulty)
    _assert_checks(persona, transcript)


@pytest.mark.parametrize("persona", PERSONAS, ids=[p.name for p in PERSONAS])
def test_each_persona_runs_a_whole_interview_with_the_groq_interviewer(
    tmp_path: Path, groq: GroqServer, persona: Persona
) -> None:
    app = build_services(make_settings(tmp_path, groq={"api_key": "gsk_loopback_personas_1", "base_url": groq.url},
                                       stt_provider="offline", tts_provider="offline"))
    try:
        transcript = run_persona(app.engine, app.db, persona, difficulty="standard")
        _assert_checks(persona, transcript)
        assert sum(e.line == LLM_LINE for e in transcript.exchanges) <= 1  # the model's line, heard once at most
        if persona.name == "injection":
            sent = [c.json["messages"][1]["content"] for c in groq.requests_to("/chat/completions")]
            assert all("<key_phrases>" not in text for text in sent)  # nothing of it is quoted as a key phrase
    finally:
        app.feedback.jobs.shutdown()
        app.db.engine.dispose()


def test_the_prompt_lab_compares_two_versions_over_the_personas(tmp_path: Path, groq: GroqServer) -> None:
    settings = make_settings(tmp_path, groq={"api_key": "gsk_loopback_personas_2", "base_url": groq.url})
    chat = GroqChatModel.from_settings(settings)
    summaries = compare_versions(["rules", "v2"], chat=chat, resolve=lambda v: load_prompt("interviewer_followup", v))
    rules_run, llm_run = summaries
    assert [r.persona for r in rules_run.rows] == [p.name for p in PERSONAS]
    assert rules_run.repeat_rate == 0 and llm_run.repeat_rate == 0
    assert rules_run.naming_rate is not None and rules_run.naming_rate >= 0.4
    assert llm_run.mean_follow_up_chars is not None and llm_run.mean_latency_ms is not None
    assert rules_run.checks[0] == rules_run.checks[1]
    table = render_comparison(summaries)
    assert "== rules" in table and "== v2" in table and "follow-ups naming the answer" in table


def test_eval_personas_runs_offline_from_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("IGYM_DATA_DIR", str(tmp_path / "data"))
    assert cli_main(["eval-personas", "--versions", "rules", "--json"]) == 0
    (summary,) = json.loads(capsys.readouterr().out)
    assert summary["version"] == "rules" and len(summary["personas"]) == len(PERSONAS)
    assert summary["repeat_rate"] == 0 and summary["checks"][0] == summary["checks"][1]
