"""The village's letter register (buku agenda surat keluar): one row per letter issued.

A row travels in bundles (number, type, the person's NIK and name, date, signer, revocation,
content hash) so the P4MI can check a letter and knows about revocations; the letter text
never travels. ``fields`` keeps the values the letter was printed with, locally only, so a
reprint shows the same letter under the same number.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.core.models.base import Base, SyncMixin


class Letter(SyncMixin, Base):
    __tablename__ = "letter"

    number: Mapped[str] = mapped_column(String(80), index=True)
    seq: Mapped[int] = mapped_column(Integer)  # running number within ``year``
    year: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(40))
    resident_id: Mapped[str | None] = mapped_column(ForeignKey("resident.id"), index=True)
    nik: Mapped[str] = mapped_column(String(16), default="")
    name: Mapped[str] = mapped_column(String(150), default="")
    issued_on: Mapped[date]
    signer_name: Mapped[str] = mapped_column(String(150), default="")
    signer_role: Mapped[str] = mapped_column(String(20), default="kepala")
    revoked: Mapped[bool] = mapped_column(default=False)
    revoked_reason: Mapped[str] = mapped_column(Text, default="")
    content_hash: Mapped[str] = mapped_column(String(64), default="")
    # local only (never in a bundle): the values the letter was printed with, JSON
    fields: Mapped[str] = mapped_column(Text, default="")
