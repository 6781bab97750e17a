"""Coach access on SQLite and Postgres: who sees whom, and that a revoke ends access at once."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

import pytest

from igym.commands.demo_data import seed_demo_data
from igym.db import repository as repo
from igym.errors import AccessDenied, InvalidInput, LimitReached, NotFound
from igym.models import SessionScores
from igym.services import AppServices

NOW = datetime(2026, 6, 30, 18, 0, tzinfo=UTC)
PASSWORD = "cedar-lamp-73"


def _user(services: AppServices, email: str, *, coach: bool = False) -> uuid.UUID:
    user_id = services.auth.sign_up(email=email, password=PASSWORD, name=None).id
    if coach:
        assert services.coaching.set_coach_role(user_id=user_id, coach=True).role == "coach"
    return user_id


def _candidate(services: AppServices, email: str, sessions: int = 12) -> uuid.UUID:
    return seed_demo_data(services.db, email=email, sessions=sessions, days=10, now=NOW, password=PASSWORD).user_id


def test_a_coach_with_a_grant_sees_progress_and_history_until_revoked(services: AppServices) -> None:
    candidate = _candidate(services, "cand@example.com")
    coach = _user(services, "coach@example.com", coach=True)
    invitation = services.coaching.invite(candidate_id=candidate, email=" Coach@Example.com ")
    assert invitation.outcome == "granted" and invitation.code is None
    assert invitation.grant.coach_email == "coach@example.com" and invitation.grant.active

    assert [c.email for c in services.coaching.candidates(coach_id=coach)] == ["cand@example.com"]
    seen, data = services.coaching.candidate_progress(coach_id=coach, candidate_id=candidate, today=NOW.date())
    own = services.progress.build(user_id=candidate, tz="UTC", today=NOW.date())
    assert seen.id == candidate
    assert data.total_sessions == own.total_sessions == 12
    assert data.scores["overall"].tolist() == own.scores["overall"].tolist()  # the same view, read-only
    _, frame = services.coaching.candidate_sessions(coach_id=coach, candidate_id=candidate)
    assert len(frame) == 12

    services.coaching.revoke(candidate_id=candidate, email="coach@example.com")
    for read in (
        lambda: services.coaching.candidate_progress(coach_id=coach, candidate_id=candidate),
        lambda: services.coaching.candidate_sessions(coach_id=coach, candidate_id=candidate),
        lambda: services.coaching.check_access(coach_id=coach, candidate_id=candidate),
    ):
        with pytest.raises(AccessDenied, match="revoked"):
            read()
    assert services.coaching.candidates(coach_id=coach) == []
    grants = services.coaching.grants(candidate_id=candidate)
    assert [(g.coach_email, g.status) for g in grants] == [("coach@example.com", "revoked")]
    assert grants[0].revoked_at is not None

    services.coaching.invite(candidate_id=candidate, email="coach@example.com")  # invited again: access again
    assert services.coaching.check_access(coach_id=coach, candidate_id=candidate).id == candidate


def test_a_coach_without_a_grant_never_sees_a_candidate(services: AppServices) -> None:
    granted = _candidate(services, "granted@example.com")
    private = _candidate(services, "private@example.com")
    coach = _user(services, "coach@example.com", coach=True)
    other_coach = _user(services, "other-coach@example.com", coach=True)
    services.coaching.invite(candidate_id=granted, email="coach@example.com")

    assert [c.id for c in services.coaching.candidates(coach_id=coach)] == [granted]
    assert services.coaching.candidates(coach_id=other_coach) == []
    with pytest.raises(AccessDenied) as private_refusal:
        services.coaching.candidate_progress(coach_id=coach, candidate_id=private)
    with pytest.raises(AccessDenied) as other_refusal:
        services.coaching.candidate_sessions(coach_id=other_coach, candidate_id=granted)
    with pytest.raises(AccessDenied) as unknown_refusal:
        services.coaching.check_access(coach_id=coach, candidate_id=uuid.uuid4())
    # an unknown id and a candidate who never granted access look the same
    assert str(private_refusal.value) == str(other_refusal.value) == str(unknown_refusal.value)


def test_a_candidate_never_sees_another_candidate(services: AppServices) -> None:
    alice = _candidate(services, "alice@example.com")
    bob = _user(services, "bob@example.com")  # a candidate, not a coach
    services.coaching.invite(candidate_id=alice, email="bob@example.com")  # even with a grant to his email
    with pytest.raises(AccessDenied, match="Only coaches"):
        services.coaching.candidates(coach_id=bob)
    with pytest.raises(AccessDenied, match="Only coaches"):
        services.coaching.candidate_progress(coach_id=bob, candidate_id=alice)
    # and every service a candidate uses is scoped to their own id
    assert services.progress.build(user_id=bob, today=NOW.date()).total_sessions == 0
    alice_session = services.progress.sessions(user_id=alice)["session_id"].iloc[0]
    with pytest.raises(NotFound):
        services.sessions.get(user_id=bob, session_id=uuid.UUID(alice_session))


def test_a_coach_can_never_start_or_change_a_candidates_sessions(services: AppServices) -> None:
    candidate = _candidate(services, "cand@example.com", sessions=3)
    coach = _user(services, "coach@example.com", coach=True)
    services.coaching.invite(candidate_id=candidate, email="coach@example.com")
    active = services.sessions.create(
        user_id=candidate, interview_type="behavioral", difficulty="warm_up", check_limit=False
    )
    with pytest.raises(NotFound):
        services.sessions.abandon(user_id=coach, session_id=active.id)
    with pytest.raises(NotFound):
        services.sessions.complete(user_id=coach, session_id=active.id)
    with services.db.session() as db:
        assert repo.add_message(
            db, user_id=coach, session_id=active.id, message=repo.NewMessage(role="candidate", content="hi")
        ) is None
        assert repo.save_metrics(db, user_id=coach, session_id=active.id, scores=SessionScores(overall=10.0)) is None
        assert not repo.delete_session(db, user_id=coach, session_id=active.id)
    assert services.sessions.get(user_id=candidate, session_id=active.id).status == "active"
    # a session the coach starts is the coach's own, never the candidate's
    services.sessions.create(user_id=coach, interview_type="behavioral", difficulty="warm_up", check_limit=False)
    assert services.progress.build(user_id=candidate, today=NOW.date()).total_sessions == 4


def test_invitations_are_checked_and_a_coach_can_sign_up_later_with_the_code(services: AppServices) -> None:
    candidate = _candidate(services, "cand@example.com", sessions=2)
    with pytest.raises(InvalidInput, match="not a valid email"):
        services.coaching.invite(candidate_id=candidate, email="not-an-email")
    with pytest.raises(InvalidInput, match="your own email"):
        services.coaching.invite(candidate_id=candidate, email="CAND@example.com")
    with pytest.raises(NotFound, match="no access to revoke"):
        services.coaching.revoke(candidate_id=candidate, email="nobody@example.com")
    invitation = services.coaching.invite(candidate_id=candidate, email="later@example.com")
    assert invitation.outcome == "pending" and invitation.grant.pending and not invitation.grant.active
    assert invitation.code is not None and len(invitation.code) == 9  # XXXX-XXXX
    coach = _user(services, "later@example.com", coach=True)  # signs up after the invitation
    assert services.coaching.candidates(coach_id=coach) == []  # nothing shared before the code
    accepted = services.coaching.accept(coach_id=coach, code=invitation.code.lower().replace("-", " "))
    assert accepted.id == candidate
    assert [c.id for c in services.coaching.candidates(coach_id=coach)] == [candidate]
    with services.db.session() as db:  # the feedback page checks the same grant, by account
        assert repo.coach_can_view(db, coach_id=coach, candidate_id=candidate)
    with pytest.raises(InvalidInput, match="doesn't match"):  # a code works once
        services.coaching.accept(coach_id=coach, code=invitation.code)


def test_a_stranger_who_signs_up_with_the_invited_email_gets_nothing(services: AppServices) -> None:
    candidate = _candidate(services, "target@example.com", sessions=3)
    invitation = services.coaching.invite(candidate_id=candidate, email="real-coach@example.com")
    assert invitation.outcome == "pending"
    stranger = _user(services, "real-coach@example.com", coach=True)  # unverified local sign-up, first
    assert services.coaching.candidates(coach_id=stranger) == []
    with pytest.raises(AccessDenied):
        services.coaching.candidate_progress(coach_id=stranger, candidate_id=candidate)
    with pytest.raises(AccessDenied):
        services.feedback.view_as_coach(
            coach_id=stranger,
            candidate_id=candidate,
            session_id=uuid.UUID(services.progress.sessions(user_id=candidate)["session_id"].iloc[0]),
        )
    for guess in ("AAAA-AAAA", "", "x" * 100, "K7QF-2MXP"):
        with pytest.raises(InvalidInput, match="doesn't match"):
            services.coaching.accept(coach_id=stranger, code=guess)
    # the code in someone else's hands is useless too: it is bound to the invited address
    other_coach = _user(services, "other-coach@example.com", coach=True)
    assert invitation.code is not None
    with pytest.raises(InvalidInput):
        services.coaching.accept(coach_id=other_coach, code=invitation.code)
    assert services.coaching.candidates(coach_id=other_coach) == []


def test_an_existing_account_without_coaching_gets_an_invitation_not_access(services: AppServices) -> None:
    candidate = _candidate(services, "cand@example.com", sessions=2)
    friend = _user(services, "friend@example.com")  # has an account, but coaching is off
    invitation = services.coaching.invite(candidate_id=candidate, email="friend@example.com")
    assert invitation.outcome == "pending"
    with pytest.raises(AccessDenied, match="Turn on coaching"):
        services.coaching.accept(coach_id=friend, code=invitation.code or "")
    services.coaching.set_coach_role(user_id=friend, coach=True)
    assert services.coaching.accept(coach_id=friend, code=invitation.code or "").id == candidate


def test_wrong_codes_are_limited_and_codes_expire(services: AppServices) -> None:
    from igym.accounts.coaching import CoachService

    strict = CoachService(services.db, progress=services.progress, code_guesses_per_hour=3, invite_days=1)
    candidate = _candidate(services, "cand@example.com", sessions=2)
    coach = _user(services, "guesser@example.com", coach=True)
    invitation = strict.invite(candidate_id=candidate, email="guesser@example.com")
    for _ in range(3):
        with pytest.raises(InvalidInput):
            strict.accept(coach_id=coach, code="WRONG-CODE")
    with pytest.raises(LimitReached, match="Too many wrong codes"):
        strict.accept(coach_id=coach, code=invitation.code or "")  # even the right one waits now
    with services.db.session() as db:  # the invitation's day is over
        row = next(g for g in repo.list_coach_grants(db, candidate_id=candidate))
        row.invite_expires_at = datetime(2020, 1, 1, tzinfo=UTC)
    fresh = CoachService(services.db, progress=services.progress)
    with pytest.raises(InvalidInput, match="doesn't match"):
        fresh.accept(coach_id=coach, code=invitation.code or "")


def test_revoking_a_pending_invitation_withdraws_its_code(services: AppServices) -> None:
    candidate = _candidate(services, "cand@example.com", sessions=2)
    invitation = services.coaching.invite(candidate_id=candidate, email="late@example.com")
    services.coaching.revoke(candidate_id=candidate, email="late@example.com")
    coach = _user(services, "late@example.com", coach=True)
    with pytest.raises(InvalidInput):
        services.coaching.accept(coach_id=coach, code=invitation.code or "")


def test_invitations_are_limited(services: AppServices) -> None:
    from igym.accounts.coaching import CoachService

    limited = CoachService(services.db, progress=services.progress, max_coaches=2)
    candidate = _user(services, "many@example.com")
    limited.invite(candidate_id=candidate, email="a@example.com")
    limited.invite(candidate_id=candidate, email="b@example.com")
    limited.invite(candidate_id=candidate, email="b@example.com")  # re-inviting an active coach is fine
    with pytest.raises(LimitReached, match="at most 2 coaches"):
        limited.invite(candidate_id=candidate, email="c@example.com")
    limited.revoke(candidate_id=candidate, email="a@example.com")
    limited.invite(candidate_id=candidate, email="c@example.com")


def test_coach_role_is_a_toggle_and_admin_is_kept(services: AppServices) -> None:
    user = _user(services, "toggle@example.com")
    assert services.coaching.set_coach_role(user_id=user, coach=True).role == "coach"
    assert services.coaching.set_coach_role(user_id=user, coach=False).role == "candidate"
    with pytest.raises(AccessDenied):
        services.coaching.candidates(coach_id=user)  # turned off: the coach view closes at once
    with services.db.session() as db:
        admin = repo.create_user(db, email="admin@example.com", name=None, password_hash=None, role="admin")
        admin_id = admin.id
    assert services.coaching.set_coach_role(user_id=admin_id, coach=True).role == "admin"
    assert services.coaching.set_coach_role(user_id=admin_id, coach=False).role == "admin"
    with pytest.raises(NotFound):
        services.coaching.set_coach_role(user_id=uuid.uuid4(), coach=True)


def test_coach_sees_days_in_the_candidates_zone(services: AppServices) -> None:
    candidate = _candidate(services, "tz@example.com", sessions=6)
    services.users.update_onboarding(
        user_id=candidate, target_role="PM", interview_timeline="exploring", timezone="Asia/Tokyo"
    )
    coach = _user(services, "coach@example.com", coach=True)
    services.coaching.invite(candidate_id=candidate, email="coach@example.com")
    _, data = services.coaching.candidate_progress(
        coach_id=coach, candidate_id=candidate, viewer_tz="America/New_York", today=date(2026, 6, 30)
    )
    assert data.timezone == "Asia/Tokyo"
