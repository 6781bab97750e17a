"""The interview engine, driven with typed and spoken answers, offline."""

from __future__ import annotations

import uuid
from collections.abc import Callable

import pytest

from igym.db import repository as repo
from igym.errors import InvalidInput, NotFound
from igym.interview.engine import ALREADY_ANSWERED, InterviewEngine
from igym.services import AppServices
from tests.interview.conftest import Clock

STRONG = (
    "At my last company our checkout page was slow and customers were leaving. My task was to cut the load "
    "time before the holiday sale. I profiled the page, I found three blocking scripts, and I moved them to "
    "load after the content. I also added caching for the product images. As a result the load time dropped "
    "from four seconds to one point two seconds and conversion went up by eight percent."
)
SHORT = "I just worked hard and it was fine."
WE_ONLY = (
    "We had a big migration at work. We planned it together for weeks and we split the work across the team. "
    "We ran the scripts over a weekend and we checked the data together afterwards, and we were happy that "
    "the whole team pulled through, and in the end we finished it and the result was that it worked."
)
NO_RESULT = (
    "There was a conflict between design and engineering about the new onboarding flow. I set up a meeting "
    "with both leads, I listened to both sides and I wrote down the constraints. Then I proposed a compromise "
    "where the team would build the simple version first and try the richer version with a small group of users."
)


def _start(services: AppServices, engine: InterviewEngine, user: uuid.UUID, difficulty: str = "warm_up",
           interview_type: str = "behavioral", now=None) -> uuid.UUID:  # type: ignore[no-untyped-def]
    session = services.sessions.create(user_id=user, interview_type=interview_type, difficulty=difficulty, now=now)
    engine.begin(user_id=user, session_id=session.id)
    return session.id


def _run(engine: InterviewEngine, user: uuid.UUID, session_id: uuid.UUID, answer: str) -> list[str]:
    kinds = []
    for _ in range(20):
        outcome = engine.answer_text(user_id=user, session_id=session_id, text=answer)
        kinds.append(outcome.reply.kind or "")
        if outcome.completed:
            return kinds
    raise AssertionError("the interview never ended")


def test_strong_answers_run_a_warm_up_to_completion_without_repeats(
    services: AppServices, make_engine: Callable[..., InterviewEngine], candidate: uuid.UUID
) -> None:
    engine = make_engine()
    session_id = _start(services, engine, candidate)
    first = engine.state(user_id=candidate, session_id=session_id)
    assert first.awaiting_answer and first.current_prompt and first.current_prompt.startswith("Hi Kim")
    kinds = _run(engine, candidate, session_id, STRONG)
    assert kinds[-1] == "wrap_up" and kinds.count("follow_up") == 0
    state = engine.state(user_id=candidate, session_id=session_id)
    assert state.session.status == "completed" and state.answered == 5
    assert len(state.turns) == 2 * 5 + 1  # two messages per exchange, then the wrap-up line
    with services.db.session() as db:
        asked = [m.question_id for m in repo.list_messages(db, user_id=candidate, session_id=session_id)
                 if m.kind == "question"]
        metrics = repo.get_metrics(db, user_id=candidate, session_id=session_id)
    assert len(asked) == len(set(asked)) == 5
    assert metrics is not None and metrics.questions_answered == 5 and metrics.total_words > 300


@pytest.mark.parametrize(
    ("answer", "expected"),
    [(SHORT, "specific example"), (WE_ONLY, "personally"), (NO_RESULT, "outcome")],
)
def test_follow_ups_fit_the_answer(
    services: AppServices, make_engine: Callable[..., InterviewEngine], candidate: uuid.UUID, answer: str,
    expected: str,
) -> None:
    engine = make_engine()
    session_id = _start(services, engine, candidate, difficulty="standard")
    outcome = engine.answer_text(user_id=candidate, session_id=session_id, text=answer)
    assert outcome.reply.kind == "follow_up"
    assert expected in outcome.reply.content


def test_intense_follows_up_more_than_warm_up_for_the_same_answers(
    services: AppServices, make_engine: Callable[..., InterviewEngine], candidate: uuid.UUID
) -> None:
    engine = make_engine()
    warm = _run(engine, candidate, _start(services, engine, candidate, "warm_up"), NO_RESULT)
    intense = _run(engine, candidate, _start(services, engine, candidate, "intense"), NO_RESULT)
    assert warm.count("follow_up") == 1 < intense.count("follow_up")
    assert len(warm) == 5 and len(intense) == 8


def test_the_same_nudge_is_never_repeated_about_one_question(
    services: AppServices, make_engine: Callable[..., InterviewEngine], candidate: uuid.UUID
) -> None:
    engine = make_engine()
    session_id = _start(services, engine, candidate, difficulty="intense")  # two follow-ups in a row allowed
    first = engine.answer_text(user_id=candidate, session_id=session_id, text=SHORT)
    second = engine.answer_text(user_id=candidate, session_id=session_id, text=SHORT)
    assert first.reply.kind == "follow_up" and "specific example" in first.reply.content
    assert second.reply.kind == "follow_up" and second.reply.content != first.reply.content
    assert "specific example" not in second.reply.content  # a second "be specific" would only nag
    third = engine.answer_text(user_id=candidate, session_id=session_id, text=SHORT)
    assert third.reply.kind == "question"  # the in-a-row budget is spent: move on


def test_a_restarted_engine_resumes_where_the_session_stopped(
    services: AppServices, make_engine: Callable[..., InterviewEngine], candidate: uuid.UUID
) -> None:
    engine = make_engine()
    session_id = _start(services, engine, candidate)
    engine.answer_text(user_id=candidate, session_id=session_id, text=STRONG)
    before = engine.state(user_id=candidate, session_id=session_id)
    restarted = make_engine()  # a new process: nothing but the database
    after = restarted.begin(user_id=candidate, session_id=session_id)  # a refresh calls begin again
    assert after.turns == before.turns and after.current_prompt == before.current_prompt
    assert _run(restarted, candidate, session_id, STRONG)[-1] == "wrap_up"


def test_a_double_submit_records_the_answer_once(
    services: AppServices, make_engine: Callable[..., InterviewEngine], candidate: uuid.UUID
) -> None:
    engine = make_engine()
    session_id = _start(services, engine, candidate)
    pending = engine._pending(candidate, session_id)  # both tabs read the same question...
    engine.answer_text(user_id=candidate, session_id=session_id, text=STRONG)
    from igym.analysis.answer import analyze_text

    with pytest.raises(InvalidInput, match="already answered"):  # ...the second write is refused
        engine._record(candidate, session_id, pending, analyze_text(STRONG), STRONG, audio_key=None)
    assert engine.state(user_id=candidate, session_id=session_id).answered == 1
    assert ALREADY_ANSWERED.startswith("This question")


def test_abandon_and_inactivity_keep_what_was_said(
    services: AppServices, make_engine: Callable[..., InterviewEngine], candidate: uuid.UUID, clock: Clock
) -> None:
    engine = make_engine()
    left = _start(services, engine, candidate, now=clock())
    engine.answer_text(user_id=candidate, session_id=left, text=STRONG)
    assert engine.abandon(user_id=candidate, session_id=left).session.status == "abandoned"
    with pytest.raises(InvalidInput, match="has ended"):
        engine.answer_text(user_id=candidate, session_id=left, text=STRONG)

    idle = _start(services, engine, candidate, now=clock())
    engine.answer_text(user_id=candidate, session_id=idle, text=STRONG)
    clock.advance(minutes=29)
    assert engine.expire_inactive(user_id=candidate) == 0
    clock.advance(minutes=2)
    assert engine.expire_inactive(user_id=candidate) == 1
    state = engine.state(user_id=candidate, session_id=idle)
    assert state.session.status == "abandoned" and state.answered == 1
    assert state.turns[1].content == STRONG


def test_bad_typed_answers_are_refused_with_reasons(
    services: AppServices, make_engine: Callable[..., InterviewEngine], candidate: uuid.UUID
) -> None:
    engine = make_engine()
    session_id = _start(services, engine, candidate)
    with pytest.raises(InvalidInput, match="Type an answer"):
        engine.answer_text(user_id=candidate, session_id=session_id, text="   ")
    with pytest.raises(InvalidInput, match="limit is 8,000"):
        engine.answer_text(user_id=candidate, session_id=session_id, text="word " * 2000)
    html = "<script>alert('x')</script> <b>I led the team</b>"
    outcome = engine.answer_text(user_id=candidate, session_id=session_id, text=html)
    assert outcome.answer.content == html  # stored verbatim as text; pages render it as text


def test_another_users_session_cannot_be_read_or_answered(
    services: AppServices, make_engine: Callable[..., InterviewEngine], candidate: uuid.UUID
) -> None:
    engine = make_engine()
    session_id = _start(services, engine, candidate)
    intruder = services.auth.sign_up(email="intruder@example.com", password="long-river-88", name=None).id
    for call in (engine.state, engine.begin, engine.abandon):
        with pytest.raises(NotFound):
            call(user_id=intruder, session_id=session_id)
    with pytest.raises(NotFound):
        engine.answer_text(user_id=intruder, session_id=session_id, text=STRONG)


def test_a_spoken_answer_is_stored_transcribed_and_measured(
    services: AppServices, make_engine: Callable[..., InterviewEngine], candidate: uuid.UUID, piper
) -> None:  # type: ignore[no-untyped-def]
    import numpy as np

    from bench.speech_audio import PIPER_RATE, silence, wav_bytes

    speech = np.concatenate([silence(0.8), piper("I led the migration of our billing service."), silence(1.5),
                             piper("We finished two weeks early and cut failed payments by thirty percent."),
                             silence(0.5)])
    engine = make_engine()
    session_id = _start(services, engine, candidate)
    outcome = engine.answer_audio(user_id=candidate, session_id=session_id, data=wav_bytes(speech, PIPER_RATE))
    answer = outcome.answer
    # both sentences, either side of the pause, are in the transcript (tiny.en sometimes drops a last word)
    assert "billing" in answer.content.lower() and "two weeks" in answer.content.lower()
    assert answer.audio_key and services.files.get(answer.audio_key)[:4] == b"OggS"
    assert answer.metrics is not None and answer.metrics.pause_count == 1
    assert answer.metrics.response_latency_s is not None and 0.5 < answer.metrics.response_latency_s < 1.1
    # word start times line up with the shown words, so the feedback page can mark the pause in place
    starts = answer.metrics.word_starts
    assert len(starts) == len(answer.content.split()) and all(t is not None for t in starts)
    pause = answer.metrics.pauses[0]
    first_after = next(n for n, t in enumerate(starts) if t is not None and t >= pause.end_s - 0.05)
    assert answer.content.split()[first_after].lower().strip(",.") in {"we", "finished"}

    with pytest.raises(InvalidInput, match="couldn't hear any speech"):
        engine.answer_audio(user_id=candidate, session_id=session_id, data=wav_bytes(silence(3.0), PIPER_RATE))
    assert engine.state(user_id=candidate, session_id=session_id).answered == 1  # nothing saved for silence


class _FailingTranscriber:
    def transcribe(self, audio, *, prompt=None):  # type: ignore[no-untyped-def]
        from igym.errors import ProviderError

        raise ProviderError("The transcription service failed.")


class _RefusingStore:
    """A file store that is full: every put fails (the engine stores the recording beside the transcription)."""

    def __init__(self, inner) -> None:  # type: ignore[no-untyped-def]
        self.inner = inner

    def put(self, key: str, data: bytes, *, content_type: str) -> None:
        from igym.errors import LimitReached

        raise LimitReached("This server's disk is full, so the file couldn't be stored.")

    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
        return getattr(self.inner, name)


def _spoken(piper) -> bytes:  # type: ignore[no-untyped-def]
    import numpy as np

    from bench.speech_audio import PIPER_RATE, silence, wav_bytes

    return wav_bytes(np.concatenate([silence(0.5), piper("I led the migration of our billing service."),
                                     silence(0.5)]), PIPER_RATE)


def test_a_failed_transcription_keeps_the_recording_stored_and_saves_no_answer(
    services: AppServices, make_engine: Callable[..., InterviewEngine], candidate: uuid.UUID, piper
) -> None:  # type: ignore[no-untyped-def]
    from igym.errors import ProviderError

    engine = make_engine(transcriber=_FailingTranscriber())
    session_id = _start(services, engine, candidate)
    with pytest.raises(ProviderError):
        engine.answer_audio(user_id=candidate, session_id=session_id, data=_spoken(piper), turn_index=1)
    key = f"{candidate}/answers/{session_id}/001.ogg"
    assert services.files.exists(key) and services.files.get(key)[:4] == b"OggS"  # stored by the time it raised
    assert engine.state(user_id=candidate, session_id=session_id).answered == 0


def test_a_recording_that_cannot_be_stored_fails_the_answer_and_saves_nothing(
    services: AppServices, make_engine: Callable[..., InterviewEngine], candidate: uuid.UUID, piper
) -> None:  # type: ignore[no-untyped-def]
    from igym.errors import LimitReached

    engine = make_engine(files=_RefusingStore(services.files))
    session_id = _start(services, engine, candidate)
    with pytest.raises(LimitReached, match="disk is full"):
        engine.answer_audio(user_id=candidate, session_id=session_id, data=_spoken(piper), turn_index=1)
    assert engine.state(user_id=candidate, session_id=session_id).answered == 0
