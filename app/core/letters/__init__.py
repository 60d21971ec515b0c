"""Village letters for CPMI: templates, the numbered letter register, the printed letter.

Qt-free and without ``sync``: signing and checking with the installation key live in
:mod:`sync.letters`; the GUI and the command line put the two together.
"""

from app.core.letters.register import (
    KINDS,
    SIGNER_HEAD,
    SIGNER_SECRETARY,
    ConsentCandidate,
    Essentials,
    IssuedLetter,
    LetterRequest,
    LetterRow,
    LetterSettings,
    agenda_book,
    consent_candidates,
    find_resident_by_nik,
    issue_letter,
    letter_document,
    list_letters,
    load_settings,
    revoke_letter,
    save_settings,
)
from app.core.letters.templates import FIELDS, ensure_templates, load_template

__all__ = [
    "FIELDS",
    "KINDS",
    "SIGNER_HEAD",
    "SIGNER_SECRETARY",
    "ConsentCandidate",
    "Essentials",
    "IssuedLetter",
    "LetterRequest",
    "LetterRow",
    "LetterSettings",
    "agenda_book",
    "consent_candidates",
    "ensure_templates",
    "find_resident_by_nik",
    "issue_letter",
    "letter_document",
    "list_letters",
    "load_settings",
    "load_template",
    "revoke_letter",
    "save_settings",
]
