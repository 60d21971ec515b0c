"""Bookkeeping of the bundle exchange (never travels in bundles; owned by ``sync/``).

Village side: the bundles written (:class:`BundleExport`, with the per-installation sequence
number) and the receipts received from P4MI (:class:`SyncReceipt`). P4MI side: the villages'
trusted signing keys (:class:`VillageKey`, with history: a key is replaced, never edited), the
import history (:class:`BundleImport`), what the hub holds per village and origin installation
(:class:`SyncKnowledge`, Morango's max-counter vector), conflicts kept for review
(:class:`SyncConflict`) and the same NIK arriving from two villages (:class:`NikFlag`).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.core.models.base import Base, utcnow


class BundleExport(Base):
    __tablename__ = "sync_bundle_export"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    installation_id: Mapped[str] = mapped_column(String(32))
    sequence: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(12))  # "lengkap" (full) or "perubahan"
    status: Mapped[str] = mapped_column(String(12), default="menulis")  # menulis, selesai, gagal
    file_name: Mapped[str] = mapped_column(String(200), default="")
    sha256: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    operator: Mapped[str] = mapped_column(String(100), default="")
    counts: Mapped[str] = mapped_column(Text, default="{}")  # JSON {sheet: rows}
    knowledge: Mapped[str] = mapped_column(Text, default="{}")  # JSON {instance: counter}

    __table_args__ = (UniqueConstraint("installation_id", "sequence"),)


class SyncReceipt(Base):
    __tablename__ = "sync_receipt"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    issued_at: Mapped[str] = mapped_column(String(40))  # as written by P4MI (ISO, UTC)
    imported_at: Mapped[datetime] = mapped_column(default=utcnow)
    hub_fingerprint: Mapped[str] = mapped_column(String(40))
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    content: Mapped[str] = mapped_column(Text)  # the signed receipt content (JSON)


class VillageKey(Base):
    __tablename__ = "sync_village_key"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    village_code: Mapped[str] = mapped_column(String(20), index=True)
    public_key: Mapped[str] = mapped_column(String(64))  # base64 of the 32-byte Ed25519 key
    fingerprint: Mapped[str] = mapped_column(String(40))
    installation_id: Mapped[str] = mapped_column(String(32), default="")
    source: Mapped[str] = mapped_column(String(20))  # paket, berkas, ganti
    trusted_at: Mapped[datetime] = mapped_column(default=utcnow)
    trusted_by: Mapped[str] = mapped_column(String(100), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True, index=True)
    retired_at: Mapped[datetime | None]
    reason: Mapped[str] = mapped_column(Text, default="")


class BundleImport(Base):
    __tablename__ = "sync_bundle_import"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    file_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    file_name: Mapped[str] = mapped_column(String(200), default="")
    village_code: Mapped[str] = mapped_column(String(20), index=True)
    installation_id: Mapped[str] = mapped_column(String(32))
    sequence: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(12))
    bundle_created_at: Mapped[str] = mapped_column(String(40), default="")
    imported_at: Mapped[datetime] = mapped_column(default=utcnow)
    operator: Mapped[str] = mapped_column(String(100), default="")
    status: Mapped[str] = mapped_column(String(12))  # diimpor, sebagian
    counts: Mapped[str] = mapped_column(Text, default="{}")
    rejected: Mapped[str] = mapped_column(Text, default="[]")
    warnings: Mapped[str] = mapped_column(Text, default="[]")


class SyncKnowledge(Base):
    __tablename__ = "sync_knowledge"

    village_code: Mapped[str] = mapped_column(String(20), primary_key=True)
    instance_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    counter: Mapped[int] = mapped_column(Integer, default=0)


class SyncConflict(Base):
    __tablename__ = "sync_conflict"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    import_id: Mapped[int] = mapped_column(Integer, index=True)
    village_code: Mapped[str] = mapped_column(String(20), index=True)
    table_name: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[str] = mapped_column(String(32), index=True)
    reason: Mapped[str] = mapped_column(String(40))
    incoming: Mapped[str] = mapped_column(Text, default="{}")  # the losing payload (JSON)
    detected_at: Mapped[datetime] = mapped_column(default=utcnow)
    resolved: Mapped[bool] = mapped_column(Boolean, default=False)


class NikFlag(Base):
    __tablename__ = "sync_nik_flag"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    nik: Mapped[str] = mapped_column(String(16), index=True)
    resident_id: Mapped[str] = mapped_column(String(32))
    village_code: Mapped[str] = mapped_column(String(20))
    other_resident_id: Mapped[str] = mapped_column(String(32))
    other_village: Mapped[str] = mapped_column(String(20))
    import_id: Mapped[int] = mapped_column(Integer)
    first_seen: Mapped[datetime] = mapped_column(default=utcnow)
    status: Mapped[str] = mapped_column(String(12), default="baru")  # baru, diperiksa

    __table_args__ = (UniqueConstraint("resident_id", "other_resident_id"),)


class VillageSyncState(Base):
    """One row per village at the hub. An import takes this row's lock (``SELECT ... FOR
    UPDATE`` on a PostgreSQL server) before it merges: two clerks importing bundles of the
    same village wait for each other, those of different villages do not."""

    __tablename__ = "sync_village_state"

    village_code: Mapped[str] = mapped_column(String(20), primary_key=True)
    imports: Mapped[int] = mapped_column(Integer, default=0)
    last_import_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
