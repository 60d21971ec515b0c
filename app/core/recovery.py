"""What start-up repairs after a power cut or a kill, and how it tells the user.

Work that a cut can interrupt leaves a trace this module recognises at the next start:

- ``cadangan/*.part`` (a backup being written) and the ``-journal``/``-wal``/``-shm`` files
  beside it: deleted, the backup simply was not made;
- ``buku_migran.db.pulihkan`` (a restore being prepared) without its plan file: deleted; WITH
  its plan file the restore is finished (:func:`app.core.restore.resume_pending_restore`);
- a practice folder being deleted by ``practice --reset`` (``*.dihapus``): deleted by
  :mod:`app.core.practice`;
- a half-made schema (older versions only): see :mod:`app.core.migrate`.

Each repair is reported with a coded notice (:func:`notify`): logged, and passed to the
handlers the front end registers (the command line prints it on stderr in Indonesian).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

MESSAGES: dict[str, tuple[str, str]] = {
    "recovery.leftovers_removed": (
        "Sisa pekerjaan yang terputus (mati listrik atau program ditutup paksa) dibersihkan: "
        "{files}. Data yang sudah tersimpan tidak berubah.",
        "Leftovers of interrupted work (power cut or forced close) were cleaned up: {files}. "
        "Saved data is unchanged.",
    ),
    "recovery.schema_restarted": (
        "Persiapan database baru di {path} sebelumnya terputus; database disiapkan ulang dari "
        "awal (belum ada data yang hilang).",
        "Setting up the new database in {path} was interrupted earlier; it was set up again "
        "from the start (no data was lost).",
    ),
    "recovery.migration_repaired": (
        "Pembaruan database sebelumnya terputus di tengah jalan. Database dikembalikan dari "
        "cadangan {backup} lalu diperbarui lagi; berkas yang setengah jadi disimpan di {kept}.",
        "An earlier database update was interrupted. The database was put back from the "
        "backup {backup} and updated again; the half-done file is kept at {kept}.",
    ),
    "recovery.migration_unrepairable": (
        "Pembaruan database {path} sebelumnya terputus dan cadangan dari sebelum pembaruan "
        "tidak ditemukan. Pulihkan cadangan terbaru (python -m app restore); berkas yang "
        "setengah jadi disimpan di {kept}.",
        "An earlier update of the database {path} was interrupted and the backup from before "
        "it was not found. Restore the newest backup (python -m app restore); the half-done "
        "file is kept at {kept}.",
    ),
    "recovery.restore_resumed": (
        "Pemulihan dari {source} sebelumnya terputus; pemulihan itu sudah diselesaikan "
        "sekarang. Keadaan sebelum pemulihan tetap tersimpan di {undo}.",
        "The restore from {source} was interrupted earlier; it has now been finished. The "
        "state before the restore is still kept at {undo}.",
    ),
    "recovery.practice_incomplete": (
        "Persiapan folder latihan {path} sebelumnya terputus (data contoh belum lengkap); "
        "folder latihan itu disiapkan ulang dari awal.",
        "Preparing the practice folder {path} was interrupted earlier (the sample data was "
        "incomplete); it was prepared again from the start.",
    ),
    "recovery.demo_incomplete": (
        "Pengisian data contoh sebelumnya terputus: baru {added} dari {wanted} penduduk contoh "
        "yang tersimpan. Data yang tersimpan utuh; jalankan demo lagi bila perlu.",
        "Adding sample data was interrupted earlier: only {added} of {wanted} sample residents "
        "were saved. What was saved is whole; run the demo again if needed.",
    ),
}

Handler = Callable[[str, dict[str, Any]], None]
_handlers: list[Handler] = []


def add_notice_handler(handler: Handler) -> None:
    """Register a front end's way of showing a notice (called with ``code, params``)."""
    if handler not in _handlers:
        _handlers.append(handler)


def remove_notice_handler(handler: Handler) -> None:
    if handler in _handlers:
        _handlers.remove(handler)


def notify(code: str, /, **params: Any) -> None:
    """Tell the user that start-up repaired something (logged in any case)."""
    from app.core.messages import message

    log.warning("%s", message(code, "en", **params))
    for handler in list(_handlers):
        try:
            handler(code, params)
        except Exception:  # noqa: BLE001 - a notice must never stop the start
            log.exception("notice handler failed")


def _sidecars(path: Path) -> list[Path]:
    return [path.with_name(path.name + s) for s in ("-journal", "-wal", "-shm")]


def clean_leftovers(root: Path, db_name: str, *, restore_pending: bool) -> list[Path]:
    """Delete the leftovers of interrupted work in the data folder ``root``; report them."""
    removed: list[Path] = []
    candidates: list[Path] = []
    backups = root / "cadangan"
    if backups.is_dir():
        for part in backups.glob("*.part"):
            candidates += [part, *_sidecars(part)]
        for side in backups.glob("*.part-*"):
            candidates.append(side)
    part = root / (db_name + ".part")
    candidates += [part, *_sidecars(part)]
    # half-written small files: the restore plan and the counter floors (kunci/batas.json)
    candidates += [root / (db_name + ".pulihkan-rencana.part"), root / "kunci" / "batas.part"]
    # a key file being written by the atomic writer (app.core.atomic.temp_name)
    keys = root / "kunci"
    if keys.is_dir():
        candidates += sorted(keys.glob(".*.sementara"))
    if not restore_pending:
        partial = root / (db_name + ".pulihkan")
        candidates += [partial, *_sidecars(partial)]
    for path in dict.fromkeys(candidates):
        try:
            if path.is_file():
                path.unlink()
                removed.append(path)
        except OSError:
            log.warning("could not remove leftover %s", path, exc_info=True)
    if removed:
        notify("recovery.leftovers_removed", files=", ".join(p.name for p in removed))
    return removed
