"""Hostile bundles, round two (issue 17, items 11-13): each one signed with the test village's
real key so that it reaches the pre-scan, the reader and the row checks.

Every class is refused (or its rows are) with a coded message naming what is wrong, nothing in
the hub changes, and nothing reaches python-calamine that could make it allocate without bound.
"""

from __future__ import annotations

import io
import os
import re
import sqlite3
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from app.core.errors import AppError
from app.core.messages import message
from sync.container import bundle_file_name, read_bundle
from sync.importer import (
    STATUS_IMPORTED,
    STATUS_REFUSED,
    import_many,
    preview_import,
)
from sync.xlsx import ReadCaps, prescan
from tests.cli_run import run_cli
from tests.sync.conftest import (
    TODAY,
    VILLAGE,
    craft,
    export,
    hub_state,
    import_,
    repack,
    unpack,
    village_keypair,
)
from tests.sync.test_hostile import _refused

ROOT = Path(__file__).resolve().parents[2]


def _rewrite(workbook: bytes, part: str, change: Callable[[bytes], bytes], *,
             stored: bool = False) -> bytes:
    buf = io.BytesIO()
    method = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(io.BytesIO(workbook)) as src, zipfile.ZipFile(
            buf, "w", compression=method) as dst:
        for name in src.namelist():
            data = src.read(name)
            dst.writestr(name, change(data) if name == part else data)
    return buf.getvalue()


def _patched(village: Any, tmp: Path, sheet: int, change: Callable[[bytes], bytes], *,
             stored: bool = False, **manifest_changes: Any) -> Path:
    """A full bundle whose ``sheet``-th sheet XML went through ``change``, signed by the
    village's real key, under the file name its manifest asks for."""
    manifest, workbook = unpack(export(village, tmp / "asli", full=True))
    manifest.update(manifest_changes)
    workbook = _rewrite(workbook, f"xl/worksheets/sheet{sheet}.xml", change, stored=stored)
    name = bundle_file_name(VILLAGE, TODAY, manifest["sequence"])
    return repack(tmp / f"olahan{sheet}{len(list(tmp.glob('olahan*')))}" / name, manifest,
                  workbook, village_keypair(village))


def _set_cell(xml: bytes, ref: str, cell: bytes) -> bytes:
    """Replace the cell ``ref`` (or add it to its row when the row left it empty)."""
    pattern = re.compile(rb'<c r="' + ref.encode() + rb'"[^>]*>.*?</c>')
    if pattern.search(xml):
        return pattern.sub(lambda _m: cell, xml, count=1)
    row = re.sub(r"[A-Z]", "", ref).encode()
    start = xml.index(b'<row r="' + row + b'">')
    end = xml.index(b"</row>", start)
    return xml[:end] + cell + xml[end:]


def _params(err: AppError) -> dict[str, Any]:
    return dict(err.params)


# -- item 11: bounds before the reader ---------------------------------------------------------


def test_cell_far_from_the_data_is_refused_before_the_reader(village, hub,
                                                             tmp_path: Path) -> None:
    """A cell at the last column and row, the <dimension> left as written: the reader would
    allocate the whole rectangle (hundreds of GiB) and abort the process. Run in child
    processes so that an abort shows as a failure, not as a dead test run: `verify`, and
    the preview the GUI runs as soon as a file is chosen."""
    far = b'<c r="XFD1048576" t="inlineStr" s="1"><is><t>x</t></is></c>'
    path = _patched(village, tmp_path, 1,
                    lambda xml: xml[:xml.rindex(b"</row>")] + far + xml[xml.rindex(b"</row>"):])
    hub_dir = hub.data_dir.root
    hub.close()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for args in (["verify", str(path)], ["import", "--data-dir", str(hub_dir), "--dry-run",
                                         str(path)]):
        proc = subprocess.run([sys.executable, "-m", "sync", *args], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=120)
        assert proc.returncode in (1, 2), (args, proc.returncode, proc.stderr[-500:])
        out = proc.stdout + proc.stderr
        assert "Traceback" not in out
        assert "lolos pemeriksaan" not in out  # verify no longer says the file passed
        assert "lembar Penduduk" in out.lower() or "Lembar Penduduk" in out, out[-800:]


def test_far_cell_in_process_names_sheet_row_and_column(village, hub, tmp_path: Path) -> None:
    far = b'<c r="AZ61" t="inlineStr" s="1"><is><t>x</t></is></c>'
    path = _patched(village, tmp_path, 1,
                    lambda xml: xml[:xml.rindex(b"</row>")] + far + xml[xml.rindex(b"</row>"):])
    err = _refused(hub, path, "sync.xlsx.bad_cell")
    assert _params(err) == {"sheet": "Penduduk", "row": 61, "column": "AZ"}


def test_rows_without_attributes_are_counted(village, hub, tmp_path: Path) -> None:
    """A million <row> tags without r="..." (the old count only saw '<row '): every row must
    carry its number, so rows however written are bounded before the reader."""
    for rows in (b"<row></row>" * 300_000, b"<row/>" * 1_000_000,
                 b'<row spans="1:1"></row>' * 300_000):
        path = _patched(village, tmp_path, 2,
                        lambda xml, rows=rows: xml.replace(b"</sheetData>",
                                                           rows + b"</sheetData>"),
                        stored=True)
        err = _refused(hub, path, "sync.xlsx.bad_row_number")
        assert _params(err)["sheet"] == "Keluarga"


def test_row_far_down_is_refused(village, hub, tmp_path: Path) -> None:
    """A single row numbered 1,000,000 (a few bytes, an honest row count)."""
    path = _patched(village, tmp_path, 2, lambda xml: xml.replace(
        b"</sheetData>", b'<row r="1000000"><c r="A1000000"><v>1</v></c></row></sheetData>'))
    _refused(hub, path, "sync.xlsx.bad_row_number")


def test_huge_string_is_refused_by_the_pre_scan(village, hub, tmp_path: Path) -> None:
    big = b"A" * (2 * 1024 * 1024)
    path = _patched(village, tmp_path, 1, lambda xml: _set_cell(
        xml, "L2", b'<c r="L2" t="inlineStr" s="1"><is><t>' + big + b"</t></is></c>"),
        stored=True)
    err = _refused(hub, path, "sync.xlsx.cell_too_large")
    assert _params(err)["sheet"] == "Penduduk"


def test_pre_scan_bounds_do_not_depend_on_the_dimension() -> None:
    """The pre-scan alone, with a tiny cap: the real rows count, not the claim."""
    from tests.sync.conftest import write_sheets

    workbook = write_sheets({"Uji": [["A"], *[["x"] for _ in range(30)]]})
    with pytest.raises(AppError) as err:
        prescan(workbook, sheet_count=1, caps=ReadCaps(max_rows_per_sheet=10),
                layouts=[_layout("Uji", ["A"])])
    assert err.value.code == "sync.xlsx.too_many_rows"
    assert prescan(workbook, sheet_count=1, layouts=[_layout("Uji", ["A"])]
                   ).sheet_rows == {"xl/worksheets/sheet1.xml": 30}


def _layout(name: str, headers: list[str]):  # noqa: ANN202
    from sync.xlsx import SheetLayout

    return SheetLayout(name, headers)


def test_folder_import_refuses_the_bad_bundle_and_imports_the_others(village, hub,
                                                                     tmp_path: Path) -> None:
    good1 = export(village, tmp_path / "usb1", full=True)
    far = b'<c r="XFD61" t="inlineStr" s="1"><is><t>x</t></is></c>'
    bad = _patched(village, tmp_path, 1,
                   lambda xml: xml[:xml.rindex(b"</row>")] + far + xml[xml.rindex(b"</row>"):])
    good3 = export(village, tmp_path / "usb3", full=True)
    key = read_bundle(good1).manifest.public_key.fingerprint
    results = dict(import_many(hub, [good1, bad, good3], confirm_keys={VILLAGE: key}))
    assert isinstance(results[bad], AppError) and results[bad].code == "sync.xlsx.bad_cell"
    assert results[good1].status == STATUS_IMPORTED
    assert results[good3].status == STATUS_IMPORTED


# -- item 13: cells the format never writes ----------------------------------------------------


def _first_nik_cell(xml: bytes) -> bytes:
    return re.search(rb'<c r="B2" t="inlineStr" s="1"><is><t>(\d{16})</t></is></c>',
                     xml).group(1)


def test_formula_in_the_nik_column(village, hub, tmp_path: Path) -> None:
    def change(xml: bytes) -> bytes:
        nik = _first_nik_cell(xml)
        return _set_cell(xml, "B2", b'<c r="B2" t="str"><f>"' + nik[:8] + b'"&amp;"'
                         + nik[8:] + b'"</f><v>' + nik + b"</v></c>")

    err = _refused(hub, _patched(village, tmp_path, 1, change), "sync.xlsx.formula_cell")
    assert _params(err) == {"sheet": "Penduduk", "row": 2, "column": "NIK"}
    text = message(err.code, "id", **err.params)
    assert "rumus" in text and "NIK" in text


def test_error_cell(village, hub, tmp_path: Path) -> None:
    path = _patched(village, tmp_path, 1,
                    lambda xml: _set_cell(xml, "D3", b'<c r="D3" t="e"><v>#N/A</v></c>'))
    err = _refused(hub, path, "sync.xlsx.error_cell")
    assert _params(err) == {"sheet": "Penduduk", "row": 3, "column": "Nama"}


def test_shared_string_cell(village, hub, tmp_path: Path) -> None:
    path = _patched(village, tmp_path, 1,
                    lambda xml: _set_cell(xml, "D4", b'<c r="D4" t="s"><v>0</v></c>'))
    err = _refused(hub, path, "sync.xlsx.shared_string")
    assert _params(err) == {"sheet": "Penduduk", "row": 4, "column": "Nama"}


@pytest.mark.parametrize("value", [b"NaN", b"inf", b"-Infinity", b"1e999", b"45000.5"])
def test_nan_and_inf_in_a_date_cell(village, hub, tmp_path: Path, value: bytes) -> None:
    path = _patched(village, tmp_path, 1, lambda xml: _set_cell(
        xml, "G2", b'<c r="G2" s="2"><v>' + value + b"</v></c>"))
    err = _refused(hub, path, "sync.xlsx.bad_cell")
    assert _params(err) == {"sheet": "Penduduk", "row": 2, "column": "Tanggal Lahir"}


@pytest.mark.parametrize("value", [b"NaN", b"1e999", b"-inf"])
def test_nan_and_inf_in_a_number_cell(village, hub, tmp_path: Path, value: bytes) -> None:
    path = _patched(village, tmp_path, 2, lambda xml: _set_cell(
        xml, "J2", b'<c r="J2"><v>' + value + b"</v></c>"))
    err = _refused(hub, path, "sync.xlsx.bad_cell")
    assert _params(err) == {"sheet": "Keluarga", "row": 2, "column": "Versi"}


@pytest.mark.parametrize(("sheet", "column", "text"), [
    ("Penduduk", 3, "Budi\x1b[2J\x1b[31mSantoso"),  # terminal escapes
    ("Penduduk", 3, "Siti\x07"),  # BEL
    ("Penduduk", 3, "\u202eirtS"),  # right-to-left override
    ("Penduduk", 11, "Jl. Melati \u2066x\u2069"),  # bidi isolates
    ("Keluarga", 3, "Anak\x00Satu"),  # a member name with a NUL
])
def test_control_characters_in_text_are_refused_row_by_row(village, hub, tmp_path: Path,
                                                           sheet: str, column: int,
                                                           text: str) -> None:
    def change(sheets: dict[str, list[list[Any]]]) -> None:
        sheets[sheet][1][column] = text

    path = craft(village, tmp_path, change)
    before = hub_state(hub)
    report = import_(hub, path)
    assert report.status == STATUS_REFUSED
    assert hub_state(hub) == before
    header = read_header(sheet, column)
    got = [(e.sheet, e.row, e.column, e.code) for e in report.errors]
    assert got == [(sheet, 2, header, "sync.row.control_char")]
    assert "karakter kendali" in report.errors[0].text("id")


def read_header(sheet: str, column: int) -> str:
    from sync.schema import BY_NAME

    return BY_NAME[sheet].headers[column]


@pytest.mark.parametrize(("value", "field"), [
    (12345, "village_name"),
    (["Desa"], "village_name"),
    ("Desa \x1b]0;dibobol\x07\x1b[2J", "village_name"),
    ("Desa\u202e", "village_name"),
])
def test_manifest_texts_are_plain_text(village, hub, tmp_path: Path, value: Any,
                                       field: str) -> None:
    manifest, workbook = unpack(export(village, tmp_path / "usb", full=True))
    manifest[field] = value
    path = repack(tmp_path / "m" / bundle_file_name(VILLAGE, TODAY, manifest["sequence"]),
                  manifest, workbook, village_keypair(village))
    err = _refused(hub, path, "sync.bundle.bad_manifest")
    assert _params(err) == {"field": field}


def test_cli_never_prints_terminal_escapes_from_a_manifest(village, tmp_path: Path) -> None:
    manifest, workbook = unpack(export(village, tmp_path / "usb", full=True))
    for key in ("created_at", "app_version", "village_name"):
        evil = dict(manifest, **{key: "x\x1b[2J\x1b]0;dibobol\x07"})
        path = repack(tmp_path / key / bundle_file_name(VILLAGE, TODAY, manifest["sequence"]),
                      evil, workbook, village_keypair(village))
        proc = run_cli("sync", "verify", str(path))
        assert proc.returncode != 0
        assert "\x1b" not in proc.stdout + proc.stderr
        assert "\x07" not in proc.stdout + proc.stderr
        assert "Traceback" not in proc.stderr


def test_a_different_file_reusing_a_sequence_number(village, hub, tmp_path: Path) -> None:
    first = export(village, tmp_path / "usb", full=True)
    assert import_(hub, first).status == STATUS_IMPORTED
    sequence = read_bundle(first).manifest.sequence

    def change(sheets: dict[str, list[list[Any]]]) -> None:
        sheets["Penduduk"][1][3] = "Nama Lain"

    other = craft(village, tmp_path, change, name=first.name, sequence=sequence)
    err = _refused(hub, other, "sync.bundle.sequence_reused")
    assert _params(err)["sequence"] == sequence
    assert import_(hub, first).status == "sudah_diimpor"  # the same file again is fine


# -- item 12: bounded numbers ------------------------------------------------------------------


def _resequenced(village: Any, tmp: Path, sequence: int, **changes: Any) -> Path:
    manifest, workbook = unpack(export(village, tmp / "usb", full=True))
    manifest.update(sequence=sequence, **changes)
    return repack(tmp / f"s{sequence}" / bundle_file_name(VILLAGE, TODAY, sequence), manifest,
                  workbook, village_keypair(village))


def test_sequence_beyond_the_file_name_is_refused(village, hub, tmp_path: Path) -> None:
    manifest, workbook = unpack(export(village, tmp_path / "usb", full=True))
    manifest["sequence"] = 10**9
    path = repack(tmp_path / "big" / "paket.bmd", manifest, workbook, village_keypair(village))
    err = _refused(hub, path, "sync.bundle.bad_manifest")
    assert _params(err) == {"field": "sequence"}


def test_absurd_sequence_jump_is_refused(village, hub, tmp_path: Path) -> None:
    err = _refused(hub, _resequenced(village, tmp_path, 50_000_000), "sync.bundle.sequence_jump")
    assert _params(err) == {"sequence": 50_000_000, "newest": 0, "maximum": 10_000}
    assert "melompat" in message(err.code, "id", **err.params)


def test_gaps_are_ranges_not_lists(village, hub, tmp_path: Path) -> None:
    import tracemalloc

    first = export(village, tmp_path / "usb", full=True)
    import_(hub, first)
    tracemalloc.start()
    report = import_(hub, _resequenced(village, tmp_path, 9_001))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert report.status == STATUS_IMPORTED
    assert report.missing_ranges == [(2, 9_000)]
    assert report.missing_sequences == list(range(8_801, 9_001))
    assert ("sync.warn.gap", {"missing": "2-9000"}) in report.warnings
    assert peak < 50 * 1024 * 1024
    from sync.receipt import make_receipt

    receipt = make_receipt(hub, VILLAGE, tmp_path / "tanda")
    (held,) = receipt.content["installations"].values()
    assert held["highest_sequence"] == 9_001
    assert held["missing"] == list(range(2, 502))  # the first 500, from the gaps


@pytest.mark.parametrize("counter", [2**63, 2**62, 2**53 + 1])
def test_knowledge_counter_out_of_range(village, hub, tmp_path: Path, counter: int) -> None:
    manifest, _ = unpack(export(village, tmp_path / "usb0", full=True))
    inst = manifest["installation_id"]
    path = _resequenced(village, tmp_path, 1, knowledge={inst: counter})
    err = _refused(hub, path, "sync.bundle.bad_manifest")
    assert _params(err) == {"field": "knowledge"}


def test_knowledge_counter_jump_is_refused_and_small_claims_are_clamped(
        village, hub, tmp_path: Path) -> None:
    manifest, _ = unpack(export(village, tmp_path / "usb0", full=True))
    inst = manifest["installation_id"]
    real = manifest["knowledge"][inst]
    err = _refused(hub, _resequenced(village, tmp_path, 1, knowledge={inst: 2**52}),
                   "sync.bundle.counter_jump")
    assert _params(err) == {"counter": 2**52, "held": real}
    # a claim a little above the rows is taken, but the hub only records what the rows show:
    # its receipt never tells the village to hold back changes the hub never got
    report = import_(hub, _resequenced(village, tmp_path, 2, knowledge={inst: real + 500}))
    assert report.status == STATUS_IMPORTED
    con = sqlite3.connect(hub.data_dir.db_path)
    try:
        held = con.execute("SELECT counter FROM sync_knowledge WHERE instance_id = ?",
                           (inst,)).fetchone()[0]
    finally:
        con.close()
    assert held == real


def test_preview_refuses_the_same_classes(village, hub, tmp_path: Path) -> None:
    """The GUI preview runs the same pre-scan before python-calamine (a cell not far enough
    to hurt the old reader in-process; the far one is in the child-process test)."""
    far = b'<c r="XFD61" t="inlineStr" s="1"><is><t>x</t></is></c>'
    path = _patched(village, tmp_path, 1,
                    lambda xml: xml[:xml.rindex(b"</row>")] + far + xml[xml.rindex(b"</row>"):])
    with pytest.raises(AppError) as err:
        preview_import(hub, path)
    assert err.value.code == "sync.xlsx.bad_cell"
    assert message(err.value.code, "id", **err.value.params).startswith("Lembar Penduduk")


# -- item 14: work per bundle is bounded -------------------------------------------------------


def _many_with_one_nik(village: Any, tmp: Path, n: int, nik: str) -> Path:
    import uuid

    def change(sheets: dict[str, list[list[Any]]]) -> None:
        people = sheets["Penduduk"]
        template = people[1]
        del people[1:]
        for _ in range(n):
            row = list(template)
            row[0] = uuid.uuid4().hex
            row[1] = nik
            people.append(row)
        for name, rows in sheets.items():  # keep the other sheets out of it
            if name != "Penduduk":
                del rows[1:]

    return craft(village, tmp, change)


def test_one_nik_shared_by_thousands_of_rows_in_two_villages(village, hub,
                                                             tmp_path: Path) -> None:
    """The cross-village NIK check pairs each incoming row with one resident of the other
    village, not with every one: 2,000 x 2,000 rows sharing a NIK stay fast (the old join took
    minutes), and each incoming row is flagged once."""
    import time

    from tests.sync.conftest import make_village

    nik = "1807014101900001"
    first = _many_with_one_nik(village, tmp_path / "a", 2_000, nik)
    assert import_(hub, first).status == STATUS_IMPORTED
    other = make_village(tmp_path / "desa-b", code="18.07.01.2002", residents=3, seed=5)
    try:
        second = _many_with_one_nik(other, tmp_path / "b", 2_000, nik)
    finally:
        other.close()
    started = time.perf_counter()
    report = import_(hub, second)
    elapsed = time.perf_counter() - started
    assert report.status == STATUS_IMPORTED
    assert len(report.nik_clashes) == 1_000  # the list shown is capped; the flags are not
    con = sqlite3.connect(hub.data_dir.db_path)
    try:
        flags = con.execute("SELECT count(*), count(DISTINCT resident_id) FROM sync_nik_flag "
                            "WHERE village_code = '18.07.01.2002'").fetchone()
    finally:
        con.close()
    assert flags == (2_000, 2_000)
    assert elapsed < 60, elapsed
