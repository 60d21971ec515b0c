"""The P4MI desk's commands, kept in their own module so :mod:`sync.cli` only gains two lines.

    python -m sync laporan --data-dir HUB --dari 2026-01-01 --sampai 2026-06-30 --out L.xlsx
    python -m sync buletin --data-dir HUB --village KODE --out FOLDER [--info INFO.json]
    python -m sync import-buletin --data-dir DESA BERKAS.bmdb
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

from app.core.formatting import date_text


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"tanggal '{text}' tidak benar; tulis sebagai TTTT-BB-HH, mis. 2026-01-31") from None


def add_desk_parsers(sub: Any) -> None:
    lp = sub.add_parser("laporan", help="P4MI: laporan satu periode (.xlsx atau .pdf)")
    lp.add_argument("--data-dir", required=True)
    lp.add_argument("--dari", required=True, type=_day, metavar="TTTT-BB-HH")
    lp.add_argument("--sampai", required=True, type=_day, metavar="TTTT-BB-HH")
    lp.add_argument("--out", required=True, help="berkas .xlsx atau .pdf, atau folder")
    lp.add_argument("--menunggu-hari", type=int, default=90, dest="waiting_days",
                    help="CPMI menunggu sejak berapa hari (bawaan 90)")
    lp.add_argument("--tanpa-kabar-bulan", type=int, default=3, dest="no_news_months",
                    help="tanpa kabar sejak berapa bulan (bawaan 3)")
    bp = sub.add_parser("buletin", help="P4MI: tulis buletin bertanda tangan untuk satu desa")
    bp.add_argument("--data-dir", required=True)
    bp.add_argument("--village", required=True, metavar="KODE")
    bp.add_argument("--out", required=True, help="berkas atau folder tujuan")
    bp.add_argument("--info", metavar="INFO.json",
                    help="simpan dulu informasi untuk desa (lowongan, P3MI berizin, negara "
                         "tujuan, pembaruan referensi)")
    ib = sub.add_parser("import-buletin", help="desa: impor buletin P4MI")
    ib.add_argument("--data-dir", required=True)
    ib.add_argument("bulletin", metavar="BERKAS")


def cmd_laporan(args: argparse.Namespace) -> int:
    from app.core.cli_support import EXIT_OK
    from sync.report import build_period_report, report_file_name, write_report

    ws = _open(args.data_dir, exclusive=False)
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
    print(f"Laporan {date_text(args.dari)}-{date_text(args.sampai)} ditulis ke {dest}: "
          f"{total[3]} penduduk, {total[5]} berangkat, {total[6]} pulang, "
          f"{total[7]} kasus dalam periode.")
    return EXIT_OK


def _open(path: str, *, exclusive: bool = True) -> Any:
    from app.core.errors import AppError
    from app.core.paths import DataDir, resolve_data_dir
    from app.core.workspace import open_workspace

    data_dir = DataDir(resolve_data_dir(path))
    if not data_dir.exists():
        raise AppError("office.not_initialised", path=str(data_dir.root))
    return open_workspace(data_dir, exclusive=exclusive)


def cmd_buletin(args: argparse.Namespace) -> int:
    import json

    from app.core.cli_support import EXIT_OK
    from app.core.errors import AppError
    from sync.bulletin import make_bulletin, set_bulletin_info

    ws = _open(args.data_dir)
    try:
        if args.info:
            try:
                info = json.loads(Path(args.info).read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise AppError("bulletin.info_bad", detail=str(exc)[:200]) from exc
            set_bulletin_info(ws, info)
        made = make_bulletin(ws, args.village, Path(args.out))
    finally:
        ws.close()
    print(f"Buletin untuk desa {made.village_code} ditulis ke {made.path}: {made.cases} kasus, "
          f"{made.nik_pairs} pasangan NIK.")
    return EXIT_OK


def cmd_import_buletin(args: argparse.Namespace) -> int:
    from app.core.cli_support import EXIT_OK
    from sync.bulletin import import_bulletin

    ws = _open(args.data_dir)
    try:
        result = import_bulletin(ws, Path(args.bulletin))
    finally:
        ws.close()
    state = "sudah ada sebelumnya" if result.status == "sudah_ada" else "diterima"
    print(f"Buletin P4MI {result.issued_at[:19]} {state}: {result.cases} kasus, "
          f"{result.nik_pairs} pasangan NIK.")
    return EXIT_OK


DESK_HANDLERS = {"laporan": cmd_laporan, "buletin": cmd_buletin,
                 "import-buletin": cmd_import_buletin}
