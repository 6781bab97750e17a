"""Who may use the Prompt Lab: admins only, checked against the database on every call.

The role is read fresh from the `users` row each time (not from the page's cached account), so revoking
admin takes effect at the next click. Roles are assigned on the command line only
(`python -m igym set-role`): no page can grant admin.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy.orm import Session

from igym.auth import validation
from igym.db import repository as repo
from igym.db.engine import Database
from igym.db.tables import User
from igym.errors import AccessDenied, InvalidInput, NotFound

ADMIN = "admin"
ROLES = ("candidate", "coach", "admin")
NOT_ADMIN = (
    "The Prompt Lab is for the product team's admins only. Your account is not an admin, so nothing here "
    "can be viewed or changed; ask an admin if a prompt needs work."
)


def require_admin(db: Session, *, user_id: uuid.UUID) -> User:
    """The user's row when they are an admin.

    Raises:
        AccessDenied: the user does not exist or is not an admin (one message for both).
    """
    user = repo.get_user(db, user_id=user_id)
    if user is None or user.role != ADMIN:
        raise AccessDenied(NOT_ADMIN)
    return user


def is_admin(database: Database, *, user_id: uuid.UUID) -> bool:
    with database.session() as db:
        user = repo.get_user(db, user_id=user_id)
        return user is not None and user.role == ADMIN


@dataclass(frozen=True, slots=True)
class RoleChange:
    """The result of changing a user's role: who, from what, to what."""

    email: str
    old_role: str
    new_role: str


def set_role(database: Database, *, email: str, role: str) -> RoleChange:
    """Give the account with `email` the `role` (the command line's `set-role`).

    Raises:
        InvalidInput: an unknown role or a malformed email.
        NotFound: no account has that email.
    """
    if role not in ROLES:
        raise InvalidInput(f"Unknown role {role!r}; use one of: {', '.join(ROLES)}.")
    clean = validation.normalise_email(email)
    with database.session() as db:
        user = repo.get_user_by_email(db, email=clean)
        if user is None:
            raise NotFound(f"No account has the email {clean}.")
        old = user.role
        user.role = role
        return RoleChange(email=clean, old_role=old, new_role=role)
