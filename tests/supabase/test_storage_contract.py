"""SupabaseFileStore over the real `supabase` SDK and the loopback server: uploads, playback links, errors."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable

import httpx
import pytest

from igym.auth.base import SessionExpired, SignedIn
from igym.config import Settings
from igym.errors import (
    AccessDenied,
    InvalidInput,
    LimitReached,
    NotFound,
    ProviderRateLimited,
    ProviderUnavailable,
)
from igym.hosted.auth import SupabaseAuth
from igym.hosted.storage import SupabaseFileStore
from igym.storage.local import LocalFileStore
from tests.supabase.conftest import PASSWORD, SERVER_TROUBLE, file_store
from tests.supabase_server import SERVICE_KEY, SupabaseServer

OGG = b"OggS\x00fake-opus-bytes" * 50


@pytest.fixture
def store(supabase_settings: Callable[..., Settings]) -> SupabaseFileStore:
    return file_store(supabase_settings(supabase={"service_role_key": SERVICE_KEY}))


def _key(owner: uuid.UUID | str, *rest: str) -> str:
    return "/".join([str(owner), *rest])


def test_upload_download_delete_round_trip_in_private_buckets(
    store: SupabaseFileStore, supabase_server: SupabaseServer
) -> None:
    owner = uuid.uuid4()
    audio, resume = _key(owner, "answers", "s1", "000.ogg"), _key(owner, "resume", "cv.pdf")
    store.put(audio, OGG, content_type="audio/ogg")
    store.put(resume, b"%PDF-1.7 resume", content_type="application/pdf")
    assert supabase_server.object_names("answer-audio") == {audio}
    assert supabase_server.object_names("resumes") == {resume}
    upload = supabase_server.requests_to(f"/storage/v1/object/answer-audio/{owner}")[0]
    assert upload.files["file"][1] == "audio/ogg"  # the real content type, not text/plain
    assert upload.headers["authorization"] == f"Bearer {SERVICE_KEY}"
    assert store.get(audio) == OGG and store.exists(audio)
    store.put(audio, b"OggS re-recorded", content_type="audio/ogg")  # the same key again replaces the object
    assert store.get(audio) == b"OggS re-recorded"
    store.delete([audio, resume, _key(owner, "answers", "s1", "gone.ogg")])
    assert supabase_server.object_names("answer-audio") == set() == supabase_server.object_names("resumes")
    assert not store.exists(audio)
    with pytest.raises(NotFound, match="no longer stored"):
        store.get(audio)


def test_signed_url_plays_without_credentials_and_expires(
    store: SupabaseFileStore, supabase_server: SupabaseServer
) -> None:
    key = _key(uuid.uuid4(), "answers", "s1", "001.ogg")
    store.put(key, OGG, content_type="audio/ogg")
    url = store.signed_url(key, expires_in=60)
    assert url is not None and url.startswith(supabase_server.url + "/storage/v1/object/sign/answer-audio/")
    played = httpx.get(url)
    assert played.status_code == 200 and played.content == OGG
    assert played.headers["content-type"] == "audio/ogg"
    short = store.signed_url(key, expires_in=1)
    assert short is not None
    time.sleep(1.2)
    assert httpx.get(short).status_code == 400  # the link is short-lived
    with pytest.raises(NotFound):
        store.signed_url(_key(uuid.uuid4(), "answers", "missing.ogg"), expires_in=60)


def test_local_store_has_no_urls_so_pages_serve_bytes(tmp_path) -> None:  # type: ignore[no-untyped-def]
    local = LocalFileStore(tmp_path)
    local.put("u/answers/a.ogg", OGG, content_type="audio/ogg")
    assert local.signed_url("u/answers/a.ogg", expires_in=60) is None
    with pytest.raises(InvalidInput):
        local.signed_url("../escape", expires_in=60)


@pytest.mark.parametrize(
    ("failure", "error", "message"),
    [
        *SERVER_TROUBLE,
        ({"status": 413}, LimitReached, "larger than"),
        ({"status": 429}, ProviderRateLimited, "busy"),
        ({"status": 403}, AccessDenied, "refused access"),
        ({"status": 400}, ProviderUnavailable, "refused the request"),
    ],
)
def test_storage_failures_become_clear_errors(
    store: SupabaseFileStore,
    supabase_server: SupabaseServer,
    failure: dict[str, object],
    error: type,
    message: str,
) -> None:
    key = _key(uuid.uuid4(), "answers", "s1", "002.ogg")
    supabase_server.fail(path="/storage/v1/object/answer-audio", **failure)
    with pytest.raises(error, match=message) as caught:
        store.put(key, OGG, content_type="audio/ogg")
    assert SERVICE_KEY not in str(caught.value) and "http" not in str(caught.value)
    store.put(key, OGG, content_type="audio/ogg")  # the next attempt goes through
    assert store.get(key) == OGG


def test_missing_bucket_names_the_bucket_to_create(
    supabase_settings: Callable[..., Settings],
) -> None:
    store = file_store(supabase_settings(supabase={"service_role_key": SERVICE_KEY}, audio_bucket="not-created"))
    with pytest.raises(ProviderUnavailable, match="“not-created” doesn't exist"):
        store.put(_key(uuid.uuid4(), "answers", "a.ogg"), OGG, content_type="audio/ogg")


def test_bad_keys_are_refused_before_any_request(store: SupabaseFileStore, supabase_server: SupabaseServer) -> None:
    for key in ("../etc/passwd", "/abs/path.ogg", "onlyone", "u/./x.ogg", "u//x.ogg"):
        with pytest.raises(InvalidInput):
            store.put(key, OGG, content_type="audio/ogg")
    assert supabase_server.requests_to("/storage/") == []


def test_without_service_key_each_call_carries_the_users_own_token(
    supabase_settings: Callable[..., Settings], auth: SupabaseAuth, supabase_server: SupabaseServer
) -> None:
    ann = auth.sign_up(email="ann@example.com", password=PASSWORD, name=None)
    bob = auth.sign_up(email="bob@example.com", password=PASSWORD, name=None)
    assert isinstance(ann, SignedIn) and isinstance(bob, SignedIn)
    ann_id = supabase_server.user_by_email("ann@example.com").id  # type: ignore[union-attr]
    current = {"token": ann.tokens.access_token}
    store = file_store(supabase_settings(), access_token=lambda: current["token"])
    key = _key(ann_id, "answers", "s1", "000.ogg")
    store.put(key, OGG, content_type="audio/ogg")
    upload = supabase_server.requests_to("/storage/v1/object/answer-audio/")[-1]
    assert upload.headers["authorization"] == f"Bearer {ann.tokens.access_token}"
    assert store.signed_url(key, expires_in=30) is not None
    current["token"] = bob.tokens.access_token
    with pytest.raises(AccessDenied):
        store.get(key)  # Bob's token cannot read Ann's object
    current["token"] = None  # type: ignore[assignment]
    with pytest.raises(AccessDenied, match="signed-in user"):
        store.get(key)


def test_expired_user_token_asks_to_sign_in_again(
    supabase_settings: Callable[..., Settings], auth: SupabaseAuth, supabase_server: SupabaseServer
) -> None:
    supabase_server.access_ttl_s = 1
    ann = auth.sign_up(email="cat@example.com", password=PASSWORD, name=None)
    assert isinstance(ann, SignedIn)
    ann_id = supabase_server.user_by_email("cat@example.com").id  # type: ignore[union-attr]
    store = file_store(supabase_settings(), access_token=lambda: ann.tokens.access_token)
    time.sleep(1.2)
    with pytest.raises(SessionExpired, match="sign in again") as caught:
        store.put(_key(ann_id, "answers", "a.ogg"), OGG, content_type="audio/ogg")
    assert ann.tokens.access_token not in str(caught.value)
