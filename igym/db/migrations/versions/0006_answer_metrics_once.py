"""answer metrics stored once: one typed JSON value per candidate message, the follow-up reason in its own column

Each candidate answer's measurements were written twice, in eight flat columns and in the `analysis` JSON;
only the JSON was ever read. `analysis` becomes `metrics` (the same JSON, read back as `AnswerMetrics`), the
interviewer's `{"follow_up_reason": ...}` moves to `follow_up_reason`, and the flat columns go. A candidate
row with flat columns but no JSON (only `demo-data` wrote those) keeps its words, fillers, pace and length in
`metrics`; its pause, hesitation and latency counts had no per-pause detail to keep, and its session's totals
(the `metrics` table) are untouched. The downgrade rebuilds the flat columns and `analysis` from `metrics`.
"""

from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"

_FLAT_INT = (
    "audio_duration_ms",
    "filler_word_count",
    "pause_count",
    "longest_pause_ms",
    "word_count",
    "response_latency_ms",
    "hesitation_count",
)


def _messages() -> sa.TableClause:
    """`messages` as both directions read and write it, while the old and the new columns stand side by side."""
    return sa.table(
        "messages",
        sa.column("id", sa.Uuid()),
        sa.column("role", sa.String()),
        sa.column("content", sa.Text()),
        sa.column("analysis", sa.JSON()),
        sa.column("metrics", sa.JSON()),
        sa.column("follow_up_reason", sa.String()),
        sa.column("words_per_minute", sa.Float()),
        *(sa.column(name, sa.Integer()) for name in _FLAT_INT),
    )


def upgrade() -> None:
    with op.batch_alter_table("messages") as batch:
        batch.add_column(sa.Column("metrics", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("follow_up_reason", sa.String(length=40), nullable=True))
    old = _messages()
    connection = op.get_bind()
    for row in connection.execute(sa.select(old)).mappings().all():
        values = _moved(row)
        if values:
            connection.execute(sa.update(old).where(old.c.id == row["id"]).values(**values))
    with op.batch_alter_table("messages") as batch:
        for name in (*_FLAT_INT, "words_per_minute", "analysis"):
            batch.drop_column(name)


def _moved(row: Any) -> dict[str, Any]:
    analysis = row["analysis"]
    if row["role"] != "candidate":
        reason = analysis.get("follow_up_reason") if isinstance(analysis, dict) else None
        return {"follow_up_reason": str(reason)[:40]} if reason else {}
    if isinstance(analysis, dict) and analysis:
        return {"metrics": analysis}
    if row["word_count"] is None and row["filler_word_count"] is None:
        return {}
    return {
        "metrics": {
            "transcript": row["content"],
            "word_count": row["word_count"] or 0,
            "filler_count": row["filler_word_count"] or 0,
            "has_speech": True,
            "words_per_minute": row["words_per_minute"],
        }
    }


def downgrade() -> None:
    with op.batch_alter_table("messages") as batch:
        for name in _FLAT_INT:
            batch.add_column(sa.Column(name, sa.Integer(), nullable=True))
        batch.add_column(sa.Column("words_per_minute", sa.Float(), nullable=True))
        batch.add_column(sa.Column("analysis", sa.JSON(), nullable=True))
    new = _messages()
    connection = op.get_bind()
    for row in connection.execute(sa.select(new)).mappings().all():
        values = _flat(row["metrics"]) if row["metrics"] else {}
        if row["follow_up_reason"]:
            values["analysis"] = {"follow_up_reason": row["follow_up_reason"]}
        if values:
            connection.execute(sa.update(new).where(new.c.id == row["id"]).values(**values))
    with op.batch_alter_table("messages") as batch:
        batch.drop_column("follow_up_reason")
        batch.drop_column("metrics")


def _flat(metrics: dict[str, Any]) -> dict[str, Any]:
    timed = metrics.get("duration_s") is not None
    pauses = metrics.get("pauses", [])
    latency = metrics.get("speech_start_s")
    return {
        "analysis": metrics,
        "filler_word_count": metrics.get("filler_count"),
        "word_count": metrics.get("word_count"),
        "words_per_minute": metrics.get("words_per_minute"),
        "pause_count": len(pauses) if timed else None,
        "longest_pause_ms": max((round(1000 * (p["end_s"] - p["start_s"])) for p in pauses), default=0) if timed else None,
        "hesitation_count": len(metrics.get("hesitations", [])) if timed else None,
        "response_latency_ms": round(latency * 1000) if latency is not None else None,
        "audio_duration_ms": round(metrics["duration_s"] * 1000) if timed else None,
    }
