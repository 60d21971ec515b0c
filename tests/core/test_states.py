"""Outcomes that count (issue 9 point 2): dicegah, in process, cuti, death abroad, new return
reasons, and the one-open-episode guarantee on upgraded data."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from app.core import migrate
from app.core.errors import ValidationFailed
from app.core.models import Episode, EpisodeFlag, Resident
from app.core.paths import DataDir
from app.core.reference import active_codes
from app.core.rules.episodes import EpisodeFacts, derive_status
from app.core.services import episodes, residents
from app.core.services.episodes import Death, Placement, Registration
from app.core.workspace import open_workspace

FIXTURE = Path(__file__).resolve().parents[1] / "data" / "schema_v1" / "buku_migran.db"
TODAY = date.today()


def _person(ws, **kw) -> str:
    data = {"name": "Dewi", "sex": "P", "birth_date": date(1994, 3, 3)}
    data.update(kw)
    with ws.db.unit_of_work("op") as s:
        return residents.register_resident(s, residents.ResidentInput(**data),
                                           accept_warnings=True).id


def _get(ws, model, row_id):
    with ws.db.session() as s:
        row = s.get(model, row_id)
        s.expunge(row)
        return row


def _departed(ws, rid: str) -> str:
    with ws.db.unit_of_work("op") as s:
        return episodes.record_late_departure(s, rid, TODAY - timedelta(days=400), Placement(
            destination_country="HK", sector="pekerja_rumah_tangga")).id


def test_prevented_is_its_own_end_with_reason_and_flags(village) -> None:
    rid = _person(village, birth_date=TODAY - timedelta(days=16 * 365))
    with village.db.unit_of_work("op") as s:
        epid = episodes.register_cpmi(s, rid, Registration(
            TODAY - timedelta(days=3), Placement(destination_country="KH"))).id
    with pytest.raises(ValidationFailed) as err, village.db.unit_of_work("op") as s:
        episodes.prevent_departure(s, epid, TODAY, "  ")
    assert err.value.errors[0].code == "required"
    with village.db.unit_of_work("op") as s:
        episodes.prevent_departure(s, epid, TODAY, "Masih 16 tahun, tawaran kerja ke Kamboja")
    ep = _get(village, Episode, epid)
    assert ep.state == "dicegah" and ep.ended_on == TODAY
    assert ep.end_reason.startswith("Masih 16 tahun")
    assert _get(village, Resident, rid).migrant_status == "bukan"  # never left
    with village.db.session() as s:
        kept = {f.code for f in s.scalars(select(EpisodeFlag).where(
            EpisodeFlag.episode_id == epid, EpisodeFlag.cleared.is_(False)))}
    assert {"under_age", "scam_route"} <= kept  # the flags behind the decision stay
    # prevented frees the person for a later, proper registration
    with village.db.unit_of_work("op") as s:
        episodes.register_cpmi(s, rid, Registration(TODAY))
    # and it cannot be departed any more
    with pytest.raises(ValidationFailed), village.db.unit_of_work("op") as s:
        episodes.record_departure(s, epid, TODAY, Placement(), accept_warnings=True,
                                  accept_reason="x")


def test_in_process_sits_between_verified_and_departed(village) -> None:
    rid = _person(village)
    with village.db.unit_of_work("op") as s:
        epid = episodes.register_cpmi(s, rid, Registration(TODAY - timedelta(days=30))).id
        episodes.verify(s, epid, TODAY - timedelta(days=20))
    with pytest.raises(ValidationFailed) as err, village.db.unit_of_work("op") as s:
        episodes.start_process(s, epid, TODAY, "kapal")
    assert err.value.errors[0].code == "code.unknown"
    with village.db.unit_of_work("op") as s:
        episodes.start_process(s, epid, TODAY - timedelta(days=10), "blk")
    ep = _get(village, Episode, epid)
    assert ep.state == "dalam_proses" and ep.process_place == "blk"
    assert _get(village, Resident, rid).migrant_status == "calon_pmi"
    with village.db.unit_of_work("op") as s:
        episodes.record_departure(s, epid, TODAY, Placement(destination_country="TW"),
                                  accept_warnings=True, accept_reason="Kertas menyusul")
    assert _get(village, Episode, epid).state == "berangkat"


def test_home_leave_does_not_end_the_placement(village) -> None:
    rid = _person(village)
    epid = _departed(village, rid)
    with village.db.unit_of_work("op") as s:
        episodes.start_leave(s, epid, TODAY - timedelta(days=10), TODAY + timedelta(days=20))
    ep = _get(village, Episode, epid)
    assert ep.state == "cuti" and ep.returned_on is None
    assert _get(village, Resident, rid).migrant_status == "pmi"  # still a PMI
    # no new episode while on leave: the placement is still open
    with pytest.raises(ValidationFailed) as err, village.db.unit_of_work("op") as s:
        episodes.register_cpmi(s, rid, Registration(TODAY))
    assert err.value.errors[0].code == "episode.open_exists"
    with village.db.unit_of_work("op") as s:
        episodes.end_leave(s, epid, TODAY)
    assert _get(village, Episode, epid).state == "berangkat"
    assert "cuti" not in active_codes("return_reasons")  # leave is a state, not a return


def test_death_abroad_sets_the_person_deceased_and_keeps_claim_status(village) -> None:
    rid = _person(village)
    epid = _departed(village, rid)
    with pytest.raises(ValidationFailed), village.db.unit_of_work("op") as s:
        episodes.record_return(s, epid, TODAY, "meninggal",
                               death=Death(repatriation_status="terbang"))
    assert _get(village, Resident, rid).life_status == "hidup"  # nothing changed
    with village.db.unit_of_work("op") as s:
        episodes.record_return(s, epid, TODAY, "meninggal",
                               death=Death(repatriation_status="dipulangkan",
                                           death_claim_status="diajukan"))
    ep = _get(village, Episode, epid)
    assert ep.state == "pulang" and ep.return_reason == "meninggal"
    assert ep.repatriation_status == "dipulangkan" and ep.death_claim_status == "diajukan"
    assert _get(village, Resident, rid).life_status == "meninggal"


def test_extended_return_reasons(village) -> None:
    assert {"korban_tppo", "deportasi", "tidak_dipulangkan"} <= set(
        active_codes("return_reasons"))
    rid = _person(village)
    epid = _departed(village, rid)
    with village.db.unit_of_work("op") as s:
        episodes.record_return(s, epid, TODAY, "korban_tppo")
    assert _get(village, Episode, epid).return_reason == "korban_tppo"
    assert _get(village, Resident, rid).life_status == "hidup"


def test_derived_status_of_new_states() -> None:
    def one(state: str) -> str:
        return derive_status([EpisodeFacts(state, date(2025, 1, 1), "a")])

    assert one("dalam_proses") == "calon_pmi"
    assert one("cuti") == "pmi"
    assert one("dicegah") == "bukan"


def test_expected_return_defaults_from_contract_end(village) -> None:
    rid = _person(village)
    end = TODAY + timedelta(days=700)
    with village.db.unit_of_work("op") as s:
        epid = episodes.register_cpmi(s, rid, Registration(
            TODAY, Placement(contract_end=end))).id
    assert _get(village, Episode, epid).expected_return == end


def test_upgrade_closes_extra_open_episodes_so_the_index_can_hold(tmp_path: Path) -> None:
    """Old data could hold two open episodes of one person; the upgrade keeps the newest open,
    closes the other as batal with a note, and then the database refuses a third."""
    data = DataDir(tmp_path / "desa").ensure()
    shutil.copyfile(FIXTURE, data.db_path)
    assert migrate.current_revision(data.db_path) == "0003"
    con = sqlite3.connect(data.db_path)
    names = [d[0] for d in con.execute("SELECT * FROM episode").description]
    row = dict(zip(names, con.execute("SELECT * FROM episode").fetchone(), strict=True))
    assert row["state"] == "berangkat"
    older = dict(row, id="a" * 32, state="terdaftar", registered_on="2019-01-01",
                 departed_on=None)
    con.execute(f"INSERT INTO episode ({', '.join(older)}) VALUES "
                f"({', '.join('?' * len(older))})", list(older.values()))
    con.commit()
    con.close()
    ws = open_workspace(data)
    ws.close()
    con = sqlite3.connect(data.db_path)
    try:
        states = dict(con.execute("SELECT id, state FROM episode").fetchall())
        assert states[row["id"]] == "berangkat" and states["a" * 32] == "batal"
        note = con.execute("SELECT end_reason FROM episode WHERE id = ?", ("a" * 32,)).fetchone()
        assert "0004" in note[0]
        third = dict(row, id="b" * 32, state="terdaftar")
        with pytest.raises(sqlite3.IntegrityError):
            con.execute(f"INSERT INTO episode ({', '.join(third)}) VALUES "
                        f"({', '.join('?' * len(third))})", list(third.values()))
    finally:
        con.close()


def test_trip_details_and_returnee_profile(village) -> None:
    from app.core.services.episodes import ReturneeProfile, TripDetails

    rid = _person(village)
    epid = _departed(village, rid)
    with pytest.raises(ValidationFailed) as err, village.db.unit_of_work("op") as s:
        episodes.update_details(s, epid, TripDetails(visa_type="turis_palsu"))
    assert err.value.errors[0].code == "code.unknown"
    with village.db.unit_of_work("op") as s:
        episodes.update_details(s, epid, TripDetails(
            epmi_no="E-PMI 123", visa_type="kerja", visa_no="V1", pk_no="PK/1",
            wage="HK$ 4.990/bulan", foreign_agency="Agensi HK", heir_name="Ibu Sari",
            heir_relation="ibu", bpjs_status="aktif", lapor_diri_on=TODAY))
    ep = _get(village, Episode, epid)
    assert ep.epmi_no == "E-PMI 123" and ep.heir_relation == "ibu" and ep.lapor_diri
    with village.db.unit_of_work("op") as s:
        episodes.record_return(s, epid, TODAY, "habis_kontrak")
        episodes.update_returnee_profile(s, epid, ReturneeProfile(
            "Bahasa Kanton", "Warung", "Rumah", "belum_tahu"))
    ep = _get(village, Episode, epid)
    assert ep.returnee_business == "Warung" and ep.plans_to_leave == "belum_tahu"
