"""The red-flag rule table: the village as a protective checkpoint (issue 9, DESIGN section 9).

One table of rules, Qt-free and without a database. Each rule has a stable ``code`` (its
sentence is ``flag.<code>`` in :data:`MESSAGES`), a severity, the steps at which it applies,
and a check over :class:`FlagFacts`. The reference data the rules need (closed destinations,
known online-scam routes, per-country minimum ages, countries that refuse individual
placement, licensed P3MI) is versioned JSON in ``resources/reference/`` with its source; the
version is stored on every flag row, so a P4MI update of the lists is traceable.

Steps: ``daftar`` (registration), ``verifikasi`` (verification, and the in-process stage),
``berangkat`` (a recorded departure, a departure learned of later, and later states). A rule
that applies at an earlier step applies at every later one: papers such as a visa are only
asked for at departure.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any

from app.core.errors import AppError
from app.core.formatting import date_text
from app.core.models.episode import FlagSeverity

STEPS = ("daftar", "verifikasi", "berangkat")
MINIMUM_AGE = 18
"""UU 18/2017 Pasal 5: a PMI must be at least 18 years old."""

RULES_FILE = "red_flags.json"
P3MI_FILE = "licensed_p3mi.json"

MESSAGES: dict[str, tuple[str, str]] = {
    "flag.under_age": (
        "Usia saat berangkat {age} tahun, di bawah batas minimal {minimum} tahun "
        "(UU 18/2017 Pasal 5 atau aturan negara tujuan).",
        "Age at departure is {age}, below the minimum of {minimum} "
        "(UU 18/2017 art. 5 or the destination country's rule).",
    ),
    "flag.closed_destination": (
        "{country} tertutup untuk penempatan pekerja rumah tangga pada pengguna perseorangan "
        "(moratorium Timur Tengah, Kepmenaker 260/2015).",
        "{country} is closed to placing domestic workers with individual employers "
        "(Middle East moratorium, Kepmenaker 260/2015).",
    ),
    "flag.scam_route": (
        "{country} adalah rute yang dikenal untuk perekrutan kerja penipuan daring (online "
        "scam) dan perdagangan orang. Pastikan tawaran kerja dan P3MI-nya resmi.",
        "{country} is a known route of recruitment for online-scam work and trafficking. "
        "Make sure the job offer and the P3MI are genuine.",
    ),
    "flag.no_nik": (
        "NIK belum dicatat.",
        "No NIK has been recorded.",
    ),
    "flag.no_ktp": (
        "KTP elektronik belum ada dalam daftar dokumen.",
        "The electronic identity card (KTP-el) is not in the document checklist.",
    ),
    "flag.no_passport": (
        "Nomor paspor belum dicatat.",
        "No passport number has been recorded.",
    ),
    "flag.passport_expires": (
        "Paspor habis berlaku ({expiry}) sebelum kontrak selesai ({contract_end}).",
        "The passport expires ({expiry}) before the contract ends ({contract_end}).",
    ),
    "flag.no_visa": (
        "Visa kerja belum dicatat.",
        "No work visa has been recorded.",
    ),
    "flag.visa_not_work": (
        "Berangkat bekerja dengan visa {visa} (bukan visa kerja): tanda penempatan "
        "non-prosedural.",
        "Leaving to work on a {visa} (not a work visa): a sign of non-procedural placement.",
    ),
    "flag.no_contract": (
        "Perjanjian kerja (PK) atau perjanjian penempatan belum ada.",
        "No employment contract (PK) or placement agreement.",
    ),
    "flag.p_to_p_without_p3mi": (
        "Skema P to P tetapi P3MI tidak diisi.",
        "P to P scheme but no P3MI has been recorded.",
    ),
    "flag.g_to_g_private": (
        "Skema G to G tetapi dicatat melalui P3MI swasta ({p3mi}).",
        "G to G scheme but recorded through a private P3MI ({p3mi}).",
    ),
    "flag.perseorangan_refused": (
        "Skema perseorangan ke {country}, negara yang tidak menerima penempatan perseorangan.",
        "Individual scheme to {country}, a country that does not accept individual placement.",
    ),
    "flag.p3mi_unlicensed": (
        "P3MI \u201c{p3mi}\u201d tidak ada dalam daftar P3MI berizin (versi {list_version}).",
        "P3MI \u201c{p3mi}\u201d is not in the list of licensed P3MI (version {list_version}).",
    ),
    "flag.no_consent": (
        "Belum ada surat izin keluarga (nama pemberi izin kosong).",
        "No family consent recorded (the consenting person's name is empty).",
    ),
    "flag.consent_wrong_person": (
        "Izin keluarga diberikan oleh {relation}; untuk orang yang {marital} izin harus dari "
        "{expected} (UU 18/2017 Pasal 13 huruf b).",
        "Family consent was given by {relation}; for a person who is {marital} it must come "
        "from {expected} (UU 18/2017 art. 13 b).",
    ),
    "flag.no_bpjs": (
        "Belum ada nomor BPJS Ketenagakerjaan.",
        "No BPJS Ketenagakerjaan number.",
    ),
    "flag.not_verified": (
        "Calon PMI ini belum diverifikasi oleh desa.",
        "This prospective migrant worker has not been verified by the village.",
    ),
    "flag.reason_required": (
        "Tuliskan alasan mengapa tanda bahaya diterima dan penempatan tetap dicatat.",
        "Write why the red flags are accepted and the episode is recorded anyway.",
    ),
    "flag.rules_invalid": (
        "Berkas aturan tanda bahaya {path} rusak ({detail}). Pasang ulang aplikasi atau minta "
        "berkas baru dari P4MI.",
        "The red-flag rule file {path} is damaged ({detail}). Reinstall the application or "
        "ask P4MI for a new file.",
    ),
}


# --------------------------------------------------------------------------------------------
# Reference data


@dataclass(frozen=True)
class RuleData:
    """The reference lists the rules read, with their version and sources."""

    version: str
    closed_countries: frozenset[str]
    domestic_sectors: frozenset[str]
    scam_countries: frozenset[str]
    country_min_age: tuple[tuple[str, frozenset[str], int], ...]
    perseorangan_refused: frozenset[str]
    government_agencies: frozenset[str]
    p3mi_version: str
    licensed_p3mi: frozenset[str]
    sources: dict[str, str] = field(default_factory=dict)


def normalize_p3mi(name: str) -> str:
    """A P3MI name for comparison: lower case, no legal-form prefix, no punctuation."""
    key = re.sub(r"[^0-9a-z ]+", " ", name.casefold())
    words = [w for w in key.split() if w not in ("pt", "cv", "tbk", "persero")]
    return " ".join(words)


def _read(name: str) -> dict[str, Any]:
    from app.core.reference import reference_dir

    path = reference_dir() / name
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise AppError("reference.missing", path=name) from None
    except ValueError as exc:
        raise AppError("flag.rules_invalid", path=name, detail=str(exc)[:80]) from exc
    if not isinstance(raw, dict):
        raise AppError("flag.rules_invalid", path=name, detail="not an object")
    return raw


def parse_rule_data(rules: dict[str, Any], p3mi: dict[str, Any]) -> RuleData:
    """The :class:`RuleData` of the two JSON documents; ``AppError`` if one is malformed."""
    try:
        closed = rules["closed_domestic"]
        scam = rules["scam_routes"]
        ages = rules["country_min_age"]
        pers = rules["perseorangan_refused"]
        return RuleData(
            version=str(rules["version"]),
            closed_countries=frozenset(closed["countries"]),
            domestic_sectors=frozenset(closed["sectors"]),
            scam_countries=frozenset(scam["countries"]),
            country_min_age=tuple((r["country"], frozenset(r.get("sectors", ())), int(r["age"]))
                                  for r in ages["rules"]),
            perseorangan_refused=frozenset(pers["countries"]),
            government_agencies=frozenset(normalize_p3mi(a)
                                          for a in rules.get("government_agencies", ())),
            p3mi_version=str(p3mi["version"]),
            licensed_p3mi=frozenset(normalize_p3mi(i["name"]) for i in p3mi["items"]),
            sources={"closed_domestic": closed["source"], "scam_routes": scam["source"],
                     "country_min_age": ages["source"], "perseorangan_refused": pers["source"],
                     "licensed_p3mi": p3mi["source"]},
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise AppError("flag.rules_invalid", path=RULES_FILE, detail=repr(exc)[:80]) from exc


@cache
def rule_data() -> RuleData:
    """The shipped reference lists (read once)."""
    return parse_rule_data(_read(RULES_FILE), _read(P3MI_FILE))


def rule_version(data: RuleData | None = None) -> str:
    """The version stored on a flag row: rule table and P3MI list versions together."""
    data = data or rule_data()
    return f"{data.version}/{data.p3mi_version}"[:30]


# --------------------------------------------------------------------------------------------
# Facts and rules


@dataclass(frozen=True)
class FlagFacts:
    """What the rules need to know of a person and one episode (plain values)."""

    step: str
    birth_date: date | None = None
    departure: date | None = None  # planned or recorded; ``today`` when unknown
    nik: str = ""
    marital_status: str = ""
    country: str = ""
    sector: str = ""
    scheme: str = ""
    p3mi: str = ""
    documents: frozenset[str] = frozenset()
    passport_no: str = ""
    passport_expiry: date | None = None
    contract_end: date | None = None
    visa_type: str = ""
    pk_no: str = ""
    consent_name: str = ""
    consent_relation: str = ""
    bpjs_tk_no: str = ""
    verified: bool = False


@dataclass(frozen=True)
class Finding:
    """A rule that fires: its code (without the ``flag.`` prefix), severity and parameters."""

    code: str
    severity: FlagSeverity
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def message_code(self) -> str:
        return f"flag.{self.code}"


Check = Callable[[FlagFacts, RuleData], dict[str, Any] | None]


@dataclass(frozen=True)
class Rule:
    code: str
    severity: FlagSeverity
    first_step: str  # the rule applies from this step on
    check: Check  # parameters of the sentence when the rule fires, else None
    basis: str = ""  # the legal or reference source, for the guide and the report


def age_on(birth: date, on: date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def _fmt(d: date) -> str:
    return date_text(d)


def _under_age(f: FlagFacts, d: RuleData) -> dict[str, Any] | None:
    if f.birth_date is None:
        return None
    minimum = MINIMUM_AGE
    for country, sectors, age in d.country_min_age:
        if country == f.country and (not sectors or f.sector in sectors):
            minimum = max(minimum, age)
    age = age_on(f.birth_date, f.departure or date.today())
    return {"age": age, "minimum": minimum} if age < minimum else None


def _closed(f: FlagFacts, d: RuleData) -> dict[str, Any] | None:
    if f.country in d.closed_countries and f.sector in d.domestic_sectors:
        return {"country": f.country}
    return None


def _scam(f: FlagFacts, d: RuleData) -> dict[str, Any] | None:
    return {"country": f.country} if f.country in d.scam_countries else None


def _no_nik(f: FlagFacts, d: RuleData) -> dict[str, Any] | None:
    return {} if not f.nik.strip() else None


def _no_ktp(f: FlagFacts, d: RuleData) -> dict[str, Any] | None:
    return {} if "ktp" not in f.documents else None


def _no_passport(f: FlagFacts, d: RuleData) -> dict[str, Any] | None:
    return {} if not f.passport_no.strip() else None


def _passport_expires(f: FlagFacts, d: RuleData) -> dict[str, Any] | None:
    if (f.passport_no.strip() and f.passport_expiry and f.contract_end
            and f.passport_expiry < f.contract_end):
        return {"expiry": _fmt(f.passport_expiry), "contract_end": _fmt(f.contract_end)}
    return None


def _no_visa(f: FlagFacts, d: RuleData) -> dict[str, Any] | None:
    return {} if not f.visa_type and "visa_kerja" not in f.documents else None


def _visa_not_work(f: FlagFacts, d: RuleData) -> dict[str, Any] | None:
    if f.visa_type and f.visa_type != "kerja":
        return {"visa": f.visa_type}
    return None


def _no_contract(f: FlagFacts, d: RuleData) -> dict[str, Any] | None:
    has = f.pk_no.strip() or {"perjanjian_kerja", "perjanjian_penempatan"} & f.documents
    return None if has else {}


def _p_to_p_without_p3mi(f: FlagFacts, d: RuleData) -> dict[str, Any] | None:
    return {} if f.scheme == "p_to_p" and not f.p3mi.strip() else None


def _g_to_g_private(f: FlagFacts, d: RuleData) -> dict[str, Any] | None:
    key = normalize_p3mi(f.p3mi)
    if f.scheme == "g_to_g" and key and key not in d.government_agencies:
        return {"p3mi": f.p3mi.strip()}
    return None


def _perseorangan(f: FlagFacts, d: RuleData) -> dict[str, Any] | None:
    if f.scheme == "perseorangan" and f.country in d.perseorangan_refused:
        return {"country": f.country}
    return None


def _unlicensed(f: FlagFacts, d: RuleData) -> dict[str, Any] | None:
    key = normalize_p3mi(f.p3mi)
    if not key or key in d.government_agencies or f.scheme in ("g_to_g", "perseorangan"):
        return None
    if key not in d.licensed_p3mi:
        return {"p3mi": f.p3mi.strip(), "list_version": d.p3mi_version}
    return None


def _no_consent(f: FlagFacts, d: RuleData) -> dict[str, Any] | None:
    return {} if not f.consent_name.strip() else None


_SPOUSE = frozenset({"suami", "istri"})
_PARENT = frozenset({"ayah", "ibu", "wali"})


def _consent_wrong(f: FlagFacts, d: RuleData) -> dict[str, Any] | None:
    """Pasal 13 b: consent of the spouse for a married person, else a parent or guardian."""
    if not f.consent_name.strip():
        return None  # reported as no_consent
    married = f.marital_status == "kawin"
    allowed = _SPOUSE if married else _PARENT
    if f.consent_relation in allowed:
        return None
    return {"relation": f.consent_relation, "marital": "kawin" if married else "belum_kawin",
            "expected": "pasangan" if married else "orang_tua"}


def _no_bpjs(f: FlagFacts, d: RuleData) -> dict[str, Any] | None:
    return {} if not f.bpjs_tk_no.strip() else None


def _not_verified(f: FlagFacts, d: RuleData) -> dict[str, Any] | None:
    return {} if not f.verified else None


H, M, L = FlagSeverity.TINGGI, FlagSeverity.SEDANG, FlagSeverity.RENDAH

RULES: tuple[Rule, ...] = (
    Rule("under_age", H, "daftar", _under_age, "UU 18/2017 Pasal 5; aturan negara tujuan"),
    Rule("closed_destination", H, "daftar", _closed, "Kepmenaker 260/2015"),
    Rule("scam_route", H, "daftar", _scam, "Kemlu RI / BP2MI, imbauan penipuan daring"),
    Rule("no_nik", M, "daftar", _no_nik, "UU 18/2017 Pasal 13 huruf a"),
    Rule("p_to_p_without_p3mi", H, "daftar", _p_to_p_without_p3mi, "UU 18/2017 Pasal 10"),
    Rule("g_to_g_private", M, "daftar", _g_to_g_private, "UU 18/2017 Pasal 10"),
    Rule("perseorangan_refused", H, "daftar", _perseorangan, "UU 18/2017 Pasal 65"),
    Rule("p3mi_unlicensed", H, "daftar", _unlicensed, "UU 18/2017 Pasal 51"),
    Rule("no_consent", M, "daftar", _no_consent, "UU 18/2017 Pasal 13 huruf b"),
    Rule("consent_wrong_person", M, "daftar", _consent_wrong, "UU 18/2017 Pasal 13 huruf b"),
    Rule("no_ktp", M, "verifikasi", _no_ktp, "UU 18/2017 Pasal 13 huruf a"),
    Rule("no_passport", H, "berangkat", _no_passport, "UU 18/2017 Pasal 13 huruf f"),
    Rule("passport_expires", M, "berangkat", _passport_expires, "UU 18/2017 Pasal 13 huruf f"),
    Rule("no_visa", H, "berangkat", _no_visa, "UU 18/2017 Pasal 13 huruf g"),
    Rule("visa_not_work", H, "berangkat", _visa_not_work, "UU 18/2017 Pasal 13 huruf g"),
    Rule("no_contract", H, "berangkat", _no_contract, "UU 18/2017 Pasal 13 huruf h, i"),
    Rule("no_bpjs", L, "berangkat", _no_bpjs, "UU 18/2017 Pasal 29"),
    Rule("not_verified", H, "berangkat", _not_verified, "UU 18/2017 Pasal 42 ayat 1 huruf b"),
)
"""The rule table, in the order the findings are shown."""

BY_CODE: dict[str, Rule] = {r.code: r for r in RULES}
_SEVERITY_ORDER = {H: 0, M: 1, L: 2}


def evaluate(facts: FlagFacts, data: RuleData | None = None) -> list[Finding]:
    """The rules that fire for ``facts`` at ``facts.step``, most severe first."""
    if facts.step not in STEPS:
        raise ValueError(f"unknown step {facts.step!r}")
    data = data or rule_data()
    reached = STEPS.index(facts.step)
    found: list[Finding] = []
    for rule in RULES:
        if STEPS.index(rule.first_step) > reached:
            continue
        params = rule.check(facts, data)
        if params is not None:
            found.append(Finding(rule.code, rule.severity, params))
    found.sort(key=lambda f: _SEVERITY_ORDER[f.severity])
    return found


def step_of_state(state: str) -> str | None:
    """The step an episode in ``state`` has reached; ``None`` for a closed episode whose flags
    are frozen (batal, gagal berangkat, dicegah)."""
    if state == "terdaftar":
        return "daftar"
    if state in ("terverifikasi", "dalam_proses"):
        return "verifikasi"
    if state in ("berangkat", "cuti", "pulang"):
        return "berangkat"
    return None


# Parameters are stored as codes (language-neutral); these turn them into words.
_WORDS = {
    ("marital", "kawin"): ("sudah kawin", "married"),
    ("marital", "belum_kawin"): ("belum/tidak kawin", "not married"),
    ("expected", "pasangan"): ("suami/istri", "the husband or wife"),
    ("expected", "orang_tua"): ("orang tua atau wali", "a parent or guardian"),
    ("relation", ""): ("orang yang hubungannya tidak dicatat", "a person of unrecorded relation"),
}
_LISTS = {"country": "countries", "visa": "visa_types", "relation": "relations"}


def display_params(params: dict[str, Any], lang: str = "id") -> dict[str, Any]:
    """The stored parameters of a flag with codes replaced by words in ``lang``."""
    from app.core.reference import ref_label

    out = dict(params)
    for key, value in params.items():
        words = _WORDS.get((key, value))
        if words is not None:
            out[key] = words[0] if lang == "id" else words[1]
        elif key in _LISTS and isinstance(value, str):
            out[key] = ref_label(_LISTS[key], value, lang)
    return out


def flag_text(code: str, params: dict[str, Any], lang: str = "id") -> str:
    """The sentence of flag ``code`` (without the ``flag.`` prefix) in ``lang``."""
    from app.core.messages import message

    return message(f"flag.{code}", lang, **display_params(params, lang))
