"""The command line: `python -m igym COMMAND ...`.

Each command lives in its own module and registers itself through a `register(subparsers)` function that
adds its parser and sets `handler` (a callable taking the parsed namespace and returning an exit code). This
module only assembles them, so adding a command never touches another command's code.

Errors a user can fix (bad settings, unreadable input) print one line to stderr and exit 2; nothing prints a
traceback for them.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from igym.config import SettingsError
from igym.errors import IgymError

COMMAND_MODULES = (
    "igym.commands.migrate",
    "igym.commands.demo_data",
    "igym.commands.analyze",
    "igym.commands.rehearse",
    "igym.commands.speak",
    "igym.commands.eval_prompts",
    "igym.commands.eval_personas",
    "igym.commands.set_role",
    "igym.commands.reset_password",
)


def build_parser() -> argparse.ArgumentParser:
    import importlib

    parser = argparse.ArgumentParser(prog="python -m igym", description="InterviewGym command line.")
    subparsers = parser.add_subparsers(dest="command", required=True)
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:  # a command not built yet: leave it out of the menu
                continue
            raise
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args))
    except (SettingsError, IgymError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
