"""Every code raised anywhere has an Indonesian and an English sentence with the same slots."""

from __future__ import annotations

import re
from pathlib import Path

from app.core.messages import catalogue, message, placeholders

ROOT = Path(__file__).resolve().parents[2]
# Literal codes passed to the constructors and helpers that carry codes.
CODE_USE = re.compile(
    r"\b(?:Issue|AppError|BundleError|_refuse|refuse)\(\s*\"([a-z0-9_]+(?:\.[a-z0-9_]+)*)\""
)


def _used_codes() -> set[str]:
    found: set[str] = set()
    for folder in ("app", "sync"):
        for path in (ROOT / folder).rglob("*.py"):
            found |= set(CODE_USE.findall(path.read_text(encoding="utf-8")))
    return found


def test_every_entry_has_both_languages_with_same_placeholders() -> None:
    for code, (indonesian, english) in catalogue().items():
        assert indonesian.strip() and english.strip(), code
        assert placeholders(indonesian) == placeholders(english), code
        assert indonesian != english, code


def test_every_code_used_in_the_source_is_in_the_catalogue() -> None:
    used = _used_codes()
    assert len(used) > 30  # the scan really finds the codes
    missing = sorted(used - set(catalogue()))
    assert missing == []


def test_message_formats_and_never_raises() -> None:
    assert message("nik.length", "id", length=15).startswith("NIK harus 16 angka; yang diisi 15")
    assert "15" in message("nik.length", "en", length=15)
    assert message("no.such.code", "id", x=1) == "[no.such.code] x=1"
    assert message("nik.length", "id")  # a missing parameter still gives a sentence
