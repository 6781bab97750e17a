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
from igym.feedback.types import DIMENSIONS
from igym.prompt_lab.evaluate import EvaluationReport, VersionReport, evaluate
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
            model_label=app.settings.groq_llm_model,
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


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.0f}%"


def _num(value: float | None, digits: int = 1) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def _version_rows(v: VersionReport) -> list[tuple[str, str]]:
    rows = [
        ("valid JSON, first try", _pct(v.valid_first_try_rate)),
        ("valid JSON, after repair", _pct(v.valid_after_repair_rate)),
        ("fell back to rubric", _pct(v.fell_back_rate)),
    ]
    rows += [(f"{d} mean ± sd", f"{_num(v.scores[d].mean)} ± {_num(v.scores[d].stdev)}") for d in DIMENSIONS]
    rows += [(f"{d} |diff| vs rubric", _num(v.rubric_mean_abs_diff[d], 2)) for d in DIMENSIONS]
    rows += [
        ("overall within ±1 of rubric", _pct(v.overall_within_1_rate)),
        ("grounded quotes", f"{_pct(v.grounded_quote_rate)} of {v.quotes_total}"),
        ("feedback length (chars)", _num(v.mean_feedback_chars, 0)),
        ("model reply length (chars)", _num(v.mean_reply_chars, 0)),
        ("latency mean / p95 (s)", f"{v.latency_mean_s:.2f} / {v.latency_p95_s:.2f}"),
    ]
    return rows


def render_table(report: EvaluationReport) -> str:
    """The report as fixed-width text: one column per version, then one line per transcript."""
    heads = [v.label for v in report.versions]
    per_version = [_version_rows(v) for v in report.versions]
    names = [name for name, _ in per_version[0]]
    width = max(len(n) for n in names) + 2
    col = max(14, *(len(h) + 2 for h in heads))
    lines = [
        f"Prompt {report.prompt}: {len(report.rows)} transcripts ({report.source})"
        + (f", model {report.model}" if report.model else ""),
        "",
        "".ljust(width) + "".join(h.rjust(col) for h in heads),
    ]
    for i, name in enumerate(names):
        lines.append(name.ljust(width) + "".join(rows[i][1].rjust(col) for rows in per_version))
    lines += ["", "Per transcript (overall · clarity/structure/relevance/confidence · status):"]
    for row in report.rows:
        lines.append(f"- {row.label} [{row.key}]")
        for head, run in zip(heads, row.results, strict=True):
            s = run.scores
            parts = "/".join(f"{s[d]:.1f}" for d in DIMENSIONS if d != "overall") if s else ""
            detail = f"{s['overall']:.1f} · {parts}" if s else "—"
            lines.append(f"    {head:<24} {detail}  ({run.status})")
    return "\n".join(lines)
