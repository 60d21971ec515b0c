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


def test_quantities_are_grouped_by_thousands_in_the_readers_language() -> None:
    """Rows, sizes and limits read "80.000" / "80,000"; a sequence number or a year never
    changes (it is not a quantity)."""
    assert message("sync.bundle.too_many_rows", "id", rows=170_000, maximum=80_000) == (
        "Paket berisi 170.000 baris data; satu paket paling banyak 80.000 baris. Paket "
        "ditolak tanpa dibaca; tidak ada yang berubah.")
    assert "170,000 data rows" in message("sync.bundle.too_many_rows", "en", rows=170_000,
                                          maximum=80_000)
    jump = message("sync.bundle.sequence_jump", "id", sequence=123_456, newest=2_000,
                   maximum=10_000)
    assert "123456" in jump and "2000" in jump and "10.000" in jump, jump
