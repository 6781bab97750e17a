"""Adding and dropping nullable columns on one table, in batch mode: the body of migrations 0008 and 0010.

Frozen: applied migrations run this code again on every fresh database and on every downgrade, so it must
keep doing exactly what it does today. A migration that wants something else writes its own body. It lives
beside `versions/`, not in it, so Alembic does not read it as a revision.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

Columns = Sequence[tuple[str, sa.types.TypeEngine]]


def add(table: str, columns: Columns) -> None:
    """Add each of `columns` (name, type) to `table`, nullable, in one batch (one table rebuild on SQLite)."""
    with op.batch_alter_table(table) as batch:
        for name, kind in columns:
            batch.add_column(sa.Column(name, kind, nullable=True))


def drop(table: str, columns: Columns) -> None:
    """Drop `columns` from `table` in the reverse of the order `add` added them, in one batch."""
    with op.batch_alter_table(table) as batch:
        for name, _ in reversed(columns):
            batch.drop_column(name)
