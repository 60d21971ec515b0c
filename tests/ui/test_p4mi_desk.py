"""The P4MI desk driven as a clerk would: find a person, open them, follow a NIK pair; the
case desk (filters against SQL, accept, follow up, refer on, outcome, audited reveals)."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QUrl

from tests.sync.conftest import export, import_, make_hub, make_village
from tests.ui.conftest import make_context

A, B = "18.07.01.2001", "18.07.01.2002"
LEFT = Qt.MouseButton.LeftButton


@pytest.fixture(scope="module")
def usb(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    from sqlalchemy import select

    from app.core.models import Resident
    from app.core.services.cases import CaseInput, open_case

    root = tmp_path_factory.mktemp("desk-usb")
    a = make_village(root / "a", code=A, residents=60, seed=21)
    b = make_village(root / "b", code=B, residents=30, seed=22)
    try:
        with a.db.session() as s:
            one = s.scalars(select(Resident).where(Resident.nik.is_not(None))
                            .order_by(Resident.id)).first()
            shared = {"a_id": one.id, "nik": one.nik, "name": one.name}
        with b.db.unit_of_work("op") as s:
            other = Resident(name="Sumirah Kembar Nik", sex=one.sex, nik=one.nik)
            s.add(other)
            s.flush()
            shared["b_id"] = other.id
            case = open_case(s, other.id, CaseInput(
                "hilang_kontak", date(2025, 11, 2), reporter="Ibu Sumirah",
                chronology="Tidak ada kabar sejak Agustus.", referral="p4mi"))
            shared["case_id"] = case.id
        export(a, root / "usb", full=True)
        export(b, root / "usb", full=True)
    finally:
        a.close()
        b.close()
    shared["usb"] = root / "usb"
    return shared


@pytest.fixture
def hub(tmp_path: Path, usb: dict[str, Any]) -> Any:
    ws = make_hub(tmp_path / "hub")
    for path in sorted(usb["usb"].glob("*.bmd")):
        assert import_(ws, path).status == "diimpor"
    yield ws
    ws.close()


def sql(ws: Any, query: str, *params: Any) -> list[tuple[Any, ...]]:
    con = sqlite3.connect(ws.data_dir.db_path)
    try:
        return con.execute(query, params).fetchall()
    finally:
        con.close()


def test_search_by_name_and_nik_then_person_view(qtbot: Any, hub: Any, usb: dict[str, Any],
                                                  qtmodeltester: Any) -> None:
    from app.ui.p4mi.search import PersonSearchView

    view = PersonSearchView(make_context(hub))
    qtbot.addWidget(view)
    view.show()
    qtbot.keyClicks(view.search, "kembar")
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=3000)
    qtmodeltester.check(view.model)
    assert view.model.row_values(0)[0] == "Sumirah Kembar Nik"
    assert view.model.row_values(0)[4] == "Bumi Nabung Ilir" or view.model.row_values(0)[4]
    qtbot.waitUntil(lambda: view.person is not None, timeout=3000)  # one hit opens itself
    html = view.detail.toPlainText()
    assert "Sumirah Kembar Nik" in html and B in html
    assert usb["name"] in html  # the same NIK in village A, a link
    assert "confidential case" in html or "kasus rahasia" in html  # the type is not shown
    assert "hilang" not in html.lower()

    view.search.clear()
    qtbot.keyClicks(view.search, usb["nik"][:12])
    qtbot.waitUntil(lambda: view.model.rowCount() >= 2, timeout=3000)
    expected = sql(hub, "SELECT count(*) FROM resident WHERE deleted = 0 AND "
                        "(nik LIKE ? OR no_kk LIKE ?)", usb["nik"][:12] + "%",
                   usb["nik"][:12] + "%")[0][0]
    assert view.model.rowCount() == expected
    villages = {view.model.row_values(r)[4] for r in range(view.model.rowCount())}
    assert len(villages) == 2
    view._link(QUrl(f"person:{usb['a_id']}"))  # follow the pair link
    assert view.person is not None and view.person.id == usb["a_id"]
    assert view.person.village_code == A
    assert [p.resident_id for p in view.person.pairs] == [usb["b_id"]]


def test_case_desk_filters_accept_follow_up_refer_and_outcome(
        qtbot: Any, hub: Any, usb: dict[str, Any], monkeypatch: pytest.MonkeyPatch,
        qtmodeltester: Any) -> None:
    from app.ui.p4mi import cases as desk_ui

    ctx = make_context(hub)
    view = desk_ui.CaseDeskView(ctx)
    qtbot.addWidget(view)
    view.show()
    live = ("FROM case_file c JOIN resident r ON r.id = c.resident_id WHERE c.deleted = 0 "
            "AND r.deleted = 0")
    opened = sql(hub, f"SELECT count(*) {live} AND c.status IN ('baru','diproses')")[0][0]
    assert view.model.rowCount() == opened
    qtmodeltester.check(view.model)
    view.apply_filter(status="all")
    assert view.model.rowCount() == sql(hub, f"SELECT count(*) {live}")[0][0]
    view.apply_filter(village=B)
    assert view.model.rowCount() == sql(hub, f"SELECT count(*) {live} AND c.owner_office = ?",
                                        B)[0][0]
    view.referred.setChecked(True)
    assert view.model.rowCount() == sql(hub, f"SELECT count(*) {live} AND c.owner_office = ? "
                                             "AND c.referral = 'p4mi'", B)[0][0]
    row = view.model.row_values(view.model.row_of(usb["case_id"]))
    assert row[6] == view.tr("Confidential") and row[9] == view.desk_status_text("")
    assert view.select_case(usb["case_id"])

    qtbot.mouseClick(view.buttons["terima"], LEFT)
    assert view.notice.kind == "ok", view.notice.text()
    assert sql(hub, "SELECT action, status_after, owner_office FROM p4mi_case_action") == [
        ("terima", "diterima", "18.07")]
    assert view.selected_id() == usb["case_id"]
    assert not view.buttons["terima"].isEnabled()

    answers = iter([desk_ui.ActionInput(date(2025, 11, 10), "Keluarga ditelepon"),
                    desk_ui.ActionInput(date(2025, 11, 11), "Mohon dicari", "bp3mi"),
                    desk_ui.ActionInput(date(2025, 11, 12), ""),
                    desk_ui.ActionInput(date(2025, 12, 1), "PMI sudah bisa dihubungi")])
    monkeypatch.setattr(desk_ui.DeskActionDialog, "ask", lambda *a, **k: next(answers))
    qtbot.mouseClick(view.buttons["tindak_lanjut"], LEFT)
    qtbot.mouseClick(view.buttons["rujuk"], LEFT)
    assert view.notice.kind == "ok"
    qtbot.mouseClick(view.buttons["selesai"], LEFT)  # no outcome written: refused
    assert view.notice.kind == "error"
    qtbot.mouseClick(view.buttons["selesai"], LEFT)
    assert sql(hub, "SELECT action, status_after, referral, noted_on FROM p4mi_case_action "
                    "ORDER BY rowid") == [
        ("terima", "diterima", "", date.today().isoformat()),
        ("tindak_lanjut", "diproses", "", "2025-11-10"),
        ("rujuk", "dirujuk", "bp3mi", "2025-11-11"),
        ("selesai", "selesai", "", "2025-12-01")]
    assert view.model.row_values(view.model.row_of(usb["case_id"]))[9] == \
        view.desk_status_text("selesai")
    assert not view.buttons["tindak_lanjut"].isEnabled()
    # the village's own case row is unchanged
    assert sql(hub, "SELECT status FROM case_file WHERE id = ?", usb["case_id"]) == [("baru",)]
    view.apply_filter(desk_status="belum")
    assert view.model.row_of(usb["case_id"]) == -1


def test_case_desk_reveals_only_for_allowed_roles_and_audits_each(
        qtbot: Any, hub: Any, usb: dict[str, Any]) -> None:
    from app.core.services.operators import SignedIn
    from app.ui.p4mi.cases import CaseDeskView

    ctx = make_context(hub)
    ctx.signed_in = SignedIn(2, "Petugas", "petugas_p4mi")
    view = CaseDeskView(ctx)
    qtbot.addWidget(view)
    view.apply_filter(village=B)
    assert view.select_case(usb["case_id"])
    qtbot.mouseClick(view.buttons["reveal"], LEFT)
    view.show_sensitive.setChecked(True)
    assert not view.show_sensitive.isChecked()
    assert view.notice.kind == "warn"
    assert "Tidak ada kabar" not in view.detail.toPlainText()
    assert sql(hub, "SELECT count(*) FROM audit_log WHERE action LIKE 'reveal_case%'") == [(0,)]

    ctx.signed_in = SignedIn(1, "Kepala", "kepala_p4mi")
    qtbot.mouseClick(view.buttons["reveal"], LEFT)
    assert "Tidak ada kabar sejak Agustus." in view.detail.toPlainText()
    assert "Ibu Sumirah" in view.detail.toPlainText()
    assert sql(hub, "SELECT action, entity_id FROM audit_log WHERE action LIKE 'reveal_case%'"
               ) == [("reveal_case", usb["case_id"])]
    view.show_sensitive.setChecked(True)
    assert sql(hub, "SELECT count(*) FROM audit_log WHERE action = 'reveal_case_list'") == [(1,)]


def test_person_view_shows_the_stored_red_flags(qtbot: Any, hub: Any) -> None:
    """A flagged episode imported from a real bundle: each flag's sentence, code, severity and
    whether it was accepted (with the reason) is in the person view."""
    from app.ui.p4mi.search import PersonSearchView

    rows = sql(hub, "SELECT e.resident_id, f.code, f.severity, f.accepted, f.accepted_reason "
                    "FROM episode_flag f JOIN episode e ON e.id = f.episode_id "
                    "WHERE f.deleted = 0 AND f.cleared = 0 ORDER BY f.accepted DESC, f.id")
    assert rows and rows[0][3], "the demo village stores an accepted red flag"
    rid = rows[0][0]
    mine = [r for r in rows if r[0] == rid]
    ctx = make_context(hub)
    view = PersonSearchView(ctx)
    qtbot.addWidget(view)
    view.apply_filter(resident_id=rid)
    qtbot.waitUntil(lambda: view.person is not None and view.person.id == rid, timeout=3000)
    text = view.detail.toPlainText()
    assert f"({len(mine)})" in text
    for _rid, code, _severity, accepted, reason in mine:
        assert f"[{code}]" in text
        if accepted:
            assert reason and reason in text
    assert ("accepted by" in text) or ("diterima oleh" in text)
    severities = {"tinggi": ("high", "tinggi"), "sedang": ("medium", "sedang"),
                  "rendah": ("low", "rendah")}
    assert any(w in text for w in severities[mine[0][2]])


def test_case_desk_reads_the_place_lists_off_the_gui_thread(qtbot: Any, hub: Any,
                                                             monkeypatch: Any) -> None:
    """The kecamatan and village filters are read on the DB worker (the region table takes
    ~0.3 s to load); a village filter asked for before they arrive is applied when they do."""
    import threading

    from app.core import reference
    from app.ui.context import AppContext
    from app.ui.p4mi.cases import CaseDeskView
    from app.ui.tasks import TaskRunner

    gui = threading.current_thread()
    threads: list[threading.Thread] = []
    real = reference.children

    def children(code: Any = None) -> Any:
        threads.append(threading.current_thread())
        return real(code)

    monkeypatch.setattr(reference, "children", children)
    tasks = TaskRunner()
    ctx = AppContext(hub, hub.office(), operator="Operator Uji", language="id", tasks=tasks)
    try:
        view = CaseDeskView(ctx)
        qtbot.addWidget(view)
        view.apply_filter(village=B, status="all")  # before the places arrived
        qtbot.waitUntil(lambda: view.places is not None and not tasks.busy, timeout=60000)
        qtbot.waitUntil(lambda: view.village.currentData() == B, timeout=60000)
        assert threads and gui not in threads
        assert view.district.count() == len(real(hub.office().code)) + 1
        assert view.district.currentData() == "18.07.01"
        qtbot.waitUntil(lambda: bool(not tasks.busy and view.rows and all(
            r.village_code == B for r in view.rows)), timeout=60000)  # a bool, not the list
        assert {r.village_code for r in view.rows} == {B}
    finally:
        tasks.shutdown()


def test_search_count_said_as_more_than_when_the_count_stopped(qtbot: Any, hub: Any,
                                                               usb: dict[str, Any]) -> None:
    """A PostgreSQL hub counts matches up to COUNT_CAP: the label says "more than"."""
    from app.core.desk.search import SearchResult
    from app.ui.p4mi.search import PersonSearchView

    view = PersonSearchView(make_context(hub))
    qtbot.addWidget(view)
    found = view.searcher.search("kembar")
    assert found.hits
    view._pending = "kembar"  # as if typed
    view._searched(SearchResult("kembar", 1000, found.hits, more=True))
    assert view.count_label.text().startswith("Lebih dari 1.000 ditemukan")
    view._searched(SearchResult("kembar", 1000, found.hits))
    assert view.count_label.text().startswith("1.000 ditemukan")


def test_search_refresh_updates_the_index_off_the_gui_thread(qtbot: Any, hub: Any,
                                                             monkeypatch: Any) -> None:
    """After a write or an import (``refresh``) the search index is brought up to date on the
    DB worker from the old one (only the written residents read again), not thrown away and
    read again in full by the next search (issue 15 item 4): ``refresh`` returns before the
    update runs, the update runs on the worker, and the new name is found."""
    import threading

    from sqlalchemy import select

    from app.core.models import Resident
    from app.core.repo.residents import ResidentIndex
    from app.ui.context import AppContext
    from app.ui.p4mi.search import PersonSearchView
    from app.ui.tasks import TaskRunner

    tasks = TaskRunner()
    ctx = AppContext(hub, hub.office(), operator="Operator Uji", language="id", tasks=tasks)
    try:
        view = PersonSearchView(ctx)
        qtbot.addWidget(view)
        view.show()
        qtbot.waitUntil(lambda: not tasks.busy, timeout=60000)
        old = view.searcher.index
        assert old._names is not None  # warmed on the worker when the view opened
        with ctx.db.session() as s:
            victim = s.scalars(select(Resident.id).where(Resident.deleted.is_(False))
                               .order_by(Resident.name).limit(1)).one()
        with ctx.write() as s:
            s.get(Resident, victim).name = "Zz-Nama Baru"
        threads: list[threading.Thread] = []
        real = ResidentIndex.updated

        gate = threading.Event()  # holds the worker until the GUI side was looked at

        def updated(self: ResidentIndex) -> ResidentIndex:
            threads.append(threading.current_thread())
            if threading.current_thread() is not threading.main_thread():
                gate.wait(10)
            return real(self)

        monkeypatch.setattr(ResidentIndex, "updated", updated)
        view.search.setText("zz-nama")
        view.refresh()
        # refresh returned before the index was brought up to date, not on the GUI thread
        assert threading.main_thread() not in threads and view.searcher.index is old
        gate.set()
        qtbot.waitUntil(lambda: not tasks.busy and view.model.rowCount() == 1, timeout=60000)
        assert threads and threading.main_thread() not in threads
        index = view.searcher.index
        assert index is not old and index.incremental  # not read again in full
        assert view.model.row_values(0)[0] == "Zz-Nama Baru"
    finally:
        tasks.shutdown()
