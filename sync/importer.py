"""P4MI import: verify, stage, classify, then merge in one transaction (Morango's stages).

1. **Verify** the container (:func:`sync.container.read_bundle`): caps, manifest, signature,
   checksum; the village belongs to this regency; its key is the one on record (or the clerk
   confirms the fingerprint of a first key); decrypt; pre-scan the workbook.
2. **Stage**: a streaming reader of the writer's own grammar (:func:`sync.xlsx.iter_sheet_rows`)
   reads each sheet in chunks; every cell is checked against the format's column kind; valid
   rows go into ``TEMP`` staging tables, bad cells become row errors (sheet, row, column, code).
   References to rows neither in the bundle nor held for this village are errors too
   (checked in SQL, parents first, so a rejected parent rejects its children).
3. **Classify** in SQL against the hub's tables: new, updated, deleted, unchanged, older
   (a newer version is already held), conflict (same version stamp, different content; or the
   row belongs to another office). The same NIK held for another village is flagged.
4. **Merge** (not for a preview): a verified backup, then ``BEGIN IMMEDIATE``; upsert from the
   staging tables (``INSERT ... SELECT ... ON CONFLICT DO UPDATE``), derived resident statuses
   refreshed, conflicts and NIK flags kept for the clerk, the knowledge vector advanced, the
   import history and audit rows written; ``COMMIT``. Any failure or cancel rolls everything
   back.

Memory is bounded by the bundle caps: nothing of the hub's size is loaded into Python.
"""

from __future__ import annotations

import io
import json
import re
import sqlite3
import time
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from app.core import reference
from app.core.backup import backup_database
from app.core.errors import AppError
from app.core.messages import message
from app.core.practice import is_practice
from app.core.progress import Cancelled, CancelToken, Progress
from app.core.rules.episodes import EpisodeFacts, derive_status, start_date
from app.core.rules.nik import mask_nik, validate_kk, validate_nik
from app.core.workspace import MODE_P4MI, Workspace
from sync.container import Manifest, OpenedBundle, read_bundle
from sync.dbutil import audit_event, raw_connection, stamp
from sync.keys import KeyPair, load_keypair, normalize_fingerprint
from sync.schema import REQUIRED_TEXT, SCHEMA, Column, Sheet
from sync.xlsx import SheetLayout, iter_sheet_rows, prescan

ProgressFn = Callable[[Progress], None]

STATUS_PREVIEW = "pratinjau"
STATUS_IMPORTED = "diimpor"
STATUS_PARTIAL = "sebagian"
STATUS_ALREADY = "sudah_diimpor"
STATUS_REFUSED = "ditolak"

KEY_KNOWN = "dikenal"
KEY_NEW = "baru"

MAX_ERRORS_KEPT = 5_000
CHUNK = 2_000
# A village exports a few bundles a week: a jump of more than this many sequence numbers past
# the newest received (or a first bundle numbered above it) is not a lost stick but a forged or
# broken manifest. Likewise a knowledge counter far above every change the bundle and the hub
# hold: taken as it is, the receipt would tell the village the hub holds changes it never got.
MAX_SEQUENCE_JUMP = 10_000
MAX_COUNTER_JUMP = 1_000_000
MAX_GAP_NUMBERS = 200  # numbers kept in ImportReport.missing_sequences (the ranges are whole)


# -- report ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class RowError:
    sheet: str
    row: int  # spreadsheet row number (the header is row 1)
    column: str  # Indonesian header, "" for the whole row
    code: str
    params: dict[str, Any] = field(default_factory=dict)
    row_id: str = ""

    def text(self, lang: str = "id") -> str:
        return message(self.code, lang, **self.params)

    def to_json(self) -> dict[str, Any]:
        return {"sheet": self.sheet, "row": self.row, "column": self.column, "code": self.code,
                "params": self.params, "id": self.row_id, "pesan": self.text("id")}


@dataclass
class SheetCounts:
    new: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0
    older: int = 0
    conflicts: int = 0
    rejected: int = 0

    def as_dict(self) -> dict[str, int]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class Conflict:
    sheet: str
    row: int
    row_id: str
    reason: str  # "versi" (same version stamp, other content) or "pemilik" (other office)


@dataclass(frozen=True)
class NikClash:
    sheet: str
    row: int
    resident_id: str
    masked_nik: str
    other_village: str
    other_resident_id: str


@dataclass
class ImportReport:
    file_name: str
    file_sha256: str
    village_code: str
    village_name: str
    installation_id: str
    sequence: int
    scope: str
    created_at: str
    encrypted: bool
    fingerprint: str
    key_status: str = KEY_KNOWN
    status: str = STATUS_PREVIEW
    counts: dict[str, SheetCounts] = field(default_factory=dict)
    errors: list[RowError] = field(default_factory=list)
    error_rows: int = 0
    conflicts: list[Conflict] = field(default_factory=list)
    nik_clashes: list[NikClash] = field(default_factory=list)
    missing_sequences: list[int] = field(default_factory=list)  # the last few, for screens
    missing_ranges: list[tuple[int, int]] = field(default_factory=list)  # every gap, as ranges
    warnings: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    refusal: tuple[str, dict[str, Any]] | None = None
    backup: Path | None = None
    import_id: int | None = None
    seconds: float = 0.0

    def total(self, what: str) -> int:
        return sum(getattr(c, what) for c in self.counts.values())

    @property
    def changed(self) -> bool:
        return self.status in (STATUS_IMPORTED, STATUS_PARTIAL)


# -- cell conversion -------------------------------------------------------------------------


class _CellError(Exception):
    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


_HEX32 = re.compile(r"^[0-9a-f]{32}$")
_STAMP = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{6}$")
_DMY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DIGITS16 = re.compile(r"^\d{16}$")


def _empty(col: Column) -> Any:
    if col.nullable:
        return None
    if col.kind in ("text", "nik"):
        return ""
    raise _CellError("sync.row.required")


# Characters the program never stores: C0/C1 controls except tab and line breaks, and the
# invisible bidi overrides/isolates that make a name display as another (they would also break
# the regency recap and terminals for every village).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e"
                      "\u2066-\u2069\ufeff\ufff9-\ufffb]")


def _text_value(value: Any) -> str:
    if isinstance(value, str):  # the reader already undid the OOXML _x00HH_ escapes
        bad = _CONTROL.search(value)
        if bad is not None:
            raise _CellError("sync.row.control_char", char=f"U+{ord(bad.group()):04X}")
        return value
    if isinstance(value, bool) or isinstance(value, int | float):
        raise _CellError("sync.row.number_not_text")
    if isinstance(value, date | datetime):
        raise _CellError("sync.row.date_not_text")
    raise _CellError("sync.row.bad_value")


def _converter(table: str, col: Column, required_text: bool) -> Callable[[Any], Any]:
    kind = col.kind

    if kind in ("id", "ref"):
        def conv(v: Any) -> Any:
            if v == "" or v is None:
                return _empty(col) if kind == "ref" else _raise("sync.row.required")
            if not isinstance(v, str) or not _HEX32.match(v):
                raise _CellError("sync.row.bad_id")
            return v
        return conv

    if kind == "nik":
        check = validate_kk if col.key == "no_kk" else validate_nik

        def conv(v: Any) -> Any:
            if v == "" or v is None:
                return _empty(col)
            text = _text_value(v)
            if not _DIGITS16.match(text):
                raise _CellError("sync.row.bad_nik", value=mask_nik(text))
            for issue in check(text):
                if issue.is_error:
                    raise _CellError(issue.code, **issue.params)
            return text
        return conv

    if kind in ("text", "enum"):
        max_len = col.max_len
        choices = col.choices

        def conv(v: Any) -> Any:
            if v == "" or v is None:
                if required_text:
                    raise _CellError("sync.row.required")
                return _empty(col) if kind == "text" else _raise("sync.row.required")
            text = _text_value(v)
            if len(text) > max_len:
                raise _CellError("sync.row.too_long", maximum=max_len, length=len(text))
            if choices and text not in choices:
                raise _CellError("sync.row.bad_choice", value=text[:40],
                                 choices=", ".join(sorted(choices)))
            return text
        return conv

    if kind == "date":
        def conv(v: Any) -> Any:
            if v == "" or v is None:
                return _empty(col)
            if isinstance(v, datetime):
                if v.time() != datetime.min.time():
                    raise _CellError("sync.row.bad_date")
                return v.date().isoformat()
            if isinstance(v, date):
                return v.isoformat()
            if isinstance(v, str):
                m = _DMY.match(v.strip())
                try:
                    if m:
                        return date(int(m.group(3)), int(m.group(2)), int(m.group(1))).isoformat()
                    if _ISO_DATE.match(v.strip()):
                        return date.fromisoformat(v.strip()).isoformat()
                except ValueError:
                    pass
            raise _CellError("sync.row.bad_date")
        return conv

    if kind == "stamp":
        def conv(v: Any) -> Any:
            if v == "" or v is None:
                return _empty(col)
            if not isinstance(v, str) or not _STAMP.match(v):
                raise _CellError("sync.row.bad_stamp")
            try:
                datetime.fromisoformat(v)
            except ValueError as exc:
                raise _CellError("sync.row.bad_stamp") from exc
            return v
        return conv

    if kind == "int":
        def conv(v: Any) -> Any:
            if v == "" or v is None:
                return _empty(col)
            if isinstance(v, bool):
                raise _CellError("sync.row.bad_int")
            if isinstance(v, int):
                n = v
            elif isinstance(v, float) and v.is_integer():
                n = int(v)
            else:
                raise _CellError("sync.row.bad_int")
            if n < 0 or n > 2**62:
                raise _CellError("sync.row.bad_int")
            return n
        return conv

    if kind == "bool":
        def conv(v: Any) -> Any:
            if v == "ya":
                return 1
            if v == "tidak":
                return 0
            raise _CellError("sync.row.bad_bool")
        return conv

    raise AssertionError(kind)


def _raise(code: str) -> Any:
    raise _CellError(code)


# -- the pipeline ----------------------------------------------------------------------------


def _stage_name(table: str) -> str:
    return f"s_{table}"


def _synced_keys(sheet: Sheet) -> list[str]:
    return sheet.keys


class _Run:
    def __init__(self, ws: Workspace, opened: OpenedBundle, report: ImportReport,
                 progress: ProgressFn | None, cancel: CancelToken | None) -> None:
        self.ws = ws
        self.opened = opened
        self.report = report
        self.progress = progress
        self.cancel = cancel
        self.village = opened.manifest.village_code
        self.evidence: dict[str, int] = {}  # installation -> highest counter among the rows

    def tick(self, label: str, done: int, total: int, phase: int = 0) -> None:
        """``done`` of ``total`` in ``phase`` (0: reading the rows, 1: saving them): one bar
        for the whole bundle that never goes back."""
        if self.cancel is not None:
            self.cancel.check()
        if self.progress is not None and total > 0:
            self.progress(Progress(label, phase * total + done, 2 * total))

    def error(self, err: RowError) -> None:
        if len(self.report.errors) < MAX_ERRORS_KEPT:
            self.report.errors.append(err)

    # stage -----------------------------------------------------------------------------
    def stage(self, con: sqlite3.Connection, workbook: bytes) -> None:
        manifest = self.opened.manifest
        carried = manifest.sheets  # format v1 or v2; optional sheets may be absent
        scan = prescan(workbook, sheet_count=len(carried),
                       layouts=[SheetLayout(s.name, s.headers) for s in carried])
        for index, sheet in enumerate(carried, start=1):
            found = scan.sheet_rows.get(f"xl/worksheets/sheet{index}.xml", -1)
            if found != manifest.counts.get(sheet.name):
                raise AppError("sync.bundle.count_mismatch", sheet=sheet.name,
                               expected=manifest.counts.get(sheet.name), found=found)
        # The pre-scan compared the workbook's parts (and so its sheet names) byte for byte
        # with the writer's and every sheet with its grammar: the sheets are read by the
        # streaming reader of that grammar, chunk by chunk, never whole.
        zf = zipfile.ZipFile(io.BytesIO(workbook))
        total = sum(manifest.counts.values())
        done = 0
        by_table = {s.table: s for s in carried}
        position = {s.table: i for i, s in enumerate(carried, start=1)}
        # sheets the bundle does not carry are staged empty with every column
        self.staged = {s.table: by_table.get(s.table, s) for s in SCHEMA}
        for sheet in SCHEMA:
            sheet = self.staged[sheet.table]
            keys = sheet.keys
            cols = ", ".join(f'"{k}"' for k in keys)
            con.execute(f"DROP TABLE IF EXISTS temp.{_stage_name(sheet.table)}")
            con.execute(f"CREATE TEMP TABLE {_stage_name(sheet.table)} (_row INTEGER, "
                        f"{cols}, _action TEXT, _was_deleted INTEGER, "
                        "PRIMARY KEY (id)) WITHOUT ROWID")
            if sheet.table not in by_table:
                continue
            expected = manifest.counts[sheet.name]
            rows = iter_sheet_rows(zf, f"xl/worksheets/sheet{position[sheet.table]}.xml",
                                   len(sheet.headers))
            header = next(rows, None)
            if header is None or [str(h) for h in header] != sheet.headers:
                raise AppError("sync.xlsx.bad_header", sheet=sheet.name)
            done = self._stage_sheet(con, sheet, rows, expected, done, total)
        self.tick("Membaca paket", total, total)

    def _stage_sheet(self, con: sqlite3.Connection, sheet: Sheet, rows: Any, expected: int,
                     done: int, total: int) -> int:
        convs = [_converter(sheet.table, c, (sheet.table, c.key) in REQUIRED_TEXT)
                 for c in sheet.columns]
        headers = sheet.headers
        width = len(convs)
        owner_index = sheet.keys.index("owner_office")
        placeholders = ", ".join("?" * (width + 1))
        insert = (f"INSERT INTO {_stage_name(sheet.table)} (_row, "
                  + ", ".join(f'"{k}"' for k in sheet.keys) + f") VALUES ({placeholders})")
        seen: set[str] = set()
        batch: list[tuple[Any, ...]] = []
        rownum = 1
        counts = self.report.counts.setdefault(sheet.name, SheetCounts())
        village = self.village
        for raw in rows:
            rownum += 1
            if rownum - 1 > expected:
                raise AppError("sync.bundle.count_mismatch", sheet=sheet.name,
                               expected=expected, found=rownum - 1)
            if len(raw) != width:
                raw = (list(raw) + [""] * width)[:width]
            out: list[Any] = [rownum]
            bad = False
            for i, (conv, value) in enumerate(zip(convs, raw, strict=True)):
                try:
                    out.append(conv(value))
                except _CellError as exc:
                    bad = True
                    self.error(RowError(sheet.name, rownum, headers[i], exc.code, exc.params,
                                        raw[0] if isinstance(raw[0], str) else ""))
            if not bad:
                row_id = out[1]
                if out[owner_index + 1] != village:
                    bad = True
                    self.error(RowError(sheet.name, rownum, headers[owner_index],
                                        "sync.row.other_village",
                                        {"found": str(out[owner_index + 1])[:20],
                                         "village": village}, row_id))
                elif row_id in seen:
                    bad = True
                    self.error(RowError(sheet.name, rownum, headers[0], "sync.row.duplicate_id",
                                        {}, row_id))
            if bad:
                counts.rejected += 1
                self.report.error_rows += 1
                continue
            seen.add(out[1])
            batch.append(tuple(out))
            if len(batch) >= CHUNK:
                con.executemany(insert, batch)
                batch.clear()
                self.tick(f"Membaca {sheet.name}", done + rownum - 1, total)
        if batch:
            con.executemany(insert, batch)
        if rownum - 1 != expected:
            raise AppError("sync.bundle.count_mismatch", sheet=sheet.name, expected=expected,
                           found=rownum - 1)
        return done + expected

    # knowledge -------------------------------------------------------------------------
    def staged_counters(self, con: sqlite3.Connection) -> dict[str, int]:
        """The highest change counter per installation among the rows of this bundle."""
        out: dict[str, int] = {}
        for sheet in SCHEMA:
            for inst, top in con.execute(
                    f"SELECT origin_instance, max(origin_counter) FROM "
                    f"{_stage_name(sheet.table)} GROUP BY 1"):
                if inst:
                    out[inst] = max(out.get(inst, 0), int(top or 0))
        return out

    def check_knowledge(self, con: sqlite3.Connection) -> None:
        """Refuse a knowledge vector that claims far more than the rows and the hub show."""
        m = self.opened.manifest
        held = dict(con.execute("SELECT instance_id, counter FROM sync_knowledge "
                                "WHERE village_code = ?", (m.village_code,)).fetchall())
        self.evidence = staged = self.staged_counters(con)
        for inst, counter in m.knowledge.items():
            known = max(int(held.get(inst, 0)), staged.get(inst, 0))
            if counter > known + MAX_COUNTER_JUMP:
                raise AppError("sync.bundle.counter_jump", counter=counter, held=known)

    # references ------------------------------------------------------------------------
    def check_references(self, con: sqlite3.Connection) -> None:
        for sheet in SCHEMA:
            stage = _stage_name(sheet.table)
            for col in sheet.columns:
                if col.kind != "ref" or col.parent is None:
                    continue
                parent_stage = _stage_name(col.parent)
                missing = con.execute(
                    f'SELECT s._row, s.id, s."{col.key}" FROM {stage} s '
                    f'WHERE s."{col.key}" IS NOT NULL '
                    # a staged parent only counts if the hub does not hold that id for another
                    # office (such a parent is refused as "pemilik" and never merged)
                    f'AND NOT EXISTS (SELECT 1 FROM {parent_stage} p WHERE p.id = s."{col.key}" '
                    f'AND NOT EXISTS (SELECT 1 FROM main."{col.parent}" o '
                    f'WHERE o.id = p.id AND o.owner_office != ?)) '
                    f'AND NOT EXISTS (SELECT 1 FROM main."{col.parent}" m '
                    f'WHERE m.id = s."{col.key}" AND m.owner_office = ?)',
                    (self.village, self.village)).fetchall()
                if not missing:
                    continue
                parent_sheet = next(s.name for s in SCHEMA if s.table == col.parent)
                counts = self.report.counts[sheet.name]
                for rownum, row_id, _ref in missing:
                    self.error(RowError(sheet.name, rownum, col.header, "sync.row.missing_parent",
                                        {"parent": parent_sheet}, row_id))
                    counts.rejected += 1
                    self.report.error_rows += 1
                con.executemany(f"DELETE FROM {stage} WHERE id = ?",
                                [(r[1],) for r in missing])

    # classify --------------------------------------------------------------------------
    def classify(self, con: sqlite3.Connection) -> None:
        self.report.conflicts.clear()
        self.report.nik_clashes.clear()
        for sheet in SCHEMA:
            if sheet.name not in self.opened.manifest.counts:
                continue  # a sheet this bundle does not carry: nothing staged
            sheet = self.staged[sheet.table]
            stage = _stage_name(sheet.table)
            table = f'main."{sheet.table}"'
            same = " AND ".join(f's."{k}" IS m."{k}"' for k in sheet.keys)
            con.execute(f"UPDATE {stage} SET _action = NULL, _was_deleted = NULL")
            con.execute(
                f"UPDATE {stage} AS s SET _was_deleted = m.deleted, _action = CASE "
                "WHEN m.owner_office IS NOT s.owner_office THEN 'pemilik' "
                f"WHEN {same} THEN 'sama' "
                "WHEN m.origin_instance = s.origin_instance THEN CASE "
                "  WHEN s.origin_counter > m.origin_counter THEN 'ubah' "
                "  WHEN s.origin_counter < m.origin_counter THEN 'lama' "
                "  ELSE 'versi' END "
                "WHEN s.version > m.version THEN 'ubah' "
                "WHEN s.version < m.version THEN 'lama' "
                f"ELSE 'versi' END FROM {table} AS m WHERE m.id = s.id")
            con.execute(f"UPDATE {stage} SET _action = 'baru' WHERE _action IS NULL")
            counts = self.report.counts.setdefault(sheet.name, SheetCounts())
            counts.new = counts.updated = counts.deleted = counts.unchanged = 0
            counts.older = counts.conflicts = 0
            for action, deleted, was_deleted, n in con.execute(
                    f"SELECT _action, deleted, coalesce(_was_deleted, 0), count(*) FROM {stage} "
                    "GROUP BY 1, 2, 3"):
                if action in ("baru", "ubah") and deleted and not was_deleted:
                    counts.deleted += n
                elif action == "baru":
                    counts.new += n
                elif action == "ubah":
                    counts.updated += n
                elif action == "sama":
                    counts.unchanged += n
                elif action == "lama":
                    counts.older += n
                else:
                    counts.conflicts += n
            for rownum, row_id, action in con.execute(
                    f"SELECT _row, id, _action FROM {stage} WHERE _action IN ('versi', 'pemilik') "
                    "ORDER BY _row LIMIT 1000"):
                self.report.conflicts.append(Conflict(sheet.name, rownum, row_id, action))
        sheet = SCHEMA[0]
        for rownum, rid, nik, other_id, other_village in con.execute(
                f"{OTHER_VILLAGE_NIK} SELECT s._row, s.id, s.nik, m.id, m.owner_office "
                "FROM s_resident s JOIN other_nik o ON o.nik = s.nik "
                "JOIN main.resident m ON m.id = o.id "
                "WHERE s.nik IS NOT NULL AND s.deleted = 0 AND s._action != 'lama' "
                "ORDER BY s._row LIMIT 1000",
                (self.village,)):
            self.report.nik_clashes.append(NikClash(sheet.name, rownum, rid, mask_nik(nik),
                                                    other_village, other_id))

    # merge -----------------------------------------------------------------------------
    def merge(self, con: sqlite3.Connection) -> list[str]:
        """Apply new and updated rows; returns the residents whose status must be refreshed."""
        for n, sheet in enumerate(SCHEMA):
            self.tick("Menyimpan", n, len(SCHEMA), phase=1)
            sheet = self.staged[sheet.table]
            stage = _stage_name(sheet.table)
            keys = sheet.keys
            cols = ", ".join(f'"{k}"' for k in keys)
            extra_cols, extra_vals = "", ""
            if sheet.table == "resident":
                extra_cols, extra_vals = ', "migrant_status"', ", 'bukan'"
            elif sheet.table == "letter":  # the letter text stays in the village
                extra_cols, extra_vals = ', "fields"', ", ''"
            updates = ", ".join(f'"{k}" = excluded."{k}"' for k in keys if k != "id")
            con.execute(
                f'INSERT INTO main."{sheet.table}" ({cols}{extra_cols}) '
                f"SELECT {cols}{extra_vals} FROM {stage} WHERE _action IN ('baru', 'ubah') "
                f"ORDER BY _row ON CONFLICT(id) DO UPDATE SET {updates}")
        return [r[0] for r in con.execute(
            "SELECT DISTINCT resident_id FROM s_episode WHERE _action IN ('baru', 'ubah')")]

    def drop(self, con: sqlite3.Connection) -> None:
        for sheet in SCHEMA:
            con.execute(f"DROP TABLE IF EXISTS temp.{_stage_name(sheet.table)}")


def refresh_statuses(con: sqlite3.Connection, resident_ids: Sequence[str]) -> None:
    """``resident.migrant_status`` from the episodes, as :func:`app.core.db.recompute_statuses`
    does, in batches on a plain sqlite3 connection."""
    for start in range(0, len(resident_ids), 500):
        ids = list(resident_ids[start:start + 500])
        facts: dict[str, list[EpisodeFacts]] = {rid: [] for rid in ids}
        marks = ", ".join("?" * len(ids))
        for rid, state, reg, dep, ret, created in con.execute(
                "SELECT resident_id, state, registered_on, departed_on, returned_on, created_at "
                f"FROM episode WHERE +deleted = 0 AND resident_id IN ({marks})", ids):
            first = start_date(reg, dep, ret)
            facts[rid].append(EpisodeFacts(
                state=state,
                start=None if first is None else date.fromisoformat(str(first)[:10]),
                created_order=str(created)))
        con.executemany("UPDATE resident SET migrant_status = ? WHERE id = ?",
                        [(str(derive_status(f)), rid) for rid, f in facts.items()])


# -- public API ------------------------------------------------------------------------------


# One resident of another village per NIK found in the bundle (the lowest id): a NIK shared by
# thousands of rows on both sides is then one pair per incoming row, not every pair of the two
# sides (the join was quadratic on duplicates). Parameter: the bundle's village.
OTHER_VILLAGE_NIK = (
    "WITH other_nik AS (SELECT m.nik AS nik, min(m.id) AS id FROM main.resident m "
    "WHERE m.nik IN (SELECT nik FROM s_resident WHERE nik IS NOT NULL) "
    "AND m.owner_office != ? AND +m.deleted = 0 GROUP BY m.nik)")


def _hub_office(ws: Workspace):  # noqa: ANN202 - Office
    office = ws.office()
    if office is None:
        raise AppError("office.not_initialised", path=str(ws.data_dir.root))
    if office.mode != MODE_P4MI:
        raise AppError("sync.import.not_hub")
    return office


def check_village(hub_code: str, village_code: str) -> None:
    if not village_code.startswith(hub_code + ".") or reference.region_level(
            village_code) != "desa" or not reference.region_name(village_code):
        raise AppError("sync.bundle.unexpected_village", village=village_code, regency=hub_code)


def check_practice(hub_practice: bool, manifest: Manifest) -> None:
    """A practice bundle never enters a real hub; a practice hub takes practice bundles only."""
    if manifest.practice and not hub_practice:
        raise AppError("sync.bundle.practice")
    if hub_practice and not manifest.practice:
        raise AppError("sync.bundle.not_practice")


def active_key(con: sqlite3.Connection, village: str) -> tuple[str, str] | None:
    row = con.execute("SELECT public_key, fingerprint FROM sync_village_key "
                      "WHERE village_code = ? AND active = 1 ORDER BY id DESC LIMIT 1",
                      (village,)).fetchone()
    return None if row is None else (row[0], row[1])


def _new_report(opened: OpenedBundle) -> ImportReport:
    m = opened.manifest
    report = ImportReport(
        file_name=opened.file_name, file_sha256=opened.file_sha256, village_code=m.village_code,
        village_name=m.village_name, installation_id=m.installation_id, sequence=m.sequence,
        scope=m.scope, created_at=m.created_at, encrypted=m.encrypted,
        fingerprint=m.public_key.fingerprint)
    report.warnings.extend((w, {}) for w in opened.warnings)
    return report


def preview_import(ws: Workspace, path: Path, *, progress: ProgressFn | None = None,
                   cancel: CancelToken | None = None) -> ImportReport:
    """Everything an import would do, reported, with nothing changed."""
    return _import(ws, Path(path), commit=False, valid_rows_only=False, confirm_key=None,
                   operator=None, backup=False, progress=progress, cancel=cancel)


def import_bundle(ws: Workspace, path: Path, *, valid_rows_only: bool = False,
                  confirm_key: str | None = None, operator: str | None = None,
                  backup: bool = True, progress: ProgressFn | None = None,
                  cancel: CancelToken | None = None) -> ImportReport:
    """Import one bundle into this P4MI hub in one transaction.

    Container-level refusals raise ``AppError`` (nothing changed). Row errors without
    ``valid_rows_only`` give a report with ``status == "ditolak"`` (nothing changed).
    ``confirm_key`` is the fingerprint the clerk confirmed for a village seen for the first time.
    """
    return _import(ws, Path(path), commit=True, valid_rows_only=valid_rows_only,
                   confirm_key=confirm_key, operator=operator, backup=backup,
                   progress=progress, cancel=cancel)


def _import(ws: Workspace, path: Path, *, commit: bool, valid_rows_only: bool,
            confirm_key: str | None, operator: str | None, backup: bool,
            progress: ProgressFn | None, cancel: CancelToken | None) -> ImportReport:
    started = time.perf_counter()
    office = _hub_office(ws)
    operator = operator or office.operator or "P4MI"
    opened = read_bundle(path)
    m = opened.manifest
    check_practice(is_practice(ws), m)
    check_village(office.code, m.village_code)
    report = _new_report(opened)
    if cancel is not None:
        cancel.check()
    with raw_connection(ws.db) as con:
        if con.execute("SELECT 1 FROM sync_bundle_import WHERE file_sha256 = ?",
                       (opened.file_sha256,)).fetchone():
            report.status = STATUS_ALREADY
            if commit:  # a copy cut short by a power cut (older versions) is rewritten now
                try:
                    _archive(ws, opened, known=_archived_elsewhere(con, opened))
                except AppError as exc:  # the import itself is done: say so, go on
                    report.warnings.append((exc.code, dict(exc.params)))
            report.seconds = time.perf_counter() - started
            return report
        key = active_key(con, m.village_code)
        if key is not None and key[0] != m.raw["public_key"]:
            raise AppError("sync.key.mismatch", village=m.village_code, known=key[1],
                           found=report.fingerprint)
        if key is None:
            report.key_status = KEY_NEW
            report.warnings.append(("sync.warn.new_key", {"fingerprint": report.fingerprint}))
            if commit and normalize_fingerprint(confirm_key or "") != report.fingerprint:
                raise AppError("sync.key.unconfirmed", village=m.village_code,
                               fingerprint=report.fingerprint)
        _check_sequence(con, opened)
        report.missing_ranges, older = _sequence_gaps(con, m.village_code, m.installation_id,
                                                      m.sequence, m.released)
        report.missing_sequences = _last_numbers(report.missing_ranges, MAX_GAP_NUMBERS)
        if report.missing_ranges:
            report.warnings.append(("sync.warn.gap", {"missing": format_range_pairs(
                report.missing_ranges)}))
        if m.released:
            report.warnings.append(("sync.warn.released", {"numbers": format_range_pairs(
                m.released)}))
        if older:
            report.warnings.append(("sync.warn.older_bundle", {"newest": older}))
        hub_key: KeyPair | None = load_keypair(ws.data_dir)
        workbook = opened.workbook(hub_key)
        run = _Run(ws, opened, report, progress, cancel)
        try:
            run.stage(con, workbook)
            del workbook
            run.check_knowledge(con)
            run.check_references(con)
            run.classify(con)
            if not commit:
                report.status = STATUS_PREVIEW
                return report
            if report.error_rows and not valid_rows_only:
                report.status = STATUS_REFUSED
                report.refusal = ("sync.import.row_errors", {"rows": report.error_rows})
                return report
            if backup:
                report.backup = backup_database(
                    ws.data_dir.db_path, ws.data_dir.backups,
                    reason=f"sebelum-impor-{m.village_code}-{m.sequence}")
            if cancel is not None:
                cancel.check()
            con.execute("BEGIN IMMEDIATE")
            run.classify(con)  # again, under the write lock: nothing can change in between
            touched = run.merge(con)
            refresh_statuses(con, touched)
            if cancel is not None:
                cancel.check()
            report.status = STATUS_PARTIAL if report.error_rows else STATUS_IMPORTED
            _record(con, run, report, key is None, operator)
            # the archive copy is whole on disk before the import is: a cut in between leaves
            # a whole copy and no import, which the next try completes
            _archive(ws, opened, known=_archived_elsewhere(con, opened))
            con.execute("COMMIT")
        except Cancelled:
            if con.in_transaction:
                con.execute("ROLLBACK")
            raise
        finally:
            if con.in_transaction:
                con.execute("ROLLBACK")
            run.drop(con)
    report.seconds = time.perf_counter() - started
    return report


def _record(con: sqlite3.Connection, run: _Run, report: ImportReport, new_key: bool,
            operator: str) -> None:
    m = run.opened.manifest
    now = stamp()
    if new_key:
        con.execute(
            "INSERT INTO sync_village_key (village_code, public_key, fingerprint, "
            "installation_id, source, trusted_at, trusted_by, active, reason) "
            "VALUES (?, ?, ?, ?, 'paket', ?, ?, 1, '')",
            (m.village_code, m.raw["public_key"], report.fingerprint, m.installation_id, now,
             operator))
    cur = con.execute(
        "INSERT INTO sync_bundle_import (file_sha256, file_name, village_code, installation_id, "
        "sequence, kind, bundle_created_at, imported_at, operator, status, counts, rejected, "
        "warnings) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (report.file_sha256, report.file_name[:200], m.village_code, m.installation_id,
         m.sequence, m.scope, m.created_at[:40], now, operator, report.status,
         json.dumps({k: v.as_dict() for k, v in report.counts.items()}, sort_keys=True),
         json.dumps([e.to_json() for e in report.errors], ensure_ascii=False),
         json.dumps(report.warnings, ensure_ascii=False, default=str)))
    import_id = int(cur.lastrowid or 0)
    report.import_id = import_id
    for sheet in SCHEMA:
        stage = _stage_name(sheet.table)
        staged_keys = [r[1] for r in con.execute(f"PRAGMA temp.table_info({stage})")
                       if not r[1].startswith("_")]  # a v1 bundle stages fewer columns
        pairs = ", ".join(f"'{k}', \"{k}\"" for k in staged_keys)
        rows = con.execute(f"SELECT id, _action, json_object({pairs}) FROM {stage} "
                           "WHERE _action IN ('versi', 'pemilik')").fetchall()
        con.executemany(
            "INSERT INTO sync_conflict (import_id, village_code, table_name, row_id, reason, "
            "incoming, detected_at, resolved) VALUES (?, ?, ?, ?, ?, ?, ?, 0)",
            [(import_id, m.village_code, sheet.table, rid, action, payload, now)
             for rid, action, payload in rows])
    con.execute(
        f"{OTHER_VILLAGE_NIK} "
        "INSERT OR IGNORE INTO sync_nik_flag (nik, resident_id, village_code, other_resident_id, "
        "other_village, import_id, first_seen, status) "
        "SELECT s.nik, s.id, s.owner_office, m.id, m.owner_office, ?, ?, 'baru' FROM s_resident s "
        "JOIN other_nik o ON o.nik = s.nik JOIN main.resident m ON m.id = o.id "
        "WHERE s.nik IS NOT NULL AND s.deleted = 0 AND s._action != 'lama'",
        (m.village_code, import_id, now))
    _advance_knowledge(con, run, report)
    audit_event(con, "import", operator, entity="paket", entity_id=str(import_id),
                village=m.village_code, sequence=m.sequence, file=report.file_name,
                sha256=report.file_sha256, status=report.status,
                new=report.total("new"), updated=report.total("updated"),
                deleted=report.total("deleted"), rejected=report.error_rows,
                conflicts=report.total("conflicts"))


def _advance_knowledge(con: sqlite3.Connection, run: _Run, report: ImportReport) -> None:
    m = run.opened.manifest
    held = dict(con.execute("SELECT instance_id, counter FROM sync_knowledge "
                            "WHERE village_code = ?", (m.village_code,)).fetchall())
    if any(held.get(inst, 0) < counter for inst, counter in m.base.items()):
        # The village thinks we hold more than we do (our data was restored from an older
        # backup?): its bundle lacks changes we never got. Keep our vector; ask for a full one.
        report.warnings.append(("sync.warn.base_ahead", {}))
        return
    if report.error_rows:
        # Only the valid rows were taken: the hub must not claim to hold the village's changes
        # up to this bundle, or the rejected rows (fixed later in the village) would never be
        # sent again. Keep the vector; the next bundle repeats the rest, which costs nothing.
        return
    # Claim no more than the rows received show (or the hub already held): a counter above
    # every row of its installation stands for no change at all, and claiming it would make
    # the village hold back later changes it believes the hub has.
    evidence = run.evidence
    con.executemany(
        "INSERT INTO sync_knowledge (village_code, instance_id, counter) VALUES (?, ?, ?) "
        "ON CONFLICT(village_code, instance_id) DO UPDATE SET counter = "
        "max(counter, excluded.counter)",
        [(m.village_code, inst, min(counter, max(evidence.get(inst, 0), held.get(inst, 0))))
         for inst, counter in m.knowledge.items()])


def _check_sequence(con: sqlite3.Connection, opened: OpenedBundle) -> None:
    """Refuse an absurd jump of the sequence number, and a different file reusing one."""
    m = opened.manifest
    newest = con.execute(
        "SELECT max(sequence) FROM sync_bundle_import WHERE village_code = ? "
        "AND installation_id = ?", (m.village_code, m.installation_id)).fetchone()[0] or 0
    if m.sequence > newest + MAX_SEQUENCE_JUMP:
        raise AppError("sync.bundle.sequence_jump", sequence=m.sequence, newest=newest,
                       maximum=MAX_SEQUENCE_JUMP)
    other = con.execute(
        "SELECT file_name FROM sync_bundle_import WHERE village_code = ? AND installation_id = ? "
        "AND sequence = ? AND file_sha256 != ? LIMIT 1",
        (m.village_code, m.installation_id, m.sequence, opened.file_sha256)).fetchone()
    if other is not None:
        raise AppError("sync.bundle.sequence_reused", sequence=m.sequence, file=other[0])


def _sequence_gaps(con: sqlite3.Connection, village: str, installation: str, sequence: int,
                   released: Sequence[tuple[int, int]] = ()
                   ) -> tuple[list[tuple[int, int]], int | None]:
    """The numbers below the highest one not received (nor released by the village), as
    ``(first, last)`` ranges: never a list of every number, whatever the numbers are."""
    seen = sorted({r[0] for r in con.execute(
        "SELECT sequence FROM sync_bundle_import WHERE village_code = ? AND installation_id = ?",
        (village, installation))})
    newest = seen[-1] if seen else None
    gaps: list[tuple[int, int]] = []
    prev = 0
    for n in sorted(set(seen) | {sequence}):
        if n > prev + 1:
            gaps.append((prev + 1, n - 1))
        prev = n
    for first, last in sorted(released):
        kept: list[tuple[int, int]] = []
        for a, b in gaps:
            if last < a or first > b:
                kept.append((a, b))
                continue
            if a < first:
                kept.append((a, first - 1))
            if b > last:
                kept.append((last + 1, b))
        gaps = kept
    older = newest if newest is not None and sequence < newest else None
    return gaps, older


def _last_numbers(ranges: Sequence[tuple[int, int]], limit: int) -> list[int]:
    """The highest ``limit`` numbers of the ranges, ascending."""
    out: list[int] = []
    for first, last in reversed(ranges):
        n = last
        while n >= first and len(out) < limit:
            out.append(n)
            n -= 1
        if len(out) >= limit:
            break
    return sorted(out)


def format_range_pairs(ranges: Sequence[tuple[int, int]], dash: str = "-",
                       limit: int = 50) -> str:
    """``[(1, 3), (7, 7)]`` as ``"1-3, 7"`` (at most ``limit`` ranges, then "...")."""
    parts = [f"{a}" if a == b else f"{a}{dash}{b}" for a, b in ranges[:limit]]
    if len(ranges) > limit:
        parts.append("...")
    return ", ".join(parts)


def format_ranges(numbers: Sequence[int], dash: str = "-") -> str:
    """``[1, 2, 3, 7]`` as ``"1-3, 7"`` (sequence gaps in reports and on screen)."""
    out: list[str] = []
    start = prev = None
    for n in sorted(numbers):
        if start is None:
            start = prev = n
        elif n == prev + 1:
            prev = n
        else:
            out.append(f"{start}" if start == prev else f"{start}{dash}{prev}")
            start = prev = n
    if start is not None:
        out.append(f"{start}" if start == prev else f"{start}{dash}{prev}")
    return ", ".join(out)


def archive_path(ws: Workspace, opened: OpenedBundle) -> Path:
    return ws.data_dir.inbox / opened.manifest.village_code / opened.file_name


def _archived_elsewhere(con: sqlite3.Connection, opened: OpenedBundle) -> set[str]:
    """SHA-256 of the other imported bundles of this village with the same file name."""
    return {r[0] for r in con.execute(
        "SELECT file_sha256 FROM sync_bundle_import WHERE village_code = ? AND file_name = ? "
        "AND file_sha256 != ?", (opened.manifest.village_code, opened.file_name[:200],
                                 opened.file_sha256))}


def _file_sha256(path: Path) -> str | None:
    import hashlib

    try:
        with open(path, "rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return None


def _archive(ws: Workspace, opened: OpenedBundle, *, known: set[str]) -> Path:
    """Keep a whole copy of an imported bundle in the inbox folder (``masuk/<village>/``),
    written with the one atomic writer. A copy already there is checked: the same bundle is
    kept, a damaged or half-written one (a power cut in older versions) is rewritten, and
    another imported bundle that happens to have the same name is left alone (this one goes
    next to it under a name with its checksum)."""
    import hashlib

    from sync.container import write_file_atomic

    target = archive_path(ws, opened)
    found = _file_sha256(target) if target.exists() else None
    if found == opened.file_sha256:
        return target
    if found is not None and found in known:
        target = target.with_name(f"{target.stem}_{opened.file_sha256[:12]}{target.suffix}")
        if _file_sha256(target) == opened.file_sha256:
            return target
    try:
        blob = opened.path.read_bytes()
    except OSError as exc:
        raise AppError("sync.bundle.unreadable", path=str(opened.path),
                       detail=exc.strerror or str(exc)) from exc
    if hashlib.sha256(blob).hexdigest() != opened.file_sha256:
        # the file changed on the stick while it was being imported
        raise AppError("sync.bundle.damaged", detail="berkas berubah selama impor")
    write_file_atomic(target, blob, error_code="sync.import.archive_failed")
    return target


PROGRESS_STEPS = 1000
"""Steps of one bundle in :func:`import_many`'s overall progress."""


def _bundle_progress(progress: ProgressFn | None, n: int, count: int) -> ProgressFn:
    """Bundle ``n`` of ``count``: its own rows read and saved, as a share of the whole run,
    so the bar moves through a single big bundle too (issue 14: it stood still)."""

    def report(inner: Progress) -> None:
        if progress is None:
            return
        share = int((inner.fraction or 0.0) * PROGRESS_STEPS)
        label = f"Paket {n + 1} dari {count}" + (f": {inner.label}" if inner.label else "")
        progress(Progress(label, n * PROGRESS_STEPS + share, count * PROGRESS_STEPS))

    return report


def import_many(ws: Workspace, paths: Sequence[Path], *, valid_rows_only: bool = False,
                confirm_keys: dict[str, str] | None = None, operator: str | None = None,
                dry_run: bool = False, progress: ProgressFn | None = None,
                cancel: CancelToken | None = None) -> list[tuple[Path, ImportReport | AppError]]:
    """Import several bundles (a USB stick from many villages): one backup first, then each
    bundle in its own transaction, ordered by village and sequence. A refused bundle does not
    stop the others."""
    ordered: list[tuple[tuple[str, int, str], Path]] = []
    for p in paths:
        try:
            opened = read_bundle(p)
            ordered.append(((opened.manifest.village_code, opened.manifest.sequence, p.name), p))
        except AppError:
            ordered.append((("~", 0, p.name), p))
    ordered.sort(key=lambda item: item[0])
    results: list[tuple[Path, ImportReport | AppError]] = []
    if not dry_run and ordered:
        _hub_office(ws)
        backup_database(ws.data_dir.db_path, ws.data_dir.backups, reason="sebelum-impor-banyak")
    for n, (_key, p) in enumerate(ordered):
        if cancel is not None:
            cancel.check()
        step = _bundle_progress(progress, n, len(ordered))
        step(Progress("", 0, 0))
        try:
            if dry_run:
                results.append((p, preview_import(ws, p, progress=step, cancel=cancel)))
            else:
                village = _key[0]
                results.append((p, import_bundle(
                    ws, p, valid_rows_only=valid_rows_only,
                    confirm_key=(confirm_keys or {}).get(village), operator=operator,
                    backup=False, progress=step, cancel=cancel)))
        except AppError as exc:
            results.append((p, exc))
    return results
