"""Numbers that agree (issue 9 point 5): every count of "PMI abroad" counts the same people.

On the demo village (with its awkward rows: a deleted person whose episode stays, a deleted
episode, a person who moved, home leave, prevented departures), the dashboard tile, the two
charts, the Migrasi list, the public statistics and the monthly recap of the current month
agree, and each person abroad has exactly one open episode.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest

from app.core.repo import dashboard as dash
from app.core.repo.episodes import EpisodeFilter, search_ids
from app.core.reports.recap import build_recap, monthly_recap
from app.core.rules.episodes import ABROAD_STATES
from app.core.stats import public_statistics
from tests.demo_data import TODAY, make_demo_village


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    ws = make_demo_village(tmp_path_factory.mktemp("counts") / "desa", residents=1500, seed=9)
    yield ws
    ws.close()


def test_every_pmi_abroad_count_agrees(demo) -> None:
    with demo.db.session() as s:
        data = dash.load_dashboard(s, TODAY)
        stats = public_statistics(s, today=TODAY)
        recap = monthly_recap(s, TODAY.year, TODAY.month)
        recap_text = build_recap(s, demo.office(), TODAY.year, TODAY.month,
                                 today=TODAY).to_text()
        listed = len(search_ids(s, EpisodeFilter(state="berangkat")))
    abroad = data.abroad_now
    assert abroad > 50
    figures = {
        "tile": abroad,
        "countries chart": sum(n for _, n in data.countries),
        "procedure chart": sum(data.procedure_counts.values()),
        "Migrasi list": listed,
        "statistics by country": sum(r.count for r in stats
                                     if r.table == "PMI menurut negara tujuan"),
        "statistics by sex": sum(r.count for r in stats
                                 if r.table == "PMI menurut jenis kelamin"),
        "recap PDF (current month)": recap.abroad_at_end,
        "recap by country": sum(n for _, n in recap.abroad_by_country),
        "recap by sex": sum(recap.abroad_by_sex.values()),
    }
    assert set(figures.values()) == {abroad}, figures
    assert f"PMI berada di luar negeri: {abroad}" in recap_text


def test_abroad_is_people_not_rows(demo) -> None:
    con = sqlite3.connect(demo.data_dir.db_path)
    try:
        people, episodes = con.execute(
            "SELECT count(DISTINCT e.resident_id), count(*) FROM episode e JOIN resident r "
            "ON r.id = e.resident_id WHERE e.deleted = 0 AND r.deleted = 0 AND e.state = "
            "'berangkat'").fetchone()
        on_leave = con.execute("SELECT count(*) FROM episode WHERE deleted = 0 AND state = "
                               "'cuti'").fetchone()[0]
    finally:
        con.close()
    assert people == episodes  # one open episode per person
    assert on_leave > 0  # the demo has home leave, which is not "abroad"
    assert tuple(ABROAD_STATES) == dash._ABROAD_VALUES
