"""Beranda: every number on the screen equals an independent SQL count on demo data, and
every number leads to its list."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import Qt

from tests.demo_data import make_demo_village
from tests.ui.gui_b_support import make_ctx


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    ws = make_demo_village(tmp_path_factory.mktemp("ui-dash") / "desa", residents=2000,
                           seed=3, today=date.today())
    yield ws
    ws.close()


@pytest.fixture
def view(qtbot, demo):
    from app.ui.views.dashboard import DashboardView

    ctx = make_ctx(demo)
    v = DashboardView(ctx)
    qtbot.addWidget(v)
    v.resize(1196, 700)
    v.show()
    qtbot.waitExposed(v)
    return v


@pytest.fixture(scope="module")
def sql(demo) -> Iterator[sqlite3.Connection]:
    con = sqlite3.connect(demo.db.path)
    yield con
    con.close()


def count(con: sqlite3.Connection, query: str, *params: object) -> int:
    return int(con.execute(query, params).fetchone()[0])


ABROAD = ("FROM episode e JOIN resident r ON r.id = e.resident_id WHERE e.deleted = 0 "
          "AND r.deleted = 0 AND e.state = 'berangkat'")


def number(text: str) -> int:
    return int(text.replace(".", ""))


def test_every_number_matches_sql(view, sql) -> None:
    today = date.today().isoformat()
    tiles = {k: number(t.value_text()) for k, t in view.tiles.items()}
    assert tiles["residents"] == count(sql, "SELECT count(*) FROM resident WHERE deleted = 0")
    for status in ("calon_pmi", "purna_pmi"):
        assert tiles[status] == count(
            sql, "SELECT count(*) FROM resident WHERE deleted = 0 AND migrant_status = ?",
            status), status
    # the PMI tile counts the PMI abroad now, the same people as the charts (not on leave)
    assert tiles["pmi"] == count(sql, "SELECT count(*) " + ABROAD)
    assert tiles["prevented"] == count(
        sql, "SELECT count(*) FROM episode e JOIN resident r ON r.id = e.resident_id "
             "WHERE e.deleted = 0 AND r.deleted = 0 AND e.state = 'dicegah'") > 0
    assert tiles["flagged"] == count(
        sql, "SELECT count(*) FROM episode e JOIN resident r ON r.id = e.resident_id "
             "WHERE e.deleted = 0 AND r.deleted = 0 AND e.state IN ('terdaftar', "
             "'terverifikasi', 'dalam_proses', 'berangkat', 'cuti') AND EXISTS (SELECT 1 FROM "
             "episode_flag f WHERE f.episode_id = e.id AND f.cleared = 0 AND f.deleted = 0)") > 0
    assert tiles["overdue"] == count(sql, "SELECT count(*) " + ABROAD
                                     + " AND e.expected_return < ?", today)
    assert tiles["open_cases"] == count(
        sql, "SELECT count(*) FROM case_file c JOIN resident r ON r.id = c.resident_id "
             "WHERE c.deleted = 0 AND r.deleted = 0 AND c.status IN ('baru', 'diproses')")
    cutoff = sql.execute("SELECT date(?, '-3 months')", (today,)).fetchone()[0]
    no_news = count(
        sql, "SELECT count(*) " + ABROAD + " AND max(coalesce((SELECT max(c.contacted_on) "
             "FROM contact_log c WHERE c.resident_id = e.resident_id AND c.deleted = 0), ''), "
             "coalesce(e.departed_on, '')) < ?", cutoff)
    if date.today().day <= 28:  # SQLite and calendar month arithmetic agree on these days
        assert tiles["no_news"] == no_news
    assert all(v > 0 for v in tiles.values()), tiles

    # the lists behind three of the tiles have as many rows as the tile says
    assert view.overdue_model.rowCount() == tiles["overdue"]
    assert view.no_news_model.rowCount() == tiles["no_news"]
    assert view.cases_model.rowCount() == tiles["open_cases"]
    assert view.tabs.tabText(0).endswith(f"({tiles['overdue']})")

    # bar chart per month: departures and returns
    chart = view.months_chart
    assert len(chart.keys) == 12 and chart.keys[-1] == date.today().strftime("%Y-%m")
    departures, returns = chart.series
    for i, key in enumerate(chart.keys):
        assert departures.values[i] == count(
            sql, "SELECT count(*) FROM episode e JOIN resident r ON r.id = e.resident_id "
                 "WHERE e.deleted = 0 AND r.deleted = 0 AND substr(e.departed_on, 1, 7) = ?",
            key), key
        assert returns.values[i] == count(
            sql, "SELECT count(*) FROM episode e JOIN resident r ON r.id = e.resident_id "
                 "WHERE e.deleted = 0 AND r.deleted = 0 AND substr(e.returned_on, 1, 7) = ?",
            key), key
    assert sum(departures.values) > 0

    # countries of the PMI abroad now
    expected = dict(sql.execute("SELECT e.destination_country, count(*) " + ABROAD
                                + " GROUP BY 1").fetchall())
    shown = {item.key: item.value for item in view.countries_chart.items}
    assert shown == expected
    assert view.countries_chart.items[0].label == "Malaysia" or shown

    # procedural split
    split = {item.key: item.value for item in view.procedure_bar.items}
    for proc in ("prosedural", "diduga_nonprosedural", "belum_diketahui"):
        assert split[proc] == count(sql, "SELECT count(*) " + ABROAD + " AND e.procedure = ?",
                                    proc), proc
    assert sum(split.values()) == count(sql, "SELECT count(*) " + ABROAD)


def test_models_pass_the_model_tester(view, qtmodeltester) -> None:
    for model in (view.overdue_model, view.no_news_model, view.cases_model):
        qtmodeltester.check(model)


def test_numbers_lead_to_their_lists(view, qtbot) -> None:
    requests: list[tuple[str, dict]] = []
    view.ctx.show_view_requested.connect(lambda name, f: requests.append((name, f)))
    qtbot.mouseClick(view.tiles["pmi"], Qt.MouseButton.LeftButton)
    assert requests[-1] == ("migrasi", {"state": "berangkat"})
    view.tiles["calon_pmi"].setFocus()
    qtbot.keyClick(view.tiles["calon_pmi"], Qt.Key.Key_Return)
    assert requests[-1] == ("penduduk", {"status": "calon_pmi"})
    qtbot.mouseClick(view.tiles["open_cases"], Qt.MouseButton.LeftButton)
    assert requests[-1] == ("kasus", {"status": "open"})

    # a tile whose list lives on this page opens that tab and selects its first row
    qtbot.mouseClick(view.tiles["no_news"], Qt.MouseButton.LeftButton)
    assert view.tabs.currentIndex() == 1
    assert view.selected_resident() == view.no_news_model.key(0)
    opened: list[str] = []
    view.ctx.open_resident_requested.connect(opened.append)
    qtbot.mouseClick(view.open_button, Qt.MouseButton.LeftButton)
    assert opened == [view.no_news_model.key(0)]

    # a country bar and a part of the procedural bar
    view.countries_chart.repaint()
    rect, key, tip = view.countries_chart.boxes()[0]
    qtbot.mouseClick(view.countries_chart, Qt.MouseButton.LeftButton,
                     pos=rect.center().toPoint())
    assert requests[-1] == ("penduduk", {"status": "pmi", "country": key})
    assert tip.endswith(str(view.countries_chart.items[0].value))
    view.procedure_bar.repaint()
    rect, key, _tip = view.procedure_bar.boxes()[-1]
    qtbot.mouseClick(view.procedure_bar, Qt.MouseButton.LeftButton,
                     pos=rect.center().toPoint())
    assert requests[-1] == ("migrasi", {"state": "berangkat", "procedure": key})
    # keyboard on a chart: arrows move, Enter opens
    view.months_chart.repaint()
    view.months_chart.setFocus()
    qtbot.keyClick(view.months_chart, Qt.Key.Key_Left)
    qtbot.keyClick(view.months_chart, Qt.Key.Key_Return)
    # from no bar chosen, Left goes to the last bar: the returns of this month
    assert requests[-1] == ("migrasi", {"returned_month": view.months_chart.keys[-1]})
    rect, key, tip = view.months_chart.boxes()[-2]  # departures of this month, clicked
    qtbot.mouseClick(view.months_chart, Qt.MouseButton.LeftButton,
                     pos=rect.center().toPoint())
    assert requests[-1] == ("migrasi", {"departed_month": view.months_chart.keys[-1]})
    assert tip.endswith(str(view.months_chart.series[0].values[-1]))


def test_refresh_after_a_change(view, demo) -> None:
    from app.core.models import Resident
    from app.core.services.cases import CaseInput, open_case

    before = number(view.tiles["open_cases"].value_text())
    with demo.db.session() as s:
        rid = s.query(Resident.id).filter(Resident.migrant_status == "pmi",
                                          Resident.deleted.is_(False)).first()[0]
    with view.ctx.write() as s:
        case = open_case(s, rid, CaseInput(case_type="hilang_kontak",
                                           reported_on=date.today()))
        case_id = case.id
    view.refresh()
    assert number(view.tiles["open_cases"].value_text()) == before + 1
    assert view.cases_model.rowCount() == before + 1
    row = next(i for i in range(view.cases_model.rowCount())
               if view.cases_model.row_values(i)[0] == date.today().strftime("%d/%m/%Y"))
    assert view.cases_model.row_values(row)[2] == "Rahasia"  # sensitive by default
    with view.ctx.write() as s:
        from app.core.services.cases import close_case

        close_case(s, case_id, date.today(), "selesai")
    view.refresh()
    assert number(view.tiles["open_cases"].value_text()) == before


def test_empty_village_shows_zeros(qtbot, village) -> None:
    from app.ui.views.dashboard import DashboardView

    v = DashboardView(make_ctx(village))
    qtbot.addWidget(v)
    v.show()
    assert {t.value_text() for t in v.tiles.values()} == {"0"}
    assert v.countries_chart.items == [] and v.overdue_model.rowCount() == 0
    v.grab()  # paints the "no data" state without error


def test_click_through_in_the_main_window(qtbot, demo) -> None:
    """The tiles lead to the other views' lists, filtered, with the same count."""
    from app.ui.main_window import MainWindow

    window = MainWindow(make_ctx(demo))
    qtbot.addWidget(window)
    window.show()
    dash = window.show_view("beranda")
    for key in ("calon_pmi", "purna_pmi"):
        window.show_view("beranda")
        qtbot.mouseClick(dash.tiles[key], Qt.MouseButton.LeftButton)
        assert window.current_key() == "penduduk"
        residents = window.view("penduduk")
        assert residents.status.currentData() == key
        assert residents.model.rowCount() == number(dash.tiles[key].value_text()), key
    for key, filters in (("pmi", {"state": "berangkat"}), ("prevented", {"state": "dicegah"}),
                         ("flagged", {"state": "open", "flags": "ada"})):
        window.show_view("beranda")
        qtbot.mouseClick(dash.tiles[key], Qt.MouseButton.LeftButton)
        assert window.current_key() == "migrasi"
        migration = window.view("migrasi")
        assert migration.state.currentData() == filters["state"]
        assert (migration.flags.currentData() or "") == filters.get("flags", "")
        assert migration.model.rowCount() == number(dash.tiles[key].value_text()), key
    window.show_view("beranda")
    qtbot.mouseClick(dash.tiles["open_cases"], Qt.MouseButton.LeftButton)
    assert window.current_key() == "kasus"
    assert window.view("kasus").model.rowCount() == number(dash.tiles["open_cases"].value_text())
    window.show_view("beranda")
    dash.procedure_bar.grab()  # paint, so the bar knows where its parts are
    rect, key, _tip = dash.procedure_bar.boxes()[0]
    qtbot.mouseClick(dash.procedure_bar, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    assert window.current_key() == "migrasi"
    migration = window.view("migrasi")
    assert migration.procedure.currentData() == key
    assert migration.model.rowCount() == dash.data.procedure_counts[key]
