"""The LLM interviewer's follow-ups, through the real groq SDK against the loopback server: a line that
repeats or nearly repeats an earlier one is replaced by the offline line, the prompt carries the candidate's
key phrases, and the output is checked (length, one question, no markup)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bench.heldout_answers import HELD_OUT
from igym.commands.rehearse import Answer, rehearse
from igym.interview.followups import similarity
from igym.interview.interviewer import Interviewer
from igym.interview.question_bank import QuestionBank
from igym.interview.rules import FollowUp
from igym.prompts import load_prompt
from igym.providers.groq_llm import GroqChatModel
from igym.services import build_services
from tests.conftest import make_settings
from tests.resume.conftest import ScriptedGroq

EARLIER = "You mentioned the refund requests. Who owned them before the rota?"
OFFLINE = FollowUp("probe", "What was the hardest part of the support team for you?")


@dataclass(frozen=True)
class Said:
    role: str
    content: str
    lead_in: str | None = None


@pytest.fixture
def groq() -> Iterator[ScriptedGroq]:
    with ScriptedGroq() as server:
        yield server


def _interviewer(tmp_path: Path, groq: ScriptedGroq) -> Interviewer:
    settings = make_settings(tmp_path, groq={"api_key": "gsk_loopback_follow_up_1", "base_url": groq.url,
                                             "max_retries": 0})
    return Interviewer(GroqChatModel.from_settings(settings), followup_prompt=load_prompt("interviewer_followup", "v2"))


def _word(interviewer: Interviewer) -> str:
    question = QuestionBank.load().get(HELD_OUT[3][0])
    conversation = [
        Said("interviewer", question.text, lead_in="Thanks."),
        Said("candidate", "We had a shared inbox for refunds and nobody owned it."),
        Said("interviewer", EARLIER),
        Said("candidate", HELD_OUT[3][1]),
    ]
    return interviewer.word_follow_up(OFFLINE, conversation=conversation, question=question, difficulty="standard")


@pytest.mark.parametrize(
    "reply",
    [
        EARLIER,  # the same line again
        "You mentioned the refund requests. So who owned them before the rota?",  # nearly the same
    ],
)
def test_a_follow_up_that_repeats_an_earlier_line_is_replaced_by_the_offline_one(
    tmp_path: Path, groq: ScriptedGroq, reply: str
) -> None:
    assert similarity(reply, EARLIER) >= 0.8
    groq.script(reply)
    assert _word(_interviewer(tmp_path, groq)) == OFFLINE.text


def test_the_prompt_carries_the_candidates_key_phrases_as_data(tmp_path: Path, groq: ScriptedGroq) -> None:
    groq.script("You mentioned the shared inbox. How did you decide who went on the rota first?")
    line = _word(_interviewer(tmp_path, groq))
    assert line.startswith("You mentioned the shared inbox")
    user = groq.requests_to("/chat/completions")[-1].json["messages"][1]["content"]
    block = user[user.index("<key_phrases>") : user.index("</key_phrases>")]
    assert "refund" in block.lower() and "help desk" in block.lower()
    system = groq.requests_to("/chat/completions")[-1].json["messages"][0]["content"]
    assert "<key_phrases>" in system and "never repeat" in system


@pytest.mark.parametrize(
    "reply",
    [
        "Who owned the refunds? And what did the rota change?",  # two questions at once
        "**Great!** What changed?",  # markup a voice would read
        "Tell me more " * 40 + "?",  # too long
    ],
)
def test_unusable_output_is_replaced_by_the_offline_line(tmp_path: Path, groq: ScriptedGroq, reply: str) -> None:
    groq.script(reply)
    assert _word(_interviewer(tmp_path, groq)) == OFFLINE.text


def test_the_candidate_never_hears_the_same_follow_up_twice_when_the_model_repeats_itself(
    tmp_path: Path, groq: ScriptedGroq
) -> None:
    groq.script("You mentioned that project. What was the hardest call you made in it?")
    app = build_services(make_settings(tmp_path, groq={"api_key": "gsk_loopback_follow_up_2", "base_url": groq.url},
                                       stt_provider="offline", tts_provider="offline"))
    vague = "I always try to keep everyone aligned and I communicate a lot with the team."
    report = rehearse(app, interview_type="behavioral", difficulty="intense", answers=[Answer(text=vague)])
    follow_ups = [e["question"] for e in report["exchanges"] if e["kind"] == "follow_up"]
    assert len(follow_ups) >= 3
    spoken = [e["question"] for e in report["exchanges"]]
    assert len(spoken) == len(set(spoken))
    app.db.engine.dispose()
