"""Tests for :mod:`app.core.rules.nik` (NIK and No. KK rules)."""

from __future__ import annotations

import string
from collections.abc import Callable
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.core.errors import Issue, Severity
from app.core.messages import message
from app.core.rules.nik import (
    MESSAGES,
    generate_kk,
    generate_nik,
    kk_issue_date,
    mask_nik,
    nik_birth_date,
    nik_region,
    nik_sex,
    normalize_nik,
    validate_kk,
    validate_nik,
)

TODAY = date(2025, 6, 15)
# A man born 12 March 1985 in Lampung Timur, Sukadana (18.07.01)... and the same as a woman.
MAN = "1807011203850001"
WOMAN = "1807015203850001"
KK = "1807011506100003"  # issued 15 June 2010


def codes(issues: list[Issue]) -> list[str]:
    return [i.code for i in issues]


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def assert_well_formed(issue: Issue) -> None:
    """The issue has a catalogue entry whose placeholders are exactly its params."""
    assert issue.code in MESSAGES, issue.code
    id_text, en_text = MESSAGES[issue.code]
    assert placeholders(id_text) == set(issue.params), (issue.code, id_text)
    assert placeholders(en_text) == set(issue.params), (issue.code, en_text)
    assert id_text.format(**issue.params)
    assert en_text.format(**issue.params)


# --- strategies ---------------------------------------------------------------------------------

regions = st.tuples(st.integers(1, 99), st.integers(1, 99), st.integers(1, 99)).map(
    lambda t: "{:02d}{:02d}{:02d}".format(*t)
)
# Dates that the two-digit year resolves back to, seen from TODAY.
birth_dates = st.dates(min_value=date(TODAY.year - 99, 1, 1), max_value=TODAY)
sexes = st.sampled_from(["L", "P"])
serials = st.integers(1, 9999)


@st.composite
def valid_niks(draw: st.DrawFn) -> tuple[str, str, date, str, int]:
    region, born, sex, serial = draw(regions), draw(birth_dates), draw(sexes), draw(serials)
    return generate_nik(region, born, sex, serial), region, born, sex, serial


def with_part(nik: str, start: int, part: str) -> str:
    return nik[:start] + part + nik[start + len(part) :]


# --- properties ---------------------------------------------------------------------------------


@given(valid_niks())
def test_generated_nik_is_valid_and_round_trips(case: tuple[str, str, date, str, int]) -> None:
    nik, region, born, sex, serial = case
    assert len(nik) == 16 and nik.isdigit()
    assert validate_nik(nik, birth_date=born, sex=sex, today=TODAY) == []
    assert nik_birth_date(nik, today=TODAY) == born
    assert nik_sex(nik) == sex
    assert nik_region(nik) == f"{region[:2]}.{region[2:4]}.{region[4:]}"
    assert int(nik[12:]) == serial
    # The dotted region form gives the same number; spaces and dots are ignored when reading.
    dotted = f"{region[:2]}.{region[2:4]}.{region[4:]}"
    assert generate_nik(dotted, born, sex, serial) == nik
    spaced = f"{nik[:6]} {nik[6:12]} {nik[12:]}"
    assert validate_nik(spaced, birth_date=born, sex=sex, today=TODAY) == []


@given(valid_niks(), st.integers(13, 99))
def test_month_over_12_is_bad_month(case: tuple[str, str, date, str, int], month: int) -> None:
    nik = with_part(case[0], 8, f"{month:02d}")
    issues = validate_nik(nik, today=TODAY)
    assert codes(issues) == ["nik.bad_month"]
    assert issues[0].params == {"month": f"{month:02d}"}
    assert issues[0].severity is Severity.ERROR and issues[0].field == "nik"


@given(valid_niks())
def test_month_00_is_bad_month(case: tuple[str, str, date, str, int]) -> None:
    assert codes(validate_nik(with_part(case[0], 8, "00"), today=TODAY)) == ["nik.bad_month"]


@given(valid_niks(), st.sampled_from([0, *range(32, 41), *range(72, 100)]))
def test_impossible_day_is_bad_day(case: tuple[str, str, date, str, int], day: int) -> None:
    nik = with_part(case[0], 6, f"{day:02d}")
    issues = validate_nik(nik, today=TODAY)
    assert codes(issues) == ["nik.bad_day"]
    assert issues[0].params == {"day": f"{day:02d}"}
    assert nik_birth_date(nik, today=TODAY) is None
    assert nik_sex(nik) is None


@given(valid_niks())
def test_serial_0000_is_serial_zero(case: tuple[str, str, date, str, int]) -> None:
    issues = validate_nik(with_part(case[0], 12, "0000"), today=TODAY)
    assert codes(issues) == ["nik.serial_zero"]


@given(st.text().filter(lambda s: len(normalize_nik(s)) not in (0, 16)))
def test_any_text_of_wrong_length_is_an_error(text: str) -> None:
    issues = validate_nik(text)
    assert issues and any(i.is_error for i in issues)
    assert "nik.length" in codes(issues)
    for issue in issues:
        assert_well_formed(issue)
    assert any(i.is_error for i in validate_kk(text))


@given(st.text(alphabet="0123456789", min_size=1, max_size=40).filter(lambda s: len(s) != 16))
def test_digits_of_wrong_length(text: str) -> None:
    issues = validate_nik(text)
    assert [(i.code, i.params) for i in issues] == [("nik.length", {"length": len(text)})]


@given(st.text(min_size=16, max_size=16).filter(lambda s: normalize_nik(s) == s))
def test_sixteen_characters_with_non_digits(text: str) -> None:
    issues = validate_nik(text)
    if all(ch in "0123456789" for ch in text):
        assert "nik.not_digits" not in codes(issues)
    else:
        assert codes(issues) == ["nik.not_digits"]


@given(
    st.text(alphabet="0123456789", min_size=16, max_size=16),
    st.none() | birth_dates,
    st.none() | sexes,
    st.booleans(),
    st.booleans(),
)
def test_any_sixteen_digits_issue_is_well_formed(
    nik: str, born: date | None, sex: str | None, known_province: bool, known_region: bool
) -> None:
    issues = validate_nik(
        nik,
        birth_date=born,
        sex=sex,
        is_known_province=lambda _p: known_province,
        is_known_region=lambda _r: known_region,
        today=TODAY,
    )
    for issue in issues:
        assert_well_formed(issue)
        assert issue.field == "nik"
        assert issue.code.startswith("nik.")
    if not any(i.is_error for i in issues):
        assert nik_birth_date(nik, today=TODAY) is not None
        assert nik_sex(nik) in ("L", "P")
    for issue in validate_kk(nik, is_known_province=lambda _p: known_province):
        assert_well_formed(issue)
        assert issue.field == "no_kk"
        assert issue.code.startswith("kk.")


@given(regions, st.dates(min_value=date(1926, 1, 1), max_value=TODAY), serials)
def test_generated_kk_is_valid(region: str, issued: date, serial: int) -> None:
    kk = generate_kk(region, issued, serial)
    assert validate_kk(kk) == []
    assert kk_issue_date(kk, today=TODAY) == issued


@given(st.text(alphabet="0123456789 .-", max_size=30))
def test_mask_never_shows_the_date_part(text: str) -> None:
    masked = mask_nik(text)
    digits = normalize_nik(text)
    assert len(masked) == len(digits)
    if len(digits) >= 10:
        assert masked[:6] == digits[:6] and masked[-2:] == digits[-2:]
        assert set(masked[6:-2]) == {"*"}
    else:
        assert set(masked) <= {"*"}


# --- messages -----------------------------------------------------------------------------------


def test_messages_have_both_languages_with_same_placeholders() -> None:
    for code, pair in MESSAGES.items():
        assert code.startswith(("nik.", "kk.")), code
        assert len(pair) == 2
        id_text, en_text = pair
        assert id_text.strip() and en_text.strip(), code
        assert id_text != en_text, code
        assert placeholders(id_text) == placeholders(en_text), code


def _known_18(code: str) -> bool:
    return code == "18"


def _no_region(_code: str) -> bool:
    return False


# Inputs that together emit every code; each case names the code it must produce.
EMITTERS: list[tuple[str, Callable[[], list[Issue]]]] = [
    ("nik.not_digits", lambda: validate_nik("18070112O3850001")),
    ("nik.length", lambda: validate_nik("180701120385")),
    ("nik.province_zero", lambda: validate_nik("0007011203850001")),
    ("nik.regency_zero", lambda: validate_nik("1800011203850001")),
    ("nik.district_zero", lambda: validate_nik("1807001203850001")),
    ("nik.unknown_province", lambda: validate_nik("9907011203850001", is_known_province=_known_18)),
    ("nik.bad_day", lambda: validate_nik("1807013503850001")),
    ("nik.bad_month", lambda: validate_nik("1807011213850001")),
    ("nik.bad_date", lambda: validate_nik("1807013102850001")),
    ("nik.serial_zero", lambda: validate_nik("1807011203850000")),
    ("nik.unknown_region", lambda: validate_nik(MAN, is_known_region=_no_region)),
    (
        "nik.birth_date_mismatch",
        lambda: validate_nik(MAN, birth_date=date(1985, 3, 13), today=TODAY),
    ),
    ("nik.sex_mismatch_female", lambda: validate_nik(WOMAN, sex="L")),
    ("nik.sex_mismatch_male", lambda: validate_nik(MAN, sex="P")),
    ("kk.not_digits", lambda: validate_kk("18070115061OO003")),
    ("kk.length", lambda: validate_kk("18070115061000031")),
    ("kk.province_zero", lambda: validate_kk("0007011506100003")),
    ("kk.regency_zero", lambda: validate_kk("1800011506100003")),
    ("kk.district_zero", lambda: validate_kk("1807001506100003")),
    ("kk.unknown_province", lambda: validate_kk("9907011506100003", is_known_province=_known_18)),
    ("kk.bad_day", lambda: validate_kk("1807015506100003")),
    ("kk.bad_month", lambda: validate_kk("1807011513100003")),
    ("kk.bad_date", lambda: validate_kk("1807013104100003")),
    ("kk.serial_zero", lambda: validate_kk("1807011506100000")),
    ("kk.unknown_region", lambda: validate_kk(KK, is_known_region=_no_region)),
]


@pytest.mark.parametrize(("code", "run"), EMITTERS, ids=[c for c, _ in EMITTERS])
def test_each_code_is_emitted_and_catalogued(code: str, run: Callable[[], list[Issue]]) -> None:
    issues = run()
    assert code in codes(issues)
    for issue in issues:
        assert_well_formed(issue)


def test_every_catalogued_code_has_an_emitter() -> None:
    assert {code for code, _ in EMITTERS} == set(MESSAGES)


# --- NIK examples -------------------------------------------------------------------------------


@pytest.mark.parametrize("value", [None, "", "   ", " . - "])
def test_empty_is_not_this_functions_business(value: str | None) -> None:
    assert validate_nik(value) == []
    assert validate_kk(value) == []


def test_known_examples_are_valid() -> None:
    assert validate_nik(MAN, birth_date=date(1985, 3, 12), sex="L", today=TODAY) == []
    assert validate_nik(WOMAN, birth_date=date(1985, 3, 12), sex="P", today=TODAY) == []
    assert nik_sex(MAN) == "L" and nik_sex(WOMAN) == "P"
    assert nik_birth_date(WOMAN, today=TODAY) == date(1985, 3, 12)
    assert nik_region(WOMAN) == "18.07.01"


def test_normalize_strips_separators_only() -> None:
    assert normalize_nik(" 18.07.01-5203 850001 ") == WOMAN
    assert normalize_nik("18\u00a007\u201301\t5203850001") == WOMAN
    assert normalize_nik("1807/01x") == "1807/01x"
    assert normalize_nik(None) == ""


def test_non_digits_are_named() -> None:
    issues = validate_nik("18070112O3850001")
    assert [(i.code, i.params) for i in issues] == [("nik.not_digits", {"chars": "O"})]
    issues = validate_nik("1807011203850\u200b01")
    assert issues[0].params == {"chars": "U+200B"}
    issues = validate_nik("abc")
    assert codes(issues) == ["nik.not_digits", "nik.length"]
    assert issues[0].params == {"chars": "a, b, c"}
    assert issues[1].params == {"length": 3}
    # Non-ASCII digits are not accepted as NIK digits.
    assert codes(validate_nik("\uff11807011203850001")) == ["nik.not_digits"]


def test_separators_do_not_count_towards_length() -> None:
    assert validate_nik("1807-0112-0385-0001") == []
    assert codes(validate_nik("1807 0112 0385 001")) == ["nik.length"]


def test_zero_region_parts_are_errors() -> None:
    issues = validate_nik("0000001203850001", is_known_province=_known_18)
    assert codes(issues) == ["nik.province_zero", "nik.regency_zero", "nik.district_zero"]
    assert all(i.is_error and i.field == "nik" for i in issues)


def test_unknown_province_is_an_error_and_skips_region_check() -> None:
    asked: list[str] = []

    def region_known(code: str) -> bool:
        asked.append(code)
        return False

    issues = validate_nik(
        "9907011203850001", is_known_province=_known_18, is_known_region=region_known
    )
    assert [(i.code, i.params, i.severity) for i in issues] == [
        ("nik.unknown_province", {"province": "99"}, Severity.ERROR)
    ]
    assert asked == []


def test_unknown_region_is_only_a_warning() -> None:
    asked: list[str] = []

    def region_known(code: str) -> bool:
        asked.append(code)
        return False

    issues = validate_nik(MAN, is_known_province=_known_18, is_known_region=region_known)
    assert asked == ["18.07.01"]
    assert [(i.code, i.params, i.severity) for i in issues] == [
        ("nik.unknown_region", {"region": "18.07.01"}, Severity.WARNING)
    ]
    assert validate_nik(MAN, is_known_region=lambda c: c == "18.07.01") == []


@pytest.mark.parametrize(
    ("day_month_year", "code"),
    [
        ("310285", "nik.bad_date"),
        ("710285", "nik.bad_date"),  # a woman "born" on 31 February
        ("310485", "nik.bad_date"),
        ("310185", None),
        ("710185", None),
        ("410185", None),
        ("290201", "nik.bad_date"),
        ("290298", "nik.bad_date"),  # neither 1998 nor 2098 is a leap year
        ("290200", None),  # 2000 was a leap year, although 1900 was not
        ("290204", None),
        ("690296", None),
    ],
)
def test_calendar_dates(day_month_year: str, code: str | None) -> None:
    issues = validate_nik(f"180701{day_month_year}0001", today=TODAY)
    assert codes(issues) == ([code] if code else [])


def test_bad_date_shows_the_real_day() -> None:
    issues = validate_nik("1807017104850001")
    assert issues[0].params == {"date": "31/04/85"}


@pytest.mark.parametrize(
    ("day_month_year", "born"),
    [
        ("150625", date(2025, 6, 15)),  # today: this century
        ("160625", date(1925, 6, 16)),  # tomorrow in 2025, so 1925
        ("150630", date(1930, 6, 15)),
        ("010100", date(2000, 1, 1)),
        ("290200", date(2000, 2, 29)),
        ("311299", date(1999, 12, 31)),
        ("120385", date(1985, 3, 12)),
    ],
)
def test_two_digit_year_never_gives_a_future_birth(day_month_year: str, born: date) -> None:
    nik = f"180701{day_month_year}0001"
    assert nik_birth_date(nik, today=TODAY) == born
    assert validate_nik(nik, birth_date=born, today=TODAY) == []


def test_birth_date_default_today_is_not_in_the_future() -> None:
    today = date.today()
    nik = generate_nik("180701", today, "P", 1)
    assert nik_birth_date(nik) == today
    later = generate_nik("180701", date(today.year + 1, 1, 1), "L", 1)
    resolved = nik_birth_date(later)
    assert resolved is not None and resolved <= today


def test_birth_date_mismatch_is_a_warning_with_both_dates() -> None:
    issues = validate_nik(MAN, birth_date=date(1986, 3, 12), today=TODAY)
    assert [(i.code, i.severity, i.params) for i in issues] == [
        (
            "nik.birth_date_mismatch",
            Severity.WARNING,
            {"expected": date(1986, 3, 12), "found": date(1985, 3, 12)},
        )
    ]
    # the catalogue shows the dates
    assert "(12/03/1986)" in message(issues[0].code, "en", **issues[0].params)
    assert "(12/03/1985)" in message(issues[0].code, "id", **issues[0].params)
    # Only the two-digit year is in the NIK: another century is not a mismatch.
    assert validate_nik("1807011203250001", birth_date=date(1925, 3, 12), today=TODAY) == []


def test_no_date_warning_when_the_nik_date_is_already_an_error() -> None:
    issues = validate_nik("1807013102850001", birth_date=date(1985, 3, 12), today=TODAY)
    assert codes(issues) == ["nik.bad_date"]


def test_sex_mismatch_is_a_warning() -> None:
    issues = validate_nik(WOMAN, sex="L")
    assert [(i.code, i.severity, i.params) for i in issues] == [
        ("nik.sex_mismatch_female", Severity.WARNING, {"nik_day": "52"})
    ]
    issues = validate_nik(MAN, sex="P")
    assert [(i.code, i.params) for i in issues] == [("nik.sex_mismatch_male", {"nik_day": "12"})]
    assert validate_nik(WOMAN, sex=" p ") == []
    assert validate_nik(WOMAN, sex="X") == []  # not this function's rule
    assert validate_nik(WOMAN, sex="") == []


def test_several_errors_are_reported_together() -> None:
    issues = validate_nik("0000009913000000", birth_date=date(1990, 1, 1), sex="L")
    assert codes(issues) == [
        "nik.province_zero",
        "nik.regency_zero",
        "nik.district_zero",
        "nik.bad_day",
        "nik.bad_month",
        "nik.serial_zero",
    ]


# --- No. KK examples ----------------------------------------------------------------------------


def test_kk_examples() -> None:
    assert validate_kk(KK) == []
    assert validate_kk("1807.01 150610-0003") == []
    assert kk_issue_date(KK, today=TODAY) == date(2010, 6, 15)
    assert kk_issue_date("1807011506300003", today=TODAY) == date(1930, 6, 15)
    assert kk_issue_date("1807013102100003") is None
    assert nik_region(KK) == "18.07.01"


def test_kk_day_has_no_female_offset() -> None:
    issues = validate_kk("1807014506100003")
    assert [(i.code, i.field, i.params) for i in issues] == [("kk.bad_day", "no_kk", {"day": "45"})]
    assert codes(validate_kk("1807010006100003")) == ["kk.bad_day"]


def test_kk_dates_and_serial() -> None:
    assert codes(validate_kk("1807012902000003")) == []  # 29/02/2000
    assert codes(validate_kk("1807012902010003")) == ["kk.bad_date"]
    assert validate_kk("1807013104100003")[0].params == {"date": "31/04/10"}
    assert codes(validate_kk("1807011500100000")) == ["kk.bad_month", "kk.serial_zero"]


def test_kk_region_checks() -> None:
    assert codes(validate_kk("0000001506100003")) == [
        "kk.province_zero",
        "kk.regency_zero",
        "kk.district_zero",
    ]
    issues = validate_kk(KK, is_known_province=_known_18, is_known_region=_no_region)
    assert [(i.code, i.severity) for i in issues] == [("kk.unknown_region", Severity.WARNING)]
    issues = validate_kk("9907011506100003", is_known_province=_known_18)
    assert [(i.code, i.severity) for i in issues] == [("kk.unknown_province", Severity.ERROR)]


# --- generating and masking ---------------------------------------------------------------------


def test_generate_examples() -> None:
    assert generate_nik("18.07.01", date(1985, 3, 12), "P", 1) == WOMAN
    assert generate_nik("180701", date(1985, 3, 12), "l", 1) == MAN
    assert generate_kk("18.07.01", date(2010, 6, 15), 3) == KK


@pytest.mark.parametrize(
    ("region", "sex", "serial"),
    [
        ("18070", "L", 1),
        ("1807011", "L", 1),
        ("18.00.01", "L", 1),
        ("18.07.0x", "L", 1),
        ("180701", "X", 1),
        ("180701", "L", 0),
        ("180701", "L", 10000),
    ],
)
def test_generate_refuses_bad_input(region: str, sex: str, serial: int) -> None:
    with pytest.raises(ValueError):
        generate_nik(region, date(1990, 1, 1), sex, serial)


def test_generate_kk_refuses_bad_serial() -> None:
    with pytest.raises(ValueError):
        generate_kk("180701", date(2010, 1, 1), 0)


def test_mask_examples() -> None:
    assert mask_nik(WOMAN) == "180701********01"
    assert mask_nik("1807.0152.0385.0001") == "180701********01"
    assert mask_nik("12345") == "*****"
    assert mask_nik("") == ""
    assert mask_nik(None) == ""
    masked = mask_nik(WOMAN)
    assert "520385" not in masked and WOMAN not in masked
