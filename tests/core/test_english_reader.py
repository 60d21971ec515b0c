"""No prose from the core: an English reader sees no Indonesian sentence fragment.

The core and sync pass codes with parameters (errors, validation issues with field names,
progress steps); the catalogue renders them. The test switches the GUI to English and drives
the main error and progress paths.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from app.core.errors import AppError, ValidationFailed
from app.core.messages import catalogue, message
from app.core.progress import Progress

# common Indonesian words of the catalogue's sentences and of the old progress labels
INDONESIAN = re.compile(
    r"\b(yang|tidak|dan|atau|dengan|untuk|sudah|belum|berkas|paket|menulis|menyimpan|"
    r"membaca|dari|harus|dapat|bisa|wajib|tanggal|nama|jenis|alasan|kegiatan|catatan|"
    r"tindak|lanjut|kasus|pendaftaran|keberangkatan|kepulangan|rekap|kecamatan|negara|"
    r"sektor|skema|selesai|terlambat|tanpa|kabar|tanda|bahaya|menunggu)\b", re.IGNORECASE)
PRODUCT = "Buku Migran Desa"


def indonesian_words(text: str) -> list[str]:
    text = text.replace(PRODUCT, "")
    text = re.sub(r"'[^']*'", "", text)  # quoted data values ('ya' / 'tidak')
    return INDONESIAN.findall(text)


def test_every_english_sentence_of_the_catalogue_is_english() -> None:
    bad = {code: indonesian_words(re.sub(r"\{[^}]*\}", "", en))
           for code, (_id, en) in catalogue().items()}
    assert {c: w for c, w in bad.items() if w} == {}


def test_field_names_in_validation_issues_are_rendered_in_english(village) -> None:
    """Services pass a field's name as a key; the catalogue renders it by language."""
    from app.core.service_messages import LABELS
    from app.core.services import community, episodes, residents

    with pytest.raises(ValidationFailed) as err, village.db.unit_of_work("x") as s:
        residents.register_resident(s, residents.ResidentInput(name=" ", sex="L", rt="1234567"))
    with village.db.unit_of_work("x") as s:
        rid = residents.register_resident(s, residents.ResidentInput(name="Ani", sex="P")).id
    issues = list(err.value.errors)
    for call in (
        lambda s: community.create_activity(s, community.ActivityInput(title="", kind="",
                                                                       held_on=None)),
        lambda s: episodes.register_cpmi(s, rid, episodes.Registration(
            registered_on=date(2099, 1, 1))),
    ):
        with pytest.raises(ValidationFailed) as err, village.db.unit_of_work("x") as s:
            call(s)
        issues += err.value.errors
    assert len(issues) >= 4
    for issue in issues:
        english = message(issue.code, "en", **issue.params)
        indonesian = message(issue.code, "id", **issue.params)
        assert indonesian_words(english) == [], (issue.code, english)
        assert english != indonesian, issue.code
    for key, (_id, en) in LABELS.items():
        assert indonesian_words(en) == [], (key, en)


SERVICE_LABEL = re.compile(
    r"""(?:require|check_code|check_not_future)\([^()]*?,\s*"[a-z_]+",\s*"([^"]+)"\)""")
ORDER_NAMES = re.compile(r"""check_order\([^()]*?\(\s*"([^"]+)",\s*"([^"]+)"\s*\)""")


def test_every_field_name_a_service_passes_has_an_english_name() -> None:
    from app.core.service_messages import LABELS

    root = Path(__file__).resolve().parents[2] / "app" / "core" / "services"
    names: set[str] = set()
    for path in root.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        names |= set(SERVICE_LABEL.findall(text))
        for pair in ORDER_NAMES.findall(text):
            names |= set(pair)
    assert len(names) > 20
    assert sorted(names - set(LABELS)) == []


def _english_steps(steps: list[Progress]) -> list[str]:
    assert steps and all(p.code for p in steps), [p.label for p in steps]
    return [p.text("en") for p in steps]


def test_export_progress_is_coded_and_rendered_in_english(tmp_path: Path) -> None:
    from sync.export import export_bundle
    from tests.sync.conftest import TODAY, make_village

    village = make_village(tmp_path / "desa", residents=4, seed=5)
    steps: list[Progress] = []
    try:
        export_bundle(village, tmp_path / "usb", today=TODAY, progress=steps.append)
    finally:
        village.close()
    texts = _english_steps(steps)
    assert "Saving the bundle" in texts and any(t.startswith("Writing ") for t in texts)
    assert [t for t in texts if indonesian_words(t)] == []
    assert steps[-1].text("id") == "Menyimpan paket"


def test_bundle_import_progress_is_coded_and_rendered_in_english(tmp_path: Path,
                                                                  monkeypatch) -> None:
    from sync.importer import import_many, preview_import, staging
    from tests.sync.conftest import export, fingerprint_of, make_hub, make_village

    village = make_village(tmp_path / "desa", residents=4, seed=5)
    hub = make_hub(tmp_path / "p4mi")
    steps: list[Progress] = []
    try:
        path = export(village, tmp_path / "usb")
        inner: list[Progress] = []
        monkeypatch.setattr(staging, "CHUNK", 2)  # a progress step every two rows
        preview_import(hub, path, progress=inner.append)  # the steps inside one bundle
        read = _english_steps(inner)
        assert "Reading Residents" in read and read[-1] == "Bundle read"
        assert [t for t in read if indonesian_words(t)] == []
        import_many(hub, [path], confirm_keys={village.office().code: fingerprint_of(path)},
                    progress=steps.append)
    finally:
        village.close()
        hub.close()
    texts = _english_steps(steps)
    assert texts[-1] == "1 bundles done"
    assert any(t.startswith("Bundle 1 of 1: ") for t in texts)
    assert [t for t in texts if indonesian_words(t.split(": ", 1)[0])] == []


def test_report_and_recap_progress_in_english(tmp_path: Path) -> None:
    from sync.recap import write_recap
    from sync.report import build_period_report
    from tests.sync.conftest import TODAY, export, import_, make_hub, make_village

    village = make_village(tmp_path / "desa", residents=4, seed=5)
    hub = make_hub(tmp_path / "p4mi")
    steps: list[Progress] = []
    try:
        import_(hub, export(village, tmp_path / "usb"))
        build_period_report(hub, date(2025, 1, 1), TODAY, progress=steps.append)
        write_recap(hub, tmp_path / "rekap.xlsx", today=TODAY, progress=steps.append)
    finally:
        village.close()
        hub.close()
    texts = _english_steps(steps)
    assert "By district" in texts and "Recap by village" in texts
    assert [t for t in texts if indonesian_words(t)] == []


def test_main_error_paths_in_english_through_the_gui(qapp, village, tmp_path: Path) -> None:
    from app.core.services import backups
    from app.ui.errors import error_text
    from app.ui.i18n import set_language
    from sync.export import export_bundle
    from sync.importer import import_bundle

    errors: list[AppError] = []
    for attempt in (
        lambda: backups.restore_backup(village.data_dir),  # no backup yet
        lambda: import_bundle(village, tmp_path / "nothing.bmd"),  # a village imports
        lambda: export_bundle(village, tmp_path / "file.txt/sub"),
        lambda: backups.make_backup(village.data_dir, db=village.db, to=tmp_path,
                                    by=type("Guest", (), {"name": "Tamu", "role": "tamu"})()),
    ):
        (tmp_path / "file.txt").write_text("x", encoding="utf-8")
        with pytest.raises(AppError) as err:
            attempt()
        errors.append(err.value)
    try:
        set_language("en")
        texts = [error_text(e) for e in errors]
    finally:
        set_language("id")
    assert len(set(texts)) == len(errors)
    assert [(e.code, t) for e, t in zip(errors, texts, strict=True) if indonesian_words(t)] == []

