"""`python -m igym set-role --email X --role admin|coach|candidate`: the only way to make someone an admin.

No page grants admin: whoever can run this command already controls the server and its database.
"""

from __future__ import annotations

import argparse
from typing import Any

from igym.config import load_settings
from igym.db.engine import Database
from igym.prompt_lab.access import ROLES, set_role


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("set-role", help="give an account the candidate, coach or admin role")
    parser.add_argument("--email", required=True)
    parser.add_argument("--role", required=True, choices=list(ROLES))
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    db = Database.from_url(load_settings().database_url)
    try:
        change = set_role(db, email=args.email, role=args.role)
    finally:
        db.engine.dispose()
    print(f"{change.email}: {change.old_role} -> {change.new_role}")
    return 0
