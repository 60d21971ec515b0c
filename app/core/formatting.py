"""The one place that turns dates, times and numbers into text, by language.

Used by the GUI (tables, summaries, counts), the reports and the exported tables' text
cells, so "2.618 baru" and "2.000" never stand side by side written two ways.

- Dates are ``dd/mm/yyyy`` in both languages (the form every Indonesian office uses and
  the one on the printed register); times ``dd/mm/yyyy HH:MM``, shown in local time when the
  stored value is naive UTC.
- Whole numbers are grouped by thousands: ``2.618`` in Indonesian, ``2,618`` in English;
  decimals use the comma in Indonesian (``1,5``) and the point in English (``1.5``).

Nothing here knows Qt; the GUI passes its current language (``"id"`` or ``"en"``).
"""

from __future__ import annotations

from datetime import UTC, date, datetime

DEFAULT_LANGUAGE = "id"


def _indonesian(lang: str) -> bool:
    return lang != "en"


def number(value: int, lang: str = DEFAULT_LANGUAGE) -> str:
    """A whole number grouped by thousands: ``2.618`` (id) or ``2,618`` (en)."""
    text = f"{int(value):,}"
    return text.replace(",", ".") if _indonesian(lang) else text


def decimal(value: float, digits: int = 1, lang: str = DEFAULT_LANGUAGE) -> str:
    """A number with ``digits`` decimals: ``1.234,5`` (id) or ``1,234.5`` (en)."""
    text = f"{float(value):,.{digits}f}"
    if _indonesian(lang):
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def size(byte_count: int, lang: str = DEFAULT_LANGUAGE) -> str:
    """A file size in megabytes with one decimal: ``1,5 MB`` (id) or ``1.5 MB`` (en)."""
    return f"{decimal(byte_count / (1024 * 1024), 1, lang)} MB"


def date_text(value: object, lang: str = DEFAULT_LANGUAGE) -> str:
    """``dd/mm/yyyy`` for a date, a datetime or an ISO date string; empty for None/"".

    Text that is not an ISO date is returned as it is.
    """
    del lang  # the same form in both languages (see the module's note)
    if value is None or value == "":
        return ""
    if isinstance(value, date):
        return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"
    text = str(value)
    if len(text) >= 10 and text[4] == "-" and text[7] == "-":
        return f"{text[8:10]}/{text[5:7]}/{text[0:4]}"
    return text


def datetime_text(value: datetime | None, lang: str = DEFAULT_LANGUAGE, *,
                  utc: bool = True) -> str:
    """``dd/mm/yyyy HH:MM``; a naive stored value is UTC (``utc``) and shown in local time."""
    if value is None:
        return ""
    if utc and value.tzinfo is None:
        value = value.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)
    elif value.tzinfo is not None:
        value = value.astimezone().replace(tzinfo=None)
    return f"{date_text(value, lang)} {value:%H:%M}"
