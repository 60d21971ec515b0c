"""The guide and the privacy notice name controls that exist (issue 14: they named "Daftar
CPMI" and "Kabar terakhir", which no screen had). Every **bold** name that starts with a
capital (a button, tab, menu, list or label) must be a text of the Indonesian interface: our
catalogue, Qt's, or a label of the core (states, report titles). ``NOT_CONTROLS`` lists the
few bold words that are emphasis, not a control."""

from __future__ import annotations

import html
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NOT_CONTROLS = {
    "Belum ada yang diubah",  # "nothing is changed until you press Impor"
    "Akun Windows dengan kata sandi", "Enkripsi disk",  # advice in the privacy notice
    "Kepala desa", "Sekretaris desa / operator", "P4MI",  # roles (Permissions names)
}


def interface_texts() -> str:
    texts = []
    for name in ("app_id.ts", "qtbase_id.ts"):
        path = ROOT / "resources" / "translations" / name
        if path.exists():
            for t in re.findall(r"<translation[^>]*>([^<]*)</translation>",
                                path.read_text(encoding="utf-8")):
                # "&S" marks an accelerator, "&&" is a literal "&"
                texts.append(re.sub(r"&(&|(?=\w))", lambda m: m.group(1),
                                    html.unescape(t)))
    for folder in ("app/core", "sync"):
        texts += [p.read_text(encoding="utf-8") for p in (ROOT / folder).rglob("*.py")]
    texts += [p.read_text(encoding="utf-8") for p in (ROOT / "resources").rglob("*.json")]
    return "\n".join(texts)


def named_controls(path: Path) -> list[str]:
    names = []
    # "- **Menghapus**: ..." is a list item's heading, not a control
    text = re.sub(r"^- \*\*[^*\n]+\*\*:", "", path.read_text(encoding="utf-8"), flags=re.M)
    for term in re.findall(r"\*\*([^*\n]{2,70})\*\*", text):
        term = term.strip()
        if term[:1].isupper() and term not in NOT_CONTROLS:
            names += [part.strip() for part in term.split(">")]
    return names


def test_guide_and_privacy_notice_name_existing_controls() -> None:
    known = interface_texts()
    pages = sorted((ROOT / "resources" / "guide").glob("*.md"))
    pages.append(ROOT / "resources" / "privacy" / "pemberitahuan_privasi.md")
    missing = [f"{page.name}: {name!r}" for page in pages for name in named_controls(page)
               if name not in known]
    assert missing == [], "\n".join(missing)


def test_the_check_finds_a_control_that_does_not_exist(tmp_path: Path) -> None:
    page = tmp_path / "x.md"
    page.write_text("Buka **Daftar CPMI**, lalu **Kabar terakhir**.", encoding="utf-8")
    known = interface_texts()
    assert [n for n in named_controls(page) if n not in known] == ["Daftar CPMI"]
