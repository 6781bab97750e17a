"""server-side sign-ins, sign-in throttling by email, and coach invitations accepted with a code

Grants that named no coach account (an invitation by email only, which under the old rules anyone signing up
with that email could claim) become pending invitations without a code: the candidate invites again to get
one. Grants to an existing account keep working.
"""

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0003"


def upgrade() -> None:
    op.create_table(
        "sign_ins",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_sign_ins_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sign_ins")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_sign_ins_token_hash")),
    )
    op.create_index("ix_sign_ins_user_id", "sign_ins", ["user_id"])
    op.create_table(
        "sign_in_failures",
        sa.Column("email_hash", sa.String(length=64), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_failure_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("email_hash", name=op.f("pk_sign_in_failures")),
    )
    with op.batch_alter_table("coach_access") as batch:
        batch.add_column(sa.Column("invite_code_hash", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("invite_expires_at", sa.DateTime(timezone=True), nullable=True))
    op.execute("UPDATE coach_access SET status = 'pending' WHERE status = 'granted' AND coach_id IS NULL")


def downgrade() -> None:
    op.execute("UPDATE coach_access SET status = 'revoked' WHERE status = 'pending'")
    with op.batch_alter_table("coach_access") as batch:
        batch.drop_column("invite_expires_at")
        batch.drop_column("invite_code_hash")
    op.drop_table("sign_in_failures")
    op.drop_index("ix_sign_ins_user_id", table_name="sign_ins")
    op.drop_table("sign_ins")
