"""The whole hosted path on a real PostgreSQL and the loopback Supabase (and Groq, for speech-to-text):

sign up -> session -> an answer's audio stored in Storage -> a playback URL that plays it -> account deletion
removes the rows, the objects and the Supabase identity.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import httpx
import numpy as np
import pytest
from sqlalchemy import func, select

from bench.speech_audio import PIPER_RATE, silence, wav_bytes
from igym.auth.base import SignedIn
from igym.config import Settings
from igym.db import repository as repo
from igym.db.tables import InterviewSession, Message, User
from igym.hosted.auth import SupabaseAuth
from igym.hosted.storage import SupabaseFileStore
from igym.services import AppServices, build_services
from igym.storage.spool import SpoolingFileStore
from tests.groq_server import GroqServer
from tests.supabase.conftest import PASSWORD
from tests.supabase_server import SERVICE_KEY, SupabaseServer


@pytest.fixture
def hosted(
    database_url: str, supabase_settings: Callable[..., Settings], supabase_server: SupabaseServer
) -> Iterator[AppServices]:
    with GroqServer() as groq:
        settings = supabase_settings(
            database_url_raw=database_url,
            supabase={"service_role_key": SERVICE_KEY},
            groq={"api_key": "gsk_loopback_key_0123456789abcdef", "base_url": groq.url},
            stt_provider="groq",
            tts_provider="offline",
            llm_provider="offline",
        )
        services = build_services(settings)
        yield services
        services.db.engine.dispose()


@pytest.mark.postgres
@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
def test_hosted_path_from_sign_up_to_account_deletion(
    hosted: AppServices, supabase_server: SupabaseServer, piper: Callable[[str], np.ndarray]
) -> None:
    assert hosted.db.engine.dialect.name == "postgresql"
    assert isinstance(hosted.auth, SupabaseAuth) and isinstance(hosted.files, SpoolingFileStore)
    assert isinstance(hosted.files.inner, SupabaseFileStore)

    signed_up = hosted.auth.sign_up(email="rae@example.com", password=PASSWORD, name="Rae")
    assert isinstance(signed_up, SignedIn)
    account = signed_up.account
    restored = hosted.auth.refresh(signed_up.tokens)  # what a page refresh does with the sealed cookie
    assert restored.account == hosted.auth.account(account.id)

    session = hosted.sessions.create(user_id=account.id, interview_type="behavioral", difficulty="standard")
    hosted.engine.begin(user_id=account.id, session_id=session.id)
    words = piper("I rebuilt the release process and cut failures in half.")
    spoken = np.concatenate([silence(0.4), words, silence(0.4)])
    audio = wav_bytes(spoken, PIPER_RATE)
    outcome = hosted.engine.answer_audio(user_id=account.id, session_id=session.id, data=audio)
    assert outcome.answer.content  # transcribed (by the loopback Groq)

    with hosted.db.session() as db:
        [answer] = [m for m in repo.list_messages(db, user_id=account.id, session_id=session.id) if m.audio_key]
        key = answer.audio_key
    assert key is not None and key.startswith(f"{account.id}/answers/")
    assert supabase_server.object_names("answer-audio") == {key}
    upload = supabase_server.requests_to("/storage/v1/object/answer-audio/")[0]
    assert upload.files["file"][1] == "audio/ogg"

    url = hosted.files.signed_url(key, expires_in=hosted.settings.signed_url_ttl_s)
    assert url is not None
    played = httpx.get(url)
    assert played.status_code == 200 and played.content.startswith(b"OggS")
    assert played.content == hosted.files.get(key)

    hosted.files.put(f"{account.id}/resume/cv.pdf", b"%PDF-1.7", content_type="application/pdf")
    with hosted.db.session() as db:
        repo.upsert_resume(
            db,
            user_id=account.id,
            file_name="cv.pdf",
            storage_key=f"{account.id}/resume/cv.pdf",
            content_type="application/pdf",
            size_bytes=8,
            raw_text="Rae",
            parsed_data=None,
        )

    hosted.users.delete_account(user_id=account.id)

    with hosted.db.session() as db:
        for table in (User, InterviewSession, Message):
            assert db.scalar(select(func.count()).select_from(table)) == 0
    assert supabase_server.object_names("answer-audio") == set() == supabase_server.object_names("resumes")
    assert supabase_server.user_by_email("rae@example.com") is None
    assert httpx.get(url).status_code in (400, 404)  # the playback link plays nothing any more
