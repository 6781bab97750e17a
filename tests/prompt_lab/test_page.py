"""The Prompt Lab page through AppTest: an admin compares two versions and saves a draft; others are refused."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from igym.prompt_lab.access import set_role
from igym.services import AppServices, build_services
from igym.ui.widgets import PAGES
from tests.conftest import make_settings
from tests.groq_server import GroqServer
from tests.prompt_lab.conftest import PASSWORD, feedback_reply, make_user
from tests.support.apptest import signed_in

ROOT = Path(__file__).resolve().parents[2]


def _signed_in(email: str) -> AppTest:
    return signed_in(email, PASSWORD)


def _onboarded(app: AppServices, email: str, role: str) -> None:
    make_user(app, email, role)
    with app.db.session() as db:
        from igym.db import repository as repo

        user = repo.get_user_by_email(db, email=email)
        assert user is not None
        user.onboarding_completed = True


def _lab(at: AppTest) -> AppTest:
    return at.switch_page(PAGES["prompt_lab"]).run()


def _button(at: AppTest, key: str):  # type: ignore[no-untyped-def]
    return at.button(key=key)


@pytest.mark.parametrize("role", ["candidate", "coach"])
def test_candidates_and_coaches_who_open_the_lab_are_refused(app_services: AppServices, role: str) -> None:
    _onboarded(app_services, f"{role}@example.com", role)
    at = _lab(_signed_in(f"{role}@example.com"))
    assert not at.exception
    assert "for the product team's admins only" in at.error[0].value
    assert not at.get("plotly_chart") and not at.text_area and not at.dataframe  # nothing of the lab shows


def test_an_admin_compares_rubric_with_itself_offline_and_saves_a_draft(app_services: AppServices) -> None:
    _onboarded(app_services, "ada@example.com", "admin")
    at = _lab(_signed_in("ada@example.com"))
    assert not at.exception
    assert "Prompt Lab" in [t.value for t in at.title]
    # offline only the rubric can run, so it is what both sides start on: the first click works
    assert at.selectbox(key="igym_page_lab_a").value == at.selectbox(key="igym_page_lab_b").value == "rubric"
    at.radio(key="igym_page_lab_source").set_value("fixtures")
    at.number_input(key="igym_page_lab_count").set_value(3)
    _button(at, "igym_page_lab_run").click()
    at = at.run()
    assert not at.exception
    summary = at.dataframe[1].value
    assert list(summary.columns) == ["Measure", "A · rubric-v2", "B · rubric-v2"]
    assert len(at.get("plotly_chart")) == 3
    rows = at.dataframe[2].value
    assert len(rows) == 3 and list(rows["A · rubric-v2"]) == list(rows["B · rubric-v2"])

    draft = at.text_area(key="igym_page_lab_text_feedback_v1").value.replace("experienced", "seasoned")
    at.text_area(key="igym_page_lab_text_feedback_v1").input(draft)
    at.text_input(key="igym_page_lab_changelog_feedback").input("Warmer coach persona.")
    _button(at, "igym_page_lab_save").click()
    at = at.run()
    assert not at.exception
    assert "Saved feedback-v2 by ada@example.com" in at.success[0].value
    versions = at.dataframe[0].value
    assert list(versions["Version"]) == ["v1", "v2"] and list(versions["Saved by"])[1] == "ada@example.com"
    assert "seasoned" in app_services.prompts.get("feedback", "v2").text


def test_an_admin_sees_a_bad_draft_refused_on_the_page(app_services: AppServices) -> None:
    _onboarded(app_services, "ada@example.com", "admin")
    at = _lab(_signed_in("ada@example.com"))
    at.text_area(key="igym_page_lab_text_feedback_v1").input("Be nice about {interview_type}.")
    at.text_input(key="igym_page_lab_changelog_feedback").input("Shorter.")
    _button(at, "igym_page_lab_save").click()
    at = at.run()
    assert not at.exception
    assert "missing {difficulty}" in at.error[0].value
    assert [v.version for v in app_services.prompts.versions("feedback")] == ["v1"]


def test_an_admin_compares_the_rubric_with_v1_on_groq_and_sees_both_results(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with GroqServer() as groq:
        monkeypatch.chdir(ROOT)
        for name, value in {"IGYM_DATA_DIR": str(tmp_path / "data"), "GROQ_API_KEY": "gsk_loopback_test_key_123",
                            "GROQ_BASE_URL": groq.url, "IGYM_STT": "offline", "IGYM_TTS": "offline"}.items():
            monkeypatch.setenv(name, value)
        st.cache_resource.clear()
        app = build_services(make_settings(tmp_path))
        _onboarded(app, "ada@example.com", "candidate")
        set_role(app.db, email="ada@example.com", role="admin")
        groq.json_reply = feedback_reply("this is not something the candidate said", "nor is this quote", score=9)
        at = _lab(_signed_in("ada@example.com"))
        assert "No AI model is configured" not in "".join(i.value for i in at.info)
        at.radio(key="igym_page_lab_source").set_value("fixtures")
        at.number_input(key="igym_page_lab_count").set_value(2)
        _button(at, "igym_page_lab_run").click()
        at = at.run()
        assert not at.exception
        assert len(groq.requests_to("/chat/completions")) == 2
        summary = at.dataframe[1].value.set_index("Measure")
        assert list(summary.columns) == ["A · rubric-v2", "B · feedback-v1"]
        assert summary.loc["valid JSON, first try"].tolist() == ["—", "100%"]
        assert summary.loc["grounded quotes", "B · feedback-v1"].startswith("0% of 4")
        assert summary.loc["grounded quotes", "A · rubric-v2"].startswith("100%")
        rows = at.dataframe[2].value
        assert all(value.endswith("(ok)") for value in rows["B · feedback-v1"])
        assert len(at.get("plotly_chart")) == 3
        app.db.engine.dispose()
        st.cache_resource.clear()
