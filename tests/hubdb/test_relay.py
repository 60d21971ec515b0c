"""Relay upward (issue 16): villages -> two regency hubs -> one province hub, one village also
sending directly to the province; on both databases (the province and one regency hub on the
``hub_backend``, ``[sqlite]`` and ``[postgresql]``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text

from app.core.errors import AppError
from app.core.messages import catalogue, message
from app.core.models import Resident
from sync.importer import STATUS_ALREADY, STATUS_IMPORTED, STATUS_PREVIEW
from sync.keys import load_or_create_keypair
from sync.relay import (
    export_paket,
    import_paket,
    import_paket_receipt,
    make_paket_receipt,
    preview_paket,
    read_paket,
)
from tests.hubdb.conftest import hub_state, make_hub_on
from tests.sync.conftest import TODAY, export, import_, make_village

A, B, C = "18.07.01.2001", "18.07.01.2002", "18.08.01.2006"  # C: another regency of Lampung
OUTSIDE = "19.01.01.1001"  # Bangka Belitung
SHEETS = ("resident", "episode", "family_link", "contact_log", "episode_flag", "letter")
COLUMNS = "id, owner_office, version, origin_instance, origin_counter"


def _rows(ws: Any, table: str, owner: str) -> list[tuple[str, ...]]:
    with ws.db.engine.connect() as conn:
        found = conn.execute(text(f'SELECT {COLUMNS} FROM "{table}" WHERE owner_office = :o'),
                             {"o": owner}).all()
    return sorted(tuple(str(v) for v in r) for r in found)


def _names(ws: Any, owner: str) -> dict[str, str]:
    with ws.db.session() as s:
        return {r.id: r.name for r in s.scalars(select(Resident).where(
            Resident.owner_office == owner))}


def _same_as_village(province: Any, village: Any, code: str) -> None:
    """The province holds exactly the village's rows, at the village's versions."""
    for table in SHEETS:
        assert _rows(province, table, code) == _rows(village, table, code), (code, table)
    assert _names(province, code) == _names(village, code)


def _fp(ws: Any) -> str:
    office = ws.office()
    return load_or_create_keypair(ws.data_dir, office_code=office.code, role="p4mi").fingerprint


def _paket(hub: Any, folder: Path, **kw: Any) -> Path:
    return export_paket(hub, folder, today=TODAY, **kw).path


def _rename(village: Any, rid: str, name: str) -> None:
    with village.db.unit_of_work("Operator Desa") as s:
        s.get(Resident, rid).name = name


@pytest.fixture
def world(tmp_path: Path, hub_url: str | None, second_url: str | None) -> Iterator[dict]:
    w = {
        A: make_village(tmp_path / "a", code=A, residents=6, seed=11),
        B: make_village(tmp_path / "b", code=B, residents=5, seed=12),
        C: make_village(tmp_path / "c", code=C, residents=4, seed=13),
        "k1": make_hub_on(tmp_path / "k1", second_url, code="18.07"),
        "k2": make_hub_on(tmp_path / "k2", None, code="18.08"),
        "prov": make_hub_on(tmp_path / "prov", hub_url, code="18"),
    }
    try:
        yield w
    finally:
        for ws in w.values():
            ws.close()


def test_round_trip_villages_two_regencies_one_province(world: dict, tmp_path: Path) -> None:
    a, b, c, k1, k2, prov = (world[x] for x in (A, B, C, "k1", "k2", "prov"))
    usb = tmp_path / "usb"
    a1 = export(a, usb / "a1")
    for hub, bundle in ((k1, a1), (k1, export(b, usb / "b1")), (k2, export(c, usb / "c1"))):
        assert import_(hub, bundle).status == STATUS_IMPORTED
    # village A also sends directly to the province
    assert import_(prov, a1).status == STATUS_IMPORTED
    # then A changes a resident; the change reaches the regency only
    edited = sorted(_names(a, A))[0]
    _rename(a, edited, "Nama Diubah Desa")
    assert import_(k1, export(a, usb / "a2")).status == STATUS_IMPORTED

    p1, q1 = _paket(k1, usb / "p1"), _paket(k2, usb / "q1")
    opened = read_paket(p1)
    assert [v.code for v in opened.villages] == [A, B]
    before = hub_state(prov)
    preview = preview_paket(prov, p1)
    assert preview.status == STATUS_PREVIEW and hub_state(prov) == before
    by_village = {r.village_code: r for r in preview.villages}
    assert by_village[A].counts["Penduduk"].updated == 1  # the edit; the rest came directly
    assert by_village[A].counts["Penduduk"].unchanged == 5
    assert by_village[B].counts["Penduduk"].new == 5

    report = import_paket(prov, p1, confirm_key=_fp(k1))
    assert report.status == STATUS_IMPORTED and report.key_status == "baru"
    assert import_paket(prov, q1, confirm_key=_fp(k2)).status == STATUS_IMPORTED
    for code in (A, B, C):
        _same_as_village(prov, world[code], code)
    assert _names(prov, A)[edited] == "Nama Diubah Desa"

    # re-importing the same package changes nothing
    after = hub_state(prov)
    assert import_paket(prov, p1).status == STATUS_ALREADY
    assert hub_state(prov) == after

    # A changes the resident again and sends it directly; an older package arrives after it:
    # the newest version stays (the village bundle's version rules, per origin village)
    _rename(a, edited, "Nama Terbaru")
    assert import_(prov, export(a, usb / "a3")).status == STATUS_IMPORTED
    p2 = _paket(k1, usb / "p2", full=True)
    late = import_paket(prov, p2)
    assert late.status == STATUS_IMPORTED
    by_village = {r.village_code: r for r in late.villages}
    assert by_village[A].counts["Penduduk"].older == 1
    assert by_village[A].counts["Penduduk"].new == 0
    for code in (A, B, C):
        _same_as_village(prov, world[code], code)
    # every resident exactly once
    with prov.db.session() as s:
        held = s.scalars(select(Resident.id)).all()
    assert len(held) == len(set(held)) == 6 + 5 + 4


def test_receipt_back_to_the_regency(world: dict, tmp_path: Path) -> None:
    b, k1, prov = world[B], world["k1"], world["prov"]
    usb = tmp_path / "usb"
    import_(k1, export(b, usb / "b1"))
    import_paket(prov, _paket(k1, usb / "p1"), confirm_key=_fp(k1))
    receipt = make_paket_receipt(prov, "18.07", usb)
    with pytest.raises(AppError) as err:  # the province's key is not known yet
        import_paket_receipt(k1, receipt)
    assert err.value.code == "sync.paket.receipt_key"
    content = import_paket_receipt(k1, receipt, confirm_key=_fp(prov))
    assert set(content["villages"]) == {B}
    with pytest.raises(AppError) as err:  # the province holds everything: nothing to send
        export_paket(k1, usb / "p2", today=TODAY)
    assert err.value.code == "sync.paket.empty"
    victim = sorted(_names(b, B))[0]
    _rename(b, victim, "Sesudah Tanda Terima")
    import_(k1, export(b, usb / "b2"))
    p2 = _paket(k1, usb / "p2")
    assert read_paket(p2).villages[0].counts["Penduduk"] == 1  # only the change
    assert read_paket(p2).encrypted  # sealed to the province's key, installed by the receipt
    report = import_paket(prov, p2)
    assert report.status == STATUS_IMPORTED and report.villages[0].counts["Penduduk"].updated == 1
    _same_as_village(prov, b, B)


def _refused(prov: Any, path: Path, code: str, **kw: Any) -> AppError:
    before = hub_state(prov)
    with pytest.raises(AppError) as err:
        import_paket(prov, path, **kw)
    assert err.value.code == code, (err.value.code, err.value.params)
    assert code in catalogue()
    assert hub_state(prov) == before
    return err.value


def test_untrusted_and_foreign_packages_are_refused(world: dict, tmp_path: Path) -> None:
    b, k1, prov = world[B], world["k1"], world["prov"]
    usb = tmp_path / "usb"
    import_(k1, export(b, usb / "b1"))
    p1 = _paket(k1, usb / "p1")
    # an unknown hub key, not confirmed (or confirmed wrongly): refused, nothing changed
    err = _refused(prov, p1, "sync.paket.key_unconfirmed")
    assert "Paket pertama dari hub 18.07" in message(err.code, "id", **err.params)
    _refused(prov, p1, "sync.paket.key_unconfirmed", confirm_key="0000-0000")
    assert import_paket(prov, p1, confirm_key=_fp(k1)).status == STATUS_IMPORTED
    # another installation claiming to be the same regency hub: another key, refused
    impostor = make_hub_on(tmp_path / "palsu", None, code="18.07")
    outsider_hub = make_hub_on(tmp_path / "luar", None, code="19.01")
    outsider = make_village(tmp_path / "luar-desa", code=OUTSIDE, residents=2, seed=4)
    try:
        import_(impostor, export(b, usb / "b2", full=True))
        forged = _paket(impostor, usb / "palsu")
        err = _refused(prov, forged, "sync.paket.key_mismatch", confirm_key=_fp(impostor))
        assert "kunci lain" in message(err.code, "id", **err.params)
        # a package of another province's regency: refused whatever the key
        import_(outsider_hub, export(outsider, usb / "luar"))
        foreign = _paket(outsider_hub, usb / "luar-paket")
        err = _refused(prov, foreign, "sync.paket.other_region", confirm_key=_fp(outsider_hub))
        assert "tidak berada di bawah wilayah 18" in message(err.code, "id", **err.params)
    finally:
        impostor.close()
        outsider_hub.close()
        outsider.close()


def test_tampered_package_is_refused(world: dict, tmp_path: Path) -> None:
    import json
    import zipfile

    b, k1, prov = world[B], world["k1"], world["prov"]
    import_(k1, export(b, tmp_path / "usb"))
    p1 = _paket(k1, tmp_path / "usb" / "p")
    with zipfile.ZipFile(p1) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    manifest = json.loads(members["manifest.json"])
    manifest["villages"][0]["knowledge"] = {"f" * 32: 5}
    members["manifest.json"] = json.dumps(manifest).encode()
    bad = tmp_path / "bad" / p1.name
    bad.parent.mkdir()
    with zipfile.ZipFile(bad, "w") as zf:
        for n, data in members.items():
            zf.writestr(n, data)
    _refused(prov, bad, "sync.bundle.bad_signature", confirm_key=_fp(k1))


def test_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from sync.cli import main

    b = make_village(tmp_path / "b", code=B, residents=3, seed=5)
    k1 = make_hub_on(tmp_path / "k1", None, code="18.07")
    prov = make_hub_on(tmp_path / "prov", None, code="18")
    try:
        import_(k1, export(b, tmp_path / "usb"))
        fp = _fp(k1)
    finally:
        for ws in (b, k1, prov):
            ws.close()
    assert main(["export-paket", "--data-dir", str(tmp_path / "k1"), "--out",
                 str(tmp_path / "out")]) == 0
    paket = Path(capsys.readouterr().out.splitlines()[0])
    assert paket.name.startswith("BMDR_18.07_") and paket.suffix == ".bmd"
    assert main(["verify", str(paket), "--data-dir", str(tmp_path / "prov")]) == 0
    out = capsys.readouterr().out
    assert f"Desa {B}" in out and "Kunci hub belum tercatat" in out and fp in out
    assert main(["import", "--data-dir", str(tmp_path / "prov"), str(paket)]) == 2
    err = capsys.readouterr().err
    assert "Paket pertama dari hub 18.07" in err and fp in err
    assert main(["import", "--data-dir", str(tmp_path / "prov"), "--dry-run", str(paket)]) == 0
    out = capsys.readouterr().out
    assert "PAKET KABUPATEN PRATINJAU" in out and f"Desa {B}" in out
    assert main(["import", "--data-dir", str(tmp_path / "prov"), "--confirm-key", fp,
                 str(paket)]) == 0
    assert "PAKET KABUPATEN DIIMPOR" in capsys.readouterr().out
    assert main(["import", "--data-dir", str(tmp_path / "prov"), str(paket)]) == 0
    assert "SUDAH PERNAH DIIMPOR" in capsys.readouterr().out
    assert main(["receipt-paket", "--data-dir", str(tmp_path / "prov"), "--hub", "18.07",
                 "--out", str(tmp_path / "out")]) == 0
    receipt = Path(capsys.readouterr().out.strip())
    assert main(["import-receipt-paket", "--data-dir", str(tmp_path / "k1"), str(receipt)]) == 2
    assert "bukan kunci hub atas" in capsys.readouterr().err
    # a village folder cannot make a package
    assert main(["export-paket", "--data-dir", str(tmp_path / "b"), "--out",
                 str(tmp_path / "out")]) == 2
    assert "Paket kabupaten hanya dapat dibuat" in capsys.readouterr().err


def test_undo_a_package_village_by_village(world: dict, tmp_path: Path) -> None:
    from sync.import_undo import undo_last_import

    a, b, k1, prov = world[A], world[B], world["k1"], world["prov"]
    usb = tmp_path / "usb"
    for village in (a, b):
        import_(k1, export(village, usb / village.office().code))
    import_(prov, export(a, usb / "direct"))  # A also sent directly: its key is on record
    p1 = _paket(k1, usb / "p1")
    before = hub_state(prov)
    assert import_paket(prov, p1, confirm_key=_fp(k1)).status == STATUS_IMPORTED
    after = hub_state(prov)
    undone = [undo_last_import(prov, operator="Petugas").village_code for _ in range(2)]
    assert undone == [B, A]  # newest first; the package's own records go with the last one
    assert hub_state(prov) == before
    assert import_paket(prov, p1, confirm_key=_fp(k1)).status == STATUS_IMPORTED
    again = hub_state(prov)  # the same data (the records have new ids and times)
    for table in (*SHEETS, "sync_knowledge", "sync_nik_flag"):
        if table == "sync_nik_flag":
            assert len(again[table]) == len(after[table])
        else:
            assert again[table] == after[table], table


def test_province_overview_dashboard_and_report(world: dict, tmp_path: Path) -> None:
    """A province hub's screens cover every village of the province (not one regency)."""
    from datetime import date

    from app.core.repo.p4mi import load_regency_dashboard, villages_overview
    from sync.report import build_period_report

    b, c, k1, k2, prov = (world[x] for x in (B, C, "k1", "k2", "prov"))
    usb = tmp_path / "usb"
    import_(k1, export(b, usb / "b"))
    import_(k2, export(c, usb / "c"))
    import_paket(prov, _paket(k1, usb / "p"), confirm_key=_fp(k1))
    import_paket(prov, _paket(k2, usb / "q"), confirm_key=_fp(k2))
    with prov.db.session() as s:
        rows = {r.code: r for r in villages_overview(s, "18")}
        dashboard = load_regency_dashboard(s, "18")
    assert B in rows and C in rows and OUTSIDE not in rows
    assert rows[B].district and rows[C].district  # district names of both regencies
    assert dashboard is not None
    report = build_period_report(prov, date(2000, 1, 1), date.today())
    silent = next(t for t in report.tables if t.sheet == "Desa Tidak Mengirim")
    codes = {r[0] for r in silent.rows}
    assert B not in codes and C not in codes  # both sent (through their regency)
    assert len(codes) > 2000  # the rest of Lampung's villages


def test_province_relays_to_the_national_hub(world: dict, tmp_path: Path) -> None:
    a, b, c, k1, k2, prov = (world[x] for x in (A, B, C, "k1", "k2", "prov"))
    usb = tmp_path / "usb"
    for hub, village in ((k1, a), (k1, b), (k2, c)):
        import_(hub, export(village, usb / village.office().code))
    import_paket(prov, _paket(k1, usb / "p"), confirm_key=_fp(k1))
    import_paket(prov, _paket(k2, usb / "q"), confirm_key=_fp(k2))
    national = make_hub_on(tmp_path / "nas", None, code="ID")
    try:
        with pytest.raises(AppError) as err:  # the national hub has no hub above it
            export_paket(national, usb / "n")
        assert err.value.code == "sync.paket.not_hub"
        paket = _paket(prov, usb / "prov")  # the province's own package, all its villages
        opened = read_paket(paket)
        assert opened.hub_code == "18" and [v.code for v in opened.villages] == [A, B, C]
        report = import_paket(national, paket, confirm_key=_fp(prov))
        assert report.status == STATUS_IMPORTED
        for code in (A, B, C):
            _same_as_village(national, world[code], code)
        # a regency's package goes to its province, not past it: the national hub takes it
        # too (the regency lies under it), merged with what it holds: nothing new
        again = import_paket(national, _paket(k1, usb / "p-again", full=True),
                             confirm_key=_fp(k1))
        assert again.total("new") == again.total("updated") == 0
        assert again.total("unchanged") > 0
    finally:
        national.close()
