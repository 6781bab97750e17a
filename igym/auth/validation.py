"""Checks on what people type into the sign-up form, with messages written for them.

Emails are validated for syntax only (no DNS: the app must work offline) and normalised so that one person
has one account: Unicode NFKC first (fullwidth ``ａｎｎ@ｅｘａｍｐｌｅ.ｃｏｍ`` and other compatibility forms become
their plain letters), then email-validator's own normalisation, then lower case (``Ann@X.com`` is
``ann@x.com``). A local part or a domain label that mixes alphabets (a Cyrillic "а" among Latin letters, the
classic look-alike) is refused, since it is almost always an impersonation (see `igym.auth.scripts`).

Passwords are refused when they are short, one repeated character, the email itself, letters or digits only,
or common: in the packaged list of the 30,000 most used passwords (see `igym.auth.common_passwords`), also
once the usual decorations are taken off (``Summer2024!`` is "summer", ``P@ssw0rd`` is "password").
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from email_validator import EmailNotValidError, validate_email

from igym.auth.common_passwords import is_common
from igym.auth.scripts import mixes_scripts
from igym.errors import InvalidInput

MAX_PASSWORD_LENGTH = 256  # argon2 cost grows with input; nobody types more than this
TOO_EASY = "That password is too easy to guess. Try a short phrase or mix in numbers and symbols."
MIXED_SCRIPTS = (
    "That email address mixes letters from different alphabets (for example a Cyrillic “а” among Latin "
    "letters). Type it again in one alphabet."
)


def normalise_email(raw: str) -> str:
    """Return the canonical email or raise `InvalidInput` saying what is wrong with it."""
    text = unicodedata.normalize("NFKC", raw or "").strip()
    if not text:
        raise InvalidInput("Enter your email address.")
    if len(text) > 254:
        raise InvalidInput("That email address is too long.")
    if any(unicodedata.category(ch)[0] == "C" for ch in text):
        raise InvalidInput("That email address contains invisible characters. Type it again.")
    try:
        result = validate_email(text, check_deliverability=False)
    except EmailNotValidError:
        raise InvalidInput(f"“{text[:80]}” is not a valid email address, for example ann@example.com.") from None
    email = unicodedata.normalize("NFKC", result.normalized).lower()
    local, _, domain = email.rpartition("@")
    if mixes_scripts(local) or any(mixes_scripts(label) for label in domain.split(".")):
        raise InvalidInput(MIXED_SCRIPTS)
    return email


def check_password(password: str, *, min_length: int, email: str = "") -> None:
    """Refuse passwords that are short, common, one repeated character, or the email itself."""
    if not password:
        raise InvalidInput("Choose a password.")
    if len(password) < min_length:
        raise InvalidInput(f"Use at least {min_length} characters for your password.")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise InvalidInput(f"Use at most {MAX_PASSWORD_LENGTH} characters for your password.")
    lowered = password.lower()
    if len(set(password)) <= 2 or is_common(password):
        raise InvalidInput(TOO_EASY)
    if email and lowered in {email.lower(), email.split("@")[0].lower()}:
        raise InvalidInput("Your password must not be your email address.")
    if password.isalpha() or password.isdigit():
        raise InvalidInput("Mix letters with numbers or symbols in your password.")


def clean_name(raw: str | None, *, max_length: int) -> str | None:
    """Strip control characters and surrounding space; refuse names longer than `max_length`."""
    if raw is None:
        return None
    text = "".join(ch for ch in raw if unicodedata.category(ch)[0] != "C").strip()
    if not text:
        return None
    if len(text) > max_length:
        raise InvalidInput(f"Your name can be at most {max_length} characters long (it has {len(text)}).")
    return text


@dataclass(frozen=True, slots=True)
class AccountRules:
    """What every auth backend asks of an account's details: the shortest password, the longest name."""

    min_password_length: int = 8
    max_name_length: int = 80

    def check_password(self, password: str, *, email: str = "") -> None:
        """`check_password` with this minimum length."""
        check_password(password, min_length=self.min_password_length, email=email)

    def clean_name(self, raw: str | None) -> str | None:
        """`clean_name` with this maximum length."""
        return clean_name(raw, max_length=self.max_name_length)

    def sign_up(self, *, email: str, password: str, name: str | None) -> tuple[str, str | None]:
        """The normalised e-mail and cleaned name of a sign-up, once its password passes; else `InvalidInput`."""
        clean_email = normalise_email(email)
        clean = self.clean_name(name)
        self.check_password(password, email=clean_email)
        return clean_email, clean
