"""P4MI mode (regency hub): the views the main window shows when ``ctx.office.is_p4mi``.

Same view contract as :mod:`app.ui.main_window` (``View(ctx, parent)``, optional ``refresh``,
``apply_filter``, ``focus_search``, ``retranslate``). The main window uses :data:`P4MI_VIEWS`
instead of ``VIEWS`` in P4MI mode.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from app.ui.main_window import ViewSpec

P4MI_VIEWS: tuple[ViewSpec, ...] = (
    ViewSpec("beranda", "app.ui.p4mi.dashboard", "RegencyDashboardView",
             QT_TRANSLATE_NOOP("MainWindow", "Regency")),
    ViewSpec("impor", "app.ui.p4mi.importer", "ImportView",
             QT_TRANSLATE_NOOP("MainWindow", "Import bundles")),
    ViewSpec("desa", "app.ui.p4mi.villages", "VillagesView",
             QT_TRANSLATE_NOOP("MainWindow", "Villages")),
    ViewSpec("nik", "app.ui.p4mi.nik", "NikView",
             QT_TRANSLATE_NOOP("MainWindow", "Same NIK")),
    ViewSpec("rekap", "app.ui.p4mi.recap", "RecapView",
             QT_TRANSLATE_NOOP("MainWindow", "Recap and receipts")),
    ViewSpec("cari", "app.ui.p4mi.search", "PersonSearchView",
             QT_TRANSLATE_NOOP("MainWindow", "Find a person")),
    ViewSpec("kasus", "app.ui.p4mi.cases", "CaseDeskView",
             QT_TRANSLATE_NOOP("MainWindow", "Case desk")),
    ViewSpec("laporan", "app.ui.p4mi.report", "ReportView",
             QT_TRANSLATE_NOOP("MainWindow", "Reports")),
    ViewSpec("periksa", "app.ui.views.letters", "CheckLetterView",
             QT_TRANSLATE_NOOP("MainWindow", "Check letter")),
    ViewSpec("panduan", "app.ui.views.guide", "GuideView",
             QT_TRANSLATE_NOOP("MainWindow", "Guide")),
)
P4MI_VIEW_KEYS = tuple(v.key for v in P4MI_VIEWS)
