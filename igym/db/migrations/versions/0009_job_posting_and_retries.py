"""sessions.job_description, sessions.job_terms, sessions.retry_of_message_id: job postings and try-again

A session may be started with a pasted job posting (kept as typed, and its extracted key terms as a JSON
list), or as another attempt at one earlier answer's question (`retry_of_message_id`, the answer it
retries; no foreign key, so sessions and messages do not reference each other: reads join on the
user's own messages and find nothing once that answer is gone).
"""

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"


def upgrade() -> None:
    # Plain ALTERs, not batch mode: a batch rebuild drops and recreates `sessions`, and on SQLite (foreign
    # keys on) dropping it would cascade-delete every message, metrics and feedback row.
    op.add_column("sessions", sa.Column("job_description", sa.Text(), nullable=True))
    op.add_column("sessions", sa.Column("job_terms", sa.JSON(), nullable=True))
    op.add_column("sessions", sa.Column("retry_of_message_id", sa.Uuid(), nullable=True))
    op.create_index("ix_sessions_retry_of_message_id", "sessions", ["retry_of_message_id"])


def downgrade() -> None:
    op.drop_index("ix_sessions_retry_of_message_id", table_name="sessions")
    op.drop_column("sessions", "retry_of_message_id")
    op.drop_column("sessions", "job_terms")
    op.drop_column("sessions", "job_description")
