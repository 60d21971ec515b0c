"""The undo journal: what an import changed, so "undo the last import" is exact.

Generic on purpose (lists today, bundles later): one :class:`ImportRun` per import and one
:class:`UndoEntry` per row it created or changed, holding the row's user data as it was
before (JSON), or NULL for a row the import created. See docs/UNDO_JOURNAL.md.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.core.models.base import Base, utcnow


class ImportRun(Base):
    __tablename__ = "import_run"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(20))  # "list" (foreign list), later "bundle"
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    operator: Mapped[str] = mapped_column(String(100), default="")
    source_name: Mapped[str] = mapped_column(String(250), default="")
    source_sha256: Mapped[str] = mapped_column(String(64), default="", index=True)
    counts: Mapped[str] = mapped_column(Text, default="{}")  # JSON summary
    # The installation change counter of the import's unit of work: a journaled row whose
    # origin_counter differs was changed again later.
    counter: Mapped[int] = mapped_column(Integer, default=0)
    undone_at: Mapped[datetime | None]
    undone_by: Mapped[str] = mapped_column(String(100), default="")


class UndoEntry(Base):
    __tablename__ = "undo_journal"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("import_run.id"), index=True)
    table_name: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[str] = mapped_column(String(32))
    previous: Mapped[str | None] = mapped_column(Text)  # JSON of user columns; NULL = created
