"""``python -m app surat``: issue a village letter for a person and write it as PDF.

Kept apart from :mod:`app.cli` (which only registers it) so the letter command stays one
small module. Prints the letter number and the check code; a wrong ``--jenis`` lists the types.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.core.cli_support import EXIT_OK, EXIT_REFUSED

SIGNERS = ("kepala", "sekretaris")


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("surat", help="buat surat desa untuk CPMI (PDF, bernomor, ber-QR)")
    p.add_argument("--data-dir", required=True)
    p.add_argument("--nik", required=True, help="NIK orang yang dibuatkan surat")
    p.add_argument("--jenis", required=True,
                   help="jenis surat: izin_keluarga, status_perkawinan, pengantar_cpmi, "
                        "domisili")
    p.add_argument("--out", required=True, metavar="FILE.pdf")
    p.add_argument("--kertas", choices=("A4", "F4"), default="A4", help="ukuran kertas")
    p.add_argument("--penanda-tangan", choices=SIGNERS, default="kepala",
                   help="kepala desa, atau sekretaris (a.n. kepala desa)")
    p.add_argument("--keperluan", default="", help="keperluan surat")
    p.add_argument("--pemberi-izin-nik", default="",
                   help="izin_keluarga: NIK pemberi izin (dari register atau diketik)")
    p.add_argument("--pemberi-izin-nama", default="", help="izin_keluarga: nama (jika diketik)")
    p.add_argument("--hubungan", default="",
                   help="izin_keluarga: suami, istri, ayah, ibu, atau wali")
    p.add_argument("--operator", default="baris-perintah")

    k = sub.add_parser("surat-kop", help="atur kop surat: kepala desa, sekretaris, alamat, logo, "
                                         "pola nomor (tanpa pilihan: tampilkan)")
    k.add_argument("--data-dir", required=True)
    k.add_argument("--kepala", help="nama kepala desa")
    k.add_argument("--jabatan", help="jabatan kepala desa (kosong: Kepala Desa <desa>)")
    k.add_argument("--sekretaris", help="nama sekretaris desa (penanda tangan a.n.)")
    k.add_argument("--alamat", help="alamat kantor desa")
    k.add_argument("--logo", help="berkas logo PNG/JPEG (kosong: tanpa logo)")
    k.add_argument("--pola", help="pola nomor, mis. {kode}/{nomor}/{singkatan}/{bulan_romawi}/"
                                  "{tahun}")


def cmd_letter_settings(args: argparse.Namespace) -> int:
    from dataclasses import asdict, replace

    from app.core.letters import load_settings, save_settings
    from app.core.paths import DataDir, resolve_data_dir
    from app.core.workspace import open_workspace

    ws = open_workspace(DataDir(resolve_data_dir(args.data_dir)), exclusive=True)
    try:
        with ws.db.unit_of_work("baris-perintah") as s:
            current = load_settings(s)
            changes = {key: value for key, value in (
                ("head_name", args.kepala), ("head_title", args.jabatan),
                ("secretary_name", args.sekretaris), ("office_address", args.alamat),
                ("logo_path", str(Path(args.logo).resolve()) if args.logo else args.logo),
                ("number_pattern", args.pola)) if value is not None}
            current = replace(current, **changes)
            if changes:
                save_settings(s, current)
    finally:
        ws.close()
    labels = {"head_name": "Kepala desa", "head_title": "Jabatan", "secretary_name":
              "Sekretaris", "office_address": "Alamat kantor", "logo_path": "Logo",
              "number_pattern": "Pola nomor"}
    for key, value in asdict(current).items():
        print(f"{labels[key]:<14}: {value or '-'}")
    return EXIT_OK


def cmd_surat(args: argparse.Namespace) -> int:
    from app.core.letters import KINDS, LetterRequest
    from app.core.letters.register import find_resident_by_nik
    from app.core.messages import message
    from app.core.paths import DataDir, resolve_data_dir
    from app.core.workspace import open_workspace

    if args.jenis not in KINDS:
        sys.stderr.write(message("letters.unknown_kind", "id", kind=args.jenis,
                                 choices=", ".join(KINDS)) + "\n")
        for kind, name in KINDS.items():
            sys.stderr.write(f"  {kind:<18} {name}\n")
        return EXIT_REFUSED
    data_dir = DataDir(resolve_data_dir(args.data_dir))
    if not data_dir.db_path.exists():
        sys.stderr.write(message("office.not_initialised", "id", path=str(data_dir.root)) + "\n")
        return EXIT_REFUSED
    out = Path(args.out).expanduser().resolve()
    ws = open_workspace(data_dir, exclusive=True)
    try:
        from sync.letters import issue, typed_code

        with ws.db.session() as s:
            person = find_resident_by_nik(s, args.nik)
            member_id = None
            if args.pemberi_izin_nik and not args.pemberi_izin_nama:
                member_id = find_resident_by_nik(s, args.pemberi_izin_nik).id
        req = LetterRequest(resident_id=person.id, kind=args.jenis, signer=args.penanda_tangan,
                            purpose=args.keperluan, consent_member_id=member_id,
                            consent_name=args.pemberi_izin_nama,
                            consent_nik=args.pemberi_izin_nik, consent_relation=args.hubungan)
        issued, doc = issue(ws, req, args.operator)
        from app.ui.printing.pdf import ensure_gui_application, render_pdf

        ensure_gui_application()
        pages = render_pdf(doc, out, args.kertas)
    finally:
        ws.close()
    print(f"Nomor surat: {issued.number}")
    print(f"Kode periksa: {typed_code(issued.letter_id, issued.content_hash)}")
    print(f"PDF ({pages} halaman, {args.kertas}): {out}")
    return EXIT_OK
