"""Progress, history and coach pages through AppTest, on demo data: charts, rows, CSV, and refusals."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from igym.commands.demo_data import seed_demo_data
from igym.services import AppServices
from igym.ui.widgets import PAGES
from tests.support.apptest import signed_in

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "maple-orbit-64"
CHARTS = 13  # overall, dimensions, fillers, pace, longest pause, pace windows, pitch, hedges, repeats, inclusive,
# calendar, weekly, breakdown


def _seed(services: AppServices, email: str, sessions: int = 40) -> uuid.UUID:
    return seed_demo_data(services.db, email=email, sessions=sessions, days=30, password=PASSWORD, seed=4).user_id


def _signed_in(email: str) -> AppTest:
    return signed_in(email, PASSWORD)


def _open(at: AppTest, page: str, **params: str) -> AppTest:
    for name, value in params.items():
        at.query_params[name] = value
    return at.switch_page(PAGES[page]).run()


def _texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [t.value for t in at.title] + [s.value for s in at.subheader]
    parts += [e.value for e in at.error] + [i.value for i in at.info] + [c.value for c in at.caption]
    parts += [t.value for t in at.text] + [w.value for w in at.warning] + [s.value for s in at.success]
    return "\n".join(str(p) for p in parts)


def test_progress_page_draws_every_chart_for_demo_data(app_services: AppServices) -> None:
    user_id = _seed(app_services, "demo@example.com")
    at = _signed_in("demo@example.com")  # the dashboard: streaks on the same local calendar as the progress page
    counts = app_services.progress.streaks(user_id=user_id, tz="UTC")
    assert counts.longest >= 2
    streak_metrics = {m.label: m.value for m in at.metric}
    assert streak_metrics["Longest streak"] == f"{counts.longest} days"
    at = _open(at, "progress")
    assert not at.exception
    charts = at.get("plotly_chart")
    assert len(charts) == CHARTS
    titles = " ".join(chart.proto.spec for chart in charts)
    for title in ("Overall score over time", "Speaking pace", "Practice days", "Sessions per week",
                  "Filler words per minute", "Longest pause", "Sessions by interview type and difficulty"):
        assert title in titles
    assert [m.label for m in at.metric] == ["Completed sessions", "Current streak", "Longest streak"]


def test_progress_and_history_show_empty_states_before_the_first_session(app_services: AppServices) -> None:
    app_services.auth.sign_up(email="fresh@example.com", password=PASSWORD, name="Fresh")
    with app_services.db.session() as db:
        from igym.db import repository as repo

        user = repo.get_user_by_email(db, email="fresh@example.com")
        assert user is not None
        user.onboarding_completed = True
    at = _open(_signed_in("fresh@example.com"), "progress")
    assert not at.exception
    assert len(at.get("plotly_chart")) == 0
    assert "No progress to show yet" in _texts(at)
    at = _open(at, "history")
    assert not at.exception and "No sessions yet" in _texts(at)
    assert len(at.get("download_button")) == 0


def test_history_lists_every_session_filters_and_offers_csv(app_services: AppServices) -> None:
    _seed(app_services, "log@example.com", sessions=25)
    frame = app_services.progress.sessions(user_id=app_services.auth.sign_in(email="log@example.com",
                                                                               password=PASSWORD).id)
    at = _open(_signed_in("log@example.com"), "history")
    assert not at.exception
    table = at.dataframe[0].value
    assert len(table) == 25
    assert list(table.columns) == ["Date", "Type", "Difficulty", "Status", "Duration", "Overall score"]
    assert len(at.get("download_button")) == 1
    assert "25 of 25 sessions" in _texts(at)

    at.multiselect(key="igym_history_own_types").select("behavioral")
    at = at.run()
    behavioral = int((frame["interview_type"] == "behavioral").sum())
    assert len(at.dataframe[0].value) == behavioral
    assert set(at.dataframe[0].value["Type"]) == {"Behavioral"}
    assert f"{behavioral} of 25 sessions" in _texts(at)


def test_selecting_a_history_row_links_to_its_feedback(app_services: AppServices) -> None:
    user_id = _seed(app_services, "pick@example.com", sessions=5)
    newest = app_services.progress.sessions(user_id=user_id)["session_id"].iloc[-1]
    at = _open(_signed_in("pick@example.com"), "history")
    assert "Select a row" in _texts(at)
    at.session_state["igym_history_own_table"] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    at = at.run()
    links = at.get("page_link")
    assert any(link.proto.page.endswith("feedback") or "feedback" in link.proto.page for link in links)
    feedback_link = next(link for link in links if "feedback" in link.proto.label.lower())
    assert f"session={newest}" in feedback_link.proto.query_string


def test_coach_sees_a_granting_candidate_read_only_and_loses_access_on_revoke(app_services: AppServices) -> None:
    candidate = _seed(app_services, "cand@example.com", sessions=30)
    coach = _seed(app_services, "coach@example.com", sessions=0)
    app_services.coaching.set_coach_role(user_id=coach, coach=True)
    app_services.coaching.invite(candidate_id=candidate, email="coach@example.com")

    at = _open(_signed_in("coach@example.com"), "coach")
    assert not at.exception
    assert at.selectbox(key="igym_coach_candidate").value == str(candidate)
    assert len(at.get("plotly_chart")) == CHARTS
    assert len(at.dataframe[0].value) == 30
    assert "Read-only view of" in _texts(at)
    assert not any("Start" in b.label for b in at.button)  # nothing to start or change here

    app_services.coaching.revoke(candidate_id=candidate, email="coach@example.com")
    at = _open(at, "coach", candidate=str(candidate))
    assert not at.exception
    assert "You don't have access to this candidate" in _texts(at)
    assert len(at.get("plotly_chart")) == 0 and len(at.dataframe) == 0


def test_coach_without_a_grant_is_refused_and_a_candidate_cannot_open_the_coach_page(
    app_services: AppServices,
) -> None:
    private = _seed(app_services, "private@example.com", sessions=5)
    coach = _seed(app_services, "coach@example.com", sessions=0)
    app_services.coaching.set_coach_role(user_id=coach, coach=True)
    at = _open(_signed_in("coach@example.com"), "coach", candidate=str(private))
    assert not at.exception
    assert "You don't have access to this candidate" in _texts(at)
    assert len(at.get("plotly_chart")) == 0 and len(at.dataframe) == 0

    _seed(app_services, "nosy@example.com", sessions=2)  # a candidate, not a coach: no such page for them
    at = _signed_in("nosy@example.com")
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        _open(at, "coach", candidate=str(private))


def test_profile_invites_lists_and_revokes_a_coach(app_services: AppServices) -> None:
    candidate = _seed(app_services, "me@example.com", sessions=2)
    ready = app_services.auth.sign_up(email="ready@example.com", password=PASSWORD, name="Rea")
    assert not isinstance(ready, str)
    app_services.coaching.set_coach_role(user_id=ready.id, coach=True)
    at = _open(_signed_in("me@example.com"), "profile")
    assert not at.exception
    at.text_input(key="coach_invite_email").input("not an email")
    next(b for b in at.button if b.label == "Invite coach").click()
    at = at.run()
    assert "not a valid email address" in _texts(at)
    at.text_input(key="coach_invite_email").input("Ready@Example.com")  # a coach account: access at once
    next(b for b in at.button if b.label == "Invite coach").click()
    at = at.run()
    assert not at.exception
    assert "ready@example.com is a coach here and can now see your progress" in _texts(at)
    assert not at.code  # no code needed
    assert [g.coach_email for g in app_services.coaching.grants(candidate_id=candidate) if g.active] == [
        "ready@example.com"
    ]
    at.button(key="revoke_coach_ready@example.com").click()
    at = at.run()
    assert not at.exception
    assert "no longer has access" in _texts(at)
    assert [g.status for g in app_services.coaching.grants(candidate_id=candidate)] == ["revoked"]


def test_an_invitation_to_an_unknown_email_shares_nothing_until_the_code(app_services: AppServices) -> None:
    candidate = _seed(app_services, "me@example.com", sessions=2)
    at = _open(_signed_in("me@example.com"), "profile")
    at.text_input(key="coach_invite_email").input("Coach@Example.com")
    next(b for b in at.button if b.label == "Invite coach").click()
    at = at.run()
    assert not at.exception
    text = _texts(at)
    assert "Nothing is shared yet: coach@example.com has no coach account here" in text
    assert "waiting for the code" in text
    code = at.code[0].value
    assert len(code) == 9 and code[4] == "-"
    at.run()
    assert not at.code  # the code is shown once
    assert not [g for g in app_services.coaching.grants(candidate_id=candidate) if g.active]

    coach = app_services.auth.sign_up(email="coach@example.com", password=PASSWORD, name="Cole")
    assert not isinstance(coach, str)
    app_services.users.update_onboarding(user_id=coach.id, target_role="Coach", interview_timeline="exploring")
    app_services.coaching.set_coach_role(user_id=coach.id, coach=True)
    coach_at = _open(_signed_in("coach@example.com"), "coach")
    assert "No candidate has invited you yet" in _texts(coach_at)
    coach_at.text_input(key="coach_accept_code").input("WRON-GCOD")
    next(b for b in coach_at.button if b.label == "Accept invitation").click()
    coach_at = coach_at.run()
    assert "doesn't match an open invitation to coach@example.com" in _texts(coach_at)
    coach_at.text_input(key="coach_accept_code").input(code.lower())
    next(b for b in coach_at.button if b.label == "Accept invitation").click()
    coach_at = coach_at.run()
    assert not coach_at.exception
    assert "You can now see" in _texts(coach_at)
    assert [c.id for c in app_services.coaching.candidates(coach_id=coach.id)] == [candidate]


def test_the_coach_toggle_adds_the_coaching_section(app_services: AppServices) -> None:
    user_id = _seed(app_services, "flip@example.com", sessions=1)
    at = _open(_signed_in("flip@example.com"), "profile")
    at.toggle(key="profile_coach_role").set_value(True)
    at = at.run()
    assert not at.exception
    assert app_services.auth.account(user_id).role == "coach"  # type: ignore[union-attr]
    at = _open(at, "coach")
    assert not at.exception
    assert "No candidate has invited you yet" in _texts(at)
