"""Residents (penduduk) and the family left behind."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.models.base import Base, SyncMixin

if TYPE_CHECKING:
    from app.core.models.episode import Episode


class LifeStatus(StrEnum):
    HIDUP = "hidup"
    MENINGGAL = "meninggal"
    PINDAH = "pindah"


class MigrantStatus(StrEnum):
    """Derived from the latest episode (see :func:`app.core.rules.episodes.derive_status`)."""

    CALON_PMI = "calon_pmi"
    PMI = "pmi"
    PURNA_PMI = "purna_pmi"
    BUKAN = "bukan"


class Resident(SyncMixin, Base):
    __tablename__ = "resident"

    nik: Mapped[str | None] = mapped_column(String(16), index=True)
    no_kk: Mapped[str | None] = mapped_column(String(16), index=True)
    name: Mapped[str] = mapped_column(String(150), index=True)
    sex: Mapped[str] = mapped_column(String(1))  # "L" or "P"
    birth_place: Mapped[str] = mapped_column(String(100), default="")
    birth_date: Mapped[date | None]
    shdk: Mapped[str] = mapped_column(String(40), default="")
    dusun: Mapped[str] = mapped_column(String(100), default="", index=True)
    rw: Mapped[str] = mapped_column(String(3), default="")
    rt: Mapped[str] = mapped_column(String(3), default="")
    address: Mapped[str] = mapped_column(String(250), default="")
    phone: Mapped[str] = mapped_column(String(30), default="")
    education: Mapped[str] = mapped_column(String(40), default="")
    marital_status: Mapped[str] = mapped_column(String(40), default="")
    passport_no: Mapped[str] = mapped_column(String(20), default="")
    passport_expiry: Mapped[date | None]
    bpjs_tk_no: Mapped[str] = mapped_column(String(30), default="")
    life_status: Mapped[str] = mapped_column(String(12), default=LifeStatus.HIDUP, index=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    # Derived, never typed: recomputed from the episodes by the session hook in app.core.db.
    migrant_status: Mapped[str] = mapped_column(
        String(12), default=MigrantStatus.BUKAN, index=True
    )

    episodes: Mapped[list[Episode]] = relationship(
        back_populates="resident", order_by="Episode.created_at"
    )

    __table_args__ = (Index("ix_resident_owner_name", "owner_office", "name"),)


class FamilyLink(SyncMixin, Base):
    """A member of the family left behind by a (C)PMI: usually from the same KK."""

    __tablename__ = "family_link"

    resident_id: Mapped[str] = mapped_column(ForeignKey("resident.id"), index=True)
    member_id: Mapped[str | None] = mapped_column(ForeignKey("resident.id"), index=True)
    member_name: Mapped[str] = mapped_column(String(150), default="")
    member_birth_date: Mapped[date | None]
    relation: Mapped[str] = mapped_column(String(40))
    is_carer: Mapped[bool] = mapped_column(default=False)
    notes: Mapped[str] = mapped_column(Text, default="")
