"""Services pass dates as dates (issue 13, point 2): the catalogue and the front-ends format
them through app/core/formatting.py, in the reader's language."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from app.core.errors import AppError, ValidationFailed
from app.core.messages import message
from app.core.services import episodes, residents
from app.core.services.episodes import Registration

ROOT = Path(__file__).resolve().parents[2]
SOON = date.today() + timedelta(days=3)
SOON_TEXT = f"{SOON:%d/%m/%Y}"


def _issue_params(err: pytest.ExceptionInfo[ValidationFailed]) -> dict[str, object]:
    return dict(err.value.errors[0].params)


def test_a_future_episode_date_is_refused_with_the_date_itself(village) -> None:
    with village.db.unit_of_work("op") as s:
        rid = residents.register_resident(s, residents.ResidentInput(name="Joko", sex="L")).id
    with pytest.raises(ValidationFailed) as err, village.db.unit_of_work("op") as s:
        episodes.register_cpmi(s, rid, Registration(SOON))
    issue = err.value.errors[0]
    assert issue.code == "episode.date_future"
    assert issue.params["value"] == SOON  # a date, not "dd/mm/yyyy"
    for lang in ("id", "en"):
        assert f"({SOON_TEXT})" in message(issue.code, lang, **issue.params)


def test_a_future_birth_date_is_refused_with_the_date_itself(village) -> None:
    with pytest.raises(ValidationFailed) as err, village.db.unit_of_work("op") as s:
        residents.register_resident(
            s, residents.ResidentInput(name="Joko", sex="L", birth_date=SOON))
    assert err.value.errors[0].code == "resident.birth_future"
    assert _issue_params(err) == {"value": SOON}
    assert SOON_TEXT in message("resident.birth_future", "en", **_issue_params(err))


def test_the_period_report_refuses_a_reversed_period_with_dates(hub) -> None:
    from sync.report import build_period_report

    with pytest.raises(AppError) as err:
        build_period_report(hub, date(2026, 3, 1), date(2026, 2, 1))
    assert err.value.code == "report.period_invalid"
    assert err.value.params == {"dari": date(2026, 3, 1), "sampai": date(2026, 2, 1)}
    assert "(01/03/2026)" in message(err.value.code, "en", **err.value.params)


def test_a_future_date_in_an_imported_list_is_a_date(village, tmp_path: Path) -> None:
    from sync.lists import mapping
    from sync.lists.plan import build_preview, default_mapping
    from sync.lists.read import read_table

    path = tmp_path / "daftar.csv"
    path.write_text("Nama;Jenis kelamin;Tanggal lahir;Tanggal berangkat\n"
                    f"SITI;P;12/04/1995;{SOON:%d/%m/%Y}\n", encoding="utf-8")
    table = read_table(path, mapping.score)
    column_map, _ = default_mapping(village.data_dir.root, table)
    with village.db.session() as s:
        preview = build_preview(s, table, column_map, mode="update")
    (_row, problem), = preview.refused_by_reason()["lists.date_future"]
    assert problem.params == {"value": SOON}
    assert SOON_TEXT in message(problem.code, "id", **problem.params)


# Where a date may still be written out by hand: none. Everything that shows a date to a
# person (reports, CLI lines, CSV cells) calls app/core/formatting.py; the CSV writer keeps
# Excel's date-time form with seconds, which that module does not offer.
_ALLOWED = {
    ("app/core/tables.py", "%d/%m/%Y %H:%M:%S"),
    # the bundle format itself (sync/FORMAT.md): a date before 1900-03-01 travels as dd/mm/yyyy
    # text, in any language; a hub's package writes its villages' rows by the same rule
    ("sync/relay/export.py", "%d/%m/%Y"),
}
_HAND_MADE = re.compile(r"%d/%m/%Y[^\"'}]*")


def test_no_core_or_sync_module_formats_a_date_by_hand() -> None:
    found = []
    for folder in ("app/core", "sync"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            rel = path.relative_to(ROOT).as_posix()
            if rel == "app/core/formatting.py" or "/migrations/" in rel:
                continue
            for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                for match in _HAND_MADE.finditer(line):
                    if (rel, match.group()) not in _ALLOWED:
                        found.append(f"{rel}:{lineno}: {line.strip()}")
    assert found == [], "format dates with app.core.formatting:\n" + "\n".join(found)
