"""P4MI import: verify, stage, classify, then merge in one transaction (Morango's stages).

1. **Verify** the container (:func:`sync.container.read_bundle`): caps, manifest, signature,
   checksum; the village belongs to this regency; its key is the one on record (or the clerk
   confirms the fingerprint of a first key); decrypt; check the workbook's parts.
2. **Stage**: each sheet is decompressed, checked against the writer's own grammar and bounds
   (the pre-scan's rules) and read in one pass, chunk by chunk, as columns
   (:class:`sync.xlsx.CheckedWorkbook`); every cell is checked against the format's column
   kind (a chunk column by column, and cell by cell if anything in it is not plainly valid);
   valid rows go into ``TEMP`` staging tables, written in one transaction and indexed after,
   bad cells become row errors (sheet, row, column, code).
   References to rows neither in the bundle nor held for this village are errors too
   (checked in SQL, parents first, so a rejected parent rejects its children).
3. **Classify** in SQL against the hub's tables: new, updated, deleted, unchanged, older
   (a newer version is already held), conflict (same version stamp, different content; or the
   row belongs to another office). The same NIK held for another village is flagged.
4. **Merge** (not for a preview): the daily verified backup if due (at most one a day, rotated),
   then ``BEGIN IMMEDIATE`` (classified again only if another program committed to the hub
   since, by ``PRAGMA data_version``; a larger page cache for the merge), the undo journal of
   the rows about to change (:mod:`sync.import_undo`); upsert from the
   staging tables (``INSERT ... SELECT ... ON CONFLICT DO UPDATE``; on SQLite a table that
   gets more new rows than two thirds of what it holds has its secondary indexes built again
   after the insert, in the same transaction), derived resident statuses
   refreshed, conflicts and NIK flags kept for the clerk, the knowledge vector advanced, the
   import history and audit rows written; ``COMMIT``. Any failure or cancel rolls everything
   back.

Memory is bounded by the bundle caps: nothing of the hub's size is loaded into Python.

The package's rooms: :mod:`.report` (the report and its parts), :mod:`.cells` (per-cell
conversion), :mod:`.staging` (workbook into staging tables), :mod:`.classify` (checks and
classification in SQL), :mod:`.merge` (upsert and records), :mod:`.history` (sequence numbers,
archive copy), :mod:`.pipeline` (one bundle, a batch). Everything public is re-exported here.
"""

from sync.importer.classify import MAX_COUNTER_JUMP, OTHER_VILLAGE_NIK
from sync.importer.context import MAX_ERRORS_KEPT, ProgressFn
from sync.importer.history import MAX_GAP_NUMBERS, MAX_SEQUENCE_JUMP, archive_path
from sync.importer.merge import refresh_statuses
from sync.importer.pipeline import (
    PROGRESS_STEPS,
    active_key,
    check_practice,
    check_village,
    import_bundle,
    import_many,
    preview_import,
)
from sync.importer.report import (
    KEY_KNOWN,
    KEY_NEW,
    STATUS_ALREADY,
    STATUS_IMPORTED,
    STATUS_PARTIAL,
    STATUS_PREVIEW,
    STATUS_REFUSED,
    Conflict,
    ImportReport,
    NikClash,
    RowError,
    SheetCounts,
    format_range_pairs,
    format_ranges,
)
from sync.importer.staging import CHUNK

__all__ = [
    "CHUNK", "KEY_KNOWN", "KEY_NEW", "MAX_COUNTER_JUMP", "MAX_ERRORS_KEPT", "MAX_GAP_NUMBERS",
    "MAX_SEQUENCE_JUMP", "OTHER_VILLAGE_NIK", "PROGRESS_STEPS", "STATUS_ALREADY", "STATUS_IMPORTED",
    "STATUS_PARTIAL", "STATUS_PREVIEW", "STATUS_REFUSED", "Conflict", "ImportReport",
    "NikClash", "ProgressFn", "RowError", "SheetCounts", "active_key", "archive_path",
    "check_practice", "check_village", "format_range_pairs", "format_ranges", "import_bundle",
    "import_many", "preview_import", "refresh_statuses",
]
