"""What the hub already holds of a village: sequence numbers received (jumps, reuse, gaps) and
the archive copy of each imported bundle in ``masuk/``."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Sequence
from pathlib import Path

from app.core.atomic import write_atomic
from app.core.errors import AppError
from app.core.workspace import Workspace
from sync.container import OpenedBundle
from sync.importer.report import ImportReport, format_range_pairs

# A village exports a few bundles a week: a jump of more than this many sequence numbers past
# the newest received (or a first bundle numbered above it) is not a lost stick but a forged or
# broken manifest. Likewise a knowledge counter far above every change the bundle and the hub
# hold: taken as it is, the receipt would tell the village the hub holds changes it never got.
MAX_SEQUENCE_JUMP = 10_000
ARCHIVE_CHUNK = 1 << 20  # bytes copied at a time into the archive copy
MAX_GAP_NUMBERS = 200  # numbers kept in ImportReport.missing_sequences (the ranges are whole)


def already_imported(con: sqlite3.Connection, sha256: str) -> bool:
    """Whether the file (or a package's village part) with this SHA-256 is on record as
    imported: the one "already imported" lookup of the import, its quick folder check, the
    village lock and the hub's package import."""
    return con.execute("SELECT 1 FROM sync_bundle_import WHERE file_sha256 = ?",
                       (sha256,)).fetchone() is not None


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


def note_sequence(con: sqlite3.Connection, opened: OpenedBundle, report: ImportReport) -> None:
    """The bundle's number against those imported before, for the import and its quick check
    alike: a reused number is refused; gaps, numbers the village released and a bundle older
    than the newest imported become warnings on ``report``."""
    m = opened.manifest
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

    target = archive_path(ws, opened)
    found = _file_sha256(target) if target.exists() else None
    if found == opened.file_sha256:
        return target
    if found is not None and found in known:
        target = target.with_name(f"{target.stem}_{opened.file_sha256[:12]}{target.suffix}")
        if _file_sha256(target) == opened.file_sha256:
            return target
    def produce(tmp: Path) -> None:
        """Copied a MiB at a time (a hub's package is up to 512 MiB), checked as it goes."""
        try:
            source = open(opened.path, "rb")  # noqa: SIM115 - closed by the with below
        except OSError as exc:
            raise AppError("sync.bundle.unreadable", path=str(opened.path),
                           detail=exc.strerror or str(exc)) from exc
        digest = hashlib.sha256()
        with source, open(tmp, "wb") as out:
            while chunk := source.read(ARCHIVE_CHUNK):
                digest.update(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        if digest.hexdigest() != opened.file_sha256:
            # the file changed on the stick while it was being imported
            raise AppError("sync.bundle.damaged", detail="berkas berubah selama impor")

    write_atomic(target, produce, error_code="sync.import.archive_failed")
    return target
