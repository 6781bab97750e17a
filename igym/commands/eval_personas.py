"""`python -m igym eval-personas --versions rules,v2 [--type T] [--difficulty D] [--json]`.

Runs the simulated candidates (`igym.prompt_lab.personas`) through whole interviews once per follow-up prompt
version and prints the comparison: per persona the exchanges, repeated lines, follow-ups, follow-ups naming
the answer and checks passed; per version the repeat rate, how often a follow-up names the answer, the mean
follow-up length and the reply latency. "rules" is the offline interviewer; other versions (packaged files
or Prompt Lab drafts) run on the configured Groq model (GROQ_API_KEY). Sessions go to a throwaway database,
never the app's.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from igym.config import load_settings
from igym.prompt_lab.persona_runs import compare_versions, render_comparison
from igym.services import build_services


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("eval-personas", help="compare interviewer versions over simulated candidates")
    parser.add_argument("--versions", required=True, help="comma-separated follow-up prompt versions, e.g. rules,v2")
    parser.add_argument("--type", default="behavioral", help="interview type (default behavioral)")
    parser.add_argument("--difficulty", default="standard", help="difficulty (default standard)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    app = build_services(load_settings())
    try:
        summaries = compare_versions(
            [v.strip() for v in args.versions.split(",") if v.strip()],
            chat=app.chat,
            resolve=lambda version: app.prompts.get("interviewer_followup", version),
            interviewer_prompt=(
                app.prompts.get("interviewer", app.settings.interviewer_prompt_version) if app.chat else None
            ),
            interview_type=args.type,
            difficulty=args.difficulty,
            on_progress=None if args.json else _progress,
        )
    finally:
        app.feedback.jobs.shutdown()
        app.db.engine.dispose()
    if args.json:
        print(json.dumps([s.to_json() for s in summaries], indent=2))
    else:
        print(render_comparison(summaries))
    return 0


def _progress(done: int, total: int, what: str) -> None:
    print(f"[{done}/{total}] {what}", file=sys.stderr)
