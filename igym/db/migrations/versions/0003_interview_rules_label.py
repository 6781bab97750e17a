"""the offline interviewer's label is rules-v1 (it was recorded as coach-v1, a name now kept for human coaches)"""

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"


def upgrade() -> None:
    for column in ("interviewer_prompt_version", "followup_prompt_version"):
        op.execute(f"UPDATE sessions SET {column} = 'rules-v1' WHERE {column} = 'coach-v1'")


def downgrade() -> None:
    for column in ("interviewer_prompt_version", "followup_prompt_version"):
        op.execute(f"UPDATE sessions SET {column} = 'coach-v1' WHERE {column} = 'rules-v1'")
