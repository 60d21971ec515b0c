"""Match a read list with the register and build the preview. Nothing is written here.

Every data row ends in exactly one bucket: ``new``, ``update``, ``unchanged``, ``skip``
(an existing person while the operator chose to skip existing people), ``decide`` (no NIK,
but name + birth date + KK match a person in the register: shown for a decision) or
``refused`` (with reasons: row number, column, cell). Rows that share a NIK inside the file
are all refused ("never last row wins"). Resident checks are the resident form's own
(:func:`app.core.services.residents.validate_resident`): errors refuse, warnings are shown.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.models import Episode, ImportRun, Resident
from app.core.rules.nik import nik_sex
from app.core.services.residents import ResidentInput, validate_resident
from sync.lists import mapping as mapping_mod
from sync.lists.normalise import Problem, Refused, is_blank, normalise_cell, shown
from sync.lists.read import Table

NEW, UPDATE, UNCHANGED, SKIP, DECIDE, REFUSED = (
    "new", "update", "unchanged", "skip", "decide", "refused")
MODE_UPDATE, MODE_SKIP = "update", "skip"
RESIDENT_FIELDS = tuple(f.name for f in dataclasses.fields(ResidentInput))
_OPEN_STATES = ("terdaftar", "terverifikasi", "berangkat")


@dataclass
class RowPlan:
    rownum: int
    action: str
    name: str = ""
    nik: str = ""
    resident_id: str | None = None
    values: dict[str, Any] = field(default_factory=dict)  # mapped resident fields
    episode: dict[str, Any] | None = None  # a new episode to create
    problems: list[Problem] = field(default_factory=list)  # refusals
    warnings: list[Problem] = field(default_factory=list)
    cells: list[Any] = field(default_factory=list)  # the row as read (for the refused file)


@dataclass
class Preview:
    file_name: str
    sha256: str
    kind: str
    sheet: str
    header_row: int
    headers: list[str]
    mapping: dict[int, str]
    mode: str
    rows: list[RowPlan]
    imported_before: datetime | None = None

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action)

    @property
    def counts(self) -> dict[str, int]:
        return {a: self.count(a) for a in (NEW, UPDATE, UNCHANGED, SKIP, DECIDE, REFUSED)}

    def refused_by_reason(self) -> dict[str, list[tuple[RowPlan, Problem]]]:
        groups: dict[str, list[tuple[RowPlan, Problem]]] = defaultdict(list)
        for row in self.rows:
            if row.action == REFUSED:
                for problem in row.problems:
                    groups[problem.code].append((row, problem))
        return dict(groups)

    def warnings(self) -> list[tuple[RowPlan, Problem]]:
        return [(r, w) for r in self.rows if r.action in (NEW, UPDATE) for w in r.warnings]

    def to_write(self, decision: str = SKIP) -> int:
        """Rows the import would write (``decision`` for the ``decide`` rows)."""
        extra = self.count(DECIDE) if decision in (NEW, UPDATE) else 0
        return self.count(NEW) + self.count(UPDATE) + extra


def build_preview(session: Session, table: Table, column_map: dict[int, str], *,
                  mode: str = MODE_UPDATE, today: date | None = None,
                  progress: Callable[[int, int], None] | None = None) -> Preview:
    today = today or date.today()
    mapping_mod.check(column_map)
    preview = Preview(table.file_name, table.sha256, table.kind, table.sheet, table.header_row,
                      table.headers, dict(column_map), mode, [])
    preview.imported_before = session.scalar(
        select(ImportRun.at).where(ImportRun.source_sha256 == table.sha256,
                                   ImportRun.undone_at.is_(None)).order_by(ImportRun.id.desc())
        .limit(1))
    fields = sorted(column_map.items())
    res_fields = [(c, f) for c, f in fields if f in RESIDENT_FIELDS]
    ep_fields = [(c, f) for c, f in fields if f in mapping_mod.EPISODE_FIELDS]

    # 1. normalise every non-blank row
    for rownum, cells in table.rows:
        if all(is_blank(v) for v in cells) or all(
                is_blank(cells[c]) for c, f in fields if f in ("name", "nik", "no_kk")):
            continue  # a blank row, or a template row with codes but nobody in it
        row = RowPlan(rownum, NEW, cells=cells)
        values: dict[str, Any] = {}
        for col, name in fields:
            raw = cells[col]
            if is_blank(raw):
                continue
            try:
                values[name] = normalise_cell(name, raw, today)
            except Refused as exc:
                row.problems.append(Problem(exc.code, table.headers[col],
                                            table.cell_name(col, rownum), shown(raw),
                                            exc.params))
        row.values = {k: v for k, v in values.items() if k in RESIDENT_FIELDS}
        row.episode = {k: v for k, v in values.items() if k in mapping_mod.EPISODE_FIELDS} \
            or None
        row.name = str(values.get("name", "") or "")
        row.nik = str(values.get("nik", "") or "")
        if not row.name and not row.problems:
            row.problems.append(Problem("lists.no_name"))
        if row.problems:
            row.action = REFUSED
        preview.rows.append(row)

    # 2. duplicates inside the file: all rows of a repeated NIK (or of a repeated
    #    name + birth date + KK among rows without NIK) are refused, none wins
    groups: dict[tuple[Any, ...], list[RowPlan]] = defaultdict(list)
    for row in preview.rows:
        if row.action == REFUSED:
            continue
        key = ("nik", row.nik) if row.nik else (
            "person", row.name.upper(), row.values.get("birth_date"), row.values.get("no_kk"))
        groups[key].append(row)
    for members in groups.values():
        if len(members) > 1:
            others = ", ".join(str(m.rownum) for m in members)
            for m in members:
                m.action = REFUSED
                m.problems.append(Problem("lists.duplicate_in_file", value=m.nik or m.name,
                                          params={"rows": others}))

    # 3. match with the register and check as the resident form does
    existing_by_nik: dict[str, Resident] = {}
    existing_by_person: dict[tuple[str, Any, Any], Resident] = {}
    for r in session.scalars(select(Resident).where(Resident.deleted.is_(False))):
        if r.nik:
            existing_by_nik[r.nik] = r
        existing_by_person[(r.name.upper(), r.birth_date, r.no_kk)] = r
    episodes: dict[str, list[Episode]] = defaultdict(list)
    if ep_fields:
        for ep in session.scalars(select(Episode).where(Episode.deleted.is_(False))):
            episodes[ep.resident_id].append(ep)
    total = len(preview.rows)
    for done, row in enumerate(preview.rows, start=1):
        if progress is not None and done % 500 == 0:
            progress(done, total)
        if row.action == REFUSED:
            continue
        _plan_row(session, row, res_fields, existing_by_nik, existing_by_person, episodes,
                  mode, today, table)
    return preview


def _plan_row(session: Session, row: RowPlan, res_fields: list[tuple[int, str]],
              by_nik: dict[str, Resident], by_person: dict[tuple[str, Any, Any], Resident],
              episodes: dict[str, list[Episode]], mode: str, today: date,
              table: Table) -> None:
    found = by_nik.get(row.nik) if row.nik else None
    decide = False
    if found is None and not row.nik:
        found = by_person.get((row.name.upper(), row.values.get("birth_date"),
                               row.values.get("no_kk")))
        decide = found is not None
    values = dict(row.values)
    if "sex" not in values and row.nik:  # the NIK tells the sex when no column does
        sex = nik_sex(row.nik)
        if sex:
            values["sex"] = str(sex)
    if found is not None:
        base = ResidentInput.from_resident(found)
        data = dataclasses.replace(base, **values).normalized()
        issues = validate_resident(session, data, exclude_id=found.id, today=today,
                                   check_duplicate=False)  # matched by NIK above
    else:
        data = ResidentInput(**{"name": "", "sex": ""} | values).normalized()
        issues = validate_resident(session, data, today=today, check_duplicate=False)
    col_of = {f: c for c, f in res_fields}
    for issue in issues:
        col = col_of.get(issue.field or "")
        problem = Problem(issue.code, table.headers[col] if col is not None else "",
                          table.cell_name(col, row.rownum) if col is not None else "",
                          shown(row.cells[col]) if col is not None else "", issue.params)
        (row.problems if issue.is_error else row.warnings).append(problem)
    if row.problems:
        row.action = REFUSED
        return
    row.values = {k: getattr(data, k) for k in values}
    if row.episode:
        _plan_episode(row, found, episodes, today, table)
        if row.action == REFUSED:
            return
    if found is None:
        row.action = NEW
        return
    row.resident_id = found.id
    if decide:
        row.action = DECIDE
        return
    changed = any(getattr(found, k) != v for k, v in row.values.items())
    if mode == MODE_SKIP:
        row.action = SKIP
        row.episode = None
    elif changed or row.episode:
        row.action = UPDATE
    else:
        row.action = UNCHANGED


def _plan_episode(row: RowPlan, found: Resident | None, episodes: dict[str, list[Episode]],
                  today: date, table: Table) -> None:
    ep = row.episode or {}
    departed, returned = ep.get("departed_on"), ep.get("returned_on")
    for _name, value in (("departed_on", departed), ("returned_on", returned)):
        if value is not None and value > today:
            row.problems.append(Problem("lists.date_future", params={"value": value}))
    if departed and returned and returned < departed:
        row.problems.append(Problem("lists.return_before_departure"))
    if row.problems:
        row.action = REFUSED
        return
    if found is None:
        return
    mine = episodes.get(found.id, [])
    for other in mine:
        if (other.destination_country == ep.get("destination_country", "")
                and other.departed_on == departed
                and (returned is None or other.returned_on == returned)):
            row.episode = None  # already recorded: idempotent
            return
    if returned is None and any(o.state in _OPEN_STATES for o in mine):
        row.action = REFUSED
        row.problems.append(Problem("lists.open_episode_exists"))


def row_input(row: RowPlan, existing: Resident | None) -> ResidentInput:
    """The full resident input for a planned row (existing values kept where not mapped)."""
    if existing is not None:
        return dataclasses.replace(ResidentInput.from_resident(existing), **row.values)
    return ResidentInput(**{"name": "", "sex": ""} | row.values)


def default_mapping(data_root: Path | None, table: Table) -> tuple[dict[int, str], bool]:
    """(mapping, remembered?) for a table: the remembered one, else the guess."""
    if data_root is not None:
        saved = mapping_mod.remembered(data_root, table.headers)
        if saved:
            return saved, True
    return mapping_mod.guess(table.headers), False
