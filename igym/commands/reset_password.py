"""`python -m igym reset-password --email X`: set a local account's password, signing it out everywhere.

For the person running the server when a user has forgotten their password (local accounts have no reset
e-mails). The new password is asked for twice without echo, or read from standard input with
``--password-stdin`` (one line, for scripts); it never appears in the command line or shell history. It must
pass the same rules as at sign-up. Every sign-in of the account ends, and its wrong-password wait is cleared.
Hosted (Supabase) accounts are reset from the Supabase dashboard instead.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

from igym.config import load_settings
from igym.errors import InvalidInput


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("reset-password", help="set a new password for a local account")
    parser.add_argument("--email", required=True)
    parser.add_argument("--password-stdin", action="store_true", help="read the new password from standard input")
    parser.set_defaults(handler=run)


def _new_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("New password: ")
    if getpass.getpass("Type it again: ") != first:
        raise InvalidInput("The two passwords differ. Nothing was changed.")
    return first


def run(args: argparse.Namespace) -> int:
    from igym.services import build_services

    settings = load_settings()
    if settings.uses_supabase:
        raise InvalidInput("Accounts live in Supabase Auth here: reset the password from the Supabase dashboard.")
    app = build_services(settings)
    try:
        from igym.auth.local import LocalAuth

        assert isinstance(app.auth, LocalAuth)  # not hosted, so local accounts (build_auth)
        account = app.auth.reset_password(email=args.email, new_password=_new_password(args.password_stdin))
    finally:
        app.db.engine.dispose()
    print(f"{account.email}: password changed; every sign-in of this account has ended.")
    return 0
