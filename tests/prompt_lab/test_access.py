"""Only admins use the Prompt Lab; roles change on the command line only."""

from __future__ import annotations

import uuid

import pytest

from igym.cli import main
from igym.errors import AccessDenied
from igym.prompt_lab.access import NOT_ADMIN, set_role
from igym.services import AppServices
from tests.prompt_lab.conftest import make_user

DRAFT = "Reviewing a {interview_type} interview at {difficulty}. Reply with JSON."


@pytest.mark.parametrize("role", ["candidate", "coach"])
def test_candidates_and_coaches_are_refused_every_lab_action(services: AppServices, role: str) -> None:
    user = make_user(services, f"{role}@example.com", role)
    lab = services.prompt_lab
    actions = [
        lambda: lab.prompts(actor_id=user),
        lambda: lab.versions(actor_id=user, name="feedback"),
        lambda: lab.prompt(actor_id=user, name="feedback", version="v1"),
        lambda: lab.save_draft(actor_id=user, name="feedback", text=DRAFT, changelog="Sneaky."),
        lambda: lab.transcripts(actor_id=user, source="fixtures", limit=3),
    ]
    for action in actions:
        with pytest.raises(AccessDenied, match="for the product team's admins only"):
            action()
    assert [v.version for v in services.prompts.versions("feedback")] == ["v1"]  # nothing was saved


def test_an_admin_runs_the_lab_and_losing_the_role_ends_access_at_once(services: AppServices, admin: uuid.UUID) -> None:
    lab = services.prompt_lab
    transcripts = lab.transcripts(actor_id=admin, source="fixtures", limit=2)
    report = lab.evaluate(actor_id=admin, prompt="feedback", versions=["rubric", "rubric"], transcripts=transcripts,
                          source="fixtures")
    assert len(report.rows) == 2 and [v.label for v in report.versions] == ["rubric-v2", "rubric-v2"]
    saved = lab.save_draft(actor_id=admin, name="feedback", text=DRAFT, changelog="Shorter.")
    assert saved.created_by == "ada@example.com"
    set_role(services.db, email="ada@example.com", role="coach")
    with pytest.raises(AccessDenied):
        lab.versions(actor_id=admin, name="feedback")


def test_an_unknown_user_id_is_refused_like_a_non_admin(services: AppServices) -> None:
    with pytest.raises(AccessDenied) as caught:
        services.prompt_lab.versions(actor_id=uuid.uuid4(), name="feedback")
    assert str(caught.value) == NOT_ADMIN


def test_set_role_on_the_command_line(tmp_path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    from igym.services import build_services
    from tests.conftest import make_settings

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("IGYM_DATA_DIR", str(tmp_path / "data"))
    app = build_services(make_settings(tmp_path))
    user = make_user(app, "bea@example.com")
    assert main(["set-role", "--email", "BEA@example.com", "--role", "admin"]) == 0
    assert "bea@example.com: candidate -> admin" in capsys.readouterr().out
    assert app.prompt_lab.versions(actor_id=user, name="feedback")[0].version == "v1"
    assert main(["set-role", "--email", "nobody@example.com", "--role", "admin"]) == 2
    assert "No account has the email nobody@example.com" in capsys.readouterr().err
    app.db.engine.dispose()
