"""The main window: left navigation, one page per view, menus, language switch.

View contract (for every module in ``app/ui/views/``)
====================================================

Each entry of :data:`VIEWS` names a module and a class. The module is imported **lazily**, the
first time its page is shown (start-up stays fast; a missing module shows a plain placeholder
instead of breaking the window)::

    class DashboardView(QWidget):
        def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None: ...

        # all optional:
        def refresh(self) -> None: ...          # re-read the data (F5; after ctx.data_changed)
        def apply_filter(self, **filters) -> None: ...   # from ctx.show_view(name, **filters)
        def focus_search(self) -> None: ...     # Ctrl+F
        def retranslate(self) -> None: ...      # re-set texts; call it from changeEvent on
                                                # QEvent.LanguageChange (live language switch)

- ``ctx`` is the :class:`~app.ui.context.AppContext`: database, office, operator, language,
  task runner, and the navigation requests ``ctx.open_resident(id)`` and
  ``ctx.show_view(name, **filters)`` (click-through from a dashboard number, for example
  ``ctx.show_view("penduduk", status="pmi")`` or ``ctx.show_view("migrasi", state="berangkat",
  overdue=True)``). Filters each view understands are listed in its ``apply_filter``.
- Strings: English source text in ``self.tr("...")`` (Indonesian comes from
  ``resources/translations/app_id.ts``; run ``python tools/i18n.py update`` after adding
  strings). Core error codes: ``ctx.message(code, **params)``. Dates ``dd/MM/yyyy``.
- Long work goes through :class:`app.ui.tasks.Op` (DB worker thread, delayed progress, cancel).
- A view is created once and kept; the window calls ``refresh()`` when the page is shown
  again after ``ctx.data_changed`` fired.
"""

from __future__ import annotations

import importlib
import logging
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QSize, Qt
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.ui.context import AppContext
from app.ui.i18n import Retranslating

log = logging.getLogger(__name__)

WINDOW_SIZE = QSize(1366, 768)


@dataclass(frozen=True)
class ViewSpec:
    key: str  # the name used by ctx.show_view
    module: str
    cls: str
    title: str  # English source, translated in context "MainWindow"


VIEWS: tuple[ViewSpec, ...] = (
    ViewSpec("beranda", "app.ui.views.dashboard", "DashboardView",
             QT_TRANSLATE_NOOP("MainWindow", "Home")),
    ViewSpec("penduduk", "app.ui.views.residents", "ResidentsView",
             QT_TRANSLATE_NOOP("MainWindow", "Residents")),
    ViewSpec("migrasi", "app.ui.views.migration", "MigrationView",
             QT_TRANSLATE_NOOP("MainWindow", "Migration")),
    ViewSpec("kasus", "app.ui.views.cases", "CasesView",
             QT_TRANSLATE_NOOP("MainWindow", "Cases")),
    ViewSpec("kegiatan", "app.ui.views.activities", "ActivitiesView",
             QT_TRANSLATE_NOOP("MainWindow", "Activities")),
    ViewSpec("surat", "app.ui.views.letters", "LettersView",
             QT_TRANSLATE_NOOP("MainWindow", "Letters")),
    ViewSpec("paket", "app.ui.views.bundle", "BundleView",
             QT_TRANSLATE_NOOP("MainWindow", "P4MI bundle")),
    ViewSpec("panduan", "app.ui.views.guide", "GuideView",
             QT_TRANSLATE_NOOP("MainWindow", "Guide")),
)
VIEW_KEYS = tuple(v.key for v in VIEWS)


def views_for(ctx: AppContext) -> tuple[ViewSpec, ...]:
    """The village views, or the regency views in P4MI mode."""
    if ctx.office.is_p4mi:
        from app.ui.p4mi import P4MI_VIEWS

        return P4MI_VIEWS
    return VIEWS


class PlaceholderView(Retranslating, QWidget):
    """Shown for a view whose module is not in this build (yet)."""

    def __init__(self, text_source: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._source = text_source
        layout = QVBoxLayout(self)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setObjectName("placeholder")
        layout.addWidget(self.label)
        self.retranslate()

    def retranslate(self) -> None:
        self.label.setText(_translate(self._source))



def _translate(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("MainWindow", text)


MISSING_VIEW = QT_TRANSLATE_NOOP("MainWindow", "This part is not available in this version yet.")


class MainWindow(Retranslating, QMainWindow):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.views = views_for(ctx)
        ctx.signed_in_changed.connect(self.retranslate)
        self.view_keys = tuple(v.key for v in self.views)
        self.setObjectName("MainWindow")
        self.resize(WINDOW_SIZE)
        self.setMinimumSize(1000, 600)
        self._views: dict[str, QWidget] = {}
        self._stale: set[str] = set()

        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(170)
        self.nav.setSpacing(2)
        for spec in self.views:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            item.setSizeHint(QSize(160, 40))
            self.nav.addItem(item)
        self.stack = QStackedWidget()
        for _ in self.views:
            self.stack.addWidget(QWidget())  # replaced by the real view on first show
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.nav.currentRowChanged.connect(self._show_row)

        self._build_menus()
        from app.ui.data_menu import install_data_menu

        install_data_menu(self, ctx)
        self._add_office_extras()
        self.office_label = QLabel()
        self.statusBar().addPermanentWidget(self.office_label)
        ctx.open_resident_requested.connect(self.open_resident)
        ctx.show_view_requested.connect(self._on_show_view)
        ctx.data_changed.connect(self._on_data_changed)
        self.retranslate()

    # -- menus ---------------------------------------------------------------------------
    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.triggered.connect(self.close)
        self.file_menu.addAction(self.quit_action)

        self.go_menu = bar.addMenu("")
        self.go_actions: list[QAction] = []
        for index, spec in enumerate(self.views):
            action = QAction(self)
            action.setShortcut(QKeySequence(f"Ctrl+{index + 1}"))
            action.triggered.connect(lambda _=False, k=spec.key: self.show_view(k))
            self.go_menu.addAction(action)
            self.go_actions.append(action)
        self.go_menu.addSeparator()
        self.refresh_action = QAction(self)
        self.refresh_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        self.refresh_action.triggered.connect(self.refresh_current)
        self.search_action = QAction(self)
        self.search_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Find))
        self.search_action.triggered.connect(self.focus_search)
        self.go_menu.addAction(self.refresh_action)
        self.go_menu.addAction(self.search_action)

        self.lang_menu = bar.addMenu("")
        group = QActionGroup(self)
        group.setExclusive(True)
        self.lang_actions: dict[str, QAction] = {}
        from app.ui.i18n import LANGUAGES

        for code, label in LANGUAGES.items():
            action = QAction(label, self, checkable=True)
            action.setChecked(code == self.ctx.language)
            action.triggered.connect(lambda _=False, c=code: self.switch_language(c))
            group.addAction(action)
            self.lang_menu.addAction(action)
            self.lang_actions[code] = action

        self.help_menu = bar.addMenu("")
        self.guide_action = QAction(self)
        self.guide_action.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
        self.guide_action.triggered.connect(lambda: self.show_view("panduan"))
        self.about_action = QAction(self)
        self.about_action.triggered.connect(self.about)
        self.help_menu.addAction(self.guide_action)
        self.help_menu.addAction(self.about_action)
        # Also on the window itself, so the shortcuts work whatever has the focus.
        self.addActions([self.quit_action, *self.go_actions, self.refresh_action,
                         self.search_action, self.guide_action])

    def retranslate(self) -> None:
        from app import APP_NAME

        office = self.ctx.office
        self.setWindowTitle(f"{APP_NAME} — {office.name} ({office.code})")
        for index, spec in enumerate(self.views):
            title = _translate(spec.title)
            self.nav.item(index).setText(title)
            self.go_actions[index].setText(title)
        self.file_menu.setTitle(self.tr("&File"))
        self.quit_action.setText(self.tr("&Quit"))
        self.go_menu.setTitle(self.tr("&Go"))
        self.refresh_action.setText(self.tr("&Refresh"))
        self.search_action.setText(self.tr("&Search"))
        self.lang_menu.setTitle(self.tr("&Language"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.guide_action.setText(self.tr("&Guide"))
        self.about_action.setText(self.tr("&About"))
        template = (self.tr("P4MI {name} ({code})   Operator: {operator}")
                    if office.is_p4mi else
                    self.tr("Village: {name} ({code})   Operator: {operator}"))
        self.office_label.setText(template.format(name=office.name, code=office.code,
                                                  operator=self.ctx.operator))
        self._retranslate_extras()

    def _add_office_extras(self) -> None:
        """Privacy notice under Help; practice banner; the P4MI training-package action."""
        from PySide6.QtGui import QAction

        from app.core.practice import is_practice
        from app.ui.data_menu import PrivacyDialog

        self.privacy_action = QAction(self)
        self.privacy_action.triggered.connect(lambda: PrivacyDialog.show_for(self))
        self.help_menu.insertAction(self.about_action, self.privacy_action)
        self.provision_action: QAction | None = None
        if self.ctx.office.is_p4mi:
            from app.ui.dialogs.provisioning import ProvisioningDialog

            self.provision_action = QAction(self)
            self.provision_action.triggered.connect(lambda: ProvisioningDialog.run(self.ctx,
                                                                                   self))
            self.file_menu.insertAction(self.quit_action, self.provision_action)
        self.practice = is_practice(self.ctx.workspace)
        if self.practice:
            from app.ui.practice import practice_banner

            central = self.centralWidget()
            wrapper = QWidget()
            column = QVBoxLayout(wrapper)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(0)
            column.addWidget(practice_banner(wrapper))
            column.addWidget(central, 1)
            self.setCentralWidget(wrapper)
        self._retranslate_extras()

    def _retranslate_extras(self) -> None:
        if not hasattr(self, "privacy_action"):
            return
        self.privacy_action.setText(self.tr("&Privacy notice"))
        if self.provision_action is not None:
            self.provision_action.setText(self.tr("Prepare a &training package..."))
        if self.practice:
            from app.ui.practice import practice_title

            self.setWindowTitle(practice_title(self.windowTitle()))

    # -- views ---------------------------------------------------------------------------
    def view(self, key: str) -> QWidget:
        """The view widget for ``key``, created (and its module imported) on first use."""
        if key in self._views:
            return self._views[key]
        index = self.view_keys.index(key)
        spec = self.views[index]
        widget = self._create_view(spec)
        old = self.stack.widget(index)
        self.stack.insertWidget(index, widget)
        self.stack.removeWidget(old)
        old.deleteLater()
        self._views[key] = widget
        return widget

    def _create_view(self, spec: ViewSpec) -> QWidget:
        try:
            module = importlib.import_module(spec.module)
        except ModuleNotFoundError as exc:
            if exc.name != spec.module:
                raise
            return PlaceholderView(MISSING_VIEW)
        cls = getattr(module, spec.cls)
        return cls(self.ctx, self)

    def current_key(self) -> str:
        return self.view_keys[max(0, self.nav.currentRow())]

    def show_view(self, key: str, **filters: Any) -> QWidget:
        index = self.view_keys.index(key)
        widget = self.view(key)
        if self.nav.currentRow() != index:
            self.nav.setCurrentRow(index)  # -> _show_row
        if filters and hasattr(widget, "apply_filter"):
            widget.apply_filter(**filters)
        return widget

    def _show_row(self, row: int) -> None:
        if row < 0:
            return
        key = self.view_keys[row]
        widget = self.view(key)
        self.stack.setCurrentWidget(widget)
        if key in self._stale:
            self._stale.discard(key)
            if hasattr(widget, "refresh"):
                widget.refresh()

    def _on_show_view(self, key: str, filters: dict) -> None:
        self.show_view(key, **filters)

    def _on_data_changed(self, _entity: str) -> None:
        current = self.current_key()
        for key, widget in self._views.items():
            if key == current:
                if hasattr(widget, "refresh"):
                    widget.refresh()
            else:
                self._stale.add(key)

    def refresh_current(self) -> None:
        widget = self._views.get(self.current_key())
        if widget is not None and hasattr(widget, "refresh"):
            widget.refresh()

    def focus_search(self) -> None:
        widget = self._views.get(self.current_key())
        if widget is not None and hasattr(widget, "focus_search"):
            widget.focus_search()

    def open_resident(self, resident_id: str, tab: str | None = None) -> None:
        from app.ui.dialogs.resident import ResidentDialog

        ResidentDialog.open_existing(self.ctx, resident_id, self, tab=tab)

    # -- language, about, closing -----------------------------------------------------------
    def switch_language(self, lang: str) -> None:
        from app.ui.i18n import set_language
        from app.ui.settings import LANGUAGE

        lang = set_language(lang)
        self.ctx.language = lang
        if self.ctx.settings is not None:
            self.ctx.settings.set(LANGUAGE, lang)
        self.lang_actions[lang].setChecked(True)
        self.ctx.language_changed.emit(lang)

    def about(self) -> None:
        from app import APP_NAME, __version__
        from app.core.reference import regions_source
        from app.ui.labels import regions_note

        QMessageBox.about(
            self, self.tr("About"),
            self.tr("{app} {version}\nThe village register of migrant workers "
                    "(UU 18/2017 Pasal 42).\n\nRegion list: {source}").format(
                app=APP_NAME, version=__version__, source=regions_note(regions_source())),
        )

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self.ctx.tasks.busy:
            QMessageBox.information(
                self, self.tr("Please wait"),
                self.tr("A task is still running. Wait until it finishes or press Cancel in "
                        "its progress window, then close again."))
            event.ignore()
            return
        if self.ctx.settings is not None:
            from app.ui.settings import GEOMETRY, LAST_VIEW

            self.ctx.settings.set(GEOMETRY, self.saveGeometry())
            self.ctx.settings.set(LAST_VIEW, self.current_key())
            self.ctx.settings.sync()
        super().closeEvent(event)
