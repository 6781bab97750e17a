"""Two users signed in at the same time in one process never see each other's identity, sessions or files.

Each thread plays one browser session: it keeps its own tokens (as `st.session_state` does) and every call goes
through the *shared* `SupabaseAuth`, `SupabaseFileStore` and `UserService`, the way the app shares them. A
barrier interleaves the two threads step by step, so a client (or header) left over from one user's call would
be used for the other's next call and show up below.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable

import jwt
import pytest

from igym.accounts.users import UserService
from igym.auth.base import SessionTokens, SignedIn
from igym.config import Settings
from igym.db.engine import Database
from igym.errors import AccessDenied, IgymError
from igym.hosted.auth import SupabaseAuth
from igym.interview.sessions import SessionService
from tests.supabase.conftest import PASSWORD, file_store
from tests.supabase_server import ANON_KEY, JWT_SECRET, SupabaseServer

ROUNDS = 4


class BrowserState(threading.local):
    """Per-thread stand-in for one browser session's `st.session_state`."""

    tokens: SessionTokens | None = None


def test_two_users_at_once_never_cross(
    auth: SupabaseAuth,
    supabase_settings: Callable[..., Settings],
    supabase_server: SupabaseServer,
    sqlite_db: Database,
) -> None:
    state = BrowserState()
    # No service key: every storage call must carry the calling session's own token.
    store = file_store(supabase_settings(), access_token=lambda: state.tokens.access_token if state.tokens else None)
    users, sessions = UserService(sqlite_db), SessionService(sqlite_db, sessions_per_day=50)
    barrier = threading.Barrier(2, timeout=30)
    ids: dict[str, uuid.UUID] = {}
    errors: list[BaseException] = []
    seen: dict[str, list[str]] = {"ann@example.com": [], "bob@example.com": []}

    def payload(email: str, index: int) -> bytes:
        return f"OggS answer {index} by {email}".encode()

    def browser(email: str, other: str) -> None:
        try:
            created = auth.sign_up(email=email, password=PASSWORD, name=email.split("@")[0])
            assert isinstance(created, SignedIn)
            state.tokens = created.tokens
            me = ids[email] = created.account.id
            barrier.wait()
            for index in range(ROUNDS):
                signed_in = auth.sign_in(email=email, password=PASSWORD)
                state.tokens = signed_in.tokens
                assert signed_in.account.id == me
                barrier.wait()
                key = f"{me}/answers/s/{index:03d}.ogg"
                store.put(key, payload(email, index), content_type="audio/ogg")
                sessions.create(user_id=me, interview_type="behavioral", difficulty="standard")
                barrier.wait()
                assert store.get(key) == payload(email, index)
                assert auth.verify(state.tokens).email == email
                refreshed = auth.refresh(state.tokens)
                state.tokens = refreshed.tokens
                assert refreshed.account.id == me
                profile = users.get_profile(user_id=me)
                assert profile.account.email == email and profile.stats.total_sessions == index + 1
                seen[email] += [s.id.hex for s in sessions.history(user_id=me)]
                barrier.wait()
            with pytest.raises(AccessDenied):
                store.get(f"{ids[other]}/answers/s/000.ogg")
            auth.sign_out(state.tokens)
        except BaseException as exc:  # re-raised in the main thread
            errors.append(exc)
            barrier.abort()

    threads = [
        threading.Thread(target=browser, args=("ann@example.com", "bob@example.com")),
        threading.Thread(target=browser, args=("bob@example.com", "ann@example.com")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    real = [e for e in errors if not isinstance(e, threading.BrokenBarrierError)]
    if real or errors:
        raise (real or errors)[0]

    ann, bob = ids["ann@example.com"], ids["bob@example.com"]
    assert ann != bob
    assert not set(seen["ann@example.com"]) & set(seen["bob@example.com"])  # sessions never cross
    ann_objects = {n for n in supabase_server.object_names("answer-audio") if n.startswith(str(ann))}
    assert len(ann_objects) == ROUNDS and len(supabase_server.object_names("answer-audio")) == 2 * ROUNDS
    for stored in supabase_server.objects["answer-audio"].values():
        assert stored.owner is not None and stored.data.endswith(
            b"ann@example.com" if stored.owner == str(ann) else b"bob@example.com"
        )

    # Every request on the wire: anonymous calls carry the anon key, never a token left over from a user;
    # storage calls carry the token of the user whose folder they touch (the one deliberate cross read aside).
    cross_reads = 0
    for request in supabase_server.requests:
        bearer = request.headers.get("authorization", "").removeprefix("Bearer ")
        if request.path.startswith("/auth/v1/token") or request.path.startswith("/auth/v1/signup"):
            assert bearer == ANON_KEY
        elif request.path.startswith("/storage/v1/object/answer-audio/"):
            owner = request.path.removeprefix("/storage/v1/object/answer-audio/").split("/")[0]
            sub = jwt.decode(bearer, JWT_SECRET, algorithms=["HS256"], audience="authenticated")["sub"]
            cross_reads += sub != owner
    assert cross_reads == 2  # exactly the two refused attempts above


def test_a_failed_call_leaves_nothing_behind_for_the_next_user(
    auth: SupabaseAuth, supabase_server: SupabaseServer
) -> None:
    ann = auth.sign_up(email="ann@example.com", password=PASSWORD, name=None)
    assert isinstance(ann, SignedIn)
    supabase_server.fail(path="/auth/v1/user", status=500)
    with pytest.raises(IgymError):
        auth.verify(ann.tokens)
    bob = auth.sign_up(email="bob@example.com", password=PASSWORD, name=None)
    assert isinstance(bob, SignedIn)
    assert auth.verify(bob.tokens).email == "bob@example.com"
    assert supabase_server.requests_to("/auth/v1/signup")[-1].headers["authorization"] == f"Bearer {ANON_KEY}"
