"""NIK and No. KK rules: pure functions, no database, no Qt.

A **NIK** (Nomor Induk Kependudukan) has 16 digits, ``PPKKCC DDMMYY SSSS``:

* ``PP KK CC``: Kemendagri codes of the province, regency (kabupaten/kota) and district
  (kecamatan) where the NIK was first issued. Regions are later split and renamed, so an old
  NIK may legitimately carry a code that is no longer in the current list: an unknown region is
  only a warning, while an unknown *province* is an error.
* ``DD MM YY``: birth date; for women 40 is added to the day (a woman born on the 7th has
  ``47``). The two-digit year is resolved to the most recent century that does not put the
  birth in the future (``today`` decides), e.g. ``30`` is 1930 until 2030.
* ``SSSS``: serial number from ``0001``.

A **No. KK** (family-card number) has the same shape, but its date part is the issue date of the
card (no +40) and the serial is the card's.

Validators return :class:`~app.core.errors.Issue` lists with stable codes (``nik.*`` for field
``"nik"``, ``kk.*`` for field ``"no_kk"``); the sentences are in :data:`MESSAGES`. Whether a
NIK is *required* is not decided here: an empty value gives no issue.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any, Literal

from app.core.errors import Issue, Severity

__all__ = [
    "MESSAGES",
    "NIK_LENGTH",
    "generate_kk",
    "generate_nik",
    "kk_issue_date",
    "mask_nik",
    "nik_birth_date",
    "nik_region",
    "nik_sex",
    "normalize_nik",
    "validate_kk",
    "validate_nik",
]

NIK_LENGTH = 16
"""Digits in a NIK and in a No. KK."""

FEMALE_DAY_OFFSET = 40
"""Added to the birth day in the NIK of a woman."""

_DIGITS = frozenset("0123456789")
# Separators people type or paste inside a number: whitespace (including no-break spaces),
# dots, and hyphen/dash variants. Everything else is kept so validation can complain about it.
_SEPARATORS = re.compile(r"[\s.\-\u2010\u2011\u2012\u2013\u2014\u2212]+")
_MAX_CHARS_SHOWN = 5

Sex = Literal["L", "P"]
CodeCheck = Callable[[str], bool]

MESSAGES: dict[str, tuple[str, str]] = {
    # --- NIK: errors -------------------------------------------------------------------------
    "nik.not_digits": (
        "NIK hanya boleh berisi angka; ditemukan tanda lain: {chars}.",
        "A NIK may contain digits only; other characters found: {chars}.",
    ),
    "nik.length": (
        "NIK harus 16 angka; yang diisi {length} angka/karakter.",
        "A NIK must have 16 digits; {length} character(s) given.",
    ),
    "nik.province_zero": (
        "Kode provinsi di NIK (2 angka pertama) tidak boleh 00.",
        "The province code in the NIK (first 2 digits) cannot be 00.",
    ),
    "nik.regency_zero": (
        "Kode kabupaten/kota di NIK (angka ke-3 dan ke-4) tidak boleh 00.",
        "The regency code in the NIK (digits 3 and 4) cannot be 00.",
    ),
    "nik.district_zero": (
        "Kode kecamatan di NIK (angka ke-5 dan ke-6) tidak boleh 00.",
        "The district code in the NIK (digits 5 and 6) cannot be 00.",
    ),
    "nik.unknown_province": (
        "Kode provinsi {province} di NIK (2 angka pertama) tidak dikenal. Periksa kembali NIK.",
        "Province code {province} in the NIK (first 2 digits) does not exist. Check the NIK.",
    ),
    "nik.bad_day": (
        "Tanggal lahir di NIK (angka ke-7 dan ke-8) harus 01-31, atau 41-71 untuk perempuan; "
        "yang tertulis {day}.",
        "The birth day in the NIK (digits 7 and 8) must be 01-31, or 41-71 for women; {day} given.",
    ),
    "nik.bad_month": (
        "Bulan lahir di NIK (angka ke-9 dan ke-10) harus 01-12; yang tertulis {month}.",
        "The birth month in the NIK (digits 9 and 10) must be 01-12; {month} given.",
    ),
    "nik.bad_date": (
        "Tanggal lahir di NIK ({date}, hari-bulan-tahun) tidak ada di kalender.",
        "The birth date in the NIK ({date}, day/month/year) does not exist.",
    ),
    "nik.serial_zero": (
        "Nomor urut di NIK (4 angka terakhir) tidak boleh 0000.",
        "The serial number in the NIK (last 4 digits) cannot be 0000.",
    ),
    # --- NIK: warnings -----------------------------------------------------------------------
    "nik.unknown_region": (
        "Kode wilayah {region} di NIK tidak ada di daftar wilayah saat ini. Ini bisa benar jika "
        "NIK terbit sebelum wilayah dimekarkan atau berganti nama; cocokkan dengan KTP.",
        "Region code {region} in the NIK is not in the current list of regions. This can be "
        "right if the NIK was issued before the region was split or renamed; check the ID card.",
    ),
    "nik.birth_date_mismatch": (
        "Tanggal lahir yang diisi ({expected}) berbeda dengan tanggal lahir di NIK ({found}). "
        "Cocokkan dengan KTP atau KK.",
        "The birth date entered ({expected}) differs from the birth date in the NIK ({found}). "
        "Check the ID card or family card.",
    ),
    "nik.sex_mismatch_female": (
        "Menurut NIK, pemiliknya perempuan (tanggal di NIK {nik_day} = tanggal lahir + 40), "
        "tetapi jenis kelamin diisi laki-laki.",
        "According to the NIK the holder is female (day {nik_day} in the NIK = birth day + 40), "
        "but the sex entered is male.",
    ),
    "nik.sex_mismatch_male": (
        "Menurut NIK, pemiliknya laki-laki (tanggal di NIK {nik_day}; untuk perempuan tanggal "
        "lahir ditambah 40), tetapi jenis kelamin diisi perempuan.",
        "According to the NIK the holder is male (day {nik_day} in the NIK; for women 40 is "
        "added to the birth day), but the sex entered is female.",
    ),
    # --- No. KK: errors ----------------------------------------------------------------------
    "kk.not_digits": (
        "Nomor KK hanya boleh berisi angka; ditemukan tanda lain: {chars}.",
        "A family card number may contain digits only; other characters found: {chars}.",
    ),
    "kk.length": (
        "Nomor KK harus 16 angka; yang diisi {length} angka/karakter.",
        "A family card number must have 16 digits; {length} character(s) given.",
    ),
    "kk.province_zero": (
        "Kode provinsi di nomor KK (2 angka pertama) tidak boleh 00.",
        "The province code in the family card number (first 2 digits) cannot be 00.",
    ),
    "kk.regency_zero": (
        "Kode kabupaten/kota di nomor KK (angka ke-3 dan ke-4) tidak boleh 00.",
        "The regency code in the family card number (digits 3 and 4) cannot be 00.",
    ),
    "kk.district_zero": (
        "Kode kecamatan di nomor KK (angka ke-5 dan ke-6) tidak boleh 00.",
        "The district code in the family card number (digits 5 and 6) cannot be 00.",
    ),
    "kk.unknown_province": (
        "Kode provinsi {province} di nomor KK (2 angka pertama) tidak dikenal. "
        "Periksa kembali nomor KK.",
        "Province code {province} in the family card number (first 2 digits) does not exist. "
        "Check the number.",
    ),
    "kk.bad_day": (
        "Tanggal terbit di nomor KK (angka ke-7 dan ke-8) harus 01-31; yang tertulis {day}.",
        "The issue day in the family card number (digits 7 and 8) must be 01-31; {day} given.",
    ),
    "kk.bad_month": (
        "Bulan terbit di nomor KK (angka ke-9 dan ke-10) harus 01-12; yang tertulis {month}.",
        "The issue month in the family card number (digits 9 and 10) must be 01-12; {month} given.",
    ),
    "kk.bad_date": (
        "Tanggal terbit di nomor KK ({date}, hari-bulan-tahun) tidak ada di kalender.",
        "The issue date in the family card number ({date}, day/month/year) does not exist.",
    ),
    "kk.serial_zero": (
        "Nomor urut di nomor KK (4 angka terakhir) tidak boleh 0000.",
        "The serial number in the family card number (last 4 digits) cannot be 0000.",
    ),
    # --- No. KK: warnings --------------------------------------------------------------------
    "kk.unknown_region": (
        "Kode wilayah {region} di nomor KK tidak ada di daftar wilayah saat ini. Ini bisa benar "
        "jika KK terbit sebelum wilayah dimekarkan atau berganti nama; cocokkan dengan KK.",
        "Region code {region} in the family card number is not in the current list of regions. "
        "This can be right if the card was issued before the region was split or renamed; "
        "check the family card.",
    ),
}


# --------------------------------------------------------------------------------------------
# Normalising and reading
# --------------------------------------------------------------------------------------------


def normalize_nik(text: str | None) -> str:
    """Remove spaces, dots and dashes from a typed or pasted NIK / No. KK.

    Any other character (letters, ``/``, ...) is kept so that validation can name it.
    ``None`` gives ``""``. Works for No. KK as well.

    >>> normalize_nik(" 18.07.01-5203 850001 ")
    '1807015203850001'
    """
    if text is None:
        return ""
    return _SEPARATORS.sub("", text)


def _is_digits(text: str) -> bool:
    return bool(text) and all(ch in _DIGITS for ch in text)


def _sixteen_digits(text: str | None) -> str | None:
    """The normalised number if it is exactly 16 ASCII digits, else ``None``."""
    s = normalize_nik(text)
    return s if len(s) == NIK_LENGTH and _is_digits(s) else None


def _resolve_date(day: int, month: int, yy: int, today: date) -> date | None:
    """The calendar date for a two-digit year: this century unless that is after ``today``.

    Falls back to the other century when only that one exists (29 February), and returns
    ``None`` when the day does not exist in either century.
    """
    century = today.year - today.year % 100
    valid: list[date] = []
    for year in (century + yy, century - 100 + yy):
        try:
            valid.append(date(year, month, day))
        except ValueError:
            continue
    for candidate in valid:
        if candidate <= today:
            return candidate
    return valid[0] if valid else None


def _nik_day_month(digits: str) -> tuple[int, int, bool] | None:
    """(real day, month, is_female) from a 16-digit NIK, or ``None`` if day or month is out of
    range."""
    raw_day, month = int(digits[6:8]), int(digits[8:10])
    if not (1 <= raw_day <= 31 or 41 <= raw_day <= 71) or not 1 <= month <= 12:
        return None
    female = raw_day > FEMALE_DAY_OFFSET
    return (raw_day - FEMALE_DAY_OFFSET if female else raw_day), month, female


def _nik_date_parts(nik: str | None) -> tuple[str, tuple[int, int, bool]] | None:
    """The NIK's 16 digits and its (day, month, female), or None when it has none."""
    digits = _sixteen_digits(nik)
    if digits is None:
        return None
    parts = _nik_day_month(digits)
    return None if parts is None else (digits, parts)


def nik_birth_date(nik: str | None, today: date | None = None) -> date | None:
    """The birth date encoded in a NIK, or ``None`` if the NIK is malformed.

    The two-digit year is read as this century unless that is after ``today`` (default
    :func:`date.today`), in which case the previous century is used.
    """
    found = _nik_date_parts(nik)
    if found is None:
        return None
    digits, (day, month, _female) = found
    return _resolve_date(day, month, int(digits[10:12]), today or date.today())


def nik_sex(nik: str | None) -> Sex | None:
    """``"P"`` (perempuan) when the NIK's day is 41-71, ``"L"`` (laki-laki) when 01-31,
    ``None`` when the NIK is malformed or the day is out of range."""
    found = _nik_date_parts(nik)
    if found is None:
        return None
    return "P" if found[1][2] else "L"


def nik_region(nik: str | None) -> str | None:
    """The Kemendagri district code ``"PP.KK.CC"`` of a 16-digit NIK or No. KK, else ``None``."""
    digits = _sixteen_digits(nik)
    if digits is None:
        return None
    return f"{digits[0:2]}.{digits[2:4]}.{digits[4:6]}"


def kk_issue_date(no_kk: str | None, today: date | None = None) -> date | None:
    """The issue date encoded in a No. KK (century chosen so it is not after ``today``), or
    ``None`` if the number is malformed or the date does not exist."""
    digits = _sixteen_digits(no_kk)
    if digits is None:
        return None
    day, month = int(digits[6:8]), int(digits[8:10])
    if not 1 <= day <= 31 or not 1 <= month <= 12:
        return None
    return _resolve_date(day, month, int(digits[10:12]), today or date.today())


# --------------------------------------------------------------------------------------------
# Validation
# --------------------------------------------------------------------------------------------


def _show_char(ch: str) -> str:
    """A character as an operator can read it; invisible ones as ``U+200B``."""
    return ch if ch.isprintable() else f"U+{ord(ch):04X}"


def _shape_issues(prefix: str, field: str, text: str) -> list[Issue]:
    """Errors for non-digits and wrong length; empty when the text is 16 digits."""
    issues: list[Issue] = []
    bad: list[str] = []
    for ch in text:
        if ch not in _DIGITS and ch not in bad:
            bad.append(ch)
    if bad:
        shown = ", ".join(_show_char(ch) for ch in bad[:_MAX_CHARS_SHOWN])
        if len(bad) > _MAX_CHARS_SHOWN:
            shown += ", ..."
        issues.append(Issue(f"{prefix}.not_digits", field, Severity.ERROR, {"chars": shown}))
    if len(text) != NIK_LENGTH:
        issues.append(Issue(f"{prefix}.length", field, Severity.ERROR, {"length": len(text)}))
    return issues


def _region_issues(
    prefix: str,
    field: str,
    digits: str,
    is_known_province: CodeCheck | None,
    is_known_region: CodeCheck | None,
) -> list[Issue]:
    """Zero parts and unknown province (errors), unknown region (warning)."""
    issues: list[Issue] = []
    province, regency, district = digits[0:2], digits[2:4], digits[4:6]
    for part, name in ((province, "province"), (regency, "regency"), (district, "district")):
        if part == "00":
            issues.append(Issue(f"{prefix}.{name}_zero", field, Severity.ERROR))
    if province == "00":
        return issues
    if is_known_province is not None and not is_known_province(province):
        issues.append(
            Issue(f"{prefix}.unknown_province", field, Severity.ERROR, {"province": province})
        )
        return issues  # the region cannot be known either; one message is enough
    if issues or is_known_region is None:
        return issues
    region = f"{province}.{regency}.{district}"
    if not is_known_region(region):
        issues.append(
            Issue(f"{prefix}.unknown_region", field, Severity.WARNING, {"region": region})
        )
    return issues


def _date_exists(day: int, month: int, yy: int) -> bool:
    """Whether day/month exists in 19yy or 20yy (so 29/02/00 is valid: 2000 was leap)."""
    for year in (1900 + yy, 2000 + yy):
        try:
            date(year, month, day)
        except ValueError:
            continue
        return True
    return False


def _shape_and_region(prefix: str, field: str, value: str | None,
                      is_known_province: CodeCheck | None,
                      is_known_region: CodeCheck | None) -> tuple[str | None, list[Issue]]:
    """The rules a NIK and a No. KK share: (the normalised number, its region issues), or
    (None, the shape issues) when it is empty or not 16 digits (nothing more to check)."""
    text = normalize_nik(value)
    if not text:
        return None, []
    issues = _shape_issues(prefix, field, text)
    if issues:
        return None, issues
    return text, _region_issues(prefix, field, text, is_known_province, is_known_region)


def validate_nik(
    nik: str | None,
    *,
    birth_date: date | None = None,
    sex: str | None = None,
    is_known_province: CodeCheck | None = None,
    is_known_region: CodeCheck | None = None,
    today: date | None = None,
) -> list[Issue]:
    """Check a NIK; return errors and warnings for field ``"nik"`` (empty list when fine).

    ``nik`` is normalised first (:func:`normalize_nik`); ``None`` or an empty value gives no
    issue (whether a NIK is required is the caller's rule).

    Errors: ``nik.not_digits`` {chars}, ``nik.length`` {length} (after these two nothing else
    is checked), ``nik.province_zero``, ``nik.regency_zero``, ``nik.district_zero``,
    ``nik.unknown_province`` {province} (only with ``is_known_province``), ``nik.bad_day``
    {day} (not 01-31 or 41-71), ``nik.bad_month`` {month}, ``nik.bad_date`` {date} (e.g.
    31/02; 29/02 is accepted when 19yy or 20yy is a leap year), ``nik.serial_zero``.

    Warnings: ``nik.unknown_region`` {region} (``is_known_region`` is called with the dotted
    code ``"PP.KK.CC"``; old NIKs carry codes retired by splits and renames),
    ``nik.birth_date_mismatch`` {expected, found} (``expected`` is ``birth_date``, ``found``
    the NIK's date, both dates, shown ``dd/mm/yyyy`` by the catalogue; the centuries are not
    compared, only the two-digit years), ``nik.sex_mismatch_female`` /
    ``nik.sex_mismatch_male`` {nik_day} (``sex`` is ``"L"`` or ``"P"``; other values are
    ignored).

    The NIK's two-digit year never yields a future birth date: it is resolved to the previous
    century when this century would be after ``today`` (default :func:`date.today`), so no
    issue is raised for it.
    """
    text, issues = _shape_and_region("nik", "nik", nik, is_known_province, is_known_region)
    if text is None:
        return issues

    raw_day, month, yy = int(text[6:8]), int(text[8:10]), int(text[10:12])
    day_ok = 1 <= raw_day <= 31 or 41 <= raw_day <= 71
    month_ok = 1 <= month <= 12
    if not day_ok:
        issues.append(Issue("nik.bad_day", "nik", Severity.ERROR, {"day": text[6:8]}))
    if not month_ok:
        issues.append(Issue("nik.bad_month", "nik", Severity.ERROR, {"month": text[8:10]}))
    female = raw_day > FEMALE_DAY_OFFSET
    day = raw_day - FEMALE_DAY_OFFSET if female else raw_day
    date_ok = day_ok and month_ok and _date_exists(day, month, yy)
    if day_ok and month_ok and not date_ok:
        shown = f"{day:02d}/{month:02d}/{text[10:12]}"
        issues.append(Issue("nik.bad_date", "nik", Severity.ERROR, {"date": shown}))
    if text[12:16] == "0000":
        issues.append(Issue("nik.serial_zero", "nik", Severity.ERROR))

    if date_ok and birth_date is not None:
        found = _resolve_date(day, month, yy, today or date.today())
        same = (birth_date.day, birth_date.month, birth_date.year % 100) == (day, month, yy)
        if found is not None and not same:
            issues.append(
                Issue(
                    "nik.birth_date_mismatch",
                    "nik",
                    Severity.WARNING,
                    {"expected": birth_date, "found": found},
                )
            )

    given_sex = sex.strip().upper() if isinstance(sex, str) else None
    if day_ok and given_sex in ("L", "P") and given_sex != ("P" if female else "L"):
        code = "nik.sex_mismatch_female" if female else "nik.sex_mismatch_male"
        issues.append(Issue(code, "nik", Severity.WARNING, {"nik_day": text[6:8]}))
    return issues


def validate_kk(
    no_kk: str | None,
    *,
    is_known_province: CodeCheck | None = None,
    is_known_region: CodeCheck | None = None,
) -> list[Issue]:
    """Check a No. KK; return errors and warnings for field ``"no_kk"``.

    ``None`` or an empty value gives no issue. The shape and region rules are those of
    :func:`validate_nik` with codes ``kk.*``; the date part is the card's issue date: day 01-31
    (no +40), month 01-12, an existing calendar date (``kk.bad_day`` {day}, ``kk.bad_month``
    {month}, ``kk.bad_date`` {date}); serial ``0000`` is ``kk.serial_zero``. The century of the
    issue year is chosen so the date is not in the future, so no issue is raised for it.
    """
    text, issues = _shape_and_region("kk", "no_kk", no_kk, is_known_province, is_known_region)
    if text is None:
        return issues
    day, month, yy = int(text[6:8]), int(text[8:10]), int(text[10:12])
    day_ok, month_ok = 1 <= day <= 31, 1 <= month <= 12
    if not day_ok:
        issues.append(Issue("kk.bad_day", "no_kk", Severity.ERROR, {"day": text[6:8]}))
    if not month_ok:
        issues.append(Issue("kk.bad_month", "no_kk", Severity.ERROR, {"month": text[8:10]}))
    if day_ok and month_ok and not _date_exists(day, month, yy):
        params: dict[str, Any] = {"date": f"{text[6:8]}/{text[8:10]}/{text[10:12]}"}
        issues.append(Issue("kk.bad_date", "no_kk", Severity.ERROR, params))
    if text[12:16] == "0000":
        issues.append(Issue("kk.serial_zero", "no_kk", Severity.ERROR))
    return issues


# --------------------------------------------------------------------------------------------
# Generating (demo data) and masking (logs)
# --------------------------------------------------------------------------------------------


def _region_digits(region6: str) -> str:
    digits = normalize_nik(region6)
    if len(digits) != 6 or not _is_digits(digits):
        raise ValueError(f"region code must have 6 digits, e.g. '18.07.01': {region6!r}")
    if "00" in (digits[0:2], digits[2:4], digits[4:6]):
        raise ValueError(f"region code parts cannot be 00: {region6!r}")
    return digits


def _serial_digits(serial: int) -> str:
    if not 1 <= serial <= 9999:
        raise ValueError(f"serial must be 1-9999: {serial}")
    return f"{serial:04d}"


def generate_nik(region6: str, birth_date: date, sex: str, serial: int) -> str:
    """Build a NIK from a district code (``"180701"`` or ``"18.07.01"``), a birth date, a sex
    (``"L"``/``"P"``; 40 is added to the day for ``"P"``) and a serial (1-9999).

    Raises :class:`ValueError` on malformed input. Only for demo data and tests.
    """
    sex_code = sex.strip().upper()
    if sex_code not in ("L", "P"):
        raise ValueError(f"sex must be 'L' or 'P': {sex!r}")
    day = birth_date.day + (FEMALE_DAY_OFFSET if sex_code == "P" else 0)
    return (
        f"{_region_digits(region6)}{day:02d}{birth_date.month:02d}{birth_date.year % 100:02d}"
        f"{_serial_digits(serial)}"
    )


def generate_kk(region6: str, issued: date, serial: int) -> str:
    """Build a No. KK from a district code, the issue date and a serial (1-9999).

    Raises :class:`ValueError` on malformed input. Only for demo data and tests.
    """
    return (
        f"{_region_digits(region6)}{issued.day:02d}{issued.month:02d}{issued.year % 100:02d}"
        f"{_serial_digits(serial)}"
    )


def mask_nik(nik: str | None) -> str:
    """A NIK or No. KK safe for logs: the district code and the last 2 digits stay, the birth
    (or issue) date and most of the serial become ``*``.

    ``"1807015203850001"`` gives ``"180701********01"``. The input is normalised first and the
    length is kept, so a log still shows a wrong length; values shorter than 10 characters are
    masked completely. ``None`` or empty gives ``""``.
    """
    text = normalize_nik(nik)
    if len(text) < 10:
        return "*" * len(text)
    return text[:6] + "*" * (len(text) - 8) + text[-2:]
