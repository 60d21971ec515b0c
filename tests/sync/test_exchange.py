"""Idempotency, ordering, lost bundles, receipts, trust (keys), encryption, NIK flags."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.core.errors import AppError
from app.core.models import AuditEntry, NikFlag, Resident, SyncConflict
from sync.container import read_bundle
from sync.importer import (
    STATUS_ALREADY,
    STATUS_IMPORTED,
    import_bundle,
    preview_import,
)
from sync.keys import KeyPair, PublicKeyInfo, load_keypair, load_or_create_keypair, set_p4mi_key
from sync.receipt import import_receipt, make_receipt, send_status
from sync.trust import replace_village_key, village_keys
from tests.sync.conftest import (
    OTHER_VILLAGE,
    VILLAGE,
    digest,
    export,
    fingerprint_of,
    hub_state,
    import_,
    make_village,
)


def _hub_key(hub) -> KeyPair:
    return load_or_create_keypair(hub.data_dir, office_code="18.07", role="p4mi")


def _rename(village, name: str) -> None:
    with village.db.unit_of_work("op") as s:
        person = s.scalars(select(Resident).order_by(Resident.id)).first()
        person.name = name


def test_importing_the_same_bundle_twice_changes_nothing(village, hub, tmp_path: Path) -> None:
    path = export(village, tmp_path / "usb")
    assert import_(hub, path).status == STATUS_IMPORTED
    before = hub_state(hub)
    again = import_(hub, path)
    assert again.status == STATUS_ALREADY
    assert hub_state(hub) == before
    # the same rows in another bundle: all unchanged, and the data stays identical
    full = export(village, tmp_path / "usb", full=True)
    report = import_(hub, full)
    assert report.total("unchanged") == sum(read_bundle(full).manifest.counts.values())
    assert report.total("new") == report.total("updated") == 0
    assert digest(village) == digest(hub)


def test_older_bundle_after_newer_never_overwrites(village, hub, tmp_path: Path) -> None:
    _rename(village, "Nama Lama")
    old = export(village, tmp_path / "usb")
    _rename(village, "Nama Baru")
    new = export(village, tmp_path / "usb")
    assert import_(hub, new).status == STATUS_IMPORTED
    report = import_(hub, old)
    assert report.status == STATUS_IMPORTED
    assert report.counts["Penduduk"].older == 1
    assert any(code == "sync.warn.older_bundle" for code, _ in report.warnings)
    assert digest(village) == digest(hub)
    with hub.db.session() as s:
        assert s.scalar(select(func.count()).where(Resident.name == "Nama Baru")) == 1


def test_gap_in_sequence_is_reported_but_never_blocks(village, hub, tmp_path: Path) -> None:
    first = export(village, tmp_path / "usb")
    export(village, tmp_path / "hilang")
    third = export(village, tmp_path / "usb")
    import_(hub, first)
    report = import_(hub, third)
    assert report.status == STATUS_IMPORTED
    assert report.missing_sequences == [2]
    assert ("sync.warn.gap", {"missing": "2"}) in report.warnings


def test_lost_bundle_then_village_and_hub_identical(village, hub, tmp_path: Path) -> None:
    hub_pair = _hub_key(hub)
    import_(hub, export(village, tmp_path / "usb"))
    receipt = make_receipt(hub, VILLAGE, tmp_path)
    import_receipt(village, receipt.path, confirm_key=hub_pair.fingerprint)
    assert send_status(village).pending_total == 0
    _rename(village, "Berubah Sebelum Hilang")
    lost = export(village, tmp_path / "hilang")  # the USB stick is lost on the way
    assert read_bundle(lost).manifest.counts["Penduduk"] == 1
    assert send_status(village).pending_total == 1  # export never marks anything as sent
    with village.db.unit_of_work("op") as s:
        s.scalars(select(Resident).order_by(Resident.id.desc())).first().deleted = True
    nxt = export(village, tmp_path / "usb")
    assert read_bundle(nxt).manifest.counts["Penduduk"] == 2  # carries the lost change again
    report = import_(hub, nxt)
    assert report.missing_sequences == [2]
    assert digest(village) == digest(hub)
    receipt = make_receipt(hub, VILLAGE, tmp_path / "r2.bmdt")
    assert import_receipt(village, receipt.path).status == "diterima"
    status = send_status(village)
    assert status.pending_total == 0 and status.confirmed_sequence == 3


def test_first_key_needs_confirmed_fingerprint(village, hub, tmp_path: Path) -> None:
    path = export(village, tmp_path / "usb")
    before = hub_state(hub)
    preview = preview_import(hub, path)
    assert preview.key_status == "baru"
    with pytest.raises(AppError) as err:
        import_bundle(hub, path)
    assert err.value.code == "sync.key.unconfirmed"
    with pytest.raises(AppError):
        import_bundle(hub, path, confirm_key="0000-0000")
    assert hub_state(hub) == before
    assert import_bundle(hub, path, confirm_key=fingerprint_of(path).lower()).changed


def test_other_key_for_village_refused_until_audited_replacement(village, hub,
                                                                  tmp_path: Path) -> None:
    import_(hub, export(village, tmp_path / "usb"))
    # a reinstall: new key, new installation
    for name in ("tanda-tangan.key", "tanda-tangan.pub"):
        (village.data_dir.keys / name).unlink()
    _rename(village, "Sesudah Pasang Ulang")
    path = export(village, tmp_path / "usb2")
    before = hub_state(hub)
    with pytest.raises(AppError) as err:
        import_(hub, path)
    assert err.value.code == "sync.key.mismatch"
    assert hub_state(hub) == before
    new_key = read_bundle(path).manifest.public_key
    with pytest.raises(AppError):
        replace_village_key(hub, VILLAGE, new_key, operator="Petugas", reason="",
                            confirm_fingerprint=new_key.fingerprint)
    old = replace_village_key(hub, VILLAGE, new_key, operator="Petugas", reason="laptop baru",
                              confirm_fingerprint=new_key.fingerprint)
    assert old is not None and old != new_key.fingerprint
    assert import_bundle(hub, path).status == STATUS_IMPORTED
    keys = village_keys(hub, VILLAGE)
    assert [k.active for k in keys] == [False, True]
    with hub.db.session() as s:
        assert s.scalar(select(func.count()).where(AuditEntry.action == "replace_key")) == 1


def test_encrypted_bundle_holds_no_personal_data(village, hub, tmp_path: Path) -> None:
    hub_pair = _hub_key(hub)
    with village.db.session() as s:
        people = s.scalars(select(Resident).where(Resident.nik.is_not(None))).all()
    niks = [p.nik for p in people]
    names = [p.name for p in people if len(p.name) >= 6]
    plain = export(village, tmp_path / "polos")
    with zipfile.ZipFile(plain) as zf:
        manifest_text = zf.read("manifest.json").decode()
        with zipfile.ZipFile(__import__("io").BytesIO(zf.read("data.xlsx"))) as inner:
            sheet = inner.read("xl/worksheets/sheet1.xml").decode()
    assert niks[0] in sheet and names[0] in sheet  # the check below is meaningful
    assert not any(n in manifest_text for n in niks + names)
    set_p4mi_key(village.data_dir, PublicKeyInfo(hub_pair.public, "18.07", "p4mi"))
    sealed = export(village, tmp_path / "usb")
    blob = sealed.read_bytes()
    for text in niks + names:
        assert text.encode() not in blob
        assert text.encode("utf-16-le") not in blob
    m = read_bundle(sealed).manifest
    assert m.encrypted and m.recipient == hub_pair.fingerprint
    assert import_(hub, sealed).status == STATUS_IMPORTED
    assert digest(village) == digest(hub)


def test_encrypted_bundle_for_another_hub_is_refused(village, hub, tmp_path: Path) -> None:
    stranger = KeyPair.generate()
    set_p4mi_key(village.data_dir, PublicKeyInfo(stranger.public, "18.07", "p4mi"))
    path = export(village, tmp_path / "usb")
    with pytest.raises(AppError) as err:
        import_(hub, path)
    assert err.value.code == "sync.bundle.no_hub_key"
    _hub_key(hub)
    with pytest.raises(AppError) as err:
        import_(hub, path)
    assert err.value.code == "sync.bundle.other_recipient"


def test_same_nik_from_two_villages_is_flagged_not_merged(village, hub, tmp_path: Path) -> None:
    other = make_village(tmp_path / "desa2", code=OTHER_VILLAGE)
    try:
        with village.db.session() as s:
            someone = s.scalars(select(Resident).where(Resident.nik.is_not(None))).first()
        with other.db.unit_of_work("op") as s:
            s.add(Resident(name="Orang Lain", sex=someone.sex, nik=someone.nik))
        import_(hub, export(village, tmp_path / "a"))
        report = import_(hub, export(other, tmp_path / "b"))
        assert report.status == STATUS_IMPORTED
        assert len(report.nik_clashes) == 1
        assert report.nik_clashes[0].other_village == VILLAGE
        assert someone.nik not in report.nik_clashes[0].masked_nik
        with hub.db.session() as s:
            assert s.scalar(select(func.count()).where(Resident.nik == someone.nik)) == 2
            flag = s.scalars(select(NikFlag)).one()
            assert flag.village_code == OTHER_VILLAGE and flag.other_village == VILLAGE
        assert digest(other, OTHER_VILLAGE) == digest(hub, OTHER_VILLAGE)
    finally:
        other.close()


def test_same_version_other_content_is_a_kept_conflict(village, hub, tmp_path: Path) -> None:
    from tests.sync.conftest import craft

    import_(hub, export(village, tmp_path / "usb", full=True))

    def change(sheets):
        sheets["Penduduk"][1][3] = "Diubah Tanpa Versi Baru"

    path = craft(village, tmp_path, change, name="BMD_18.07.01.2001_20260115_000009.bmd",
                 sequence=9)
    report = import_(hub, path)
    assert report.total("conflicts") == 1
    assert report.conflicts[0].reason == "versi"
    assert digest(village) == digest(hub)  # the hub kept what it had
    with hub.db.session() as s:
        kept = s.scalars(select(SyncConflict)).one()
        assert json.loads(kept.incoming)["name"] == "Diubah Tanpa Versi Baru"


def test_receipt_checks(village, hub, tmp_path: Path) -> None:
    import_(hub, export(village, tmp_path / "usb"))
    receipt = make_receipt(hub, VILLAGE, tmp_path)
    with pytest.raises(AppError) as err:
        import_receipt(village, receipt.path)  # no P4MI key installed, none confirmed
    assert err.value.code == "sync.receipt.unconfirmed_key"
    doc = json.loads(receipt.path.read_text())
    forged = tmp_path / "palsu.bmdt"
    forged.write_text(json.dumps({**doc, "content": doc["content"].replace(
        '"highest_sequence": 1', '"highest_sequence": 9')}))
    with pytest.raises(AppError) as err:
        import_receipt(village, forged, confirm_key=_hub_key(hub).fingerprint)
    assert err.value.code == "sync.receipt.bad_signature"
    other = make_village(tmp_path / "desa2", code=OTHER_VILLAGE)
    try:
        with pytest.raises(AppError) as err:
            import_receipt(other, receipt.path, confirm_key=_hub_key(hub).fingerprint)
        assert err.value.code == "sync.receipt.other_village"
    finally:
        other.close()
    result = import_receipt(village, receipt.path, confirm_key=_hub_key(hub).fingerprint)
    assert result.pinned_key and result.highest_sequence == 1
    assert load_keypair(hub.data_dir).fingerprint == send_status(village).p4mi_fingerprint
    assert import_receipt(village, receipt.path).status == "sudah_ada"
