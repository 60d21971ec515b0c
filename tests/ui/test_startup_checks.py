"""Start-up: the daily backup runs in the background once a day; a damaged database is offered
the newest good backup, and the damaged file is kept."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from app.core.models import AuditEntry, Resident


def _window(qtbot: Any) -> Any:
    from PySide6.QtWidgets import QMainWindow

    window = QMainWindow()
    qtbot.addWidget(window)
    window.show()
    return window


def test_daily_backup_in_background_once(qtbot: Any, ctx: Any) -> None:
    from app.core.backup import integrity_ok, list_backups
    from app.ui.startup_checks import start_daily_backup
    from app.ui.tasks import TaskRunner

    ctx.tasks = TaskRunner()  # the real background worker
    window = _window(qtbot)
    op = start_daily_backup(ctx, window)
    assert op.future is not None
    qtbot.waitUntil(op.future.done, timeout=5000)
    backups = list_backups(ctx.workspace.data_dir.backups)
    assert [b.reason for b in backups] == ["harian"] and integrity_ok(backups[0].path)
    op = start_daily_backup(ctx, window)  # same day: not due again
    qtbot.waitUntil(op.future.done, timeout=5000)
    assert op.future.result() is None
    assert len(list_backups(ctx.workspace.data_dir.backups)) == 1
    with ctx.db.session() as s:
        assert s.scalar(select(func.count()).select_from(AuditEntry)
                        .where(AuditEntry.action == "backup")) == 1
    assert window.statusBar().currentMessage() == ""
    ctx.tasks.shutdown()


def test_daily_backup_failure_is_a_status_bar_note(qtbot: Any, ctx: Any,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from app.core import backup
    from app.core.errors import AppError
    from app.ui.startup_checks import start_daily_backup

    def full(*_a: Any, **_k: Any) -> Any:
        raise AppError("backup.failed", path="/x", detail="disk penuh")

    monkeypatch.setattr(backup, "daily_backup_if_due", full)
    window = _window(qtbot)
    start_daily_backup(ctx, window)  # synchronous runner: no modal box may appear
    note = window.statusBar().currentMessage()
    assert note.startswith("Cadangan harian tidak dapat dibuat") and "disk penuh" in note


def _damage(db: Path) -> None:
    size = db.stat().st_size
    with open(db, "r+b") as handle:
        for offset in range(4096 * 2, size, 4096 * 3):
            handle.seek(offset)
            handle.write(b"\xde\xad\xbe\xef" * 256)


def test_damaged_database_offers_the_newest_backup(qtbot: Any, demo_village: Any,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from app.core.backup import backup_database
    from app.core.errors import AppError
    from app.core.workspace import open_workspace
    from app.ui.startup_checks import DamagedDatabasePrompt, offer_restore_for_damaged

    ws = demo_village
    data_dir = ws.data_dir
    with ws.db.session() as s:
        count = s.scalar(select(func.count()).select_from(Resident))
    backup_database(data_dir.db_path, data_dir.backups, reason="harian")
    ws.db.close()
    _damage(data_dir.db_path)
    with pytest.raises(AppError) as raised:
        open_workspace(data_dir, exclusive=True)
    assert raised.value.code == "database.damaged"

    asked: list[str] = []
    told: list[tuple[str, str]] = []
    monkeypatch.setattr(DamagedDatabasePrompt, "tell",
                        classmethod(lambda cls, p, title, text: told.append((title, text))))
    # Declined: nothing changes, the damaged file stays.
    monkeypatch.setattr(DamagedDatabasePrompt, "ask",
                        classmethod(lambda cls, p, text: asked.append(text) or False))
    assert not offer_restore_for_damaged(data_dir)
    assert "harian, otomatis" in asked[0] and "salinannya disimpan" in asked[0]
    with pytest.raises(AppError):
        open_workspace(data_dir)

    monkeypatch.setattr(DamagedDatabasePrompt, "ask", classmethod(lambda cls, p, text: True))
    from app.core.lock import FolderLock

    with FolderLock(data_dir.root):  # as app.ui.main holds it while opening
        assert offer_restore_for_damaged(data_dir)
    assert told and told[-1][0] == "Sudah dipulihkan"
    damaged = list(data_dir.backups.glob("rusak_*.db"))
    assert damaged and damaged[0].name in told[-1][1]
    again = open_workspace(data_dir, exclusive=True)
    try:
        with again.db.session() as s:
            assert s.scalar(select(func.count()).select_from(Resident)) == count
            assert s.scalar(select(func.count()).select_from(AuditEntry)
                            .where(AuditEntry.action == "restore")) == 1
    finally:
        again.close()


def test_no_good_backup_explains_and_keeps_the_file(qtbot: Any, demo_village: Any,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from app.ui.startup_checks import DamagedDatabasePrompt, offer_restore_for_damaged

    data_dir = demo_village.data_dir
    demo_village.db.close()
    _damage(data_dir.db_path)
    before = data_dir.db_path.read_bytes()
    told: list[str] = []
    monkeypatch.setattr(DamagedDatabasePrompt, "tell",
                        classmethod(lambda cls, p, title, text: told.append(text)))
    assert not offer_restore_for_damaged(data_dir, lock_held=False)
    assert told and "Jangan menghapus" in told[0]
    assert data_dir.db_path.read_bytes() == before


def test_repairs_at_start_are_said_in_the_status_bar(qtbot: Any, tmp_path: Path) -> None:
    """What opening a folder cleaned up after a cut reaches the user, in Indonesian."""
    from app.core.paths import DataDir
    from app.core.workspace import open_workspace
    from app.ui.startup_checks import StartUpNotices

    data = DataDir(tmp_path / "desa").ensure()
    (data.backups / "buku_migran_20260101-101010-000001_manual.db.part").write_bytes(b"x")
    notices = StartUpNotices()
    open_workspace(data, exclusive=True).close()
    window = _window(qtbot)
    text = notices.show(window, "id")
    assert "Sisa pekerjaan yang terputus" in window.statusBar().currentMessage()
    assert text == window.statusBar().currentMessage()
    assert StartUpNotices().show(window, "id") == ""  # nothing repaired: nothing said
