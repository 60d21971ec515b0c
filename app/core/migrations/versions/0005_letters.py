"""letter register (buku agenda surat keluar)

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "letter",
        sa.Column("number", sa.String(length=80), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("resident_id", sa.String(length=32), nullable=True),
        sa.Column("nik", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=150), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("signer_name", sa.String(length=150), nullable=False),
        sa.Column("signer_role", sa.String(length=20), nullable=False),
        sa.Column("revoked", sa.Boolean(), nullable=False),
        sa.Column("revoked_reason", sa.Text(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("fields", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("origin_instance", sa.String(length=32), nullable=False),
        sa.Column("origin_counter", sa.Integer(), nullable=False),
        sa.Column("owner_office", sa.String(length=20), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=100), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["resident_id"], ["resident.id"], name=op.f("fk_letter_resident_id_resident")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_letter")),
    )
    with op.batch_alter_table("letter", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_letter_deleted"), ["deleted"], unique=False)
        batch_op.create_index(batch_op.f("ix_letter_number"), ["number"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_letter_origin_counter"), ["origin_counter"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_letter_owner_office"), ["owner_office"],
                              unique=False)
        batch_op.create_index(batch_op.f("ix_letter_resident_id"), ["resident_id"],
                              unique=False)


def downgrade() -> None:
    op.drop_table("letter")
