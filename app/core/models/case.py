"""Cases (kasus) with their follow-ups. Case details are sensitive."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.models.base import Base, SyncMixin


class CaseStatus(StrEnum):
    BARU = "baru"
    DIPROSES = "diproses"
    SELESAI = "selesai"


class Case(SyncMixin, Base):
    __tablename__ = "case_file"

    resident_id: Mapped[str] = mapped_column(ForeignKey("resident.id"), index=True)
    episode_id: Mapped[str | None] = mapped_column(ForeignKey("episode.id"), index=True)
    case_type: Mapped[str] = mapped_column(String(40), index=True)
    reporter: Mapped[str] = mapped_column(String(150), default="")
    reported_on: Mapped[date]
    occurred_on: Mapped[date | None]
    chronology: Mapped[str] = mapped_column(Text, default="")
    referral: Mapped[str] = mapped_column(String(40), default="")
    status: Mapped[str] = mapped_column(String(12), default=CaseStatus.BARU, index=True)
    closed_on: Mapped[date | None]
    sensitive: Mapped[bool] = mapped_column(default=True)

    follow_ups: Mapped[list[CaseFollowUp]] = relationship(
        back_populates="case", order_by="CaseFollowUp.noted_on"
    )


class CaseFollowUp(SyncMixin, Base):
    __tablename__ = "case_follow_up"

    case_id: Mapped[str] = mapped_column(ForeignKey("case_file.id"), index=True)
    noted_on: Mapped[date]
    note: Mapped[str] = mapped_column(Text, default="")
    status_after: Mapped[str] = mapped_column(String(12), default="")

    case: Mapped[Case] = relationship(back_populates="follow_ups")
