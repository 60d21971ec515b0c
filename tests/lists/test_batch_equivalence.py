"""The batch import writes exactly what one service call (and one flush) per row wrote.

The same files are imported into two village folders: one through the row-by-row writer the
import used before (kept here as the reference), one through the batch writer
(:func:`sync.lists.apply._write_rows`, with tiny chunks so chunk ends and a person changed
twice within one chunk happen). The canonical dumps (ids replaced by the people's NIKs,
times blanked), the audit log and the undo journal must be equal, after each import and
after the undo.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from app.core.models import ImportRun, Resident
from app.core.services import episodes as episode_service
from app.core.services import residents as resident_service
from app.core.services import undo
from sync.canonical import canonical_dump
from sync.lists import apply, mapping
from sync.lists.apply import apply_preview, undo_last_import
from sync.lists.plan import DECIDE, NEW, SKIP, UPDATE, build_preview, row_input
from sync.lists.read import read_table
from sync.schema import SCHEMA
from tests.conftest import VILLAGE_CODE
from tests.lists.builders import kk, nik, write_xlsx

HEADERS = ["nama", "nik", "no_kk", "sex", "tanggallahir", "rt", "rw", "negara",
           "tanggal berangkat", "tanggal pulang", "majikan"]
B = {i: date(1980 + i, 1 + i % 12, 1 + i) for i in range(1, 13)}  # birth dates


def _per_row(s, run_id: int, preview, decision: str) -> tuple[int, int, int]:  # noqa: ANN001
    """The writer as it was: one service call, one flush, one NIK query per row."""
    run = s.get(ImportRun, run_id)
    created = updated = new_episodes = 0
    with s.no_autoflush:
        for row in preview.rows:
            action = row.action
            if action == DECIDE:
                if decision == SKIP:
                    continue
                action = decision
            if action == NEW:
                resident = resident_service.register_resident(
                    s, row_input(row, None), accept_warnings=True)
                undo.journal_create(s, run, resident)
                created += 1
            elif action == UPDATE:
                resident = s.get(Resident, row.resident_id)
                if any(getattr(resident, k) != v for k, v in row.values.items()):
                    undo.journal_update(s, run, resident)
                    resident_service.update_resident(
                        s, resident.id, row_input(row, resident), accept_warnings=True)
                updated += 1
            else:
                continue
            if row.episode:
                ep = row.episode
                placement = episode_service.Placement(
                    destination_country=ep.get("destination_country", ""),
                    employer=ep.get("employer", ""))
                note = f"Dari impor daftar, baris {row.rownum}"
                if ep.get("returned_on"):
                    episode = episode_service.record_past_return(
                        s, resident.id, ep["returned_on"], "", placement,
                        departed_on=ep.get("departed_on"), notes=note)
                else:
                    episode = episode_service.record_late_departure(
                        s, resident.id, ep.get("departed_on"), placement, notes=note,
                        accept_warnings=True)
                undo.journal_create(s, run, episode)
                new_episodes += 1
    return created, updated, new_episodes


def _seed(ws) -> None:  # noqa: ANN001
    """The same register in both folders before the imports."""
    people = [("SITI AMINAH", nik(B[1], "P", 1), 1, "P", B[1]),
              ("BUDI SANTOSO", nik(B[2], "L", 2), 1, "L", B[2]),
              ("RATNA SARI", None, 3, "P", B[3]),  # no NIK: matched by name + birth + KK
              ("JOKO WIDODO", nik(B[4], "L", 4), 4, "L", B[4]),
              ("DEWI LESTARI", nik(B[5], "P", 5), 5, "P", B[5])]
    with ws.db.unit_of_work("Operator Uji") as s:
        for name, number, kk_serial, sex, born in people:
            r = resident_service.register_resident(s, resident_service.ResidentInput(
                name=name, sex=sex, nik=number, no_kk=kk(kk_serial), birth_date=born,
                rt="001", rw="002"), accept_warnings=True)
            if name == "JOKO WIDODO":  # already abroad: the file's departure is refused
                episode_service.record_late_departure(
                    s, r.id, date(2020, 5, 1), episode_service.Placement(
                        destination_country="MY"), accept_warnings=True)


def _first_file(tmp_path: Path) -> Path:
    rows = [HEADERS,
            # changed (RT) and a departure
            ["SITI AMINAH", nik(B[1], "P", 1), kk(1), "P", B[1], "3", "2", "Malaysia",
             "01/02/2023", "", "Tan Sdn Bhd"],
            ["BUDI SANTOSO", nik(B[2], "L", 2), kk(1), "L", B[2], "1", "2", "", "", "", ""],
            # no NIK, matches RATNA: a decision (update); RT changed
            ["RATNA SARI", "", kk(3), "P", B[3], "7", "2", "", "", "", ""],
            ["JOKO WIDODO", nik(B[4], "L", 4), kk(4), "L", B[4], "1", "2", "Taiwan",
             "01/03/2023", "", ""],
            # DEWI twice: by NIK (RT 4) and, without NIK, matched by person (RT 9)
            ["DEWI LESTARI", nik(B[5], "P", 5), kk(5), "P", B[5], "4", "2", "", "", "", ""],
            ["DEWI LESTARI", "", kk(5), "P", B[5], "9", "2", "", "", "", ""],
            ["ANI", nik(B[6], "P", 6), kk(6), "P", B[6], "1", "1", "", "", "", ""],
            ["BAYU", nik(B[7], "L", 7), kk(7), "L", B[7], "2", "1", "Hong Kong",
             "01/06/2019", "02/07/2022", ""],
            ["CITRA", "", kk(8), "P", B[8], "3", "1", "Singapura", "05/05/2024", "", ""],
            ["DONI", nik(B[9], "L", 9), kk(9), "L", B[9], "4", "1", "", "", "", ""],
            ["EKA", nik(B[10], "P", 10), kk(9), "P", B[10], "5", "1", "Malaysia",
             "01/01/2022", "", "Lim Bhd"],
            ["FAJAR", nik(B[11], "L", 11), kk(11), "L", B[11], "6", "1", "", "", "", ""]]
    return write_xlsx(tmp_path / "daftar1.xlsx", [("Sheet1", rows)])


def _second_file(tmp_path: Path) -> Path:
    rows = [HEADERS[:7],
            ["ANI SUSANTI", nik(B[6], "P", 6), kk(6), "P", B[6], "1", "1"],  # name changed
            ["DONI", nik(B[9], "L", 9), kk(9), "L", B[9], "8", "3"],  # RT and RW changed
            ["EKA", nik(B[10], "P", 10), kk(9), "P", B[10], "5", "1"],  # unchanged
            ["GITA", nik(B[12], "P", 12), kk(12), "P", B[12], "1", "1"]]  # new
    return write_xlsx(tmp_path / "daftar2.xlsx", [("Sheet1", rows)])


@pytest.fixture
def folders(tmp_path: Path) -> Iterator[tuple[Any, Any]]:
    from app.core.paths import DataDir
    from app.core.workspace import MODE_VILLAGE, initialise_office, open_workspace

    made = []
    for name in ("per_row", "batch"):
        ws = open_workspace(DataDir(tmp_path / name))
        initialise_office(ws, mode=MODE_VILLAGE, code=VILLAGE_CODE, name="Sukadana",
                          operator="Operator Uji")
        _seed(ws)
        made.append(ws)
    yield made[0], made[1]
    for ws in made:
        ws.close()


def _import(ws, path: Path, decision: str):  # noqa: ANN001, ANN202
    table = read_table(path, mapping.score)
    with ws.db.session() as s:
        preview = build_preview(s, table, mapping.guess(table.headers))
    apply_preview(ws.db, ws.data_dir.backups, preview, operator="Operator Uji",
                  decision=decision)
    return preview


def _state(ws) -> dict[str, Any]:  # noqa: ANN001
    """Everything the import writes, with ids as labels (NIK or name) and no times."""
    con = sqlite3.connect(ws.db.path)
    try:
        labels: dict[str, str] = {}
        for rid, number, name in con.execute("SELECT id, nik, name FROM resident"):
            labels[rid] = f"R:{number or name}"
        for eid, rid, notes, dep in con.execute(
                "SELECT id, resident_id, notes, departed_on FROM episode"):
            labels[eid] = f"E:{labels[rid]}:{notes}:{dep}"
        for fid, eid, code in con.execute("SELECT id, episode_id, code FROM episode_flag"):
            labels[fid] = f"F:{labels[eid]}:{code}"  # red flags: id derived from the episode
        labels[con.execute("SELECT instance_id FROM installation").fetchone()[0]] = "INST"
        times = ("created_at", "updated_at", "seen_at", "accepted_at", "cleared_at")

        def remap(value: Any) -> Any:
            if isinstance(value, str):
                return labels.get(value, value)
            if isinstance(value, list):
                return [remap(v) for v in value]
            if isinstance(value, dict):
                return {k: remap(v) for k, v in value.items()}
            return value

        dump = canonical_dump(ws.db.path, VILLAGE_CODE)
        tables: dict[str, list[Any]] = {}
        for sheet in SCHEMA:
            keys = list(sheet.keys) + (["migrant_status"] if sheet.table == "resident" else [])
            rows = [{k: (None if k in times else remap(v))
                     for k, v in zip(keys, row, strict=True)} for row in dump[sheet.table]]
            tables[sheet.table] = sorted(rows, key=lambda r: json.dumps(r, default=str))
        audit = [(action, entity, remap(entity_id), operator,
                  {k: (None if k in times else v)
                   for k, v in remap(json.loads(changes)).items()})
                 for action, entity, entity_id, operator, changes in con.execute(
                     "SELECT action, entity, entity_id, operator, changes FROM audit_log "
                     "ORDER BY id")]
        # Within one flush the hooks write creations before changes, so in one unit of work
        # the entries of different rows may interleave differently; every entry and the
        # order of each row's own entries are the same.
        per_row: dict[str, list[Any]] = {}
        for entry in audit:
            per_row.setdefault(entry[2], []).append(entry)
        audit_set = sorted(json.dumps(e, sort_keys=True) for e in audit)
        journal = [(run, table, remap(row_id), previous and json.loads(previous))
                   for run, table, row_id, previous in con.execute(
                       "SELECT run_id, table_name, row_id, previous FROM undo_journal "
                       "ORDER BY id")]
        runs = list(con.execute("SELECT kind, source_name, source_sha256, counts, counter, "
                                "undone_at IS NULL FROM import_run ORDER BY id"))
        counter = con.execute("SELECT counter FROM installation").fetchone()[0]
        return {"tables": tables, "audit": audit_set, "audit_by_row": per_row,
                "journal": journal, "runs": runs,
                "counter": counter}
    finally:
        con.close()


def test_batch_import_writes_what_row_by_row_wrote(folders, tmp_path: Path,
                                                   monkeypatch) -> None:  # noqa: ANN001
    per_row, batch = folders
    first, second = _first_file(tmp_path), _second_file(tmp_path)
    batched = apply._write_rows
    monkeypatch.setattr(apply, "CHUNK", 4)  # chunk ends inside the file; DEWI twice in one

    for path, decision in ((first, "update"), (second, SKIP)):
        monkeypatch.setattr(apply, "_write_rows", _per_row)
        expected = _import(per_row, path, decision)
        monkeypatch.setattr(apply, "_write_rows", batched)
        got = _import(batch, path, decision)
        assert got.counts == expected.counts
        a, b = _state(per_row), _state(batch)
        assert b["audit"] == a["audit"]
        assert b["audit_by_row"] == a["audit_by_row"]
        assert b["journal"] == a["journal"]
        assert b == a

    # the files did what they say (so the comparison compares real work)
    state = _state(batch)
    residents = {r["nik"] or r["name"]: r for r in state["tables"]["resident"]}
    assert len(residents) == 12
    dewi = residents[nik(B[5], "P", 5)]
    assert dewi["rt"] == "009" and dewi["version"] == 3  # two changes, two versions
    assert residents["RATNA SARI"]["rt"] == "007"
    ani = residents[nik(B[6], "P", 6)]
    assert ani["name"] == "ANI SUSANTI" and ani["version"] == 2
    assert residents[nik(B[1], "P", 1)]["migrant_status"] != "" and len(
        state["tables"]["episode"]) == 5  # JOKO's seeded one + 4 from the first file
    assert len(state["journal"]) == 17 and len(state["runs"]) == 2
    assert json.loads(state["runs"][0][3])["refused"] == 1  # JOKO: already abroad

    for ws in (per_row, batch):
        undo_last_import(ws.db, ws.data_dir.backups, operator="Operator Uji")
    assert _state(batch) == _state(per_row)


def test_batch_duplicate_nik_checks_see_the_batch_own_changes(village) -> None:  # noqa: ANN001
    """The NIK index answers as find_by_nik would after each earlier row was flushed."""
    from app.core.errors import ValidationFailed
    from app.core.services.residents import NikIndex, ResidentInput

    def person(name: str, number: str) -> ResidentInput:
        return ResidentInput(name=name, sex="P", nik=number, birth_date=B[1])

    a, b, c = nik(B[1], "P", 21), nik(B[1], "P", 22), nik(B[1], "P", 23)
    with village.db.unit_of_work("Operator Uji") as s:
        stored = resident_service.register_resident(s, person("LAMA", a))
    with village.db.unit_of_work("Operator Uji") as s, s.no_autoflush:
        index = NikIndex(s, [b])  # ``a`` and ``c`` are not preloaded: looked up on first use
        first = resident_service.register_resident(s, person("SATU", b), nik_index=index)
        with pytest.raises(ValidationFailed) as err:  # the batch's own, unflushed resident
            resident_service.register_resident(s, person("DUA", b), nik_index=index)
        issue = err.value.issues[0]
        assert issue.code == "resident.nik_duplicate"
        assert (issue.params["name"], issue.params["resident_id"]) == ("SATU", first.id)
        with pytest.raises(ValidationFailed):  # the stored one
            resident_service.register_resident(s, person("TIGA", a), nik_index=index)
        # the stored person moves to ``c`` (unflushed): ``a`` is free, ``c`` is taken
        resident_service.update_resident(s, stored.id, person("LAMA", c), nik_index=index)
        resident_service.register_resident(s, person("EMPAT", a), nik_index=index)
        with pytest.raises(ValidationFailed) as err:
            resident_service.register_resident(s, person("LIMA", c), nik_index=index)
        assert err.value.issues[0].params["name"] == "LAMA"
        assert index.find(c, exclude_id=stored.id) is None  # itself is no duplicate
