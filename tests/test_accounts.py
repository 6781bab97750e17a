"""Local accounts: sign-up and sign-in with clear messages for every bad input (throttling: test_sign_in_guard)."""

from __future__ import annotations

import pytest

from igym.auth.local import LocalAuth
from igym.db.engine import Database
from igym.errors import AuthError, EmailTaken, InvalidCredentials, InvalidInput

GOOD_PASSWORD = "blue-harbour-42"


@pytest.fixture
def auth(database: Database) -> LocalAuth:
    return LocalAuth(database)


def test_sign_up_then_sign_in_with_any_email_case(auth: LocalAuth) -> None:
    created = auth.sign_up(email="  Ann.Lee@Example.COM ", password=GOOD_PASSWORD, name="Ann Lee")
    assert created.email == "ann.lee@example.com"
    assert created.onboarding_completed is False
    signed_in = auth.sign_in(email="ann.lee@example.com", password=GOOD_PASSWORD)
    assert signed_in.id == created.id


def test_password_is_stored_as_an_argon2_hash(auth: LocalAuth, database: Database) -> None:
    from igym.db import repository as repo

    auth.sign_up(email="hash@example.com", password=GOOD_PASSWORD, name=None)
    with database.session() as db:
        user = repo.get_user_by_email(db, email="hash@example.com")
        assert user is not None and user.password_hash is not None
        assert user.password_hash.startswith("$argon2") and GOOD_PASSWORD not in user.password_hash


def test_duplicate_email_says_the_account_exists(auth: LocalAuth) -> None:
    auth.sign_up(email="dup@example.com", password=GOOD_PASSWORD, name=None)
    with pytest.raises(EmailTaken, match="already exists"):
        auth.sign_up(email="DUP@example.com", password=GOOD_PASSWORD, name=None)


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("", "Choose a password"),
        ("short1", "at least 8"),
        ("password123", "too easy"),
        ("aaaaaaaaaaaa", "too easy"),
        ("onlyletters", "Mix letters"),
        ("1234567890123", "too easy|Mix letters"),
        ("x" * 300 + "1", "at most"),
    ],
)
def test_weak_passwords_are_refused_with_a_reason(auth: LocalAuth, password: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        auth.sign_up(email="weak@example.com", password=password, name=None)


@pytest.mark.parametrize("email", ["", "not-an-email", "a@", "@b.com", "a b@c.com", "x" * 250 + "@e.com"])
def test_malformed_emails_are_refused(auth: LocalAuth, email: str) -> None:
    with pytest.raises(InvalidInput, match="email"):
        auth.sign_up(email=email, password=GOOD_PASSWORD, name=None)


def test_over_long_name_is_refused_and_control_characters_are_stripped(auth: LocalAuth) -> None:
    with pytest.raises(InvalidInput, match="at most 80"):
        auth.sign_up(email="long@example.com", password=GOOD_PASSWORD, name="N" * 81)
    account = auth.sign_up(email="ctl@example.com", password=GOOD_PASSWORD, name="Ann\x00\x1b Lee\n")
    assert account.name == "Ann Lee"


def test_wrong_password_and_unknown_email_get_the_same_message(auth: LocalAuth) -> None:
    auth.sign_up(email="known@example.com", password=GOOD_PASSWORD, name=None)
    with pytest.raises(InvalidCredentials) as wrong:
        auth.sign_in(email="known@example.com", password="not-it-123")
    with pytest.raises(InvalidCredentials) as unknown:
        auth.sign_in(email="nobody@example.com", password="not-it-123")
    assert str(wrong.value) == str(unknown.value)


def test_local_accounts_offer_no_email_links_and_keep_no_tokens(auth: LocalAuth) -> None:
    assert not (auth.uses_tokens or auth.sends_email_links or auth.can_delete_identities)
    attempts = (
        lambda: auth.send_magic_link(email="ann@example.com"),
        lambda: auth.send_password_reset(email="ann@example.com"),
        lambda: auth.complete_link(code="a-code-from-somewhere"),
    )
    for attempt in attempts:
        with pytest.raises(AuthError, match="aren't available with local accounts"):
            attempt()
