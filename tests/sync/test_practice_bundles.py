"""Practice bundles never reach a real register, and real ones never a practice hub."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from app.core.errors import AppError
from tests.sync.conftest import (
    REGENCY,
    VILLAGE,
    export,
    fingerprint_of,
    hub_state,
    import_,
    repack,
    unpack,
    village_keypair,
)


def _practice_village(tmp_path: Path, residents: int = 20):  # noqa: ANN202 - Workspace
    from app.core.paths import DataDir
    from app.core.practice import prepare_practice
    from app.core.workspace import open_workspace

    prepare_practice(tmp_path / "desa-latihan", VILLAGE, residents=residents, seed=4)
    return open_workspace(DataDir(tmp_path / "desa-latihan"))


def _practice_hub(tmp_path: Path):  # noqa: ANN202 - Workspace
    from app.core.paths import DataDir
    from app.core.practice import prepare_practice_hub
    from app.core.workspace import open_workspace

    info = prepare_practice_hub(tmp_path / "p4mi-latihan", REGENCY)
    assert info.created and info.office_code == REGENCY
    return open_workspace(DataDir(tmp_path / "p4mi-latihan"))


@pytest.fixture
def practice_village(tmp_path: Path):  # noqa: ANN201
    ws = _practice_village(tmp_path)
    yield ws
    ws.close()


def test_practice_bundle_is_marked_and_refused_by_a_real_hub(
        practice_village: Any, hub: Any, tmp_path: Path) -> None:
    from app.core.messages import message
    from sync.container import read_bundle
    from sync.importer import import_many, preview_import

    path = export(practice_village, tmp_path / "keluar", full=True)
    assert path.name.startswith("LATIHAN_BMD_18.07.01.2001_")
    opened = read_bundle(path)
    assert opened.manifest.practice is True
    assert opened.manifest.raw["practice"] is True
    before = hub_state(hub)
    for attempt in (lambda: import_(hub, path), lambda: preview_import(hub, path)):
        with pytest.raises(AppError) as info:
            attempt()
        assert info.value.code == "sync.bundle.practice"
    [(_, result)] = import_many(hub, [path], confirm_keys={VILLAGE: fingerprint_of(path)})
    assert isinstance(result, AppError) and result.code == "sync.bundle.practice"
    assert hub_state(hub) == before
    assert not (hub.data_dir.inbox / VILLAGE).exists()
    assert "MODE LATIHAN" in message("sync.bundle.practice", "id")


def test_real_bundles_stay_as_they_were(village: Any, tmp_path: Path) -> None:
    path = export(village, tmp_path / "keluar")
    assert path.name.startswith("BMD_")
    manifest, _ = unpack(path)
    assert "practice" not in manifest


def test_the_flag_cannot_be_dropped_without_the_village_key(
        practice_village: Any, hub: Any, tmp_path: Path) -> None:
    path = export(practice_village, tmp_path / "keluar", full=True)
    with zipfile.ZipFile(path) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    manifest = json.loads(members["manifest.json"])
    del manifest["practice"]
    members["manifest.json"] = json.dumps(manifest, ensure_ascii=False, sort_keys=True,
                                          indent=1).encode() + b"\n"
    forged = tmp_path / "BMD_18.07.01.2001_20260115_000001.bmd"
    with zipfile.ZipFile(forged, "w") as zf:
        for name, payload in members.items():
            zf.writestr(name, payload)
    before = hub_state(hub)
    with pytest.raises(AppError) as info:
        import_(hub, forged)
    assert info.value.code == "sync.bundle.bad_signature"
    assert hub_state(hub) == before


def test_a_non_boolean_flag_is_a_bad_manifest(village: Any, tmp_path: Path) -> None:
    from sync.container import read_bundle

    src = export(village, tmp_path / "asli")
    manifest, workbook = unpack(src)
    manifest["practice"] = "ya"
    bad = repack(tmp_path / "olahan" / src.name, manifest, workbook, village_keypair(village))
    with pytest.raises(AppError) as info:
        read_bundle(bad)
    assert info.value.code == "sync.bundle.bad_manifest"
    assert info.value.params["field"] == "practice"


def test_cli_import_and_verify_refuse_with_exit_2(practice_village: Any, tmp_path: Path,
                                                  capsys) -> None:
    from sync.cli import main
    from tests.sync.conftest import make_hub

    make_hub(tmp_path / "p4mi-cli").close()
    path = export(practice_village, tmp_path / "keluar", full=True)
    hub_dir = str(tmp_path / "p4mi-cli")
    assert main(["import", "--data-dir", hub_dir, str(path), "--confirm-key",
                 fingerprint_of(path)]) == 2
    assert "MODE LATIHAN" in capsys.readouterr().err
    assert main(["import", "--data-dir", hub_dir, str(tmp_path / "keluar")]) == 2
    assert "MODE LATIHAN" in capsys.readouterr().err
    assert main(["verify", str(path), "--data-dir", hub_dir]) == 2
    captured = capsys.readouterr()
    assert "PAKET LATIHAN" in captured.out and "MODE LATIHAN" in captured.err
    assert main(["verify", str(path)]) == 0  # without a hub: checked, and labelled
    assert "PAKET LATIHAN" in capsys.readouterr().out


def test_a_practice_hub_refuses_real_bundles_and_takes_practice_ones(
        village: Any, practice_village: Any, tmp_path: Path) -> None:
    real = export(village, tmp_path / "nyata", full=True)
    practice = export(practice_village, tmp_path / "latihan", full=True)
    hub = _practice_hub(tmp_path)
    try:
        before = hub_state(hub)
        with pytest.raises(AppError) as info:
            import_(hub, real)
        assert info.value.code == "sync.bundle.not_practice"
        assert hub_state(hub) == before
        report = import_(hub, practice)
        assert report.status == "diimpor" and report.total("new") >= 20
    finally:
        hub.close()


def test_receipts_do_not_cross_between_practice_and_real(
        village: Any, practice_village: Any, hub: Any, tmp_path: Path) -> None:
    from sync.keys import load_p4mi_key
    from sync.receipt import import_receipt, make_receipt, read_receipt

    practice_hub = _practice_hub(tmp_path)
    try:
        import_(practice_hub, export(practice_village, tmp_path / "latihan", full=True))
        (tmp_path / "tt").mkdir()
        fake = make_receipt(practice_hub, VILLAGE, tmp_path / "tt")
    finally:
        practice_hub.close()
    assert fake.path.name.startswith("LATIHAN_TT_")
    content, hub_key, _ = read_receipt(fake.path)
    assert content["practice"] is True

    with pytest.raises(AppError) as info:
        import_receipt(village, fake.path, confirm_key=hub_key.fingerprint)
    assert info.value.code == "sync.receipt.practice"
    assert load_p4mi_key(village.data_dir) is None  # nothing was pinned
    from sync.receipt import send_status

    assert send_status(village).last_receipt_at is None

    ok = import_receipt(practice_village, fake.path, confirm_key=hub_key.fingerprint)
    assert ok.status == "diterima"

    import_(hub, export(village, tmp_path / "nyata", full=True))
    real = make_receipt(hub, VILLAGE, tmp_path / "tt")
    assert real.path.name.startswith("TT_")
    with pytest.raises(AppError) as info:
        import_receipt(practice_village, real.path)
    assert info.value.code == "sync.receipt.not_practice"
