"""``python -m sync laporan``: the P4MI report for a period, as .xlsx or .pdf.

    python -m sync laporan --data-dir HUB --dari 2026-01-01 --sampai 2026-06-30 --out L.xlsx

Kept in its own module so the parser of :mod:`sync.cli` only gains two lines.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"tanggal '{text}' tidak benar; tulis sebagai TTTT-BB-HH, mis. 2026-01-31") from None


def add_parser(sub: Any) -> None:
    lp = sub.add_parser("laporan", help="P4MI: laporan satu periode (.xlsx atau .pdf)")
    lp.add_argument("--data-dir", required=True)
    lp.add_argument("--dari", required=True, type=_day, metavar="TTTT-BB-HH")
    lp.add_argument("--sampai", required=True, type=_day, metavar="TTTT-BB-HH")
    lp.add_argument("--out", required=True, help="berkas .xlsx atau .pdf, atau folder")
    lp.add_argument("--menunggu-hari", type=int, default=90, dest="waiting_days",
                    help="CPMI menunggu sejak berapa hari (bawaan 90)")
    lp.add_argument("--tanpa-kabar-bulan", type=int, default=3, dest="no_news_months",
                    help="tanpa kabar sejak berapa bulan (bawaan 3)")


def cmd_laporan(args: argparse.Namespace) -> int:
    from app.core.cli_support import EXIT_OK
    from app.core.errors import AppError
    from app.core.paths import DataDir, resolve_data_dir
    from app.core.workspace import open_workspace
    from sync.report import build_period_report, report_file_name, write_report

    data_dir = DataDir(resolve_data_dir(args.data_dir))
    if not data_dir.exists():
        raise AppError("office.not_initialised", path=str(data_dir.root))
    ws = open_workspace(data_dir, exclusive=False)
    try:
        report = build_period_report(ws, args.dari, args.sampai,
                                     waiting_days=args.waiting_days,
                                     no_news_months=args.no_news_months)
        dest = Path(args.out)
        if dest.is_dir():
            dest = dest / report_file_name(report.regency_code, args.dari, args.sampai)
        write_report(report, dest)
        from app.core.services.audit import log_event

        with ws.db.unit_of_work("P4MI") as s:
            log_event(s, "report_export", entity="laporan", entity_id=dest.name,
                      dari=args.dari.isoformat(), sampai=args.sampai.isoformat())
    finally:
        ws.close()
    total = report.table("Per Kecamatan").rows[-1]
    print(f"Laporan {args.dari:%d/%m/%Y}-{args.sampai:%d/%m/%Y} ditulis ke {dest}: "
          f"{total[3]} penduduk, {total[5]} berangkat, {total[6]} pulang, "
          f"{total[7]} kasus dalam periode.")
    return EXIT_OK
