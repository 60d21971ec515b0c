"""A quick check of a bundle before a folder import: everything the import checks before it
reads a row (container, signature, checksum, practice, village of this regency, key on record
or new, sequence number, already imported), without staging or classifying the rows.

A folder of a whole regency round (264 villages) was previewed in full and then imported, so
every bundle was staged and classified twice (issue 15 item 3). The Import view now checks a
folder quickly and stages and classifies each bundle once, in the import; the rows of one
bundle are previewed in full (:func:`sync.importer.preview_import`) when the clerk opens it.
"""

from __future__ import annotations

from pathlib import Path

from app.core.practice import is_practice
from app.core.workspace import Workspace
from sync.container import read_bundle
from sync.dbutil import raw_connection
from sync.importer.history import already_imported, note_sequence
from sync.importer.pipeline import (
    VILLAGE_KEY,
    _new_report,
    check_practice,
    check_village,
    hub_office,
    note_key,
)
from sync.importer.report import STATUS_ALREADY, ImportReport

STATUS_CHECKED = "diperiksa"
"""A quickly checked bundle: its rows are read (and may still be refused) on import."""


def check_bundle(ws: Workspace, path: Path) -> ImportReport:
    """The report of a quick check (status :data:`STATUS_CHECKED`, or ``sudah_diimpor``);
    raises ``AppError`` for a bundle the import would refuse before reading its rows.
    Nothing changes."""
    office = hub_office(ws)
    opened = read_bundle(Path(path))
    m = opened.manifest
    check_practice(is_practice(ws), m)
    check_village(office.code, m.village_code)
    report = _new_report(opened)
    with raw_connection(ws.db) as con:
        if already_imported(con, opened.file_sha256):
            report.status = STATUS_ALREADY
            return report
        note_key(con, m.village_code, m.raw["public_key"], report, VILLAGE_KEY)
        note_sequence(con, opened, report)
    report.status = STATUS_CHECKED
    return report
