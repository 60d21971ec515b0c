"""The P4MI import's progress (issue 14): the bar shows how far it is, also inside a single
bundle (it stood at 0 % until the end), and the steps never go back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.core.progress import Progress
from sync.importer import PROGRESS_STEPS, import_many
from tests.sync.conftest import VILLAGE, export, fingerprint_of


def test_one_bundle_moves_the_bar(village: Any, hub: Any, tmp_path: Path) -> None:
    path = export(village, tmp_path / "usb", full=True)
    seen: list[Progress] = []
    [(_p, report)] = import_many(hub, [path], confirm_keys={VILLAGE: fingerprint_of(path)},
                                 progress=seen.append)
    assert report.status == "diimpor"
    assert {p.total for p in seen} == {PROGRESS_STEPS}
    steps = [p.done for p in seen]
    assert steps == sorted(steps), "progress never goes back"
    inside = {d for d in steps if 0 < d < PROGRESS_STEPS}
    assert len(inside) >= 3, f"the bar moves during the bundle: {steps}"
    assert all(p.code == "progress.import.bundle" and p.params["n"] == 1
               and p.text("id").startswith("Paket 1 dari 1") for p in seen[:-1])
    assert seen[-1].code == "progress.import.done" and seen[-1].done == PROGRESS_STEPS
    assert seen[-1].text("en") == "1 bundles done" and seen[-1].text("id") == "1 paket selesai"


def test_two_bundles_share_the_bar(village: Any, hub: Any, tmp_path: Path) -> None:
    from tests.sync.conftest import make_village

    other = make_village(tmp_path / "b", code="18.07.01.2002", residents=10, seed=5)
    try:
        paths = [export(village, tmp_path / "usb", full=True),
                 export(other, tmp_path / "usb", full=True)]
    finally:
        other.close()
    keys = {VILLAGE: fingerprint_of(paths[0]), "18.07.01.2002": fingerprint_of(paths[1])}
    seen: list[Progress] = []
    import_many(hub, paths, confirm_keys=keys, progress=seen.append)
    steps = [p.done for p in seen]
    assert steps == sorted(steps)
    assert {p.total for p in seen} == {2 * PROGRESS_STEPS}
    assert any(d > PROGRESS_STEPS for d in steps)
