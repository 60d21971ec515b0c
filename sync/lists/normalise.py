"""Cell values of a foreign list -> the register's values, or a reason to refuse the row.

NIK hygiene: a NIK stored as an exact 16-digit number becomes text; a number in scientific
notation, a number Excel could not hold exactly, or a number with a zero tail (Excel keeps
15 significant digits and pads with 0) is refused as damaged and never stored. Dates come
in the forms villages type (dd/mm/yyyy, dd-mm-yy, "12 Maret 1995", Excel serials, date
cells). OpenSID's numeric codes and SIAK's words are mapped to this register's codes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from app.core import reference
from app.core.formatting import date_text
from app.core.models import LifeStatus

TEXT_FIELDS_MAX = {"name": 150, "birth_place": 100, "dusun": 100, "address": 250,
                   "phone": 30, "notes": 2000, "employer": 150, "p3mi": 150, "job": 100}
DATE_FIELDS = ("birth_date", "passport_expiry", "departed_on", "returned_on")
_EXCEL_EPOCH = date(1899, 12, 30)
_SCI = re.compile(r"^\s*\d+([.,]\d+)?[eE][+-]?\d+\s*$")

MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "pebruari": 2, "feb": 2, "peb": 2, "maret": 3,
    "mar": 3, "april": 4, "apr": 4, "mei": 5, "may": 5, "juni": 6, "jun": 6, "juli": 7,
    "jul": 7, "agustus": 8, "agu": 8, "agt": 8, "ags": 8, "aug": 8, "september": 9, "sep": 9,
    "sept": 9, "oktober": 10, "okt": 10, "oct": 10, "november": 11, "nov": 11, "nopember": 11,
    "nop": 11, "desember": 12, "des": 12, "dec": 12, "january": 1, "february": 2,
    "march": 3, "june": 6, "july": 7, "august": 8, "october": 10, "december": 12,
}
_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$")
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")
_WORDS = re.compile(r"^(\d{1,2})[\s\-./]+([A-Za-z]+)[\s\-./,]+(\d{2}|\d{4})$")

# OpenSID's numeric codes (its "Kode Data" sheet) -> this register's codes.
OPENSID_CODES: dict[str, dict[int, str]] = {
    "sex": {1: "L", 2: "P"},
    "shdk": {1: "kepala_keluarga", 2: "suami", 3: "istri", 4: "anak", 5: "menantu",
             6: "cucu", 7: "orang_tua", 8: "mertua", 9: "famili_lain", 10: "pembantu",
             11: "lainnya"},
    "education": {1: "tidak_sekolah", 2: "belum_tamat_sd", 3: "sd", 4: "sltp", 5: "slta",
                  6: "d1_d2", 7: "d3", 8: "d4_s1", 9: "s2", 10: "s3"},
    "marital_status": {1: "belum_kawin", 2: "kawin", 3: "cerai_hidup", 4: "cerai_mati"},
    "life_status": {1: LifeStatus.HIDUP, 2: LifeStatus.MENINGGAL, 3: LifeStatus.PINDAH},
}
# Words of SIAK and of hand-made lists that are not one of the register's labels.
EXTRA_WORDS: dict[str, dict[str, str]] = {
    "sex": {"l": "L", "p": "P", "lakilaki": "L", "laki": "L", "pria": "L", "male": "L",
            "perempuan": "P", "wanita": "P", "female": "P"},
    "shdk": {"orangtua": "orang_tua", "kk": "kepala_keluarga", "kepalakeluarga":
             "kepala_keluarga", "famililain": "famili_lain"},
    "education": {"tidakbelumsekolah": "tidak_sekolah", "tamatsdsederajat": "sd",
                  "sltpsederajat": "sltp", "sltasederajat": "slta", "diplomaiii": "d1_d2",
                  "akademidiplomaiiismuda": "d3", "diplomaivstratai": "d4_s1",
                  "strataii": "s2", "strataiii": "s3", "smp": "sltp", "sma": "slta",
                  "smk": "slta", "s1": "d4_s1"},
    "marital_status": {"belumkawin": "belum_kawin", "ceraihidup": "cerai_hidup",
                       "ceraimati": "cerai_mati", "kawintercatat": "kawin",
                       "kawinbelumtercatat": "kawin"},
    "life_status": {"hidup": LifeStatus.HIDUP, "mati": LifeStatus.MENINGGAL,
                    "meninggal": LifeStatus.MENINGGAL, "pindah": LifeStatus.PINDAH,
                    "pindahdalamnegeri": LifeStatus.PINDAH, "pindahluarnegeri":
                    LifeStatus.PINDAH},
    "destination_country": {"hongkong": "HK", "taiwan": "TW", "malaysia": "MY",
                            "korea": "KR", "korsel": "KR", "saudi": "SA", "arabsaudi": "SA",
                            "brunei": "BN", "singapura": "SG", "singapore": "SG"},
}
_REF_LIST = {"shdk": "shdk", "education": "education", "marital_status": "marital_status",
             "destination_country": "countries"}
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_code_cache: dict[str, dict[str, str]] = {}


def _key(text: str) -> str:
    return _NON_ALNUM.sub("", text.lower())


def _codes(field_name: str) -> dict[str, str]:
    """Every accepted spelling (normalised) -> code, for one coded field."""
    if field_name not in _code_cache:
        table: dict[str, str] = {}
        list_name = _REF_LIST.get(field_name)
        if list_name:
            for item in reference.ref_list(list_name):
                table[_key(item.code)] = item.code
                for lang in ("id", "en"):
                    table[_key(item.label(lang))] = item.code
        for word, code in EXTRA_WORDS.get(field_name, {}).items():
            table.setdefault(word, str(code))
        _code_cache[field_name] = table
    return _code_cache[field_name]


@dataclass(frozen=True)
class Problem:
    """Why a cell refuses its row (``code`` in :mod:`sync.lists.messages`), or warns."""

    code: str
    column: str = ""  # the header text
    cell: str = ""  # cell name, e.g. "G12"
    value: str = ""  # the cell as shown
    params: dict[str, Any] = field(default_factory=dict)


class Refused(Exception):
    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def shown(value: Any) -> str:
    """A cell value as the operator sees it in the report."""
    if isinstance(value, float):
        return repr(int(value)) if value.is_integer() and abs(value) < 1e16 else repr(value)
    if isinstance(value, datetime | date):
        return date_text(value)
    return str(value)


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def nik_text(value: Any, what: str = "NIK") -> str:
    """A NIK or No. KK cell as text (16 digits expected; other shapes go to validation)."""
    if isinstance(value, bool):
        raise Refused("lists.bad_value", what=what)
    if isinstance(value, int | float):
        if isinstance(value, float) and (not value.is_integer() or abs(value) >= 2 ** 53):
            raise Refused("lists.nik_damaged", what=what)
        digits = str(int(value))
        if len(digits) == 16 and digits.endswith("0"):
            raise Refused("lists.nik_zero_tail", what=what)
        return digits
    text = str(value).strip().lstrip("'")
    if _SCI.match(text):
        raise Refused("lists.nik_damaged", what=what)
    return text


def parse_date(value: Any, today: date) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 1 <= value < 2958466 and float(value).is_integer():
            return _EXCEL_EPOCH + timedelta(days=int(value))
        raise Refused("lists.bad_date")
    text = " ".join(str(value).split())
    if text.isdigit() and 3 <= len(text) <= 5:  # a serial that came through CSV
        return _EXCEL_EPOCH + timedelta(days=int(text))
    try:
        if m := _DMY.match(text):
            return date(_year(m.group(3), today), int(m.group(2)), int(m.group(1)))
        if m := _YMD.match(text):
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if m := _WORDS.match(text):
            month = MONTHS.get(m.group(2).lower())
            if month:
                return date(_year(m.group(3), today), month, int(m.group(1)))
    except ValueError:
        pass
    raise Refused("lists.bad_date")


def _year(text: str, today: date) -> int:
    if len(text) == 4:
        return int(text)
    yy = int(text)
    return 2000 + yy if 2000 + yy <= today.year else 1900 + yy


def code_value(field_name: str, value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        code = OPENSID_CODES.get(field_name, {}).get(value)
        if code is None:
            raise Refused("lists.unknown_code")
        return str(code)
    text = str(value).strip()
    if text.isdigit() and field_name in OPENSID_CODES:
        return code_value(field_name, int(text))
    code = _codes(field_name).get(_key(text))
    if code is None:
        raise Refused("lists.unknown_code")
    return code


def small_number(value: Any) -> str:
    """RT/RW as three digits ("4", 4.0 -> "004"); "-" and "0" mean not known."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value)).zfill(3)
    text = str(value).strip()
    if text in ("-", "0", "00", "000"):
        return ""
    return text.zfill(3) if text.isdigit() and len(text) <= 3 else text


def plain_text(field_name: str, value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = " ".join(str(value).split()) if field_name != "notes" else str(value).strip()
    if text.startswith(("=", "@")) or (text[:1] in "+-" and len(text) > 1 and not
                                       text[1:2].isdigit() and field_name != "phone"):
        raise Refused("lists.formula_text")
    limit = TEXT_FIELDS_MAX.get(field_name)
    if limit and len(text) > limit:
        raise Refused("lists.too_long", maximum=limit)
    return text


def normalise_cell(field_name: str, value: Any, today: date) -> Any:
    """One cell -> the register's value (raises :class:`Refused`)."""
    if field_name in ("nik", "no_kk"):
        return nik_text(value, "NIK" if field_name == "nik" else "Nomor KK")
    if field_name in DATE_FIELDS:
        return parse_date(value, today)
    if field_name in ("sex", "shdk", "education", "marital_status", "life_status",
                      "destination_country"):
        return code_value(field_name, value)
    if field_name in ("rt", "rw"):
        return small_number(value)
    if field_name == "passport_no":
        text = plain_text(field_name, value)
        return "" if text in ("-", "0") else text
    return plain_text(field_name, value)
