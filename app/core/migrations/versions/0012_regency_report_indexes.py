"""regency report indexes on a PostgreSQL hub (a regency's figures at a province hub)

Revision ID: 0012
Revises: 0011

PostgreSQL only: the SQLite file is unchanged (a regency hub's file holds one regency; its
dashboard and report read every row anyway). A province or national hub on the server holds
2,000,000 residents and more; a regency's dashboard and period report there are limited to
``owner_office LIKE 'PP.KK.%'`` (:func:`app.core.repo.p4mi.regency_scope`) and the same-NIK
pairs are looked up per NIK. Without these indexes each of those reads the whole resident
table (1-3 s each, a dozen times per dashboard):

- ``ix_resident_live_office``: live residents (``deleted = FALSE``) by ``owner_office``
  (``text_pattern_ops``: a ``LIKE 'prefix%'`` can use it whatever the database's collation),
  then ``migrant_status``, carrying ``id``, ``nik``, ``sex`` and ``name``: the counts per
  village and status, the NIKs of a regency, the joins of its episodes and cases and the
  report's lists of people are read from the index alone (index-only scans).
- ``ix_resident_live_nik``: live residents with a NIK, by NIK, carrying ``owner_office``: the
  "same NIK in another village" check and the whole hub's NIK pairs without reading the table.

Indexes are made from the rows already there; the statements run in the migration's one
transaction (PostgreSQL's DDL is transactional): a cut leaves 0011 and no index.
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

INDEXES = {
    "ix_resident_live_office": "CREATE INDEX IF NOT EXISTS ix_resident_live_office ON resident "
                               "(owner_office text_pattern_ops, migrant_status) "
                               "INCLUDE (id, nik, sex, name) WHERE deleted = FALSE",
    "ix_resident_live_nik": "CREATE INDEX IF NOT EXISTS ix_resident_live_nik ON resident (nik) "
                            "INCLUDE (owner_office) WHERE deleted = FALSE AND nik IS NOT NULL "
                            "AND nik <> ''",
}


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return  # the SQLite file is unchanged
    for statement in INDEXES.values():
        op.execute(sa.text(statement))


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for name in INDEXES:
        op.execute(f"DROP INDEX IF EXISTS {name}")
