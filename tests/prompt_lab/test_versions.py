"""Prompt versions: packaged files and saved drafts, numbering, who/when, refusals, and what sessions record."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from igym.commands.rehearse import Answer, rehearse
from igym.errors import InvalidInput
from igym.feedback.rubric import RUBRIC_VERSION
from igym.interview import rules
from igym.prompts import PROMPT_SPECS, load_prompt, packaged_versions
from igym.services import AppServices, build_services
from tests.conftest import make_settings
from tests.groq_server import GroqServer
from tests.interview.test_engine import STRONG
from tests.prompt_lab.conftest import feedback_reply

FEEDBACK_DRAFT = load_prompt("feedback", "v1").text.replace(
    "You are an experienced interview coach", "You are a demanding but kind interview coach (draft two)"
)


def test_every_prompt_ships_a_v1_with_a_changelog_and_its_placeholders() -> None:
    for name, spec in PROMPT_SPECS.items():
        assert packaged_versions(name)[0] == "v1"
        prompt = load_prompt(name, "v1")
        assert prompt.changelog and not prompt.text.startswith("#")
        for field in spec.placeholders:
            assert "{" + field + "}" in prompt.text
    assert load_prompt("interviewer", "v1").label == "interviewer-v1"


def test_saved_drafts_get_the_next_number_author_and_time_and_are_found_like_files(
    services: AppServices, admin: uuid.UUID
) -> None:
    catalog = services.prompts
    first = catalog.save_draft(name="feedback", text=FEEDBACK_DRAFT, changelog="Stricter tone.", author_id=admin)
    second = catalog.save_draft(name="feedback", text=FEEDBACK_DRAFT + "\nBe brief.", changelog="Brief.",
                                author_id=admin)
    assert (first.version, second.version) == ("v2", "v3")
    assert first.created_by == "ada@example.com" and first.created_at is not None and first.source == "saved"
    listed = catalog.versions("feedback")
    assert [(v.version, v.source) for v in listed] == [("v1", "file"), ("v2", "saved"), ("v3", "saved")]
    assert listed[0].active and not listed[1].active  # the settings still use v1
    loaded = catalog.get("feedback", "v2")
    assert loaded.label == "feedback-v2" and "(draft two)" in loaded.text and loaded.changelog == "Stricter tone."
    assert catalog.get("feedback", "v1").text == load_prompt("feedback", "v1").text  # files are untouched
    with pytest.raises(InvalidInput, match="has no version 'v9'; it has v1, v2, v3"):
        catalog.get("feedback", "v9")


@pytest.mark.parametrize(
    ("text", "changelog", "message"),
    [
        ("   ", "Empty.", "The draft is empty"),
        (FEEDBACK_DRAFT, "", "one-line changelog"),
        (FEEDBACK_DRAFT, "two\nlines", "one line"),
        (FEEDBACK_DRAFT.replace("{difficulty}", "hard"), "No difficulty.", r"missing \{difficulty\}"),
        (FEEDBACK_DRAFT + " Use {candidate_name}.", "Unknown field.", r"uses \{candidate_name\}"),
        (FEEDBACK_DRAFT.replace("{{", "{", 1), "Unpaired brace.", "unpaired"),
        ("x" * 12001 + " {interview_type} {difficulty}", "Too long.", "the limit is 12,000"),
    ],
)
def test_bad_drafts_are_refused_with_a_clear_message_and_nothing_is_saved(
    services: AppServices, admin: uuid.UUID, text: str, changelog: str, message: str
) -> None:
    with pytest.raises(InvalidInput, match=message):
        services.prompts.save_draft(name="feedback", text=text, changelog=changelog, author_id=admin)
    assert [v.version for v in services.prompts.versions("feedback")] == ["v1"]


def test_the_resume_prompt_keeps_literal_braces_and_unknown_prompts_are_named(
    services: AppServices, admin: uuid.UUID
) -> None:
    text = load_prompt("resume_parser", "v1").text + "\nAt most 30 skills."
    saved = services.prompts.save_draft(name="resume_parser", text=text, changelog="Fewer skills.", author_id=admin)
    assert saved.version == "v2" and '{"skills"' in services.prompts.get("resume_parser", "v2").text
    with pytest.raises(InvalidInput, match="no prompt called 'greeting'"):
        services.prompts.save_draft(name="greeting", text="Hi", changelog="x", author_id=admin)


def test_offline_sessions_record_the_coach_for_both_interviewer_prompts_and_the_rubric(services: AppServices) -> None:
    report = rehearse(services, interview_type="behavioral", difficulty="warm_up", answers=[Answer(text=STRONG)] * 5)
    with services.db.session() as db:
        from igym.db import repository as repo

        user = repo.get_user_by_email(db, email="rehearsal@example.com")
        assert user is not None
        record = repo.get_session(db, user_id=user.id, session_id=uuid.UUID(report["session_id"]))
        assert record is not None
        assert (record.interviewer_prompt_version, record.followup_prompt_version) == (rules.RULES_VERSION,) * 2
        feedback = repo.get_feedback(db, user_id=user.id, session_id=record.id)
        assert feedback is not None and feedback.prompt_version == RUBRIC_VERSION


def test_a_saved_version_made_active_is_used_and_recorded_on_session_and_feedback(
    tmp_path: Path, groq: GroqServer
) -> None:
    base = make_settings(tmp_path, groq={"api_key": "gsk_loopback_test_key_123", "base_url": groq.url},
                         stt_provider="offline", tts_provider="offline")
    setup = build_services(base)
    author = setup.auth.sign_up(email="ada@example.com", password="quiet-harbor-72", name="Ada").id
    setup.prompts.save_draft(name="feedback", text=FEEDBACK_DRAFT, changelog="Stricter tone.", author_id=author)
    opening = load_prompt("interviewer", "v1").text + "\nMention that answers may be typed. (draft two)"
    setup.prompts.save_draft(name="interviewer", text=opening, changelog="Typed answers.", author_id=author)
    setup.db.engine.dispose()

    groq.chat_reply = "Welcome to your practice interview, glad you could make it."
    groq.json_reply = feedback_reply("I rebuilt the release process", "cut failures in half")
    app = build_services(base.model_copy(update={"feedback_prompt_version": "v2", "interviewer_prompt_version": "v2"}))
    answer = "I rebuilt the release process for our team and cut failures in half within a quarter."
    report = rehearse(app, interview_type="behavioral", difficulty="warm_up", answers=[Answer(text=answer)] * 5)
    assert report["exchanges"][0]["question"].startswith("Welcome to your practice interview, glad you could make it.")
    systems = [c.json["messages"][0]["content"] for c in groq.requests_to("/chat/completions")]
    assert any("(draft two)" in s and "Mention that answers may be typed" in s for s in systems)
    assert any("demanding but kind interview coach (draft two)" in s for s in systems)
    with app.db.session() as db:
        from igym.db import repository as repo

        user = repo.get_user_by_email(db, email="rehearsal@example.com")
        assert user is not None
        record = repo.get_session(db, user_id=user.id, session_id=uuid.UUID(report["session_id"]))
        assert record is not None
        assert record.interviewer_prompt_version == "interviewer-v2"
        assert record.followup_prompt_version == "interviewer_followup-v2"  # the default since key phrases
        feedback = repo.get_feedback(db, user_id=user.id, session_id=record.id)
        assert feedback is not None and feedback.prompt_version == "feedback-v2"
        assert feedback.generated_by == "llm:openai/gpt-oss-120b"
    app.db.engine.dispose()


def test_an_active_version_that_does_not_exist_stops_start_up_with_a_clear_message(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, groq={"api_key": "gsk_loopback_test_key_123", "base_url": "http://127.0.0.1:9"},
                             stt_provider="offline", tts_provider="offline", followup_prompt_version="v7")
    with pytest.raises(InvalidInput, match="interviewer_followup prompt has no version 'v7'"):
        build_services(settings)


def test_a_saved_resume_parser_version_made_active_parses_uploads(tmp_path: Path, groq: GroqServer) -> None:
    import json

    from bench.resume_pdfs import text_pdf
    from tests.resume.test_pdf import RESUME_LINES

    base = make_settings(tmp_path, groq={"api_key": "gsk_loopback_test_key_123", "base_url": groq.url},
                         stt_provider="offline", tts_provider="offline")
    setup = build_services(base)
    author = setup.auth.sign_up(email="ada@example.com", password="quiet-harbor-72", name="Ada").id
    text = load_prompt("resume_parser", "v1").text + "\nList at most ten skills. (parser draft two)"
    setup.prompts.save_draft(name="resume_parser", text=text, changelog="Ten skills.", author_id=author)
    setup.db.engine.dispose()

    groq.json_reply = json.dumps({"skills": ["Kubernetes", "Go"], "projects": [], "experience": []})
    app = build_services(base.model_copy(update={"resume_prompt_version": "v2"}))
    user = app.auth.sign_up(email="cara@example.com", password="quiet-harbor-72", name="Cara").id
    stored = app.resumes.upload_and_parse(
        user_id=user, filename="cv.pdf", data=text_pdf(RESUME_LINES)
    )
    assert stored.parser == "resume_parser-v2" and "Kubernetes" in stored.profile.skills
    system = groq.requests_to("/chat/completions")[-1].json["messages"][0]["content"]
    assert "(parser draft two)" in system
    app.db.engine.dispose()
