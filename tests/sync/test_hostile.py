"""Damaged or hostile files are refused with a reason, change nothing, fast, bounded."""

from __future__ import annotations

import io
import json
import stat
import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from app.core.errors import AppError
from app.core.messages import catalogue
from sync.container import read_bundle
from sync.importer import STATUS_PARTIAL, STATUS_REFUSED, import_bundle
from sync.receipt import make_receipt
from tests.sync.conftest import (
    VILLAGE,
    craft,
    export,
    hub_state,
    import_,
    make_village,
    repack,
    unpack,
    village_keypair,
)


def _refused(hub, path: Path, code: str) -> AppError:
    before = hub_state(hub)
    try:  # a crafted bundle signed by the village: the clerk confirmed the fingerprint
        confirm = read_bundle(path).manifest.public_key.fingerprint
    except AppError:
        confirm = "x"
    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(AppError) as err:
        import_(hub, path, confirm_key=confirm)
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert err.value.code == code, (err.value.code, err.value.params)
    assert code in catalogue()
    assert hub_state(hub) == before
    assert elapsed < 10
    assert peak < 200 * 1024 * 1024
    return err.value


def _zip(path: Path, members: list[tuple[zipfile.ZipInfo | str, bytes]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for info, data in members:
            zf.writestr(info, data)
    return path


@pytest.fixture
def good(village, tmp_path: Path) -> Path:
    return export(village, tmp_path / "usb")


def test_truncated(hub, good: Path, tmp_path: Path) -> None:
    bad = tmp_path / "x" / good.name
    bad.parent.mkdir()
    bad.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    _refused(hub, bad, "sync.bundle.damaged")


def test_not_a_zip_and_renamed_workbook(hub, good: Path, tmp_path: Path) -> None:
    junk = tmp_path / "BMD_18.07.01.2001_20260115_000001.bmd"
    junk.write_bytes(b"%PDF-1.4 this is not a bundle")
    _refused(hub, junk, "sync.bundle.not_zip")
    _, workbook = unpack(good)
    renamed = tmp_path / "data-desa.bmd"
    renamed.write_bytes(workbook)  # an .xlsx renamed to look like a bundle
    _refused(hub, renamed, "sync.bundle.unexpected_member")


def test_path_traversal_and_symlink_members(hub, good: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(good) as zf:
        parts = [(n, zf.read(n)) for n in zf.namelist()]
    evil = _zip(tmp_path / "a" / "evil.bmd", [*parts[:2], ("../../data.xlsx", parts[2][1])])
    _refused(hub, evil, "sync.bundle.path_traversal")
    link = zipfile.ZipInfo("data.xlsx")
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    sym = _zip(tmp_path / "b" / "sym.bmd", [*parts[:2], (link, b"/etc/passwd")])
    _refused(hub, sym, "sync.bundle.link_member")


def test_zip_bomb_outer(hub, good: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(good) as zf:
        parts = [(n, zf.read(n)) for n in zf.namelist()[:2]]
    bomb = _zip(tmp_path / "c" / "bomb.bmd", [*parts, ("data.xlsx", b"\0" * (60 * 1024 * 1024))])
    assert bomb.stat().st_size < 200_000
    _refused(hub, bomb, "sync.bundle.bomb")


def test_zip_bomb_inside_signed_workbook(village, hub, tmp_path: Path) -> None:
    manifest, workbook = unpack(export(village, tmp_path / "usb"))
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(workbook)) as src, zipfile.ZipFile(
            buf, "w", compression=zipfile.ZIP_DEFLATED) as dst:
        for name in src.namelist():
            data = src.read(name)
            if name == "xl/worksheets/sheet2.xml":
                data = data.replace(b"</sheetData>", b"</sheetData>" + b" " * (100 << 20))
            dst.writestr(name, data)
    path = repack(tmp_path / "d" / "BMD_18.07.01.2001_20260115_000001.bmd", manifest,
                  buf.getvalue(), village_keypair(village))
    _refused(hub, path, "sync.xlsx.bomb")


def test_xml_entity_trick(village, hub, tmp_path: Path) -> None:
    manifest, workbook = unpack(export(village, tmp_path / "usb"))
    laughs = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
              b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>')
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(workbook)) as src, zipfile.ZipFile(buf, "w") as dst:
        for name in src.namelist():
            data = src.read(name)
            if name == "xl/workbook.xml":
                data = laughs + data.split(b"?>", 1)[1]
            dst.writestr(name, data)
    path = repack(tmp_path / "e" / "BMD_18.07.01.2001_20260115_000001.bmd", manifest,
                  buf.getvalue(), village_keypair(village))
    _refused(hub, path, "sync.xlsx.entities")


def test_sheet_claiming_a_million_rows(village, hub, tmp_path: Path) -> None:
    manifest, workbook = unpack(export(village, tmp_path / "usb"))
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(workbook)) as src, zipfile.ZipFile(buf, "w") as dst:
        for name in src.namelist():
            data = src.read(name)
            if name == "xl/worksheets/sheet1.xml":
                head, rest = data.split(b'<dimension ref="', 1)
                data = head + b'<dimension ref="A1:AC1000000"' + rest.split(b'"', 1)[1]
            dst.writestr(name, data)
    path = repack(tmp_path / "f" / "BMD_18.07.01.2001_20260115_000001.bmd", manifest,
                  buf.getvalue(), village_keypair(village))
    _refused(hub, path, "sync.xlsx.too_many_rows")


def test_wrong_and_future_version(village, hub, tmp_path: Path) -> None:
    manifest, workbook = unpack(export(village, tmp_path / "usb"))
    pair = village_keypair(village)
    from sync.schema import FORMAT_VERSION

    for version, code in ((FORMAT_VERSION + 1, "sync.bundle.future_version"),
                          (0, "sync.bundle.bad_version"), ("1", "sync.bundle.bad_version")):
        path = repack(tmp_path / f"v{version}" / "BMD_18.07.01.2001_20260115_000001.bmd",
                      {**manifest, "format_version": version}, workbook, pair)
        _refused(hub, path, code)


def test_one_changed_cell_is_detected(hub, good: Path, tmp_path: Path) -> None:
    manifest, workbook = unpack(good)
    with zipfile.ZipFile(good) as zf:
        manifest_bytes, sig = zf.read("manifest.json"), zf.read("manifest.sig")
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(workbook)) as src, zipfile.ZipFile(
            buf, "w", compression=zipfile.ZIP_DEFLATED) as dst:
        for name in src.namelist():
            data = src.read(name)
            if name == "xl/worksheets/sheet1.xml":
                # one cell: the first NIK's last digit
                i = data.index(b"<t>18", data.index(b'r="B2"'))
                data = data[:i + 19] + (b"9" if data[i + 19:i + 20] != b"9" else b"8") + \
                    data[i + 20:]
            dst.writestr(name, data)
    changed = buf.getvalue()
    tampered = _zip(tmp_path / "g" / good.name, [("manifest.json", manifest_bytes),
                                                  ("manifest.sig", sig), ("data.xlsx", changed)])
    _refused(hub, tampered, "sync.bundle.checksum")
    # the tamperer also fixes the checksum in the manifest: the signature no longer matches
    import hashlib

    manifest["members"] = {"data.xlsx": {"sha256": hashlib.sha256(changed).hexdigest(),
                                         "size": len(changed)}}
    from sync.container import dump_manifest

    fixed = _zip(tmp_path / "h" / good.name, [("manifest.json", dump_manifest(manifest)),
                                              ("manifest.sig", sig), ("data.xlsx", changed)])
    _refused(hub, fixed, "sync.bundle.bad_signature")


def test_unexpected_village_and_name_mismatch(hub, tmp_path: Path) -> None:
    outsider = make_village(tmp_path / "luar", code="18.08.01.2006", residents=3)
    try:
        path = export(outsider, tmp_path / "usb")
    finally:
        outsider.close()
    _refused(hub, path, "sync.bundle.unexpected_village")
    swapped = tmp_path / "usb" / "BMD_18.07.01.2001_20260115_000001.bmd"
    swapped.write_bytes(path.read_bytes())
    _refused(hub, swapped, "sync.bundle.name_mismatch")


def test_row_errors_refuse_by_default_or_import_valid_rows(village, hub,
                                                           tmp_path: Path) -> None:
    def change(sheets):
        people = sheets["Penduduk"]
        people[1][1] = 1807014101900001.0  # a NIK that became a number
        people[2][6] = "31/02/1990"  # no such date
        people[3][4] = "X"  # sex not L/P
        eps = sheets["Penempatan"]
        eps.append([*eps[1]])
        eps[-1][0] = "f" * 32
        eps[-1][1] = "e" * 32  # a resident that exists nowhere

    path = craft(village, tmp_path, change)
    before = hub_state(hub)
    report = import_(hub, path)
    assert report.status == STATUS_REFUSED
    assert report.refusal == ("sync.import.row_errors", {"rows": 4})
    assert hub_state(hub) == before
    got = {(e.sheet, e.row, e.column, e.code) for e in report.errors}
    assert ("Penduduk", 2, "NIK", "sync.row.number_not_text") in got
    assert ("Penduduk", 3, "Tanggal Lahir", "sync.row.bad_date") in got
    assert ("Penduduk", 4, "Jenis Kelamin", "sync.row.bad_choice") in got
    assert any(e.code == "sync.row.missing_parent" and e.column == "ID Penduduk"
               for e in report.errors)
    assert all(e.text("id") and not e.text("id").startswith("[") for e in report.errors)
    partial = import_bundle(hub, path, valid_rows_only=True,
                            confirm_key=report.fingerprint)
    assert partial.status == STATUS_PARTIAL
    assert partial.counts["Penduduk"].new == 60 - 3
    receipt = make_receipt(hub, VILLAGE, tmp_path)
    rejected = receipt.content["rejected"]
    assert {(r["sheet"], r["row"]) for r in rejected} >= {("Penduduk", 2), ("Penduduk", 3)}
    assert all(r["pesan"] for r in rejected)


def test_count_mismatch_with_manifest(village, hub, tmp_path: Path) -> None:
    src = export(village, tmp_path / "usb")
    manifest, workbook = unpack(src)
    counts = dict(manifest["counts"], Penduduk=manifest["counts"]["Penduduk"] + 5)
    path = repack(tmp_path / "m" / src.name, manifest, workbook, village_keypair(village),
                  counts=counts)
    _refused(hub, path, "sync.bundle.count_mismatch")


def test_manifest_without_personal_data_and_exact_members(good: Path) -> None:
    with zipfile.ZipFile(good) as zf:
        assert sorted(zf.namelist()) == ["data.xlsx", "manifest.json", "manifest.sig"]
        manifest = json.loads(zf.read("manifest.json"))
    assert read_bundle(good).manifest.village_code == VILLAGE
    assert set(manifest) >= {"format", "format_version", "app_version", "village_code",
                             "installation_id", "sequence", "scope", "counts", "members"}
