"""The resident list after a write: its search index is brought up to date from the old one
(only the written residents read again, on the DB worker), not read again in full."""

from __future__ import annotations

from sqlalchemy import select

from app.core.models import Resident
from app.core.repo.residents import ResidentFilter


def test_refresh_updates_the_index_incrementally(qtbot, demo_village) -> None:
    from app.ui.context import AppContext
    from app.ui.tasks import TaskRunner
    from app.ui.views.residents import ResidentsView

    tasks = TaskRunner()
    ctx = AppContext(demo_village, demo_village.office(), operator="Operator Uji",
                     language="id", tasks=tasks)
    try:
        view = ResidentsView(ctx)
        qtbot.addWidget(view)
        view.show()
        qtbot.waitUntil(lambda: not tasks.busy, timeout=60000)
        old = view.model.index_cache
        with ctx.db.session() as s:
            victim = s.scalars(select(Resident.id).where(Resident.deleted.is_(False))
                               .order_by(Resident.name).limit(1)).one()
        with ctx.write() as s:
            s.get(Resident, victim).name = "Zz-Nama Baru"
        view.refresh()
        qtbot.waitUntil(lambda: view.model.index_cache is not old and not tasks.busy,
                        timeout=60000)
        index = view.model.index_cache
        assert index.incremental
        view.search.setText("zz-nama")
        qtbot.waitUntil(lambda: view.model.filter == ResidentFilter(text="zz-nama"),
                        timeout=10000)
        assert view.model.rowCount() == 1
    finally:
        tasks.shutdown()


def test_refresh_prepares_the_keystroke_tables_on_the_worker(qtbot, demo_village,
                                                             monkeypatch) -> None:
    """The joined-name string of the name search and the live (deleted rows taken out) name
    order are built on the DB worker by the refresh, so neither the next keystroke nor
    clearing the search box builds them on the GUI thread (issue 15 item 4)."""
    import threading

    from app.core.repo import residents as repo
    from app.ui.context import AppContext
    from app.ui.tasks import TaskRunner
    from app.ui.views.residents import ResidentsView

    threads: list[threading.Thread] = []
    real_blob, real_live = repo.ResidentIndex._name_blob, repo.ResidentIndex._live_order

    def name_blob(self):  # noqa: ANN001, ANN202
        if self._blob is None or self._blob.names is not self._names[1]:
            threads.append(threading.current_thread())
        return real_blob(self)

    def live_order(self, key):  # noqa: ANN001, ANN202
        if key not in self._live:
            threads.append(threading.current_thread())
        return real_live(self, key)

    monkeypatch.setattr(repo.ResidentIndex, "_name_blob", name_blob)
    monkeypatch.setattr(repo.ResidentIndex, "_live_order", live_order)
    tasks = TaskRunner()
    ctx = AppContext(demo_village, demo_village.office(), operator="Operator Uji",
                     language="id", tasks=tasks)
    try:
        view = ResidentsView(ctx)
        qtbot.addWidget(view)
        view.show()
        qtbot.waitUntil(lambda: not tasks.busy, timeout=60000)
        old = view.model.index_cache
        with ctx.db.session() as s:
            victim = s.scalars(select(Resident.id).where(Resident.deleted.is_(False))
                               .limit(1)).one()
        with ctx.write() as s:
            s.get(Resident, victim).deleted = True
        view.refresh()
        qtbot.waitUntil(lambda: view.model.index_cache is not old and not tasks.busy,
                        timeout=60000)
        threads.clear()
        total = view.model.rowCount()
        view.apply_filter(text="a")
        view.apply_filter(text="")
        assert view.model.rowCount() == total
        assert threads == []  # nothing built on the GUI thread by the keystrokes
        assert view.model.index_cache.incremental
    finally:
        tasks.shutdown()
