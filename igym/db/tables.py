"""SQLAlchemy 2 typed tables: the seed's Prisma models in snake_case, plus coach access and prompt versions.

The same definitions serve SQLite (embedded default) and Postgres (hosted); Alembic migrations in
`igym/db/migrations/` are the source of the real schema and are checked against these tables in the tests.

Ids are UUIDs (native on Postgres, 32-char strings on SQLite). Timestamps are stored in UTC; `UTCDateTime`
hands back timezone-aware values on both databases so no caller has to guess. Deleting a user cascades to
everything the user owns, in the database (``ON DELETE CASCADE``) and in the ORM (``cascade="all,
delete-orphan"``), so a raw SQL delete and an ORM delete agree.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from igym.db.answer_metrics import AnswerMetricsJSON
from igym.models import AnswerMetrics

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored as UTC and always returned timezone-aware (SQLite drops the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are ambiguous; pass an aware UTC datetime")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    """Declarative base: the naming convention Alembic relies on, UTC timestamps, JSON for dicts and lists."""

    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: UTCDateTime, dict[str, Any]: JSON, list[Any]: JSON}


def _uuid_pk() -> Mapped[uuid.UUID]:
    return mapped_column(Uuid, primary_key=True, default=uuid.uuid4)


class User(Base):
    """An account. `auth_provider` says who vouches for it: local (argon2 hash here) or supabase."""

    __tablename__ = "users"

    id: Mapped[uuid.UUID] = _uuid_pk()
    email: Mapped[str] = mapped_column(String(320), unique=True)
    name: Mapped[str | None] = mapped_column(String(200))
    image: Mapped[str | None] = mapped_column(String(1000))
    password_hash: Mapped[str | None] = mapped_column(String(200))
    auth_provider: Mapped[str] = mapped_column(String(20), default="local")
    external_id: Mapped[str | None] = mapped_column(String(100), unique=True)
    role: Mapped[str] = mapped_column(String(20), default="candidate")
    target_role: Mapped[str | None] = mapped_column(String(200))
    interview_timeline: Mapped[str | None] = mapped_column(String(40))
    onboarding_completed: Mapped[bool] = mapped_column(Boolean, default=False)
    timezone: Mapped[str | None] = mapped_column(String(64))
    # Unused since migration 0005 (sign-in throttling moved to `SignInFailures`, keyed by email whether or not
    # an account exists); kept so SQLite needs no rebuild of the users table.
    failed_sign_ins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column()
    last_sign_in_at: Mapped[datetime | None] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    resume: Mapped[Resume | None] = relationship(back_populates="user", cascade="all, delete-orphan")
    sessions: Mapped[list[InterviewSession]] = relationship(
        back_populates="user", cascade="all, delete-orphan", passive_deletes=True
    )


class Resume(Base):
    """A user's uploaded resume (one at most): the stored file's key, its text and the parsed fields."""

    __tablename__ = "resumes"

    id: Mapped[uuid.UUID] = _uuid_pk()
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    file_name: Mapped[str] = mapped_column(String(300))
    storage_key: Mapped[str | None] = mapped_column(String(500))
    content_type: Mapped[str] = mapped_column(String(100), default="application/pdf")
    size_bytes: Mapped[int] = mapped_column(Integer, default=0)
    raw_text: Mapped[str | None] = mapped_column(Text)
    parsed_data: Mapped[dict[str, Any] | None] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    user: Mapped[User] = relationship(back_populates="resume")


class InterviewSession(Base):
    """One practice interview. Named `InterviewSession` in Python to keep it apart from a DB session."""

    __tablename__ = "sessions"
    __table_args__ = (Index("ix_sessions_user_id_created_at", "user_id", "created_at"),)

    id: Mapped[uuid.UUID] = _uuid_pk()
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    interview_type: Mapped[str] = mapped_column(String(40))
    difficulty: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20), default="active")
    use_resume: Mapped[bool] = mapped_column(Boolean, default=False)
    planned_questions: Mapped[int | None] = mapped_column(Integer)
    duration_s: Mapped[int | None] = mapped_column(Integer)
    interviewer_prompt_version: Mapped[str | None] = mapped_column(String(40))
    followup_prompt_version: Mapped[str | None] = mapped_column(String(40))
    stt_provider: Mapped[str | None] = mapped_column(String(40))
    llm_provider: Mapped[str | None] = mapped_column(String(40))
    # A pasted job posting, as typed (data, never instructions), and the short key terms extracted from it
    # (`igym.interview.job_terms`): only the terms reach questions, follow-ups and prompts.
    job_description: Mapped[str | None] = mapped_column(Text)
    job_terms: Mapped[list[Any] | None] = mapped_column()
    # Another attempt at the question of this earlier answer (a one-question session); NULL otherwise. No
    # foreign key (sessions and messages would reference each other): every read joins on the user's own
    # messages, so an id whose answer was deleted simply finds nothing.
    retry_of_message_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, index=True)
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_activity_at: Mapped[datetime] = mapped_column(default=utcnow)
    completed_at: Mapped[datetime | None] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    user: Mapped[User] = relationship(back_populates="sessions")
    messages: Mapped[list[Message]] = relationship(
        back_populates="session",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="Message.order_index",
    )
    metrics: Mapped[Metrics | None] = relationship(
        back_populates="session", cascade="all, delete-orphan", passive_deletes=True
    )
    feedback: Mapped[Feedback | None] = relationship(
        back_populates="session", cascade="all, delete-orphan", passive_deletes=True
    )


class Message(Base):
    """One turn: the interviewer's line or the candidate's answer, with the answer's measurements (`metrics`)."""

    __tablename__ = "messages"
    __table_args__ = (UniqueConstraint("session_id", "order_index"),)

    id: Mapped[uuid.UUID] = _uuid_pk()
    session_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"))
    order_index: Mapped[int] = mapped_column(Integer)
    role: Mapped[str] = mapped_column(String(20))  # "interviewer" | "candidate"
    kind: Mapped[str | None] = mapped_column(String(20))  # question | follow_up | wrap_up | answer
    content: Mapped[str] = mapped_column(Text)
    # What the interviewer says before `content` (a greeting, a transition); spoken, not in the transcript.
    lead_in: Mapped[str | None] = mapped_column(Text, default=None)
    question_id: Mapped[str | None] = mapped_column(String(60))
    audio_key: Mapped[str | None] = mapped_column(String(500))
    # A candidate answer's measurements, stored once (see igym.db.answer_metrics); None on interviewer lines.
    metrics: Mapped[AnswerMetrics | None] = mapped_column(AnswerMetricsJSON)
    # Why the interviewer asked this follow-up (so the same nudge is not repeated); None on other lines.
    follow_up_reason: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    session: Mapped[InterviewSession] = relationship(back_populates="messages")


class Metrics(Base):
    """Per-session totals (from the answer analysis) and the 1–10 scores (from the feedback)."""

    __tablename__ = "metrics"

    id: Mapped[uuid.UUID] = _uuid_pk()
    session_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"), unique=True)
    total_filler_words: Mapped[int] = mapped_column(Integer, default=0)
    total_pauses: Mapped[int] = mapped_column(Integer, default=0)
    longest_pause_ms: Mapped[int] = mapped_column(Integer, default=0)
    avg_response_time_ms: Mapped[int | None] = mapped_column(Integer)
    total_words: Mapped[int] = mapped_column(Integer, default=0)
    questions_answered: Mapped[int] = mapped_column(Integer, default=0)
    fillers_per_minute: Mapped[float | None] = mapped_column(Float)
    avg_words_per_minute: Mapped[float | None] = mapped_column(Float)
    total_hesitations: Mapped[int | None] = mapped_column(Integer)
    hedges_per_100_words: Mapped[float | None] = mapped_column(Float)
    pitch_sd_st: Mapped[float | None] = mapped_column(Float)
    monotone_answers: Mapped[int | None] = mapped_column(Integer)
    inclusive_terms: Mapped[int | None] = mapped_column(Integer)
    repeated_phrases: Mapped[int | None] = mapped_column(Integer)
    pace_spread_wpm: Mapped[float | None] = mapped_column(Float)
    fastest_window_wpm: Mapped[float | None] = mapped_column(Float)
    loudness_sd_db: Mapped[float | None] = mapped_column(Float)
    clarity_score: Mapped[float | None] = mapped_column(Float)
    structure_score: Mapped[float | None] = mapped_column(Float)
    relevance_score: Mapped[float | None] = mapped_column(Float)
    confidence_score: Mapped[float | None] = mapped_column(Float)
    overall_score: Mapped[float | None] = mapped_column(Float)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    session: Mapped[InterviewSession] = relationship(back_populates="metrics")


class Feedback(Base):
    """A session's written feedback (one per session), the prompt version that wrote it and its rating."""

    __tablename__ = "feedback"

    id: Mapped[uuid.UUID] = _uuid_pk()
    session_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"), unique=True)
    summary: Mapped[str | None] = mapped_column(Text)
    strengths: Mapped[list[Any]] = mapped_column(default=list)
    improvements: Mapped[list[Any]] = mapped_column(default=list)
    suggestions: Mapped[list[Any]] = mapped_column(default=list)
    answer_notes: Mapped[list[Any]] = mapped_column(default=list)
    helpfulness_rating: Mapped[int | None] = mapped_column(Integer)
    prompt_version: Mapped[str | None] = mapped_column(String(40))
    generated_by: Mapped[str | None] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    session: Mapped[InterviewSession] = relationship(back_populates="feedback")


class CoachAccess(Base):
    """A candidate's grant to a coach account, or an invitation waiting for one.

    `status` is "granted" (`coach_id` is the coach's account: every coach read checks for this row, by
    account id, never by email), "pending" (an invitation to `coach_email`: no account is named yet, and only
    a signed-in coach with that email who types the code the candidate gave them turns it into a grant;
    `invite_code_hash` is the code's SHA-256, `invite_expires_at` its end), or "revoked" (kept for the record;
    access ends at once).
    """

    __tablename__ = "coach_access"
    __table_args__ = (
        UniqueConstraint("candidate_id", "coach_email"),
        Index("ix_coach_access_coach_email_status", "coach_email", "status"),
    )

    id: Mapped[uuid.UUID] = _uuid_pk()
    candidate_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    coach_email: Mapped[str] = mapped_column(String(320))
    coach_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    status: Mapped[str] = mapped_column(String(20), default="granted")
    invite_code_hash: Mapped[str | None] = mapped_column(String(64))
    invite_expires_at: Mapped[datetime | None] = mapped_column()
    granted_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class SignIn(Base):
    """One browser's sign-in with a local account, behind the "stay signed in" cookie.

    The cookie holds a random token; only its SHA-256 is stored, so a copy of the database signs nobody in.
    A sign-in counts while `ended_at` is empty and `expires_at` is ahead: signing out ends this row, changing
    or resetting the password ends every row of the user, so a cookie copied before either is worth nothing.
    """

    __tablename__ = "sign_ins"
    __table_args__ = (Index("ix_sign_ins_user_id", "user_id"),)

    id: Mapped[uuid.UUID] = _uuid_pk()
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column()
    ended_at: Mapped[datetime | None] = mapped_column()


class SignInFailures(Base):
    """Wrong passwords for one email, account or not, and when the next password may be checked.

    Keyed by the SHA-256 of the normalised email, so an address nobody signed up with is throttled exactly
    like a real one (the throttle reveals nothing) and no typed address is stored in the clear.
    """

    __tablename__ = "sign_in_failures"

    email_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column()
    last_failure_at: Mapped[datetime] = mapped_column(default=utcnow)


class PromptVersion(Base):
    """A prompt version drafted in the Prompt Lab (packaged versions are files in `igym/prompts/`).

    Rows are never updated: a change is a new version, so every session and feedback that recorded a label
    can still say exactly which text produced it. The author is kept as a plain id (no cascade): deleting an
    admin's account must not delete prompts that sessions used; `created_by` then points nowhere.
    """

    __tablename__ = "prompt_versions"
    __table_args__ = (UniqueConstraint("name", "version"),)

    id: Mapped[uuid.UUID] = _uuid_pk()
    name: Mapped[str] = mapped_column(String(40))
    version: Mapped[str] = mapped_column(String(20))
    changelog: Mapped[str] = mapped_column(String(300))
    text: Mapped[str] = mapped_column(Text)
    created_by: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
