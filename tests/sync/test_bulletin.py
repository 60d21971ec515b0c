"""The P4MI bulletin: one village's data only, signed, refused when changed, addressed to
another village, older than the one held, or without a P4MI key; the command line."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.sync.conftest import TODAY, export, import_, make_hub, make_village

A, B = "18.07.01.2001", "18.07.01.2002"


@pytest.fixture
def trio(tmp_path: Path) -> Any:
    from sqlalchemy import select

    from app.core.desk.cases import record_action
    from app.core.models import Resident
    from app.core.services.cases import CaseInput, open_case
    from sync.receipt import import_receipt, make_receipt

    a = make_village(tmp_path / "a", code=A, residents=20, seed=2)
    b = make_village(tmp_path / "b", code=B, residents=20, seed=3)
    hub = make_hub(tmp_path / "hub")
    ids = {}
    for ws, code in ((a, A), (b, B)):
        with ws.db.unit_of_work("op") as s:
            r = s.scalars(select(Resident).order_by(Resident.id)).first()
            ids[code] = (open_case(s, r.id, CaseInput("hilang_kontak", date(2025, 9, 1),
                                                      referral="p4mi")).id, r.name)
        import_(hub, export(ws, tmp_path / "usb", full=True))
    for code in (A, B):
        with hub.db.unit_of_work("Petugas") as s:
            record_action(s, ids[code][0], "terima", TODAY)
            record_action(s, ids[code][0], "rujuk", TODAY, "ke KBRI", referral="kbri_kjri")
    out = tmp_path / "kembali"
    out.mkdir()
    for ws, code in ((a, A), (b, B)):
        receipt = make_receipt(hub, code, out)
        import_receipt(ws, receipt.path, confirm_key=receipt.content and _fp(hub))
    yield {"a": a, "b": b, "hub": hub, "ids": ids, "out": out}
    for ws in (a, b, hub):
        ws.close()


def _fp(hub: Any) -> str:
    from sync.keys import load_or_create_keypair

    return load_or_create_keypair(hub.data_dir, office_code="18.07", role="p4mi").fingerprint


def test_bulletin_holds_only_its_village_and_is_kept_by_it(trio: Any) -> None:
    from app.core.desk.bulletin_store import load_bulletin
    from sync.bulletin import import_bulletin, make_bulletin, set_bulletin_info

    hub, a = trio["hub"], trio["a"]
    set_bulletin_info(hub, {"lowongan": [{"judul": "Perawat lansia", "negara": "Jepang"}],
                            "negara_tujuan": [{"negara": "Arab Saudi", "status": "tutup"}]})
    made = make_bulletin(hub, A, trio["out"])
    text = made.path.read_text(encoding="utf-8")
    case_a, _name_a = trio["ids"][A]
    case_b, name_b = trio["ids"][B]
    assert case_a in text and case_b not in text and name_b not in text
    assert made.cases == 1
    result = import_bulletin(a, made.path)
    assert result.status == "diterima" and result.cases == 1
    with a.db.session() as s:
        held = load_bulletin(s)
    assert held is not None and held.cases[case_a].status == "dirujuk"
    assert held.cases[case_a].last["referral"] == "kbri_kjri"
    assert held.info["lowongan"][0]["negara"] == "Jepang"
    assert import_bulletin(a, made.path).status == "sudah_ada"


def test_changed_other_village_older_and_keyless_bulletins_are_refused(
        trio: Any, tmp_path: Path) -> None:
    from app.core.db import get_setting
    from app.core.errors import AppError
    from sync.bulletin import import_bulletin, make_bulletin

    hub, a, b = trio["hub"], trio["a"], trio["b"]
    first = make_bulletin(hub, A, tmp_path / "first.bmdb")
    second = make_bulletin(hub, A, tmp_path / "second.bmdb")
    for_b = make_bulletin(hub, B, tmp_path / "b.bmdb")
    doc = json.loads(first.path.read_text(encoding="utf-8"))
    doc["content"] = doc["content"].replace("kbri_kjri", "polisi")
    changed = tmp_path / "changed.bmdb"
    changed.write_text(json.dumps(doc), encoding="utf-8")

    def refused(path: Path, ws: Any = a) -> str:
        with pytest.raises(AppError) as err:
            import_bulletin(ws, path)
        return err.value.code

    assert refused(changed) == "bulletin.bad_signature"
    assert refused(for_b.path) == "bulletin.other_village"
    (tmp_path / "junk.bmdb").write_text("{not json", encoding="utf-8")
    assert refused(tmp_path / "junk.bmdb") == "bulletin.bad"
    assert import_bulletin(a, second.path).status == "diterima"
    assert refused(first.path) == "bulletin.older"
    with a.db.session() as s:
        assert json.loads(get_setting(s, "p4mi_bulletin"))["issued_at"] == json.loads(
            json.loads(second.path.read_text())["content"])["issued_at"]
    keyless = make_village(tmp_path / "c", code=B, residents=0)
    try:
        assert refused(for_b.path, keyless) == "bulletin.no_key"
    finally:
        keyless.close()
    assert import_bulletin(b, for_b.path).cases == 1


def test_bulletin_command_line(trio: Any, tmp_path: Path,
                               capsys: pytest.CaptureFixture[str]) -> None:
    from sync.cli import main

    info = tmp_path / "info.json"
    info.write_text(json.dumps({"p3mi_berizin": [{"nama": "PT Contoh Jaya",
                                                  "izin": "123/2025"}]}), encoding="utf-8")
    out = tmp_path / "keluar"
    out.mkdir()
    assert main(["buletin", "--data-dir", str(trio["hub"].data_dir.root), "--village", A,
                 "--out", str(out), "--info", str(info)]) == 0
    made = next(out.glob("BP_*.bmdb"))
    trio["a"].close()
    assert main(["import-buletin", "--data-dir", str(trio["a"].data_dir.root),
                 str(made)]) == 0
    assert "1 kasus" in capsys.readouterr().out
    info.write_text(json.dumps({"rahasia": []}), encoding="utf-8")
    assert main(["buletin", "--data-dir", str(trio["hub"].data_dir.root), "--village", A,
                 "--out", str(out), "--info", str(info)]) == 2
    assert "kunci tidak dikenal" in capsys.readouterr().err
