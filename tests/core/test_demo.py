"""Generated demo data is realistic: valid NIKs matching birth date and sex, every state."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from app.core import reference
from app.core.demo import add_demo_data
from app.core.models import Case, ContactLog, Episode, FamilyLink, Resident
from app.core.rules.nik import nik_birth_date, nik_sex, validate_nik

TODAY = date(2026, 6, 1)


def test_demo_data_is_valid_and_covers_every_state(village) -> None:
    office = village.office()
    summary = add_demo_data(village.db, office, 900, seed=11, today=TODAY)
    assert summary.residents == 900
    with village.db.session() as s:
        people = s.scalars(select(Resident)).all()
        assert len(people) == 900
        niks = [p.nik for p in people if p.nik]
        assert len(niks) == len(set(niks)) > 550
        for p in people:
            if p.nik:
                errors = [i for i in validate_nik(p.nik, birth_date=p.birth_date, sex=p.sex,
                                                  is_known_province=reference.is_known_province,
                                                  today=TODAY) if i.is_error]
                assert errors == [], (p.nik, errors)
                assert nik_birth_date(p.nik, TODAY) == p.birth_date
                assert nik_sex(p.nik) == p.sex
            assert p.dusun and p.rt and p.rw and p.no_kk
        states = set(s.scalars(select(Episode.state)))
        assert states == {"terdaftar", "terverifikasi", "berangkat", "pulang", "batal",
                          "gagal_berangkat", "dicegah", "dalam_proses", "cuti"}
        statuses = set(s.scalars(select(Resident.migrant_status)))
        assert statuses == {"bukan", "calon_pmi", "pmi", "purna_pmi"}
        procedures = set(s.scalars(select(Episode.procedure)))
        assert {"prosedural", "diduga_nonprosedural"} <= procedures
        for model in (Case, ContactLog, FamilyLink):
            assert s.scalar(select(func.count()).select_from(model)) > 0, model


def test_demo_data_is_plausible(village) -> None:
    """Issue 9 point 6: what a trainer shows must make sense."""
    import sqlite3

    from app.core.demo import SECTORS_BY_COUNTRY
    from app.core.rules.flags import age_on

    add_demo_data(village.db, village.office(), 900, seed=12, today=TODAY)
    con = sqlite3.connect(village.data_dir.db_path)
    try:
        rows = con.execute(
            "SELECT e.id, e.state, e.destination_country, e.sector, r.birth_date, "
            "e.registered_on, e.verified_on, e.departed_on, e.returned_on, "
            "(SELECT count(*) FROM episode_flag f WHERE f.episode_id = e.id AND f.cleared = 0 "
            "AND f.code = 'under_age') FROM episode e JOIN resident r ON r.id = e.resident_id"
        ).fetchall()
        for eid, _state, country, sector, birth, reg, ver, dep, ret, under in rows:
            # sectors fit the country (no palm oil in Hong Kong), except the scam-route cases
            if country in SECTORS_BY_COUNTRY:
                assert sector in SECTORS_BY_COUNTRY[country] or (
                    country == "SA" and sector == "pekerja_rumah_tangga"), (country, sector)
            # consistent dates
            dates = [d for d in (reg, ver, dep, ret) if d]
            assert dates == sorted(dates), eid
            # 18 or older at departure, or the under-age red flag says so
            when = dep or reg
            if birth and when:
                old_enough = age_on(date.fromisoformat(birth), date.fromisoformat(when)) >= 18
                assert old_enough or under, eid
        assert any(under for *_, under in rows)  # a few deliberate cases exist
        # one open episode per person, and a later trip starts after the earlier return
        assert con.execute(
            "SELECT count(*) FROM (SELECT resident_id FROM episode WHERE state IN ('terdaftar',"
            " 'terverifikasi', 'dalam_proses', 'berangkat', 'cuti') GROUP BY resident_id "
            "HAVING count(*) > 1)").fetchone() == (0,)
        assert con.execute(
            "SELECT count(*) FROM episode a JOIN episode b ON a.resident_id = b.resident_id "
            "AND a.id != b.id WHERE a.state = 'pulang' AND coalesce(b.registered_on, "
            "b.departed_on) BETWEEN a.departed_on AND a.returned_on").fetchone() == (0,)
        # news and cases come after the departure
        assert con.execute(
            "SELECT count(*) FROM contact_log c JOIN episode e ON e.id = c.episode_id "
            "WHERE c.contacted_on < e.departed_on").fetchone() == (0,)
        assert con.execute(
            "SELECT count(*) FROM case_file c JOIN episode e ON e.id = c.episode_id "
            "WHERE c.reported_on < e.departed_on").fetchone() == (0,)
        # a closed case has a follow-up that closed it
        assert con.execute(
            "SELECT count(*) FROM case_file c WHERE c.status = 'selesai' AND NOT EXISTS "
            "(SELECT 1 FROM case_follow_up f WHERE f.case_id = c.id AND f.status_after = "
            "'selesai')").fetchone() == (0,)
        # children left behind are the migrant's own (a head's or spouse's), never siblings
        assert con.execute(
            "SELECT count(*) FROM family_link f JOIN resident m ON m.id = f.resident_id "
            "WHERE f.relation = 'anak' AND m.shdk = 'anak'").fetchone() == (0,)
    finally:
        con.close()


def test_demo_is_deterministic_with_seed_and_adds(village, hub) -> None:
    office = village.office()
    add_demo_data(village.db, office, 50, seed=5, today=TODAY)
    with village.db.session() as s:
        first = sorted(s.scalars(select(Resident.name)))
    # same seed, another folder
    from app.core.workspace import Office

    add_demo_data(hub.db, Office("desa", office.code, office.name, "x"), 50, seed=5, today=TODAY)
    with hub.db.session() as s:
        assert sorted(s.scalars(select(Resident.name))) == first
    add_demo_data(village.db, office, 20, seed=6, today=TODAY)
    with village.db.session() as s:
        assert s.scalar(select(func.count()).select_from(Resident)) == 70


def test_demo_news_uses_the_dialogs_words(village) -> None:
    """Demo news from abroad reads like what a clerk records with the news dialog ("Telepon",
    "Baik"), not like codes ("telepon", "baik"; issue 14)."""
    add_demo_data(village.db, village.office(), 300, seed=11, today=TODAY)
    with village.db.session() as s:
        rows = s.execute(select(ContactLog.channel, ContactLog.condition)).all()
    assert rows
    assert {c for c, _ in rows} <= {"WhatsApp", "Telepon", "Keluarga"}
    assert {k for _, k in rows} <= {"Baik", "Bermasalah"}
