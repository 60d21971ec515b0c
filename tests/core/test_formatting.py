"""One formatting module for dates, times and numbers, in both languages."""

from __future__ import annotations

from datetime import UTC, date, datetime

from app.core import formatting as f


def test_whole_numbers_are_grouped_by_language() -> None:
    assert f.number(2618, "id") == "2.618" and f.number(2618, "en") == "2,618"
    assert f.number(2000000, "id") == "2.000.000" and f.number(2000000, "en") == "2,000,000"
    assert f.number(7, "id") == "7" and f.number(-1234, "id") == "-1.234"
    assert f.number(2618) == "2.618"  # Indonesian by default


def test_decimals_and_sizes_by_language() -> None:
    assert f.decimal(1234.5, 1, "id") == "1.234,5" and f.decimal(1234.5, 1, "en") == "1,234.5"
    assert f.size(1572864, "id") == "1,5 MB" and f.size(1572864, "en") == "1.5 MB"


def test_dates_are_day_month_year_in_both_languages() -> None:
    for lang in ("id", "en"):
        assert f.date_text(date(2026, 3, 7), lang) == "07/03/2026"
        assert f.date_text(datetime(2026, 3, 7, 23, 59), lang) == "07/03/2026"
        assert f.date_text("2026-03-07", lang) == "07/03/2026"
        assert f.date_text("2026-03-07T10:00:00", lang) == "07/03/2026"
        assert f.date_text(None, lang) == "" and f.date_text("", lang) == ""
        assert f.date_text("belum tahu", lang) == "belum tahu"


def test_times_are_shown_in_local_time() -> None:
    stored = datetime(2026, 3, 7, 1, 30)  # naive UTC, as the database keeps it
    local = stored.replace(tzinfo=UTC).astimezone()
    expected = f"{local:%d/%m/%Y %H:%M}"
    assert f.datetime_text(stored, "id") == expected == f.datetime_text(stored, "en")
    assert f.datetime_text(stored, utc=False) == "07/03/2026 01:30"
    assert f.datetime_text(None) == ""


def test_gui_counts_follow_the_language(qapp) -> None:
    """The bundle importer's counts and its table used to differ ("2618 baru" / "2.000")."""
    from app.ui.i18n import set_language
    from app.ui.p4mi import common

    try:
        set_language("en")
        assert common.number(2618) == "2,618"
        set_language("id")
        assert common.number(2618) == "2.618"
    finally:
        set_language("id")


def test_the_period_report_cells_use_the_module() -> None:
    from sync.report import _cell_text

    assert _cell_text(2618) == "2.618" and _cell_text(date(2026, 1, 5)) == "05/01/2026"
