"""`python -m igym migrate [--revision REV | --downgrade REV]`: apply Alembic migrations to DATABASE_URL."""

from __future__ import annotations

import argparse
from typing import Any

from igym.config import load_settings
from igym.db import migrate
from igym.db.engine import make_engine


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("migrate", help="bring the database schema up to date")
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--revision", default="head", help="upgrade to this revision (default: head)")
    group.add_argument("--downgrade", metavar="REV", help="downgrade to this revision ('base' empties it)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    settings = load_settings()
    engine = make_engine(settings.database_url)
    try:
        if args.downgrade:
            migrate.downgrade(engine, args.downgrade)
        else:
            migrate.upgrade(engine, args.revision)
        print(f"database at revision {migrate.current_revision(engine) or 'base (empty)'} ({engine.dialect.name})")
    finally:
        engine.dispose()
    return 0
