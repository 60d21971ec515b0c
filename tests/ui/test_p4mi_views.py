"""P4MI views on a hub that imported two villages: villages overview (and Ganti kunci desa),
same-NIK list, regency dashboard against SQL counts, Excel recap."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from tests.ui.conftest import make_context
from tests.ui.p4mi_support import (
    VILLAGE_A,
    VILLAGE_B,
    Bundles,
    count,
    import_all,
    make_bundles,
    make_hub,
)

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture(scope="module")
def bundles(tmp_path_factory: pytest.TempPathFactory) -> Bundles:
    return make_bundles(tmp_path_factory.mktemp("p4mi-views"))


@pytest.fixture
def hub(tmp_path: Path, bundles: Bundles) -> Any:
    ws = make_hub(tmp_path / "p4mi")
    import_all(ws, bundles)
    yield ws
    ws.close()


def test_villages_overview_and_replace_key(qtbot: Any, hub: Any, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch,
                                           qtmodeltester: Any) -> None:
    from app.core.reference import villages_of_regency
    from app.ui.p4mi import common
    from app.ui.p4mi.villages import VillagesView
    from sync.keys import KeyPair, PublicKeyInfo

    view = VillagesView(make_context(hub))
    qtbot.addWidget(view)
    assert view.model.rowCount() == len(villages_of_regency("18.07")) > 200
    qtmodeltester.check(view.model)
    row = view.model.row_values(view.model.row_of(VILLAGE_A))
    assert row[4] == "1" and row[5] == "" and row[10] == "0" and row[11] == "1"
    assert row[6] == str(count(hub, "SELECT count(*) FROM resident WHERE owner_office = ? "
                                    "AND deleted = 0", VILLAGE_A))
    assert row[8] == str(count(hub, "SELECT count(*) FROM resident WHERE owner_office = ? "
                                    "AND deleted = 0 AND migrant_status = 'pmi'", VILLAGE_A))
    view.apply_filter(show="sent")
    assert [view.model.key(r) for r in range(view.model.rowCount())] == [VILLAGE_A, VILLAGE_B]
    view.apply_filter(show="all", text="18.07.01.2002")
    assert view.model.rowCount() == 1

    view.apply_filter(village=VILLAGE_B)
    assert view.history_model.rowCount() == 1
    qtmodeltester.check(view.history_model)
    new = PublicKeyInfo(KeyPair.generate().public, VILLAGE_B, "desa")
    key_file = tmp_path / "tanda-tangan.pub"
    key_file.write_text(new.to_json(), encoding="utf-8")
    asked: list[str] = []
    monkeypatch.setattr(common, "ask_file", lambda *a, **k: key_file)
    monkeypatch.setattr(common, "ask_text", lambda *a, **k: "laptop baru")
    monkeypatch.setattr(common, "confirm", lambda _p, _t, text, *_a: asked.append(text) or True)
    qtbot.mouseClick(view.replace_key_button, LEFT)
    assert new.fingerprint in asked[0]
    assert view.notice.kind == "ok", view.notice.text()
    assert count(hub, "SELECT count(*) FROM sync_village_key WHERE village_code = ? AND active = 1 "
                      "AND fingerprint = ?", VILLAGE_B, new.fingerprint) == 1
    assert count(hub, "SELECT count(*) FROM sync_village_key WHERE village_code = ? AND active = 0",
                 VILLAGE_B) == 1
    assert count(hub, "SELECT count(*) FROM audit_log WHERE action = 'replace_key' AND "
                      "entity_id = ? AND changes LIKE '%laptop baru%'", VILLAGE_B) == 1
    assert new.fingerprint in view.key_label.text()


def test_replace_key_needs_confirmation(qtbot: Any, hub: Any, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from app.ui.p4mi import common
    from app.ui.p4mi.villages import VillagesView
    from sync.keys import KeyPair, PublicKeyInfo

    view = VillagesView(make_context(hub))
    qtbot.addWidget(view)
    view.apply_filter(village=VILLAGE_A)
    key_file = tmp_path / "k.pub"
    key_file.write_text(PublicKeyInfo(KeyPair.generate().public, VILLAGE_A, "desa").to_json(),
                        encoding="utf-8")
    monkeypatch.setattr(common, "ask_file", lambda *a, **k: key_file)
    monkeypatch.setattr(common, "ask_text", lambda *a, **k: "laptop baru")
    monkeypatch.setattr(common, "confirm", lambda *a, **k: False)
    qtbot.mouseClick(view.replace_key_button, LEFT)
    assert count(hub, "SELECT count(*) FROM sync_village_key WHERE village_code = ?",
                 VILLAGE_A) == 1
    assert count(hub, "SELECT count(*) FROM audit_log WHERE action = 'replace_key'") == 0


def test_same_nik_list_shows_both_villages_and_marks_checked(qtbot: Any, hub: Any,
                                                              bundles: Bundles,
                                                              qtmodeltester: Any) -> None:
    from app.ui.p4mi.nik import NikView

    view = NikView(make_context(hub))
    qtbot.addWidget(view)
    assert view.model.rowCount() == 1
    qtmodeltester.check(view.model)
    row = view.model.row_values(0)
    assert row[0] == bundles.shared_nik
    assert VILLAGE_A in row[1] and VILLAGE_B in row[4] and row[5] == "Orang Lain"
    assert row[8] == "perlu diperiksa"
    view.table.selectRow(0)
    qtbot.mouseClick(view.checked_button, LEFT)
    assert view.model.row_values(0)[8] == "sudah diperiksa"
    assert count(hub, "SELECT count(*) FROM sync_nik_flag WHERE status = 'diperiksa'") == 1
    assert count(hub, "SELECT count(*) FROM resident WHERE nik = ?", bundles.shared_nik) == 2
    assert count(hub, "SELECT count(*) FROM audit_log WHERE action = 'nik_checked'") == 1
    view.apply_filter(village="18.07.01.2003")
    assert view.model.rowCount() == 0


def test_regency_dashboard_matches_sql(qtbot: Any, hub: Any, qtmodeltester: Any) -> None:
    from app.ui.p4mi.dashboard import RegencyDashboardView

    view = RegencyDashboardView(make_context(hub))
    qtbot.addWidget(view)
    d = view.data
    live = "FROM resident WHERE deleted = 0"
    for status in ("calon_pmi", "pmi", "purna_pmi"):
        expected = count(hub, f"SELECT count(*) {live} AND migrant_status = ?", status)
        assert d.status[status] == expected
        assert view.tiles[status].number.text() == str(expected)
    assert view.tiles["residents"].number.text() == str(count(hub, f"SELECT count(*) {live}"))
    assert view.tiles["villages"].number.text() == "2"
    assert view.tiles["nik"].number.text() == "1"
    abroad = ("FROM episode e JOIN resident r ON r.id = e.resident_id WHERE e.deleted = 0 AND "
              "r.deleted = 0 AND e.state = 'berangkat'")
    for proc in ("prosedural", "diduga_nonprosedural"):
        assert d.procedure[proc] == count(hub, f"SELECT count(*) {abroad} AND e.procedure = ?",
                                          proc)
    shown = {i.key: i.value for i in view.countries_chart.shown_items()}
    for code, n in shown.items():
        assert n == count(hub, f"SELECT count(*) {abroad} AND e.destination_country = ?", code)
    departed = count(hub, "SELECT count(*) FROM episode e JOIN resident r ON r.id = e.resident_id "
                          "WHERE e.deleted = 0 AND r.deleted = 0 AND e.departed_on >= ?",
                     f"{d.months[0].year:04d}-{d.months[0].month:02d}-01")
    assert sum(m.departures for m in d.months) == departed
    qtmodeltester.check(view.village_model)
    assert view.village_model.rowCount() == 2
    for r in range(2):
        code = view.village_model.key(r)
        assert view.village_model.row_values(r)[3] == str(count(
            hub, f"SELECT count(*) {live} AND owner_office = ? AND migrant_status = 'pmi'", code))
    seen: list[tuple[str, dict]] = []
    view.ctx.show_view_requested.connect(lambda k, f: seen.append((k, f)))
    view._open_village(view.village_model.index(0, 0))
    assert seen == [("desa", {"village": view.village_model.key(0)})]


def test_recap_button_writes_a_workbook_that_opens(qtbot: Any, hub: Any, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch,
                                                   qtmodeltester: Any) -> None:
    from openpyxl import load_workbook

    from app.ui.p4mi import common
    from app.ui.p4mi.recap import RecapView

    view = RecapView(make_context(hub))
    qtbot.addWidget(view)
    assert view.model.rowCount() == 2
    qtmodeltester.check(view.model)
    target = tmp_path / "rekap"
    proposed: list[str] = []
    monkeypatch.setattr(common, "ask_save_file",
                        lambda _p, _t, suggested, _f: proposed.append(suggested) or target)
    qtbot.mouseClick(view.recap_button, LEFT)
    # the data folder's keluar/ is proposed (issue 14), not the program's working folder
    assert Path(proposed[0]).parent == hub.data_dir.outbox
    assert Path(proposed[0]).name.endswith(".xlsx")
    assert view.notice.kind == "ok", view.notice.text()
    path = tmp_path / "rekap.xlsx"
    wb = load_workbook(path)
    assert wb.sheetnames == ["Rekap per Desa", "Calon PMI", "PMI", "Purna PMI"]
    pmi = list(wb["PMI"].iter_rows(min_row=2))
    assert len(pmi) == count(hub, "SELECT count(*) FROM resident WHERE deleted = 0 AND "
                                  "migrant_status = 'pmi'") > 0
    assert pmi[0][0].data_type == "s" and len(pmi[0][0].value) == 16
    out = tmp_path / "tt"
    out.mkdir()
    monkeypatch.setattr(common, "ask_folder", lambda *a, **k: out)
    qtbot.mouseClick(view.receipts_button, LEFT)
    files = sorted(out.glob("*.bmdt"))
    assert len(files) == 2
    content = json.loads(json.loads(files[0].read_text(encoding="utf-8"))["content"])
    assert content["village_code"] == VILLAGE_A


def test_villages_refresh_reads_the_shown_history_off_the_gui_thread(
        qtbot: Any, hub: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """After an import (``refresh``) the overview and the import history of the village on
    screen are read on the DB worker; the GUI thread only shows them (issue 15 item 4)."""
    import threading

    from app.core.repo import p4mi as repo
    from app.ui.context import AppContext
    from app.ui.p4mi.villages import VillagesView
    from app.ui.tasks import TaskRunner

    tasks = TaskRunner()
    ctx = AppContext(hub, hub.office(), operator="Operator Uji", language="id", tasks=tasks)
    try:
        view = VillagesView(ctx)
        qtbot.addWidget(view)
        qtbot.waitUntil(lambda: view.model.rowCount() > 200 and not tasks.busy, timeout=60000)
        view.select_village(VILLAGE_A)
        qtbot.waitUntil(lambda: view.history_model.rowCount() == 1, timeout=10000)
        threads: list[threading.Thread] = []
        real = repo.import_history

        def history(s, code):  # noqa: ANN001, ANN202
            threads.append(threading.current_thread())
            return real(s, code)

        monkeypatch.setattr(repo, "import_history", history)
        view.history_model.set_rows([], [])
        view.refresh()
        qtbot.waitUntil(lambda: not tasks.busy and view.history_model.rowCount() == 1,
                        timeout=60000)
    finally:
        tasks.shutdown()
    assert threads and threading.main_thread() not in threads
    assert view.current_code() == VILLAGE_A


def test_choosing_a_village_reads_its_history_off_the_gui_thread(
        qtbot: Any, hub: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Choosing another village shows its import history read on the DB worker: the choice
    returns before the read, the table fills when it arrives; a village read once is shown
    again from memory until the next refresh (issue 15 item 4)."""
    import threading

    from app.core.repo import p4mi as repo
    from app.ui.context import AppContext
    from app.ui.p4mi.villages import VillagesView
    from app.ui.tasks import TaskRunner

    tasks = TaskRunner()
    ctx = AppContext(hub, hub.office(), operator="Operator Uji", language="id", tasks=tasks)
    threads: list[threading.Thread] = []
    real = repo.import_history
    gate = threading.Event()  # holds the worker's read until the GUI side was looked at

    def history(s, code):  # noqa: ANN001, ANN202
        threads.append(threading.current_thread())
        if threading.current_thread() is not threading.main_thread():
            gate.wait(10)
        return real(s, code)

    monkeypatch.setattr(repo, "import_history", history)
    try:
        view = VillagesView(ctx)
        qtbot.addWidget(view)
        qtbot.waitUntil(lambda: view.model.rowCount() > 200 and not tasks.busy, timeout=60000)
        assert threads == []  # no village on screen yet
        view.select_village(VILLAGE_A)
        # the choice returned before the history was read, and not on the GUI thread
        assert threading.main_thread() not in threads and view.history_model.rowCount() == 0
        gate.set()
        assert view.detail_title.text().endswith(f"({VILLAGE_A})")
        qtbot.waitUntil(lambda: not tasks.busy and view.history_model.rowCount() == 1,
                        timeout=10000)
        view.select_village(VILLAGE_B)
        view.select_village(VILLAGE_A)  # back at once: A from memory, B arrives unseen
        assert view.history_model.rowCount() == 1
        qtbot.waitUntil(lambda: not tasks.busy, timeout=10000)
        assert view.current_code() == VILLAGE_A and view.history_model.rowCount() == 1
        assert view.history_model.row_values(0)[0] == "1"
        assert len(threads) == 2 and threading.main_thread() not in threads
    finally:
        tasks.shutdown()


def test_villages_table_asks_the_language_once_per_fill(qtbot: Any, hub: Any,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Filling the 264 villages' table after a refresh formats four numbers per row in the
    GUI's language: the language is asked once per fill, not per number (a Qt property read
    and an import per number held the GUI thread ~20 ms at every refresh), and villages
    without missing numbers need no range formatting."""
    import sync.importer
    from app.ui.p4mi import common, villages
    from app.ui.p4mi.villages import VillagesView

    view = VillagesView(make_context(hub, language="en"))
    qtbot.addWidget(view)
    assert view.model.rowCount() > 200
    asked: list[str] = []
    formatted: list[object] = []
    real_lang, real_ranges = villages.current_language, sync.importer.format_ranges

    def language() -> str:
        asked.append("x")
        return real_lang()

    def ranges(numbers, dash="-"):  # noqa: ANN001, ANN202
        formatted.append(numbers)
        return real_ranges(numbers, dash)

    monkeypatch.setattr(villages, "current_language", language)
    monkeypatch.setattr(common, "current_language", language)
    monkeypatch.setattr(sync.importer, "format_ranges", ranges)
    view._fill()
    assert len(asked) == 1
    assert all(formatted) and len(formatted) == sum(1 for r in view.rows if r.gaps)
    row = view.model.row_of(VILLAGE_A)
    assert view.model.row_values(row)[6] == common.number(
        next(r.residents for r in view.rows if r.code == VILLAGE_A), "en")
