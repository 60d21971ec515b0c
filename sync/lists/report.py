"""The preview and the refused rows as text (command line, printable list) and as a workbook
of the refused rows to fix and import again (through the safe XLSX writer)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from app.core.formatting import datetime_text
from app.core.messages import message
from sync.container import write_file_atomic
from sync.lists.mapping import FIELDS
from sync.lists.plan import DECIDE, REFUSED, Preview
from sync.xlsx import KIND_TEXT, SheetSpecW, XlsxWriter

LABELS = {"new": "Baru", "update": "Diperbarui", "unchanged": "Sudah sama (tidak berubah)",
          "skip": "Dilewati (sudah terdaftar)", "decide": "Tanpa NIK, cocok dengan penduduk "
          "terdaftar (perlu keputusan)", "refused": "Ditolak"}


def reason_text(code: str, params: dict[str, Any]) -> str:
    return message(code, "id", **params)


def report_lines(preview: Preview, *, limit: int = 200) -> list[str]:
    """The preview in plain Indonesian: counts, refused rows grouped by reason, warnings."""
    out = [f"Berkas: {preview.file_name} (SHA-256 {preview.sha256[:16]}...)",
           f"Lembar: {preview.sheet}, baris judul {preview.header_row}",
           "Pemetaan kolom: " + ", ".join(
               f"{preview.headers[c]} -> {FIELDS[f][0]}" for c, f in
               sorted(preview.mapping.items()))]
    if preview.imported_before is not None:
        out.append(f"Catatan: berkas yang sama sudah diimpor pada "
                   f"{datetime_text(preview.imported_before, utc=False)} UTC.")
    out.append("")
    for action, count in preview.counts.items():
        out.append(f"{LABELS[action]}: {count}")
    groups = preview.refused_by_reason()
    if groups:
        out += ["", "Baris yang ditolak, menurut alasan:"]
        for code, items in sorted(groups.items(), key=lambda kv: -len(kv[1])):
            first = items[0][1]
            out.append(f"- {reason_text(code, first.params)} ({len(items)} baris)")
            for row, problem in items[:limit]:
                place = ", ".join(x for x in (
                    f"kolom {problem.column}" if problem.column else "",
                    f"sel {problem.cell}" if problem.cell else "") if x)
                line = f"    baris {row.rownum}" + (f" ({place})" if place else "")
                if problem.value:
                    line += f": '{problem.value}'"
                if problem.params != first.params:
                    line += f" - {reason_text(code, problem.params)}"
                out.append(line)
            if len(items) > limit:
                out.append(f"    ... dan {len(items) - limit} baris lagi")
    decide = [r for r in preview.rows if r.action == DECIDE]
    if decide:
        out += ["", "Tanpa NIK, cocok dengan nama + tanggal lahir + KK penduduk terdaftar:"]
        out += [f"    baris {r.rownum}: {r.name}" for r in decide[:limit]]
    warnings = preview.warnings()
    if warnings:
        out += ["", f"Peringatan (baris tetap diimpor): {len(warnings)}"]
        for row, w in warnings[:limit]:
            out.append(f"    baris {row.rownum}: {reason_text(w.code, w.params)}")
    return out


def refused_rows_workbook(preview: Preview) -> bytes:
    """The refused rows as they were read, plus the reasons, to fix and import again."""
    rows = [r for r in preview.rows if r.action == REFUSED]
    headers = ["Baris asal", "Alasan ditolak", *preview.headers]
    spec = SheetSpecW("Ditolak", headers, [KIND_TEXT] * len(headers),
                      [10, 60] + [16] * len(preview.headers))

    def values() -> Iterator[list[str]]:
        for r in rows:
            reasons = "; ".join(
                reason_text(p.code, p.params) + (f" ({p.cell})" if p.cell else "")
                for p in r.problems)
            cells = ["" if v is None else (v if isinstance(v, str) else _cell_text(v))
                     for v in r.cells]
            yield [str(r.rownum), reasons, *cells]

    buf = io.BytesIO()
    writer = XlsxWriter(buf)
    writer.add_sheet(spec, values(), len(rows))
    writer.close()
    return buf.getvalue()


def _cell_text(value: object) -> str:
    from sync.lists.normalise import shown

    return shown(value)


def write_refused_rows(preview: Preview, dest: Path) -> int:
    blob = refused_rows_workbook(preview)
    write_file_atomic(dest, blob, error_code="lists.unreadable")
    return preview.count(REFUSED)
