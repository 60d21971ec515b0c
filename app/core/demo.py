"""Realistic generated village data for demos, training, screenshots and benchmarks.

Families share a No. KK; every NIK is valid and matches its holder's birth date and sex; the
addresses use dusun/RW/RT; some adults have migration episodes in every state (including
departures learned of later and suspected non-procedural ones), with contact news, cases,
family left behind and information sessions. Runs add data, never replace it.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core import reference
from app.core.db import Database, get_setting, set_setting
from app.core.models import (
    Activity,
    ActivityParticipant,
    Case,
    CaseFollowUp,
    ContactLog,
    Episode,
    EpisodeState,
    FamilyLink,
    Procedure,
    Resident,
)
from app.core.rules.nik import generate_kk, generate_nik
from app.core.workspace import Office

DUSUN_NAMES = (
    "Krajan", "Sukamaju", "Sidomulyo", "Tegalrejo", "Karanganyar", "Margodadi", "Sumberejo",
    "Mekarsari", "Rejosari", "Sidorejo", "Banjarsari", "Wonosari",
)
# Destinations weighted roughly like BP2MI placement statistics.
COUNTRY_WEIGHTS = {"MY": 30, "TW": 25, "HK": 20, "SA": 6, "SG": 5, "KR": 5, "JP": 4,
                   "BN": 2, "AE": 1, "QA": 1, "PL": 1}
JOBS = {
    "pekerja_rumah_tangga": ("Pekerja rumah tangga", "Pengasuh anak"),
    "perawat_lansia": ("Perawat lansia",),
    "perkebunan": ("Pekerja kebun sawit",),
    "manufaktur": ("Operator pabrik", "Buruh pabrik elektronik"),
    "konstruksi": ("Tukang bangunan",),
    "perikanan_abk": ("Anak buah kapal",),
}
CHUNK = 250
PENDING_SETTING = "demo_pending"  # {"wanted": N, "before": residents before} while adding


@dataclass
class DemoSummary:
    residents: int = 0
    episodes: int = 0
    cases: int = 0
    activities: int = 0


def _pick_code(rng: random.Random, list_name: str, preferred: list[str]) -> str:
    codes = reference.active_codes(list_name)
    usable = [c for c in preferred if c in codes]
    return rng.choice(usable or codes)


class _Generator:
    def __init__(self, office: Office, seed: int | None, existing_niks: set[str],
                 today: date) -> None:
        from faker import Faker

        self.rng = random.Random(seed)
        self.fake = Faker("id_ID")
        self.fake.seed_instance(self.rng.randrange(2**31))
        self.office = office
        self.today = today
        parts = office.code.split(".")
        self.district = ".".join(parts[:3]) if len(parts) >= 3 else "18.07.01"
        regency = ".".join(self.district.split(".")[:2])
        self.other_districts = [c for c, _ in reference.children(regency)] or [self.district]
        n_dusun = self.rng.randint(3, 6)
        self.dusuns = self.rng.sample(DUSUN_NAMES, n_dusun)
        self.used_niks = existing_niks
        self.countries = [c for c in COUNTRY_WEIGHTS if c in reference.active_codes("countries")]

    # -- people -----------------------------------------------------------------------
    def _nik(self, birth: date, sex: str) -> str:
        region = self.district if self.rng.random() < 0.85 else self.rng.choice(
            self.other_districts)
        while True:
            nik = generate_nik(region, birth, sex, self.rng.randint(1, 9999))
            if nik not in self.used_niks:
                self.used_niks.add(nik)
                return nik

    def _birth(self, min_age: int, max_age: int) -> date:
        days = self.rng.randint(min_age * 365 + 1, max_age * 365 - 1)
        return self.today - timedelta(days=days)

    def _person(self, sex: str, birth: date, kk: str, shdk: str, home: dict[str, str],
                surname: str) -> Resident:
        first = (self.fake.first_name_male() if sex == "L" else self.fake.first_name_female())
        name = f"{first} {surname}".strip() if self.rng.random() < 0.6 else first
        adult = (self.today - birth).days > 17 * 365
        known_nik = self.rng.random() > 0.01
        return Resident(
            nik=self._nik(birth, sex) if known_nik else None,
            no_kk=kk,
            name=name,
            sex=sex,
            birth_place=self.fake.city_name() if self.rng.random() < 0.3 else "Lampung Timur",
            birth_date=birth,
            shdk=shdk,
            phone=("+628" if self.rng.random() < 0.2 else "08")
            + "".join(str(self.rng.randint(0, 9)) for _ in range(9)) if adult else "",
            education=_pick_code(self.rng, "education", ["sd", "sltp", "slta", "tidak_sekolah"]),
            marital_status=_pick_code(self.rng, "marital_status",
                                      ["kawin"] if shdk in ("kepala_keluarga", "istri")
                                      else ["belum_kawin"]),
            life_status="hidup",
            **home,
        )

    def family(self) -> list[Resident]:
        home = {
            "dusun": self.rng.choice(self.dusuns),
            "rw": f"{self.rng.randint(1, 6):03d}",
            "rt": f"{self.rng.randint(1, 12):03d}",
        }
        home["address"] = f"Dusun {home['dusun']} RT {home['rt']} RW {home['rw']}"
        surname = self.fake.last_name()
        head_birth = self._birth(22, 70)
        kk = generate_kk(self.district, self._birth(0, 15), self.rng.randint(1, 9999))
        head_sex = "L" if self.rng.random() < 0.85 else "P"
        members = [self._person(head_sex, head_birth, kk, "kepala_keluarga", home, surname)]
        if head_sex == "L" and self.rng.random() < 0.85:
            wife_birth = head_birth + timedelta(days=self.rng.randint(0, 8 * 365))
            if wife_birth < self.today - timedelta(days=18 * 365):
                members.append(self._person("P", wife_birth, kk, "istri", home, ""))
        youngest_parent = max(m.birth_date for m in members if m.birth_date)
        for _ in range(self.rng.choice((0, 1, 1, 2, 2, 3, 4))):
            start = max(youngest_parent + timedelta(days=18 * 365), self.today - timedelta(
                days=35 * 365))
            if start >= self.today:
                break
            birth = start + timedelta(days=self.rng.randint(0, (self.today - start).days))
            members.append(self._person(self.rng.choice("LP"), birth, kk, "anak", home, surname))
        for m in members:
            roll = self.rng.random()
            if roll < 0.015:
                m.life_status = "meninggal"
            elif roll < 0.04:
                m.life_status = "pindah"
        return members

    # -- migration ----------------------------------------------------------------------
    def _placement(self, ep: Episode) -> None:
        ep.destination_country = self.rng.choices(
            self.countries, weights=[COUNTRY_WEIGHTS[c] for c in self.countries])[0]
        sector = self.rng.choice(list(JOBS))
        codes = reference.active_codes("sectors")
        ep.sector = sector if sector in codes else self.rng.choice(codes)
        ep.job = self.rng.choice(JOBS.get(sector, ("Pekerja",)))
        ep.employer = self.fake.company() if self.rng.random() < 0.7 else ""
        ep.p3mi = f"PT {self.fake.last_name()} Jaya Mandiri" if self.rng.random() < 0.8 else ""
        ep.scheme = _pick_code(self.rng, "schemes",
                               ["p_to_p"] * 8 + ["g_to_g", "perseorangan", "ukps"])
        ep.procedure = (Procedure.PROSEDURAL if self.rng.random() < 0.8
                        else Procedure.DIDUGA_NONPROSEDURAL)

    def _date_between(self, start: date, end: date) -> date:
        if end <= start:
            return start
        return start + timedelta(days=self.rng.randint(0, (end - start).days))

    def episodes_for(self, r: Resident) -> list[Episode]:
        eps: list[Episode] = []
        if self.rng.random() < 0.7:
            r.passport_no = "".join(self.rng.choice("ABCEX")) + str(self.rng.randint(1000000,
                                                                                9999999))
            r.passport_expiry = self.today + timedelta(days=self.rng.randint(-400, 5 * 365))
        if self.rng.random() < 0.6:
            r.bpjs_tk_no = str(self.rng.randint(10**10, 10**11 - 1))
        state = self.rng.choices(
            ["terdaftar", "terverifikasi", "berangkat", "pulang", "batal", "gagal_berangkat",
             "late"], weights=[8, 6, 40, 25, 5, 4, 12])[0]
        docs = reference.active_codes("documents")
        if state == "pulang" or (state == "berangkat" and self.rng.random() < 0.25):
            # an earlier trip, long finished
            old = Episode(resident_id=r.id, state=EpisodeState.PULANG)
            self._placement(old)
            # half of the returnees came back within the last two years
            recent = self.rng.random() < 0.5
            old.departed_on = self._date_between(
                self.today - timedelta(days=(5 if recent else 12) * 365),
                self.today - timedelta(days=(2 if recent else 5) * 365))
            old.registered_on = old.departed_on - timedelta(days=self.rng.randint(30, 120))
            old.returned_on = min(self.today - timedelta(days=self.rng.randint(1, 60)),
                                  old.departed_on + timedelta(days=self.rng.randint(365,
                                                                                   3 * 365)))
            old.return_reason = _pick_code(self.rng, "return_reasons",
                                           ["habis_kontrak"] * 6 + ["ingin_pulang", "sakit",
                                                                    "deportasi", "phk"])
            eps.append(old)
            if state == "pulang":
                return eps
        ep = Episode(resident_id=r.id)
        self._placement(ep)
        if state == "late":
            ep.state = EpisodeState.BERANGKAT
            ep.procedure = Procedure.DIDUGA_NONPROSEDURAL
            ep.scheme = ""
            ep.p3mi = ""
            ep.departed_on = self._date_between(self.today - timedelta(days=3 * 365),
                                                self.today - timedelta(days=30))
            ep.notes = "Diketahui dari keluarga setelah berangkat."
            eps.append(ep)
            return eps
        # someone abroad registered at least ~5 months ago, so departures do not pile up on
        # today's date
        latest = 160 if state == "berangkat" else 10
        ep.registered_on = self._date_between(self.today - timedelta(days=4 * 365),
                                              self.today - timedelta(days=latest))
        ep.documents = ",".join(self.rng.sample(docs, self.rng.randint(2, min(8, len(docs)))))
        if self.rng.random() < 0.85:
            ep.consent_name = self.fake.name()
            ep.consent_relation = _pick_code(self.rng, "relations", ["suami", "istri", "ayah",
                                                                     "ibu"])
        ep.state = EpisodeState(state)
        if state in ("terverifikasi", "berangkat", "gagal_berangkat"):
            ep.verified_on = min(self.today, ep.registered_on + timedelta(
                days=self.rng.randint(3, 30)))
        if state == "berangkat":
            ep.departed_on = min(self.today, (ep.verified_on or ep.registered_on) + timedelta(
                days=self.rng.randint(20, 120)))
            ep.contract_start = ep.departed_on
            ep.contract_end = ep.departed_on + timedelta(days=2 * 365)
            ep.expected_return = ep.contract_end + timedelta(days=self.rng.randint(0, 30))
            ep.lapor_diri = self.rng.random() < 0.6
        if state in ("batal", "gagal_berangkat"):
            ep.ended_on = min(self.today, ep.registered_on + timedelta(
                days=self.rng.randint(10, 90)))
            ep.end_reason = self.rng.choice(("Tidak lolos medical check-up",
                                             "Keluarga tidak mengizinkan",
                                             "Dokumen tidak lengkap", "Berubah pikiran"))
        eps.append(ep)
        return eps


def add_demo_data(db: Database, office: Office, residents: int, *,
                  seed: int | None = None, today: date | None = None) -> DemoSummary:
    """Add about ``residents`` generated residents (whole families) to the village database."""
    today = today or date.today()
    with db.session() as s:
        existing = set(s.scalars(select(Resident.nik).where(Resident.nik.is_not(None))))
    gen = _Generator(office, seed, existing, today)
    summary = DemoSummary()
    operator = office.operator or "demo"
    pmis: list[Resident] = []
    with db.session() as s:
        before = s.scalar(select(func.count()).select_from(Resident)) or 0
    while summary.residents < residents:
        with db.unit_of_work(operator) as s:
            if summary.residents == 0:
                # cleared by the last unit below: a cut in between is reported at next start
                set_setting(s, PENDING_SETTING, json.dumps({"wanted": residents,
                                                             "before": int(before)}))
            batch = 0
            while batch < CHUNK and summary.residents < residents:
                fam = gen.family()[: residents - summary.residents]
                s.add_all(fam)
                s.flush()
                batch += len(fam)
                summary.residents += len(fam)
                for person in fam:
                    adult_age = (today - (person.birth_date or today)).days / 365
                    if 18 <= adult_age <= 55 and person.life_status == "hidup" and (
                            gen.rng.random() < 0.22):
                        eps = gen.episodes_for(person)
                        s.add_all(eps)
                        summary.episodes += len(eps)
                        s.flush()
                        _aftermath(gen, s, person, eps, fam, summary)
                        pmis.append(person)
    with db.unit_of_work(operator) as s:
        for _ in range(max(1, residents // 500)):
            act = Activity(kind=_pick_code(gen.rng, "activity_kinds", ["sosialisasi"]),
                           title=gen.rng.choice(("Sosialisasi migrasi aman",
                                                 "Pelatihan usaha purna PMI",
                                                 "Sosialisasi bahaya TPPO",
                                                 "Pelatihan literasi keuangan keluarga PMI")),
                           held_on=today - timedelta(days=gen.rng.randint(10, 700)),
                           place="Balai Desa", organizer="Pemerintah Desa")
            s.add(act)
            s.flush()
            for person in gen.rng.sample(pmis, min(len(pmis), gen.rng.randint(5, 25))):
                s.add(ActivityParticipant(activity_id=act.id, resident_id=person.id,
                                          name=person.name))
            summary.activities += 1
        set_setting(s, PENDING_SETTING, "")
    return summary


def report_unfinished_demo(db: Database) -> bool:
    """At start: say so when an earlier demo run was cut short (and forget it). True if so."""
    with db.session() as s:
        raw = get_setting(s, PENDING_SETTING, "")
        if not raw:
            return False
        count = s.scalar(select(func.count()).select_from(Resident)) or 0
    try:
        info = json.loads(raw)
        wanted, before = int(info["wanted"]), int(info["before"])
    except (ValueError, KeyError, TypeError):
        wanted, before = 0, 0
    from app.core.recovery import notify

    notify("recovery.demo_incomplete", added=max(0, count - before), wanted=wanted)
    with db.sessions.begin() as s:
        set_setting(s, PENDING_SETTING, "")
    return True


def _aftermath(gen: _Generator, s: Session, person: Resident, eps: list[Episode],
               family: list[Resident], summary: DemoSummary) -> None:
    """Contact news, cases and the family left behind for a resident's episodes."""

    current = eps[-1]
    if current.state == EpisodeState.BERANGKAT:
        months_ago = gen.rng.choice((0, 1, 1, 2, 3, 5, 8, 14))
        s.add(ContactLog(resident_id=person.id, episode_id=current.id,
                         contacted_on=gen.today - timedelta(days=30 * months_ago + 1),
                         channel=gen.rng.choice(("WhatsApp", "telepon", "keluarga")),
                         condition=gen.rng.choice(("baik", "baik", "baik", "bermasalah")),
                         news=gen.rng.choice(("Sehat, kerja lancar.", "Gaji sudah dikirim.",
                                              "Mengeluh jam kerja panjang.",
                                              "Belum bisa dihubungi beberapa minggu."))))
        for child in family:
            if child.shdk == "anak" and child is not person and child.birth_date and (
                    gen.today - child.birth_date).days < 18 * 365:
                s.add(FamilyLink(resident_id=person.id, member_id=child.id,
                                 member_name=child.name, member_birth_date=child.birth_date,
                                 relation="anak"))
        if gen.rng.random() < 0.12:
            case = Case(resident_id=person.id, episode_id=current.id,
                        case_type=_pick_code(gen.rng, "case_types",
                                             ["gaji_tidak_dibayar", "hilang_kontak",
                                              "ingin_pulang", "penahanan_dokumen", "sakit"]),
                        reporter=gen.fake.name(),
                        reported_on=gen.today - timedelta(days=gen.rng.randint(1, 300)),
                        chronology="Keluarga melapor ke kantor desa.",
                        referral=_pick_code(gen.rng, "referrals", ["p4mi", "bp3mi"]),
                        status=gen.rng.choice(("baru", "diproses", "selesai")))
            if case.status == "selesai":
                case.closed_on = min(gen.today, case.reported_on + timedelta(days=30))
            s.add(case)
            s.flush()
            s.add(CaseFollowUp(case_id=case.id, noted_on=case.reported_on,
                               note="Laporan diteruskan ke P4MI.", status_after=case.status))
            summary.cases += 1
