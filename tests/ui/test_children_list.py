"""The children of migrants on the Beranda (issue 9, point 4): every number equals an
independent SQL count on the demo village, children without carer are flagged, first and
counted on a tile, the list is keyboard usable and saved as an Excel workbook."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from tests.ui.conftest import make_context

MIGRANT = "('calon_pmi', 'pmi')"
UNDER_18 = "({b} IS NULL OR date({b}, '+18 years') > :today)"
CARD_CHILDREN = f"""
SELECT c.id, p.id, c.shdk FROM resident c
JOIN resident p ON p.no_kk = c.no_kk AND p.id != c.id AND p.deleted = 0
     AND p.migrant_status IN {MIGRANT}
WHERE c.deleted = 0 AND c.life_status = 'hidup' AND c.migrant_status NOT IN {MIGRANT}
  AND ((c.shdk = 'anak' AND p.shdk IN ('kepala_keluarga', 'istri', 'suami'))
    OR (c.shdk = 'cucu' AND p.shdk IN ('anak', 'menantu')))
  AND {UNDER_18.format(b="c.birth_date")}"""
LINK_CHILDREN = f"""
SELECT coalesce(l.member_id, 'link:' || l.id), p.id FROM family_link l
JOIN resident p ON p.id = l.resident_id AND p.deleted = 0 AND p.migrant_status IN {MIGRANT}
LEFT JOIN resident m ON m.id = l.member_id
WHERE l.deleted = 0 AND l.relation IN ('anak', 'cucu')
  AND (l.member_id IS NULL OR (m.deleted = 0 AND m.life_status = 'hidup'
       AND m.migrant_status NOT IN {MIGRANT}))
  AND {UNDER_18.format(b="coalesce(m.birth_date, l.member_birth_date)")}"""
HOME_PARENT = f"""
SELECT count(*) FROM resident h JOIN resident c ON c.id = :child
WHERE h.no_kk = c.no_kk AND h.deleted = 0 AND h.life_status = 'hidup'
  AND h.migrant_status NOT IN {MIGRANT}
  AND h.shdk IN (CASE c.shdk WHEN 'anak' THEN 'kepala_keluarga' ELSE 'anak' END,
                 CASE c.shdk WHEN 'anak' THEN 'istri' ELSE 'menantu' END,
                 CASE c.shdk WHEN 'anak' THEN 'suami' ELSE 'menantu' END)"""


def sql_children(path, today: date) -> tuple[int, int]:
    """``(children, without carer)`` straight from SQL."""
    con = sqlite3.connect(path)
    try:
        params = {"today": today.isoformat()}
        parents: dict[str, set[str]] = {}
        on_card: set[str] = set()
        for child, parent, _shdk in con.execute(CARD_CHILDREN, params):
            parents.setdefault(child, set()).add(parent)
            on_card.add(child)
        for child, parent in con.execute(LINK_CHILDREN, params):
            parents.setdefault(child, set()).add(parent)
        carers = {r[0] for r in con.execute(
            "SELECT resident_id FROM family_link WHERE deleted = 0 AND is_carer = 1")}
        without = 0
        for child, ps in parents.items():
            if ps & carers:
                continue
            if child in on_card and con.execute(HOME_PARENT, {"child": child}).fetchone()[0]:
                continue
            without += 1
        return len(parents), without
    finally:
        con.close()


@pytest.fixture
def view(qtbot, demo_village):
    from app.ui.views.dashboard import DashboardView

    v = DashboardView(make_context(demo_village))
    qtbot.addWidget(v)
    v.resize(1366, 700)
    v.show()
    qtbot.waitExposed(v)
    return v


def test_children_numbers_match_sql(view, demo_village) -> None:
    total, without = sql_children(demo_village.db.path, date.today())
    assert total > 0 and 0 < without < total  # the demo village shows both kinds
    assert int(view.tiles["no_carer"].value_text()) == without
    assert view.children_model.rowCount() == total == len(view.data.children)
    tab = view.tabs.tabText(view.list_pages["children"])
    assert f"({total}, {without} " in tab
    flagged = [r for r in range(total) if view.children_model.is_flagged(r)]
    assert flagged == list(range(without))  # those without carer come first
    for r in range(total):
        carer = view.children_model.row_values(r)[5]
        assert (carer == "TANPA PENGASUH") == (r in flagged)
    bold = view.children_model.data(view.children_model.index(0, 0), Qt.ItemDataRole.FontRole)
    assert bold is not None and bold.bold()


def test_tile_opens_the_list_and_enter_opens_the_person(qtbot, view) -> None:
    view.tiles["no_carer"].setFocus()
    qtbot.keyClick(view.tiles["no_carer"], Qt.Key.Key_Return)
    assert view.tabs.currentIndex() == view.list_pages["children"]
    table = view.children_table
    assert table.hasFocus() and table.selectionModel().selectedRows()[0].row() == 0
    child = view.data.children[0]
    with qtbot.waitSignal(view.ctx.open_resident_requested) as blocker:
        qtbot.keyClick(table, Qt.Key.Key_Return)
    assert blocker.args == [child.open_key]


def test_excel_list_holds_the_same_rows(view, demo_village, monkeypatch, tmp_path) -> None:
    out = tmp_path / "anak"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    view.save_children_list()
    book = load_workbook(out.with_suffix(".xlsx"))
    rows = [[c.value for c in row] for row in book.active.iter_rows()]
    total, without = sql_children(demo_village.db.path, date.today())
    assert rows[0][0].startswith("Daftar anak pekerja migran, Desa Sukadana")
    assert rows[1][0] == f"{total} anak, {without} tanpa pengasuh"
    header = rows.index(["No", "Nama anak", "Tanggal lahir", "Umur", "Pendidikan",
                         "Orang tua (C)PMI", "Di mana", "Pengasuh", "Tanda"])
    body = rows[header + 1:]
    assert len(body) == total
    assert sum(1 for r in body if r[8] == "TANPA PENGASUH") == without
    assert [r[1] for r in body] == [c.name for c in view.data.children]
    assert all(r[6].startswith(("PMI", "CPMI")) for r in body)


def test_english_labels(qtbot, demo_village) -> None:
    from app.ui.i18n import set_language
    from app.ui.views.dashboard import DashboardView

    set_language("en")
    try:
        v = DashboardView(make_context(demo_village, "en"))
        qtbot.addWidget(v)
        _english(v)
    finally:
        set_language("id")


def _english(v) -> None:
    tab = v.tabs.tabText(v.list_pages["children"])
    assert tab.startswith("Children of migrants (")
    flagged = [v.children_model.row_values(r)[5] for r in range(v.children_model.rowCount())
               if v.children_model.is_flagged(r)]
    assert flagged and set(flagged) == {"NO CARER"}
