"""person search indexes on a PostgreSQL hub (trigram name index, NIK / No. KK prefix indexes)

Revision ID: 0011
Revises: 0009

PostgreSQL only: the SQLite file is unchanged (its person search uses the in-memory index of
``app.core.repo.residents.ResidentIndex``). On the server the hub's person search runs in SQL
(``app.core.desk.search.PersonSearch._search_server``): a name fragment is
``lower(name) LIKE '%fragment%'``, a NIK or No. KK prefix ``nik LIKE '1807...%'``. Without
these indexes both read the whole resident table (2,000,000 rows at a province hub):

- ``ix_resident_name_trgm``: GIN ``gin_trgm_ops`` on ``lower(name)`` (extension ``pg_trgm``,
  shipped with PostgreSQL and "trusted": the database owner may create it). If the extension
  cannot be created (a server without the contrib package, a role that may not), the index is
  left out and the search still works, slower; the rest of the migration goes on.
- ``ix_resident_nik_prefix`` / ``ix_resident_no_kk_prefix``: B-tree ``text_pattern_ops``, the
  operator class a ``LIKE 'prefix%'`` can use whatever the database's collation is (the plain
  ``ix_resident_nik`` serves it only under the "C" collation).
"""

import logging

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0009"
branch_labels = None
depends_on = None

log = logging.getLogger(__name__)


def _trigram_extension(bind: sa.engine.Connection) -> bool:
    """Create ``pg_trgm`` if it is not there; False when the server refuses (nothing else is
    undone: the attempt runs in a savepoint)."""
    if bind.execute(sa.text("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")).first():
        return True
    if not bind.execute(sa.text(
            "SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'")).first():
        log.warning("pg_trgm is not installed on the server: name search without its index")
        return False
    try:
        with bind.begin_nested():
            bind.execute(sa.text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
    except sa.exc.DBAPIError as exc:
        log.warning("pg_trgm could not be created (%s): name search without its index", exc)
        return False
    return True


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return  # the SQLite file is unchanged
    op.execute("CREATE INDEX IF NOT EXISTS ix_resident_nik_prefix ON resident "
               "(nik text_pattern_ops)")
    op.execute("CREATE INDEX IF NOT EXISTS ix_resident_no_kk_prefix ON resident "
               "(no_kk text_pattern_ops)")
    if _trigram_extension(bind):
        op.execute("CREATE INDEX IF NOT EXISTS ix_resident_name_trgm ON resident "
                   "USING gin (lower(name) gin_trgm_ops)")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for name in ("ix_resident_name_trgm", "ix_resident_no_kk_prefix", "ix_resident_nik_prefix"):
        op.execute(f"DROP INDEX IF EXISTS {name}")
