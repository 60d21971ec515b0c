"""The state of one import run, shared by the staging, classify and merge steps."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from app.core.progress import CancelToken, Progress
from app.core.workspace import Workspace
from sync.container import OpenedBundle
from sync.importer.report import ImportReport, RowError
from sync.schema import Sheet
from sync.xlsx import ReadCaps

ProgressFn = Callable[[Progress], None]

MAX_ERRORS_KEPT = 5_000


def _stage_name(table: str) -> str:
    return f"s_{table}"


class RunContext:
    staged: dict[str, Sheet]
    # what a village bundle's workbook may unpack to; a village's part of a hub's package sets
    # its own (sync.relay.paket.PART_CAPS)
    read_caps: ReadCaps = ReadCaps()

    def __init__(self, ws: Workspace, opened: OpenedBundle, report: ImportReport,
                 progress: ProgressFn | None, cancel: CancelToken | None) -> None:
        self.ws = ws
        self.opened = opened
        self.report = report
        self.progress = progress
        self.cancel = cancel
        self.village = opened.manifest.village_code
        self.evidence: dict[str, int] = {}  # installation -> highest counter among the rows
        self.temp_cache: int | None = None  # PRAGMA temp.cache_size before the staging

    def tick(self, code: str, done: int, total: int, phase: int = 0, **params: Any) -> None:
        """``done`` of ``total`` in ``phase`` (0: reading the rows, 1: saving them): one bar
        for the whole bundle that never goes back. The step is a message ``code`` (see
        ``app.core.progress.MESSAGES``) with ``params``; the reader's language renders it."""
        if self.cancel is not None:
            self.cancel.check()
        if self.progress is not None and total > 0:
            self.progress(Progress(done=phase * total + done, total=2 * total, code=code,
                                   params=params))

    def error(self, err: RowError) -> None:
        if len(self.report.errors) < MAX_ERRORS_KEPT:
            self.report.errors.append(err)
