"""The evaluation report as rows of text, shared by the command line's table and the page's table."""

from __future__ import annotations

from igym.feedback.types import DIMENSIONS
from igym.prompt_lab.evaluate import EvaluationReport, RunOutcome, VersionReport


def pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.0f}%"


def num(value: float | None, digits: int = 1) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def version_rows(v: VersionReport) -> list[tuple[str, str]]:
    """(measure, value) pairs for one version, in the order both the table and the page show them."""
    rows = [
        ("valid JSON, first try", pct(v.valid_first_try_rate)),
        ("valid JSON, after repair", pct(v.valid_after_repair_rate)),
        ("fell back to rubric", pct(v.fell_back_rate)),
    ]
    rows += [(f"{d} mean ± sd", f"{num(v.scores[d].mean)} ± {num(v.scores[d].stdev)}") for d in DIMENSIONS]
    rows += [(f"{d} |diff| vs rubric", num(v.rubric_mean_abs_diff[d], 2)) for d in DIMENSIONS]
    rows += [
        ("overall within ±1 of rubric", pct(v.overall_within_1_rate)),
        ("grounded quotes", f"{pct(v.grounded_quote_rate)} of {v.quotes_total}"),
        ("feedback length (chars)", num(v.mean_feedback_chars, 0)),
        ("model reply length (chars)", num(v.mean_reply_chars, 0)),
        ("latency mean / p95 (s)", f"{v.latency_mean_s:.2f} / {v.latency_p95_s:.2f}"),
    ]
    return rows


def headings(report: EvaluationReport) -> list[str]:
    """Column names: A, B, … plus the label, so "rubric vs rubric" still has two distinct columns."""
    return [f"{chr(ord('A') + i)} · {v.label}" for i, v in enumerate(report.versions)]


def run_summary(run: RunOutcome) -> str:
    """"7.2 · 9.5/6.5/4.0/9.6 (ok)": overall, then clarity/structure/relevance/confidence, then the status."""
    s = run.scores
    if not s:
        return f"— ({run.status})"
    parts = "/".join(f"{s[d]:.1f}" for d in DIMENSIONS if d != "overall")
    return f"{s['overall']:.1f} · {parts} ({run.status})"


def render_table(report: EvaluationReport) -> str:
    """The report as fixed-width text: one column per version, then one block per transcript."""
    heads = headings(report)
    per_version = [version_rows(v) for v in report.versions]
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
    lines += ["", "Per transcript (overall · clarity/structure/relevance/confidence (status)):"]
    for row in report.rows:
        lines.append(f"- {row.label} [{row.key}]")
        lines += [f"    {head:<28} {run_summary(run)}" for head, run in zip(heads, row.results, strict=True)]
    return "\n".join(lines)
