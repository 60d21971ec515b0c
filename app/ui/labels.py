"""Display labels for the codes the core stores (statuses, states, procedure), translatable.

Coded *reference lists* (countries, documents, ...) carry their own Indonesian and English
labels in ``resources/reference``; these few enums of the core are labelled here, in context
``Labels``, so lupdate finds them. English source, Indonesian in ``app_id.ts``.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.core import formatting

MIGRANT_STATUS = {
    "calon_pmi": QT_TRANSLATE_NOOP("Labels", "Prospective migrant worker (CPMI)"),
    "pmi": QT_TRANSLATE_NOOP("Labels", "Migrant worker abroad (PMI)"),
    "purna_pmi": QT_TRANSLATE_NOOP("Labels", "Returned migrant worker"),
    "bukan": QT_TRANSLATE_NOOP("Labels", "Not a migrant worker"),
}
MIGRANT_STATUS_SHORT = {
    "calon_pmi": QT_TRANSLATE_NOOP("Labels", "CPMI"),
    "pmi": QT_TRANSLATE_NOOP("Labels", "PMI abroad"),
    "purna_pmi": QT_TRANSLATE_NOOP("Labels", "Returned"),
    "bukan": QT_TRANSLATE_NOOP("Labels", "None"),
}
LIFE_STATUS = {
    "hidup": QT_TRANSLATE_NOOP("Labels", "Alive"),
    "meninggal": QT_TRANSLATE_NOOP("Labels", "Deceased"),
    "pindah": QT_TRANSLATE_NOOP("Labels", "Moved away"),
}
EPISODE_STATE = {
    "terdaftar": QT_TRANSLATE_NOOP("Labels", "Registered"),
    "terverifikasi": QT_TRANSLATE_NOOP("Labels", "Verified"),
    "berangkat": QT_TRANSLATE_NOOP("Labels", "Departed (abroad)"),
    "pulang": QT_TRANSLATE_NOOP("Labels", "Returned home"),
    "batal": QT_TRANSLATE_NOOP("Labels", "Cancelled"),
    "gagal_berangkat": QT_TRANSLATE_NOOP("Labels", "Failed to depart"),
    # issue 9
    "dalam_proses": QT_TRANSLATE_NOOP("Labels", "In process (P3MI, training, shelter)"),
    "cuti": QT_TRANSLATE_NOOP("Labels", "Home leave"),
    "dicegah": QT_TRANSLATE_NOOP("Labels", "Prevented / not recommended"),
}
FLAG_SEVERITY = {
    "tinggi": QT_TRANSLATE_NOOP("Labels", "high"),
    "sedang": QT_TRANSLATE_NOOP("Labels", "medium"),
    "rendah": QT_TRANSLATE_NOOP("Labels", "low"),
}
FLAG_STEP = {  # the step a red flag was seen at
    "daftar": QT_TRANSLATE_NOOP("Labels", "registration"),
    "verifikasi": QT_TRANSLATE_NOOP("Labels", "verification"),
    "berangkat": QT_TRANSLATE_NOOP("Labels", "departure"),
}
PROCEDURE = {
    "prosedural": QT_TRANSLATE_NOOP("Labels", "Procedural"),
    "diduga_nonprosedural": QT_TRANSLATE_NOOP("Labels", "Suspected non-procedural"),
    "belum_diketahui": QT_TRANSLATE_NOOP("Labels", "Not known yet"),
}
SEX = {
    "L": QT_TRANSLATE_NOOP("Labels", "Male"),
    "P": QT_TRANSLATE_NOOP("Labels", "Female"),
}
CASE_STATUS = {
    "baru": QT_TRANSLATE_NOOP("Labels", "New"),
    "diproses": QT_TRANSLATE_NOOP("Labels", "In progress"),
    "selesai": QT_TRANSLATE_NOOP("Labels", "Closed"),
}
ENTITY = {
    "resident": QT_TRANSLATE_NOOP("Labels", "resident"),
    "episode": QT_TRANSLATE_NOOP("Labels", "migration episode"),
    "contact_log": QT_TRANSLATE_NOOP("Labels", "news from abroad"),
    "family_link": QT_TRANSLATE_NOOP("Labels", "family member"),
    "case_file": QT_TRANSLATE_NOOP("Labels", "case"),
    "case_follow_up": QT_TRANSLATE_NOOP("Labels", "case follow-up"),
    "activity": QT_TRANSLATE_NOOP("Labels", "activity"),
    "activity_participant": QT_TRANSLATE_NOOP("Labels", "activity participant"),
    "episode_flag": QT_TRANSLATE_NOOP("Labels", "red flag"),
    "letter": QT_TRANSLATE_NOOP("Labels", "village letter"),
    "p4mi_case_action": QT_TRANSLATE_NOOP("Labels", "P4MI case action"),
}


def label(table: dict[str, str], code: str | None) -> str:
    """The translated label of ``code`` in one of the tables above (the code if unknown)."""
    if code is None:
        return ""
    source = table.get(code)
    return QCoreApplication.translate("Labels", source) if source else code


def fmt_date(value: object) -> str:
    """``dd/MM/yyyy`` for a date or an ISO date string; empty for None
    (:func:`app.core.formatting.date_text`)."""
    return formatting.date_text(value)


def regions_note(source: str) -> str:
    """The region list's source in words for people (the decree and how many villages), not
    the build details (tool, package version) that ``reference.regions_source()`` records."""
    import re

    decree = re.search(r"Kepmendagri [^;),]+", source)
    villages = re.search(r"desa/kelurahan=(\d+)", source)
    parts = [decree.group(0)] if decree else []
    if villages:
        from app.ui.i18n import current_language

        number = formatting.number(int(villages.group(1)), current_language())
        parts.append(QCoreApplication.translate("Labels", "{n} villages").format(n=number))
    return ", ".join(parts) or source
