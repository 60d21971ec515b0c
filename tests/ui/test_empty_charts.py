"""A chart with nothing to draw says so ("Belum ada data"), on the village and on a new hub."""

from __future__ import annotations

from typing import Any

from tests.ui.conftest import make_context


def test_empty_regency_dashboard_charts_say_no_data(qtbot: Any, tmp_path) -> None:
    from app.core.paths import DataDir
    from app.core.workspace import MODE_P4MI, initialise_office, open_workspace
    from app.ui.p4mi.dashboard import RegencyDashboardView
    from app.ui.widgets.charts import _Chart

    ws = open_workspace(DataDir(tmp_path / "p4mi"))
    try:
        initialise_office(ws, mode=MODE_P4MI, code="18.07", name="Kabupaten Lampung Timur",
                          operator="Petugas")
        view = RegencyDashboardView(make_context(ws))
        qtbot.addWidget(view)
        view.resize(1200, 700)
        view.show()
        charts = view.findChildren(_Chart)
        assert charts
        for chart in charts:
            assert chart.shown_empty_text() == "Belum ada data"
            image = chart.grab().toImage()
            # something was drawn in the middle: the chart is not a blank box
            colours = {image.pixel(x, image.height() // 2) for x in range(image.width())}
            assert len(colours) > 1, f"{chart.objectName()} is blank"
    finally:
        ws.close()
