"""Issue 15: the backup made before a migration is rotated like every other backup, so old
copies never pile up past the budget on any path."""

from __future__ import annotations

import shutil
from datetime import datetime, timedelta
from pathlib import Path

from app.core.backup import list_backups
from app.core.migrations import HEAD_REVISION
from app.core.paths import DataDir
from app.core.workspace import open_workspace

FIXTURE = Path(__file__).resolve().parents[1] / "data" / "schema_v1" / "buku_migran.db"


def test_backup_before_a_migration_is_rotated(tmp_path: Path) -> None:
    assert HEAD_REVISION != "0003"
    data = DataDir(tmp_path / "desa").ensure()
    shutil.copyfile(FIXTURE, data.db_path)
    data.backups.mkdir(parents=True, exist_ok=True)
    now = datetime.now()
    old = []
    for k in range(12):  # twelve daily copies of one month, half a year ago
        when = now - timedelta(days=200 + k)
        path = data.backups / f"buku_migran_{when:%Y%m%d-%H%M%S-%f}_harian.db"
        path.write_bytes(b"x" * 100)
        old.append(path)
    open_workspace(data).close()
    made = [b for b in list_backups(data.backups) if b.reason.startswith("sebelum-migrasi")]
    assert len(made) == 1
    assert sum(1 for p in old if p.exists()) <= 2  # thinned to one per month
