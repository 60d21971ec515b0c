"""the village as a checkpoint: red-flag rows, new episode states and fields, one open episode

Revision ID: 0004
Revises: 0003

Adds the ``episode_flag`` table (red flags kept with the episode), the episode fields clerks
ask for, and the partial unique index that allows at most one open episode per person. Data
written before this revision may hold two open episodes for one person (nothing in the
database forbade it): the older ones are closed as ``batal`` with a note saying why, so the
index can be built and nothing is deleted.
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

OPEN = ("terdaftar", "terverifikasi", "dalam_proses", "berangkat", "cuti")
OPEN_IN = "state IN (" + ", ".join(f"'{v}'" for v in OPEN) + ")"

TEXT_COLUMNS = (
    ("epmi_no", 40), ("visa_type", 20), ("visa_no", 40), ("trip_passport_no", 20),
    ("pk_no", 60), ("wage", 60), ("foreign_agency", 150), ("employer_address", 250),
    ("employer_phone", 30), ("phone_abroad", 30), ("heir_name", 150), ("heir_relation", 40),
    ("heir_phone", 30), ("bpjs_status", 20), ("process_place", 20),
    ("repatriation_status", 30), ("death_claim_status", 20),
)
LONG_TEXT = ("returnee_skills", "returnee_business", "remittance_use")
DATES = ("trip_passport_expiry", "lapor_diri_on", "process_since", "leave_from", "leave_until")


def _sync_columns() -> list[sa.Column]:
    return [
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("origin_instance", sa.String(length=32), nullable=False),
        sa.Column("origin_counter", sa.Integer(), nullable=False),
        sa.Column("owner_office", sa.String(length=20), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=100), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
    ]


def upgrade() -> None:
    with op.batch_alter_table("episode", schema=None) as batch_op:
        for name, length in TEXT_COLUMNS:
            batch_op.add_column(sa.Column(name, sa.String(length=length), nullable=False,
                                          server_default=""))
        for name in LONG_TEXT:
            batch_op.add_column(sa.Column(name, sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("plans_to_leave", sa.String(length=20), nullable=False,
                                      server_default=""))
        for name in DATES:
            batch_op.add_column(sa.Column(name, sa.Date(), nullable=True))

    # Older data may hold more than one open episode per person: keep the newest open, close
    # the others as "batal" with a note (nothing is deleted), then build the guarantee.
    bind = op.get_bind()
    false = "false" if bind.dialect.name == "postgresql" else "0"
    rows = bind.execute(sa.text(
        f"SELECT id, resident_id FROM episode WHERE deleted = {false} AND {OPEN_IN} "
        "ORDER BY resident_id, coalesce(registered_on, departed_on, returned_on) DESC, "
        "created_at DESC")).fetchall()
    seen: set[str] = set()
    for episode_id, resident_id in rows:
        if resident_id not in seen:
            seen.add(resident_id)
            continue
        bind.execute(sa.text(
            "UPDATE episode SET state = 'batal', end_reason = trim(end_reason || ' ' || "
            ":note), version = version + 1 WHERE id = :id"),
            {"id": episode_id,
             "note": "[Ditutup otomatis saat pembaruan 0004: orang ini punya penempatan lain "
                     "yang lebih baru dan belum selesai.]"})
    op.create_index("uq_episode_open_resident", "episode", ["resident_id"], unique=True,
                    sqlite_where=sa.text(f"deleted = 0 AND {OPEN_IN}"),
                    postgresql_where=sa.text(f"deleted = false AND {OPEN_IN}"))

    op.create_table(
        "episode_flag",
        sa.Column("episode_id", sa.String(length=32), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("severity", sa.String(length=10), nullable=False),
        sa.Column("rule_version", sa.String(length=30), nullable=False),
        sa.Column("step", sa.String(length=20), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("seen_at", sa.DateTime(), nullable=True),
        sa.Column("seen_by", sa.String(length=100), nullable=False),
        sa.Column("accepted", sa.Boolean(), nullable=False),
        sa.Column("accepted_reason", sa.Text(), nullable=False),
        sa.Column("accepted_by", sa.String(length=100), nullable=False),
        sa.Column("accepted_at", sa.DateTime(), nullable=True),
        sa.Column("cleared", sa.Boolean(), nullable=False),
        sa.Column("cleared_at", sa.DateTime(), nullable=True),
        *_sync_columns(),
        sa.ForeignKeyConstraint(["episode_id"], ["episode.id"],
                                name=op.f("fk_episode_flag_episode_id_episode")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_episode_flag")),
    )
    with op.batch_alter_table("episode_flag", schema=None) as batch_op:
        for col in ("cleared", "deleted", "owner_office", "episode_id", "origin_counter",
                    "code"):
            batch_op.create_index(batch_op.f(f"ix_episode_flag_{col}"), [col], unique=False)


def downgrade() -> None:
    op.drop_table("episode_flag")
    op.drop_index("uq_episode_open_resident", table_name="episode")
    with op.batch_alter_table("episode", schema=None) as batch_op:
        for name in [n for n, _ in TEXT_COLUMNS] + list(LONG_TEXT) + ["plans_to_leave"] + list(
                DATES):
            batch_op.drop_column(name)
