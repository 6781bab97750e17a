"""Checks on what people type into the sign-up form, with messages written for them.

Emails are validated for syntax only (no DNS: the app must work offline) and normalised to lower case so
``Ann@X.com`` and ``ann@x.com`` are one account.
"""

from __future__ import annotations

import unicodedata

from email_validator import EmailNotValidError, validate_email

from igym.errors import InvalidInput

MAX_PASSWORD_LENGTH = 256  # argon2 cost grows with input; nobody types more than this

# The most used passwords that pass the length rule; a real list would be longer, these catch the habit.
_COMMON_PASSWORDS = frozenset(
    {
        "password",
        "password1",
        "password12",
        "password123",
        "12345678",
        "123456789",
        "1234567890",
        "qwertyui",
        "qwerty123",
        "iloveyou",
        "11111111",
        "abcdefgh",
        "abc12345",
        "letmein1",
        "welcome1",
        "passw0rd",
        "sunshine",
        "football",
        "baseball",
        "princess",
        "trustno1",
        "superman",
        "interview",
        "interview1",
        "changeme",
        "qwertyuiop",
        "00000000",
        "87654321",
        "asdfghjk",
        "zaq12wsx",
    }
)


def normalise_email(raw: str) -> str:
    """Return the canonical email or raise `InvalidInput` saying what is wrong with it."""
    text = (raw or "").strip()
    if not text:
        raise InvalidInput("Enter your email address.")
    if len(text) > 254:
        raise InvalidInput("That email address is too long.")
    try:
        result = validate_email(text, check_deliverability=False)
    except EmailNotValidError:
        raise InvalidInput(f"“{text[:80]}” is not a valid email address, for example ann@example.com.") from None
    return result.normalized.lower()


def check_password(password: str, *, min_length: int, email: str = "") -> None:
    """Refuse passwords that are short, common, one repeated character, or the email itself."""
    if not password:
        raise InvalidInput("Choose a password.")
    if len(password) < min_length:
        raise InvalidInput(f"Use at least {min_length} characters for your password.")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise InvalidInput(f"Use at most {MAX_PASSWORD_LENGTH} characters for your password.")
    lowered = password.lower()
    if lowered in _COMMON_PASSWORDS or len(set(password)) <= 2:
        raise InvalidInput("That password is too easy to guess. Try a short phrase or mix in numbers and symbols.")
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
