"""The headless command line: ``python -m app init|demo|--self-test``; no argument starts the GUI.

Exit status: 0 done, 2 input refused (an Indonesian sentence on stderr, nothing changed),
1 unexpected error (logged with its traceback).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from app import APP_NAME, __version__
from app.core.cli_support import (
    EXIT_ERROR,
    EXIT_OK,
    EXIT_REFUSED,
    IndonesianArgumentParser,
    check_data_dir_arg,
    check_new_data_folder,
    pipe_safe_stdout,
    storage_error,
)
from app.core.errors import AppError, ValidationFailed
from app.core.messages import message

COMMANDS = ("init", "demo", "backup", "restore", "stats", "reset-pin", "practice",
            "import-list", "surat", "surat-kop")
MAX_DEMO_RESIDENTS = 1_000_000

log = logging.getLogger(__name__)




def add_gui_options(parser: argparse._ActionsContainer, *, dest_prefix: str = "") -> None:
    """The desktop application's options (``python -m app`` without a command): defined once,
    parsed by app/ui/main.py and listed by ``python -m app --help``."""
    parser.add_argument("--data-dir", metavar="DIR", dest=f"{dest_prefix}data_dir",
                        help="folder data (desa atau P4MI)")
    parser.add_argument("--lang", choices=("id", "en"), dest=f"{dest_prefix}lang",
                        help="bahasa antarmuka: id (bawaan) atau en")
    parser.add_argument("--latihan", action="store_true", dest=f"{dest_prefix}latihan",
                        help="mode latihan: folder data terpisah berisi data contoh")
    parser.add_argument("--no-crash-dialog", action="store_true",
                        dest=f"{dest_prefix}no_crash_dialog",
                        help="catat galat ke log tanpa jendela (CI)")


def build_parser() -> argparse.ArgumentParser:
    parser = IndonesianArgumentParser(prog="python -m app",
                                      description=f"{APP_NAME} {__version__}")
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}",
                        help="tampilkan versi program lalu keluar")
    gui = parser.add_argument_group(
        "aplikasi desktop (tanpa perintah: python -m app [pilihan])")
    add_gui_options(gui, dest_prefix="gui_")
    gui.add_argument("--self-test", action="store_true", dest="gui_self_test",
                     help="periksa pemasangan tanpa membuka jendela")
    sub = parser.add_subparsers(dest="command", required=True,
                                parser_class=IndonesianArgumentParser)

    init = sub.add_parser("init", help="siapkan folder data desa atau P4MI")
    init.add_argument("--data-dir", required=True, help="folder data yang akan dibuat")
    which = init.add_mutually_exclusive_group(required=True)
    which.add_argument("--village", metavar="KODE", help="kode desa Kemendagri, mis. 18.07.01.2001")
    which.add_argument("--p4mi", metavar="KODE_KAB",
                       help="kode kabupaten/kota, mis. 18.07; kode provinsi (hub provinsi), "
                            "mis. 18; atau 'nasional' (hub nasional)")
    init.add_argument("--operator", default="Operator", help="nama operator")
    init.add_argument("--database", metavar="URL",
                      help="P4MI saja: basis data di server PostgreSQL, mis. "
                           "postgresql://p4mi@192.168.1.10:5432/p4mi_1807 (kata sandi disimpan "
                           "terpisah di folder kunci, tidak pernah dicetak)")

    demo = sub.add_parser("demo", help="tambahkan data contoh ke folder desa")
    demo.add_argument("--data-dir", required=True)
    demo.add_argument("--residents", type=int, required=True, metavar="N")
    demo.add_argument("--seed", type=int, default=None)

    backup = sub.add_parser("backup", help="cadangkan database (diperiksa keutuhannya)")
    backup.add_argument("--data-dir", required=True)
    backup.add_argument("--to", metavar="FOLDER", help="folder tujuan, mis. flashdisk")

    restore = sub.add_parser("restore", help="pulihkan database dari cadangan")
    restore.add_argument("--data-dir", required=True)
    restore.add_argument("backup", nargs="?", help="berkas cadangan (bawaan: yang terbaru)")
    restore.add_argument("--list", action="store_true", help="tampilkan daftar cadangan")

    stats = sub.add_parser("stats", help="statistik publik tanpa data pribadi (CSV)")
    stats.add_argument("--data-dir", required=True)
    stats.add_argument("--out", required=True, metavar="FILE.csv")

    reset = sub.add_parser("reset-pin", help="atur ulang PIN operator yang lupa (data tetap)")
    reset.add_argument("--data-dir", required=True)
    reset.add_argument("--operator", required=True, help="nama operator")

    practice = sub.add_parser("practice", help="siapkan folder MODE LATIHAN berisi data contoh")
    practice.add_argument("--village", metavar="KODE",
                          help="kode desa latihan (bawaan: desa pertama paket pelatihan di "
                               "samping program, atau 18.07.01.2001)")
    practice.add_argument("--residents", type=int, default=300, metavar="N",
                          help="jumlah penduduk contoh (bawaan 300)")
    practice.add_argument("--data-dir", default=None,
                          help="folder latihan (bawaan: folder data + '-latihan')")
    practice.add_argument("--seed", type=int, default=7)
    practice.add_argument("--reset", action="store_true",
                          help="hapus folder latihan lama lalu mulai ulang")
    _add_import_list(sub)
    from app.letters_cli import add_parser as add_letters_parser  # village letters

    add_letters_parser(sub)
    return parser


def _add_import_list(sub: argparse._SubParsersAction) -> None:
    """``import-list``: the import of existing lists (logic in sync/lists/cli.py)."""
    from sync.lists.cli import add_parser

    add_parser(sub)


def cmd_import_list(args: argparse.Namespace) -> int:
    from sync.lists.cli import run

    return run(args, _existing_data_dir(args.data_dir))


def _refuse(code: str, /, **params: object) -> int:
    sys.stderr.write(message(code, "id", **params) + "\n")
    return EXIT_REFUSED


def _print_issues(exc: ValidationFailed) -> None:
    for issue in exc.errors:
        sys.stderr.write("- " + message(issue.code, "id", **issue.params) + "\n")


def cmd_init(args: argparse.Namespace) -> int:
    from app.core import reference
    from app.core.paths import DataDir
    from app.core.workspace import MODE_P4MI, MODE_VILLAGE, initialise_office, open_workspace

    if args.village:
        code = reference.normalize_region_code(args.village)
        if code is None or reference.region_level(code) != "desa" or not reference.region_name(
            code
        ):
            return _refuse("office.not_village", code=args.village)
        mode = MODE_VILLAGE
    else:
        code = _hub_code(args.p4mi)
        if code is None:
            return _refuse("office.not_hub_code", code=args.p4mi)
        mode = MODE_P4MI
    data_dir = DataDir(_resolve(args.data_dir))
    check_new_data_folder(data_dir.root)  # a file, or someone else's folder: nothing created
    if args.database:
        return _init_on_server(args, data_dir, mode, code)
    ws = open_workspace(data_dir, exclusive=True)
    try:
        office = initialise_office(
            ws, mode=mode, code=code, name=_office_name(code),
            operator=args.operator,
        )
    finally:
        ws.close()
    label = "desa" if mode == MODE_VILLAGE else "P4MI"
    print(f"Folder data {label} {office.name} ({office.code}) siap di {data_dir.root}")
    return EXIT_OK


def _hub_code(text: str) -> str | None:
    """The office code of a hub from ``init --p4mi``: a known regency ("18.07"), a known
    province ("18", a BP3MI province hub) or "nasional"/"ID" (the national hub); None if none."""
    from app.core import reference
    from app.core.workspace import NATIONAL_CODE

    if text.strip().upper() in ("ID", "NASIONAL"):
        return NATIONAL_CODE
    code = reference.normalize_region_code(text)
    if code is None or reference.region_level(code) not in ("kabupaten", "provinsi") or not (
        reference.region_name(code)
    ):
        return None
    return code


def _office_name(code: str) -> str:
    from app.core.workspace import hub_office_name

    return hub_office_name(code)


def _init_on_server(args: argparse.Namespace, data_dir, mode: str, code: str) -> int:  # noqa: ANN001
    """``init --p4mi KODE --database postgresql://...``: the hub's database on a server.

    The connection is tested (and whose database it is) before anything is created; a
    database already serving the same office is joined (another clerk's workstation)."""
    from app.core.server import parse_url, set_up_on_server
    from app.core.workspace import MODE_P4MI

    if mode != MODE_P4MI:
        return _refuse("server.village_not_allowed")
    if data_dir.exists():
        return _refuse("office.already_initialised", path=str(data_dir.root), mode=mode,
                       code=code)
    cfg = parse_url(args.database)
    office, joined = set_up_on_server(data_dir, cfg, code=code,
                                      name=_office_name(code),
                                      operator=args.operator)
    how = "tersambung ke basis data yang sudah ada" if joined else "basis data baru disiapkan"
    print(f"Folder data P4MI {office.name} ({office.code}) siap di {data_dir.root}; "
          f"basis data di server {cfg.shown} ({how})")
    return EXIT_OK


def _resolve(path: str) -> Path:
    from app.core.paths import resolve_data_dir

    return resolve_data_dir(path)


def cmd_demo(args: argparse.Namespace) -> int:
    from app.core.demo import add_demo_data
    from app.core.paths import DataDir
    from app.core.workspace import MODE_VILLAGE, open_workspace

    if not 1 <= args.residents <= MAX_DEMO_RESIDENTS:
        return _refuse("demo.count_invalid", maximum=MAX_DEMO_RESIDENTS)
    data_dir = DataDir(_resolve(args.data_dir))
    if not data_dir.exists():
        return _refuse("office.not_initialised", path=str(data_dir.root))
    ws = open_workspace(data_dir, exclusive=True)
    try:
        office = ws.office()
        if office is None:
            return _refuse("office.not_initialised", path=str(data_dir.root))
        if office.mode != MODE_VILLAGE:
            return _refuse("office.wrong_mode", expected="desa", actual=office.mode)
        summary = add_demo_data(ws.db, office, args.residents, seed=args.seed)
    finally:
        ws.close()
    print(
        f"Ditambahkan {summary.residents} penduduk, {summary.episodes} penempatan, "
        f"{summary.cases} kasus, {summary.activities} kegiatan ke {data_dir.root}"
    )
    return EXIT_OK


def _existing_data_dir(path: str):  # noqa: ANN202 - DataDir, imported lazily
    from app.core.errors import AppError
    from app.core.paths import DataDir

    data_dir = DataDir(_resolve(path))
    if not data_dir.exists():
        raise AppError("office.not_initialised", path=str(data_dir.root))
    return data_dir


def cmd_backup(args: argparse.Namespace) -> int:
    from app.core.lock import FolderLock
    from app.core.services.backups import CLI_OPERATOR, make_backup

    data_dir = _existing_data_dir(args.data_dir)
    if args.to and Path(args.to).exists() and not Path(args.to).is_dir():
        return _refuse("cli.target_is_file", path=args.to)
    with FolderLock(data_dir.root):
        target = make_backup(data_dir, operator=CLI_OPERATOR,
                             to=Path(args.to) if args.to else None)
    print(f"Cadangan dibuat dan diperiksa: {target}")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from app.core.backup import list_backups
    from app.core.lock import FolderLock
    from app.core.services.backups import CLI_OPERATOR, restore_backup

    data_dir = _existing_data_dir(args.data_dir)
    if args.backup and not Path(args.backup).is_file():
        return _refuse("cli.file_missing", path=args.backup)
    if args.list:
        for b in list_backups(data_dir.backups):
            print(f"{b.taken:%d/%m/%Y %H:%M:%S}  {b.reason:<22} {b.size:>12,d}  {b.path}")
        return EXIT_OK
    with FolderLock(data_dir.root):
        result = restore_backup(data_dir, Path(args.backup) if args.backup else None,
                                operator=CLI_OPERATOR)
    print(f"Database dipulihkan dari {result.source}")
    if result.undo:
        print(f"Untuk membatalkan: python -m app restore --data-dir {args.data_dir} "
              f"\"{result.undo}\"")
    if result.damaged_copy:
        print(f"Database lama yang rusak disimpan di {result.damaged_copy}")
    return EXIT_OK


def _setup_logging(data_dir: str | None) -> None:
    from app.core.logging_setup import setup_logging
    from app.core.paths import DataDir

    folder = DataDir(_resolve(data_dir)) if data_dir and data_dir.strip() else None
    # only into a folder that is already ours: a mistyped path must not get a "log" folder
    setup_logging(folder.logs if folder is not None and folder.exists() else None)


def cmd_stats(args: argparse.Namespace) -> int:
    from datetime import date

    from app.core.services.audit import log_event
    from app.core.stats import public_statistics, write_statistics_csv
    from app.core.workspace import open_workspace

    out_path = Path(args.out)
    if out_path.is_dir():
        return _refuse("cli.target_is_folder", path=args.out,
                       example=str(out_path / "statistik.csv"))
    ws = open_workspace(_existing_data_dir(args.data_dir), exclusive=True)  # it writes the log
    try:
        office = ws.office()
        name = office.name if office else ""
        with ws.db.session() as s:
            rows = public_statistics(s)
        title = f"Statistik pekerja migran {name}, per {date.today():%d/%m/%Y}"
        out = write_statistics_csv(rows, out_path, title)
        with ws.db.unit_of_work("baris-perintah") as s:
            log_event(s, "export_stats", path=str(out))
    finally:
        ws.close()
    print(f"Statistik publik ditulis ke {out}")
    return EXIT_OK


def cmd_reset_pin(args: argparse.Namespace) -> int:
    import getpass

    from app.core.services.operators import emergency_reset_pin
    from app.core.workspace import open_workspace

    data_dir = _existing_data_dir(args.data_dir)
    pin = os.environ.get("BUKU_MIGRAN_PIN_BARU") or getpass.getpass("PIN baru: ")
    if not os.environ.get("BUKU_MIGRAN_PIN_BARU") and getpass.getpass("Ulangi PIN: ") != pin:
        return _refuse("auth.pin_mismatch")
    ws = open_workspace(data_dir, exclusive=True)
    try:
        with ws.db.unit_of_work("baris-perintah") as s:
            emergency_reset_pin(s, args.operator, pin)
    finally:
        ws.close()
    print(f"PIN {args.operator} sudah diganti. Semua data tetap ada.")
    return EXIT_OK


def cmd_practice(args: argparse.Namespace) -> int:
    from app.core.practice import practice_data_dir, prepare_practice
    from sync.provisioning import default_practice_village

    folder = Path(args.data_dir).expanduser().resolve() if args.data_dir else practice_data_dir()
    info = prepare_practice(folder, args.village or default_practice_village(), args.residents,
                            seed=args.seed, reset=args.reset)
    if info.created:
        print(f"Folder MODE LATIHAN desa {info.office_name} ({info.office_code}) siap dengan "
              f"{info.residents_added} penduduk contoh:")
    else:
        print(f"Folder MODE LATIHAN desa {info.office_name} ({info.office_code}) sudah ada:")
    print(info.data_dir)
    return EXIT_OK


def _print_notice(code: str, params: dict[str, object]) -> None:
    sys.stderr.write(message(code, "id", **params) + "\n")


def _print_start_up_notices() -> None:
    """Repairs made at start (leftovers, an interrupted restore) are said on stderr."""
    from app.core.recovery import add_notice_handler

    add_notice_handler(_print_notice)


def _cmd_surat(args: argparse.Namespace) -> int:
    from app.letters_cli import cmd_surat

    return cmd_surat(args)


def _cmd_surat_kop(args: argparse.Namespace) -> int:
    from app.letters_cli import cmd_letter_settings

    return cmd_letter_settings(args)


HANDLERS = {"init": cmd_init, "demo": cmd_demo, "backup": cmd_backup,
            "restore": cmd_restore, "stats": cmd_stats,
            "reset-pin": cmd_reset_pin, "practice": cmd_practice,
            "import-list": cmd_import_list,
            "surat": _cmd_surat, "surat-kop": _cmd_surat_kop}


def run_command(argv: Sequence[str]) -> int:
    args = build_parser().parse_args(list(argv))
    try:
        check_data_dir_arg(getattr(args, "data_dir", None))
    except AppError as exc:
        return _refuse(exc.code, **exc.params)
    _setup_logging(getattr(args, "data_dir", None))
    _print_start_up_notices()
    handler = HANDLERS[args.command]
    try:
        with pipe_safe_stdout():
            return handler(args)
    except ValidationFailed as exc:
        sys.stderr.write(message(exc.code, "id", **exc.params) + "\n")
        _print_issues(exc)
        return EXIT_REFUSED
    except AppError as exc:
        sys.stderr.write(message(exc.code, "id", **exc.params) + "\n")
        return EXIT_REFUSED
    except Exception as exc:  # noqa: BLE001 - the last line of defence of a CLI
        coded = storage_error(exc, getattr(args, "data_dir", None))
        if coded is not None:  # a full or read-only disk: say so, not "unexpected"
            log.warning("%s refused: %r", args.command, exc)
            return _refuse(coded.code, **coded.params)
        log.exception("unexpected error in %s", args.command)
        sys.stderr.write(message("unexpected", "id", detail=repr(exc)) + "\n")
        return EXIT_ERROR
