"""Per-cell conversion: every cell is checked against its column's kind in the format
(:mod:`sync.schema`); a bad cell raises :class:`_CellError` with a coded message."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date, datetime
from operator import itemgetter
from typing import Any

from app.core.rules.nik import mask_nik, validate_kk, validate_nik
from sync.schema import Column


class _CellError(Exception):
    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


_HEX32 = re.compile(r"^[0-9a-f]{32}$")
_STAMP = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{6}$")
_DMY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DIGITS16 = re.compile(r"^\d{16}$")


def _empty(col: Column) -> Any:
    if col.nullable:
        return None
    if col.kind in ("text", "nik"):
        return ""
    raise _CellError("sync.row.required")


# Characters the program never stores: C0/C1 controls except tab and line breaks, and the
# invisible bidi overrides/isolates that make a name display as another (they would also break
# the regency recap and terminals for every village).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e"
                      "\u2066-\u2069\ufeff\ufff9-\ufffb]")


def _text_value(value: Any) -> str:
    if isinstance(value, str):  # the reader already undid the OOXML _x00HH_ escapes
        bad = _CONTROL.search(value)
        if bad is not None:
            raise _CellError("sync.row.control_char", char=f"U+{ord(bad.group()):04X}")
        return value
    if isinstance(value, bool) or isinstance(value, int | float):
        raise _CellError("sync.row.number_not_text")
    if isinstance(value, date | datetime):
        raise _CellError("sync.row.date_not_text")
    raise _CellError("sync.row.bad_value")


def _converter(table: str, col: Column, required_text: bool) -> Callable[[Any], Any]:
    kind = col.kind

    if kind in ("id", "ref"):
        def conv(v: Any) -> Any:
            if v == "" or v is None:
                return _empty(col) if kind == "ref" else _raise("sync.row.required")
            if not isinstance(v, str) or not _HEX32.match(v):
                raise _CellError("sync.row.bad_id")
            return v
        return conv

    if kind == "nik":
        check = validate_kk if col.key == "no_kk" else validate_nik

        def conv(v: Any) -> Any:
            if v == "" or v is None:
                return _empty(col)
            text = _text_value(v)
            if not _DIGITS16.match(text):
                raise _CellError("sync.row.bad_nik", value=mask_nik(text))
            for issue in check(text):
                if issue.is_error:
                    raise _CellError(issue.code, **issue.params)
            return text
        return conv

    if kind in ("text", "enum"):
        max_len = col.max_len
        choices = col.choices

        def conv(v: Any) -> Any:
            if v == "" or v is None:
                if required_text:
                    raise _CellError("sync.row.required")
                return _empty(col) if kind == "text" else _raise("sync.row.required")
            text = _text_value(v)
            if len(text) > max_len:
                raise _CellError("sync.row.too_long", maximum=max_len, length=len(text))
            if choices and text not in choices:
                raise _CellError("sync.row.bad_choice", value=text[:40],
                                 choices=", ".join(sorted(choices)))
            return text
        return conv

    if kind == "date":
        def conv(v: Any) -> Any:
            if v == "" or v is None:
                return _empty(col)
            if isinstance(v, datetime):
                if v.time() != datetime.min.time():
                    raise _CellError("sync.row.bad_date")
                return v.date().isoformat()
            if isinstance(v, date):
                return v.isoformat()
            if isinstance(v, str):
                m = _DMY.match(v.strip())
                try:
                    if m:
                        return date(int(m.group(3)), int(m.group(2)), int(m.group(1))).isoformat()
                    if _ISO_DATE.match(v.strip()):
                        return date.fromisoformat(v.strip()).isoformat()
                except ValueError:
                    pass
            raise _CellError("sync.row.bad_date")
        return conv

    if kind == "stamp":
        def conv(v: Any) -> Any:
            if v == "" or v is None:
                return _empty(col)
            if not isinstance(v, str) or not _STAMP.match(v):
                raise _CellError("sync.row.bad_stamp")
            try:
                datetime.fromisoformat(v)
            except ValueError as exc:
                raise _CellError("sync.row.bad_stamp") from exc
            return v
        return conv

    if kind == "int":
        def conv(v: Any) -> Any:
            if v == "" or v is None:
                return _empty(col)
            if isinstance(v, bool):
                raise _CellError("sync.row.bad_int")
            if isinstance(v, int):
                n = v
            elif isinstance(v, float) and v.is_integer():
                n = int(v)
            else:
                raise _CellError("sync.row.bad_int")
            if n < 0 or n > 2**62:
                raise _CellError("sync.row.bad_int")
            return n
        return conv

    if kind == "bool":
        def conv(v: Any) -> Any:
            if v == "ya":
                return True
            if v == "tidak":
                return False
            raise _CellError("sync.row.bad_bool")
        return conv

    raise AssertionError(kind)


def _raise(code: str) -> Any:
    raise _CellError(code)


# -- whole columns ---------------------------------------------------------------------------
#
# A bundle of 170,000 residents has about three million cells: checking them one call at a time
# costs seconds. :func:`column_converter` gives, per column, a function that checks a chunk of
# that column's values at once (one regular-expression search over the joined texts, one set of
# the distinct values, ...) and returns the converted values, or ``None`` when it cannot vouch
# for every value. It accepts only values that the cell converter above accepts and returns the
# same results; for anything else (a bad cell, a rare form) the caller converts the chunk cell
# by cell with :func:`_converter`, which names the row and column of each bad cell.

ColumnConverter = Callable[[Sequence[Any]], "list[Any] | None"]

# what an empty cell ("" or None) becomes, as a mapping: None for a nullable column, else ""
_EMPTY_TO: dict[Any, dict[Any, Any]] = {None: {"": None, None: None}, "": {"": "", None: ""}}

_HEX_RUN = re.compile(r"[0-9a-f]*")
_ASCII_DIGIT_RUN = re.compile(r"[0-9]*")
_STAMP_RUN = re.compile(r"(?:\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{6})*")
_STAMP_LEN = 26
_NIK_LEN = 16
_MAX_INT = 2**62


def _same_length_run(values: Sequence[str], length: int, run: re.Pattern[str]) -> bool:
    """Every value a ``str`` of exactly ``length`` characters, all of ``run``'s alphabet."""
    try:
        joined = "".join(values)
    except TypeError:  # a number or a date among the texts
        return False
    return (len(joined) == length * len(values) and set(map(len, values)) <= {length}
            and run.fullmatch(joined) is not None)


# the parts of a 16-digit number, taken without a Python call per number
_REGION, _DATE_PART, _SERIAL = itemgetter(slice(0, 6)), itemgetter(slice(6, 12)), itemgetter(
    slice(12, 16))


class _NikParts:
    """Whether a 16-digit ASCII number has no error in :func:`validate_nik` /
    :func:`validate_kk` (without the region lists, as the importer calls them): their errors
    come from three parts checked independently (the region code's pairs, the date part, the
    serial ``0000``), so each distinct region and date part is checked once, with the real
    validator, on a number whose other parts are known to be fine."""

    _GOOD_REGION = "110101"  # a region without a zero pair
    _GOOD_DATE = "010190"  # 1 January 1990 (a NIK day, a KK day)
    _GOOD_SERIAL = "0001"

    def __init__(self, check: Callable[..., Any]) -> None:
        self.check = check
        self.regions: dict[str, bool] = {}
        self.dates: dict[str, bool] = {}

    def _fine(self, number: str) -> bool:
        return not any(issue.is_error for issue in self.check(number))

    def all_fine(self, numbers: Sequence[str]) -> bool:
        if "0000" in set(map(_SERIAL, numbers)):
            return False
        for region in set(map(_REGION, numbers)):
            ok = self.regions.get(region)
            if ok is None:
                ok = self.regions[region] = self._fine(region + self._GOOD_DATE
                                                       + self._GOOD_SERIAL)
            if not ok:
                return False
        for part in set(map(_DATE_PART, numbers)):
            ok = self.dates.get(part)
            if ok is None:
                ok = self.dates[part] = self._fine(self._GOOD_REGION + part + self._GOOD_SERIAL)
            if not ok:
                return False
        return True


def column_converter(table: str, col: Column, required_text: bool) -> ColumnConverter:
    """The whole-column twin of :func:`_converter` (see above)."""
    kind = col.kind
    cell = _converter(table, col, required_text)

    def by_distinct(values: Sequence[Any]) -> list[Any] | None:
        # few distinct values (dates, choices, flags, versions): each converted once
        memo: dict[Any, Any] = {}
        try:
            for v in set(values):
                memo[v] = cell(v)
        except (_CellError, TypeError):
            return None
        try:
            return list(map(memo.__getitem__, values))
        except KeyError:  # a value not equal to itself (NaN)
            return None

    if kind in ("date", "bool"):
        return by_distinct

    # the value an empty cell becomes, or _CellError's code when it is refused
    if kind == "id":
        empty_ok = False
    elif kind in ("ref", "date", "stamp", "int", "nik"):
        empty_ok = col.nullable or kind == "nik"
    elif kind == "text":
        empty_ok = not required_text
    else:  # enum
        empty_ok = False
    empty_value = None if col.nullable else ""

    def split(values: Sequence[Any]) -> tuple[list[Any], list[Any]] | None:
        """(non-empty values, all values with empty cells converted), or None if an empty cell
        is refused."""
        if "" not in values and None not in values:
            return list(values), list(values)
        if not empty_ok:
            return None
        # without a Python step per value (a third of the column checks' time on sparse
        # columns): the empty cells replaced through a dict's get, the others kept by filter
        filled = list(map(_EMPTY_TO[empty_value].get, values, values))
        present = list(filter(None, values))
        if len(present) + values.count("") + values.count(None) != len(values):
            # a value that is false but not empty (0.0): kept
            present = [v for v in values if v != "" and v is not None]
        return present, filled

    if kind in ("id", "ref"):
        def ids(values: Sequence[Any]) -> list[Any] | None:
            parts = split(values)
            if parts is None or not _same_length_run(parts[0], 32, _HEX_RUN):
                return None
            return parts[1]
        return ids

    if kind == "nik":
        nik_parts = _NikParts(validate_kk if col.key == "no_kk" else validate_nik)

        def niks(values: Sequence[Any]) -> list[Any] | None:
            parts = split(values)
            if parts is None or not _same_length_run(parts[0], _NIK_LEN, _ASCII_DIGIT_RUN):
                return None
            return parts[1] if nik_parts.all_fine(parts[0]) else None
        return niks

    if kind in ("text", "enum"):
        max_len = col.max_len
        choices = col.choices

        def texts(values: Sequence[Any]) -> list[Any] | None:
            parts = split(values)
            if parts is None:
                return None
            present = parts[0]
            if not present:
                return parts[1]
            try:
                joined = "\n".join(present)  # a line break is allowed in a text
            except TypeError:
                return None
            if _CONTROL.search(joined) is not None or max(map(len, present)) > max_len:
                return None
            if choices and not set(present) <= choices:
                return None
            return parts[1]
        return texts

    if kind == "stamp":
        def stamps(values: Sequence[Any]) -> list[Any] | None:
            parts = split(values)
            if parts is None or not _same_length_run(parts[0], _STAMP_LEN, _STAMP_RUN):
                return None
            try:
                for _ in map(datetime.fromisoformat, parts[0]):
                    pass
            except ValueError:
                return None
            return parts[1]
        return stamps

    if kind == "int":
        def ints(values: Sequence[Any]) -> list[Any] | None:
            parts = split(values)
            if parts is None:
                return None
            present = parts[0]
            if not present:
                return parts[1]
            if set(map(type, present)) != {float} or not all(map(float.is_integer, present)):
                return None
            numbers = list(map(int, present))
            if min(numbers) < 0 or max(numbers) > _MAX_INT:
                return None
            if len(present) == len(values):
                return numbers
            it = iter(numbers)
            return [v if v is None or v == "" else next(it) for v in parts[1]]
        return ints

    raise AssertionError(kind)
