"""metrics: session totals of the delivery measures (hedges, pitch spread, monotone answers, inclusive terms)"""

import sqlalchemy as sa

from igym.db.migrations import nullable_columns

revision: str = "0008"
down_revision: str | None = "0007"

_COLUMNS = (
    ("hedges_per_100_words", sa.Float()),
    ("pitch_sd_st", sa.Float()),
    ("monotone_answers", sa.Integer()),
    ("inclusive_terms", sa.Integer()),
)


def upgrade() -> None:
    nullable_columns.add("metrics", _COLUMNS)


def downgrade() -> None:
    nullable_columns.drop("metrics", _COLUMNS)
