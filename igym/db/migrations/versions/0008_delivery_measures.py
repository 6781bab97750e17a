"""metrics: session totals of the delivery measures (hedges, pitch spread, monotone answers, inclusive terms)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_COLUMNS = (
    ("hedges_per_100_words", sa.Float()),
    ("pitch_sd_st", sa.Float()),
    ("monotone_answers", sa.Integer()),
    ("inclusive_terms", sa.Integer()),
)


def upgrade() -> None:
    with op.batch_alter_table("metrics") as batch:
        for name, kind in _COLUMNS:
            batch.add_column(sa.Column(name, kind, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("metrics") as batch:
        for name, _ in reversed(_COLUMNS):
            batch.drop_column(name)
