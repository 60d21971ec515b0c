"""Command line of the relay upward (``python -m sync export-paket`` and friends; a package
given to ``python -m sync import`` is handled here too). Logic in :mod:`sync.relay`; the
warnings, the village reports and an import's outcome are printed as for a village bundle
(:mod:`sync.cli`)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from app.core.cli_support import EXIT_OK, EXIT_REFUSED
from app.core.messages import message


def add_parsers(sub: Any) -> None:
    e = sub.add_parser("export-paket",
                       help="hub kabupaten/provinsi: buat paket kabupaten untuk hub di atasnya")
    e.add_argument("--data-dir", required=True)
    e.add_argument("--out", required=True, help="folder tujuan (mis. flashdisk)")
    e.add_argument("--full", action="store_true",
                   help="semua data desa, bukan hanya yang belum diterima hub atas")
    r = sub.add_parser("receipt-paket",
                       help="hub provinsi/nasional: tulis tanda terima untuk hub di bawahnya")
    r.add_argument("--data-dir", required=True)
    r.add_argument("--hub", required=True, metavar="KODE", help="kode hub pengirim, mis. 18.07")
    r.add_argument("--out", required=True, help="berkas atau folder tujuan")
    ir = sub.add_parser("import-receipt-paket",
                        help="hub kabupaten/provinsi: impor tanda terima dari hub atas")
    ir.add_argument("--data-dir", required=True)
    ir.add_argument("receipt")
    ir.add_argument("--confirm-key", metavar="KODE_KUNCI",
                    help="kode kunci hub atas yang sudah dipastikan (tanda terima pertama)")


def _open(path: str) -> Any:
    from sync.cli import _open as open_ws

    return open_ws(path)


def cmd_export_paket(args: argparse.Namespace) -> int:
    from sync.cli import _warn
    from sync.relay import export_paket

    ws = _open(args.data_dir)
    try:
        report = export_paket(ws, Path(args.out), full=args.full)
    finally:
        ws.close()
    _warn(report.warnings)
    print(report.path)
    print(f"  {len(report.villages)} desa, {report.total_rows} baris, nomor urut "
          f"{report.sequence}, {report.scope}, "
          f"{'terenkripsi' if report.encrypted else 'TIDAK terenkripsi'}")
    return EXIT_OK


def cmd_receipt_paket(args: argparse.Namespace) -> int:
    from app.core import reference
    from sync.relay import make_paket_receipt

    ws = _open(args.data_dir)
    try:
        out = make_paket_receipt(ws, reference.normalize_region_code(args.hub) or args.hub,
                                 Path(args.out))
    finally:
        ws.close()
    print(out)
    return EXIT_OK


def cmd_import_receipt_paket(args: argparse.Namespace) -> int:
    from sync.relay import import_paket_receipt

    ws = _open(args.data_dir)
    try:
        content = import_paket_receipt(ws, Path(args.receipt), confirm_key=args.confirm_key)
    finally:
        ws.close()
    print(f"Tanda terima dari {content.get('issuer_name', '')} ({content.get('issuer_code')}) "
          f"dicatat: {len(content['villages'])} desa diterima, paket nomor urut tertinggi "
          f"{content.get('highest_sequence')}.")
    return EXIT_OK


HANDLERS = {"export-paket": cmd_export_paket, "receipt-paket": cmd_receipt_paket,
            "import-receipt-paket": cmd_import_receipt_paket}


def print_paket_report(report: Any, out: Any = None) -> None:
    from sync.cli import STATUS_LABELS, print_report

    out = out or sys.stdout
    w = out.write
    label = STATUS_LABELS.get(report.status, report.status)
    w(f"{report.file_name}: PAKET KABUPATEN {label}\n")
    w(f"  Hub {report.hub_code} {report.hub_name}, nomor urut {report.sequence}, "
      f"{report.scope}, dibuat {report.created_at}, "
      f"{'terenkripsi' if report.encrypted else 'TIDAK terenkripsi'}\n")
    w(f"  Kunci hub {report.fingerprint} ({report.key_status}); {len(report.villages)} desa\n")
    for code, params in report.warnings:
        w("  Peringatan: " + message(code, "id", **params) + "\n")
    for village in report.villages:
        village.warnings = []  # the package's warnings are printed once, above
        print_report(village, out)


def import_paket_paths(args: argparse.Namespace, paths: list[Path], ws_opener: Any) -> int:
    """``python -m sync import`` given a package (one at a time)."""
    from sync.cli import report_outcome
    from sync.relay import import_paket, preview_paket

    if len(paths) != 1:
        sys.stderr.write(message("sync.paket.too_many", "id", count=len(paths)) + "\n")
        return EXIT_REFUSED
    ws = ws_opener(args.data_dir)
    try:
        if args.dry_run:
            report = preview_paket(ws, paths[0])
        else:
            report = import_paket(ws, paths[0], valid_rows_only=args.valid_rows_only,
                                  confirm_key=args.confirm_key, operator=args.operator)
    finally:
        ws.close()
    return report_outcome(report, print_paket_report)


def verify_paket(args: argparse.Namespace, ws_opener: Any) -> int:
    """``python -m sync verify PAKET [--data-dir HUB]``: the checks, nothing imported."""
    from sync.dbutil import raw_connection
    from sync.importer import active_key
    from sync.relay import check_paket_region, read_paket

    opened = read_paket(Path(args.bundle))
    print(f"Paket kabupaten {opened.file_name}: hub {opened.hub_code} {opened.hub_name}, "
          f"nomor urut {opened.sequence}, {opened.scope}, dibuat {opened.raw['created_at']}")
    print(f"Tanda tangan sah; kode kunci hub: {opened.fingerprint}")
    for v in opened.villages:
        print(f"  Desa {v.code} {v.name}: " + ", ".join(f"{k} {n}" for k, n in v.counts.items()))
    if opened.practice:
        print("PAKET LATIHAN (mode latihan): tidak akan diimpor ke data yang sebenarnya.")
    if args.data_dir:
        ws = ws_opener(args.data_dir, exclusive=False)
        try:
            office = ws.office()
            if office is not None and office.is_p4mi:
                check_paket_region(office.code, opened)
                with raw_connection(ws.db) as con:
                    key = active_key(con, opened.hub_code)
                if key is None:
                    print(f"Kunci hub belum tercatat (paket pertama): {opened.fingerprint}")
                elif key[0] != opened.raw["public_key"]:
                    from app.core.errors import AppError

                    raise AppError("sync.paket.key_mismatch", hub=opened.hub_code,
                                   known=key[1], found=opened.fingerprint)
                else:
                    print("Kunci hub cocok dengan yang tercatat.")
        finally:
            ws.close()
    return EXIT_OK
