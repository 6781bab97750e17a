"""Hosted-mode settings, the sealed cookie payload, and what account deletion does without a service key."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from igym.accounts.users import UserService
from igym.auth.base import SignedIn
from igym.auth.local import LocalAuth
from igym.auth.tokens import TokenSigner
from igym.config import Settings
from igym.db import repository as repo
from igym.db.engine import Database
from igym.hosted.auth import SupabaseAuth
from igym.hosted.storage import SupabaseFileStore
from igym.services import build_services
from igym.storage.local import LocalFileStore
from igym.storage.spool import SpoolingFileStore
from tests.conftest import make_settings
from tests.supabase.conftest import PASSWORD, file_store
from tests.supabase_server import SupabaseServer

NOW = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)


def test_hosted_settings_have_documented_defaults_and_env_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    defaults = make_settings(tmp_path)
    assert (defaults.audio_bucket, defaults.resume_bucket) == ("answer-audio", "resumes")
    assert defaults.signed_url_ttl_s == 300 and defaults.auth_redirect_url is None
    monkeypatch.setenv("IGYM_AUDIO_BUCKET", "voice")
    monkeypatch.setenv("IGYM_RESUME_BUCKET", "cvs")
    monkeypatch.setenv("IGYM_SIGNED_URL_TTL_S", "60")
    monkeypatch.setenv("IGYM_SUPABASE_TIMEOUT_S", "4")
    monkeypatch.setenv("IGYM_AUTH_REDIRECT_URL", " ")
    configured = Settings(_env_file=None)  # type: ignore[call-arg]
    assert (configured.audio_bucket, configured.resume_bucket, configured.signed_url_ttl_s) == ("voice", "cvs", 60)
    assert configured.supabase.timeout_s == 4.0 and configured.auth_redirect_url is None


def test_services_pick_supabase_only_when_configured(
    tmp_path: Path, supabase_settings: Callable[..., Settings]
) -> None:
    local = build_services(make_settings(tmp_path / "local"))
    assert isinstance(local.auth, LocalAuth) and isinstance(local.files, LocalFileStore)
    hosted = build_services(supabase_settings())
    assert isinstance(hosted.auth, SupabaseAuth) and isinstance(hosted.files, SpoolingFileStore)
    assert isinstance(hosted.files.inner, SupabaseFileStore)
    assert not hosted.auth.can_delete_identities  # no service key given
    for built in (local, hosted):
        built.db.engine.dispose()


def test_sealed_payload_is_unreadable_tamper_proof_and_expires() -> None:
    signer = TokenSigner(b"0123456789abcdef-secret", lifetime=timedelta(days=30))
    sealed = signer.seal({"rt": "refresh-me", "uid": "u1"}, now=NOW)
    assert "refresh-me" not in sealed and len(sealed) < 4000
    assert signer.unseal(sealed, now=NOW + timedelta(days=29)) == {"rt": "refresh-me", "uid": "u1"}
    assert signer.unseal(sealed, now=NOW + timedelta(days=31)) is None
    tampered = sealed[:-6] + ("A" if sealed[-6] != "A" else "B") + sealed[-5:]
    assert signer.unseal(tampered, now=NOW) is None
    other = TokenSigner(b"another-secret-key-0000", lifetime=timedelta(days=30))
    assert other.unseal(sealed, now=NOW) is None
    assert signer.unseal("s1." + "A" * 43, now=NOW) is None  # a local-mode cookie (a sign-in token)
    assert signer.unseal(None) is None and signer.unseal("x" * 5000) is None


def test_without_service_key_deletion_removes_rows_and_files_but_keeps_the_identity(
    supabase_settings: Callable[..., Settings], sqlite_db: Database, supabase_server: SupabaseServer
) -> None:
    settings = supabase_settings()
    hosted = build_services(settings.model_copy(update={"database_url_raw": str(sqlite_db.engine.url)}))
    assert isinstance(hosted.auth, SupabaseAuth)
    created = hosted.auth.sign_up(email="hana@example.com", password=PASSWORD, name=None)
    assert isinstance(created, SignedIn)
    store = file_store(settings, access_token=lambda: created.tokens.access_token)
    key = f"{created.account.id}/resume/cv.pdf"
    store.put(key, b"%PDF-1.7", content_type="application/pdf")
    with hosted.db.session() as db:
        repo.upsert_resume(db, user_id=created.account.id, file_name="cv.pdf", storage_key=key, size_bytes=8)
    users = UserService(hosted.db, delete_files=store.delete)  # what build_services wires, with the user's token
    users.delete_account(user_id=created.account.id)
    assert hosted.auth.account(created.account.id) is None
    assert supabase_server.object_names("resumes") == set()
    assert supabase_server.user_by_email("hana@example.com") is not None  # documented: needs the service key
    again = hosted.auth.sign_in(email="hana@example.com", password=PASSWORD)
    assert again.account.onboarding_completed is False  # a fresh, empty account
    hosted.db.engine.dispose()
