"""metrics: session totals of repeated phrases, pace across windows and loudness variation

`repeated_phrases` counts the words and phrases flagged as repeated, summed over the answers;
`pace_spread_wpm` is the mean, over answers with two windows or more, of fastest minus slowest window;
`fastest_window_wpm` the fastest window of the session; `loudness_sd_db` the loudness spread weighted by
voiced seconds (see `igym.analysis.session`). All nullable: sessions stored before have none.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_COLUMNS = (
    ("repeated_phrases", sa.Integer()),
    ("pace_spread_wpm", sa.Float()),
    ("fastest_window_wpm", sa.Float()),
    ("loudness_sd_db", sa.Float()),
)


def upgrade() -> None:
    with op.batch_alter_table("metrics") as batch:
        for name, kind in _COLUMNS:
            batch.add_column(sa.Column(name, kind, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("metrics") as batch:
        for name, _ in reversed(_COLUMNS):
            batch.drop_column(name)
