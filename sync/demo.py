"""``demo-hub``: a P4MI hub built the real way, for screenshots, benchmarks and training.

N village folders are generated (demo residents, episodes, cases...), each installs the hub's
public key and exports an encrypted bundle; the hub imports every bundle (confirming each
village's key fingerprint, as a clerk would after a phone call) and writes a receipt that the
village imports.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app.core import reference
from app.core.demo import add_demo_data
from app.core.errors import AppError
from app.core.paths import DataDir
from app.core.workspace import MODE_P4MI, MODE_VILLAGE, initialise_office, open_workspace
from sync.export import export_bundle
from sync.importer import import_bundle
from sync.keys import PublicKeyInfo, load_or_create_keypair, set_p4mi_key
from sync.receipt import import_receipt, make_receipt


@dataclass
class DemoHubSummary:
    villages: int = 0
    residents: int = 0
    bundles: int = 0
    seconds: float = 0.0


def pick_villages(regency: str, n: int, seed: int) -> list[tuple[str, str]]:
    villages = [v for district, _ in reference.children(regency)
                for v in reference.children(district)]
    if n > len(villages):
        raise AppError("demo.count_invalid", maximum=len(villages))
    return sorted(random.Random(seed).sample(villages, n))


def build_demo_hub(hub_dir: Path, villages_dir: Path, *, villages: int, residents: int,
                   seed: int = 1, regency: str = "18.07",
                   log: Callable[[str], None] | None = None) -> DemoHubSummary:
    started = time.perf_counter()
    if not 1 <= villages <= 500 or not 1 <= residents <= 100_000:
        raise AppError("demo.count_invalid", maximum=500 if villages > 500 else 100_000)
    say = log or (lambda _text: None)
    hub = open_workspace(DataDir(hub_dir), exclusive=True)
    summary = DemoHubSummary()
    try:
        office = hub.office()
        if office is None:
            office = initialise_office(hub, mode=MODE_P4MI, code=regency,
                                       name=reference.region_name(regency) or regency,
                                       operator="Petugas P4MI")
        if office.mode != MODE_P4MI:
            raise AppError("sync.import.not_hub")
        hub_pair = load_or_create_keypair(hub.data_dir, office_code=office.code, role="p4mi")
        hub_key = PublicKeyInfo(hub_pair.public, office.code, "p4mi")
        outbox = villages_dir / "_paket"
        for n, (code, name) in enumerate(pick_villages(office.code, villages, seed)):
            village = open_workspace(DataDir(villages_dir / code), exclusive=True)
            try:
                v_office = village.office() or initialise_office(
                    village, mode=MODE_VILLAGE, code=code, name=name, operator=f"Operator {name}")
                set_p4mi_key(village.data_dir, hub_key)
                add_demo_data(village.db, v_office, residents, seed=seed * 1000 + n)
                report = export_bundle(village, outbox)
            finally:
                village.close()
            result = import_bundle(hub, report.path, confirm_key=_fingerprint(report.path),
                                   backup=n == 0)
            summary.villages += 1
            summary.bundles += 1
            summary.residents += result.counts["Penduduk"].new
            receipt = make_receipt(hub, code, villages_dir / code)
            village = open_workspace(DataDir(villages_dir / code), exclusive=True)
            try:
                import_receipt(village, receipt.path)
            finally:
                village.close()
            say(f"{code} {name}: {result.counts['Penduduk'].new} penduduk diimpor")
    finally:
        hub.close()
    summary.seconds = time.perf_counter() - started
    return summary


def _fingerprint(path: Path) -> str:
    from sync.container import read_bundle

    return read_bundle(path).manifest.public_key.fingerprint
