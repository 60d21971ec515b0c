"""The translation rules the i18n test and ``tools/i18n.py check`` apply to ``app_id.ts``."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET  # noqa: N817 - our own committed file
from pathlib import Path

# Indonesian that is rightly the same as the English source: codes, abbreviations, names,
# and layout-only templates.
ALLOWED_IDENTICAL = frozenset({
    "NIK", "N&IK", "Status", "RT/RW", "R&W", "R&T", "Dusun", "Dusun {name}", "P3MI: {v}.",
    "{when} — {who} {what}", "{name} — {status}", "A4 (210 x 297 mm)",
    "F4 / folio (215 x 330 mm)", "OK", "&PIN", "&Data",
})
_PLACEHOLDER = re.compile(r"\{[a-z_]+\}|%\d|%n")


def messages(ts: Path) -> list[tuple[str, str, str, str | None, list[str]]]:
    """``(context, source, translation, type, numerus forms)`` of every message."""
    out = []
    for ctx in ET.parse(ts).getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            forms = [f.text or "" for f in tr.findall("numerusform")] if tr is not None else []
            out.append((name, msg.findtext("source") or "",
                        (tr.text or "") if tr is not None else "",
                        tr.get("type") if tr is not None else "unfinished", forms))
    return out


def problems(ts: Path) -> list[str]:
    found = []
    for context, source, text, kind, forms in messages(ts):
        where = f"{context}: {source!r}"
        texts = forms or [text]
        if kind in ("unfinished",) or not all(t.strip() for t in texts):
            found.append(f"unfinished {where}")
            continue
        if kind in ("obsolete", "vanished"):
            continue
        for t in texts:
            if t == source and source not in ALLOWED_IDENTICAL:
                found.append(f"identical to English {where}")
            if sorted(_PLACEHOLDER.findall(t)) != sorted(_PLACEHOLDER.findall(source)):
                found.append(f"placeholders differ {where}: {t!r}")
    return found
