"""Training-event provisioning (.bmdp): signed by P4MI, checked, applied to a village."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from app.core.errors import AppError
from tests.sync.conftest import REGENCY, TODAY, export, fingerprint_of, make_hub, make_village


def _prov(hub: Any, folder: Path, **kw: Any):
    from sync.provisioning import create_provisioning

    return create_provisioning(hub, folder, today=TODAY, **kw)


def _envelope(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def _write(path: Path, envelope: dict[str, Any]) -> Path:
    path.write_text(json.dumps(envelope, indent=1), encoding="utf-8")
    return path


def _village_state(ws: Any) -> tuple[Any, ...]:
    from app.core.db import get_setting
    from app.core.models import Setting

    with ws.db.session() as s:
        settings = sorted((r.key, r.value) for r in s.query(Setting).all())
        assert get_setting(s, "office_code")
    keys = sorted(p.name for p in ws.data_dir.keys.iterdir())
    return tuple(settings), tuple(keys)


def test_round_trip_carries_the_regency_key_villages_and_trainer(hub: Any, tmp_path: Path):
    from app.core.reference import villages_of_regency
    from sync.keys import load_keypair
    from sync.provisioning import read_provisioning

    made = _prov(hub, tmp_path, trainer="  Budi   Santoso ", phone="0812-1111-2222")
    assert made.path == tmp_path / "PELATIHAN_18.07_20260115.bmdp"
    prov = read_provisioning(made.path)
    pair = load_keypair(hub.data_dir)
    assert pair is not None
    assert prov.regency_code == REGENCY
    assert prov.regency_name == "Kabupaten Lampung Timur"
    assert prov.p4mi_key.key == pair.public
    assert prov.fingerprint == pair.fingerprint
    assert list(prov.villages) == villages_of_regency(REGENCY)
    assert len(prov.villages) == 264
    assert prov.village_name("18.07.01.2001") == "Sukadana"
    assert (prov.trainer_name, prov.trainer_phone) == ("Budi Santoso", "0812-1111-2222")
    assert prov.format_version == 1 and prov.created_at.endswith("Z")
    # small: a USB stick and a chat app carry it easily
    assert made.path.stat().st_size < 32 * 1024
    # the expected fingerprint read out by the clerk, in any spelling
    assert read_provisioning(made.path, expected_fingerprint=pair.fingerprint.replace(
        "-", " ").lower()).fingerprint == pair.fingerprint


def test_file_name_given_gets_the_extension_and_no_trainer_is_fine(hub: Any, tmp_path: Path):
    prov = _prov(hub, tmp_path / "sub" / "paket")
    assert prov.path == tmp_path / "sub" / "paket.bmdp"
    assert (prov.trainer_name, prov.trainer_phone) == ("", "")
    assert _envelope(prov.path)["format"] == "buku-migran-desa/paket-pelatihan"
    assert json.loads(_envelope(prov.path)["content"])["trainer"] is None


def _tamper_village_name(env: dict[str, Any]) -> None:
    env["content"] = env["content"].replace("Sukadana", "Sukadana Palsu")


def _swap_key(env: dict[str, Any]) -> None:
    """Re-signed by another key that puts itself in the envelope: the content still names the
    P4MI key, so the carried key does not match."""
    from sync.keys import KeyPair, b64

    other = KeyPair.generate()
    env["public_key"] = b64(other.public)
    env["fingerprint"] = other.fingerprint
    env["signature"] = b64(other.sign(env["content"].encode("utf-8")))


def _wrong_fingerprint(env: dict[str, Any]) -> None:
    env["fingerprint"] = "0000-0000-0000-0000-0000-0000-0000-0000"


def _future(env: dict[str, Any]) -> None:
    env["format_version"] = 2


def _bad_version(env: dict[str, Any]) -> None:
    env["format_version"] = "satu"


def _not_provisioning(env: dict[str, Any]) -> None:
    env["format"] = "buku-migran-desa/tanda-terima"


def _no_signature(env: dict[str, Any]) -> None:
    del env["signature"]


REFUSALS: list[tuple[str, Callable[[dict[str, Any]], None], str]] = [
    ("tampered", _tamper_village_name, "sync.provision.bad_signature"),
    ("other key", _swap_key, "sync.provision.key_mismatch"),
    ("fingerprint", _wrong_fingerprint, "sync.provision.key_mismatch"),
    ("future version", _future, "sync.provision.future_version"),
    ("bad version", _bad_version, "sync.provision.bad_version"),
    ("other format", _not_provisioning, "sync.provision.not_provisioning"),
    ("no signature", _no_signature, "sync.provision.damaged"),
]


@pytest.mark.parametrize(("label", "change", "code"), REFUSALS, ids=[r[0] for r in REFUSALS])
def test_changed_files_are_refused_and_nothing_changes(hub: Any, tmp_path: Path, label: str,
                                                       change: Callable, code: str) -> None:
    from app.core.messages import message
    from sync.provisioning import apply_provisioning, read_provisioning

    good = _prov(hub, tmp_path / "asli")
    env = _envelope(good.path)
    change(env)
    bad = _write(tmp_path / "rusak.bmdp", env)
    village = make_village(tmp_path / "desa")
    try:
        before = _village_state(village)
        with pytest.raises(AppError) as info:
            apply_provisioning(village, read_provisioning(bad))
        assert info.value.code == code, label
        assert _village_state(village) == before
        assert not (village.data_dir.keys / "p4mi.pub").exists()
        text = message(info.value.code, "id", **info.value.params)
        assert "ditolak" in text.lower() or "perbarui" in text.lower() or "pasang" in text.lower()
    finally:
        village.close()


def test_damaged_truncated_and_oversized_files_are_refused(hub: Any, tmp_path: Path) -> None:
    from sync.provisioning import MAX_PROVISIONING_BYTES, read_provisioning

    blob = _prov(hub, tmp_path).path.read_bytes()
    cases = {
        "terpotong.bmdp": (blob[: len(blob) // 2], "sync.provision.damaged"),
        "kosong.bmdp": (b"", "sync.provision.damaged"),
        "biner.bmdp": (b"PK\x03\x04" + bytes(range(256)) * 4, "sync.provision.damaged"),
        "besar.bmdp": (blob + b" " * (MAX_PROVISIONING_BYTES + 1 - len(blob)),
                       "sync.provision.too_large"),
        "daftar.bmdp": (b"[1, 2, 3]", "sync.provision.damaged"),
    }
    for name, (content, code) in cases.items():
        path = tmp_path / name
        path.write_bytes(content)
        with pytest.raises(AppError) as info:
            read_provisioning(path)
        assert info.value.code == code, name
    with pytest.raises(AppError) as info:
        read_provisioning(tmp_path / "tidak-ada.bmdp")
    assert info.value.code == "sync.provision.unreadable"
    with pytest.raises(AppError) as info:
        read_provisioning(tmp_path)  # a folder
    assert info.value.code == "sync.provision.unreadable"


def test_a_self_consistent_forgery_is_caught_by_the_fingerprint_read_out(
        hub: Any, tmp_path: Path) -> None:
    """Someone else's P4MI folder makes a valid file for the same regency: the signature is
    fine, only the fingerprint the clerk reads out tells them apart."""
    from sync.provisioning import read_provisioning

    real = _prov(hub, tmp_path / "asli")
    fake_hub = make_hub(tmp_path / "palsu")
    try:
        fake = _prov(fake_hub, tmp_path / "palsu-out")
    finally:
        fake_hub.close()
    assert fake.fingerprint != real.fingerprint
    with pytest.raises(AppError) as info:
        read_provisioning(fake.path, expected_fingerprint=real.fingerprint)
    assert info.value.code == "sync.provision.unexpected_key"


def test_forged_content_fields_are_refused_even_when_signed(tmp_path: Path) -> None:
    """A signed file with a village outside its regency is still refused."""
    from sync.keys import KeyPair, b64
    from sync.provisioning import read_provisioning

    pair = KeyPair.generate()
    content = {"format": "buku-migran-desa/paket-pelatihan", "format_version": 1,
               "app_version": "0.1.0", "regency_code": "18.07", "regency_name": "X",
               "p4mi_public_key": b64(pair.public), "p4mi_fingerprint": pair.fingerprint,
               "villages": [["18.01.01.2001", "Desa lain"]], "trainer": None,
               "created_at": "2026-01-15T00:00:00Z"}
    text = json.dumps(content)
    env = {"format": "buku-migran-desa/paket-pelatihan", "format_version": 1, "content": text,
           "signature": b64(pair.sign(text.encode())), "public_key": b64(pair.public),
           "fingerprint": pair.fingerprint}
    with pytest.raises(AppError) as info:
        read_provisioning(_write(tmp_path / "x.bmdp", env))
    assert info.value.code == "sync.provision.damaged"
    assert info.value.params["detail"] == "villages"


def test_apply_makes_the_next_bundle_encrypted_to_that_p4mi(hub: Any, tmp_path: Path) -> None:
    from sync.container import read_bundle
    from sync.importer import import_bundle
    from sync.keys import load_p4mi_key
    from sync.provisioning import apply_provisioning, read_provisioning, trusted_regency
    from sync.receipt import import_receipt, make_receipt

    prov = read_provisioning(_prov(hub, tmp_path, trainer="Budi").path)
    village = make_village(tmp_path / "desa", residents=25, seed=2)
    try:
        assert trusted_regency(village) is None
        assert apply_provisioning(village, prov) is True
        assert apply_provisioning(village, prov) is False  # the same key again: fine
        installed = load_p4mi_key(village.data_dir)
        assert installed is not None and installed.fingerprint == prov.fingerprint
        trusted = trusted_regency(village)
        assert trusted is not None
        assert (trusted.code, trusted.fingerprint, trusted.trainer) == (
            REGENCY, prov.fingerprint, "Budi")
        bundle = export(village, tmp_path / "keluar", full=True)
        m = read_bundle(bundle).manifest
        assert m.encrypted and m.recipient == prov.fingerprint
        report = import_bundle(hub, bundle, confirm_key=fingerprint_of(bundle))
        assert report.status == "diimpor" and report.total("new") > 25
        # the hub's receipt is verified with the provisioned key, no fingerprint to confirm
        receipt = make_receipt(hub, village.office().code, tmp_path / "tt.bmdt")
        result = import_receipt(village, receipt.path)
        assert result.status == "diterima" and not result.pinned_key
    finally:
        village.close()


def test_apply_refuses_other_regency_hub_and_other_key(hub: Any, tmp_path: Path) -> None:
    from sync.keys import KeyPair, PublicKeyInfo, set_p4mi_key
    from sync.provisioning import apply_provisioning

    prov = _prov(hub, tmp_path)
    far = make_village(tmp_path / "jauh", code="18.01.04.2001")
    other = make_village(tmp_path / "lain")
    try:
        before = _village_state(far)
        with pytest.raises(AppError) as info:
            apply_provisioning(far, prov)
        assert info.value.code == "sync.provision.other_regency"
        assert _village_state(far) == before
        with pytest.raises(AppError) as info:
            apply_provisioning(hub, prov)
        assert info.value.code == "sync.provision.not_village"
        set_p4mi_key(other.data_dir, PublicKeyInfo(KeyPair.generate().public, REGENCY))
        before = _village_state(other)
        with pytest.raises(AppError) as info:
            apply_provisioning(other, prov)
        assert info.value.code == "sync.provision.other_key"
        assert _village_state(other) == before
    finally:
        far.close()
        other.close()


def test_only_a_p4mi_folder_makes_one(village: Any, tmp_path: Path) -> None:
    from sync.provisioning import create_provisioning

    with pytest.raises(AppError) as info:
        create_provisioning(village, tmp_path)
    assert info.value.code == "sync.provision.not_hub"
    assert list(tmp_path.glob("*.bmdp")) == []


def test_found_beside_the_program(hub: Any, tmp_path: Path, monkeypatch) -> None:
    import app.core.paths as paths
    from sync.provisioning import find_provisioning_beside_program

    program = tmp_path / "program"
    program.mkdir()
    monkeypatch.setattr(paths, "program_dir", lambda: program)
    assert find_provisioning_beside_program() is None
    (program / "catatan.txt").write_text("x")
    (program / "folder.bmdp").mkdir()
    assert find_provisioning_beside_program() is None
    prov = _prov(hub, program)
    assert find_provisioning_beside_program() == prov.path


def test_cli_provision_and_show(tmp_path: Path, capsys) -> None:
    from sync.cli import main

    make_hub(tmp_path / "p4mi").close()
    out = tmp_path / "stick"
    out.mkdir()
    assert main(["provision", "--data-dir", str(tmp_path / "p4mi"), "--out", str(out),
                 "--trainer", "Siti Pelatih", "--phone", "0813"]) == 0
    printed = capsys.readouterr().out
    files = list(out.glob("PELATIHAN_18.07_*.bmdp"))
    assert len(files) == 1 and str(files[0]) in printed
    assert "Kode kunci P4MI:" in printed and "Desa: 264" in printed
    fp = printed.split("Kode kunci P4MI: ")[1].split()[0]
    assert main(["provision-show", str(files[0]), "--confirm-key", fp]) == 0
    shown = capsys.readouterr().out
    assert "Siti Pelatih 0813" in shown and "Tanda tangan sah" in shown

    env = _envelope(files[0])
    _tamper_village_name(env)
    bad = _write(tmp_path / "ubah.bmdp", env)
    assert main(["provision-show", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "Tanda tangan paket pelatihan tidak cocok" in err
    assert main(["provision-show", str(files[0]), "--confirm-key", "1234-5678"]) == 2
    assert "berbeda dengan yang dibacakan P4MI" in capsys.readouterr().err

    make_village(tmp_path / "desa").close()
    assert main(["provision", "--data-dir", str(tmp_path / "desa"), "--out", str(out)]) == 2
    assert "hanya dapat dibuat di folder data P4MI" in capsys.readouterr().err
