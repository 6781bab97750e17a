"""Brute-force defence without lock-out abuse, bounded argon2 work, and server-side sign-ins."""

from __future__ import annotations

import threading
import time
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from argon2 import PasswordHasher
from hypothesis import given, settings
from hypothesis import strategies as st

from igym.auth.local import LocalAuth
from igym.auth.passwords import PasswordHashing
from igym.auth.sign_ins import SignIns
from igym.auth.throttle import SignInThrottle, ThrottleRules
from igym.auth.tokens import TokenSigner
from igym.db.engine import Database
from igym.errors import InvalidCredentials, InvalidInput, NotFound, TooManyAttempts
from tests.support.threads import run_together

GOOD = "blue-harbour-42"
WRONG = "wrong-pass-1"
START = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


class CountingHasher(PasswordHasher):
    """The real argon2 hasher, counting verifications and how many run at the same moment."""

    def __init__(self) -> None:
        super().__init__(time_cost=1, memory_cost=8192, parallelism=1)
        self.verifications = 0
        self.inside = 0
        self.most_inside = 0
        self._lock = threading.Lock()

    def verify(self, hash: str | bytes, password: str | bytes) -> bool:
        with self._lock:
            self.verifications += 1
            self.inside += 1
            self.most_inside = max(self.most_inside, self.inside)
        try:
            time.sleep(0.02)  # long enough that unguarded calls would overlap
            return super().verify(hash, password)
        finally:
            with self._lock:
                self.inside -= 1


def _auth(database: Database, clock: Clock, hasher: CountingHasher | None = None, **rules: float) -> LocalAuth:
    return LocalAuth(
        database,
        hashing=PasswordHashing(max_concurrent=2, hasher=hasher or CountingHasher()),
        throttle=SignInThrottle(ThrottleRules(free_failures=3, base_s=2, max_s=60, **rules)),  # type: ignore[arg-type]
        clock=clock,
    )


def _attempt(auth: LocalAuth, email: str, password: str, **kwargs: str) -> str:
    try:
        auth.sign_in(email=email, password=password, **kwargs)
    except InvalidCredentials as exc:
        return f"wrong: {exc}"
    except TooManyAttempts as exc:
        return f"wait {exc.retry_after_s}: {exc}"
    return "signed in"


def test_the_right_password_passes_after_a_short_growing_wait(database: Database) -> None:
    clock = Clock()
    auth = _auth(database, clock)
    auth.sign_up(email="owner@example.com", password=GOOD, name=None)
    for _ in range(3):  # free mistakes
        assert _attempt(auth, "owner@example.com", WRONG).startswith("wrong")
    waits = []
    for _ in range(7):
        blocked = _attempt(auth, "owner@example.com", GOOD)  # even the right password waits its turn...
        assert blocked.startswith("wait")
        waits.append(int(blocked.split()[1].rstrip(":")))
        clock.advance(waits[-1])
        assert _attempt(auth, "owner@example.com", WRONG).startswith("wrong")  # an attacker's next guess
    assert waits == [2, 4, 8, 16, 32, 60, 60]  # doubling, capped: never a lock-out
    clock.advance(60)
    assert _attempt(auth, "owner@example.com", GOOD) == "signed in"  # ...and passes once it is over
    assert _attempt(auth, "owner@example.com", WRONG).startswith("wrong")  # the count starts again


def test_hammering_inside_the_wait_does_not_lengthen_it(database: Database) -> None:
    clock = Clock()
    auth = _auth(database, clock)
    auth.sign_up(email="owner@example.com", password=GOOD, name=None)
    for _ in range(4):
        _attempt(auth, "owner@example.com", WRONG)
    for _ in range(50):
        assert _attempt(auth, "owner@example.com", WRONG).startswith("wait 2")
    clock.advance(2)
    assert _attempt(auth, "owner@example.com", GOOD) == "signed in"


def test_known_and_unknown_emails_get_the_same_answers_and_the_same_work(database: Database) -> None:
    clock = Clock()
    hasher = CountingHasher()
    auth = _auth(database, clock, hasher)
    auth.sign_up(email="known@example.com", password=GOOD, name=None)
    transcripts = {}
    for email in ("known@example.com", "nobody@example.com"):
        before = hasher.verifications
        answers = []
        for step in range(8):
            answers.append(_attempt(auth, email, WRONG))
            if step % 2:
                clock.advance(100)
        transcripts[email] = (answers, hasher.verifications - before)
    assert transcripts["known@example.com"] == transcripts["nobody@example.com"]
    assert any(answer.startswith("wait") for answer in transcripts["known@example.com"][0])


def test_one_client_has_a_budget_across_all_emails(database: Database) -> None:
    clock = Clock()
    auth = _auth(database, clock, client_failures=5, client_window_s=600)
    auth.sign_up(email="victim@example.com", password=GOOD, name=None)
    for n in range(5):
        assert _attempt(auth, f"guess{n}@example.com", WRONG, client="203.0.113.9").startswith("wrong")
    refused = _attempt(auth, "guess9@example.com", WRONG, client="203.0.113.9")
    assert refused.startswith("wait") and "from this network" in refused
    assert _attempt(auth, "victim@example.com", GOOD, client="198.51.100.4") == "signed in"  # others are unaffected


def test_at_most_two_argon2_verifications_run_at_once(database: Database) -> None:
    clock = Clock()
    hasher = CountingHasher()
    auth = _auth(database, clock, hasher)
    gate = threading.Barrier(12)
    results: list[str] = []

    def sign_in(n: int) -> None:
        gate.wait()
        results.append(_attempt(auth, f"stranger{n}@example.com", WRONG))

    run_together(sign_in, [(n,) for n in range(12)])
    assert len(results) == 12 and all(r.startswith("wrong") for r in results)  # the others waited, none failed
    assert hasher.verifications == 12
    assert hasher.most_inside <= 2


def test_changing_the_password_checks_the_current_one_and_ends_every_sign_in(database: Database) -> None:
    clock = Clock()
    auth = _auth(database, clock)
    sign_ins = SignIns(database, lifetime=timedelta(days=30), clock=clock)
    account = auth.sign_up(email="mover@example.com", password=GOOD, name=None)
    laptop, phone = sign_ins.start(account.id), sign_ins.start(account.id)
    with pytest.raises(InvalidCredentials, match="isn't your current password"):
        auth.change_password(user_id=account.id, current_password=WRONG, new_password="new-harbour-lights-7")
    with pytest.raises(InvalidInput, match="too easy"):
        auth.change_password(user_id=account.id, current_password=GOOD, new_password="Summer2024!")
    assert sign_ins.resume(laptop) == account.id  # nothing changed yet
    auth.change_password(user_id=account.id, current_password=GOOD, new_password="new-harbour-lights-7")
    assert sign_ins.resume(laptop) is None and sign_ins.resume(phone) is None
    assert _attempt(auth, "mover@example.com", GOOD).startswith("wrong")
    assert _attempt(auth, "mover@example.com", "new-harbour-lights-7") == "signed in"


def test_an_admin_reset_sets_the_password_and_ends_every_sign_in(database: Database) -> None:
    clock = Clock()
    auth = _auth(database, clock)
    sign_ins = SignIns(database, lifetime=timedelta(days=30), clock=clock)
    account = auth.sign_up(email="forgot@example.com", password=GOOD, name=None)
    cookie = sign_ins.start(account.id)
    for _ in range(5):
        _attempt(auth, "forgot@example.com", WRONG)
    auth.reset_password(email="Forgot@Example.com", new_password="long-river-88")
    assert sign_ins.resume(cookie) is None
    assert _attempt(auth, "forgot@example.com", "long-river-88") == "signed in"  # the reset clears the wait
    with pytest.raises(NotFound):
        auth.reset_password(email="nobody@example.com", new_password="long-river-88")


def test_a_sign_in_ends_at_sign_out_and_expires(database: Database) -> None:
    clock = Clock()
    sign_ins = SignIns(database, lifetime=timedelta(days=30), clock=clock)
    user = LocalAuth(database).sign_up(email="cookie@example.com", password=GOOD, name=None).id
    token = sign_ins.start(user)
    copied = str(token)
    assert sign_ins.resume(token) == user
    sign_ins.end(token)
    assert sign_ins.resume(copied) is None  # a copy taken before sign-out signs nobody in
    later = sign_ins.start(user)
    clock.advance(30 * 86400 + 1)
    assert sign_ins.resume(later) is None
    assert sign_ins.resume(str(uuid.uuid4())) is None


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(max_size=5000), st.binary(max_size=200).map(lambda b: b.decode("latin-1")), st.none()))
def test_any_cookie_text_means_signed_out_never_an_error(
    tmp_path_factory: pytest.TempPathFactory, cookie: object
) -> None:
    database = _shared_database(tmp_path_factory)
    assert SignIns(database, lifetime=timedelta(days=1)).resume(cookie) is None
    assert TokenSigner(b"0123456789abcdef0123", lifetime=timedelta(days=1)).unseal(cookie) is None


_DATABASES: dict[str, Database] = {}


def _shared_database(factory: pytest.TempPathFactory) -> Database:
    from igym.db import migrate

    if "db" not in _DATABASES:
        database = Database.from_url(f"sqlite:///{factory.mktemp('cookies') / 'cookies.db'}")
        migrate.upgrade(database.engine)
        _DATABASES["db"] = database
    return _DATABASES["db"]


def test_reset_password_on_the_command_line(tmp_path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    import io

    from igym.cli import main
    from igym.services import build_services
    from tests.conftest import make_settings

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("IGYM_DATA_DIR", str(tmp_path / "data"))
    app = build_services(make_settings(tmp_path))
    account = app.auth.sign_up(email="cli@example.com", password=GOOD, name=None)
    assert not isinstance(account, str)
    cookie = app.sign_ins.start(account.id)
    monkeypatch.setattr("sys.stdin", io.StringIO("long-river-88\n"))
    assert main(["reset-password", "--email", "CLI@example.com", "--password-stdin"]) == 0
    assert "cli@example.com: password changed" in capsys.readouterr().out
    assert app.sign_ins.resume(cookie) is None
    assert app.auth.sign_in(email="cli@example.com", password="long-river-88").email == "cli@example.com"
    monkeypatch.setattr("sys.stdin", io.StringIO("P@ssw0rd\n"))
    assert main(["reset-password", "--email", "cli@example.com", "--password-stdin"]) == 2
    assert "too easy" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO("long-river-99\n"))
    assert main(["reset-password", "--email", "nobody@example.com", "--password-stdin"]) == 2
    assert "no local account" in capsys.readouterr().err
    app.db.engine.dispose()


def test_counts_untouched_for_a_day_are_forgotten(database: Database) -> None:
    from sqlalchemy import func, select

    from igym.db.tables import SignInFailures

    clock = Clock()
    auth = _auth(database, clock)
    auth.sign_up(email="regular@example.com", password=GOOD, name=None)
    for n in range(5):
        _attempt(auth, f"sprayed{n}@example.com", WRONG)
    clock.advance(86400 + 1)
    assert _attempt(auth, "regular@example.com", GOOD) == "signed in"
    with database.session() as db:
        assert db.scalar(select(func.count()).select_from(SignInFailures)) == 0
