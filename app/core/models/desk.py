"""The P4MI desk's own rows: what the regency post did about a village's case.

A :class:`P4miCaseAction` is owned by the P4MI office (``owner_office`` is the regency code,
set by the session hook of the hub), never by the village that owns the case. The village's
``case_file`` and ``case_follow_up`` rows are left exactly as the village sent them, so the next
village bundle never overwrites what the P4MI wrote and the P4MI never changes a village row
(the importer refuses rows whose owner differs, see :mod:`sync.importer`). The table is not in
``SYNCED_MODELS``: it does not travel in village bundles; what the village should learn of it
goes back in the signed bulletin (:mod:`sync.bulletin`).
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.core.models.base import Base, SyncMixin


class DeskAction(StrEnum):
    TERIMA = "terima"  # the P4MI accepts a referral
    TINDAK_LANJUT = "tindak_lanjut"  # a follow-up by the P4MI
    RUJUK = "rujuk"  # referred on (BP3MI, Disnaker, KBRI/KJRI, police, health...)
    SELESAI = "selesai"  # the P4MI's outcome; the P4MI's part is done


class DeskStatus(StrEnum):
    """The P4MI's status of a case (the village keeps its own ``case_file.status``)."""

    BELUM = ""  # not accepted yet
    DITERIMA = "diterima"
    DIPROSES = "diproses"
    DIRUJUK = "dirujuk"
    SELESAI = "selesai"


class P4miCaseAction(SyncMixin, Base):
    __tablename__ = "p4mi_case_action"

    case_id: Mapped[str] = mapped_column(String(32), index=True)
    village_code: Mapped[str] = mapped_column(String(20), index=True)
    action: Mapped[str] = mapped_column(String(20))
    noted_on: Mapped[date]
    note: Mapped[str] = mapped_column(Text, default="")
    referral: Mapped[str] = mapped_column(String(40), default="")
    status_after: Mapped[str] = mapped_column(String(12), default="")
