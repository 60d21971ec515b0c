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
    summary = add_demo_data(village.db, office, 600, seed=11, today=TODAY)
    assert summary.residents == 600
    with village.db.session() as s:
        people = s.scalars(select(Resident)).all()
        assert len(people) == 600
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
                          "gagal_berangkat"}
        statuses = set(s.scalars(select(Resident.migrant_status)))
        assert statuses == {"bukan", "calon_pmi", "pmi", "purna_pmi"}
        procedures = set(s.scalars(select(Episode.procedure)))
        assert {"prosedural", "diduga_nonprosedural"} <= procedures
        for model in (Case, ContactLog, FamilyLink):
            assert s.scalar(select(func.count()).select_from(model)) > 0, model


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
