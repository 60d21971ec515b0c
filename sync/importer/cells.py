"""Per-cell conversion: every cell is checked against its column's kind in the format
(:mod:`sync.schema`); a bad cell raises :class:`_CellError` with a coded message."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
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
