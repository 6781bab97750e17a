"""Ids that arrive from outside (a URL, a form, a stale tab): parsed once, at the service's door.

Every service method that takes a session or candidate id passes it through `parse_id` before any query, so
an id that is not a UUID at all ("abc", "", "é", a number) gets the same answer as an id that does not exist
or belongs to someone else: `NOT_YOUR_SESSION` (or the caller's own refusal), never a driver error from
binding it. Pure functions: safe on any thread.
"""

from __future__ import annotations

import uuid

from igym.errors import NotFound

NOT_YOUR_SESSION = "That isn't one of your sessions: it doesn't exist, or it belongs to someone else."


def parse_id(value: object) -> uuid.UUID | None:
    """The UUID `value` is or spells (any case, with or without hyphens or braces); None for anything else."""
    if isinstance(value, uuid.UUID):
        return value
    if not isinstance(value, str) or len(value) > 64:
        return None
    try:
        return uuid.UUID(value.strip())
    except ValueError:
        return None


def session_id_of(value: object) -> uuid.UUID:
    """`value` as a session id; a malformed one raises the same `NotFound` as a session that isn't yours."""
    found = parse_id(value)
    if found is None:
        raise NotFound(NOT_YOUR_SESSION)
    return found
