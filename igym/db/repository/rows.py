"""The one way a repository function inserts a new row."""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy.orm import Session

RowT = TypeVar("RowT")


def inserted(db: Session, row: RowT) -> RowT:
    """Add `row` and flush, so its defaults and id are set and a unique-key clash raises here, not at commit."""
    db.add(row)
    db.flush()
    return row
