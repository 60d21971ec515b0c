"""Undo, idempotency, update vs skip, people without NIK, hostile files, the command line."""

from __future__ import annotations

import io
import json
import re
import zipfile
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.core.errors import AppError
from app.core.models import AuditEntry, Episode, ImportRun, Resident, UndoEntry
from app.core.services.residents import ResidentInput, register_resident
from tests.lists.builders import nik, opensid_rows, write_xlsx
from tests.lists.test_formats import messy_workbook


def _count(village, model) -> int:  # noqa: ANN001
    with village.db.session() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_same_file_twice_changes_nothing_and_undo_is_exact(
        village, tmp_path: Path, preview_of, do_import, monkeypatch) -> None:
    from sync.lists import apply
    from sync.lists.apply import undo_last_import

    monkeypatch.setattr(apply, "CHUNK", 2)  # the session is emptied during the import

    path = messy_workbook(tmp_path)
    do_import(preview_of(path))
    audit_after_first = _count(village, AuditEntry)
    with village.db.session() as s:
        run = s.scalars(select(ImportRun)).one()
        assert run.source_name == "data_pmi.xlsx" and len(run.source_sha256) == 64
        assert s.scalar(select(func.count()).select_from(UndoEntry)) == 6  # 4 people, 2 eps
        creates = list(s.scalars(select(AuditEntry).where(AuditEntry.action == "create")))
        assert creates and all(json.loads(a.changes)["_import"]["sha256"] ==
                               run.source_sha256 for a in creates)
    second = preview_of(path)
    assert second.counts["new"] == 0 and second.counts["update"] == 0
    assert second.counts["unchanged"] == 4 and second.imported_before is not None
    with pytest.raises(AppError) as err:
        do_import(second)
    assert err.value.code == "lists.nothing_to_import"
    assert _count(village, AuditEntry) == audit_after_first  # the same file changed nothing

    result = undo_last_import(village.db, village.data_dir.backups, operator="Operator Uji")
    assert (result.removed, result.restored) == (6, 0)
    with village.db.session() as s:
        assert s.scalar(select(func.count()).select_from(Resident).where(
            Resident.deleted.is_(False))) == 0
        assert s.scalar(select(func.count()).select_from(Episode).where(
            Episode.deleted.is_(False))) == 0
        assert s.scalars(select(ImportRun)).one().undone_at is not None
    with pytest.raises(AppError) as err:
        undo_last_import(village.db, village.data_dir.backups, operator="Operator Uji")
    assert err.value.code == "undo.nothing"
    # after the undo the same file imports again
    assert preview_of(path).counts["new"] == 4


def test_update_only_mapped_columns_or_skip_existing_and_undo_restores(
        village, tmp_path: Path, preview_of, do_import) -> None:
    from sync.lists.apply import undo_last_import

    a_nik = nik(date(1970, 5, 20), "L", 1)
    with village.db.unit_of_work("Operator Uji") as s:
        rid = register_resident(s, ResidentInput(
            name="AHLUL", sex="L", nik=a_nik, birth_date=date(1970, 5, 20), dusun="LAMA",
            phone="0812345678", notes="catatan desa"), accept_warnings=True).id
    path = write_xlsx(tmp_path / "p.xlsx", [("Sheet1", opensid_rows()[:2])])
    skipped = preview_of(path, mode="skip")
    assert skipped.counts["skip"] == 1 and skipped.to_write() == 0
    preview = preview_of(path)
    assert preview.counts == {"new": 0, "update": 1, "unchanged": 0, "skip": 0, "decide": 0,
                              "refused": 0}
    do_import(preview)
    with village.db.session() as s:
        r = s.get(Resident, rid)
        assert (r.dusun, r.rt, r.education) == ("MANGSIT", "004", "sd")
        assert (r.phone, r.notes) == ("0812345678", "catatan desa")  # not mapped: kept
    undo_last_import(village.db, village.data_dir.backups, operator="Operator Uji")
    with village.db.session() as s:
        r = s.get(Resident, rid)
        assert (r.dusun, r.rt, r.education, r.deleted) == ("LAMA", "", "", False)


def test_undo_refused_when_a_row_was_changed_after_the_import(
        village, tmp_path: Path, preview_of, do_import) -> None:
    from app.core.services.residents import update_resident
    from sync.lists.apply import undo_last_import

    do_import(preview_of(write_xlsx(tmp_path / "p.xlsx", [("Sheet1", opensid_rows())])))
    with village.db.unit_of_work("Operator Uji") as s:
        r = s.scalars(select(Resident).where(Resident.name == "AHLUL")).one()
        data = ResidentInput.from_resident(r)
        data.phone = "0811111111"
        update_resident(s, r.id, data, accept_warnings=True)
    with pytest.raises(AppError) as err:
        undo_last_import(village.db, village.data_dir.backups, operator="Operator Uji")
    assert err.value.code == "undo.changed_since" and err.value.params["name"] == "AHLUL"
    with village.db.session() as s:
        assert s.scalar(select(func.count()).select_from(Resident).where(
            Resident.deleted.is_(False))) == 4


def test_people_without_nik_matched_by_name_birth_date_kk(
        village, tmp_path: Path, preview_of, do_import) -> None:
    with village.db.unit_of_work("Operator Uji") as s:
        register_resident(s, ResidentInput(name="PAINAH", sex="P", birth_date=date(1980, 1, 2),
                                           no_kk="1807010403120009"))
    rows = [["nama", "no_kk", "sex", "tanggallahir", "dusun"],
            ["Painah", "1807010403120009", "P", "02/01/1980", "KEBON"],
            ["PAIJO", "1807010403120009", "L", "05/06/1978", "KEBON"]]
    preview = preview_of(write_xlsx(tmp_path / "tanpa_nik.xlsx", [("Sheet1", rows)]))
    assert preview.counts["decide"] == 1 and preview.counts["new"] == 1
    assert preview.to_write("skip") == 1 and preview.to_write("update") == 2
    do_import(preview, decision="update")
    with village.db.session() as s:
        people = {r.name: r for r in s.scalars(select(Resident))}
    assert set(people) == {"Painah", "PAIJO"} and people["Painah"].dusun == "KEBON"


def _zip(parts: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


@pytest.mark.parametrize("attack, code", [
    ("bomb", "sync.xlsx.bomb"),
    ("entity", "sync.xlsx.entities"),
    ("dimension", "sync.xlsx.too_many_rows"),
    ("far-cell", "sync.xlsx.too_many_rows"),  # one cell far away, honest small <dimension>
    ("far-row", "sync.xlsx.too_many_rows"),
    ("formula", "lists.formula"),
    ("part", "sync.xlsx.unexpected_parts"),
])
def test_hostile_workbooks_refused_by_the_bundle_guards(
        village, tmp_path: Path, attack: str, code: str) -> None:
    from sync.lists import mapping
    from sync.lists.read import read_table

    good = write_xlsx(tmp_path / "good.xlsx", [("Sheet1", opensid_rows())])
    parts = _parts(good)
    sheet = "xl/worksheets/sheet1.xml"
    if attack == "bomb":
        parts["xl/sharedStrings.xml"] = b"<sst>" + b" " * (300 * 1024 * 1024 // 100) + b"</sst>"
    elif attack == "entity":
        parts[sheet] = parts[sheet].replace(
            b"<worksheet", b'<!DOCTYPE x [<!ENTITY a "aaaa">]><worksheet', 1)
    elif attack == "dimension":
        parts[sheet] = re.sub(rb'<dimension ref="[A-Z0-9:]+"', b'<dimension ref="A1:XFD1048576"',
                              parts[sheet])
    elif attack == "far-cell":
        parts[sheet] = parts[sheet].replace(
            b"</sheetData>", b'<row r="9"><c r="XFD1048576" t="n"><v>1</v></c></row></sheetData>')
    elif attack == "far-row":
        parts[sheet] = parts[sheet].replace(
            b"</sheetData>", b'<row r="1000000"><c r="A1000000"><v>1</v></c></row></sheetData>')
    elif attack == "formula":
        parts[sheet] = parts[sheet].replace(b"<v>AHLUL</v>", b"<f>1+1</f><v>2</v>", 1)
        if b"<f>" not in parts[sheet]:
            parts[sheet] = parts[sheet].replace(b"</row>", b'<c r="Z2"><f>1+1</f></c></row>', 1)
    else:
        parts["xl/embeddings/oleObject1.bin"] = b"MZ"
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(_zip(parts))
    with pytest.raises(AppError) as err:
        read_table(bad, mapping.score)
    assert err.value.code == code


def test_bomb_ratio_really_checked(tmp_path: Path) -> None:
    """The sharedStrings bomb above is >1 MiB and compresses >200x: the cap, not chance."""
    data = b" " * (3 * 1024 * 1024)
    assert len(_zip({"a": data})) * 200 < len(data)


def test_command_line_dry_run_import_and_exit_codes(village, tmp_path: Path,
                                                    capsys) -> None:
    from app.cli import run_command

    path = messy_workbook(tmp_path)
    root = str(village.data_dir.root)
    village.close()
    assert run_command(["import-list", "--data-dir", root, str(path), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Baru: 4" in out and "Ditolak: 6" in out
    assert "baris 7 (kolom NIK, sel C7): '1.80701E+15'" in out
    assert "tidak ada yang disimpan" in out
    assert run_command(["import-list", "--data-dir", root, str(path)]) == 0
    assert "Impor selesai: 4 penduduk baru" in capsys.readouterr().out
    assert run_command(["import-list", "--data-dir", root, str(path)]) == 2
    assert "Tidak ada yang diimpor" in capsys.readouterr().err
    saved = json.loads((Path(root) / "import_mapping.json").read_text(encoding="utf-8"))
    (remembered,) = saved.values()
    assert remembered["NIK"] == "nik" and remembered["Tgl Pulang"] == "returned_on"
    mapping = tmp_path / "m.json"
    mapping.write_text(json.dumps({"Nama": "name", "Tanggal": "birth_date"}))
    assert run_command(["import-list", "--data-dir", root, str(path), "--mapping",
                        str(mapping)]) == 2
    assert "Kolom 'Tanggal'" in capsys.readouterr().err
    notes = tmp_path / "catatan.txt"
    notes.write_text("bukan daftar\n")
    assert run_command(["import-list", "--data-dir", root, str(notes)]) == 2
    assert "Baris judul kolom tidak ditemukan" in capsys.readouterr().err


def test_remembered_mapping_is_used_next_time(village, tmp_path: Path) -> None:
    from sync.lists import mapping
    from sync.lists.plan import default_mapping
    from sync.lists.read import read_table

    rows = [["Nama Warga", "Nomor Induk", "Lahir"], ["ANI", nik(date(1990, 1, 1), "P", 1),
                                                    "01/01/1990"]]
    path = write_xlsx(tmp_path / "x.xlsx", [("Sheet1", [["nama", "nik"], *rows])])
    table = read_table(path, mapping.score)
    table.headers = rows[0]
    guessed, known = default_mapping(village.data_dir.root, table)
    assert guessed == {} and not known
    chosen = {0: "name", 1: "nik", 2: "birth_date"}
    mapping.remember(village.data_dir.root, table.headers, chosen)
    again, known = default_mapping(village.data_dir.root, table)
    assert again == chosen and known


def test_list_import_and_its_undo_rotate_the_backups(
        village, tmp_path: Path, preview_of, do_import) -> None:
    """The backup made before a list import (and before its undo) is followed by the same
    rotation as every other backup: old copies do not pile up in cadangan/."""
    from datetime import datetime, timedelta

    from sync.lists.apply import undo_last_import

    backups = village.data_dir.backups
    backups.mkdir(parents=True, exist_ok=True)
    now = datetime.now()
    old = []
    for k in range(12):  # one a week, half a year ago: one a month is kept
        taken = now - timedelta(days=200 + 7 * k)
        path = backups / f"buku_migran_{taken:%Y%m%d-%H%M%S-%f}_harian.db"
        path.write_bytes(b"x" * 100)
        old.append(path)
    do_import(preview_of(messy_workbook(tmp_path)))
    kept = sum(1 for p in old if p.exists())
    assert kept <= 6, f"{kept} of 12 old backups still there after a list import"
    assert any("sebelum-impor-daftar" in p.name for p in backups.iterdir())
    undo_last_import(village.db, backups, operator="Operator Uji")
    assert any("sebelum-batal-impor" in p.name for p in backups.iterdir())
