"""What people type into the account forms: look-alike emails, common passwords, and arbitrary input."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from igym.auth import validation
from igym.auth.common_passwords import common_passwords
from igym.auth.local import LocalAuth
from igym.auth.scripts import mixes_scripts
from igym.db.engine import Database
from igym.errors import EmailTaken, InvalidInput

GOOD_PASSWORD = "blue-harbour-42"


def test_fullwidth_and_compatibility_forms_are_the_same_account(database: Database) -> None:
    auth = LocalAuth(database)
    created = auth.sign_up(email="ann@example.com", password=GOOD_PASSWORD, name=None)
    with pytest.raises(EmailTaken):
        auth.sign_up(email="ａｎｎ@ｅｘａｍｐｌｅ.ｃｏｍ", password=GOOD_PASSWORD, name=None)
    assert auth.sign_in(email="ＡＮＮ@example.com", password=GOOD_PASSWORD).id == created.id


@pytest.mark.parametrize(
    "email",
    [
        "\u0430nn@example.com",  # Cyrillic а in a Latin local part
        "ann@ex\u0430mple.com",  # ... in the domain
        "p\u0430ypal@example.com",
        "\u03bflivia@example.com",  # Greek omicron
        "ann@example.c\u043em",  # Cyrillic о in the top-level domain
    ],
)
def test_mixed_script_look_alikes_are_refused(database: Database, email: str) -> None:
    with pytest.raises(InvalidInput, match="different alphabets"):
        LocalAuth(database).sign_up(email=email, password=GOOD_PASSWORD, name=None)


@pytest.mark.parametrize("email", ["иван@пример.рф", "josé@café.fr", "山田たろう@例え.jp", "ann2@example.com"])
def test_one_alphabet_per_part_is_fine_in_any_language(email: str) -> None:
    assert validation.normalise_email(email) == unicodedata.normalize("NFKC", email).lower()


def test_the_common_password_list_is_packaged_and_large() -> None:
    listed = common_passwords()
    assert len(listed) >= 10_000
    assert {"123456", "password", "qwerty", "dragon", "interview"} <= listed


@pytest.mark.parametrize(
    "password",
    ["P@ssw0rd", "Summer2024!", "Interview2024", "Welcome1!", "iloveyou!", "Qwerty123", "Football2023", "Passw0rd!"],
)
def test_common_passwords_and_their_decorated_forms_are_refused(password: str) -> None:
    with pytest.raises(InvalidInput, match="too easy"):
        validation.check_password(password, min_length=8)


@pytest.mark.parametrize(
    "password", [GOOD_PASSWORD, "correct-horse-battery", "xq7!Lm2#", "Tr0ub4dor&3", "kettle9-orbit"]
)
def test_uncommon_passwords_pass(password: str) -> None:
    validation.check_password(password, min_length=8)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_any_typed_email_is_refused_clearly_or_comes_back_canonical(raw: str) -> None:
    try:
        email = validation.normalise_email(raw)
    except InvalidInput as exc:
        assert str(exc)
        return
    assert email == unicodedata.normalize("NFKC", email) == email.lower()
    assert not any(unicodedata.category(ch)[0] == "C" for ch in email)
    local, _, domain = email.rpartition("@")
    assert not mixes_scripts(local) and not any(mixes_scripts(label) for label in domain.split("."))
    assert validation.normalise_email(email) == email  # canonical: normalising again changes nothing


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_any_typed_password_is_accepted_or_refused_with_a_message(password: str) -> None:
    try:
        validation.check_password(password, min_length=8, email="ann@example.com")
    except InvalidInput as exc:
        assert str(exc)
