"""The P4MI hub's work on both databases (``[sqlite]`` and ``[postgresql]`` variants): bundle
import and its refusals, NIK flags, receipts, the case desk, the village overview and the
period report. See conftest.py for how the server is found."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.core.errors import AppError
from app.core.models import NikFlag, Resident
from sync.importer import STATUS_ALREADY, STATUS_IMPORTED, STATUS_REFUSED, preview_import
from sync.keys import load_or_create_keypair
from sync.receipt import import_receipt, make_receipt, send_status
from tests.hubdb.conftest import hub_state, table_rows
from tests.sync.conftest import (
    OTHER_VILLAGE,
    TODAY,
    VILLAGE,
    craft,
    export,
    import_,
    make_village,
)


def _live(ws, code: str = VILLAGE) -> int:
    with ws.db.session() as s:
        return s.scalar(select(func.count()).select_from(Resident).where(
            Resident.owner_office == code, Resident.deleted.is_(False)))


def _statuses(ws, code: str = VILLAGE) -> list[tuple[str, str]]:
    with ws.db.session() as s:
        return sorted((r.id, r.migrant_status) for r in s.scalars(
            select(Resident).where(Resident.owner_office == code)))


def test_preview_import_and_again(village, hub, tmp_path: Path) -> None:
    path = export(village, tmp_path / "usb")
    before = hub_state(hub)
    preview = preview_import(hub, path)
    assert preview.counts["Penduduk"].new == 60
    assert hub_state(hub) == before  # a preview changes nothing
    report = import_(hub, path)
    assert report.status == STATUS_IMPORTED and report.import_id
    assert _live(hub) == _live(village) == 60
    # the derived statuses were recomputed at the hub exactly as the village has them
    assert _statuses(hub) == _statuses(village)
    after = hub_state(hub)
    assert import_(hub, path).status == STATUS_ALREADY
    assert hub_state(hub) == after
    full = export(village, tmp_path / "usb", full=True)
    again = import_(hub, full)
    assert again.total("unchanged") > 0 and again.total("new") == again.total("updated") == 0
    assert table_rows(hub, "sync_village_state")[0][:2] == (VILLAGE, "2")


def test_changes_deletes_and_an_older_bundle(village, hub, tmp_path: Path) -> None:
    import_(hub, export(village, tmp_path / "usb"))
    with village.db.unit_of_work("op") as s:
        people = s.scalars(select(Resident).order_by(Resident.id)).all()
        people[0].name = "Nama Lama"
    old = export(village, tmp_path / "usb")
    with village.db.unit_of_work("op") as s:
        people = s.scalars(select(Resident).order_by(Resident.id)).all()
        people[0].name = "Nama Baru"
        people[1].deleted = True
    new = export(village, tmp_path / "usb")
    report = import_(hub, new)
    assert report.counts["Penduduk"].updated == 1 and report.counts["Penduduk"].deleted == 1
    older = import_(hub, old)
    assert older.counts["Penduduk"].older == 2  # the renamed and the deleted resident
    assert any(code == "sync.warn.older_bundle" for code, _ in older.warnings)
    with hub.db.session() as s:
        assert s.scalar(select(func.count()).where(Resident.name == "Nama Baru")) == 1
    assert _live(hub) == 59


def test_row_errors_refuse_the_bundle_and_change_nothing(village, hub, tmp_path: Path) -> None:
    def bad(sheets):
        sheets["Penduduk"][1][1] = "12345"  # not a NIK

    path = craft(village, tmp_path, bad)
    before = hub_state(hub)
    report = import_(hub, path)
    assert report.status == STATUS_REFUSED and report.error_rows == 1
    assert hub_state(hub) == before
    partial = import_(hub, path, valid_rows_only=True)
    assert partial.status == "sebagian" and _live(hub) == 59


def test_key_mismatch_is_refused_with_nothing_changed(village, hub, tmp_path: Path) -> None:
    import_(hub, export(village, tmp_path / "usb"))
    impostor = make_village(tmp_path / "palsu", code=VILLAGE, residents=3, seed=9)
    try:
        path = export(impostor, tmp_path / "palsu-usb")
    finally:
        impostor.close()
    before = hub_state(hub)
    with pytest.raises(AppError) as err:
        import_(hub, path)
    assert err.value.code == "sync.key.mismatch"
    assert hub_state(hub) == before


def test_same_nik_from_two_villages_is_flagged(village, hub, tmp_path: Path) -> None:
    import_(hub, export(village, tmp_path / "usb"))
    with village.db.session() as s:
        nik = s.scalars(select(Resident.nik).where(Resident.nik.is_not(None))).first()
    other = make_village(tmp_path / "desa2", code=OTHER_VILLAGE, residents=5, seed=11)
    try:
        with other.db.unit_of_work("op") as s:
            s.scalars(select(Resident).order_by(Resident.id)).first().nik = nik
        report = import_(hub, export(other, tmp_path / "usb2"))
    finally:
        other.close()
    assert report.status == STATUS_IMPORTED and len(report.nik_clashes) == 1
    with hub.db.session() as s:
        flags = s.scalars(select(NikFlag)).all()
    assert [(f.nik, f.village_code, f.other_village) for f in flags] == [
        (nik, OTHER_VILLAGE, VILLAGE)]


def test_receipt_round_trip(village, hub, tmp_path: Path) -> None:
    import_(hub, export(village, tmp_path / "usb"))
    receipt = make_receipt(hub, VILLAGE, tmp_path)
    assert receipt.highest_sequence == 1 and receipt.content["rows_held"]["Penduduk"] == 60
    key = load_or_create_keypair(hub.data_dir, office_code="18.07", role="p4mi")
    result = import_receipt(village, receipt.path, confirm_key=key.fingerprint)
    assert result.highest_sequence == 1
    status = send_status(village)
    assert status.confirmed_sequence == 1 and not any(status.pending.values())


def test_case_desk_and_village_overview(village, hub, tmp_path: Path) -> None:
    from app.core.desk.cases import DeskFilter, desk_actions, desk_cases, record_action
    from app.core.repo.p4mi import status_by_village, villages_overview
    from app.core.services import cases

    with village.db.unit_of_work("op") as s:
        person = s.scalars(select(Resident).order_by(Resident.id)).first()
        case = cases.open_case(s, person.id, cases.CaseInput("gaji_tidak_dibayar",
                                                             date(2025, 12, 1)))
    import_(hub, export(village, tmp_path / "usb"))
    with hub.db.session() as s:
        listed = desk_cases(s, DeskFilter(), today=TODAY)
        assert [c.id for c in listed] == [case.id]
        assert sum(status_by_village(s)[VILLAGE].values()) == 60
        row = next(r for r in villages_overview(s, "18.07") if r.code == VILLAGE)
        assert row.residents == 60 and row.last_sequence == 1
    with hub.db.unit_of_work("Petugas") as s:
        record_action(s, case.id, "terima", TODAY, "diterima")
    with hub.db.session() as s:
        assert [a.action for a in desk_actions(s, case.id)] == ["terima"]


def test_period_report(village, hub, tmp_path: Path) -> None:
    from sync.report import build_period_report, write_report

    import_(hub, export(village, tmp_path / "usb"))
    report = build_period_report(hub, date(2000, 1, 1), TODAY)
    first = report.tables[0]
    assert first.rows, first.title
    out = write_report(report, tmp_path / "laporan.xlsx")
    assert out.stat().st_size > 0


def test_person_search(village, hub, tmp_path: Path) -> None:
    from app.core.desk.search import PersonSearch

    with village.db.unit_of_work("op") as s:
        people = s.scalars(select(Resident).order_by(Resident.id)).all()
        people[0].name = "Siti Rahayu_Kusuma"
        people[1].name = "Rahayu Siti"
        nik = people[2].nik
    import_(hub, export(village, tmp_path / "usb"))
    search = PersonSearch(hub.db.session)
    search.warm()
    found = search.search("rahayu SITI")
    assert found.total == 2 and sorted(h.name for h in found.hits) == [
        "Rahayu Siti", "Siti Rahayu_Kusuma"]
    assert search.search("u_k").total == 1  # "_" is a letter here, not a wildcard
    assert search.search("ayu", limit=1).total == 2 and len(search.search("ayu", limit=1).hits) == 1
    by_nik = search.search(nik[:10])
    assert nik in {h.nik for h in by_nik.hits} and by_nik.hits[0].village_code == VILLAGE
    assert by_nik.hits[0].village_name and by_nik.hits[0].birth_date is not None


def test_undo_of_the_last_import_restores_the_previous_rows(village, hub, tmp_path: Path) -> None:
    """The undo journal on both databases: the second import changed one resident, deleted
    another and added a third; undoing it gives back the hub exactly as after the first."""
    from sync.import_undo import undo_last_import

    import_(hub, export(village, tmp_path / "usb"))
    after_first = hub_state(hub)
    with village.db.unit_of_work("op") as s:
        people = s.scalars(select(Resident).order_by(Resident.id)).all()
        people[0].name = "Nama Baru"
        people[1].deleted = True
    assert import_(hub, export(village, tmp_path / "usb")).status == STATUS_IMPORTED
    assert hub_state(hub) != after_first
    undone = undo_last_import(hub, operator="petugas")
    assert undone.restored >= 2
    assert hub_state(hub) == after_first
