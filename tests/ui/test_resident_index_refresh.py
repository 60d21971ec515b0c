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
