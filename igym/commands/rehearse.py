"""`python -m igym rehearse --type T --difficulty D --answers PATH [--json]`: a whole session from files."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from igym import catalog
from igym.config import load_settings
from igym.rehearse import load_answers, rehearse
from igym.services import build_services


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("rehearse", help="run a whole interview with answers from a file or folder")
    parser.add_argument("--type", dest="interview_type", required=True, choices=list(catalog.INTERVIEW_TYPES))
    parser.add_argument("--difficulty", required=True, choices=list(catalog.DIFFICULTIES))
    parser.add_argument("--answers", required=True, type=Path, help="text file (one per line) or audio folder")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    answers = load_answers(args.answers)
    app = build_services(load_settings())
    try:
        report = rehearse(app, interview_type=args.interview_type, difficulty=args.difficulty, answers=answers)
    finally:
        app.db.engine.dispose()
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    for number, exchange in enumerate(report["exchanges"], start=1):
        print(f"{number}. Interviewer ({exchange['kind']}): {exchange['question']}")
        print(f"   You: {exchange['answer']}")
    totals = report["metrics"] or {}
    print(f"\nsession {report['session_id']}: {report['status']}, {len(report['exchanges'])} exchanges")
    if totals:
        print(
            f"words {totals['total_words']}, fillers {totals['total_filler_words']}, "
            f"pauses {totals['total_pauses']} (longest {totals['longest_pause_ms']} ms)"
        )
    return 0
