"""FeedbackService on SQLite and PostgreSQL: stored on completion, rated, regenerated, scoped to its owner,
and readable by a coach only while the candidate's grant stands."""

from __future__ import annotations

import uuid

import pytest

from igym.db import repository as repo
from igym.errors import AccessDenied, InvalidInput, NotFound
from igym.services import AppServices
from tests.feedback.test_rubric import STRONG, VAGUE


def _user(app: AppServices, email: str) -> uuid.UUID:
    with app.db.session() as db:
        return repo.create_user(db, email=email, name=email.split("@")[0], password_hash=None).id


def _interview(app: AppServices, user_id: uuid.UUID, answers: list[str]) -> uuid.UUID:
    session = app.sessions.create(user_id=user_id, interview_type="behavioral", difficulty="warm_up", check_limit=False)
    state = app.engine.begin(user_id=user_id, session_id=session.id)
    n = 0
    while state.awaiting_answer:
        app.engine.answer_text(user_id=user_id, session_id=session.id, text=answers[n % len(answers)])
        n += 1
        state = app.engine.state(user_id=user_id, session_id=session.id)
    return session.id


def test_a_completed_session_has_scores_and_feedback_at_once(services: AppServices) -> None:
    ann = _user(services, "ann@example.com")
    session_id = _interview(services, ann, [STRONG])

    view = services.feedback.view(user_id=ann, session_id=session_id)
    assert view.feedback is not None and view.feedback.scores is not None
    assert view.feedback.source_label == "Measured rubric (rubric-v2)"
    assert view.session.overall_score == view.feedback.scores.overall
    assert len(view.transcript) == view.session.questions_answered
    assert all(item.note is not None for item in view.transcript)
    assert services.feedback.jobs.status(session_id).state == "idle"  # offline: nothing in the background
    assert view.delivery is not None and view.previous is None


def test_previous_average_comes_from_earlier_sessions_only(services: AppServices) -> None:
    ann = _user(services, "ann@example.com")
    first = _interview(services, ann, [VAGUE])
    second = _interview(services, ann, [STRONG])

    assert services.feedback.view(user_id=ann, session_id=first).previous is None
    later = services.feedback.view(user_id=ann, session_id=second)
    assert later.previous_sessions == 1 and later.previous is not None
    with services.db.session() as db:
        earlier = repo.get_metrics(db, user_id=ann, session_id=first)
        assert earlier is not None
        assert later.previous.pauses == earlier.total_pauses
        assert later.previous.fillers_per_minute == earlier.fillers_per_minute  # None for typed answers


def test_offline_regenerate_says_there_is_no_ai_writer_and_keeps_the_rating(services: AppServices) -> None:
    ann = _user(services, "ann@example.com")
    session_id = _interview(services, ann, [STRONG, VAGUE])

    with pytest.raises(InvalidInput):
        services.feedback.rate(user_id=ann, session_id=session_id, rating=6)
    services.feedback.rate(user_id=ann, session_id=session_id, rating=4)
    stored = services.feedback.view(user_id=ann, session_id=session_id).feedback
    assert stored is not None and stored.rating == 4
    assert not services.feedback.can_regenerate(stored)
    with pytest.raises(InvalidInput, match="needs an AI writer"):
        services.feedback.regenerate(user_id=ann, session_id=session_id)
    assert services.feedback.view(user_id=ann, session_id=session_id).feedback.rating == 4  # type: ignore[union-attr]


def test_a_rating_survives_a_rewrite_unless_the_text_changed(services: AppServices) -> None:
    ann = _user(services, "ann@example.com")
    session_id = _interview(services, ann, [STRONG, VAGUE])
    services.feedback.rate(user_id=ann, session_id=session_id, rating=5)

    def age(**fields: object) -> None:  # as if an older rubric version had written it
        with services.db.session() as db:
            row = repo.get_feedback(db, user_id=ann, session_id=session_id)
            assert row is not None
            row.prompt_version = "rubric-v1"
            for name, value in fields.items():
                setattr(row, name, value)

    age()  # same text, older version label: rewriting gives the same words, so the rating stays
    assert services.feedback.can_regenerate(services.feedback.view(user_id=ann, session_id=session_id).feedback)
    assert services.feedback.regenerate(user_id=ann, session_id=session_id) is False
    again = services.feedback.view(user_id=ann, session_id=session_id).feedback
    assert again is not None and again.rating == 5 and again.prompt_version == "rubric-v2"

    age(summary="An older rubric said something else entirely.")  # the rewrite changes the text: rating resets
    services.feedback.regenerate(user_id=ann, session_id=session_id)
    rewritten = services.feedback.view(user_id=ann, session_id=session_id).feedback
    assert rewritten is not None and rewritten.rating is None and rewritten.summary.startswith("Overall")


def test_another_user_can_neither_read_rate_nor_regenerate(services: AppServices) -> None:
    ann, bob = _user(services, "ann@example.com"), _user(services, "bob@example.com")
    session_id = _interview(services, ann, [STRONG])

    with pytest.raises(NotFound):
        services.feedback.view(user_id=bob, session_id=session_id)
    with pytest.raises(NotFound):
        services.feedback.rate(user_id=bob, session_id=session_id, rating=1)
    with pytest.raises(NotFound):
        services.feedback.regenerate(user_id=bob, session_id=session_id)
    assert services.feedback.view(user_id=ann, session_id=session_id).feedback.rating is None  # type: ignore[union-attr]


def test_a_coach_reads_only_while_the_grant_stands(services: AppServices) -> None:
    ann = _user(services, "ann@example.com")
    coach, other = _user(services, "coach@example.com"), _user(services, "other@example.com")
    session_id = _interview(services, ann, [STRONG])

    def coach_view(viewer: uuid.UUID = coach):  # type: ignore[no-untyped-def]
        return services.feedback.view_as_coach(coach_id=viewer, candidate_id=ann, session_id=session_id)

    with services.db.session() as db:
        repo.set_role(db, user_id=coach, role="coach")
        repo.set_role(db, user_id=other, role="coach")
    with pytest.raises(AccessDenied):
        coach_view()
    with services.db.session() as db:
        coach_row = repo.get_user(db, user_id=coach)
        assert coach_row is not None
        repo.grant_coach_access(db, candidate_id=ann, coach=coach_row)
    view = coach_view()
    assert view.read_only and view.feedback is not None
    with pytest.raises(AccessDenied):  # Ann's grant names one coach
        coach_view(other)
    with services.db.session() as db:
        repo.set_role(db, user_id=coach, role="candidate")
    with pytest.raises(AccessDenied):  # a grant alone is not enough: the viewer must (still) be a coach
        coach_view()
    with services.db.session() as db:
        repo.set_role(db, user_id=coach, role="coach")
    assert coach_view().read_only
    with services.db.session() as db:
        repo.revoke_coach_access(db, candidate_id=ann, coach_email="coach@example.com")
    with pytest.raises(AccessDenied):
        coach_view()


def test_an_abandoned_session_shows_its_answers_without_scores(services: AppServices) -> None:
    ann = _user(services, "ann@example.com")
    session = services.sessions.create(user_id=ann, interview_type="behavioral", difficulty="standard",
                                       check_limit=False)
    services.engine.begin(user_id=ann, session_id=session.id)
    services.engine.answer_text(user_id=ann, session_id=session.id, text=STRONG)
    services.engine.abandon(user_id=ann, session_id=session.id)

    view = services.feedback.view(user_id=ann, session_id=session.id)
    assert view.feedback is None and [t.answer for t in view.transcript] == [STRONG]
    with pytest.raises(InvalidInput):
        services.feedback.regenerate(user_id=ann, session_id=session.id)
