"""The repository on SQLite and on a real PostgreSQL: scoping by user, ordering, cascades."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from igym.db import repository as repo
from igym.db.engine import Database
from igym.db.tables import CoachAccess, Feedback, InterviewSession, Message, Metrics, Resume, User
from igym.models import AnswerMetrics, FillerHit, Pause, SessionMetrics, SessionScores, Span, StructureCues


def _user(database: Database, email: str) -> uuid.UUID:
    with database.session() as db:
        return repo.create_user(db, email=email, name=email.split("@")[0], password_hash="x").id


def _session_with_everything(database: Database, user_id: uuid.UUID) -> uuid.UUID:
    with database.session() as db:
        record = repo.create_session(db, user_id=user_id, interview_type="behavioral", difficulty="standard")
        repo.add_message(
            db, user_id=user_id, session_id=record.id, message=repo.NewMessage(role="interviewer", content="Tell me…")
        )
        repo.add_message(
            db,
            user_id=user_id,
            session_id=record.id,
            message=repo.NewMessage(
                role="candidate",
                content="Well, um…",
                metrics=AnswerMetrics(transcript="Well, um…", word_count=1, filler_count=1, duration_s=1.5),
                audio_key=f"{user_id}/a.ogg",
            ),
        )
        repo.save_metrics(
            db,
            user_id=user_id,
            session_id=record.id,
            totals=SessionMetrics(total_words=2),
            scores=SessionScores(overall=6.5),
        )
        repo.save_feedback(db, user_id=user_id, session_id=record.id, summary="ok", strengths=["clear"])
        return record.id


def test_timestamps_come_back_timezone_aware(database: Database) -> None:
    user_id = _user(database, "tz@example.com")
    with database.session() as db:
        user = repo.get_user(db, user_id=user_id)
        assert user is not None and user.created_at.tzinfo is not None


def test_messages_keep_their_order(database: Database) -> None:
    user_id = _user(database, "order@example.com")
    with database.session() as db:
        session_id = repo.create_session(db, user_id=user_id, interview_type="hr_screen", difficulty="warm_up").id
        for i in range(5):
            repo.add_message(
                db, user_id=user_id, session_id=session_id,
                message=repo.NewMessage(role="candidate", content=f"answer {i}")
            )
    with database.session() as db:
        messages = repo.list_messages(db, user_id=user_id, session_id=session_id)
    assert [m.content for m in messages] == [f"answer {i}" for i in range(5)]
    assert [m.order_index for m in messages] == list(range(5))


def test_answer_metrics_are_stored_once_and_read_back_typed(database: Database) -> None:
    metrics = AnswerMetrics(
        transcript="Um, I led it, like, well.",
        word_count=5,
        filler_count=2,
        fillers=[FillerHit("Um", "um", 0, 0.4), FillerHit("like", "like", 4, 1.9)],
        filler_counts={"um": 1, "like": 1},
        duration_s=4.0,
        speech_start_s=0.4,
        speech_end_s=3.6,
        words_per_minute=93.8,
        pauses=[Pause(1.0, 2.25)],
        hesitations=[Span(3.0, 3.3)],
        structure=StructureCues(action=True, i_count=1),
        word_starts=[0.4, 0.8, 1.0, 1.2, 1.9, None],
    )
    user_id = _user(database, "typed@example.com")
    with database.session() as db:
        record = repo.create_session(db, user_id=user_id, interview_type="behavioral", difficulty="standard")
        repo.add_message(
            db, user_id=user_id, session_id=record.id,
            message=repo.NewMessage(role="candidate", content="x", metrics=metrics)
        )
        session_id = record.id
    with database.session() as db:
        (saved,) = repo.list_messages(db, user_id=user_id, session_id=session_id)
        assert saved.metrics == metrics
        counts = (saved.metrics.pause_count, saved.metrics.longest_pause_ms, saved.metrics.hesitation_count)
        assert counts == (1, 1250, 1)
        assert {c.name for c in Message.__table__.columns}.isdisjoint({"analysis", "filler_word_count", "pause_count"})


def test_repository_writes_take_typed_keyword_arguments(database: Database) -> None:
    user_id = _user(database, "kw@example.com")
    with database.session() as db:
        record = repo.create_session(db, user_id=user_id, interview_type="behavioral", difficulty="standard")
        with pytest.raises(TypeError):
            repo.add_message(
                db, user_id=user_id, session_id=record.id,
                message=repo.NewMessage(role="candidate", content="x", pause_count=1)
            )
        with pytest.raises(TypeError):
            repo.save_metrics(db, user_id=user_id, session_id=record.id, overall_score=6.0)  # type: ignore[call-arg]


def test_sessions_are_listed_newest_first(database: Database) -> None:
    user_id = _user(database, "list@example.com")
    start = datetime(2026, 1, 1, tzinfo=UTC)
    with database.session() as db:
        for day in (3, 1, 2):
            repo.create_session(
                db,
                user_id=user_id,
                interview_type="behavioral",
                difficulty="standard",
                started_at=start + timedelta(days=day),
            )
    with database.session() as db:
        listed = repo.list_sessions(db, user_id=user_id)
    assert [s.created_at.day for s in listed] == [4, 3, 2]


def test_completing_twice_keeps_the_first_completion(database: Database) -> None:
    user_id = _user(database, "twice@example.com")
    with database.session() as db:
        session_id = repo.create_session(db, user_id=user_id, interview_type="behavioral", difficulty="intense").id
    first = datetime.now(UTC)
    with database.session() as db:
        repo.complete_session(db, user_id=user_id, session_id=session_id, completed_at=first)
    with database.session() as db:
        again = repo.complete_session(db, user_id=user_id, session_id=session_id, completed_at=first + timedelta(1))
        assert again is not None and again.status == "completed"
        assert abs((again.completed_at - first).total_seconds()) < 1  # type: ignore[operator]


def test_user_a_cannot_reach_user_b_data(database: Database) -> None:
    alice = _user(database, "alice@example.com")
    bob = _user(database, "bob@example.com")
    bobs_session = _session_with_everything(database, bob)

    with database.session() as db:
        assert repo.get_session(db, user_id=alice, session_id=bobs_session) is None
        assert repo.list_sessions(db, user_id=alice) == []
        assert repo.list_messages(db, user_id=alice, session_id=bobs_session) == []
        assert repo.get_metrics(db, user_id=alice, session_id=bobs_session) is None
        assert repo.get_feedback(db, user_id=alice, session_id=bobs_session) is None
        assert repo.metrics_for_sessions(db, user_id=alice) == {}
        assert repo.complete_session(db, user_id=alice, session_id=bobs_session) is None
        assert repo.abandon_session(db, user_id=alice, session_id=bobs_session) is None
        assert repo.add_message(
            db, user_id=alice, session_id=bobs_session, message=repo.NewMessage(role="candidate", content="x")
        ) is None
        assert repo.save_metrics(db, user_id=alice, session_id=bobs_session, scores=SessionScores(overall=10)) is None
        assert repo.save_feedback(db, user_id=alice, session_id=bobs_session, summary="hacked") is None
        assert repo.delete_session(db, user_id=alice, session_id=bobs_session) is False
        assert repo.audio_keys_of_user(db, user_id=alice) == []

    with database.session() as db:  # Bob's data is untouched by all of the above
        record = repo.get_session(db, user_id=bob, session_id=bobs_session)
        assert record is not None and record.status == "active"
        assert len(repo.list_messages(db, user_id=bob, session_id=bobs_session)) == 2
        metrics = repo.get_metrics(db, user_id=bob, session_id=bobs_session)
        assert metrics is not None and metrics.overall_score == 6.5
        feedback = repo.get_feedback(db, user_id=bob, session_id=bobs_session)
        assert feedback is not None and feedback.summary == "ok"


def test_deleting_a_user_cascades_to_everything_they_own(database: Database) -> None:
    keep = _user(database, "keep@example.com")
    gone = _user(database, "gone@example.com")
    kept_session = _session_with_everything(database, keep)
    _session_with_everything(database, gone)
    with database.session() as db:
        repo.upsert_resume(db, user_id=gone, file_name="cv.pdf", raw_text="Python")
        coach = repo.create_user(db, email="coach@example.com", name=None, password_hash=None, role="coach")
        repo.grant_coach_access(db, candidate_id=gone, coach=coach)
        assert repo.audio_keys_of_user(db, user_id=gone) == [f"{gone}/a.ogg"]
        assert repo.delete_user(db, user_id=gone)

    with database.session() as db:
        remaining = {table: 2 if table is Message else 1 for table in (InterviewSession, Message, Metrics, Feedback)}
        for table, expected in remaining.items():  # only the kept user's session and its two messages
            assert db.scalar(select(func.count()).select_from(table)) == expected, table.__tablename__
        assert db.scalar(select(func.count()).select_from(Resume)) == 0
        assert db.scalar(select(func.count()).select_from(CoachAccess)) == 0
        assert db.scalar(select(func.count()).select_from(User)) == 2  # the kept user and the coach
        assert repo.get_session(db, user_id=keep, session_id=kept_session) is not None


def test_coach_access_follows_grant_and_revoke(database: Database) -> None:
    candidate = _user(database, "cand@example.com")
    other = _user(database, "other@example.com")
    coach = _user(database, "c@example.com")
    with database.session() as db:
        assert not repo.coach_can_view(db, coach_id=coach, candidate_id=candidate)
        row = repo.get_user(db, user_id=coach)
        assert row is not None
        repo.grant_coach_access(db, candidate_id=candidate, coach=row)
    with database.session() as db:
        assert repo.coach_can_view(db, coach_id=coach, candidate_id=candidate)
        assert not repo.coach_can_view(db, coach_id=coach, candidate_id=other)
        assert [u.email for _, u in repo.granted_candidates_for_coach(db, coach_id=coach)] == ["cand@example.com"]
        assert repo.revoke_coach_access(db, candidate_id=candidate, coach_email="c@example.com")
    with database.session() as db:
        assert not repo.coach_can_view(db, coach_id=coach, candidate_id=candidate)
        assert repo.granted_candidates_for_coach(db, coach_id=coach) == []


def test_a_pending_invitation_grants_nothing_until_accepted_by_that_email(database: Database) -> None:
    from datetime import UTC, datetime, timedelta

    candidate = _user(database, "cand@example.com")
    coach = _user(database, "invited@example.com")
    later = datetime.now(UTC) + timedelta(days=1)
    with database.session() as db:
        repo.invite_coach(
            db, candidate_id=candidate, coach_email="invited@example.com", code_hash="h1", expires_at=later
        )
    with database.session() as db:
        assert not repo.coach_can_view(db, coach_id=coach, candidate_id=candidate)
        row = repo.get_user(db, user_id=coach)
        assert row is not None
        assert repo.accept_coach_invite(db, coach=row, code_hash="wrong", now=datetime.now(UTC)) is None
        assert repo.accept_coach_invite(db, coach=row, code_hash="h1", now=later) is None  # expired by then
        assert repo.accept_coach_invite(db, coach=row, code_hash="h1", now=datetime.now(UTC)) is not None
    with database.session() as db:
        assert repo.coach_can_view(db, coach_id=coach, candidate_id=candidate)


def test_duplicate_email_is_rejected_by_the_database(database: Database) -> None:
    from sqlalchemy.exc import IntegrityError

    _user(database, "dup@example.com")
    with pytest.raises(IntegrityError), database.session() as db:
        repo.create_user(db, email="dup@example.com", name=None, password_hash=None)
