"""Migration episodes (penempatan) and the contact log with PMI abroad."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.models.base import Base, SyncMixin
from app.core.models.resident import Resident


class EpisodeState(StrEnum):
    TERDAFTAR = "terdaftar"
    TERVERIFIKASI = "terverifikasi"
    BERANGKAT = "berangkat"
    PULANG = "pulang"
    BATAL = "batal"
    GAGAL_BERANGKAT = "gagal_berangkat"
    # Added by issue 9 (schema 0004, bundle format v2):
    DALAM_PROSES = "dalam_proses"  # at the P3MI, training centre or shelter, not yet gone
    CUTI = "cuti"  # home leave: back in the village, the placement goes on
    DICEGAH = "dicegah"  # prevented / not recommended by the village: its own end


OPEN_STATE_VALUES = ("terdaftar", "terverifikasi", "dalam_proses", "berangkat", "cuti")
"""States of an unfinished episode. A person has at most one live episode in these states,
guaranteed by the partial unique index ``uq_episode_open_resident``."""
_OPEN_IN = "state IN (" + ", ".join(f"'{v}'" for v in OPEN_STATE_VALUES) + ")"


class Procedure(StrEnum):
    PROSEDURAL = "prosedural"
    DIDUGA_NONPROSEDURAL = "diduga_nonprosedural"
    BELUM_DIKETAHUI = "belum_diketahui"


class Episode(SyncMixin, Base):
    __tablename__ = "episode"

    resident_id: Mapped[str] = mapped_column(ForeignKey("resident.id"), index=True)
    state: Mapped[str] = mapped_column(String(20), index=True)
    destination_country: Mapped[str] = mapped_column(String(2), default="", index=True)
    destination_city: Mapped[str] = mapped_column(String(100), default="")
    job: Mapped[str] = mapped_column(String(100), default="")
    sector: Mapped[str] = mapped_column(String(40), default="")
    employer: Mapped[str] = mapped_column(String(150), default="")
    p3mi: Mapped[str] = mapped_column(String(150), default="")
    scheme: Mapped[str] = mapped_column(String(40), default="")
    procedure: Mapped[str] = mapped_column(String(24), default=Procedure.BELUM_DIKETAHUI)
    registered_on: Mapped[date | None]
    verified_on: Mapped[date | None]
    departed_on: Mapped[date | None] = mapped_column(index=True)
    contract_start: Mapped[date | None]
    contract_end: Mapped[date | None]
    expected_return: Mapped[date | None] = mapped_column(index=True)
    returned_on: Mapped[date | None] = mapped_column(index=True)
    return_reason: Mapped[str] = mapped_column(String(40), default="")
    ended_on: Mapped[date | None]  # batal / gagal berangkat
    end_reason: Mapped[str] = mapped_column(Text, default="")
    consent_name: Mapped[str] = mapped_column(String(150), default="")
    consent_nik: Mapped[str] = mapped_column(String(16), default="")
    consent_relation: Mapped[str] = mapped_column(String(40), default="")
    # Document checklist: comma-separated codes from resources/reference/documents.json.
    documents: Mapped[str] = mapped_column(Text, default="")
    lapor_diri: Mapped[bool] = mapped_column(default=False)
    notes: Mapped[str] = mapped_column(Text, default="")
    # The fields clerks ask for (schema 0004). Empty text / NULL when not known.
    epmi_no: Mapped[str] = mapped_column(String(40), default="", server_default="")
    visa_type: Mapped[str] = mapped_column(String(20), default="", server_default="")
    visa_no: Mapped[str] = mapped_column(String(40), default="", server_default="")
    trip_passport_no: Mapped[str] = mapped_column(String(20), default="", server_default="")
    trip_passport_expiry: Mapped[date | None]
    pk_no: Mapped[str] = mapped_column(String(60), default="", server_default="")
    wage: Mapped[str] = mapped_column(String(60), default="", server_default="")
    foreign_agency: Mapped[str] = mapped_column(String(150), default="", server_default="")
    employer_address: Mapped[str] = mapped_column(String(250), default="", server_default="")
    employer_phone: Mapped[str] = mapped_column(String(30), default="", server_default="")
    phone_abroad: Mapped[str] = mapped_column(String(30), default="", server_default="")
    heir_name: Mapped[str] = mapped_column(String(150), default="", server_default="")
    heir_relation: Mapped[str] = mapped_column(String(40), default="", server_default="")
    heir_phone: Mapped[str] = mapped_column(String(30), default="", server_default="")
    bpjs_status: Mapped[str] = mapped_column(String(20), default="", server_default="")
    lapor_diri_on: Mapped[date | None]
    process_place: Mapped[str] = mapped_column(String(20), default="", server_default="")
    process_since: Mapped[date | None]
    leave_from: Mapped[date | None]
    leave_until: Mapped[date | None]
    repatriation_status: Mapped[str] = mapped_column(String(30), default="", server_default="")
    death_claim_status: Mapped[str] = mapped_column(String(20), default="", server_default="")
    returnee_skills: Mapped[str] = mapped_column(Text, default="", server_default="")
    returnee_business: Mapped[str] = mapped_column(Text, default="", server_default="")
    remittance_use: Mapped[str] = mapped_column(Text, default="", server_default="")
    plans_to_leave: Mapped[str] = mapped_column(String(20), default="", server_default="")

    resident: Mapped[Resident] = relationship(back_populates="episodes")

    __table_args__ = (
        Index(
            "uq_episode_open_resident",
            "resident_id",
            unique=True,
            sqlite_where=text(f"deleted = 0 AND {_OPEN_IN}"),
            postgresql_where=text(f"deleted = false AND {_OPEN_IN}"),
        ),
    )

    @property
    def document_codes(self) -> list[str]:
        return [c for c in (self.documents or "").split(",") if c]


class ContactLog(SyncMixin, Base):
    """The last news from a PMI abroad (for "no news for N months")."""

    __tablename__ = "contact_log"

    resident_id: Mapped[str] = mapped_column(ForeignKey("resident.id"), index=True)
    episode_id: Mapped[str | None] = mapped_column(ForeignKey("episode.id"), index=True)
    contacted_on: Mapped[date] = mapped_column(index=True)
    channel: Mapped[str] = mapped_column(String(40), default="")
    condition: Mapped[str] = mapped_column(String(40), default="")
    news: Mapped[str] = mapped_column(Text, default="")


class FlagSeverity(StrEnum):
    TINGGI = "tinggi"  # high: the departure should not go ahead as it is
    SEDANG = "sedang"  # medium: a paper or a check is missing
    RENDAH = "rendah"  # low: worth noting


class EpisodeFlag(SyncMixin, Base):
    """A red flag raised by a rule on an episode, kept with it (DESIGN section 9).

    The id is derived from ``(episode_id, code)`` (:func:`flag_id`), so the same flag raised
    on two installations is one row. ``cleared`` means the rule no longer fires (the data was
    fixed); the row stays, so the history of what was seen is never lost.
    """

    __tablename__ = "episode_flag"

    episode_id: Mapped[str] = mapped_column(ForeignKey("episode.id"), index=True)
    code: Mapped[str] = mapped_column(String(40), index=True)
    severity: Mapped[str] = mapped_column(String(10), default=FlagSeverity.SEDANG)
    rule_version: Mapped[str] = mapped_column(String(30), default="")
    step: Mapped[str] = mapped_column(String(20), default="")
    detail: Mapped[str] = mapped_column(Text, default="")  # JSON of the sentence's parameters
    seen_at: Mapped[datetime | None]
    seen_by: Mapped[str] = mapped_column(String(100), default="")
    accepted: Mapped[bool] = mapped_column(default=False)
    accepted_reason: Mapped[str] = mapped_column(Text, default="")
    accepted_by: Mapped[str] = mapped_column(String(100), default="")
    accepted_at: Mapped[datetime | None]
    cleared: Mapped[bool] = mapped_column(default=False, index=True)
    cleared_at: Mapped[datetime | None]
    # Only so that one flush inserts the episode before its flags (a batch import adds both
    # before flushing); SQLAlchemy orders inserts by relationships, not by foreign keys.
    episode: Mapped[Episode] = relationship()


def flag_id(episode_id: str, code: str) -> str:
    """The row id of flag ``code`` on an episode: the same on every installation."""
    import hashlib

    return hashlib.sha256(f"{episode_id}:{code}".encode()).hexdigest()[:32]
