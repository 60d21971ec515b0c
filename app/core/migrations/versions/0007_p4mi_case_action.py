"""the P4MI desk's own actions on village cases

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "p4mi_case_action",
        sa.Column("case_id", sa.String(length=32), nullable=False),
        sa.Column("village_code", sa.String(length=20), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("noted_on", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("referral", sa.String(length=40), nullable=False),
        sa.Column("status_after", sa.String(length=12), nullable=False),
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("origin_instance", sa.String(length=32), nullable=False),
        sa.Column("origin_counter", sa.Integer(), nullable=False),
        sa.Column("owner_office", sa.String(length=20), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=100), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_p4mi_case_action")),
    )
    with op.batch_alter_table("p4mi_case_action") as batch:
        for column in ("case_id", "village_code", "origin_counter", "owner_office", "deleted"):
            batch.create_index(batch.f(f"ix_p4mi_case_action_{column}"), [column], unique=False)


def downgrade() -> None:
    op.drop_table("p4mi_case_action")
