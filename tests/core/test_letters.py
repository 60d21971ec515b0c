"""Village letters, core side: templates, the numbered register, consent rules, letterhead."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from app.core.backup import backup_database
from app.core.errors import AppError
from app.core.highwater import read_floors
from app.core.letters import (
    LetterRequest,
    LetterSettings,
    ensure_templates,
    issue_letter,
    letter_document,
    list_letters,
    revoke_letter,
    save_settings,
)
from app.core.letters.register import agenda_book
from app.core.letters.templates import template_folder
from app.core.models import Episode, Letter, Resident
from app.core.paths import DataDir
from app.core.restore import restore_database
from app.core.workspace import open_workspace

ON = date(2026, 11, 30)


def add_cpmi(ws, *, marital: str = "kawin", sex: str = "L", nik: str = "1807012710760005",
             name: str = "Irwan Permata") -> str:
    with ws.db.unit_of_work("op") as s:
        person = Resident(name=name, sex=sex, nik=nik, no_kk="1807012304160350",
                          birth_place="Lampung Timur", birth_date=date(1976, 10, 27),
                          marital_status=marital, shdk="kepala_keluarga", dusun="Sukamaju",
                          rt="012", rw="001")
        s.add(person)
        s.flush()
        s.add(Episode(resident_id=person.id, state="terdaftar", destination_country="TW",
                      job="Perawat lansia", p3mi="PT Farida Jaya Mandiri",
                      registered_on=date(2026, 11, 1)))
        return person.id


def setup_letters(ws, **kw) -> None:
    values = dict(head_name="Suparman", secretary_name="Dewi Lestari",
                  office_address="Jl. Raya Sukadana No. 1")
    values.update(kw)
    with ws.db.unit_of_work("op") as s:
        save_settings(s, LetterSettings(**values))


def issue(ws, req: LetterRequest):
    office = ws.office()
    with ws.db.unit_of_work("op") as s:
        return issue_letter(s, office, ws.data_dir.root, ws.data_dir.keys, req)


def letter_count(ws) -> int:
    with ws.db.session() as s:
        return len(list_letters(s))


def test_number_follows_pattern_and_reprint_keeps_it(village) -> None:
    setup_letters(village)
    pid = add_cpmi(village)
    first = issue(village, LetterRequest(pid, "domisili", purpose="melamar kerja", issued_on=ON))
    second = issue(village, LetterRequest(pid, "pengantar_cpmi", issued_on=ON))
    assert first.number == "471/001/SKD/XI/2026"
    assert second.number == "471.31/002/SP-CPMI/XI/2026"
    office = village.office()
    with village.db.session() as s:
        text = letter_document(s, office, village.data_dir.root, first.letter_id).to_text()
        again = letter_document(s, office, village.data_dir.root, first.letter_id).to_text()
    assert text == again and "Nomor: 471/001/SKD/XI/2026" in text
    assert "Suparman" in text and "Jl. Raya Sukadana No. 1" in text
    assert "melamar kerja" in text and "Irwan Permata" in text


def test_number_pattern_setting_and_bad_pattern_refused(village) -> None:
    with pytest.raises(AppError) as exc:
        setup_letters(village, number_pattern="{kode}/{nama}/{tahun}")
    assert exc.value.code == "letters.bad_pattern"
    setup_letters(village, number_pattern="{kode}/{nomor}/DS/{bulan}/{tahun}")
    pid = add_cpmi(village)
    assert issue(village, LetterRequest(pid, "domisili", issued_on=ON)).number == \
        "471/001/DS/11/2026"


def test_unknown_field_is_refused_naming_it_and_takes_no_number(village) -> None:
    setup_letters(village)
    pid = add_cpmi(village)
    folder = ensure_templates(village.data_dir.root)
    path = folder / "domisili.txt"
    path.write_text(path.read_text(encoding="utf-8") + "\nAgama: {agama}\n", encoding="utf-8")
    with pytest.raises(AppError) as exc:
        issue(village, LetterRequest(pid, "domisili", issued_on=ON))
    assert exc.value.code == "letters.unknown_field"
    assert exc.value.params["field"] == "agama"
    assert letter_count(village) == 0
    assert "surat_2026" not in read_floors(village.data_dir.keys)
    # attribute access is no way around the list either
    path.write_text("# judul: X\n# klasifikasi: 471\n# singkatan: X\n{nama.__class__}\n",
                    encoding="utf-8")
    with pytest.raises(AppError) as exc:
        issue(village, LetterRequest(pid, "domisili", issued_on=ON))
    assert exc.value.params["field"] == "nama.__class__"


def test_templates_copied_once_and_never_overwritten(village) -> None:
    folder = ensure_templates(village.data_dir.root)
    assert folder == template_folder(village.data_dir.root)
    assert sorted(p.stem for p in folder.glob("*.txt")) == sorted(
        ["domisili", "izin_keluarga", "pengantar_cpmi", "status_perkawinan"])
    mine = folder / "domisili.txt"
    edited = mine.read_text(encoding="utf-8").replace("benar berdomisili", "sungguh tinggal")
    mine.write_text(edited, encoding="utf-8")
    (folder / "status_perkawinan.txt").unlink()
    ensure_templates(village.data_dir.root)  # what an upgrade does on the next start
    assert mine.read_text(encoding="utf-8") == edited
    assert (folder / "status_perkawinan.txt").exists()
    setup_letters(village)
    pid = add_cpmi(village)
    got = issue(village, LetterRequest(pid, "domisili", issued_on=ON))
    with village.db.session() as s:
        text = letter_document(s, village.office(), village.data_dir.root, got.letter_id)
    assert "sungguh tinggal" in text.to_text()


def test_numbers_are_never_reused_across_a_restore(village) -> None:
    setup_letters(village)
    pid = add_cpmi(village)
    issue(village, LetterRequest(pid, "domisili", issued_on=ON))
    backup = backup_database(village.data_dir.db_path, village.data_dir.backups, reason="uji")
    issue(village, LetterRequest(pid, "domisili", issued_on=ON))
    issue(village, LetterRequest(pid, "domisili", issued_on=ON))
    folder: DataDir = village.data_dir
    village.close()
    restore_database(folder, backup)
    ws = open_workspace(DataDir(folder.root))
    try:
        # the restored database holds only number 1 (plus tombstones of 2 and 3) ...
        with ws.db.session() as s:
            live = [r.seq for r in s.query(Letter).filter(Letter.deleted.is_(False))]
        assert live == [1]
        # ... and still continues at 4, even with the tombstones gone
        with ws.db.unit_of_work("op") as s:
            s.query(Letter).filter(Letter.deleted.is_(True)).delete()
        got = issue(ws, LetterRequest(pid, "domisili", issued_on=ON))
        assert got.number == "471/004/SKD/XI/2026"
    finally:
        ws.close()


def test_consent_relation_must_fit_the_marital_status(village) -> None:
    setup_letters(village)
    married_man = add_cpmi(village)
    single_woman = add_cpmi(village, marital="belum_kawin", sex="P", nik="1807015304970003",
                            name="Eli Susanti")
    unknown = add_cpmi(village, marital="", nik="1807011301930001", name="Tanpa Status")

    def consent(pid: str, relation: str, nik: str = "1807014101900001"):
        return issue(village, LetterRequest(pid, "izin_keluarga", consent_name="Siti Aminah",
                                            consent_nik=nik, consent_relation=relation,
                                            issued_on=ON))

    for pid, relation in ((married_man, "ayah"), (married_man, "suami"),
                          (single_woman, "suami"), (single_woman, "istri")):
        with pytest.raises(AppError) as exc:
            consent(pid, relation)
        assert exc.value.code == "letters.consent_relation"
    with pytest.raises(AppError) as exc:
        consent(unknown, "ayah")
    assert exc.value.code == "letters.marital_unknown"
    with pytest.raises(AppError) as exc:
        consent(married_man, "istri", nik="12345")
    assert exc.value.code == "letters.consent_nik"
    with pytest.raises(AppError) as exc:
        issue(village, LetterRequest(married_man, "izin_keluarga", consent_member_id=married_man,
                                     consent_relation="istri", issued_on=ON))
    assert exc.value.code == "letters.consent_self"
    assert letter_count(village) == 0
    ok = consent(married_man, "istri")
    assert ok.values["hubungan_pemberi_izin"] == "Istri"
    assert consent(single_woman, "ibu").values["nama_pemberi_izin"] == "Siti Aminah"


def test_consenting_person_from_the_kk(village) -> None:
    from app.core.letters import consent_candidates

    setup_letters(village)
    pid = add_cpmi(village)
    with village.db.unit_of_work("op") as s:
        wife = Resident(name="Siti Aminah", sex="P", nik="1807014101900001",
                        no_kk="1807012304160350", shdk="istri")
        s.add(wife)
        s.flush()
        wife_id = wife.id
    with village.db.session() as s:
        found = consent_candidates(s, pid)
    assert [(c.resident_id, c.relation) for c in found] == [(wife_id, "istri")]
    got = issue(village, LetterRequest(pid, "izin_keluarga", consent_member_id=wife_id,
                                       consent_relation="istri", issued_on=ON))
    assert got.values["nik_pemberi_izin"] == "1807014101900001"


def test_signer_head_or_secretary_an(village) -> None:
    pid = add_cpmi(village)
    with pytest.raises(AppError) as exc:
        issue(village, LetterRequest(pid, "domisili", issued_on=ON))
    assert exc.value.code == "letters.no_head"
    setup_letters(village, secretary_name="")
    with pytest.raises(AppError) as exc:
        issue(village, LetterRequest(pid, "domisili", signer="sekretaris", issued_on=ON))
    assert exc.value.code == "letters.no_secretary"
    setup_letters(village)
    got = issue(village, LetterRequest(pid, "domisili", signer="sekretaris", issued_on=ON))
    with village.db.session() as s:
        text = letter_document(s, village.office(), village.data_dir.root,
                               got.letter_id).to_text()
    assert "a.n. Kepala Desa Sukadana\nSekretaris Desa Sukadana\nDewi Lestari" in text


def test_letters_need_a_placement_and_a_village(village, hub) -> None:
    setup_letters(village)
    with village.db.unit_of_work("op") as s:
        person = Resident(name="Tanpa Rencana", sex="L", nik="1807010101900001",
                          marital_status="belum_kawin")
        s.add(person)
        s.flush()
        pid = person.id
    with pytest.raises(AppError) as exc:
        issue(village, LetterRequest(pid, "pengantar_cpmi", issued_on=ON))
    assert exc.value.code == "letters.no_episode"
    assert issue(village, LetterRequest(pid, "status_perkawinan", issued_on=ON)).number
    with pytest.raises(AppError) as exc:
        issue(village, LetterRequest(pid, "surat_sakti", issued_on=ON))
    assert exc.value.code == "letters.unknown_kind"
    with pytest.raises(AppError) as exc:
        with hub.db.unit_of_work("op") as s:
            issue_letter(s, hub.office(), hub.data_dir.root, hub.data_dir.keys,
                         LetterRequest(pid, "domisili"))
    assert exc.value.code == "letters.not_village"


def test_revoked_letter_stays_in_the_agenda_book(village) -> None:
    setup_letters(village)
    pid = add_cpmi(village)
    got = issue(village, LetterRequest(pid, "domisili", issued_on=ON))
    with village.db.unit_of_work("op") as s:
        with pytest.raises(AppError):
            revoke_letter(s, got.letter_id, "   ")
    with village.db.unit_of_work("op") as s:
        revoke_letter(s, got.letter_id, "salah tulis alamat")
    with village.db.unit_of_work("op") as s:
        with pytest.raises(AppError) as exc:
            revoke_letter(s, got.letter_id, "lagi")
    assert exc.value.code == "letters.already_revoked"
    with village.db.session() as s:
        book = agenda_book(s, village.office(), 2026, today=ON).to_text()
        reprint = letter_document(s, village.office(), village.data_dir.root, got.letter_id)
    assert "471/001/SKD/XI/2026" in book and "Dicabut: salah tulis alamat" in book
    assert "DICABUT: salah tulis alamat" in reprint.to_text()


def test_letterhead_settings_reach_books_and_sheets(village) -> None:
    from app.core.reports.person import build_person_sheet
    from app.core.reports.recap import build_recap
    from app.core.reports.register import build_register

    setup_letters(village, head_title="Kepala Desa Sukadana Baru", logo_path="/x/logo.png")
    pid = add_cpmi(village)
    office = village.office()
    with village.db.session() as s:
        docs = [build_register(s, office, today=ON), build_recap(s, office, 2026, 11, today=ON),
                build_person_sheet(s, office, pid, today=ON)]
    for doc in docs:
        text = doc.to_text()
        assert "Kepala Desa Sukadana Baru\nSuparman" in text
        assert "Jl. Raya Sukadana No. 1" in text
        assert doc.letterhead.logo == "/x/logo.png"


def test_fields_are_documented_in_the_guide() -> None:
    from app.core.letters import FIELDS

    guide = (Path(__file__).resolve().parents[2] / "resources" / "guide").rglob("*.md")
    text = "\n".join(p.read_text(encoding="utf-8") for p in guide)
    missing = [f for f in FIELDS if "{" + f + "}" not in text]
    assert not missing


@pytest.mark.parametrize("point", ["floor", "commit"])
def test_killed_while_issuing_never_reuses_the_number(village, point: str) -> None:
    import subprocess
    import sys

    from app.core.restore import quick_check

    setup_letters(village)
    pid = add_cpmi(village)
    first = issue(village, LetterRequest(pid, "domisili", issued_on=ON))
    assert first.number.startswith("471/001/")
    root = village.data_dir.root
    village.db.close()
    done = subprocess.run([sys.executable, "-m", "tests.core.letter_kill_worker", str(root), pid,
                           point], capture_output=True, text=True, timeout=120,
                          cwd=Path(__file__).resolve().parents[2])
    assert done.returncode == -9, done.stdout + done.stderr
    assert quick_check(village.data_dir.db_path)
    assert read_floors(village.data_dir.keys)["surat_2026"] == 2
    ws = open_workspace(DataDir(root))
    try:
        with ws.db.session() as s:
            assert [r.seq for r in s.query(Letter)] == [1]  # nothing half-recorded
        got = issue(ws, LetterRequest(pid, "domisili", issued_on=ON))
        assert got.number.startswith("471/003/")  # 2 may have reached paper: never reused
    finally:
        ws.close()


def test_deleting_a_person_erases_their_letters_personal_values(village) -> None:
    from app.core.services.residents import delete_resident

    setup_letters(village)
    pid = add_cpmi(village)
    got = issue(village, LetterRequest(pid, "domisili", issued_on=ON))
    with village.db.unit_of_work("op") as s:
        delete_resident(s, pid)
    with village.db.session() as s:
        row = s.get(Letter, got.letter_id)
        assert row.deleted and row.nik == "" and row.name == "" and row.fields == ""
        assert row.number == got.number  # the number stays taken


def test_letterhead_command(village, capsys) -> None:
    from app.cli import run_command
    from app.core.letters import load_settings

    root = str(village.data_dir.root)
    assert run_command(["surat-kop", "--data-dir", root, "--kepala", "Suparman",
                        "--sekretaris", "Dewi", "--alamat", "Jl. Raya 1"]) == 0
    assert run_command(["surat-kop", "--data-dir", root, "--kepala", "Orang Lain",
                        "--pola", "{kode}/{x}"]) == 2
    assert "{nomor}" in capsys.readouterr().err
    with village.db.session() as s:
        saved = load_settings(s)
    assert (saved.head_name, saved.secretary_name, saved.office_address) == (
        "Suparman", "Dewi", "Jl. Raya 1")
