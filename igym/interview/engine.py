"""The interview engine: a plain-Python state machine over the database.

    create ─▶ begin (first question saved) ─▶ answer (audio stored, transcribed, analysed, saved)
            ─▶ decide: follow-up │ next question │ wrap-up ─▶ … ─▶ complete (metrics aggregated,
            rubric feedback stored)
    abandon (explicit, or inactivity) keeps everything recorded so far.

All state lives in the database — the messages, in order, with each answer's full analysis — so the engine
holds nothing per session: any process can resume any session, a page refresh loses nothing, and one
engine instance serves every browser session.

No slow call runs inside a database transaction (on SQLite an open write transaction blocks every other
writer). An answer goes: decode; encode and store the audio on the engine's audio threads while this thread
transcribes and analyses it (no transaction); plan the reply in a short read (`igym.interview.planning`:
follow-up, next question or wrap-up); word it, which may call the LLM for many seconds (no transaction); then
one short transaction checks the turn again and writes the answer and the reply together (and completes the
session after the last answer, `igym.interview.completion`). The
turn check and the `(session_id, order_index)` unique key make a double submit (two tabs, a double click)
fail cleanly with `ALREADY_ANSWERED` instead of recording the answer twice; the slower of two racing
submits may have worded a reply that is then dropped. `begin` plans, words and commits the opening the same
way.

Threads: the engine holds no per-session state, so concurrent calls for different sessions never wait on
each other except for SQLite's single writer during those short commits.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, wait
from contextvars import copy_context
from dataclasses import dataclass
from datetime import datetime

import numpy as np
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from igym.analysis.answer import analyze_answer, analyze_text
from igym.audio import SAMPLE_RATE, decode_audio, encode_ogg_opus
from igym.db import repository as repo
from igym.db.engine import Database
from igym.db.tables import InterviewSession, Message, utcnow
from igym.errors import InvalidInput, NotFound
from igym.guards.ids import NOT_YOUR_SESSION, session_id_of
from igym.guards.text import clean_text
from igym.interview import planning
from igym.interview.completion import CompletionFeedback, complete_session
from igym.interview.conversation import turn_of
from igym.interview.interviewer import Interviewer
from igym.interview.question_bank import QuestionBank
from igym.interview.sessions import summarise
from igym.interview.types import EngineLimits, InterviewState, TurnOutcome
from igym.live.early_transcription import EarlyTranscript
from igym.models import AnswerMetrics
from igym.providers.base import Transcriber
from igym.storage.base import FileStore

NO_SPEECH = (
    "We couldn't hear any speech in that recording. Check that the right microphone is selected and try "
    "again, or type your answer instead."
)
ALREADY_ANSWERED = "This question was already answered (maybe in another tab). The page now shows the latest state."


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
        # One per engine (so one per process): each answer's recording is encoded and stored here while the
        # request's own thread transcribes it. Threads are named so a stack dump says what they do.
        self._audio_writer = ThreadPoolExecutor(max_workers=4, thread_name_prefix="igym-answer-audio")

    # --- reading ----------------------------------------------------------------------------------------

    def state(self, *, user_id: uuid.UUID, session_id: uuid.UUID) -> InterviewState:
        session_id = session_id_of(session_id)
        with self._db.session() as db:
            record = self._session(db, user_id, session_id)
            return self._state(db, record, repo.list_messages(db, user_id=user_id, session_id=session_id))

    # --- transitions ------------------------------------------------------------------------------------

    def begin(self, *, user_id: uuid.UUID, session_id: uuid.UUID) -> InterviewState:
        """Ask the first question; calling it again (a refresh, a second tab) changes nothing.

        Planned in a short read, worded outside any transaction, written in a short one that adds the opening
        only if the session still has no messages.
        """
        session_id = session_id_of(session_id)
        with self._db.session() as db:
            record = self._session(db, user_id, session_id)
            if record.status != "active" or repo.list_messages(db, user_id=user_id, session_id=session_id):
                return self._state(db, record, repo.list_messages(db, user_id=user_id, session_id=session_id))
            user = repo.get_user(db, user_id=user_id)
            plan = planning.plan_opening(db, self._bank, self._interviewer, record, name=user.name if user else None)
        text = plan.word()
        try:
            with self._db.session() as db:
                record = self._session(db, user_id, session_id)
                if not repo.list_messages(db, user_id=user_id, session_id=session_id) and record.status == "active":
                    record.interviewer_prompt_version = self._interviewer.version
                    record.followup_prompt_version = self._interviewer.followup_version
                    self._add(db, record, plan.message(text))
        except IntegrityError:
            pass  # another tab's opening won; it is the one shown
        return self.state(user_id=user_id, session_id=session_id)

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
        """Record a spoken answer: decode, store (Ogg/Opus, while it is transcribed), analyse, save, decide.

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
        # Encoding (libopus, about 10 ms per second of audio, GIL released) and storing run beside the
        # transcription instead of before it; the request's context goes along, so a storage notice
        # ("kept for a later upload") still reaches this candidate.
        stored = self._audio_writer.submit(copy_context().run, self._store_answer_audio, key, samples)
        transcriber = early or self._current_transcriber()
        try:
            metrics = analyze_answer(
                samples, transcriber=transcriber, pause_min_s=self._limits.pause_min_s, prompt=transcript_hint
            )
        except BaseException:
            wait([stored])  # the recording stays stored under its key (see `answer_audio`)
            raise
        stored.result()  # a storage failure is raised here, before anything is saved
        if not metrics.has_speech or not metrics.transcript.strip():
            self._files.delete([key])
            raise InvalidInput(NO_SPEECH)
        return self._record(user_id, session_id, pending, metrics, clean_text(metrics.transcript), audio_key=key)

    def _store_answer_audio(self, key: str, samples: np.ndarray) -> None:
        self._files.put(key, encode_ogg_opus(samples), content_type="audio/ogg")

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
        """Plan the reply in a short read, word it with no transaction open, then commit answer and reply at once.

        The commit checks the turn again and the `(session_id, order_index)` unique key catches a race, so a
        double submit saves the answer once and the other gets `ALREADY_ANSWERED`.
        """
        new_answer = repo.NewMessage(
            role="candidate", kind="answer", content=content, audio_key=audio_key, metrics=metrics
        )
        with self._db.session() as db:
            record = self._session(db, user_id, session_id)
            messages = self._turn_messages(db, record, pending)
            unsaved = new_answer.row(session_id=session_id, order_index=pending.order_index)
            plan = planning.plan_reply(db, self._bank, self._interviewer, record, [*messages, unsaved], metrics)
        text = plan.word()  # the slow part (an LLM), outside any transaction
        try:
            with self._db.session() as db:
                record = self._session(db, user_id, session_id)
                messages = self._turn_messages(db, record, pending)
                answer = self._add(db, record, new_answer)
                messages.append(answer)
                reply = self._add(db, record, plan.message(text))
                if plan.completes:
                    complete_session(db, record, messages, at=self._clock(), feedback=self._feedback)
                outcome = TurnOutcome(answer=turn_of(answer), reply=turn_of(reply), completed=plan.completes)
        except IntegrityError:
            raise InvalidInput(ALREADY_ANSWERED) from None
        if outcome.completed and self._feedback is not None:
            self._feedback.after_complete(user_id=user_id, session_id=session_id)
        return outcome

    def _turn_messages(self, db: Session, record: InterviewSession, pending: _Pending) -> list[Message]:
        """The session's messages, if it still waits for the answer `pending` names; else `ALREADY_ANSWERED`."""
        messages = repo.list_messages(db, user_id=record.user_id, session_id=record.id)
        if record.status != "active" or len(messages) != pending.order_index:
            raise InvalidInput(ALREADY_ANSWERED)
        return messages

    def _add(self, db: Session, record: InterviewSession, message: repo.NewMessage) -> Message:
        row = repo.add_message(
            db, user_id=record.user_id, session_id=record.id, message=message, created_at=self._clock()
        )
        assert row is not None  # the session was loaded for this user in the same transaction
        return row

    def _state(self, db: Session, record: InterviewSession, messages: list[Message]) -> InterviewState:
        summary = summarise(record, repo.get_metrics(db, user_id=record.user_id, session_id=record.id))
        return InterviewState(
            session=summary,
            turns=tuple(turn_of(m) for m in messages),
            answered=sum(1 for m in messages if m.role == "candidate"),
            planned=planning.planned_exchanges(record),
        )
