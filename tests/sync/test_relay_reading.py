"""Reading a hub's package (sync/relay/paket.py): from the file, one village's workbook at a
time, each checked against its signed manifest entry; one "already imported" lookup."""

from __future__ import annotations

import dataclasses
import json
import re
import tracemalloc
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import sync.relay.paket as paket_module
from app.core.errors import AppError
from app.core.messages import message
from sync.container import MANIFEST
from sync.importer import STATUS_IMPORTED
from sync.keys import KeyPair, PublicKeyInfo, set_p4mi_key
from sync.relay import export_paket, read_paket
from sync.relay.paket import parse_paket_manifest
from tests.hubdb.conftest import make_hub_on
from tests.sync.conftest import TODAY, export, import_, make_village

ROOT = Path(__file__).resolve().parents[2]
CODES = [f"18.07.01.{2001 + n}" for n in range(10)]


@pytest.fixture(scope="module")
def sealed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, KeyPair]]:
    """A regency's package of ten villages, sealed to a province key (returned with it)."""
    tmp = tmp_path_factory.mktemp("paket")
    regency = make_hub_on(tmp / "kab", None, code="18.07")
    upper = KeyPair.generate()
    set_p4mi_key(regency.data_dir, PublicKeyInfo(upper.public, "18", "p4mi"))
    try:
        for n, code in enumerate(CODES):
            village = make_village(tmp / code, code=code, residents=150, seed=40 + n)
            try:
                assert import_(regency, export(village, tmp / "usb" / code)).status == (
                    STATUS_IMPORTED)
            finally:
                village.close()
        path = export_paket(regency, tmp / "flashdisk", today=TODAY).path
    finally:
        regency.close()
    yield path, upper


def _member_sizes(path: Path) -> list[int]:
    opened = read_paket(path)
    return [v.size for v in opened.villages]


def test_a_package_is_read_one_village_at_a_time(sealed: tuple[Path, KeyPair],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    path, upper = sealed
    sizes = _member_sizes(path)
    assert len(sizes) == 10 and read_paket(path).encrypted
    monkeypatch.setattr(paket_module, "CHUNK", 4096)  # hashing in small steps
    tracemalloc.start()
    try:
        opened = read_paket(path)
        codes = []
        with opened.parts(upper) as parts:
            for village, part in parts:
                codes.append(village.code)
                assert part.data.startswith(b"PK")  # the unsealed workbook
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert codes == CODES
    # two villages' workbooks at the most (the one read, the one before it) and the sealed
    # bytes of one: far below the package, which is ten of them
    assert peak < 3 * max(sizes) + 96 * 1024, (peak, max(sizes))
    assert peak < path.stat().st_size / 2, (peak, path.stat().st_size)


def test_the_archive_copy_is_made_without_reading_the_package_into_memory(
        sealed: tuple[Path, KeyPair], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The copy of an imported package in ``masuk/`` (the importer's own archive step) is
    written a chunk at a time; the first version read the whole file (a 44 MiB package of 250
    villages raised the import's peak from 82 to 128 MiB, bench_relay.py)."""
    from sync.importer import history

    path, _upper = sealed
    opened = read_paket(path)
    province = make_hub_on(tmp_path / "prov", None, code="18")
    monkeypatch.setattr(history, "ARCHIVE_CHUNK", 4096)
    try:
        tracemalloc.start()
        try:
            copy = history._archive(province, opened.as_bundle(), known=set())
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    finally:
        province.close()
    assert copy.read_bytes() == path.read_bytes()
    assert peak < path.stat().st_size / 4, (peak, path.stat().st_size)


def _member_offset(path: Path, code: str) -> int:
    opened = read_paket(path)
    with open(path, "rb") as handle:
        window = paket_module._Window(handle, opened.data_offset, opened.data_size)
        with zipfile.ZipFile(window) as zf:
            info = zf.getinfo(f"{code}.xlsx")
            return opened.data_offset + paket_module._data_start(window, info)  # type: ignore[arg-type]


def test_a_village_changed_after_the_checks_is_refused(sealed: tuple[Path, KeyPair],
                                                        tmp_path: Path) -> None:
    source, upper = sealed
    path = tmp_path / source.name
    path.write_bytes(source.read_bytes())
    opened = read_paket(path)  # checked: signature, the data member's checksum
    at = _member_offset(path, CODES[3]) + 40
    blob = bytearray(path.read_bytes())
    blob[at] ^= 0xFF  # the stick changes under the reader (or a copy is swapped)
    path.write_bytes(bytes(blob))
    seen = []
    with pytest.raises(AppError) as err, opened.parts(upper) as parts:
        for village, _part in parts:
            seen.append(village.code)
    # the zip's CRC of the member catches it first (a member swapped with a matching CRC is
    # caught by its SHA-256 in the signed manifest: sync.bundle.checksum)
    assert err.value.code in ("sync.bundle.damaged", "sync.bundle.checksum")
    assert seen == CODES[:3]  # the villages before it were read; nothing after it
    assert "mengirim ulang" in message(err.value.code, "id", **err.value.params)


def test_each_village_is_checked_against_its_signed_entry(sealed: tuple[Path, KeyPair]) -> None:
    """A member whose bytes are whole (its zip CRC matches) but not the ones the sending hub
    signed for that village is refused before it is unsealed or staged."""
    path, upper = sealed
    opened = read_paket(path)
    opened.villages[2] = dataclasses.replace(opened.villages[2], sha256="0" * 64)
    seen = []
    with pytest.raises(AppError) as err, opened.parts(upper) as parts:
        for village, _part in parts:
            seen.append(village.code)
    assert (err.value.code, err.value.params) == ("sync.bundle.checksum",
                                                  {"member": f"{CODES[2]}.xlsx"})
    assert seen == CODES[:2]


def test_a_package_manifest_may_be_larger_than_a_village_bundles(
        sealed: tuple[Path, KeyPair], monkeypatch: pytest.MonkeyPatch) -> None:
    """A package lists every village in its manifest: a regency of 250 villages writes about
    140 KB, above a village bundle's manifest cap (64 KiB). The first reader held packages to
    that cap and refused its own hub's packages of more than about a hundred villages."""
    import sync.container as container

    path, _upper = sealed
    with zipfile.ZipFile(path) as zf:
        size = zf.getinfo(MANIFEST).file_size
    monkeypatch.setattr(container, "MAX_MANIFEST_BYTES", size // 2)  # as if 20 villages listed
    assert len(read_paket(path).villages) == 10
    monkeypatch.setattr(paket_module, "MAX_MANIFEST_BYTES", size // 2)  # the package's own cap
    with pytest.raises(AppError) as err:
        read_paket(path)
    assert err.value.code == "sync.bundle.member_too_large"


def _manifest(path: Path) -> dict[str, Any]:
    with zipfile.ZipFile(path) as zf:
        return json.loads(zf.read(MANIFEST))


def test_a_package_sealed_as_one_box_is_refused(sealed: tuple[Path, KeyPair]) -> None:
    raw = _manifest(sealed[0])
    assert raw["encryption"]["unit"] == "desa"
    parse_paket_manifest(json.dumps(raw).encode())  # as written: accepted
    del raw["encryption"]["unit"]  # the first version's layout: the whole zip in one box
    with pytest.raises(AppError) as err:
        parse_paket_manifest(json.dumps(raw).encode())
    assert (err.value.code, err.value.params) == ("sync.paket.bad_manifest",
                                                  {"field": "encryption"})
    assert "minta hub pengirim membuat paket baru" in message(err.value.code, "id",
                                                               **err.value.params)


def test_a_village_entry_without_its_checksum_is_refused(sealed: tuple[Path, KeyPair]) -> None:
    raw = _manifest(sealed[0])
    del raw["villages"][0]["sha256"]
    with pytest.raises(AppError) as err:
        parse_paket_manifest(json.dumps(raw).encode())
    assert err.value.params == {"field": f"{CODES[0]}: sha256"}


def test_already_imported_is_looked_up_in_one_place() -> None:
    """The import, its quick folder check, the village lock and the package import all ask
    ``sync.importer.history.already_imported``; no module writes the lookup again."""
    lookup = re.compile(r"FROM\s+sync_bundle_import\s+WHERE\s+file_sha256\s*=", re.I)
    found = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "sync").rglob("*.py")
                   if lookup.search(p.read_text(encoding="utf-8")))
    assert found == ["sync/importer/history.py"]
    users = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "sync").rglob("*.py")
                   if "already_imported(con" in p.read_text(encoding="utf-8"))
    assert users == ["sync/importer/history.py", "sync/importer/pipeline.py",
                     "sync/importer/quick.py", "sync/relay/importing.py"]
