"""Bundles carry the checkpoint (issue 9 point 7): format v2 brings the new episode fields and
the red-flag rows to the hub; a v1 bundle still imports and keeps what the hub already has."""

from __future__ import annotations

import io
import sqlite3
from pathlib import Path

from sqlalchemy import select

from app.core.models import Episode, EpisodeFlag
from app.core.services import episodes
from sync.importer import STATUS_IMPORTED
from sync.schema import FORMAT_VERSION, SCHEMA, schema_for
from tests.sync.conftest import (
    digest,
    export,
    fingerprint_of,
    import_,
    read_sheets,
    repack,
    unpack,
    village_keypair,
)


def _hub_rows(hub, sql: str, *args):
    con = sqlite3.connect(hub.data_dir.db_path)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def test_v2_bundle_carries_new_fields_and_flags(village, hub, tmp_path: Path) -> None:
    assert FORMAT_VERSION == 2 and SCHEMA[-1].name == "Tanda Bahaya"
    with village.db.session() as s:
        flags = s.scalars(select(EpisodeFlag)).all()
        with_visa = s.scalars(select(Episode).where(Episode.visa_no != "")).first()
    assert flags and with_visa is not None
    path = export(village, tmp_path / "usb")
    manifest, _ = unpack(path)
    assert manifest["format_version"] == 2 and manifest["counts"]["Tanda Bahaya"] == len(flags)
    report = import_(hub, path, confirm_key=fingerprint_of(path))
    assert report.status == STATUS_IMPORTED and not report.errors
    assert digest(village) == digest(hub)  # every column of every sheet, flags included
    assert _hub_rows(hub, "SELECT visa_no, pk_no FROM episode WHERE id = ?", with_visa.id) == [
        (with_visa.visa_no, with_visa.pk_no)]
    # a flag accepted later in the village reaches the hub in the next (incremental) bundle
    with village.db.session() as s:
        ep_id = s.scalar(select(EpisodeFlag.episode_id).where(
            EpisodeFlag.accepted.is_(False), EpisodeFlag.cleared.is_(False)).limit(1))
    with village.db.unit_of_work("Sekdes") as s:
        episodes.accept_flags(s, ep_id, "Sudah dicek ke P3MI dan P4MI")
    second = export(village, tmp_path / "usb2")
    assert import_(hub, second).status == STATUS_IMPORTED
    assert digest(village) == digest(hub)
    assert _hub_rows(hub, "SELECT DISTINCT accepted_reason FROM episode_flag "
                          "WHERE episode_id = ? AND cleared = 0", ep_id) == [
        ("Sudah dicek ke P3MI dan P4MI",)]


def _as_v1(workbook: bytes) -> tuple[bytes, dict[str, int]]:
    """The same data written as format v1: no flag sheet, no v2 episode columns."""
    from sync.xlsx import SheetSpecW, XlsxWriter

    sheets = read_sheets(workbook)
    buf = io.BytesIO()
    writer = XlsxWriter(buf)
    counts = {}
    for sheet in schema_for(1):
        rows = sheets[sheet.name]
        header = [str(h) for h in rows[0]]
        keep = [header.index(h) for h in sheet.headers]
        kinds = [c.xlsx_kind for c in sheet.columns]
        body = [[int(r[i]) if k == "int" and isinstance(r[i], float) else r[i]
                 for i, k in zip(keep, kinds, strict=True)] for r in rows[1:]]
        writer.add_sheet(SheetSpecW(sheet.name, sheet.headers, kinds), body, len(body))
        counts[sheet.name] = len(body)
    writer.close()
    return buf.getvalue(), counts


def test_v1_bundle_imports_and_keeps_the_hubs_v2_values(village, hub, tmp_path: Path) -> None:
    first = export(village, tmp_path / "usb", full=True)
    import_(hub, first, confirm_key=fingerprint_of(first))
    with village.db.session() as s:
        ep = s.scalars(select(Episode).where(Episode.visa_no != "")).first()
    # the village (an old installation, say) changes a v1 field and sends a v1 bundle
    with village.db.unit_of_work("op") as s:
        s.get(Episode, ep.id).notes = "Catatan dari paket lama"
    src = export(village, tmp_path / "usb2", full=True)
    manifest, workbook = unpack(src)
    v1_workbook, counts = _as_v1(workbook)
    manifest = dict(manifest, format_version=1, sequence=manifest["sequence"] + 1)
    old = repack(tmp_path / "v1" / src.name.replace(f"_{manifest['sequence'] - 1:06d}",
                                                    f"_{manifest['sequence']:06d}"),
                 manifest, v1_workbook, village_keypair(village), counts=counts)
    report = import_(hub, old)
    assert report.status == STATUS_IMPORTED and not report.errors, report.errors
    assert "Tanda Bahaya" not in report.counts
    rows = _hub_rows(hub, "SELECT notes, visa_no FROM episode WHERE id = ?", ep.id)
    assert rows == [("Catatan dari paket lama", ep.visa_no)]  # v2 value kept
    assert _hub_rows(hub, "SELECT count(*) FROM episode_flag")[0][0] > 0  # flags kept


def test_bundle_from_the_future_or_without_the_flag_sheet_is_refused(village, hub,
                                                                       tmp_path: Path) -> None:
    import pytest

    from app.core.errors import AppError

    src = export(village, tmp_path / "usb", full=True)
    manifest, workbook = unpack(src)
    counts = {k: v for k, v in manifest["counts"].items() if k != "Tanda Bahaya"}
    bad = repack(tmp_path / "bad" / src.name, manifest, workbook, village_keypair(village),
                 counts=counts)
    with pytest.raises(AppError) as err:
        import_(hub, bad, confirm_key=fingerprint_of(bad))
    assert err.value.code == "sync.bundle.bad_manifest"
    assert _hub_rows(hub, "SELECT count(*) FROM episode")[0][0] == 0  # nothing changed
