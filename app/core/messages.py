"""The one catalogue of user-facing sentences for coded errors, warnings and CLI output.

Each entry maps a stable code to ``(indonesian, english)`` templates with ``{named}``
placeholders. The catalogue is Qt-free so the command line and the GUI show the same words.
Modules that own a group of codes keep their entries beside their rules (``MESSAGES`` dicts)
and are merged here, so a rule and its sentence are edited together.
"""

from __future__ import annotations

import importlib
import string
from datetime import date, datetime
from functools import cache
from typing import Any

from app.core.formatting import date_text, number
from app.core.service_messages import LABELS

Catalogue = dict[str, tuple[str, str]]

LANGUAGES = ("id", "en")
DEFAULT_LANGUAGE = "id"

CORE_MESSAGES: Catalogue = {
    "validation.failed": (
        "Data belum dapat disimpan: ada {count} isian yang perlu diperbaiki.",
        "The record cannot be saved yet: {count} field(s) need fixing.",
    ),
    "validation.needs_confirmation": (
        "Ada {count} peringatan. Periksa lalu konfirmasi untuk tetap menyimpan.",
        "There are {count} warning(s). Check them, then confirm to save anyway.",
    ),
    "unexpected": (
        "Terjadi kesalahan yang tidak terduga: {detail}. Catatan rinci ada di folder log.",
        "An unexpected error occurred: {detail}. Details are in the log folder.",
    ),
}

# Modules that contribute a ``MESSAGES: Catalogue`` of their own.
_CONTRIBUTORS = (
    "app.core.rules.nik",
    "app.core.rules.episodes",
    "app.core.rules.flags",
    "app.core.service_messages",
    "app.core.reference",
    "app.core.access",
    "app.core.practice",
    "app.core.backup",
    "app.core.recovery",
    "app.core.letters.register",
    "sync.letters",
    "sync.messages",
    "app.core.desk.cases",
    "sync.report",
    "sync.bulletin",
    "app.core.services.undo",  # undo journal (lists import)
    "sync.lists.messages",  # import of existing lists
    "app.core.cli_support",
    "app.core.tables",
    "sync.import_undo",  # undo journal of bundle imports (issue 15)
    "app.core.server",  # a P4MI hub on a PostgreSQL server
    "app.core.atomic",  # the one atomic file writer
    "app.core.progress",  # progress steps of long work
    "sync.relay.messages",  # relay upward: a hub's package to the hub above (issue 16)
)


@cache
def catalogue() -> Catalogue:
    """All codes with their two sentences, merged from the contributing modules."""
    merged: Catalogue = dict(CORE_MESSAGES)
    for name in _CONTRIBUTORS:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name is None or not name.startswith(exc.name):
                # a broken import inside the module is a real bug
                raise
            continue
        for code, pair in getattr(module, "MESSAGES", {}).items():
            if code in merged and merged[code] != pair:
                raise RuntimeError(f"message code {code!r} defined twice with different text")
            merged[code] = pair
    return merged


def placeholders(template: str) -> set[str]:
    """The ``{name}`` placeholders a template uses."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


LABEL_PARAMS = frozenset({"label", "field", "earlier", "later", "section"})
# quantities (rows, bytes, limits), shown grouped by thousands: "80.000 baris", not "80000";
# never a year, a sequence number, a NIK or a code (those keep their digits as they are)
COUNT_PARAMS = frozenset({"rows", "count", "size", "maximum", "minimum"})


@cache
def labels() -> dict[str, tuple[str, str]]:
    """Names rendered by language: the services' field names and the contributors' ``LABELS``
    (e.g. the bundle's sheet names in progress steps, from :mod:`sync.messages`)."""
    merged = dict(LABELS)
    for name in _CONTRIBUTORS:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError:
            continue
        merged.update(getattr(module, "LABELS", {}))
    return merged


def render_params(params: dict[str, Any], lang: str) -> dict[str, Any]:
    """Parameters as the reader sees them: a name (``label``, ``field``, ``earlier``,
    ``later``, ``section``) in their language (:func:`labels`), a date as ``dd/mm/yyyy`` and a
    quantity (``COUNT_PARAMS``) grouped by thousands (:mod:`app.core.formatting`). Services
    pass keys and values, not prose."""
    names = labels()
    out = {}
    for key, value in params.items():
        if key in LABEL_PARAMS and isinstance(value, str) and value in names:
            value = names[value][0 if lang == "id" else 1]
        elif isinstance(value, date) and not isinstance(value, datetime):
            value = date_text(value, lang)
        elif key in COUNT_PARAMS and isinstance(value, int) and not isinstance(value, bool):
            value = number(value, lang)
        out[key] = value
    return out


def message(code: str, lang: str = DEFAULT_LANGUAGE, /, **params: Any) -> str:
    """The sentence for ``code`` in ``lang`` ("id" or "en"), formatted with ``params``.

    An unknown code or a missing parameter never raises: the user still gets the code, which
    support staff can look up, instead of a crash inside an error handler.
    """
    pair = catalogue().get(code)
    if pair is None:
        return f"[{code}] " + ", ".join(f"{k}={v}" for k, v in params.items())
    template = pair[0] if lang == "id" else pair[1]
    try:
        return template.format(**render_params(params, lang))
    except (KeyError, IndexError, ValueError):
        return template
