"""``python -m app import-list --data-dir DIR FILE [--mapping M] [--dry-run]
[--update|--skip-existing]``: exit 0 imported (or, with --dry-run, something to import),
2 refused or nothing to import (the report says why), 1 unexpected error."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.core.cli_support import EXIT_OK, EXIT_REFUSED
from app.core.errors import AppError
from app.core.messages import message
from app.core.paths import DataDir

OPERATOR = "baris-perintah"


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("import-list", help="impor daftar penduduk/PMI yang sudah ada "
                                           "(OpenSID, SIAK, Excel, CSV)")
    p.add_argument("--data-dir", required=True)
    p.add_argument("file", help="berkas .xlsx, .xlsm, .xls atau .csv")
    p.add_argument("--mapping", metavar="M", help="berkas JSON {judul kolom: isian}")
    p.add_argument("--dry-run", action="store_true", help="hanya tampilkan pratinjau")
    which = p.add_mutually_exclusive_group()
    which.add_argument("--update", dest="mode", action="store_const", const="update",
                       help="perbarui kolom yang dipetakan pada penduduk terdaftar (bawaan)")
    which.add_argument("--skip-existing", dest="mode", action="store_const", const="skip",
                       help="lewati penduduk yang sudah terdaftar")
    p.add_argument("--no-nik-match", choices=("skip", "update", "new"), default="skip",
                   help="baris tanpa NIK yang cocok nama+tgl lahir+KK: lewati (bawaan), "
                        "perbarui, atau catat sebagai orang baru")
    p.add_argument("--operator", default=OPERATOR)


def run(args: argparse.Namespace, data_dir: DataDir) -> int:
    from app.core.workspace import MODE_VILLAGE, open_workspace
    from sync.lists import mapping as mapping_mod
    from sync.lists.apply import apply_preview
    from sync.lists.plan import build_preview, default_mapping
    from sync.lists.read import read_table
    from sync.lists.report import report_lines

    ws = open_workspace(data_dir, exclusive=True)
    try:
        office = ws.office()
        if office is None:
            raise AppError("office.not_initialised", path=str(data_dir.root))
        if office.mode != MODE_VILLAGE:
            raise AppError("office.wrong_mode", expected="desa", actual=office.mode)
        table = read_table(Path(args.file), mapping_mod.score)
        if args.mapping:
            column_map = mapping_mod.load_mapping_file(Path(args.mapping), table.headers)
        else:
            column_map, _ = default_mapping(data_dir.root, table)
        with ws.db.session() as s:
            preview = build_preview(s, table, column_map, mode=args.mode or "update")
        print("\n".join(report_lines(preview)))
        if preview.to_write(args.no_nik_match) == 0:
            sys.stderr.write(message("lists.nothing_to_import", "id", **preview.counts) + "\n")
            return EXIT_REFUSED
        if args.dry_run:
            print("\nUji coba (--dry-run): tidak ada yang disimpan.")
            return EXIT_OK
        result = apply_preview(ws.db, data_dir.backups, preview, operator=args.operator,
                               decision=args.no_nik_match)
        mapping_mod.remember(data_dir.root, table.headers, column_map)
    finally:
        ws.close()
    print(f"\nImpor selesai: {result.created} penduduk baru, {result.updated} diperbarui, "
          f"{result.episodes} penempatan baru. Cadangan sebelum impor: {result.backup}")
    return EXIT_OK
