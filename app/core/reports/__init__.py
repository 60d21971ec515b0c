"""Printed reports, Qt-free: each builder gathers its data and returns a :class:`Document`.

The Buku Register PMI Desa (:mod:`.register`), the monthly recap (:mod:`.recap`) and one
person's sheet (:mod:`.person`). A :class:`Document` is a plain structure (letterhead, title,
blocks of key/value pairs, tables and paragraphs, a signature); ``app.ui.printing`` lays it
out on A4 or F4 paper as PDF, and :meth:`Document.to_text` gives the same words for tests and
the command line.

The printed words are Indonesian whatever the interface language: these are official village
documents, and UU 24/2009 Pasal 27 requires Bahasa Indonesia in official state documents.
"""

from app.core.reports.document import (
    Document,
    KeyValues,
    Letterhead,
    Paragraph,
    Seal,
    Signature,
    Table,
    fmt_date,
    letterhead_for,
    letterhead_from,
)

__all__ = [
    "Document",
    "KeyValues",
    "Letterhead",
    "Paragraph",
    "Seal",
    "Signature",
    "Table",
    "fmt_date",
    "letterhead_for",
    "letterhead_from",
]
