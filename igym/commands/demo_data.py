"""`python -m igym demo-data --email E --sessions N --days D`: seed realistic history for a user."""

from __future__ import annotations

import argparse
from typing import Any

from igym.config import load_settings
from igym.db import migrate
from igym.db.engine import Database
from igym.demo import seed_demo_data


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("demo-data", help="create a user (if needed) with realistic past sessions")
    parser.add_argument("--email", required=True)
    parser.add_argument("--sessions", type=int, default=30)
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--password", help="password for a newly created user (default: generated and printed)")
    parser.add_argument("--seed", type=int, default=7, help="random seed, for reproducible data")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    settings = load_settings()
    database = Database.from_url(settings.database_url)
    try:
        migrate.upgrade(database.engine)
        result = seed_demo_data(
            database, email=args.email, sessions=args.sessions, days=args.days, password=args.password, seed=args.seed
        )
    finally:
        database.engine.dispose()
    print(f"added {result.sessions} sessions over {args.days} days for {result.email}")
    if result.created_user and args.password is None:
        print(f"created the user; sign in with password: {result.password}")
    return 0
