"""Typed views of table rows: the one place that copies a row's columns into the dataclass a layer above reads.

Pages and services never hold an ORM row outside its transaction; they get a frozen dataclass instead. Most of
its fields are the row's columns under the same names, so `view_of` copies those by name and takes only what
differs (a computed or renamed value, a column of another row) as keyword overrides. A view field with no
column of that name and no override raises `AttributeError` at once, so a renamed column cannot be missed.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any, TypeVar

ViewT = TypeVar("ViewT")


def view_of(view: type[ViewT], row: object, **overrides: Any) -> ViewT:
    """A `view` dataclass built from `row`'s same-named attributes, with `overrides` taking precedence."""
    values = {f.name: getattr(row, f.name) for f in fields(view) if f.name not in overrides}  # type: ignore[arg-type]
    return view(**values, **overrides)
