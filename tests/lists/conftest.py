from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest


@pytest.fixture
def preview_of(village) -> Callable:  # noqa: ANN001
    """Read ``path``, guess or remember its mapping, build the preview."""
    from sync.lists import mapping
    from sync.lists.plan import build_preview, default_mapping
    from sync.lists.read import read_table

    def run(path: Path, mode: str = "update"):  # noqa: ANN202
        table = read_table(path, mapping.score)
        column_map, _ = default_mapping(village.data_dir.root, table)
        with village.db.session() as s:
            return build_preview(s, table, column_map, mode=mode)

    return run


@pytest.fixture
def do_import(village) -> Callable:  # noqa: ANN001
    from sync.lists.apply import apply_preview

    def run(preview, decision: str = "skip"):  # noqa: ANN001, ANN202
        return apply_preview(village.db, village.data_dir.backups, preview,
                             operator="Operator Uji", decision=decision)

    return run
