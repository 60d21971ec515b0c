"""The key is a "kode kunci" everywhere (issue 14): a village secretary reads "sidik jari" as
the biometric fingerprint taken at the one-stop service. No GUI text, message, command-line
help, guide or document may say it."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WHERE = ("app", "sync", "resources", "docs", "tools", "installer")
KINDS = {".py", ".md", ".ts", ".txt", ".html", ".nsi", ".json"}


def test_no_sidik_jari_anywhere() -> None:
    found = []
    files = [ROOT / "README.md"]
    for folder in WHERE:
        files += [p for p in (ROOT / folder).rglob("*") if p.suffix in KINDS]
    for path in files:
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace").lower()
        if "sidik jari" in text or "sidik_jari" in text:
            found.append(str(path.relative_to(ROOT)))
    assert found == []
