"""Shared data for the P4MI view tests: two villages' bundles (one with a NIK also held by the
other village, one crafted with row errors) and a hub that imported the good ones."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.sync.conftest import craft, export, import_, make_hub, make_village

__all__ = ["make_hub"]

VILLAGE_A = "18.07.01.2001"
VILLAGE_B = "18.07.01.2002"


@dataclass
class Bundles:
    usb: Path  # the two good bundles
    bad: Path  # a bundle of a third village with row errors
    shared_nik: str


def make_bundles(root: Path) -> Bundles:
    from sqlalchemy import select

    from app.core.models import Resident
    usb = root / "usb"
    a = make_village(root / "a", code=VILLAGE_A, residents=40, seed=3)
    b = make_village(root / "b", code=VILLAGE_B, residents=25, seed=5)
    c = make_village(root / "c", code="18.07.01.2003", residents=12, seed=7)
    try:
        with a.db.session() as s:
            someone = s.scalars(select(Resident).where(Resident.nik.is_not(None))
                               .order_by(Resident.id)).first()
            nik, sex = someone.nik, someone.sex
        with b.db.unit_of_work("op") as s:
            s.add(Resident(name="Orang Lain", sex=sex, nik=nik))
        export(a, usb, full=True)
        export(b, usb, full=True)

        def change(sheets: dict[str, list[list[Any]]]) -> None:
            people = sheets["Penduduk"]
            people[1][1] = 1807014101900001.0  # a NIK that became a number
            people[3][4] = "X"  # sex not L/P

        bad = craft(c, root / "c-usb", change)
    finally:
        for ws in (a, b, c):
            ws.close()
    return Bundles(usb, bad, nik)


def count(ws: Any, sql: str, *params: Any) -> int:
    con = sqlite3.connect(ws.data_dir.db_path)
    try:
        return int(con.execute(sql, params).fetchone()[0])
    finally:
        con.close()


def import_all(hub: Any, bundles: Bundles) -> None:
    for path in sorted(bundles.usb.glob("*.bmd")):
        report = import_(hub, path)
        assert report.status == "diimpor"
