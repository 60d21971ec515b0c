"""Fixtures for the bundle tests: a village and a P4MI hub, and helpers to craft bundles."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

VILLAGE = "18.07.01.2001"
OTHER_VILLAGE = "18.07.01.2002"
REGENCY = "18.07"
TODAY = date(2026, 1, 15)


def make_village(root: Path, code: str = VILLAGE, residents: int = 0, seed: int = 1):
    """A village workspace; ``code`` must be a real Kemendagri village code, as the command
    line insists (a made-up code once let a test pass for the wrong reason)."""
    from app.core import reference
    from app.core.demo import add_demo_data
    from app.core.paths import DataDir
    from app.core.workspace import MODE_VILLAGE, initialise_office, open_workspace

    if reference.region_level(code) != "desa" or reference.region_name(code) is None:
        raise ValueError(f"not a known village code: {code}")
    ws = open_workspace(DataDir(root))
    office = initialise_office(ws, mode=MODE_VILLAGE, code=code, name=f"Desa {code}",
                               operator="Operator Desa")
    if residents:
        add_demo_data(ws.db, office, residents, seed=seed, today=TODAY)
    return ws


def make_hub(root: Path):
    from app.core.paths import DataDir
    from app.core.workspace import MODE_P4MI, initialise_office, open_workspace

    ws = open_workspace(DataDir(root))
    initialise_office(ws, mode=MODE_P4MI, code=REGENCY, name="Kabupaten Lampung Timur",
                      operator="Petugas P4MI")
    return ws


@pytest.fixture
def village(tmp_path: Path) -> Iterator[Any]:
    ws = make_village(tmp_path / "desa", residents=60, seed=3)
    yield ws
    ws.close()


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[Any]:
    ws = make_hub(tmp_path / "p4mi")
    yield ws
    ws.close()


def fingerprint_of(path: Path) -> str:
    from sync.container import read_bundle

    return read_bundle(path).manifest.public_key.fingerprint


def export(ws: Any, folder: Path, *, full: bool = False) -> Path:
    from sync.export import export_bundle

    return export_bundle(ws, folder, full=full, today=TODAY).path


def import_(hub: Any, path: Path, **kw: Any):
    from sync.importer import import_bundle

    kw.setdefault("confirm_key", fingerprint_of(path))
    return import_bundle(hub, path, **kw)


def digest(ws: Any, code: str = VILLAGE) -> str:
    from sync.canonical import dump_digest

    return dump_digest(ws.data_dir.db_path, code)


def hub_state(hub: Any) -> tuple[Any, ...]:
    """Everything an import may change, to prove that a refusal changed nothing."""
    import sqlite3

    con = sqlite3.connect(hub.data_dir.db_path)
    try:
        tables = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
            "AND name != 'alembic_version' ORDER BY name")]
        return tuple((t, con.execute(f'SELECT * FROM "{t}" ORDER BY 1').fetchall())
                     for t in tables)
    finally:
        con.close()


# -- crafting bundles as a hostile or buggy sender would -------------------------------------


def unpack(path: Path) -> tuple[dict[str, Any], bytes]:
    """(manifest dict, workbook bytes) of a plain bundle."""
    import json

    with zipfile.ZipFile(path) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        return manifest, zf.read(manifest["data_member"])


def edit_first_sheet(workbook: bytes, change: Callable[[bytes], bytes]) -> bytes:
    """The workbook with the XML of its first sheet passed through ``change``, every other
    member as it was: for faults no writer would make (a far cell, a padded sheet)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(workbook)) as zin, zipfile.ZipFile(
            buf, "w", zipfile.ZIP_DEFLATED) as zout:
        for name in zin.namelist():
            data = zin.read(name)
            zout.writestr(name, change(data) if name == "xl/worksheets/sheet1.xml" else data)
    return buf.getvalue()


def read_sheets(workbook: bytes) -> dict[str, list[list[Any]]]:
    import python_calamine

    wb = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(workbook))
    return {name: [list(r) for r in wb.get_sheet_by_name(name).to_python(skip_empty_area=False)]
            for name in wb.sheet_names}


def write_sheets(sheets: dict[str, list[list[Any]]]) -> bytes:
    """A workbook from sheet rows (first row: headers), typed by the format's schema."""
    from sync.schema import BY_NAME
    from sync.xlsx import SheetSpecW, XlsxWriter

    buf = io.BytesIO()
    writer = XlsxWriter(buf)
    for name, rows in sheets.items():
        spec = BY_NAME.get(name)
        kinds = [c.xlsx_kind for c in spec.columns] if spec else ["text"] * len(rows[0])
        body = [[_cell(v, k) for v, k in zip(r, kinds, strict=False)] for r in rows[1:]]
        writer.add_sheet(SheetSpecW(name, [str(h) for h in rows[0]], kinds), body, len(body))
    writer.close()
    return buf.getvalue()


def _cell(value: Any, kind: str) -> Any:
    if kind == "int" and isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def village_keypair(ws: Any):
    """The village's signing key, from where FORMAT.md says it lives (kunci/)."""
    from sync.keys import load_keypair

    pair = load_keypair(ws.data_dir)
    assert pair is not None
    return pair


def repack(dest: Path, manifest: dict[str, Any], workbook: bytes, pair: Any,
           *, counts: dict[str, int] | None = None) -> Path:
    """Sign and write a (modified) bundle the way the format says."""
    from sync.container import write_bundle

    manifest = dict(manifest)
    manifest.pop("members", None)
    if counts is not None:
        manifest["counts"] = counts
    write_bundle(dest, manifest, workbook, pair)
    return dest


def craft(village: Any, tmp: Path, change: Callable[[dict[str, list[list[Any]]]], None],
          name: str | None = None, **manifest_changes: Any) -> Path:
    """Export a plain bundle, let ``change`` edit its sheets, re-sign it with the village key."""
    src = export(village, tmp / "asli", full=True)
    manifest, workbook = unpack(src)
    sheets = read_sheets(workbook)
    change(sheets)
    manifest.update(manifest_changes)
    counts = {n: len(rows) - 1 for n, rows in sheets.items()}
    dest = tmp / "olahan" / (name or src.name)
    return repack(dest, manifest, write_sheets(sheets), village_keypair(village), counts=counts)
