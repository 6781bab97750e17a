"""Hosted file storage down as an answer ends: the answer is kept, the candidate is told, nothing is lost.

The real `supabase` SDK talks to the loopback Supabase, which fails Storage requests on demand; speech-to-text
is the loopback Groq. SQLite holds the rows (the Postgres variant of the hosted path is test_hosted_path).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import pytest

from bench.speech_audio import PIPER_RATE, silence, wav_bytes
from igym import notices
from igym.config import Settings
from igym.db import repository as repo
from igym.errors import NotFound, ProviderUnavailable
from igym.services import AppServices, build_services
from igym.storage.spool import AUDIO_KEPT, SpoolingFileStore
from igym.ui.feedback_page import RECORDING_GONE, RECORDING_UNREACHABLE, recording_problem
from tests.groq_server import GroqServer
from tests.supabase.conftest import PASSWORD
from tests.supabase_server import SERVICE_KEY, SupabaseServer

STORAGE = "/storage/v1/object"


@pytest.fixture
def hosted(supabase_settings: Callable[..., Settings], tmp_path: Path) -> Iterator[AppServices]:
    with GroqServer() as groq:
        services = build_services(
            supabase_settings(
                database_url_raw=f"sqlite:///{tmp_path / 'hosted.db'}",
                supabase={"service_role_key": SERVICE_KEY},
                groq={"api_key": "gsk_loopback_key_0123456789abcdef", "base_url": groq.url},
                stt_provider="groq",
                tts_provider="offline",
                llm_provider="offline",
            )
        )
        yield services
        services.db.engine.dispose()


def _spoken(piper: Callable[[str], np.ndarray]) -> bytes:
    words = piper("I rebuilt the release process and cut failures in half.")
    return wav_bytes(np.concatenate([silence(0.4), words, silence(0.4)]), PIPER_RATE)


def _started(hosted: AppServices, email: str):  # type: ignore[no-untyped-def]
    """The spooling file store, and a new account's started interview (user id, session id)."""
    assert isinstance(hosted.files, SpoolingFileStore)
    account = hosted.auth.sign_up(email=email, password=PASSWORD, name="Rae").account  # type: ignore[union-attr]
    session = hosted.sessions.create(user_id=account.id, interview_type="behavioral", difficulty="standard")
    hosted.engine.begin(user_id=account.id, session_id=session.id)
    return hosted.files, account.id, session.id


def test_an_answer_whose_upload_fails_is_kept_and_uploaded_when_storage_is_back(
    hosted: AppServices, supabase_server: SupabaseServer, piper: Callable[[str], np.ndarray]
) -> None:
    files, user, session_id = _started(hosted, "rae@example.com")
    supabase_server.fail(100, status=503, path=STORAGE)  # Storage is down as the answer ends

    with notices.collect() as told:
        outcome = hosted.engine.answer_audio(user_id=user, session_id=session_id, data=_spoken(piper), turn_index=1)

    assert outcome.answer.content.startswith("w0") and outcome.reply.role == "interviewer"  # transcribed, saved
    assert told == [AUDIO_KEPT] and "saved" in AUDIO_KEPT
    with hosted.db.session() as db:
        [answer] = [m for m in repo.list_messages(db, user_id=user, session_id=session_id) if m.role == "candidate"]
    key = answer.audio_key
    assert key is not None and files.pending() == [key]
    assert supabase_server.object_names("answer-audio") == set()
    assert files.signed_url(key, expires_in=60) is None  # still down: the page plays the kept bytes
    assert files.get(key).startswith(b"OggS")

    with supabase_server._lock:
        supabase_server._failures.clear()  # Storage is back
    assert files.upload_pending() == 1

    assert files.pending() == [] and supabase_server.object_names("answer-audio") == {key}
    assert files.signed_url(key, expires_in=60)  # now a hosted link


def test_the_next_upload_sends_what_was_kept(
    hosted: AppServices, supabase_server: SupabaseServer, piper: Callable[[str], np.ndarray]
) -> None:
    files, user, session_id = _started(hosted, "sam@example.com")
    supabase_server.fail(1, status=503, path=STORAGE)
    hosted.engine.answer_audio(user_id=user, session_id=session_id, data=_spoken(piper), turn_index=1)
    assert len(files.pending()) == 1

    hosted.engine.answer_audio(user_id=user, session_id=session_id, data=_spoken(piper), turn_index=3)

    assert files.pending() == [] and len(supabase_server.object_names("answer-audio")) == 2


def test_a_recording_storage_cannot_reach_is_unreachable_not_gone(
    hosted: AppServices, supabase_server: SupabaseServer
) -> None:
    key = f"{hosted.auth.sign_up(email='lee@example.com', password=PASSWORD, name=None).account.id}/answers/s/000.ogg"  # type: ignore[union-attr]
    hosted.files.put(key, b"OggS-recording", content_type="audio/ogg")
    supabase_server.fail(3, status=503, path=STORAGE)

    with pytest.raises(ProviderUnavailable) as down:
        hosted.files.signed_url(key, expires_in=60)

    assert recording_problem(down.value) == RECORDING_UNREACHABLE and "right now" in RECORDING_UNREACHABLE
    assert recording_problem(NotFound("That file is no longer stored.")) == RECORDING_GONE


def test_a_resume_upload_that_fails_still_says_so(hosted: AppServices, supabase_server: SupabaseServer) -> None:
    account = hosted.auth.sign_up(email="kim@example.com", password=PASSWORD, name=None).account  # type: ignore[union-attr]
    supabase_server.fail(1, status=503, path=STORAGE)

    with pytest.raises(ProviderUnavailable):
        hosted.files.put(f"{account.id}/resume/cv.pdf", b"%PDF-1.4", content_type="application/pdf")
