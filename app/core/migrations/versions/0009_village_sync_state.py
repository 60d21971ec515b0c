"""one row per village's sync state at the hub: several clerks' imports lock it

Revision ID: 0009
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Rows are made by the first import of each village (nothing to fill for existing data).
    op.create_table(
        "sync_village_state",
        sa.Column("village_code", sa.String(length=20), nullable=False),
        sa.Column("imports", sa.Integer(), nullable=False),
        sa.Column("last_import_id", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("village_code", name=op.f("pk_sync_village_state")),
    )


def downgrade() -> None:
    op.drop_table("sync_village_state")
