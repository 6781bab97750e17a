"""The interview engine: a plain-Python state machine over the database.

    create ─▶ begin (first question saved) ─▶ answer (audio stored, transcribed, analysed, saved)
            ─▶ decide: follow-up │ next question │ wrap-up ─▶ … ─▶ complete (metrics aggregated,
            rubric feedback stored)
    abandon (explicit, or inactivity) keeps everything recorded so far.

All state lives in the database — the messages, in order, with each answer's full analysis — so the engine
holds nothing per session: any process can resume any session, a page refresh loses nothing, and one
engine instance serves every browser session. Slow work (decoding, transcription) happens outside database
transactions; the answer and the interviewer's next line are then written in one transaction, and the
`(session_id, order_index)` unique key makes a double submit (two tabs, a double click) fail cleanly instead
of recording the answer twice.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

import numpy as np
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from igym import catalog
from igym.analysis.answer import analyze_answer, analyze_text
from igym.analysis.session import aggregate_session
from igym.audio import SAMPLE_RATE, decode_audio, encode_ogg_opus
from igym.db import repository as repo
from igym.db.engine import Database
from igym.db.tables import InterviewSession, Message, utcnow
from igym.errors import InvalidInput, NotFound
from igym.guards.ids import NOT_YOUR_SESSION, session_id_of
from igym.guards.text import clean_text
from igym.interview import rules
from igym.interview.conversation import current_question, follow_ups_in_a_row, reasons_used, turn_of
from igym.interview.interviewer import Interviewer
from igym.interview.question_bank import Question, QuestionBank, QuestionBankExhausted
from igym.interview.sessions import summarise
from igym.interview.types import EngineLimits, InterviewState, TurnOutcome
from igym.live.early_transcription import EarlyTranscript
from igym.models import AnswerMetrics
from igym.providers.base import Transcriber
from igym.resumes import tailoring
from igym.storage.base import FileStore

NO_SPEECH = (
    "We couldn't hear any speech in that recording. Check that the right microphone is selected and try "
    "again, or type your answer instead."
)
ALREADY_ANSWERED = "This question was already answered (maybe in another tab). The page now shows the latest state."


class CompletionFeedback(Protocol):
    """What the engine needs from the feedback service when a session completes."""

    def record_rubric(self, db: Session, record: InterviewSession, messages: Sequence[Message]) -> None: ...

    def after_complete(self, *, user_id: uuid.UUID, session_id: uuid.UUID) -> None: ...


@dataclass(frozen=True, slots=True)
class _Pending:
    """What is known about the question being answered, read before the slow work starts."""

    order_index: int


class InterviewEngine:
    def __init__(
        self,
        db: Database,
        *,
        bank: QuestionBank,
        transcriber: Transcriber | Callable[[], Transcriber],
        files: FileStore,
        interviewer: Interviewer | None = None,
        limits: EngineLimits | None = None,
        clock: Callable[[], datetime] = utcnow,
        feedback: CompletionFeedback | None = None,
    ) -> None:
        """Wire the engine; `transcriber` may be a factory so a heavy model loads only when first needed.

        `feedback` scores a session as it completes (inside the completing transaction) and may start slower
        work once that transaction has committed (`after_complete`, never raising into the answer).
        """
        self._db = db
        self._bank = bank
        self._transcriber = transcriber
        self._files = files
        self._interviewer = interviewer or Interviewer()
        self._limits = limits or EngineLimits()
        self._clock = clock
        self._feedback = feedback

    # --- reading ----------------------------------------------------------------------------------------

    def state(self, *, user_id: uuid.UUID, session_id: uuid.UUID) -> InterviewState:
        session_id = session_id_of(session_id)
        with self._db.session() as db:
            record = self._session(db, user_id, session_id)
            return self._state(db, record, repo.list_messages(db, user_id=user_id, session_id=session_id))

    # --- transitions ------------------------------------------------------------------------------------

    def begin(self, *, user_id: uuid.UUID, session_id: uuid.UUID) -> InterviewState:
        """Ask the first question; calling it again (a refresh) changes nothing."""
        session_id = session_id_of(session_id)
        with self._db.session() as db:
            record = self._session(db, user_id, session_id)
            messages = repo.list_messages(db, user_id=user_id, session_id=session_id)
            if not messages and record.status == "active":
                question = self._next_question(db, record, messages)
                user = repo.get_user(db, user_id=user_id)
                name = user.name if user else None
                text = self._interviewer.word_opening(
                    fallback=rules.opening_line(
                        name=name,
                        interview_type_label=catalog.label(catalog.INTERVIEW_TYPES, record.interview_type),
                        first_question=question.text,
                    ),
                    first_question=question.text,
                    name=name,
                    interview_type=record.interview_type,
                    difficulty=record.difficulty,
                )
                record.interviewer_prompt_version = self._interviewer.version
                record.followup_prompt_version = self._interviewer.followup_version
                self._add(db, record, role="interviewer", kind="question", content=text, question_id=question.id)
                messages = repo.list_messages(db, user_id=user_id, session_id=session_id)
            return self._state(db, record, messages)

    def answer_text(
        self, *, user_id: uuid.UUID, session_id: uuid.UUID, text: str, turn_index: int | None = None
    ) -> TurnOutcome:
        """Record a typed answer. Text is stored as typed, less control characters, and only ever shown as text.

        `turn_index` names the question the answer is for (`TurnKey.turn_index`: how many turns the page had
        when it showed that question); when the conversation has moved on since, the answer is refused with
        `ALREADY_ANSWERED` instead of being saved to a question the page never showed. Every UI submit passes
        it; the same goes for `answer_audio` and `answer_samples`.
        """
        session_id = session_id_of(session_id)
        cleaned = clean_text(text or "").strip()
        if not cleaned:
            raise InvalidInput("Type an answer first, or record one.")
        if len(cleaned) > self._limits.max_answer_chars:
            raise InvalidInput(
                f"That answer is {len(cleaned):,} characters; the limit is {self._limits.max_answer_chars:,}. "
                "Shorten it a little — interview answers land best in two to three minutes."
            )
        pending = self._pending(user_id, session_id, turn_index)
        return self._record(user_id, session_id, pending, analyze_text(cleaned), cleaned, audio_key=None)

    def answer_audio(
        self,
        *,
        user_id: uuid.UUID,
        session_id: uuid.UUID,
        data: bytes,
        transcript_hint: str | None = None,
        turn_index: int | None = None,
    ) -> TurnOutcome:
        """Record a spoken answer: decode, store (Ogg/Opus) at once, transcribe, analyse, save, decide.

        Raises:
            AudioError: empty, corrupt, non-audio, too large or too long audio (nothing is saved).
            InvalidInput: no speech was heard (nothing is saved), or the question was already answered.
            ProviderError: transcription failed; the recording stays stored under the answer's key.
        """
        session_id = session_id_of(session_id)
        pending = self._pending(user_id, session_id, turn_index)
        decoded = decode_audio(
            data, max_seconds=self._limits.max_answer_seconds, max_bytes=self._limits.max_upload_bytes
        )
        return self._answer_samples(user_id, session_id, pending, decoded.samples, transcript_hint)

    def answer_samples(
        self,
        *,
        user_id: uuid.UUID,
        session_id: uuid.UUID,
        samples: np.ndarray,
        early: EarlyTranscript | None = None,
        turn_index: int | None = None,
    ) -> TurnOutcome:
        """Record an answer captured live (16 kHz mono float32 from the browser recorder); see `answer_audio`.

        `early` (from `early_transcript`, fed by the recorder) has transcribed the answer's closed stretches
        while the candidate spoke, so only the rest is transcribed now.
        """
        session_id = session_id_of(session_id)
        pending = self._pending(user_id, session_id, turn_index)
        if samples.ndim != 1 or samples.size == 0:
            raise InvalidInput(NO_SPEECH)
        if samples.size > self._limits.max_answer_seconds * SAMPLE_RATE + SAMPLE_RATE:
            raise InvalidInput("That answer is longer than the maximum answer length; it was not saved.")
        return self._answer_samples(user_id, session_id, pending, samples, None, early=early)

    def early_transcript(self) -> EarlyTranscript:
        """A transcriber for one live answer that works while the candidate is still speaking."""
        return EarlyTranscript(self._current_transcriber())

    def _current_transcriber(self) -> Transcriber:
        return self._transcriber if not callable(self._transcriber) else self._transcriber()

    def _answer_samples(
        self,
        user_id: uuid.UUID,
        session_id: uuid.UUID,
        pending: _Pending,
        samples: np.ndarray,
        transcript_hint: str | None,
        *,
        early: EarlyTranscript | None = None,
    ) -> TurnOutcome:
        key = f"{user_id}/answers/{session_id}/{pending.order_index:03d}.ogg"
        self._files.put(key, encode_ogg_opus(samples), content_type="audio/ogg")
        transcriber = early or self._current_transcriber()
        metrics = analyze_answer(
            samples, transcriber=transcriber, pause_min_s=self._limits.pause_min_s, prompt=transcript_hint
        )
        if not metrics.has_speech or not metrics.transcript.strip():
            self._files.delete([key])
            raise InvalidInput(NO_SPEECH)
        return self._record(user_id, session_id, pending, metrics, clean_text(metrics.transcript), audio_key=key)

    def abandon(self, *, user_id: uuid.UUID, session_id: uuid.UUID) -> InterviewState:
        session_id = session_id_of(session_id)
        with self._db.session() as db:
            record = self._session(db, user_id, session_id)
            repo.abandon_session(db, user_id=user_id, session_id=session_id, at=self._clock())
            return self._state(db, record, repo.list_messages(db, user_id=user_id, session_id=session_id))

    def expire_inactive(self, *, user_id: uuid.UUID) -> int:
        """Abandon this user's sessions idle for longer than the inactivity timeout; returns how many."""
        with self._db.session() as db:
            idle_since = self._clock() - self._limits.inactivity_timeout
            return repo.abandon_inactive_sessions(db, user_id=user_id, idle_since=idle_since)

    # --- internals --------------------------------------------------------------------------------------

    def _session(self, db: Session, user_id: uuid.UUID, session_id: uuid.UUID) -> InterviewSession:
        record = repo.get_session(db, user_id=user_id, session_id=session_id)
        if record is None:
            raise NotFound(NOT_YOUR_SESSION)
        return record

    def _pending(self, user_id: uuid.UUID, session_id: uuid.UUID, turn_index: int | None = None) -> _Pending:
        state = self.state(user_id=user_id, session_id=session_id)
        if state.session.status != "active":
            raise InvalidInput("This interview has ended; its answers are kept in your history.")
        if not state.awaiting_answer or (turn_index is not None and turn_index != len(state.turns)):
            raise InvalidInput(ALREADY_ANSWERED)
        return _Pending(order_index=len(state.turns))

    def _record(
        self,
        user_id: uuid.UUID,
        session_id: uuid.UUID,
        pending: _Pending,
        metrics: AnswerMetrics,
        content: str,
        *,
        audio_key: str | None,
    ) -> TurnOutcome:
        try:
            with self._db.session() as db:
                record = self._session(db, user_id, session_id)
                messages = repo.list_messages(db, user_id=user_id, session_id=session_id)
                if record.status != "active" or len(messages) != pending.order_index:
                    raise InvalidInput(ALREADY_ANSWERED)
                answer = self._add(
                    db,
                    record,
                    role="candidate",
                    kind="answer",
                    content=content,
                    audio_key=audio_key,
                    metrics=metrics,
                )
                messages.append(answer)
                reply, completed = self._reply(db, record, messages, metrics)
                outcome = TurnOutcome(answer=turn_of(answer), reply=turn_of(reply), completed=completed)
        except IntegrityError:
            raise InvalidInput(ALREADY_ANSWERED) from None
        if outcome.completed and self._feedback is not None:
            self._feedback.after_complete(user_id=user_id, session_id=session_id)
        return outcome

    def _reply(
        self, db: Session, record: InterviewSession, messages: list[Message], metrics: AnswerMetrics
    ) -> tuple[Message, bool]:
        answered = sum(1 for m in messages if m.role == "candidate")
        planned = record.planned_questions or catalog.PLANNED_EXCHANGES.get(record.difficulty, 6)
        if answered >= planned:
            reply = self._add(db, record, role="interviewer", kind="wrap_up", content=rules.WRAP_UP)
            self._complete(db, record, messages)
            return reply, True
        current = current_question(self._bank, messages)
        follow_up = rules.choose_follow_up(
            metrics,
            question=current,
            difficulty=record.difficulty,
            follow_ups_so_far=sum(1 for m in messages if m.kind == "follow_up"),
            follow_ups_in_a_row=follow_ups_in_a_row(messages),
            reasons_used=reasons_used(messages),
            resume_topics=self._untouched_resume_topics(db, record, messages),
        )
        if follow_up is not None:
            text = self._interviewer.word_follow_up(
                follow_up,
                conversation=messages,
                question=current,
                difficulty=record.difficulty,
                resume_skills=self._resume_topics(db, record),
            )
            reply = self._add(
                db,
                record,
                role="interviewer",
                kind="follow_up",
                content=text,
                question_id=current.id if current else None,
                follow_up_reason=follow_up.reason,  # so the same nudge is not repeated
            )
            return reply, False
        try:
            question = self._next_question(db, record, messages)
        except QuestionBankExhausted:
            reply = self._add(db, record, role="interviewer", kind="wrap_up", content=rules.WRAP_UP)
            self._complete(db, record, messages)
            return reply, True
        text = self._interviewer.word_transition(
            fallback_lead=rules.transition_line(answered),
            question_text=question.text,
            last_answer=messages[-1].content if messages and messages[-1].role == "candidate" else None,
            number=1 + sum(1 for m in messages if m.kind == "question"),
            planned=planned,
            interview_type=record.interview_type,
            difficulty=record.difficulty,
        )
        reply = self._add(db, record, role="interviewer", kind="question", content=text, question_id=question.id)
        return reply, False

    def _complete(self, db: Session, record: InterviewSession, messages: list[Message]) -> None:
        totals = aggregate_session([m.metrics for m in messages if m.role == "candidate" and m.metrics])
        repo.complete_session(db, user_id=record.user_id, session_id=record.id, completed_at=self._clock())
        repo.save_metrics(db, user_id=record.user_id, session_id=record.id, totals=totals)
        if self._feedback is not None:
            self._feedback.record_rubric(db, record, messages)

    def _next_question(self, db: Session, record: InterviewSession, messages: list[Message]) -> Question:
        asked = [m.question_id for m in messages if m.kind == "question" and m.question_id]
        recent = repo.recent_question_ids(db, user_id=record.user_id, exclude_session_id=record.id)
        return self._bank.pick(
            interview_type=record.interview_type,
            difficulty=record.difficulty,
            asked_ids=asked,
            recent_ids=recent,
            rng=random.Random(f"{record.id}:{len(asked)}"),
            prefer_keywords=self._resume_topics(db, record),
        )

    def _resume_topics(self, db: Session, record: InterviewSession) -> list[str]:
        """The resume skills this session may bring up: none unless it was started with the resume."""
        if not record.use_resume:
            return []
        resume = repo.get_resume(db, user_id=record.user_id)  # deleted since the start: no tailoring
        return tailoring.resume_topics(resume.parsed_data if resume else None)

    def _untouched_resume_topics(self, db: Session, record: InterviewSession, messages: list[Message]) -> list[str]:
        said = (m.content for m in messages if m.role == "interviewer")
        return tailoring.untouched_topics(self._resume_topics(db, record), said)

    def _add(
        self,
        db: Session,
        record: InterviewSession,
        *,
        role: str,
        kind: str,
        content: str,
        question_id: str | None = None,
        audio_key: str | None = None,
        metrics: AnswerMetrics | None = None,
        follow_up_reason: str | None = None,
    ) -> Message:
        message = repo.add_message(
            db,
            user_id=record.user_id,
            session_id=record.id,
            role=role,
            kind=kind,
            content=content,
            question_id=question_id,
            audio_key=audio_key,
            metrics=metrics,
            follow_up_reason=follow_up_reason,
            created_at=self._clock(),
        )
        assert message is not None  # the session was loaded for this user in the same transaction
        return message

    def _state(self, db: Session, record: InterviewSession, messages: list[Message]) -> InterviewState:
        summary = summarise(record, repo.get_metrics(db, user_id=record.user_id, session_id=record.id))
        return InterviewState(
            session=summary,
            turns=tuple(turn_of(m) for m in messages),
            answered=sum(1 for m in messages if m.role == "candidate"),
            planned=record.planned_questions or catalog.PLANNED_EXCHANGES.get(record.difficulty, 6),
        )
