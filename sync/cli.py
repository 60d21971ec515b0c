"""``python -m sync``: the headless bundle commands for P4MI scripts, checks and training.

Exit status: 0 done, 2 input refused (the reason in Indonesian on stderr, nothing changed),
1 unexpected error.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app import __version__
from app.core.atomic import write_text
from app.core.cli_support import (
    EXIT_ERROR,
    EXIT_OK,
    EXIT_REFUSED,
    IndonesianArgumentParser,
    check_data_dir_arg,
    pipe_safe_stdout,
    storage_error,
)
from app.core.errors import AppError
from app.core.formatting import date_text
from app.core.messages import message
from sync.cli_desk import DESK_HANDLERS, add_desk_parsers

if TYPE_CHECKING:
    from app.core.paths import DataDir
    from app.core.progress import Progress
    from app.core.workspace import Workspace

PASSPHRASE_ENV = "BMD_KATA_SANDI"

log = logging.getLogger(__name__)




def build_parser() -> argparse.ArgumentParser:
    p = IndonesianArgumentParser(prog="python -m sync",
                                 description=f"Paket P4MI Buku Migran Desa {__version__}")
    sub = p.add_subparsers(dest="command", required=True, parser_class=IndonesianArgumentParser)

    e = sub.add_parser("export", help="buat paket desa (perubahan, atau lengkap dengan --full)")
    e.add_argument("--data-dir", required=True)
    e.add_argument("--out", required=True, help="folder tujuan (mis. flashdisk)")
    e.add_argument("--full", action="store_true", help="paket lengkap, bukan hanya perubahan")

    v = sub.add_parser("verify", help="periksa paket tanpa mengimpor")
    v.add_argument("bundle")
    v.add_argument("--data-dir", help="folder P4MI: periksa juga kunci desa dan isi terenkripsi")

    i = sub.add_parser("import", help="impor paket ke folder P4MI")
    i.add_argument("--data-dir", required=True)
    i.add_argument("bundles", nargs="+", metavar="BUNDLE", help="berkas paket atau folder")
    i.add_argument("--dry-run", action="store_true", help="pratinjau saja, tidak mengubah apa pun")
    i.add_argument("--valid-rows-only", action="store_true",
                   help="impor baris yang benar saja; baris salah masuk tanda terima")
    i.add_argument("--confirm-key", metavar="KODE_KUNCI",
                   help="kode kunci desa yang sudah dipastikan (paket pertama)")
    i.add_argument("--operator", default=None)

    r = sub.add_parser("receipt", help="tulis tanda terima P4MI untuk desa")
    r.add_argument("--data-dir", required=True)
    r.add_argument("--village", required=True, metavar="KODE")
    r.add_argument("--out", required=True, help="berkas atau folder tujuan")

    ir = sub.add_parser("import-receipt", help="impor tanda terima P4MI di desa")
    ir.add_argument("--data-dir", required=True)
    ir.add_argument("receipt")
    ir.add_argument("--confirm-key", metavar="KODE_KUNCI",
                    help="kode kunci P4MI (bila kunci P4MI belum dipasang)")

    st = sub.add_parser("status", help="desa: apa yang sudah diterima P4MI dan yang belum")
    st.add_argument("--data-dir", required=True)

    d = sub.add_parser("demo-hub", help="bangun hub P4MI contoh dari desa-desa buatan")
    d.add_argument("--data-dir", required=True)
    d.add_argument("--villages", type=int, required=True, metavar="N")
    d.add_argument("--residents", type=int, required=True, metavar="M")
    d.add_argument("--seed", type=int, default=1)
    d.add_argument("--villages-dir", default=None,
                   help="folder untuk folder desa buatan (bawaan: DIR-desa)")

    add_desk_parsers(sub)  # the P4MI desk: laporan, buletin, import-buletin (sync/cli_desk.py)

    dump = sub.add_parser("dump", help="ringkasan (hash) isi data satu desa (untuk membandingkan)")
    dump.add_argument("--data-dir", required=True)
    dump.add_argument("--village", required=True)

    pv = sub.add_parser("provision", help="P4MI: buat paket pelatihan (.bmdp) untuk pelatih")
    pv.add_argument("--data-dir", required=True, help="folder data P4MI")
    pv.add_argument("--out", required=True, help="berkas .bmdp atau folder tujuan")
    pv.add_argument("--trainer", default="", metavar="NAMA", help="nama pelatih (boleh kosong)")
    pv.add_argument("--phone", default="", metavar="NOMOR", help="nomor telepon pelatih")
    ps = sub.add_parser("provision-show", help="periksa dan tampilkan isi paket pelatihan")
    ps.add_argument("file", metavar="BERKAS")
    ps.add_argument("--confirm-key", metavar="KODE_KUNCI",
                    help="kode kunci P4MI yang dibacakan petugas P4MI")

    pk = sub.add_parser("periksa-surat", help="P4MI: periksa keaslian surat desa (kode atau "
                                              "berkas gambar/PDF)")
    pk.add_argument("--data-dir", required=True)
    pk.add_argument("kode_atau_berkas", metavar="KODE|FILE",
                    help="kode periksa, teks pemindai QR, atau berkas PNG/JPEG/PDF")
    k = sub.add_parser("keys", help="kunci tanda tangan dan enkripsi")
    ks = k.add_subparsers(dest="keys_command", required=True, parser_class=IndonesianArgumentParser)
    show = ks.add_parser("show", help="tampilkan kode kunci instalasi ini")
    show.add_argument("--data-dir", required=True)
    setp = ks.add_parser("set-p4mi", help="desa: pasang kunci publik P4MI (berkas .pub)")
    setp.add_argument("--data-dir", required=True)
    setp.add_argument("public_key_file")
    setp.add_argument("--confirm-key", required=True, metavar="KODE_KUNCI")
    trust = ks.add_parser("trust", help="P4MI: catat kunci desa dari berkas .pub desa")
    trust.add_argument("--data-dir", required=True)
    trust.add_argument("--village", required=True)
    trust.add_argument("public_key_file")
    trust.add_argument("--confirm-key", required=True, metavar="KODE_KUNCI")
    rep = ks.add_parser("replace", help="P4MI: Ganti kunci desa (laptop baru, pasang ulang)")
    rep.add_argument("--data-dir", required=True)
    rep.add_argument("--village", required=True)
    src = rep.add_mutually_exclusive_group(required=True)
    src.add_argument("--public-key-file")
    src.add_argument("--bundle", help="ambil kunci dari paket baru desa")
    rep.add_argument("--reason", required=True)
    rep.add_argument("--confirm-key", required=True, metavar="KODE_KUNCI")
    rep.add_argument("--operator", default=None)
    lst = ks.add_parser("list", help="P4MI: kunci desa yang tercatat")
    lst.add_argument("--data-dir", required=True)
    bk = ks.add_parser("backup", help="cadangkan kunci pribadi dengan kata sandi")
    bk.add_argument("--data-dir", required=True)
    bk.add_argument("--out", required=True)
    bk.add_argument("--passphrase-file", help=f"berkas kata sandi (atau ${PASSPHRASE_ENV})")
    rs = ks.add_parser("restore", help="pulihkan kunci pribadi dari cadangan")
    rs.add_argument("--data-dir", required=True)
    rs.add_argument("backup_file")
    rs.add_argument("--passphrase-file", help=f"berkas kata sandi (atau ${PASSPHRASE_ENV})")

    # issue 15: undo the last bundle import from its journal (no copy of the hub)
    ui = sub.add_parser("undo-import", help="P4MI: batalkan impor paket terakhir")
    ui.add_argument("--data-dir", required=True)
    ui.add_argument("--operator", default=None)
    # issue 16: relay upward, a hub's "paket kabupaten" (sync/relay/cli.py)
    from sync.relay.cli import add_parsers as add_relay_parsers

    add_relay_parsers(sub)
    return p


def _err(code: str, /, **params: Any) -> None:
    sys.stderr.write(message(code, "id", **params) + "\n")


def _data_dir(path: str) -> DataDir:
    from app.core.paths import DataDir, resolve_data_dir

    data_dir = DataDir(resolve_data_dir(path))
    if not data_dir.exists():
        raise AppError("office.not_initialised", path=str(data_dir.root))
    return data_dir


def _open(path: str, *, exclusive: bool = True) -> Workspace:
    from app.core.workspace import open_workspace

    return open_workspace(_data_dir(path), exclusive=exclusive)


def _warn(codes: Sequence[tuple[str, dict[str, Any]]] | Sequence[str]) -> None:
    for item in codes:
        code, params = (item, {}) if isinstance(item, str) else item
        sys.stderr.write("Peringatan: " + message(code, "id", **params) + "\n")


# -- commands --------------------------------------------------------------------------------


def cmd_export(args: argparse.Namespace) -> int:
    from sync.export import export_bundle

    ws = _open(args.data_dir)
    try:
        report = export_bundle(ws, Path(args.out), full=args.full)
    finally:
        ws.close()
    _warn(report.warnings)
    print(report.path)
    return EXIT_OK


def cmd_verify(args: argparse.Namespace) -> int:
    from app.core.practice import is_practice
    from sync.container import read_bundle
    from sync.importer import active_key, check_practice, check_village
    from sync.relay import is_paket
    from sync.xlsx import SheetLayout, prescan

    if is_paket(Path(args.bundle)):  # a hub's package (issue 16): sync/relay/cli.py
        from sync.relay.cli import verify_paket

        return verify_paket(args, _open)
    opened = read_bundle(Path(args.bundle))
    m = opened.manifest
    print(f"Paket {opened.file_name}: desa {m.village_code} {m.village_name}, nomor urut "
          f"{m.sequence}, {m.scope}, dibuat {m.created_at}")
    print(f"Tanda tangan sah; kode kunci desa: {m.public_key.fingerprint}")
    print("Isi: " + ", ".join(f"{k} {v}" for k, v in m.counts.items()))
    if m.practice:
        print("PAKET LATIHAN (mode latihan): tidak akan diimpor ke data P4MI yang sebenarnya.")
    workbook = None if m.encrypted else opened.data
    if args.data_dir:
        from sync.dbutil import raw_connection
        from sync.keys import load_keypair

        ws = _open(args.data_dir, exclusive=False)
        try:
            office = ws.office()
            if office is not None and office.is_p4mi:
                check_practice(is_practice(ws), m)
                check_village(office.code, m.village_code)
                with raw_connection(ws.db) as con:
                    key = active_key(con, m.village_code)
                if key is None:
                    print(f"Kunci desa belum tercatat (paket pertama): {m.public_key.fingerprint}")
                elif key[0] != m.raw["public_key"]:
                    raise AppError("sync.key.mismatch", village=m.village_code, known=key[1],
                                   found=m.public_key.fingerprint)
                else:
                    print("Kunci desa cocok dengan yang tercatat.")
                if m.encrypted:
                    workbook = opened.workbook(load_keypair(ws.data_dir))
        finally:
            ws.close()
    if workbook is not None:
        scan = prescan(workbook, sheet_count=len(m.sheets),
                       layouts=[SheetLayout(s.name, s.headers) for s in m.sheets])
        for index, sheet in enumerate(m.sheets, start=1):
            found = scan.sheet_rows.get(f"xl/worksheets/sheet{index}.xml", -1)
            if found != m.counts[sheet.name]:
                raise AppError("sync.bundle.count_mismatch", sheet=sheet.name,
                               expected=m.counts[sheet.name], found=found)
        print("Lembar kerja lolos pemeriksaan keamanan dan jumlah baris.")
    else:
        print("Isi terenkripsi untuk P4MI; tidak diperiksa tanpa kunci P4MI.")
    _warn(opened.warnings)
    return EXIT_OK


_COUNT_LABELS = (("new", "baru"), ("updated", "diubah"), ("deleted", "dihapus"),
                 ("unchanged", "sama"), ("older", "lebih lama"), ("conflicts", "konflik"),
                 ("rejected", "ditolak"))


STATUS_LABELS = {"pratinjau": "PRATINJAU (tidak ada yang diubah)", "diimpor": "DIIMPOR",
                 "sebagian": "DIIMPOR SEBAGIAN (baris salah ditolak)",
                 "sudah_diimpor": "SUDAH PERNAH DIIMPOR (tidak ada yang diubah)",
                 "ditolak": "DITOLAK (tidak ada yang diubah)"}
"""An import's outcome as the command line prints it (bundles and hubs' packages)."""


def print_report(report: Any, out: Any = None) -> None:
    out = out or sys.stdout
    w = out.write
    label = STATUS_LABELS.get(report.status, report.status)
    w(f"{report.file_name}: {label}\n")
    w(f"  Desa {report.village_code} {report.village_name}, nomor urut {report.sequence}, "
      f"{report.scope}, dibuat {report.created_at}, "
      f"{'terenkripsi' if report.encrypted else 'TIDAK terenkripsi'}\n")
    w(f"  Kunci desa {report.fingerprint} ({report.key_status})\n")
    if report.counts:
        w(f"  {'Lembar':<22}" + "".join(f"{lab:>11}" for _, lab in _COUNT_LABELS) + "\n")
        for sheet, c in report.counts.items():
            w(f"  {sheet:<22}" + "".join(f"{getattr(c, key):>11}" for key, _ in _COUNT_LABELS)
              + "\n")
    for e in report.errors[:200]:
        w(f"  Kesalahan: lembar {e.sheet}, baris {e.row}, kolom {e.column or '-'}: "
          f"{e.text('id')}\n")
    if len(report.errors) > 200:
        w(f"  ... dan {len(report.errors) - 200} kesalahan lain\n")
    for c in report.conflicts[:100]:
        reason = ("versi sama, isi berbeda" if c.reason == "versi"
                  else "baris milik kantor lain")
        w(f"  Konflik: lembar {c.sheet}, baris {c.row} ({reason}); data P4MI tidak diubah\n")
    for n in report.nik_clashes[:100]:
        w(f"  NIK ganda antardesa: lembar {n.sheet}, baris {n.row}, NIK {n.masked_nik} juga "
          f"tercatat di desa {n.other_village}; ditandai untuk diperiksa, tidak digabung\n")
    for code, params in report.warnings:
        w("  Peringatan: " + message(code, "id", **params) + "\n")


def report_outcome(report: Any, printer: Callable[[Any], None] = print_report) -> int:
    """One import's (or preview's) report printed, its refusal on stderr; the exit code.
    For a village bundle and a hub's package (:mod:`sync.relay.cli`)."""
    from sync.importer import STATUS_REFUSED

    printer(report)
    if report.status == STATUS_REFUSED and report.refusal:
        _err(report.refusal[0], **report.refusal[1])
        return EXIT_REFUSED
    return EXIT_OK


def _bundle_paths(items: Sequence[str]) -> list[Path]:
    from sync.container import EXTENSION

    paths: list[Path] = []
    for item in items:
        p = Path(item)
        if p.is_dir():
            paths.extend(sorted(x for x in p.iterdir() if x.suffix == EXTENSION and x.is_file()))
        else:
            paths.append(p)
    return paths


def cmd_import(args: argparse.Namespace) -> int:
    from sync.importer import STATUS_REFUSED, import_bundle, import_many, preview_import

    paths = _bundle_paths(args.bundles)
    if not paths:
        _err("sync.bundle.unreadable", path=" ".join(args.bundles), detail="tidak ada paket")
        return EXIT_REFUSED
    from sync.relay import is_paket

    if any(is_paket(p) for p in paths):  # a hub's package (issue 16): sync/relay/cli.py
        from sync.relay.cli import import_paket_paths

        return import_paket_paths(args, paths, _open)
    ws = _open(args.data_dir)
    refused = 0
    try:
        if len(paths) == 1:
            if args.dry_run:
                report = preview_import(ws, paths[0])
            else:
                report = import_bundle(ws, paths[0], valid_rows_only=args.valid_rows_only,
                                       confirm_key=args.confirm_key, operator=args.operator)
            return report_outcome(report)
        confirm = {}
        if args.confirm_key:
            from sync.container import read_bundle
            from sync.keys import normalize_fingerprint

            for p in paths:
                try:
                    m = read_bundle(p).manifest
                except AppError:
                    continue
                if m.public_key.fingerprint == normalize_fingerprint(args.confirm_key):
                    confirm[m.village_code] = args.confirm_key
        import signal

        from app.core.progress import Cancelled, CancelToken

        cancel = CancelToken()  # Ctrl+C: the bundle being imported is rolled back, then stop
        previous = signal.signal(signal.SIGINT, lambda *_: cancel.cancel())
        try:
            results = import_many(ws, paths, valid_rows_only=args.valid_rows_only,
                                  confirm_keys=confirm, operator=args.operator,
                                  dry_run=args.dry_run, progress=_village_progress(),
                                  cancel=cancel)
        except Cancelled:
            _err("sync.import.cancelled")
            return EXIT_REFUSED
        finally:
            signal.signal(signal.SIGINT, previous)
        for path, result in results:
            if isinstance(result, AppError):
                refused += 1
                sys.stderr.write(f"{path.name}: " + message(result.code, "id", **result.params)
                                 + "\n")
                continue
            print_report(result)
            if result.status == STATUS_REFUSED and result.refusal:
                refused += 1
                sys.stderr.write(f"{path.name}: " + message(result.refusal[0], "id",
                                                             **result.refusal[1]) + "\n")
    finally:
        ws.close()
    print(f"{len(paths)} paket: {len(paths) - refused} diproses, {refused} ditolak")
    return EXIT_REFUSED if refused else EXIT_OK


def cmd_undo_import(args: argparse.Namespace) -> int:
    from sync.import_undo import undo_last_import

    ws = _open(args.data_dir)
    try:
        office = ws.office()
        result = undo_last_import(ws, operator=args.operator or (office.operator if office
                                                                 else "") or "P4MI")
    finally:
        ws.close()
    print(f"Impor {result.file_name} ({result.village_code}) dibatalkan: {result.removed} baris "
          f"baru dihapus, {result.restored} baris dikembalikan ke versi sebelumnya.")
    return EXIT_OK


def _village_progress() -> Callable[[Progress], None]:
    """One line per bundle on stderr when it is done: ``[n/N] file 0.123 s``. The importer
    reports many steps per bundle (``PROGRESS_STEPS`` each); a line is written when the next
    bundle starts or the run ends."""
    import time

    from sync.importer import PROGRESS_STEPS

    state: dict[str, Any] = {"last": None, "bundle": None, "at": time.perf_counter()}

    def report(step: Progress) -> None:
        bundle = step.done // PROGRESS_STEPS if step.done < step.total else None
        if bundle is not None and bundle == state["bundle"]:
            return  # a step inside the same bundle
        now = time.perf_counter()
        if state["last"] is not None:
            sys.stderr.write(f"{state['last']} {now - state['at']:.3f} s\n")
            sys.stderr.flush()
        name = step.params.get("name", "")
        count = max(1, step.total // PROGRESS_STEPS)
        state["last"] = f"[{bundle + 1}/{count}] {name}" if bundle is not None else None
        state["bundle"] = bundle
        state["at"] = now

    return report


def cmd_receipt(args: argparse.Namespace) -> int:
    from app.core import reference
    from sync.receipt import make_receipt

    code = reference.normalize_region_code(args.village) or args.village
    ws = _open(args.data_dir)
    try:
        info = make_receipt(ws, code, Path(args.out))
    finally:
        ws.close()
    print(info.path)
    return EXIT_OK


def cmd_import_receipt(args: argparse.Namespace) -> int:
    from sync.receipt import import_receipt, send_status

    ws = _open(args.data_dir)
    try:
        result = import_receipt(ws, Path(args.receipt), confirm_key=args.confirm_key)
        status = send_status(ws)
    finally:
        ws.close()
    label = {"diterima": "diterima", "sudah_ada": "sudah pernah diimpor (tidak ada perubahan)",
             "lama": "lebih lama dari tanda terima terakhir (disimpan, tidak dipakai)"}
    print(f"Tanda terima P4MI {result.issued_at}: {label[result.status]}")
    if result.pinned_key:
        print(f"Kunci P4MI {result.hub_fingerprint} dipasang; paket berikutnya dienkripsi.")
    _print_status(status)
    return EXIT_OK


def _print_status(status: Any) -> None:
    print(f"P4MI sudah menerima sampai paket nomor {status.confirmed_sequence}; paket terakhir "
          f"yang dibuat: nomor {status.last_export_sequence}")
    if status.pending_total:
        print(f"Belum dikonfirmasi P4MI: {status.pending_total} baris ("
              + ", ".join(f"{k} {v}" for k, v in status.pending.items() if v)
              + "); ikut dalam paket berikutnya")
    else:
        print("Semua data sudah dikonfirmasi P4MI.")
    for r in status.rejected[:200]:
        print(f"Ditolak P4MI: lembar {r.get('sheet')}, baris {r.get('row')}, kolom "
              f"{r.get('column')}: {r.get('pesan')}")
    if status.p4mi_fingerprint is None:
        print("Kunci P4MI belum dipasang: paket tidak terenkripsi.")


def cmd_status(args: argparse.Namespace) -> int:
    from sync.receipt import send_status

    ws = _open(args.data_dir, exclusive=False)
    try:
        _print_status(send_status(ws))
    finally:
        ws.close()
    return EXIT_OK


DEMO_HUB_LIMITS = {"--villages": (1, 500), "--residents": (1, 100_000)}


def cmd_demo_hub(args: argparse.Namespace) -> int:
    from sync.demo import build_demo_hub

    for option, value in (("--villages", args.villages), ("--residents", args.residents)):
        low, high = DEMO_HUB_LIMITS[option]
        if not low <= value <= high:
            raise AppError("cli.out_of_range", option=option, minimum=low, maximum=high,
                           value=value)
    root = Path(args.data_dir)
    villages_dir = Path(args.villages_dir) if args.villages_dir else root.with_name(
        root.name + "-desa")
    summary = build_demo_hub(root, villages_dir, villages=args.villages,
                             residents=args.residents, seed=args.seed,
                             log=lambda text: print(text, flush=True))
    print(f"Hub P4MI {root}: {summary.villages} desa, {summary.residents} penduduk, "
          f"{summary.bundles} paket diimpor ({summary.seconds:.1f} detik)")
    return EXIT_OK


def cmd_dump(args: argparse.Namespace) -> int:
    from sync.canonical import dump_digest

    data_dir = _data_dir(args.data_dir)
    from app.core.server import read_config

    server = read_config(data_dir.root)
    if server is not None:  # the digest reads the SQLite file
        raise AppError("server.not_for_server", server=server.shown)
    with _readable_copy(data_dir.db_path) as db_path:
        if not _village_known(db_path, args.village):
            raise AppError("cli.unknown_village", village=args.village,
                           path=str(data_dir.root))
        digest = dump_digest(db_path, args.village)
    print(digest)
    return EXIT_OK


@contextlib.contextmanager
def _readable_copy(db_path: Path) -> Iterator[Path]:
    """``db_path`` itself, or a temporary copy when its folder cannot be written (a
    write-protected stick: SQLite cannot make its ``-shm`` file there, even to read)."""
    if os.access(db_path.parent, os.W_OK):
        yield db_path
        return
    import shutil
    import tempfile

    with tempfile.TemporaryDirectory(prefix="bmd-baca-") as tmp:
        copy = Path(tmp) / db_path.name
        shutil.copyfile(db_path, copy)
        wal = db_path.with_name(db_path.name + "-wal")
        if wal.is_file():
            shutil.copyfile(wal, copy.with_name(copy.name + "-wal"))
        yield copy


def _village_known(db_path: Path, code: str) -> bool:
    """Is ``code`` this folder's village, or a village the hub knows (key, bundle or rows)?"""
    from app.core.backup import connect_read_only
    from sync.schema import SCHEMA

    checks = ["SELECT 1 FROM setting WHERE key = 'office_code' AND value = ?",
              "SELECT 1 FROM sync_village_key WHERE village_code = ?",
              *(f'SELECT 1 FROM "{sheet.table}" WHERE owner_office = ?' for sheet in SCHEMA)]
    con = connect_read_only(db_path)
    try:
        return any(con.execute(sql + " LIMIT 1", (code,)).fetchone() for sql in checks)
    finally:
        con.close()


def _print_provisioning(prov: Any) -> None:
    print(f"Paket pelatihan {prov.path}")
    print(f"  Kabupaten/kota: {prov.regency_name} ({prov.regency_code})")
    print(f"  Kode kunci P4MI: {prov.fingerprint}")
    print(f"  Desa: {len(prov.villages)}")
    if prov.trainer_name or prov.trainer_phone:
        print(f"  Pelatih: {prov.trainer_name} {prov.trainer_phone}".rstrip())
    print(f"  Dibuat: {prov.created_at} (format versi {prov.format_version}, aplikasi "
          f"{prov.app_version})")


def cmd_provision(args: argparse.Namespace) -> int:
    from sync.provisioning import create_provisioning

    ws = _open(args.data_dir)
    try:
        prov = create_provisioning(ws, Path(args.out), trainer=args.trainer, phone=args.phone)
    finally:
        ws.close()
    _print_provisioning(prov)
    return EXIT_OK


def cmd_provision_show(args: argparse.Namespace) -> int:
    from sync.provisioning import read_provisioning

    prov = read_provisioning(Path(args.file), expected_fingerprint=args.confirm_key)
    _print_provisioning(prov)
    print("  Tanda tangan sah." + (" Kode kunci cocok dengan yang dibacakan P4MI."
                                   if args.confirm_key else ""))
    return EXIT_OK


def _passphrase(path: str | None) -> str:
    if path:
        return Path(path).read_text(encoding="utf-8").rstrip("\r\n")
    value = os.environ.get(PASSPHRASE_ENV)
    if not value:
        raise AppError("sync.key.passphrase_short", minimum=8)
    return value


KEY_BACKUP_MAX = 64 * 1024


def _key_backup_text(path: Path) -> str:
    """The text of a key backup file; a missing, huge or binary file is refused, not a crash."""
    if not path.is_file():
        raise AppError("cli.file_missing", path=str(path))
    try:
        if path.stat().st_size > KEY_BACKUP_MAX:
            raise AppError("cli.not_a_key_backup", path=str(path), detail="terlalu besar")
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise AppError("cli.not_a_key_backup", path=str(path), detail="bukan teks") from exc
    except OSError as exc:
        raise AppError("cli.not_a_key_backup", path=str(path),
                       detail=exc.strerror or str(exc)) from exc


def cmd_keys(args: argparse.Namespace) -> int:
    from sync import keys

    sub = args.keys_command
    if sub == "show":
        ws = _open(args.data_dir)  # it may create the key pair: a writer, under the lock
        try:
            office = ws.office()
            if office is None:
                raise AppError("office.not_initialised", path=str(ws.data_dir.root))
            pair = keys.load_or_create_keypair(ws.data_dir, office_code=office.code,
                                               role=office.mode)
            print(f"Kunci instalasi {office.code} ({office.mode}): {pair.fingerprint}")
            print(f"Berkas kunci publik: {ws.data_dir.keys / keys.PUBLIC_NAME}")
            p4mi = keys.load_p4mi_key(ws.data_dir)
            if p4mi is not None:
                print(f"Kunci P4MI terpasang: {p4mi.fingerprint}")
        finally:
            ws.close()
        return EXIT_OK
    if sub == "set-p4mi":
        info = keys.read_public_key_file(Path(args.public_key_file))
        if keys.normalize_fingerprint(args.confirm_key) != info.fingerprint:
            raise AppError("sync.receipt.unconfirmed_key", fingerprint=info.fingerprint)
        ws = _open(args.data_dir)
        try:
            office = ws.office()
            if office is None or office.is_p4mi:
                raise AppError("sync.receipt.not_village")
            keys.set_p4mi_key(ws.data_dir, info)
        finally:
            ws.close()
        print(f"Kunci P4MI {info.fingerprint} dipasang; paket berikutnya dienkripsi.")
        return EXIT_OK
    if sub in ("trust", "replace", "list"):
        from sync.trust import replace_village_key, trust_village_key, village_keys

        ws = _open(args.data_dir)
        try:
            office = ws.office()
            operator = getattr(args, "operator", None) or (office.operator if office else "")
            if sub == "list":
                for k in village_keys(ws):
                    print(f"{k.village_code}  {k.fingerprint}  {'aktif' if k.active else 'lama'}"
                          f"  {k.source}  {date_text(k.trusted_at)}  {k.trusted_by}  {k.reason}")
                return EXIT_OK
            if sub == "trust":
                info = keys.read_public_key_file(Path(args.public_key_file))
                trust_village_key(ws, args.village, info, operator=operator,
                                  confirm_fingerprint=args.confirm_key)
                print(f"Kunci desa {args.village} {info.fingerprint} dicatat.")
                return EXIT_OK
            if args.bundle:
                from sync.container import read_bundle

                info = read_bundle(Path(args.bundle)).manifest.public_key
            else:
                info = keys.read_public_key_file(Path(args.public_key_file))
            old = replace_village_key(ws, args.village, info, operator=operator,
                                      reason=args.reason, confirm_fingerprint=args.confirm_key)
            print(message("sync.key.replaced", "id", village=args.village, old=old or "-",
                          new=info.fingerprint))
        finally:
            ws.close()
        return EXIT_OK
    if sub == "backup":
        if Path(args.out).is_dir():
            raise AppError("cli.target_is_folder", path=args.out,
                           example=str(Path(args.out) / "kunci-cadangan.txt"))
        data_dir = _data_dir(args.data_dir)
        loaded = keys.load_keypair(data_dir)
        if loaded is None:
            raise AppError("sync.key.bad_file", detail=str(data_dir.keys / keys.PRIVATE_NAME))
        pair = loaded
        text = keys.backup_keypair(pair, _passphrase(args.passphrase_file), office_code="")
        write_text(Path(args.out), text, mode=0o600, error_code="sync.key.write_failed")
        print(f"Cadangan kunci {pair.fingerprint} ditulis ke {args.out}")
        return EXIT_OK
    if sub == "restore":
        data_dir = _data_dir(args.data_dir)
        pair = keys.restore_keypair(_key_backup_text(Path(args.backup_file)),
                                    _passphrase(args.passphrase_file))
        ws = _open(args.data_dir)
        try:
            office = ws.office()
            keys.save_keypair(data_dir, pair, office_code=office.code if office else "",
                              role=office.mode if office else "")
        finally:
            ws.close()
        print(f"Kunci {pair.fingerprint} dipulihkan.")
        return EXIT_OK
    raise AssertionError(sub)


def cmd_check_letter(args: argparse.Namespace) -> int:
    """Exit 0 when the letter is genuine, 2 otherwise (the reason in Indonesian)."""
    from sync.letters import check_file, check_text

    ws = _open(args.data_dir, exclusive=False)  # read-only
    try:
        target = args.kode_atau_berkas
        path = Path(target).expanduser()
        result = check_file(ws, path) if path.is_file() else check_text(ws, target)
    finally:
        ws.close()
    print(result.text("id"))
    return EXIT_OK if result.genuine else EXIT_REFUSED


HANDLERS = {"export": cmd_export, "verify": cmd_verify, "import": cmd_import,
            "receipt": cmd_receipt, "import-receipt": cmd_import_receipt, "status": cmd_status,
            "demo-hub": cmd_demo_hub, "dump": cmd_dump, "keys": cmd_keys,
            "provision": cmd_provision, "provision-show": cmd_provision_show,
            "periksa-surat": cmd_check_letter}
HANDLERS.update(DESK_HANDLERS)
HANDLERS["undo-import"] = cmd_undo_import
from sync.relay.cli import HANDLERS as _RELAY_HANDLERS  # noqa: E402 - relay upward (issue 16)

HANDLERS.update(_RELAY_HANDLERS)


def _setup_logging(data_dir: str | None) -> None:
    from app.core.logging_setup import setup_logging
    from app.core.paths import DataDir, resolve_data_dir

    folder = DataDir(resolve_data_dir(data_dir)) if data_dir and data_dir.strip() else None
    # only into a folder that is already ours: a mistyped path must not get a "log" folder
    setup_logging(folder.logs if folder is not None and folder.exists() else None)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and not argv[0].startswith("-") and argv[0] not in HANDLERS:
        from app.core.cli_support import unknown_command

        sys.stderr.write(unknown_command(argv[0], HANDLERS) + "\n")
        return EXIT_REFUSED
    args = build_parser().parse_args(argv)
    try:
        check_data_dir_arg(getattr(args, "data_dir", None))
    except AppError as exc:
        _err(exc.code, **exc.params)
        return EXIT_REFUSED
    _setup_logging(getattr(args, "data_dir", None))
    try:
        with pipe_safe_stdout():
            return HANDLERS[args.command](args)
    except AppError as exc:
        _err(exc.code, **exc.params)
        return EXIT_REFUSED
    except Exception as exc:  # noqa: BLE001 - the last line of defence of a CLI
        coded = storage_error(exc, getattr(args, "data_dir", None))
        if coded is not None:  # a full or read-only disk: say so, not "unexpected"
            log.warning("sync %s refused: %r", args.command, exc)
            _err(coded.code, **coded.params)
            return EXIT_REFUSED
        log.exception("unexpected error in sync %s", args.command)
        _err("unexpected", detail=repr(exc))
        return EXIT_ERROR
