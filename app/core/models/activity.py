"""Information sessions (sosialisasi) and empowerment activities with their participants."""

from __future__ import annotations

from datetime import date

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.models.base import Base, SyncMixin


class Activity(SyncMixin, Base):
    __tablename__ = "activity"

    kind: Mapped[str] = mapped_column(String(40), index=True)
    title: Mapped[str] = mapped_column(String(200))
    held_on: Mapped[date] = mapped_column(index=True)
    place: Mapped[str] = mapped_column(String(150), default="")
    organizer: Mapped[str] = mapped_column(String(150), default="")
    notes: Mapped[str] = mapped_column(Text, default="")

    participants: Mapped[list[ActivityParticipant]] = relationship(back_populates="activity")


class ActivityParticipant(SyncMixin, Base):
    __tablename__ = "activity_participant"

    activity_id: Mapped[str] = mapped_column(ForeignKey("activity.id"), index=True)
    resident_id: Mapped[str | None] = mapped_column(ForeignKey("resident.id"), index=True)
    name: Mapped[str] = mapped_column(String(150), default="")

    activity: Mapped[Activity] = relationship(back_populates="participants")
