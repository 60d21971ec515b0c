"""Services: validation, duplicate NIK, lifecycle, derived status, sync metadata, audit."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from app.core.errors import AppError, NeedsConfirmation, ValidationFailed
from app.core.models import AuditEntry, Case, Episode, Installation, Resident
from app.core.rules.nik import generate_nik
from app.core.services import audit, cases, community, episodes, residents
from app.core.services.episodes import Consent, Placement, Registration

SITI_NIK = generate_nik("18.07.01", date(1995, 4, 12), "P", 12)


def _siti(**kw: object) -> residents.ResidentInput:
    data = {"name": "Siti Aminah", "sex": "P", "nik": SITI_NIK, "birth_date": date(1995, 4, 12),
            "no_kk": "1807011506100003", "dusun": "Krajan", "rt": "002", "rw": "001",
            "passport_no": "C1234567", "passport_expiry": date.today() + timedelta(days=3000),
            "bpjs_tk_no": "12345678901"}
    data.update(kw)
    return residents.ResidentInput(**data)  # type: ignore[arg-type]


def _add(ws, data: residents.ResidentInput, accept: bool = False) -> str:
    with ws.db.unit_of_work("Operator Uji") as s:
        return residents.register_resident(s, data, accept_warnings=accept).id


def test_register_stamps_sync_metadata_and_audit(village) -> None:
    rid = _add(village, _siti())
    with village.db.session() as s:
        r = s.get(Resident, rid)
        inst = s.get(Installation, 1)
        assert r.nik == SITI_NIK and r.owner_office == "18.07.01.2001"
        assert r.origin_instance == inst.instance_id and r.origin_counter == inst.counter == 1
        assert r.version == 1 and r.updated_by == "Operator Uji" and not r.deleted
        assert len(r.id) == 32
        entry = s.scalars(select(AuditEntry).where(AuditEntry.entity_id == rid)).one()
        assert entry.action == "create" and entry.entity == "resident"
        assert json.loads(entry.changes)["name"] == [None, "Siti Aminah"]


def test_one_counter_per_unit_of_work(village) -> None:
    with village.db.unit_of_work("op") as s:
        a = residents.register_resident(s, _siti(), accept_warnings=True)
        b = residents.register_resident(s, residents.ResidentInput(name="Budi", sex="L"))
        ids = (a.id, b.id)
    with village.db.unit_of_work("op") as s:
        residents.update_resident(s, ids[0], _siti(phone="+6281234"), accept_warnings=True)
    with village.db.session() as s:
        ra, rb = s.get(Resident, ids[0]), s.get(Resident, ids[1])
        assert rb.origin_counter == 1 and ra.origin_counter == 2 and ra.version == 2
        assert s.get(Installation, 1).counter == 2


def test_update_audits_old_and_new_value(village) -> None:
    rid = _add(village, _siti())
    with village.db.unit_of_work("Kades") as s:
        residents.update_resident(s, rid, _siti(dusun="Sukamaju"))
    with village.db.session() as s:
        lines = audit.history(s, rid)
    assert [line.action for line in lines] == ["create", "update"]
    assert lines[1].changes == {"dusun": ["Krajan", "Sukamaju"]}
    assert lines[1].operator == "Kades"


def test_impossible_nik_blocks_and_changes_nothing(village) -> None:
    with pytest.raises(ValidationFailed) as err:
        _add(village, _siti(nik="1807011313950012"))  # month 13
    assert "nik.bad_month" in {i.code for i in err.value.errors}
    with village.db.session() as s:
        assert s.scalar(select(func.count()).select_from(Resident)) == 0
        assert s.scalar(select(func.count()).select_from(AuditEntry)) == 0


def test_nik_birth_date_mismatch_is_a_warning_needing_confirmation(village) -> None:
    data = _siti(birth_date=date(1996, 4, 12))
    with pytest.raises(NeedsConfirmation) as err:
        _add(village, data)
    assert {i.code for i in err.value.issues} == {"nik.birth_date_mismatch"}
    rid = _add(village, data, accept=True)
    assert rid


def test_duplicate_nik_is_never_saved_silently(village) -> None:
    first = _add(village, _siti())
    with pytest.raises(ValidationFailed) as err:
        _add(village, _siti(name="Siti A."), accept=True)
    dup = [i for i in err.value.errors if i.code == "resident.nik_duplicate"]
    assert dup and dup[0].params["resident_id"] == first
    # after the first is deleted, the NIK may be recorded again
    with village.db.unit_of_work("op") as s:
        residents.delete_resident(s, first)
    assert _add(village, _siti(name="Siti A."))


def test_unknown_nik_allowed_and_bad_fields_refused(village) -> None:
    assert _add(village, residents.ResidentInput(name="Tanpa NIK", sex="L"))
    with pytest.raises(ValidationFailed) as err:
        _add(village, residents.ResidentInput(name=" ", sex="X", rt="12345", shdk="raja"))
    codes = {(i.code, i.field) for i in err.value.errors}
    assert {("required", "name"), ("resident.sex_invalid", "sex"),
            ("resident.rt_rw_invalid", "rt"), ("code.unknown", "shdk")} <= codes


def test_soft_delete_keeps_tombstone(village) -> None:
    rid = _add(village, _siti())
    with village.db.unit_of_work("op") as s:
        residents.delete_resident(s, rid)
    with village.db.session() as s:
        r = s.get(Resident, rid)
        assert r.deleted and r.version == 2
        assert audit.history(s, rid)[-1].action == "delete"
    with village.db.unit_of_work("op") as s, pytest.raises(AppError) as err:
        residents.update_resident(s, rid, _siti())
    assert err.value.code == "record.deleted"


def _status(ws, rid: str) -> str:
    with ws.db.session() as s:
        return s.get(Resident, rid).migrant_status


def test_full_lifecycle_and_derived_status(village) -> None:
    rid = _add(village, _siti())
    assert _status(village, rid) == "bukan"
    today = date.today()
    with village.db.unit_of_work("op") as s:
        ep = episodes.register_cpmi(
            s, rid,
            Registration(today - timedelta(days=60), Placement(destination_country="TW"),
                         Consent("Ahmad", "", "suami"), ["ktp", "kk", "paspor"]),
        )
        epid = ep.id
    assert _status(village, rid) == "calon_pmi"
    with village.db.unit_of_work("op") as s:
        episodes.verify(s, epid, today - timedelta(days=50))
    placement = Placement(destination_country="TW", sector="perawat_lansia", scheme="p_to_p",
                          procedure="prosedural", contract_start=today - timedelta(days=30),
                          contract_end=today + timedelta(days=700))
    with village.db.unit_of_work("op") as s:
        episodes.record_departure(s, epid, today - timedelta(days=30), placement,
                                  accept_warnings=True, accept_reason="Dokumen menyusul")
    assert _status(village, rid) == "pmi"
    with village.db.unit_of_work("op") as s:
        episodes.add_contact(s, rid, today, "Sehat")
        episodes.record_return(s, epid, today, "habis_kontrak")
    assert _status(village, rid) == "purna_pmi"
    # a person can leave again
    with village.db.unit_of_work("op") as s:
        ep2 = episodes.register_cpmi(s, rid, Registration(today))
        episodes.end_before_departure(s, ep2.id, today, "Berubah pikiran", failed=False)
    assert _status(village, rid) == "purna_pmi"  # a cancelled try does not erase the past
    with village.db.session() as s:
        states = sorted(e.state for e in s.scalars(select(Episode)))
    assert states == ["batal", "pulang"]


def test_red_flags_need_confirmation_and_a_reason_before_departure(village) -> None:
    young = date.today() - timedelta(days=17 * 365)
    rid = _add(village, residents.ResidentInput(name="Rina", sex="P", birth_date=young))
    with village.db.unit_of_work("op") as s:
        epid = episodes.register_cpmi(s, rid, Registration(date.today())).id
    placement = Placement(destination_country="KR", scheme="perseorangan",
                          contract_end=date.today() + timedelta(days=700))
    with pytest.raises(NeedsConfirmation) as err:
        with village.db.unit_of_work("op") as s:
            episodes.record_departure(s, epid, date.today(), placement)
    codes = {i.code for i in err.value.issues}
    assert {"flag.under_age", "flag.perseorangan_refused", "flag.no_consent", "flag.no_bpjs",
            "flag.no_passport", "flag.not_verified", "flag.no_visa"} <= codes
    assert _status(village, rid) == "calon_pmi"  # nothing changed
    with pytest.raises(ValidationFailed) as err2, village.db.unit_of_work("op") as s:
        episodes.record_departure(s, epid, date.today(), placement, accept_warnings=True)
    assert err2.value.errors[0].code == "flag.reason_required"
    assert _status(village, rid) == "calon_pmi"
    with village.db.unit_of_work("Bu Sekdes") as s:
        episodes.record_departure(s, epid, date.today(), placement, accept_warnings=True,
                                  accept_reason="Keluarga bersikeras, dilaporkan ke P4MI")
    assert _status(village, rid) == "pmi"
    from app.core.models import EpisodeFlag

    with village.db.session() as s:
        rows = {f.code: f for f in s.scalars(select(EpisodeFlag))}
    assert {c.removeprefix("flag.") for c in codes} <= set(rows)
    under = rows["under_age"]
    assert under.accepted and under.accepted_by == "Bu Sekdes"
    assert under.accepted_reason == "Keluarga bersikeras, dilaporkan ke P4MI"
    assert under.seen_by == "op" and under.step == "daftar"  # seen first at registration


def test_passport_expiring_before_contract_end_is_flagged(village) -> None:
    rid = _add(village, _siti(passport_expiry=date.today() + timedelta(days=100)))
    with village.db.unit_of_work("op") as s:
        epid = episodes.register_cpmi(s, rid, Registration(date.today())).id
    with pytest.raises(NeedsConfirmation) as err, village.db.unit_of_work("op") as s:
        episodes.record_departure(s, epid, date.today(), Placement(
            contract_end=date.today() + timedelta(days=700)))
    assert "flag.passport_expires" in {i.code for i in err.value.issues}


def test_episode_can_start_at_departure_or_return(village) -> None:
    a = _add(village, residents.ResidentInput(name="Joko", sex="L"))
    b = _add(village, residents.ResidentInput(name="Wati", sex="P"))
    with village.db.unit_of_work("op") as s:
        episodes.record_late_departure(s, a, None, Placement(
            destination_country="MY", procedure="diduga_nonprosedural"))
        episodes.record_past_return(s, b, date(2020, 5, 1), "deportasi",
                                    Placement(destination_country="SA"))
    assert _status(village, a) == "pmi" and _status(village, b) == "purna_pmi"


def test_no_second_open_episode_and_no_illegal_transition(village) -> None:
    rid = _add(village, residents.ResidentInput(name="Joko", sex="L"))
    with village.db.unit_of_work("op") as s:
        epid = episodes.register_cpmi(s, rid, Registration(date.today())).id
    with pytest.raises(ValidationFailed) as err, village.db.unit_of_work("op") as s:
        episodes.register_cpmi(s, rid, Registration(date.today()))
    assert err.value.errors[0].code == "episode.open_exists"
    with pytest.raises(ValidationFailed) as err, village.db.unit_of_work("op") as s:
        episodes.record_return(s, epid, date.today(), "habis_kontrak")
    assert err.value.errors[0].code == "episode.bad_transition"


def test_dates_must_be_in_order_and_not_future(village) -> None:
    rid = _add(village, residents.ResidentInput(name="Joko", sex="L"))
    with pytest.raises(ValidationFailed) as err, village.db.unit_of_work("op") as s:
        episodes.register_cpmi(s, rid, Registration(date.today() + timedelta(days=3)))
    assert err.value.errors[0].code == "episode.date_future"
    with village.db.unit_of_work("op") as s:
        epid = episodes.register_cpmi(s, rid, Registration(date.today())).id
    with pytest.raises(ValidationFailed) as err, village.db.unit_of_work("op") as s:
        episodes.verify(s, epid, date.today() - timedelta(days=5))
    assert err.value.errors[0].code == "episode.date_order"


def test_case_follow_up_and_close(village) -> None:
    rid = _add(village, _siti())
    with village.db.unit_of_work("op") as s:
        case = cases.open_case(s, rid, cases.CaseInput("gaji_tidak_dibayar", date.today(),
                                                        reporter="Ahmad"))
        cid = case.id
    with village.db.unit_of_work("op") as s:
        cases.add_follow_up(s, cid, date.today(), "Dirujuk ke P4MI", referral="p4mi")
    with village.db.session() as s:
        c = s.get(Case, cid)
        assert c.status == "diproses" and c.referral == "p4mi" and c.sensitive
    with village.db.unit_of_work("op") as s:
        cases.close_case(s, cid, date.today(), "Gaji sudah dibayar")
    with pytest.raises(AppError) as err, village.db.unit_of_work("op") as s:
        cases.add_follow_up(s, cid, date.today(), "lagi")
    assert err.value.code == "case.already_closed"
    with village.db.session() as s:
        c = s.get(Case, cid)
        assert c.status == "selesai" and c.closed_on == date.today()
        assert [f.status_after for f in c.follow_ups] == ["diproses", "selesai"]


def test_case_refuses_unknown_type(village) -> None:
    rid = _add(village, _siti())
    with pytest.raises(ValidationFailed) as err, village.db.unit_of_work("op") as s:
        cases.open_case(s, rid, cases.CaseInput("alien", date.today()))
    assert err.value.errors[0].code == "code.unknown"


def test_family_and_activity(village) -> None:
    mother = _add(village, _siti())
    child = _add(village, residents.ResidentInput(name="Dimas", sex="L"))
    with village.db.unit_of_work("op") as s:
        link = community.link_family_member(s, mother, "anak", member_id=child)
        act = community.create_activity(s, community.ActivityInput(
            "sosialisasi", "Migrasi aman", date.today()))
        community.add_participant(s, act.id, resident_id=mother)
        community.add_participant(s, act.id, name="Tamu dari kecamatan")
        assert link.member_name == "Dimas"
    with village.db.session() as s:
        from app.core.models import Activity

        a = s.scalars(select(Activity)).one()
        assert sorted(p.name for p in a.participants) == ["Siti Aminah", "Tamu dari kecamatan"]


def test_failed_unit_of_work_rolls_back_everything(village) -> None:
    with pytest.raises(ValidationFailed), village.db.unit_of_work("op") as s:
        residents.register_resident(s, residents.ResidentInput(name="Ada", sex="L"))
        residents.register_resident(s, residents.ResidentInput(name="", sex="L"))
    with village.db.session() as s:
        assert s.scalar(select(func.count()).select_from(Resident)) == 0
        assert s.get(Installation, 1).counter == 0


def test_delete_purges_personal_values_everywhere_but_keeps_the_fact(village) -> None:
    rid = _add(village, _siti())
    with village.db.unit_of_work("op") as s:
        epid = episodes.register_cpmi(s, rid, Registration(
            date.today(), consent=Consent("Ahmad Suami", "", "suami"))).id
        case = cases.open_case(s, rid, cases.CaseInput("sakit", date.today(),
                                                        chronology="Sakit keras di Taipei"))
        cases.add_follow_up(s, case.id, date.today(), "Siti dirawat")
        mother = residents.register_resident(s, residents.ResidentInput(name="Ibu Lain",
                                                                        sex="P"))
        community.link_family_member(s, mother.id, "anak", member_id=rid)
        act = community.create_activity(s, community.ActivityInput(
            "sosialisasi", "Migrasi aman", date.today()))
        community.add_participant(s, act.id, resident_id=rid)
    with village.db.unit_of_work("Kades") as s:
        residents.delete_resident(s, rid)
    with village.db.session() as s:
        r = s.get(Resident, rid)
        assert r.deleted and r.nik is None and r.name == "(dihapus)"
        assert s.get(Episode, epid).deleted and s.get(Episode, epid).consent_name == ""
        from app.core.models import ActivityParticipant, FamilyLink

        live_names = [x.member_name for x in s.scalars(select(FamilyLink).where(
            FamilyLink.deleted.is_(False)))] + [p.name for p in s.scalars(
                select(ActivityParticipant).where(ActivityParticipant.deleted.is_(False)))]
        assert not any("Siti" in n for n in live_names)
        dump = " ".join(e.changes for e in s.scalars(select(AuditEntry)))
        for secret in (SITI_NIK, "Siti", "Ahmad Suami", "Taipei", "dirawat"):
            assert secret not in dump
        last = audit.history(s, rid)[-1]
        assert last.action == "delete" and last.operator == "Kades"


def test_log_files_never_hold_a_full_nik(tmp_path) -> None:
    import logging

    from app.core.logging_setup import setup_logging

    setup_logging(tmp_path)
    logging.getLogger("uji").info("impor NIK %s dari desa", SITI_NIK)
    try:
        raise ValueError(f"NIK {SITI_NIK} ganda")
    except ValueError:
        logging.getLogger("uji").exception("gagal")
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = (tmp_path / "buku_migran.log").read_text(encoding="utf-8")
    assert "impor NIK" in text and "ganda" in text
    assert SITI_NIK not in text
    setup_logging(None)
