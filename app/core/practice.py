"""Practice mode ("Mode latihan") for training events: a separate folder full of demo data.

The practice folder is never the real one: it sits *beside* the real data folder with
``-latihan`` added to its name (``.../BukuMigranDesa-latihan`` under the user's data folder,
``data-latihan/`` beside a portable program, ``<DIR>-latihan`` for ``BUKU_MIGRAN_DATA=DIR``).
It is marked with the setting ``practice=1`` (and a ``LATIHAN.txt`` note for people browsing
the disk). Bundles exported from it carry ``"practice": true`` in their manifest and the file
name prefix ``LATIHAN_``; a real P4MI refuses them (``sync.bundle.practice``), a practice P4MI
refuses real bundles, and receipts of a practice P4MI are refused by real villages (see
``sync/FORMAT.md``, "Practice mode").
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.core.atomic import write_text
from app.core.errors import AppError
from app.core.paths import DataDir

SETTING = "practice"
PENDING = "practice_pending"  # "1" while the practice folder is being prepared
SUFFIX = "-latihan"
NOTE_NAME = "LATIHAN.txt"
DEFAULT_VILLAGE = "18.07.01.2001"  # Sukadana, Lampung Timur
DEFAULT_RESIDENTS = 300
DEFAULT_OPERATOR = "Peserta Latihan"
MAX_RESIDENTS = 5_000

MESSAGES: dict[str, tuple[str, str]] = {
    "practice.real_folder": (
        "Folder {path} berisi data yang sebenarnya (bukan folder latihan). Mode latihan tidak "
        "pernah memakai atau menghapus folder itu; pilih folder lain.",
        "The folder {path} holds real data (not a practice folder). Practice mode never uses "
        "or deletes it; choose another folder.",
    ),
    "practice.other_village": (
        "Folder latihan {path} sudah berisi desa latihan {code}. Pakai desa itu, atau mulai "
        "ulang latihan (--reset) untuk desa lain.",
        "The practice folder {path} already holds practice village {code}. Use that village, "
        "or restart practice (--reset) for another village.",
    ),
    "practice.count_invalid": (
        "Jumlah penduduk latihan harus antara 0 dan {maximum}.",
        "The number of practice residents must be between 0 and {maximum}.",
    ),
}

NOTE = (
    "MODE LATIHAN - folder ini berisi data contoh untuk berlatih di acara pelatihan.\n"
    "Data di sini tidak pernah dikirim ke P4MI: paket dari folder ini ditolak oleh P4MI.\n"
    "Folder data yang sebenarnya ada di folder tanpa akhiran '-latihan'.\n"
)


@dataclass(frozen=True)
class PracticeInfo:
    data_dir: Path
    office_code: str
    office_name: str
    residents_added: int
    created: bool  # False when an existing practice folder was reused


def practice_data_dir(real: str | Path | None = None) -> Path:
    """The practice folder that belongs beside the real data folder ``real`` (by default the
    one :func:`app.core.paths.resolve_data_dir` picks). Never the real folder itself."""
    from app.core.paths import resolve_data_dir

    base = resolve_data_dir(real)
    if base.name.endswith(SUFFIX):  # already a practice folder (e.g. --data-dir given twice)
        return base
    return base.with_name(base.name + SUFFIX)


def is_practice(ws: object) -> bool:
    """Whether this workspace (a :class:`app.core.workspace.Workspace`) is a practice one."""
    from app.core.db import get_setting

    with ws.db.session() as s:  # type: ignore[attr-defined]
        return get_setting(s, SETTING) == "1"


def mark_practice(ws: object) -> None:
    """Mark a workspace as a practice one (a practice folder never becomes real again)."""
    from app.core.db import set_setting

    with ws.db.unit_of_work("latihan") as s:  # type: ignore[attr-defined]
        set_setting(s, SETTING, "1")
    try:
        write_text(ws.data_dir.root / NOTE_NAME, NOTE)  # type: ignore[attr-defined]
    except (OSError, AppError):
        pass


def _reset(root: Path) -> None:
    """Delete a practice folder, only after checking it *is* one."""
    from app.core.workspace import open_workspace

    data_dir = DataDir(root)
    if not root.exists():
        return
    if data_dir.exists():
        ws = open_workspace(data_dir, exclusive=True)
        try:
            practice = is_practice(ws)
            office = ws.office()
        finally:
            ws.close()
        if not practice and office is not None:
            raise AppError("practice.real_folder", path=str(root))
    elif any(root.iterdir()) and not (root / NOTE_NAME).exists():
        raise AppError("practice.real_folder", path=str(root))
    # renamed first (one step), then deleted: a cut half-way through the deletion leaves a
    # "*.dihapus" folder that the next practice start removes, never a half practice folder
    # that looks like someone's real data
    doomed = _doomed(root)
    if doomed.exists():
        shutil.rmtree(doomed)
    os.replace(root, doomed)
    shutil.rmtree(doomed)


def _doomed(root: Path) -> Path:
    return root.with_name(root.name + ".dihapus")


def _clean_interrupted_reset(root: Path) -> None:
    doomed = _doomed(root)
    if doomed.is_dir():
        shutil.rmtree(doomed)
        from app.core.recovery import notify

        notify("recovery.leftovers_removed", files=doomed.name)


def _unfinished(ws: object) -> bool:
    """A practice folder whose preparation was cut short (see ``PENDING``)."""
    from app.core.db import get_setting

    with ws.db.session() as s:  # type: ignore[attr-defined]
        return get_setting(s, PENDING) == "1"


def _set_pending(ws: object, value: str) -> None:
    from app.core.db import set_setting

    with ws.db.unit_of_work("latihan") as s:  # type: ignore[attr-defined]
        set_setting(s, PENDING, value)


def _prepared_before(root: Path, office: Any, code: str, mode: str) -> PracticeInfo:
    """A folder prepared earlier is used again as it is, if it is the same office."""
    if office.code != code or office.mode != mode:
        raise AppError("practice.other_village", path=str(root), code=office.code)
    return PracticeInfo(root, office.code, office.name, 0, False)


def _open_practice(data_dir: Path, *, reset: bool) -> tuple[Any, Any]:  # (Workspace, Office|None)
    from app.core.workspace import open_workspace

    _clean_interrupted_reset(data_dir)
    if reset:
        _reset(data_dir)
    ws = open_workspace(DataDir(data_dir), exclusive=True)
    office = ws.office()
    if office is not None and not is_practice(ws):
        ws.close()
        raise AppError("practice.real_folder", path=str(data_dir))
    if office is not None and _unfinished(ws):
        # an earlier preparation was cut short: never report it as ready, start again
        ws.close()
        from app.core.recovery import notify

        notify("recovery.practice_incomplete", path=str(data_dir))
        _reset(data_dir)
        ws = open_workspace(DataDir(data_dir), exclusive=True)
        office = ws.office()
    return ws, office


def prepare_practice(data_dir: str | Path, village_code: str = DEFAULT_VILLAGE,
                     residents: int = DEFAULT_RESIDENTS, *, seed: int | None = 7,
                     operator: str = DEFAULT_OPERATOR, reset: bool = False) -> PracticeInfo:
    """Make ``data_dir`` a practice village with ``residents`` demo residents (reusing it, with
    nothing added, when it already is the practice folder of that village). Refuses a folder
    holding real data; ``reset`` first deletes an existing practice folder."""
    from app.core import reference
    from app.core.demo import add_demo_data
    from app.core.workspace import MODE_VILLAGE, initialise_office

    code = reference.normalize_region_code(village_code)
    if code is None or reference.region_level(code) != "desa" or not reference.region_name(code):
        raise AppError("office.not_village", code=village_code)
    if not 0 <= residents <= MAX_RESIDENTS:
        raise AppError("practice.count_invalid", maximum=MAX_RESIDENTS)
    root = Path(data_dir)
    ws, office = _open_practice(root, reset=reset)
    try:
        if office is not None:
            return _prepared_before(root, office, code, MODE_VILLAGE)
        mark_practice(ws)  # first: a crash after this never leaves a "real" village here
        _set_pending(ws, "1")  # until the sample data is complete
        office = initialise_office(ws, mode=MODE_VILLAGE, code=code,
                                   name=reference.region_name(code) or code, operator=operator)
        added = add_demo_data(ws.db, office, residents, seed=seed).residents if residents else 0
        _set_pending(ws, "")
        return PracticeInfo(root, office.code, office.name, added, True)
    finally:
        ws.close()


def prepare_practice_hub(data_dir: str | Path, regency_code: str, *,
                         operator: str = "Peserta Latihan P4MI",
                         reset: bool = False) -> PracticeInfo:
    """A practice P4MI folder (for training P4MI clerks): it imports practice bundles only."""
    from app.core import reference
    from app.core.workspace import MODE_P4MI, initialise_office

    code = reference.normalize_region_code(regency_code)
    if code is None or reference.region_level(code) != "kabupaten" or not (
            reference.region_name(code)):
        raise AppError("office.not_regency", code=regency_code)
    root = Path(data_dir)
    ws, office = _open_practice(root, reset=reset)
    try:
        if office is not None:
            return _prepared_before(root, office, code, MODE_P4MI)
        mark_practice(ws)
        office = initialise_office(ws, mode=MODE_P4MI, code=code,
                                   name=reference.region_name(code) or code, operator=operator)
        return PracticeInfo(root, office.code, office.name, 0, True)
    finally:
        ws.close()
