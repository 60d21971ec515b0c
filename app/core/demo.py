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
from datetime import date, datetime, timedelta
from typing import Any, cast

from sqlalchemy import Table, func, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.schema import ScalarElementColumnDefault

from app.core import reference
from app.core.db import Database, get_setting, recompute_statuses, set_setting
from app.core.models import (
    SYNCED_MODELS,
    Activity,
    ActivityParticipant,
    AuditEntry,
    Case,
    CaseFollowUp,
    ContactLog,
    Episode,
    EpisodeState,
    FamilyLink,
    Procedure,
    Resident,
    SyncMixin,
    new_uuid,
    utcnow,
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
# Sectors that fit each destination (no palm oil in Hong Kong), most common first.
SECTORS_BY_COUNTRY = {
    "MY": ("perkebunan", "manufaktur", "pekerja_rumah_tangga", "konstruksi"),
    "TW": ("perawat_lansia", "manufaktur", "pekerja_rumah_tangga", "perikanan_abk"),
    "HK": ("pekerja_rumah_tangga", "perawat_lansia"),
    "SA": ("perhotelan", "kesehatan", "konstruksi"),
    "SG": ("pekerja_rumah_tangga", "manufaktur"),
    "KR": ("manufaktur", "perikanan_abk"),
    "JP": ("perawat_lansia", "manufaktur", "pertanian"),
    "BN": ("perkebunan", "konstruksi"),
    "AE": ("perhotelan", "konstruksi"),
    "QA": ("konstruksi", "perhotelan"),
    "PL": ("manufaktur",),
}
JOBS = {
    "pekerja_rumah_tangga": ("Pekerja rumah tangga", "Pengasuh anak"),
    "perawat_lansia": ("Perawat lansia",),
    "perkebunan": ("Pekerja kebun sawit",),
    "manufaktur": ("Operator pabrik", "Buruh pabrik elektronik"),
    "konstruksi": ("Tukang bangunan",),
    "perikanan_abk": ("Anak buah kapal",),
    "perhotelan": ("Pramukamar hotel", "Staf dapur hotel"),
    "kesehatan": ("Perawat rumah sakit",),
    "pertanian": ("Pekerja pertanian",),
}
LICENSED_P3MI = ("PT Sumber Jaya Mandiri", "PT Andalan Jaya Mandiri",
                 "PT Bina Karya Jaya Mandiri", "PT Lintas Samudra Jaya Mandiri",
                 "PT Mitra Sejahtera Jaya Mandiri", "PT Harapan Jaya Mandiri")
"""Names that are in the shipped example list of licensed P3MI (resources/reference)."""
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
            id=new_uuid(),
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
    def _placement(self, ep: Episode, *, procedural: bool = True) -> None:
        ep.destination_country = self.rng.choices(
            self.countries, weights=[COUNTRY_WEIGHTS[c] for c in self.countries])[0]
        codes = set(reference.active_codes("sectors"))
        fits = [c for c in SECTORS_BY_COUNTRY.get(ep.destination_country, ("manufaktur",))
                if c in codes] or ["lainnya"]
        ep.sector = fits[0] if self.rng.random() < 0.5 else self.rng.choice(fits)
        ep.job = self.rng.choice(JOBS.get(ep.sector, ("Pekerja",)))
        ep.employer = self.fake.company() if self.rng.random() < 0.7 else ""
        if ep.destination_country == "KR":
            ep.scheme, ep.p3mi = "g_to_g", "BP2MI"
        elif procedural:
            ep.scheme = "p_to_p"
            ep.p3mi = self.rng.choice(LICENSED_P3MI)
        else:
            ep.scheme, ep.p3mi = "", ""
        ep.procedure = Procedure.PROSEDURAL if procedural else Procedure.DIDUGA_NONPROSEDURAL

    def _papers(self, r: Resident, ep: Episode, departed: bool) -> None:
        """Documents and the clerk fields a procedural departure has."""
        docs = ["ktp", "kk", "akta_lahir", "izin_keluarga", "surat_sehat", "ak1"]
        if departed:
            docs += ["paspor", "visa_kerja", "perjanjian_kerja", "perjanjian_penempatan",
                     "bpjs_tk", "e_pmi"]
            ep.visa_type = "kerja"
            ep.visa_no = f"V{self.rng.randint(10**7, 10**8 - 1)}"
            ep.pk_no = f"PK/{ep.departed_on.year if ep.departed_on else 2025}/" \
                       f"{self.rng.randint(1, 9999):04d}"
            ep.epmi_no = f"E-PMI {self.rng.randint(10**9, 10**10 - 1)}"
            ep.wage = self.rng.choice(("RM 1.500/bulan", "NT$ 27.470/bulan", "HK$ 4.990/bulan",
                                       "SGD 700/bulan", "KRW 2.060.740/bulan"))
            ep.bpjs_status = "aktif"
            ep.phone_abroad = "+" + "".join(str(self.rng.randint(0, 9)) for _ in range(11))
            if not r.passport_no:
                r.passport_no = "X" + str(self.rng.randint(1000000, 9999999))
            if not r.bpjs_tk_no:
                r.bpjs_tk_no = str(self.rng.randint(10**10, 10**11 - 1))
            if ep.departed_on and (r.passport_expiry is None
                                   or r.passport_expiry < ep.departed_on + timedelta(days=800)):
                r.passport_expiry = ep.departed_on + timedelta(days=5 * 365)
        keep = self.rng.random() < 0.9  # a few incomplete checklists stay, and get flagged
        ep.documents = ",".join(docs if keep else docs[:3])
        ep.heir_name = self.fake.name()
        ep.heir_relation = "suami" if r.sex == "P" and r.marital_status == "kawin" else (
            "istri" if r.marital_status == "kawin" else "ibu")
        if self.rng.random() < 0.9:
            ep.consent_name = self.fake.name()
            ep.consent_relation = ep.heir_relation if ep.heir_relation in ("suami", "istri") \
                else self.rng.choice(("ayah", "ibu"))

    def _date_between(self, start: date, end: date) -> date:
        if end <= start:
            return start
        return start + timedelta(days=self.rng.randint(0, (end - start).days))

    def prevented_minor(self, r: Resident) -> list[Episode]:
        """A 17-year-old offered work abroad: registered, flagged, prevented by the village."""
        ep = Episode(id=new_uuid(), resident_id=r.id, state=EpisodeState.DICEGAH)
        self._placement(ep)
        ep.registered_on = self.today - timedelta(days=self.rng.randint(20, 200))
        if r.birth_date and ep.registered_on < _add_years(r.birth_date, 17):
            ep.registered_on = _add_years(r.birth_date, 17)
        self._papers(r, ep, False)
        ep.ended_on = min(self.today, ep.registered_on + timedelta(days=self.rng.randint(1, 14)))
        ep.end_reason = "Masih di bawah umur; keluarga diberi penjelasan Pasal 5 UU 18/2017"
        return [ep]

    def episodes_for(self, r: Resident) -> list[Episode]:
        """Episodes of one adult, in date order; only the last may be open. Departures are at
        18 or older, except a few deliberate red-flag cases (under age, closed destination,
        scam route) that the village then prevents or records."""
        eps: list[Episode] = []
        if self.rng.random() < 0.5:
            r.passport_no = "".join(self.rng.choice("ABCEX")) + str(self.rng.randint(1000000,
                                                                                9999999))
            r.passport_expiry = self.today + timedelta(days=self.rng.randint(-400, 5 * 365))
        if self.rng.random() < 0.4:
            r.bpjs_tk_no = str(self.rng.randint(10**10, 10**11 - 1))
        adult_on = _add_years(r.birth_date, 18) if r.birth_date else self.today
        state = self.rng.choices(
            ["terdaftar", "terverifikasi", "dalam_proses", "berangkat", "cuti", "pulang",
             "batal", "gagal_berangkat", "dicegah", "late"],
            weights=[7, 5, 5, 35, 4, 25, 4, 3, 3, 9])[0]
        free_from = adult_on  # the next episode starts after this date
        if state == "pulang" or (state in ("berangkat", "late") and self.rng.random() < 0.25):
            # an earlier trip, finished
            old = Episode(id=new_uuid(), resident_id=r.id, state=EpisodeState.PULANG)
            self._placement(old)
            recent = self.rng.random() < 0.5
            old.departed_on = self._date_between(
                max(adult_on + timedelta(days=120),
                    self.today - timedelta(days=(5 if recent else 12) * 365)),
                self.today - timedelta(days=(2 if recent else 5) * 365))
            if old.departed_on >= self.today - timedelta(days=400):
                return eps  # too young for an earlier trip
            old.registered_on = old.departed_on - timedelta(days=self.rng.randint(30, 120))
            old.verified_on = old.registered_on + timedelta(days=self.rng.randint(3, 20))
            old.contract_start = old.departed_on
            old.contract_end = old.departed_on + timedelta(days=2 * 365)
            old.expected_return = old.contract_end
            old.returned_on = min(self.today - timedelta(days=self.rng.randint(1, 60)),
                                  old.departed_on + timedelta(days=self.rng.randint(365,
                                                                                   3 * 365)))
            old.return_reason = _pick_code(self.rng, "return_reasons",
                                           ["habis_kontrak"] * 8 + ["ingin_pulang", "sakit",
                                                                    "deportasi", "phk",
                                                                    "korban_tppo"])
            self._papers(r, old, True)
            old.lapor_diri = True
            old.lapor_diri_on = old.departed_on + timedelta(days=self.rng.randint(5, 60))
            if old.return_reason in ("habis_kontrak", "ingin_pulang"):
                old.returnee_skills = self.rng.choice(("Bahasa Mandarin, merawat lansia",
                                                       "Mengoperasikan mesin pabrik",
                                                       "Memasak, bahasa Melayu"))
                old.remittance_use = self.rng.choice(("Membangun rumah", "Modal usaha warung",
                                                      "Biaya sekolah anak"))
                old.plans_to_leave = self.rng.choice(("ya", "tidak", "belum_tahu"))
            eps.append(old)
            free_from = old.returned_on + timedelta(days=30)
            if state == "pulang":
                return eps
        if free_from >= self.today - timedelta(days=40):
            return eps
        ep = Episode(id=new_uuid(), resident_id=r.id)
        flagged = self.rng.random() < 0.04  # a deliberate red-flag case
        if state == "late":
            self._placement(ep, procedural=False)
            ep.state = EpisodeState.BERANGKAT
            ep.departed_on = self._date_between(max(free_from, self.today - timedelta(
                days=3 * 365)), self.today - timedelta(days=30))
            ep.notes = "Diketahui dari keluarga setelah berangkat."
            if flagged:
                ep.destination_country, ep.sector, ep.job = "SA", "pekerja_rumah_tangga", \
                    "Pekerja rumah tangga"
            eps.append(ep)
            return eps
        self._placement(ep)
        # someone abroad registered at least ~5 months ago, so departures do not pile up
        latest = 160 if state in ("berangkat", "cuti") else 10
        earliest = max(free_from, self.today - timedelta(days=4 * 365))
        ep.registered_on = self._date_between(earliest, self.today - timedelta(days=latest))
        if state == "dicegah" or (flagged and state in ("terdaftar", "terverifikasi")):
            # a 17-year-old, or a job offer on a scam route: the flags the checkpoint catches
            if r.birth_date and self.today - r.birth_date < timedelta(days=20 * 365):
                ep.registered_on = max(ep.registered_on,
                                       _add_years(r.birth_date, 17) + timedelta(days=30))
            else:
                ep.destination_country, ep.sector, ep.job = "KH", "lainnya", "Admin daring"
                ep.p3mi, ep.scheme = "PT Global Kerja Cepat", "p_to_p"
        ep.state = EpisodeState(state)
        departed = state in ("berangkat", "cuti")
        if state in ("terverifikasi", "dalam_proses", "berangkat", "cuti", "gagal_berangkat"):
            ep.verified_on = min(self.today, ep.registered_on + timedelta(
                days=self.rng.randint(3, 30)))
        if state == "dalam_proses":
            ep.process_place = self.rng.choice(("p3mi", "blk", "penampungan"))
            ep.process_since = min(self.today, (ep.verified_on or ep.registered_on)
                                   + timedelta(days=self.rng.randint(1, 20)))
        if departed:
            ep.departed_on = min(self.today, (ep.verified_on or ep.registered_on) + timedelta(
                days=self.rng.randint(20, 120)))
            ep.contract_start = ep.departed_on
            ep.contract_end = ep.departed_on + timedelta(days=2 * 365)
            ep.expected_return = ep.contract_end
            ep.lapor_diri = self.rng.random() < 0.6
            if ep.lapor_diri:
                ep.lapor_diri_on = min(self.today, ep.departed_on + timedelta(
                    days=self.rng.randint(3, 45)))
        if state == "cuti":
            ep.leave_from = self._date_between(max((ep.departed_on or self.today)
                                                   + timedelta(days=30),
                                                   self.today - timedelta(days=30)), self.today)
            ep.leave_until = ep.leave_from + timedelta(days=30)
        self._papers(r, ep, departed)
        if state in ("batal", "gagal_berangkat", "dicegah"):
            ep.ended_on = min(self.today, ep.registered_on + timedelta(
                days=self.rng.randint(10, 90)))
            ep.end_reason = self.rng.choice(
                ("Masih di bawah umur; keluarga diberi penjelasan Pasal 5 UU 18/2017",
                 "Tawaran kerja ke Kamboja lewat media sosial; dirujuk ke P4MI")
                if state == "dicegah" else ("Tidak lolos medical check-up",
                                            "Keluarga tidak mengizinkan",
                                            "Dokumen tidak lengkap", "Berubah pikiran"))
        eps.append(ep)
        return eps


def _bulk_insert(session: Session, operator: str, people: list[Resident],
                 trips: list[Episode], others: list[object]) -> None:
    """Insert generated rows table by table (parents first), with the sync metadata the
    session hooks would give them (one change counter for the chunk)."""
    from sqlalchemy import insert

    from app.core.db import _next_counter

    instance_id, counter = _next_counter(session)
    now = utcnow()
    office = session.info.get("office", "")
    groups: dict[type[Any], list[Any]] = {Resident: people, Episode: trips}
    for row in others:
        groups.setdefault(type(row), []).append(row)
    for model in SYNCED_MODELS:
        rows = groups.get(model)
        if not rows:
            continue
        table = cast(Table, model.__table__)
        values = []
        for obj in rows:
            d = {}
            for col in table.columns:
                v = obj.__dict__.get(col.key)
                if v is None and col.default is not None and col.default.is_scalar:
                    v = cast(ScalarElementColumnDefault, col.default).arg
                d[col.key] = v
            d.update(id=d["id"] or new_uuid(), origin_instance=instance_id,
                     origin_counter=counter, owner_office=office, version=1,
                     created_at=now, updated_at=now, updated_by=operator, deleted=False)
            values.append(d)
        session.execute(insert(table), values)
        # the audit entries the session hook would write: one "create" per row
        session.execute(insert(cast(Table, AuditEntry.__table__)), [
            {"at": now, "operator": operator, "action": "create",
             "entity": table.name, "entity_id": d["id"],
             "changes": json.dumps({k: [None, v.isoformat() if isinstance(v, date) else v]
                                    for k, v in d.items()
                                    if k not in SyncMixin.META_COLUMNS
                                    and k not in ("id", "migrant_status")
                                    and v not in (None, "", False)},
                                   ensure_ascii=False, sort_keys=True)}
            for d in values])


class _Collector:
    """Stands in for the session while a chunk is generated: rows are added later in order."""

    def __init__(self) -> None:
        self.rows: list[object] = []

    def add(self, row: object) -> None:
        self.rows.append(row)


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _demo_flags(s: _Collector, person: Resident, eps: list[Episode]) -> None:
    """Red flags of generated episodes, as the services would have stored them."""
    from app.core.models import EpisodeFlag, flag_id
    from app.core.rules import flags as fr
    from app.core.services.episodes import flag_facts

    version = fr.rule_version()
    for ep in eps:
        step = fr.step_of_state(ep.state) or ("verifikasi" if ep.verified_on else "daftar")
        when = ep.departed_on or ep.registered_on
        seen = datetime(when.year, when.month, when.day, 9) if when else None
        for f in fr.evaluate(flag_facts(person, ep, step)):
            accepted = ep.state in (EpisodeState.BERANGKAT, EpisodeState.CUTI,
                                    EpisodeState.PULANG) and ep.procedure == "prosedural"
            s.add(EpisodeFlag(
                id=flag_id(ep.id, f.code), episode_id=ep.id, code=f.code,
                severity=str(f.severity), rule_version=version, step=step,
                detail=json.dumps(f.params, sort_keys=True), seen_at=seen, seen_by="demo",
                accepted=accepted,
                accepted_reason="Dokumen menyusul melalui P3MI" if accepted else "",
                accepted_by="demo" if accepted else "", accepted_at=seen if accepted else None))


def add_demo_data(db: Database, office: Office, residents: int, *,
                  seed: int | None = None, today: date | None = None) -> DemoSummary:
    """Add about ``residents`` generated residents (whole families) to the village database."""
    today = today or date.today()
    with db.session() as s:
        existing = {n for n in s.scalars(select(Resident.nik)) if n is not None}
    gen = _Generator(office, seed, existing, today)
    summary = DemoSummary()
    operator = office.operator or "demo"
    pmis: list[Resident] = []
    with db.session() as s:
        before = s.scalar(select(func.count()).select_from(Resident)) or 0
    while summary.residents < residents:
        # Bulk path: rows are built as objects, then inserted with one executemany per
        # table, parents first, stamped with this installation's change counter and audited
        # as the session hooks would; the derived statuses are recomputed for the people
        # with episodes.
        with db.unit_of_work(operator, raw_sync=True) as session:
            people: list[Resident] = []
            trips: list[Episode] = []
            movers: list[str] = []
            collected = _Collector()
            if summary.residents == 0:
                # cleared by the last unit below: a cut in between is reported at next start
                set_setting(session, PENDING_SETTING, json.dumps({"wanted": residents,
                                                                   "before": int(before)}))
            batch = 0
            while batch < CHUNK and summary.residents < residents:
                fam = gen.family()[: residents - summary.residents]
                people.extend(fam)
                batch += len(fam)
                summary.residents += len(fam)
                for person in fam:
                    adult_age = (today - (person.birth_date or today)).days / 365
                    minor = 17 <= adult_age < 18 and gen.rng.random() < 0.3
                    if (minor or 18 <= adult_age <= 55) and person.life_status == "hidup" and (
                            minor or gen.rng.random() < 0.22):
                        eps = gen.prevented_minor(person) if minor else gen.episodes_for(person)
                        if not eps:
                            continue
                        trips.extend(eps)
                        summary.episodes += len(eps)
                        _demo_flags(collected, person, eps)
                        _aftermath(gen, collected, person, eps, fam, summary)
                        pmis.append(person)
                        movers.append(person.id)
            _bulk_insert(session, operator, people, trips, collected.rows)
            recompute_statuses(session.connection(), movers)
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


def _aftermath(gen: _Generator, s: _Collector, person: Resident, eps: list[Episode],
               family: list[Resident], summary: DemoSummary) -> None:
    """Contact news, cases and the family left behind for a resident's episodes, with dates
    that fit: news and cases after the departure, follow-ups that lead to the case status."""

    current = eps[-1]
    if current.state not in (EpisodeState.BERANGKAT, EpisodeState.CUTI):
        return
    departed = current.departed_on or (gen.today - timedelta(days=200))
    months_ago = gen.rng.choice((0, 1, 1, 2, 3, 5, 8, 14))
    contacted = max(departed + timedelta(days=7),
                    gen.today - timedelta(days=30 * months_ago + 1))
    if contacted <= gen.today:
        s.add(ContactLog(resident_id=person.id, episode_id=current.id, contacted_on=contacted,
                         # the words the news dialog offers (free text, no codes)
                         channel=gen.rng.choice(("WhatsApp", "Telepon", "Keluarga")),
                         condition=gen.rng.choice(("Baik", "Baik", "Baik", "Bermasalah")),
                         news=gen.rng.choice(("Sehat, kerja lancar.", "Gaji sudah dikirim.",
                                              "Mengeluh jam kerja panjang.",
                                              "Belum bisa dihubungi beberapa minggu."))))
    # the family left behind: the migrant's own children (a head's or spouse's children in
    # the KK, never siblings), with the other parent as carer when there is one
    if person.shdk in ("kepala_keluarga", "istri"):
        spouse = next((m for m in family if m is not person and m.shdk in (
            "kepala_keluarga", "istri") and m.life_status == "hidup"), None)
        children = [c for c in family if c.shdk == "anak" and c.birth_date
                    and (gen.today - c.birth_date).days < 18 * 365]
        for child in children:
            s.add(FamilyLink(resident_id=person.id, member_id=child.id,
                             member_name=child.name, member_birth_date=child.birth_date,
                             relation="anak"))
        if children and spouse is not None:
            s.add(FamilyLink(resident_id=person.id, member_id=spouse.id,
                             member_name=spouse.name, member_birth_date=spouse.birth_date,
                             relation="suami" if spouse.sex == "L" else "istri",
                             is_carer=True))
    if gen.rng.random() < 0.12 and departed < gen.today - timedelta(days=10):
        reported = gen._date_between(departed + timedelta(days=5), gen.today)
        status = gen.rng.choice(("baru", "diproses", "selesai"))
        case = Case(id=new_uuid(), resident_id=person.id, episode_id=current.id,
                    case_type=_pick_code(gen.rng, "case_types",
                                         ["gaji_tidak_dibayar", "hilang_kontak",
                                          "ingin_pulang", "penahanan_dokumen", "sakit"]),
                    reporter=gen.fake.name(), reported_on=reported,
                    chronology="Keluarga melapor ke kantor desa.",
                    referral=_pick_code(gen.rng, "referrals", ["p4mi", "bp3mi"]),
                    status=status)
        if status == "selesai":
            case.closed_on = min(gen.today, reported + timedelta(days=30))
        s.add(case)
        s.add(CaseFollowUp(case_id=case.id, noted_on=reported,
                           note="Laporan diteruskan ke P4MI.",
                           status_after="diproses" if status != "baru" else "baru"))
        if status == "selesai":
            s.add(CaseFollowUp(case_id=case.id, noted_on=case.closed_on,
                               note="P4MI mengabarkan masalah sudah selesai.",
                               status_after="selesai"))
        summary.cases += 1
