"""import runs and the generic undo journal (lists of residents, later bundles)

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "import_run",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("operator", sa.String(length=100), nullable=False),
        sa.Column("source_name", sa.String(length=250), nullable=False),
        sa.Column("source_sha256", sa.String(length=64), nullable=False),
        sa.Column("counts", sa.Text(), nullable=False),
        sa.Column("counter", sa.Integer(), nullable=False),
        sa.Column("undone_at", sa.DateTime(), nullable=True),
        sa.Column("undone_by", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_run")),
    )
    op.create_index(op.f("ix_import_run_at"), "import_run", ["at"], unique=False)
    op.create_index(op.f("ix_import_run_source_sha256"), "import_run", ["source_sha256"],
                    unique=False)
    op.create_table(
        "undo_journal",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("row_id", sa.String(length=32), nullable=False),
        sa.Column("previous", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["run_id"], ["import_run.id"],
                                name=op.f("fk_undo_journal_run_id_import_run")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_undo_journal")),
    )
    op.create_index(op.f("ix_undo_journal_run_id"), "undo_journal", ["run_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_undo_journal_run_id"), table_name="undo_journal")
    op.drop_table("undo_journal")
    op.drop_index(op.f("ix_import_run_source_sha256"), table_name="import_run")
    op.drop_index(op.f("ix_import_run_at"), table_name="import_run")
    op.drop_table("import_run")
