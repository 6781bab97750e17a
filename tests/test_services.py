"""Services as pages use them: daily limits, cross-user refusal, account deletion with files."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from igym.errors import InvalidInput, LimitReached, NotFound
from igym.services import AppServices, build_services
from tests.conftest import make_settings
from tests.support.threads import run_together

PASSWORD = "green-field-58"


def _account(services: AppServices, email: str) -> uuid.UUID:
    return services.auth.sign_up(email=email, password=PASSWORD, name=None).id


def test_session_limit_per_day_says_when_the_next_one_is_possible(tmp_path: Path, database_url: str) -> None:
    services = build_services(make_settings(tmp_path, sessions_per_day=3, database_url_raw=database_url))
    user = _account(services, "limit@example.com")
    start = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)
    for minutes in (0, 30, 90):  # 09:00, 09:30, 10:30
        services.sessions.create(
            user_id=user, interview_type="behavioral", difficulty="warm_up", now=start + timedelta(minutes=minutes)
        )
    with pytest.raises(LimitReached, match=r"limit of 3 sessions a day.*possible in 21 h 00 min"):
        services.sessions.create(
            user_id=user, interview_type="behavioral", difficulty="warm_up", now=start + timedelta(hours=3)
        )
    with pytest.raises(LimitReached, match=r"possible in 1 min"):
        services.sessions.create(
            user_id=user,
            interview_type="behavioral",
            difficulty="warm_up",
            now=start + timedelta(hours=24) - timedelta(seconds=30),
        )
    # the first session's 24 hours are over: one slot is free again, and only one
    later = start + timedelta(hours=24, minutes=1)
    services.sessions.create(user_id=user, interview_type="hr_screen", difficulty="standard", now=later)
    with pytest.raises(LimitReached):
        services.sessions.create(user_id=user, interview_type="hr_screen", difficulty="standard", now=later)
    other = _account(services, "other-limit@example.com")  # the limit is per user
    services.sessions.create(user_id=other, interview_type="hr_screen", difficulty="standard", now=later)
    services.db.engine.dispose()


def test_unknown_choices_and_missing_resume_are_refused(services: AppServices) -> None:
    user = _account(services, "choices@example.com")
    with pytest.raises(InvalidInput, match="interview types"):
        services.sessions.create(user_id=user, interview_type="chess", difficulty="warm_up")
    with pytest.raises(InvalidInput, match="difficulties"):
        services.sessions.create(user_id=user, interview_type="behavioral", difficulty="nightmare")
    with pytest.raises(InvalidInput, match="resume"):
        services.sessions.create(user_id=user, interview_type="behavioral", difficulty="warm_up", use_resume=True)


def test_planned_exchanges_follow_the_difficulty(services: AppServices) -> None:
    user = _account(services, "plan@example.com")
    planned = {
        d: services.sessions.create(user_id=user, interview_type="behavioral", difficulty=d).planned_questions
        for d in ("warm_up", "standard", "intense")
    }
    assert planned["warm_up"] < planned["standard"] < planned["intense"]
    assert planned["warm_up"] >= 5 and planned["intense"] <= 8


def test_another_users_session_is_not_found_through_every_service(services: AppServices) -> None:
    owner = _account(services, "owner@example.com")
    intruder = _account(services, "intruder@example.com")
    created = services.sessions.create(user_id=owner, interview_type="behavioral", difficulty="standard")
    for action in (services.sessions.get, services.sessions.complete, services.sessions.abandon):
        with pytest.raises(NotFound):
            action(user_id=intruder, session_id=created.id)
    assert services.sessions.history(user_id=intruder) == []
    assert services.sessions.get(user_id=owner, session_id=created.id).status == "active"


def test_profile_counts_and_streak_after_completing(services: AppServices) -> None:
    user = _account(services, "streak@example.com")
    created = services.sessions.create(user_id=user, interview_type="hr_screen", difficulty="standard")
    services.sessions.complete(user_id=user, session_id=created.id)
    stats = services.users.get_profile(user_id=user).stats
    assert (stats.total_sessions, stats.completed_sessions, stats.current_streak) == (1, 1, 1)
    assert stats.last_session is not None and stats.last_session.status == "completed"


def test_deleting_an_account_removes_its_stored_files_but_not_others(services: AppServices) -> None:
    from igym.db import repository as repo

    gone = _account(services, "gone@example.com")
    kept = _account(services, "kept@example.com")
    for user in (gone, kept):
        created = services.sessions.create(user_id=user, interview_type="behavioral", difficulty="warm_up")
        key = f"{user}/answers/{created.id}/1.ogg"
        services.files.put(key, b"OggS-audio", content_type="audio/ogg")
        with services.db.session() as db:
            repo.add_message(
                db, user_id=user, session_id=created.id,
                message=repo.NewMessage(role="candidate", content="hi", audio_key=key)
            )
    services.users.delete_account(user_id=gone)
    with services.db.session() as db:
        assert repo.audio_keys_of_user(db, user_id=gone) == []
        kept_keys = repo.audio_keys_of_user(db, user_id=kept)
    assert not list((services.settings.data_dir / "files" / str(gone)).rglob("*.ogg"))
    assert [services.files.exists(k) for k in kept_keys] == [True]
    with pytest.raises(NotFound):
        services.users.get_profile(user_id=gone)


def test_storage_keys_cannot_escape_the_data_folder(services: AppServices) -> None:
    for key in ("../secret", "/etc/passwd", "a/../../b", ""):
        with pytest.raises(InvalidInput):
            services.files.put(key, b"x", content_type="text/plain")


def test_simultaneous_creates_make_exactly_the_daily_limit(tmp_path: Path, database_url: str) -> None:
    """Ten creates released at once for one user: three sessions, seven clear refusals, on both databases."""
    import threading

    services = build_services(make_settings(tmp_path, sessions_per_day=3, database_url_raw=database_url))
    user = _account(services, "racer@example.com")
    gate = threading.Barrier(10)
    outcomes: list[str] = []
    lock = threading.Lock()

    def create() -> None:
        gate.wait()
        try:
            services.sessions.create(user_id=user, interview_type="behavioral", difficulty="warm_up")
            result = "created"
        except LimitReached as exc:
            result = "refused" if "limit of 3 sessions a day" in str(exc) else f"wrong message: {exc}"
        except Exception as exc:  # a lock error or a raw driver error would be a failure too
            result = f"error: {type(exc).__name__}: {exc}"
        with lock:
            outcomes.append(result)

    run_together(create, [()] * 10)
    assert sorted(outcomes) == ["created"] * 3 + ["refused"] * 7, f"{outcomes.count('created')} created"
    assert len(services.sessions.history(user_id=user)) == 3
    services.db.engine.dispose()


def test_creating_a_session_for_a_deleted_account_is_refused(services: AppServices) -> None:
    user = _account(services, "deleted-before-start@example.com")
    services.users.delete_account(user_id=user)
    with pytest.raises(NotFound, match="no longer exists"):
        services.sessions.create(user_id=user, interview_type="behavioral", difficulty="warm_up")


MALFORMED_IDS = ["not-a-uuid", "", "é", "1234", "00000000-0000-0000-0000-00000000000g", "x" * 500, 42, None]


@pytest.mark.parametrize("bad_id", MALFORMED_IDS, ids=repr)
def test_malformed_ids_are_not_your_sessions_in_every_service(services: AppServices, bad_id: object) -> None:
    """A hand-edited link or a stale form: the same refusal as for someone else's session, never a driver error."""
    from igym.errors import AccessDenied
    from igym.guards.ids import NOT_YOUR_SESSION

    user = _account(services, "malformed@example.com")
    coach = _account(services, "malformed-coach@example.com")
    services.coaching.set_coach_role(user_id=coach, coach=True)
    calls = {
        "sessions.get": lambda: services.sessions.get(user_id=user, session_id=bad_id),
        "sessions.complete": lambda: services.sessions.complete(user_id=user, session_id=bad_id),
        "sessions.abandon": lambda: services.sessions.abandon(user_id=user, session_id=bad_id),
        "engine.state": lambda: services.engine.state(user_id=user, session_id=bad_id),
        "engine.begin": lambda: services.engine.begin(user_id=user, session_id=bad_id),
        "engine.answer_text": lambda: services.engine.answer_text(user_id=user, session_id=bad_id, text="An answer."),
        "engine.answer_audio": lambda: services.engine.answer_audio(user_id=user, session_id=bad_id, data=b"RIFF"),
        "engine.abandon": lambda: services.engine.abandon(user_id=user, session_id=bad_id),
        "feedback.view": lambda: services.feedback.view(user_id=user, session_id=bad_id),
        "feedback.generate": lambda: services.feedback.generate(user_id=user, session_id=bad_id),
        "feedback.regenerate": lambda: services.feedback.regenerate(user_id=user, session_id=bad_id),
        "feedback.rate": lambda: services.feedback.rate(user_id=user, session_id=bad_id, rating=4),
    }
    for name, call in calls.items():
        with pytest.raises(NotFound) as refused:
            call()
        assert str(refused.value) == NOT_YOUR_SESSION, name
    coach_calls = {
        "coaching.check_access": lambda: services.coaching.check_access(coach_id=coach, candidate_id=bad_id),
        "coaching.candidate_progress": lambda: services.coaching.candidate_progress(
            coach_id=coach, candidate_id=bad_id
        ),
        "coaching.candidate_sessions": lambda: services.coaching.candidate_sessions(
            coach_id=coach, candidate_id=bad_id
        ),
        "feedback.view_as_coach": lambda: services.feedback.view_as_coach(
            coach_id=coach, candidate_id=bad_id, session_id=bad_id
        ),
    }
    for name, call in coach_calls.items():
        with pytest.raises(AccessDenied):
            call()
            pytest.fail(f"{name} accepted a malformed candidate id")


def test_the_file_store_refuses_symbolic_links_inside_its_root(services: AppServices, tmp_path: Path) -> None:
    """A link planted inside the data folder must not let a read, write or delete reach a file outside it."""
    import os

    outside = tmp_path / "outside"
    outside.mkdir()
    secret = outside / "secret.txt"
    secret.write_bytes(b"not yours")
    root = services.settings.data_dir / "files"
    user = uuid.uuid4()
    services.files.put(f"{user}/resume/real.pdf", b"%PDF-real", content_type="application/pdf")
    os.symlink(secret, root / str(user) / "resume" / "linked.pdf")  # a linked file
    os.symlink(outside, root / str(user) / "answers")  # a linked folder
    for key in (f"{user}/resume/linked.pdf", f"{user}/answers/secret.txt"):
        with pytest.raises(InvalidInput, match="link"):
            services.files.get(key)
        with pytest.raises(InvalidInput, match="link"):
            services.files.put(key, b"overwritten", content_type="text/plain")
        with pytest.raises(InvalidInput, match="link"):
            services.files.delete([key])
        with pytest.raises(InvalidInput, match="link"):
            services.files.exists(key)
    assert secret.read_bytes() == b"not yours"
    assert services.files.get(f"{user}/resume/real.pdf") == b"%PDF-real"
