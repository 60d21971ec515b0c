"""Village letters end to end: PDF text, QR decoded from the rendered page, checked at P4MI."""

from __future__ import annotations

import hashlib
import json
import subprocess
from datetime import date
from pathlib import Path

import pytest

from app.core.letters import LetterRequest
from sync.letters import (
    ASLI,
    DESA_TIDAK_DIKENAL,
    DICABUT,
    QR_PREFIX,
    RUSAK,
    TIDAK_COCOK,
    TIDAK_DIKENAL,
    _b64u,
    _unb64u,
    check_file,
    check_text,
    decode_file,
    document,
    issue,
    revoke,
    typed_code,
)
from tests.cli_run import CliResult, run_cli
from tests.core.test_letters import add_cpmi, setup_letters
from tests.sync.conftest import export, import_, make_hub

ON = date(2026, 11, 30)
KINDS_TEXT = {
    "izin_keluarga": ("SURAT IZIN KELUARGA", "Siti Aminah", "Yang memberi izin"),
    "status_perkawinan": ("SURAT KETERANGAN STATUS PERKAWINAN", "berstatus: Kawin"),
    "pengantar_cpmi": ("PENGANTAR CALON PEKERJA MIGRAN", "Taiwan", "PT Farida Jaya Mandiri"),
    "domisili": ("SURAT KETERANGAN DOMISILI", "benar berdomisili di Desa Sukadana"),
}


def render(doc, path: Path, paper: str = "A4") -> Path:
    from app.ui.printing.pdf import render_pdf

    render_pdf(doc, path, paper)
    return path


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          check=True, text=True).stdout


def page_png(pdf: Path, dpi: int = 150) -> Path:
    prefix = pdf.with_suffix("")
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", "-f", "1", "-l", "1", str(pdf),
                    str(prefix)], check=True)
    return next(pdf.parent.glob(prefix.name + "-*1.png"))


def request(pid: str, kind: str, **kw) -> LetterRequest:
    if kind == "izin_keluarga":
        kw.update(consent_name="Siti Aminah", consent_nik="1807014101900001",
                  consent_relation="istri")
    return LetterRequest(pid, kind, purpose="melamar kerja", issued_on=ON, **kw)


def forged_differs(payload: dict, key: str, value: str) -> bool:
    return payload[key] != value


def file_sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def letter_village(village):
    setup_letters(village)
    return village, add_cpmi(village)


@pytest.mark.parametrize("paper", ["A4", "F4"])
def test_every_letter_renders_to_pdf_with_its_text(qapp, letter_village, tmp_path: Path,
                                                   paper: str) -> None:
    ws, pid = letter_village
    for kind, words in KINDS_TEXT.items():
        issued, doc = issue(ws, request(pid, kind), "op")
        text = pdf_text(render(doc, tmp_path / f"{kind}-{paper}.pdf", paper))
        flat = " ".join(text.split())
        for word in (*words, issued.number, "Irwan Permata", "1807012710760005", "Suparman",
                     "DESA SUKADANA", "Jl. Raya Sukadana No. 1",
                     typed_code(issued.letter_id, issued.content_hash)):
            assert word in flat, (kind, word)
        assert "{" not in flat and "}" not in flat


def test_qr_from_the_rendered_page_is_genuine_at_p4mi(qapp, letter_village, tmp_path: Path
                                                     ) -> None:
    ws, pid = letter_village
    issued, doc = issue(ws, request(pid, "izin_keluarga"), "op")
    pdf = render(doc, tmp_path / "izin.pdf")
    png = page_png(pdf)
    texts = decode_file(png)
    assert len(texts) == 1 and texts[0].startswith(QR_PREFIX)
    hub = make_hub(tmp_path / "p4mi")
    try:
        # before the hub knows the village's key
        assert check_file(hub, png).status == DESA_TIDAK_DIKENAL
        import_(hub, export(ws, tmp_path / "usb", full=True))
        before = file_sha(hub.data_dir.db_path)
        for source in (png, pdf):
            result = check_file(hub, source)
            assert result.status == ASLI, result.text()
            assert result.in_register and result.number == issued.number
            assert "Sukadana" in result.text() and issued.number in result.text()
        # the scanner types the same text
        assert check_text(hub, texts[0] + "\n").status == ASLI
        # one field changed (the name), signature kept: not genuine
        payload = json.loads(_unb64u(texts[0][len(QR_PREFIX):]))
        for key, value in (("m", "Irwan Permana"), ("k", "1807012710760006"),
                           ("t", "2026-12-01"), ("n", issued.number.replace("/001/", "/002/"))):
            assert forged_differs(payload, key, value)
            forged = dict(payload, **{key: value})
            text = QR_PREFIX + _b64u(json.dumps(forged).encode())
            assert check_text(hub, text).status == TIDAK_COCOK, key
        assert file_sha(hub.data_dir.db_path) == before  # checking changes nothing
    finally:
        hub.close()


def test_signed_letter_not_yet_in_a_bundle_is_genuine_by_signature(qapp, letter_village,
                                                                   tmp_path: Path) -> None:
    ws, pid = letter_village
    hub = make_hub(tmp_path / "p4mi")
    try:
        import_(hub, export(ws, tmp_path / "usb", full=True))  # the key, no letter yet
        issued, doc = issue(ws, request(pid, "domisili"), "op")
        result = check_text(hub, doc.seal.qr_text)
        assert result.status == ASLI and not result.in_register
        code = typed_code(issued.letter_id, issued.content_hash)
        assert check_text(hub, code).status == TIDAK_DIKENAL
    finally:
        hub.close()


def test_typed_code_and_revocation_travel_in_bundles(letter_village, tmp_path: Path) -> None:
    ws, pid = letter_village
    issued, doc = issue(ws, request(pid, "pengantar_cpmi"), "op")
    code = typed_code(issued.letter_id, issued.content_hash)
    hub = make_hub(tmp_path / "p4mi")
    try:
        import_(hub, export(ws, tmp_path / "usb", full=True))
        assert check_text(hub, code).status == ASLI
        assert check_text(hub, code.lower().replace("-", " ")).status == ASLI
        # every single changed character is caught
        plain = code.replace("-", "")
        for i in range(len(plain)):
            for ch in "07KZ":
                if ch == plain[i]:
                    continue
                typo = plain[:i] + ch + plain[i + 1:]
                assert check_text(hub, typo).status in (RUSAK, TIDAK_COCOK, TIDAK_DIKENAL), typo
        assert check_text(hub, "halo").status == RUSAK
        assert check_text(hub, QR_PREFIX + "rusak!!").status == RUSAK
        assert check_text(hub, doc.seal.qr_text[:-10]).status in (RUSAK, TIDAK_COCOK)
        revoke(ws, issued.letter_id, "CPMI membatalkan keberangkatan", "op")
        import_(hub, export(ws, tmp_path / "usb"))
        for text in (code, doc.seal.qr_text):
            result = check_text(hub, text)
            assert result.status == DICABUT
            assert "membatalkan keberangkatan" in result.text()
    finally:
        hub.close()


def test_letter_text_never_travels(letter_village, tmp_path: Path) -> None:
    ws, pid = letter_village
    issue(ws, request(pid, "izin_keluarga"), "op")
    hub = make_hub(tmp_path / "p4mi")
    try:
        import_(hub, export(ws, tmp_path / "usb", full=True))
        with hub.db.session() as s:
            from app.core.models import Letter

            rows = s.query(Letter).all()
        assert len(rows) == 1 and rows[0].fields == "" and rows[0].nik == "1807012710760005"
    finally:
        hub.close()


def test_damaged_cropped_and_foreign_qr(qapp, letter_village, tmp_path: Path) -> None:
    import segno
    from PIL import Image

    ws, pid = letter_village
    _issued, doc = issue(ws, request(pid, "domisili"), "op")
    png = page_png(render(doc, tmp_path / "d.pdf"))
    hub = make_hub(tmp_path / "p4mi")
    try:
        import_(hub, export(ws, tmp_path / "usb", full=True))
        assert check_file(hub, png).status == ASLI
        with Image.open(png) as im:
            w, h = im.size
            # the QR sits low on the page: keep only the top half
            im.crop((0, 0, w, h // 2)).save(tmp_path / "cropped.png")
            im.convert("RGB").save(tmp_path / "scan.jpg", quality=90)
        assert check_file(hub, tmp_path / "scan.jpg").status == ASLI
        cropped = check_file(hub, tmp_path / "cropped.png")
        assert cropped.status == RUSAK and cropped.detail == "no_qr"
        segno.make("https://contoh.example/surat").save(tmp_path / "foreign.png", scale=6)
        foreign = check_file(hub, tmp_path / "foreign.png")
        assert foreign.status == RUSAK and foreign.detail == "foreign_qr"
        # a QR whose text was damaged (a few characters of the signature lost)
        segno.make(doc.seal.qr_text[:-6], error="m").save(tmp_path / "damaged.png", scale=6)
        assert check_file(hub, tmp_path / "damaged.png").status in (RUSAK, TIDAK_COCOK)
        (tmp_path / "not-an-image.png").write_bytes(b"\x89PNG garbage")
        from app.core.errors import AppError

        with pytest.raises(AppError) as exc:
            check_file(hub, tmp_path / "not-an-image.png")
        assert exc.value.code == "letters.check.file_unreadable"
    finally:
        hub.close()


def test_letter_from_an_untrusted_village(letter_village, tmp_path: Path) -> None:
    from tests.sync.conftest import OTHER_VILLAGE, make_village

    ws, pid = letter_village
    hub = make_hub(tmp_path / "p4mi")
    other = make_village(tmp_path / "lain", code=OTHER_VILLAGE)
    try:
        import_(hub, export(ws, tmp_path / "usb", full=True))
        setup_letters(other)
        other_pid = add_cpmi(other)
        _issued, doc = issue(other, request(other_pid, "domisili"), "op")
        result = check_text(hub, doc.seal.qr_text)
        assert result.status == DESA_TIDAK_DIKENAL and OTHER_VILLAGE in result.text()
        # a letter signed by the other village's key but claiming to be from ours
        payload = json.loads(_unb64u(doc.seal.qr_text[len(QR_PREFIX):]))
        payload["d"] = ws.office().code
        forged = QR_PREFIX + _b64u(json.dumps(payload).encode())
        assert check_text(hub, forged).status == TIDAK_COCOK
    finally:
        other.close()
        hub.close()


def test_check_needs_a_hub(letter_village) -> None:
    from app.core.errors import AppError

    ws, _pid = letter_village
    with pytest.raises(AppError) as exc:
        check_text(ws, "ABCD")
    assert exc.value.code == "letters.check.not_hub"


def test_reprint_has_the_same_number_and_codes(letter_village) -> None:
    ws, pid = letter_village
    issued, doc = issue(ws, request(pid, "status_perkawinan"), "op")
    again = document(ws, issued.letter_id)
    assert again.number == doc.number == issued.number
    assert again.seal == doc.seal


def _run(module: str, *args: str) -> CliResult:
    return run_cli(module, *args)


def test_both_command_lines(letter_village, tmp_path: Path) -> None:
    ws, _pid = letter_village
    root = str(ws.data_dir.root)
    ws.close()
    out = tmp_path / "surat.pdf"
    bad = _run("app", "surat", "--data-dir", root, "--nik", "1807012710760005", "--jenis",
               "sakti", "--out", str(out))
    assert bad.returncode == 2 and "pengantar_cpmi" in bad.stderr and not out.exists()
    done = _run("app", "surat", "--data-dir", root, "--nik", "1807012710760005", "--jenis",
                "domisili", "--out", str(out), "--keperluan", "melamar kerja")
    assert done.returncode == 0, done.stderr
    assert "Nomor surat: 471/001/SKD/" in done.stdout
    code = done.stdout.split("Kode periksa: ")[1].split()[0]
    assert code in " ".join(pdf_text(out).split())
    from app.core.paths import DataDir
    from app.core.workspace import open_workspace
    from sync.export import export_bundle
    from sync.importer import import_bundle
    from tests.sync.conftest import fingerprint_of

    ws = open_workspace(DataDir(Path(root)))
    hub = make_hub(tmp_path / "p4mi")
    try:
        path = export_bundle(ws, tmp_path / "usb", full=True).path
        import_bundle(hub, path, confirm_key=fingerprint_of(path))
    finally:
        ws.close()
        hub.close()
    hub_dir = str(tmp_path / "p4mi")
    ok = _run("sync", "periksa-surat", "--data-dir", hub_dir, code)
    assert ok.returncode == 0 and ok.stdout.startswith("ASLI"), ok.stdout + ok.stderr
    ok_file = _run("sync", "periksa-surat", "--data-dir", hub_dir, str(out))
    assert ok_file.returncode == 0 and ok_file.stdout.startswith("ASLI"), ok_file.stderr
    typo = code[:-1] + ("0" if code[-1] != "0" else "1")
    no = _run("sync", "periksa-surat", "--data-dir", hub_dir, typo)
    assert no.returncode == 2 and "salah ketik" in no.stdout


def test_logo_on_the_letter_and_a_missing_logo_is_no_error(qapp, letter_village,
                                                          tmp_path: Path) -> None:
    import segno

    ws, pid = letter_village
    logo = tmp_path / "logo.png"
    segno.make("LOGO", micro=False).save(logo, scale=10)  # any picture will do

    def images(pdf: Path) -> int:
        listing = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True,
                                 text=True, check=True).stdout.splitlines()
        return len(listing) - 2  # two header lines

    setup_letters(ws, logo_path=str(logo))
    _issued, doc = issue(ws, request(pid, "domisili"), "op")
    assert images(render(doc, tmp_path / "with-logo.pdf")) == 2  # logo and QR code
    setup_letters(ws, logo_path=str(tmp_path / "gone.png"))
    _issued, doc = issue(ws, request(pid, "domisili"), "op")
    assert images(render(doc, tmp_path / "no-logo.pdf")) == 1
