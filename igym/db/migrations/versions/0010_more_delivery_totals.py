"""metrics: session totals of repeated phrases, pace across windows and loudness variation

`repeated_phrases` counts the words and phrases flagged as repeated, summed over the answers;
`pace_spread_wpm` is the mean, over answers with two windows or more, of fastest minus slowest window;
`fastest_window_wpm` the fastest window of the session; `loudness_sd_db` the loudness spread weighted by
voiced seconds (see `igym.analysis.session`). All nullable: sessions stored before have none.
"""

import sqlalchemy as sa

from igym.db.migrations import nullable_columns

revision: str = "0010"
down_revision: str | None = "0009"

_COLUMNS = (
    ("repeated_phrases", sa.Integer()),
    ("pace_spread_wpm", sa.Float()),
    ("fastest_window_wpm", sa.Float()),
    ("loudness_sd_db", sa.Float()),
)


def upgrade() -> None:
    nullable_columns.add("metrics", _COLUMNS)


def downgrade() -> None:
    nullable_columns.drop("metrics", _COLUMNS)
