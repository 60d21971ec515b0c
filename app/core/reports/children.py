"""The list of children of migrants as a workbook (or CSV) for the village head.

Written through the one safe table writer (:mod:`app.core.tables`): atomic, text stays
text, dates are dates. The rows are :func:`app.core.repo.family.children_of_migrants`, the
same the dashboard shows and counts. Headers and labels in Indonesian (``lang="id"``) or
English (``lang="en"``).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from app.core.formatting import date_text
from app.core.reference import ref_label
from app.core.repo.family import ChildRow

HEADERS = {
    "id": ("No", "Nama anak", "Tanggal lahir", "Umur", "Pendidikan", "Orang tua (C)PMI",
           "Di mana", "Pengasuh", "Tanda"),
    "en": ("No", "Child's name", "Date of birth", "Age", "Schooling", "Migrant parent(s)",
           "Where", "Carer", "Flag"),
}
WORDS = {
    "id": {"title": "Daftar anak pekerja migran, Desa {village}, per {date}",
           "sum": "{n} anak, {m} tanpa pengasuh",
           "none": "TANPA PENGASUH", "parent_home": "orang tua di rumah", "cpmi": "CPMI",
           "pmi": "PMI", "unknown": "negara belum dicatat", "sheet": "Anak PMI"},
    "en": {"title": "Children of migrant workers, Village {village}, as of {date}",
           "sum": "{n} children, {m} without carer",
           "none": "NO CARER", "parent_home": "parent at home", "cpmi": "CPMI",
           "pmi": "PMI", "unknown": "country not recorded", "sheet": "Children of PMI"},
}


def where_text(row: ChildRow, lang: str = "id") -> str:
    """Where the migrant parents are: ``PMI, Hong Kong; CPMI, terverifikasi``."""
    w = WORDS["en" if lang == "en" else "id"]
    parts = []
    for p in row.parents:
        status = w["pmi"] if p.migrant_status == "pmi" else w["cpmi"]
        if p.migrant_status == "pmi":
            place = ref_label("countries", p.country, lang) if p.country else w["unknown"]
        else:
            place = ref_label("countries", p.country, lang) if p.country else ""
        parts.append(f"{status}, {place}" if place else status)
    return "; ".join(parts)


def carer_text(row: ChildRow, lang: str = "id") -> str:
    w = WORDS["en" if lang == "en" else "id"]
    if row.without_carer:
        return w["none"]
    text = ", ".join(row.carers)
    return f"{text} ({w['parent_home']})" if row.carer_is_parent else text


def write_children_list(out: Path, rows: list[ChildRow], village: str, today: date,
                        lang: str = "id") -> Path:
    from app.core.tables import DATE, INT, TEXT, Column, Sheet, write_table

    lang = "en" if lang == "en" else "id"
    w, h = WORDS[lang], HEADERS[lang]
    no_carer = sum(1 for r in rows if r.without_carer)
    sheet = Sheet(
        w["sheet"],
        [Column(h[0], INT, 5), Column(h[1], TEXT, 28), Column(h[2], DATE, 13),
         Column(h[3], INT, 6), Column(h[4], TEXT, 18), Column(h[5], TEXT, 30),
         Column(h[6], TEXT, 28), Column(h[7], TEXT, 28), Column(h[8], TEXT, 18)],
        rows=([i, r.name, r.birth_date, r.age,
               ref_label("education", r.education, lang) if r.education else "",
               ", ".join(p.name for p in r.parents), where_text(r, lang), carer_text(r, lang),
               w["none"] if r.without_carer else ""] for i, r in enumerate(rows, 1)),
        title_rows=[w["title"].format(village=village, date=date_text(today, lang)),
                    w["sum"].format(n=len(rows), m=no_carer)])
    return write_table(out, sheet)
