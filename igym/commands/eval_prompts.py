"""`python -m igym eval-prompts --prompt feedback --versions A,B --sessions N [--fixtures F] [--email U] [--json]`.

Runs each version over the same saved transcripts and prints a comparison (see `igym.prompt_lab.evaluate`
for every figure). Transcripts are the N most recent completed sessions of **all users** by default, of one
user with `--email`, or the first N transcripts of a fixtures JSON file with `--fixtures` (`--fixtures
default` is the packaged set, so a fresh install without sessions or keys can run `--versions rubric,rubric`).
A version other than `rubric` runs on the configured Groq model (GROQ_API_KEY).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from igym.config import load_settings
from igym.prompt_lab.evaluate import evaluate
from igym.prompt_lab.report import render_table
from igym.prompt_lab.transcripts import load_fixtures, recent_transcripts
from igym.services import build_services


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("eval-prompts", help="compare prompt versions on saved transcripts")
    parser.add_argument("--prompt", default="feedback", help="the prompt to evaluate (feedback)")
    parser.add_argument("--versions", required=True, help="comma-separated, e.g. rubric,v1 or v1,v2")
    parser.add_argument("--sessions", type=int, default=10, help="how many transcripts (default 10)")
    parser.add_argument("--fixtures", help="a fixtures JSON file instead of the database; 'default' = packaged set")
    parser.add_argument("--email", help="only this user's sessions (default: every user's)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    app = build_services(load_settings())
    try:
        if args.fixtures:
            path = None if args.fixtures == "default" else Path(args.fixtures)
            transcripts = load_fixtures(path)[: max(1, args.sessions)]
            source = f"fixtures: {args.fixtures}"
        else:
            transcripts = recent_transcripts(app.db, limit=args.sessions, email=args.email)
            source = f"{len(transcripts)} most recent completed sessions of " + (args.email or "all users")
        report = evaluate(
            prompt=args.prompt,
            versions=args.versions.split(","),
            transcripts=transcripts,
            catalog=app.prompts,
            chat=app.chat,
            model_label=app.settings.groq.llm_model,
            source=source,
            on_progress=None if args.json else _progress,
        )
    finally:
        app.feedback.jobs.shutdown()
        app.db.engine.dispose()
    if args.json:
        print(json.dumps(report.to_json(), indent=2))
    else:
        print(render_table(report))
    return 0


def _progress(done: int, total: int, what: str) -> None:
    print(f"[{done}/{total}] {what}", file=sys.stderr)
