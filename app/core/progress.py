"""Progress reports and cooperative cancel for long work, without Qt.

Long operations (import, export, backup, reports) take a ``progress`` callback and a
:class:`CancelToken`. They call ``progress(Progress(...))`` now and then (cheap: the GUI only
keeps the latest value and polls it) and ``cancel.check()`` between steps, which raises
:class:`Cancelled`. ``Cancelled`` is not an error: the caller rolls back and says nothing.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from app.core.messages import message


@dataclass(frozen=True)
class Progress:
    """Where a long operation is: ``done`` of ``total`` steps (``total == 0``: unknown).

    The step is a message ``code`` with ``params`` (e.g. ``progress.export.sheet``,
    ``section="Penduduk"``), rendered in the reader's language by :meth:`text`; the core writes
    no sentence. ``label`` is an already-rendered text (old callers, the GUI's own labels).
    """

    label: str = ""
    done: int = 0
    total: int = 0
    code: str = ""
    params: dict[str, Any] = field(default_factory=dict)

    def text(self, lang: str) -> str:
        """The step in words, in ``lang`` ("id" or "en")."""
        if self.code:
            return message(self.code, lang, **self.params)
        return self.label

    @property
    def fraction(self) -> float | None:
        if self.total <= 0:
            return None
        return max(0.0, min(1.0, self.done / self.total))


ProgressCallback = Callable[[Progress], None]


MESSAGES: dict[str, tuple[str, str]] = {
    # bundle export (sync/export.py)
    "progress.export.sheet": ("Menulis {section}", "Writing {section}"),
    "progress.export.save": ("Menyimpan paket", "Saving the bundle"),
    # regency recap (sync/recap.py)
    "progress.recap.villages": ("Rekap per desa", "Recap by village"),
    "progress.recap.sheet": ("Daftar {section}", "List of {section}"),
    # period report (sync/report.py): one step per section
    "progress.report.districts": ("Per kecamatan", "By district"),
    "progress.report.countries": ("Negara dan jenis kelamin", "Countries and sex"),
    "progress.report.sectors": ("Sektor dan jabatan", "Sectors and jobs"),
    "progress.report.schemes": ("Skema dan P3MI", "Schemes and P3MI"),
    "progress.report.returns": ("Alasan pulang", "Reasons for return"),
    "progress.report.cases": ("Kasus", "Cases"),
    "progress.report.flags": ("Tanda bahaya", "Red flags"),
    "progress.report.waiting": ("CPMI menunggu", "Prospective migrants waiting"),
    "progress.report.overdue": ("Terlambat pulang", "Overdue returns"),
    "progress.report.no_news": ("Tanpa kabar", "No news"),
    "progress.report.silent": ("Desa tidak mengirim", "Villages not sending"),
    "progress.report.done": ("Selesai", "Done"),
    # bundle import at the hub (sync/importer)
    "progress.import.sheet": ("Membaca {section}", "Reading {section}"),
    "progress.import.read": ("Paket terbaca", "Bundle read"),
    "progress.import.save": ("Menyimpan", "Saving"),
    "progress.import.bundle": ("Paket {n} dari {count}: {name}", "Bundle {n} of {count}: {name}"),
    "progress.import.done": ("{count} paket selesai", "{count} bundles done"),
}


def no_progress(_progress: Progress) -> None:
    """A progress callback that ignores everything (for headless callers)."""


class Cancelled(Exception):  # noqa: N818 - the name is the concept
    """The user asked to stop; the operation undid its partial work."""


class CancelToken:
    """Set by the user (the Batal button), checked by the worker between steps."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def check(self) -> None:
        """Raise :class:`Cancelled` if cancel was requested."""
        if self._event.is_set():
            raise Cancelled()
