"""The red-flag rule table rule by rule, and flags kept as rows with the episode (issue 9)."""

from __future__ import annotations

import dataclasses
import sqlite3
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from app.core.errors import AppError
from app.core.messages import catalogue
from app.core.models import EpisodeFlag, flag_id
from app.core.repo.episodes import flags_for_episodes
from app.core.rules import flags as fr
from app.core.services import episodes, residents
from app.core.services.episodes import Consent, Placement, Registration, TripDetails

TODAY = date(2026, 6, 1)

# A departure no rule objects to: adult, married with the spouse's consent, P to P through a
# licensed P3MI to Taiwan, every paper present, verified.
CLEAN = fr.FlagFacts(
    step="berangkat",
    birth_date=date(1995, 4, 12),
    departure=TODAY,
    nik="1807015204950012",
    marital_status="kawin",
    country="TW",
    sector="perawat_lansia",
    scheme="p_to_p",
    p3mi="PT Sumber Jaya Mandiri",
    documents=frozenset({"ktp", "kk", "paspor", "visa_kerja", "perjanjian_kerja"}),
    passport_no="C1234567",
    passport_expiry=date(2031, 1, 1),
    contract_end=date(2029, 6, 1),
    visa_type="kerja",
    pk_no="PK-001",
    consent_name="Ahmad",
    consent_relation="suami",
    bpjs_tk_no="12345678901",
    verified=True,
)


def codes(facts: fr.FlagFacts) -> set[str]:
    return {f.code for f in fr.evaluate(facts)}


def test_clean_departure_raises_nothing() -> None:
    assert codes(CLEAN) == set()


# (changes to CLEAN, the one code that must fire)
CASES = [
    ({"birth_date": date(2009, 1, 1)}, "under_age"),  # 17 at departure (Pasal 5)
    ({"country": "SG", "sector": "pekerja_rumah_tangga", "birth_date": date(2004, 1, 1)},
     "under_age"),  # 22: adult, but Singapore asks 23 of domestic workers
    ({"country": "SA", "sector": "pekerja_rumah_tangga"}, "closed_destination"),
    ({"country": "KH", "sector": "lainnya"}, "scam_route"),
    ({"nik": ""}, "no_nik"),
    ({"documents": frozenset({"kk", "paspor", "visa_kerja", "perjanjian_kerja"})}, "no_ktp"),
    ({"passport_no": ""}, "no_passport"),
    ({"passport_expiry": date(2028, 1, 1)}, "passport_expires"),
    ({"visa_type": "", "documents": frozenset({"ktp", "paspor", "perjanjian_kerja"})},
     "no_visa"),
    ({"visa_type": "umrah"}, "visa_not_work"),
    ({"pk_no": "", "documents": frozenset({"ktp", "paspor", "visa_kerja"})}, "no_contract"),
    ({"p3mi": ""}, "p_to_p_without_p3mi"),
    ({"scheme": "g_to_g"}, "g_to_g_private"),
    ({"scheme": "perseorangan", "country": "KR", "p3mi": ""}, "perseorangan_refused"),
    ({"p3mi": "PT Calo Tanpa Izin"}, "p3mi_unlicensed"),
    ({"consent_name": ""}, "no_consent"),
    ({"consent_relation": "ibu"}, "consent_wrong_person"),  # married: the spouse must consent
    ({"marital_status": "belum_kawin", "consent_relation": "saudara"}, "consent_wrong_person"),
    ({"bpjs_tk_no": ""}, "no_bpjs"),
    ({"verified": False}, "not_verified"),
]


@pytest.mark.parametrize(("change", "code"), CASES, ids=[f"{c}-{i}" for i, (_, c) in
                                                         enumerate(CASES)])
def test_each_rule_fires_alone(change: dict, code: str) -> None:
    assert codes(dataclasses.replace(CLEAN, **change)) == {code}


def test_every_rule_is_tested_and_has_two_sentences() -> None:
    tested = {code for _, code in CASES}
    assert tested == set(fr.BY_CODE)
    for rule in fr.RULES:
        pair = catalogue()[f"flag.{rule.code}"]
        assert pair[0] and pair[1] and pair[0] != pair[1]


def test_rule_boundaries() -> None:
    # 18 on the departure day is old enough
    assert "under_age" not in codes(dataclasses.replace(CLEAN, birth_date=date(2008, 6, 1)))
    assert "under_age" in codes(dataclasses.replace(CLEAN, birth_date=date(2008, 6, 2)))
    # Saudi Arabia is closed to domestic workers only; a construction worker is not flagged
    assert codes(dataclasses.replace(CLEAN, country="SA", sector="konstruksi")) == set()
    # unmarried: a parent or guardian may consent
    assert codes(dataclasses.replace(CLEAN, marital_status="belum_kawin",
                                     consent_relation="ayah")) == set()
    # a licensed name matches without "PT", case and punctuation
    assert codes(dataclasses.replace(CLEAN, p3mi="sumber jaya mandiri, pt.")) == set()
    # G to G through the government agency is coherent
    assert codes(dataclasses.replace(CLEAN, scheme="g_to_g", p3mi="BP2MI")) == set()


def test_papers_are_asked_for_only_from_their_step() -> None:
    bare = fr.FlagFacts(step="daftar", birth_date=date(1995, 1, 1), nik="1807015204950012",
                        consent_name="Ahmad", consent_relation="ayah", departure=TODAY)
    assert codes(bare) == set()  # a new CPMI is not blamed for a missing visa
    assert codes(dataclasses.replace(bare, step="verifikasi")) == {"no_ktp"}
    assert {"no_passport", "no_visa", "no_contract", "no_bpjs", "not_verified", "no_ktp"} == \
        codes(dataclasses.replace(bare, step="berangkat"))


def test_findings_are_ordered_most_severe_first() -> None:
    found = fr.evaluate(dataclasses.replace(CLEAN, bpjs_tk_no="", birth_date=date(2010, 1, 1),
                                            consent_name=""))
    assert [f.severity for f in found] == ["tinggi", "sedang", "rendah"]


def test_reference_lists_are_versioned_with_sources() -> None:
    data = fr.rule_data()
    assert data.version and data.p3mi_version
    assert {"closed_domestic", "scam_routes", "country_min_age", "perseorangan_refused",
            "licensed_p3mi"} == set(data.sources)
    assert all(len(src) > 20 for src in data.sources.values())
    assert {"KH", "MM", "LA"} <= data.scam_countries and "SA" in data.closed_countries
    assert fr.rule_version(data) == f"{data.version}/{data.p3mi_version}"


def test_malformed_rule_file_is_refused_with_a_code() -> None:
    with pytest.raises(AppError) as err:
        fr.parse_rule_data({"version": "x"}, {"version": "y", "items": [], "source": "s"})
    assert err.value.code == "flag.rules_invalid"


# -- stored flags -----------------------------------------------------------------------------


def _person(ws, **kw) -> str:
    data = {"name": "Rina", "sex": "P", "birth_date": date.today() - timedelta(days=17 * 365),
            "marital_status": "belum_kawin"}
    data.update(kw)
    with ws.db.unit_of_work("op") as s:
        return residents.register_resident(s, residents.ResidentInput(**data),
                                           accept_warnings=True).id


def _flags(ws, epid: str) -> dict[str, EpisodeFlag]:
    with ws.db.session() as s:
        return {f.code: f for f in s.scalars(select(EpisodeFlag).where(
            EpisodeFlag.episode_id == epid))}


def test_registration_stores_flags_with_who_and_when(village) -> None:
    rid = _person(village)
    with village.db.unit_of_work("Pak Kades") as s:
        epid = episodes.register_cpmi(s, rid, Registration(
            date.today(), Placement(destination_country="KH"))).id
    rows = _flags(village, epid)
    assert {"under_age", "scam_route", "no_nik", "no_consent"} <= set(rows)
    row = rows["under_age"]
    assert row.id == flag_id(epid, "under_age")
    assert row.seen_by == "Pak Kades" and row.seen_at is not None and row.step == "daftar"
    assert not row.accepted and not row.cleared and row.severity == "tinggi"
    assert row.rule_version == fr.rule_version()
    assert row.owner_office == "18.07.01.2001" and row.version == 1  # a synced row


def test_verification_evaluates_again(village) -> None:
    rid = _person(village, birth_date=date(1990, 1, 1), nik="1807015204900012")
    with village.db.unit_of_work("op") as s:
        epid = episodes.register_cpmi(s, rid, Registration(
            date.today(), consent=Consent("Ayah", "", "ayah"))).id
    assert set(_flags(village, epid)) == set()
    with village.db.unit_of_work("op") as s:
        episodes.verify(s, epid, date.today())
    assert set(_flags(village, epid)) == {"no_ktp"}


def test_change_of_person_or_episode_reevaluates_and_clears(village) -> None:
    rid = _person(village)
    with village.db.unit_of_work("op") as s:
        epid = episodes.register_cpmi(s, rid, Registration(date.today())).id
    assert not _flags(village, epid)["under_age"].cleared
    # the birth date was typed wrong: fixing the person clears the flag (the row stays)
    with village.db.unit_of_work("op") as s:
        residents.update_resident(s, rid, residents.ResidentInput(
            name="Rina", sex="P", birth_date=date(1999, 1, 1), marital_status="belum_kawin"),
            accept_warnings=True)
    row = _flags(village, epid)["under_age"]
    assert row.cleared and row.cleared_at is not None
    # an episode change raises a new one: destination changed to a scam route
    with village.db.unit_of_work("op") as s:
        episodes.update_placement(s, epid, Placement(destination_country="MM"))
    assert not _flags(village, epid)["scam_route"].cleared
    with village.db.unit_of_work("op") as s:
        episodes.update_consent(s, epid, Consent("Bapak", "", "ayah"))
    assert _flags(village, epid)["no_consent"].cleared


def test_late_departure_is_recorded_with_its_flags(village) -> None:
    rid = _person(village)
    with village.db.unit_of_work("op") as s:
        epid = episodes.record_late_departure(s, rid, date.today(), Placement(
            destination_country="SA", sector="pekerja_rumah_tangga",
            procedure="diduga_nonprosedural")).id
    rows = _flags(village, epid)
    assert {"under_age", "closed_destination", "not_verified", "no_visa"} <= set(rows)
    assert all(r.step == "berangkat" for r in rows.values())


def test_departure_details_clear_paper_flags(village) -> None:
    rid = _person(village, birth_date=date(1990, 1, 1), nik="1807015204900012",
                  passport_no="C7654321", bpjs_tk_no="999")
    with village.db.unit_of_work("op") as s:
        epid = episodes.register_cpmi(s, rid, Registration(
            date.today(), consent=Consent("Ayah", "", "ayah"), documents=["ktp"])).id
        episodes.verify(s, epid, date.today())
    placement = Placement(destination_country="TW", scheme="p_to_p",
                          p3mi="PT Sumber Jaya Mandiri")
    with village.db.unit_of_work("op") as s:
        episodes.record_departure(s, epid, date.today(), placement, accept_warnings=True,
                                  accept_reason="Visa dan PK menyusul lewat P3MI")
    rows = _flags(village, epid)
    assert {"no_visa", "no_contract"} == {c for c, r in rows.items() if not r.cleared}
    assert all(r.accepted for r in rows.values())
    with village.db.unit_of_work("op") as s:
        episodes.update_details(s, epid, TripDetails(visa_type="kerja", pk_no="PK/2026/7"))
    rows = _flags(village, epid)
    assert all(r.cleared for r in rows.values())


def test_accept_flags_needs_a_reason(village) -> None:
    rid = _person(village)
    with village.db.unit_of_work("op") as s:
        epid = episodes.register_cpmi(s, rid, Registration(date.today())).id
    with pytest.raises(AppError) as err, village.db.unit_of_work("op") as s:
        episodes.accept_flags(s, epid, "  ")
    assert err.value.issues[0].code == "flag.reason_required"
    with village.db.unit_of_work("Sekdes") as s:
        episodes.accept_flags(s, epid, "Dirujuk ke P4MI untuk pemeriksaan")
    assert all(r.accepted and r.accepted_by == "Sekdes" for r in _flags(village, epid).values())


def test_flags_for_episodes_gives_plain_data(village) -> None:
    rid = _person(village)
    with village.db.unit_of_work("op") as s:
        epid = episodes.register_cpmi(s, rid, Registration(
            date.today(), Placement(destination_country="KH"))).id
    with village.db.session() as s:
        out = flags_for_episodes(s, [epid, "0" * 32])
    assert out["0" * 32] == []
    flags = out[epid]
    assert flags[0].severity == "tinggi"
    scam = next(f for f in flags if f.code == "scam_route")
    assert "Kamboja" in scam.text_id and "Cambodia" in scam.text_en
    assert scam.seen_by == "op" and not scam.accepted


def test_database_refuses_a_second_open_episode(village) -> None:
    """The guarantee is in the database, not only in the service."""
    rid = _person(village, birth_date=date(1990, 1, 1))
    with village.db.unit_of_work("op") as s:
        episodes.register_cpmi(s, rid, Registration(date.today()))
    con = sqlite3.connect(village.data_dir.db_path)
    try:
        template = con.execute("SELECT * FROM episode").fetchone()
        names = [d[0] for d in con.execute("SELECT * FROM episode").description]
        row = dict(zip(names, template, strict=True))
        row["id"] = "f" * 32
        marks = ", ".join("?" * len(row))
        with pytest.raises(sqlite3.IntegrityError):
            con.execute(f"INSERT INTO episode ({', '.join(row)}) VALUES ({marks})",
                        list(row.values()))
        for state in ("batal", "pulang", "dicegah"):  # a closed one is fine
            row["id"], row["state"] = state.ljust(32, "0")[:32], state
            con.execute(f"INSERT INTO episode ({', '.join(row)}) VALUES ({marks})",
                        list(row.values()))
        con.rollback()
    finally:
        con.close()


def test_flag_sentences_turn_stored_codes_into_words() -> None:
    found = fr.evaluate(dataclasses.replace(CLEAN, consent_relation="ibu"))
    assert found[0].params == {"relation": "ibu", "marital": "kawin", "expected": "pasangan"}
    assert "Ibu" in fr.flag_text("consent_wrong_person", found[0].params, "id")
    assert "suami/istri" in fr.flag_text("consent_wrong_person", found[0].params, "id")
    english = fr.flag_text("consent_wrong_person", found[0].params, "en")
    assert "Mother" in english and "the husband or wife" in english


def test_person_sheet_shows_the_flags_and_who_accepted_them(village) -> None:
    from app.core.reports.person import build_person_sheet

    rid = _person(village)
    with village.db.unit_of_work("op") as s:
        epid = episodes.register_cpmi(s, rid, Registration(date.today())).id
    with village.db.unit_of_work("Sekdes") as s:
        episodes.accept_flags(s, epid, "Dirujuk ke P4MI")
    with village.db.session() as s:
        text = build_person_sheet(s, village.office(), rid).to_text()
    assert "Tanda bahaya" in text and "di bawah batas minimal 18 tahun" in text
    assert "diterima oleh Sekdes: Dirujuk ke P4MI" in text
