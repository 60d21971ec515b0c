"""The resident search index after a write or an import (issue 15 item 4): only the residents
written since the index was read are read again and merged in; the result is exactly the
index a full read gives. When the changes cannot be told (an undone import) it reads all."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from app.core.models import Resident
from app.core.repo import residents as repo
from app.core.repo.residents import ResidentFilter, ResidentIndex
from tests.sync.conftest import export, import_


def _tables(index: ResidentIndex) -> tuple[Any, ...]:
    ids, folded = index._names
    numbers = {c: sorted(zip(*index._numbers[c], strict=True)) for c in ("nik", "no_kk")}
    return list(ids), folded, index._raw_names, numbers, sorted(index.deleted())


def _same_as_full(index: ResidentIndex, session_factory: Any) -> None:
    full = ResidentIndex(session_factory)
    full.warm()
    assert _tables(index) == _tables(full)
    for f, key in ((ResidentFilter(), "name"), (ResidentFilter(), "nik"),
                   (ResidentFilter(text="a"), "name"), (ResidentFilter(text="18"), "dusun"),
                   (ResidentFilter(text="zz-ganti"), "name")):
        assert list(index.search(f, key)) == list(full.search(f, key))


@pytest.fixture
def no_full_read(monkeypatch):  # noqa: ANN001, ANN201
    """Make a full read of the name or number tables fail (an incremental update never
    does one)."""
    def refuse(*_a: Any, **_k: Any) -> Any:
        raise AssertionError("the whole table was read again")

    def arm() -> None:  # the name and number tables are read through _query
        monkeypatch.setattr(ResidentIndex, "_query", refuse)

    return arm


def test_writes_are_merged_without_reading_everything(village, no_full_read) -> None:
    from app.core.services.residents import ResidentInput, delete_resident, register_resident

    index = ResidentIndex(village.db.session)
    index.warm()
    with village.db.session() as s:
        people = s.scalars(select(Resident).where(Resident.deleted.is_(False))
                           .order_by(Resident.name)).all()
        first, second, third = people[0].id, people[5].id, people[10].id
        kk = people[20].no_kk
    with village.db.unit_of_work("Operator Uji") as s:
        s.get(Resident, first).name = "Zz-Ganti Nama"  # moves to the end of the name order
        s.get(Resident, second).nik = "1807015505850042"  # a new NIK
        delete_resident(s, third)
        register_resident(s, ResidentInput(name="Aaa Baru", sex="L", nik="1807010101900007",
                                           no_kk=kk), accept_warnings=True)
    no_full_read()
    fresh = index.updated()
    assert fresh.incremental
    assert fresh is not index and index._names[0] is not fresh._names[0]  # the old untouched
    names = fresh.search(ResidentFilter(text="zz-ganti"))
    with village.db.session() as s:
        assert [r[1] for r in repo.fetch_rows(s, names).values()] == [first]
    assert fresh.search(ResidentFilter(text="1807015505")) and not index.search(
        ResidentFilter(text="1807015505"))


def test_incremental_index_equals_a_full_read(village) -> None:
    from app.core.services.residents import ResidentInput, delete_resident, register_resident

    index = ResidentIndex(village.db.session)
    index.warm()
    with village.db.session() as s:
        people = s.scalars(select(Resident.id).where(Resident.deleted.is_(False))
                           .order_by(Resident.name)).all()
    with village.db.unit_of_work("Operator Uji") as s:
        s.get(Resident, people[0]).name = "Zz-Ganti Nama"
        s.get(Resident, people[1]).name = "Aa Depan"
        s.get(Resident, people[2]).nik = "1807015505850042"
        s.get(Resident, people[3]).no_kk = None
        delete_resident(s, people[4])
        for n in range(3):
            register_resident(s, ResidentInput(name=f"Baru {n}", sex="P",
                                               nik=f"180701410190000{n + 1}"),
                              accept_warnings=True)
    fresh = index.updated()
    assert fresh.incremental
    _same_as_full(fresh, village.db.session)
    again = fresh.updated()  # nothing written since: the same tables
    assert again.incremental
    _same_as_full(again, village.db.session)


def test_a_bundle_import_is_merged_from_its_undo_journal(village, hub, tmp_path: Path,
                                                         no_full_read) -> None:
    first = export(village, tmp_path / "out1", full=True)
    assert import_(hub, first).status == "diimpor"
    index = ResidentIndex(hub.db.session)
    index.warm()
    with village.db.session() as s:
        people = s.scalars(select(Resident.id).where(Resident.deleted.is_(False))
                           .order_by(Resident.name)).all()
    with village.db.unit_of_work("Operator Desa") as s:
        s.get(Resident, people[0]).name = "Zz-Ganti Nama"
        s.get(Resident, people[1]).nik = "1807015505850042"
    second = export(village, tmp_path / "out2")
    assert import_(hub, second).status == "diimpor"
    with hub.db.session() as s:  # the import writes no audit row per resident
        assert s.execute(select(Resident.name).where(Resident.id == people[0])).scalar() == \
            "Zz-Ganti Nama"
    no_full_read()
    fresh = index.updated()
    assert fresh.incremental
    assert fresh.search(ResidentFilter(text="zz-ganti"))
    assert fresh.search(ResidentFilter(text="1807015505"))


def test_bundle_import_then_full_comparison(village, hub, tmp_path: Path) -> None:
    first = export(village, tmp_path / "out1", full=True)
    import_(hub, first)
    index = ResidentIndex(hub.db.session)
    index.warm()
    with village.db.session() as s:
        people = s.scalars(select(Resident.id).where(Resident.deleted.is_(False))
                           .order_by(Resident.name)).all()
    from app.core.services.residents import ResidentInput, delete_resident, register_resident

    with village.db.unit_of_work("Operator Desa") as s:
        s.get(Resident, people[0]).name = "Zz-Ganti Nama"
        delete_resident(s, people[2])
        register_resident(s, ResidentInput(name="Aaa Baru", sex="L",
                                           nik="1807010101900007"), accept_warnings=True)
    import_(hub, export(village, tmp_path / "out2"))
    fresh = index.updated()
    assert fresh.incremental
    _same_as_full(fresh, hub.db.session)


def test_undone_import_reads_everything(village, hub, tmp_path: Path) -> None:
    from sync.import_undo import undo_last_import

    import_(hub, export(village, tmp_path / "out1", full=True))
    index = ResidentIndex(hub.db.session)
    index.warm()
    undo_last_import(hub, operator="Petugas P4MI")  # every resident of the village removed
    fresh = index.updated()
    assert not fresh.incremental
    _same_as_full(fresh, hub.db.session)
    assert list(fresh.search(ResidentFilter())) == []


def test_a_row_that_came_unseen_makes_a_full_read(village) -> None:
    """A write with no audit row and no journal entry (a raw insert) is caught by the row
    count: the index is read in full rather than left stale."""
    import sqlite3

    index = ResidentIndex(village.db.session)
    index.warm()
    con = sqlite3.connect(village.data_dir.db_path)
    with village.db.session() as s:
        template = s.scalars(select(Resident).limit(1)).one()
        columns = [c.name for c in Resident.__table__.columns]
        values = {c: getattr(template, c) for c in columns}
    values.update(id="f" * 32, name="Tanpa Jejak", nik=None)
    con.execute(f"INSERT INTO resident ({', '.join(columns)}) VALUES "
                f"({', '.join('?' * len(columns))})", [values[c] for c in columns])
    con.commit()
    con.close()
    fresh = index.updated()
    assert not fresh.incremental
    assert fresh.search(ResidentFilter(text="tanpa jejak"))
