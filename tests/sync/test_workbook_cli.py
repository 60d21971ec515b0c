"""The workbook as a clerk sees it (LibreOffice, a second reader), the command line, cancel
and atomic writes, and the format's schema."""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import zipfile
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from app.core.errors import AppError
from app.core.messages import catalogue
from app.core.models import BundleExport, Resident
from app.core.progress import Cancelled, CancelToken
from sync.export import export_bundle
from sync.importer import import_bundle
from sync.schema import BY_TABLE, NOT_SYNCED, SCHEMA, SYNCED_TABLES
from tests.cli_run import CliResult, run_cli
from tests.sync.conftest import export, fingerprint_of, hub_state, unpack

ROOT = Path(__file__).resolve().parents[2]


def _prepare(village) -> Resident:
    with village.db.unit_of_work("op") as s:
        r = s.scalars(select(Resident).where(Resident.nik.is_not(None))
                      .order_by(Resident.id)).first()
        r.phone = "+6281234567890"
        r.notes = "=1+1"
        r.birth_place = "@kota"
        r.address = "-"
        r.birth_date = date(1985, 7, 3)
        return r


def test_libreoffice_opens_workbook_with_niks_intact(village, tmp_path: Path) -> None:
    soffice = shutil.which("libreoffice") or shutil.which("soffice")
    assert soffice, "LibreOffice is required (apt-get install libreoffice-calc-nogui)"
    r = _prepare(village)
    _, workbook = unpack(export(village, tmp_path / "usb"))
    xlsx = tmp_path / "data.xlsx"
    xlsx.write_bytes(workbook)
    env = dict(os.environ, HOME=str(tmp_path))
    subprocess.run([soffice, "--headless", "--convert-to", "csv", "--outdir", str(tmp_path),
                    str(xlsx)], check=True, capture_output=True, timeout=180, env=env)
    rows = list(csv.reader((tmp_path / "data.csv").open(encoding="utf-8")))
    header = rows[0]
    assert header[:3] == ["ID", "NIK", "No KK"]
    row = next(x for x in rows if x[0] == r.id)
    col = {h: i for i, h in enumerate(header)}
    assert row[col["NIK"]] == r.nik and len(row[col["NIK"]]) == 16
    assert row[col["No KK"]] == r.no_kk
    assert row[col["Telepon"]] == "+6281234567890"
    assert row[col["Catatan"]] == "=1+1"
    assert row[col["Tempat Lahir"]] == "@kota"
    assert row[col["Alamat"]] == "-"
    assert row[col["Tanggal Lahir"]] == "03/07/1985"
    niks = [x[col["NIK"]] for x in rows[1:] if x[col["NIK"]]]
    assert niks and all(len(n) == 16 and n.isdigit() for n in niks)


def test_openpyxl_reads_text_and_real_dates(village, tmp_path: Path) -> None:
    import openpyxl

    r = _prepare(village)
    _, workbook = unpack(export(village, tmp_path / "usb"))
    (tmp_path / "d.xlsx").write_bytes(workbook)
    wb = openpyxl.load_workbook(tmp_path / "d.xlsx", read_only=True)
    assert wb.sheetnames == [s.name for s in SCHEMA]
    rows = list(wb["Penduduk"].iter_rows(values_only=True))
    header = list(rows[0])
    row = next(x for x in rows if x[0] == r.id)
    assert row[header.index("NIK")] == r.nik
    assert row[header.index("Catatan")] == "=1+1"
    assert row[header.index("Tanggal Lahir")].date() == date(1985, 7, 3)
    wb.close()


def _cli(*args: str) -> CliResult:
    return run_cli("sync", *args)


def test_command_line_exit_codes(village, hub, tmp_path: Path) -> None:
    v, h = str(village.data_dir.root), str(hub.data_dir.root)
    village.close()
    hub.close()
    out = _cli("export", "--data-dir", v, "--out", str(tmp_path / "usb"))
    assert out.returncode == 0, out.stderr
    bundle = Path(out.stdout.strip())
    assert bundle.is_file() and "tidak terenkripsi" in out.stderr.lower()
    assert _cli("verify", str(bundle)).returncode == 0
    first = _cli("import", "--data-dir", h, str(bundle))
    assert first.returncode == 2 and "kode kunci" in first.stderr
    dry = _cli("import", "--data-dir", h, str(bundle), "--dry-run")
    assert dry.returncode == 0 and "PRATINJAU" in dry.stdout
    fp = fingerprint_of(bundle)
    done = _cli("import", "--data-dir", h, str(bundle), "--confirm-key", fp)
    assert done.returncode == 0 and "DIIMPOR" in done.stdout, done.stderr
    junk = tmp_path / "junk.bmd"
    junk.write_bytes(b"not a bundle")
    bad = _cli("import", "--data-dir", h, str(junk))
    assert bad.returncode == 2 and "bukan paket" in bad.stderr
    assert _cli("verify", str(junk)).returncode == 2
    receipt = _cli("receipt", "--data-dir", h, "--village", "18.07.01.2001", "--out",
                   str(tmp_path))
    assert receipt.returncode == 0, receipt.stderr
    keys = _cli("keys", "show", "--data-dir", h)
    hub_fp = keys.stdout.split(": ")[1].split()[0]
    back = _cli("import-receipt", "--data-dir", v, receipt.stdout.strip(), "--confirm-key", hub_fp)
    assert back.returncode == 0 and "Semua data sudah dikonfirmasi" in back.stdout, back.stderr
    assert _cli("dump", "--data-dir", v, "--village", "18.07.01.2001").stdout == _cli(
        "dump", "--data-dir", h, "--village", "18.07.01.2001").stdout
    wrong = _cli("export", "--data-dir", h, "--out", str(tmp_path))
    assert wrong.returncode == 2 and "desa" in wrong.stderr


def test_cancelled_export_leaves_nothing(village, tmp_path: Path) -> None:
    token = CancelToken()
    seen = []

    def progress(p) -> None:
        seen.append(p)
        token.cancel()

    with pytest.raises(Cancelled):
        export_bundle(village, tmp_path / "usb", progress=progress, cancel=token)
    assert not (tmp_path / "usb").exists() or not list((tmp_path / "usb").iterdir())
    with village.db.session() as s:
        assert s.scalars(select(BundleExport)).all() == []  # no sequence number used


def test_unwritable_destination_leaves_no_half_bundle(village, tmp_path: Path) -> None:
    target = tmp_path / "flashdisk"
    target.write_text("a file where the folder should be")
    with pytest.raises(AppError) as err:
        export_bundle(village, target / "sub")
    assert err.value.code in ("sync.export.write_failed",)
    good = export(village, tmp_path / "usb")
    assert [p.name for p in good.parent.iterdir()] == [good.name]  # no temporary left


def test_cancelled_import_changes_nothing(village, hub, tmp_path: Path) -> None:
    path = export(village, tmp_path / "usb")
    before = hub_state(hub)
    token = CancelToken()

    def progress(p) -> None:
        if p.code == "progress.import.save":
            token.cancel()

    with pytest.raises(Cancelled):
        import_bundle(hub, path, confirm_key=fingerprint_of(path), progress=progress,
                      cancel=token, backup=False)
    assert hub_state(hub) == before


def test_schema_covers_every_synced_column_and_messages_exist() -> None:
    from app.core.models import SYNCED_MODELS

    for model in SYNCED_MODELS:
        sheet = BY_TABLE[model.__tablename__]
        expected = {c.key for c in model.__table__.columns} - {
            key for table, key in NOT_SYNCED if table == model.__tablename__}
        assert set(sheet.keys) == expected
        assert len(set(sheet.headers)) == len(sheet.headers)
    assert SYNCED_TABLES == tuple(s.table for s in SCHEMA)
    codes = set()
    for path in (ROOT / "sync").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        import re

        codes |= set(re.findall(r'"(sync\.[a-z_]+\.[a-z_]+)"', text))
    missing = sorted(c for c in codes if c not in catalogue())
    assert missing == []


def test_workbook_members_are_exactly_what_the_format_allows(village, tmp_path: Path) -> None:
    from sync.xlsx import allowed_members

    _, workbook = unpack(export(village, tmp_path / "usb"))
    with zipfile.ZipFile(__import__("io").BytesIO(workbook)) as zf:
        assert set(zf.namelist()) == allowed_members(len(SCHEMA))
