"""The work of one bundle is bounded (issue 17 item 14): at most ``MAX_BUNDLE_ROWS`` data rows
(refused from the signed manifest, before any sheet is read) and at most
``ReadCaps.max_total_bytes`` unpacked; the village's export refuses to make a bundle the hub
would refuse, before it takes a sequence number."""

from __future__ import annotations

from pathlib import Path

import pytest

import sync.export as export_module
from app.core.errors import AppError
from app.core.messages import catalogue, message
from sync.container import MAX_BUNDLE_ROWS, read_bundle
from sync.xlsx import ReadCaps, unpacked_size
from tests.sync.conftest import (
    edit_first_sheet,
    export,
    hub_state,
    import_,
    repack,
    unpack,
    village_keypair,
)


def _counts_summing_to(counts: dict[str, int], total: int) -> dict[str, int]:
    """The manifest's counts with the residents' count changed so that all add up to
    ``total`` (the workbook itself is left as it is: only the manifest lies)."""
    others = sum(n for name, n in counts.items() if name != "Penduduk")
    return dict(counts, Penduduk=total - others)


def test_manifest_over_the_row_cap_is_refused_before_reading(village, hub,
                                                              tmp_path: Path) -> None:
    src = export(village, tmp_path / "usb")
    manifest, workbook = unpack(src)
    pair = village_keypair(village)
    over = repack(tmp_path / "over" / src.name, manifest, workbook, pair,
                  counts=_counts_summing_to(manifest["counts"], MAX_BUNDLE_ROWS + 1))
    with pytest.raises(AppError) as err:  # `sync verify` and the preview refuse it too
        read_bundle(over)
    assert err.value.code == "sync.bundle.too_many_rows"
    assert err.value.params == {"rows": MAX_BUNDLE_ROWS + 1, "maximum": MAX_BUNDLE_ROWS}
    said = catalogue()["sync.bundle.too_many_rows"][0].format(**err.value.params)
    assert f"paling banyak {MAX_BUNDLE_ROWS} baris" in said, said
    before = hub_state(hub)
    with pytest.raises(AppError) as err:
        import_(hub, over, confirm_key="x")
    assert err.value.code == "sync.bundle.too_many_rows"
    assert hub_state(hub) == before
    # exactly at the cap the manifest is accepted: the import goes on to the sheets and finds
    # that the residents' sheet does not hold what the manifest says
    at_cap = repack(tmp_path / "at" / src.name, manifest, workbook, pair,
                    counts=_counts_summing_to(manifest["counts"], MAX_BUNDLE_ROWS))
    assert sum(read_bundle(at_cap).manifest.counts.values()) == MAX_BUNDLE_ROWS
    with pytest.raises(AppError) as err:
        import_(hub, at_cap)
    assert err.value.code == "sync.bundle.count_mismatch"
    assert hub_state(hub) == before


def test_workbook_over_the_byte_cap_is_refused(village, hub, tmp_path: Path) -> None:
    """A signed workbook that unpacks to more than the cap (here: a sheet padded with white
    space, which compresses to almost nothing) is refused from its zip directory."""
    src = export(village, tmp_path / "usb")
    manifest, workbook = unpack(src)
    cap = ReadCaps().max_total_bytes
    padded = edit_first_sheet(
        workbook, lambda xml: xml.replace(b"<sheetData>", b"<sheetData>" + b" " * cap, 1))
    assert unpacked_size(padded) > cap > unpacked_size(workbook)
    path = repack(tmp_path / "big" / src.name, manifest, padded, village_keypair(village))
    before = hub_state(hub)
    with pytest.raises(AppError) as err:
        import_(hub, path)
    assert err.value.code == "sync.xlsx.too_large"
    assert hub_state(hub) == before


def _exports(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.glob("*")) if folder.exists() else []


def test_export_refuses_more_rows_than_a_bundle_holds(village, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    rows = sum(unpack(export(village, tmp_path / "probe", full=True))[0]["counts"].values())
    monkeypatch.setattr(export_module, "MAX_BUNDLE_ROWS", rows - 1)
    usb = tmp_path / "usb"
    with pytest.raises(AppError) as err:
        export(village, usb, full=True)
    assert err.value.code == "sync.export.too_many_rows"
    assert err.value.params == {"rows": rows, "maximum": rows - 1}
    assert "sync.export.too_many_rows" in catalogue()
    assert _exports(usb) == []  # nothing on the stick, no temporary file either
    monkeypatch.setattr(export_module, "MAX_BUNDLE_ROWS", rows)  # exactly at the cap
    made = export(village, usb, full=True)
    # the refused export took no sequence number: the probe had 1, this one is 2
    assert made.name.endswith("_000002.bmd"), made.name
    assert _exports(usb) == [made.name]


def test_export_refuses_a_workbook_the_hub_would_not_unpack(
        village, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    size = unpacked_size(unpack(export(village, tmp_path / "probe", full=True))[1])
    monkeypatch.setattr(export_module, "ReadCaps", lambda: ReadCaps(max_total_bytes=size - 1))
    usb = tmp_path / "usb"
    with pytest.raises(AppError) as err:
        export(village, usb, full=True)
    assert err.value.code == "sync.export.too_large"
    assert err.value.params == {"size": size, "maximum": size - 1,
                                "size_mb": -(-size // 2**20), "maximum_mb": (size - 1) // 2**20}
    said = message(err.value.code, "id", **err.value.params)
    assert f"isinya {-(-size // 2**20)} MB" in said and "paling besar" in said, said
    assert _exports(usb) == []
    monkeypatch.setattr(export_module, "ReadCaps", lambda: ReadCaps(max_total_bytes=size))
    assert export(village, usb, full=True).name.endswith("_000002.bmd")


def test_the_village_guide_states_the_cap_that_applies() -> None:
    guide = (Path(__file__).resolve().parents[2] / "resources" / "guide" / "03-paket-p4mi.md")
    grouped = f"{MAX_BUNDLE_ROWS:,}".replace(",", ".")
    assert f"paling banyak **{grouped} baris data**" in guide.read_text(encoding="utf-8")
