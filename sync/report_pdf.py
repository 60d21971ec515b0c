"""A small Qt-free PDF writer for report documents (``python -m sync laporan --out X.pdf``).

The GUI prints through Qt (:mod:`app.ui.printing.pdf`); the command line and a future server
have no Qt, so this renders an :class:`app.core.reports.Document` with the PDF standard fonts
Courier and Courier-Bold (no font files to ship): monospace makes the tables line up without
measuring text. A4 landscape or portrait, a page footer "Halaman n dari N". Text outside
Latin-1 is replaced by ``?`` (the standard fonts' WinAnsi encoding).
"""

from __future__ import annotations

from typing import Any

from app.core.formatting import date_text

PAGE_PORTRAIT = (595.0, 842.0)
MARGIN = 36.0
FONT_SIZE = 7.0
CHAR_W = 0.6 * FONT_SIZE  # Courier advance width
LEADING = FONT_SIZE * 1.3
MAX_COL_CHARS = 40


def _pdf_text(text: str) -> str:
    raw = text.encode("cp1252", errors="replace").decode("latin-1")
    return raw.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(1, width - 1)] + "~"


def _wrap(text: str, width: int) -> list[str]:
    out: list[str] = []
    for para in text.split("\n"):
        line = ""
        for word in para.split():
            if line and len(line) + 1 + len(word) > width:
                out.append(line)
                line = word
            else:
                line = f"{line} {word}".strip()
        out.append(line)
    return out


def _lines(doc: Any, columns: int) -> list[tuple[str, bool]]:
    """The document as (text, bold) lines of at most ``columns`` characters."""
    from app.core.reports.document import KeyValues, Paragraph, fmt_date

    lines: list[tuple[str, bool]] = [(x, True) for x in doc.letterhead.lines]
    lines += [("=" * min(columns, 100), False), ("", False), (doc.title, True)]
    if doc.subtitle:
        lines.append((doc.subtitle, False))
    for block in doc.blocks:
        lines.append(("", False))
        if isinstance(block, Paragraph):
            lines += [(x, block.bold) for x in _wrap(block.text, columns)]
        elif isinstance(block, KeyValues):
            if block.heading:
                lines.append((block.heading, True))
            lines += [(_fit(f"{k}: {v}", columns), False) for k, v in block.pairs]
        else:
            if block.heading:
                lines.append((block.heading, True))
            cells = [list(block.headers)] + [list(r) for r in block.rows]
            n = len(block.headers)
            widths = [min(MAX_COL_CHARS, max(len(str(r[i])) for r in cells)) for i in range(n)]
            while sum(widths) + 2 * (n - 1) > columns and max(widths) > 6:
                widest = widths.index(max(widths))
                widths[widest] -= 1
            numeric = set(block.numeric)

            def render(row: list[str], widths: list[int] = widths,
                       numeric: set[int] = numeric) -> str:
                parts = []
                for i, w in enumerate(widths):
                    text = _fit(str(row[i]), w)
                    parts.append(text.rjust(w) if i in numeric else text.ljust(w))
                return "  ".join(parts).rstrip()

            lines.append((render(cells[0]), True))
            lines.append(("-" * min(columns, sum(widths) + 2 * (n - 1)), False))
            if not block.rows:
                lines.append((block.empty_text, False))
            for row in cells[1:]:
                first = str(row[0]) + " " + str(row[2] if len(row) > 2 else "")
                bold = first.upper().startswith("JUMLAH") or "Jumlah" in first
                lines.append((render(row), bold))
    if doc.signature:
        sig = doc.signature
        lines += [("", False), (f"{sig.place}, {fmt_date(sig.on)}", False),
                  (sig.title, False), ("", False), (sig.name or "(........)", False)]
    return lines


def document_pdf(doc: Any) -> bytes:
    """The PDF bytes of ``doc``."""
    width, height = PAGE_PORTRAIT[::-1] if doc.landscape else PAGE_PORTRAIT
    columns = int((width - 2 * MARGIN) // CHAR_W)
    per_page = int((height - 2 * MARGIN - 2 * LEADING) // LEADING)
    lines = _lines(doc, columns)
    pages = [lines[i:i + per_page] for i in range(0, len(lines), per_page)] or [[]]
    printed = date_text(doc.printed_on)
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled below
    pages_id = add(b"")
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Courier "
               b"/Encoding /WinAnsiEncoding >>")
    bold = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Courier-Bold "
               b"/Encoding /WinAnsiEncoding >>")
    kids = []
    for number, page in enumerate(pages, start=1):
        ops = ["BT"]
        y = height - MARGIN - FONT_SIZE
        for text, is_bold in page:
            ops.append(f"/{'F2' if is_bold else 'F1'} {FONT_SIZE:g} Tf 1 0 0 1 {MARGIN:g} "
                       f"{y:.2f} Tm ({_pdf_text(text)}) Tj")
            y -= LEADING
        footer = f"Halaman {number} dari {len(pages)}  -  dicetak {printed}"
        ops.append(f"/F1 {FONT_SIZE:g} Tf 1 0 0 1 {MARGIN:g} {MARGIN / 2:.2f} Tm "
                   f"({_pdf_text(footer)}) Tj")
        ops.append("ET")
        stream = "\n".join(ops).encode("latin-1")
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        kids.append(add(
            f"<< /Type /Page /Parent {pages_id} 0 R /MediaBox [0 0 {width:g} {height:g}] "
            f"/Resources << /Font << /F1 {font} 0 R /F2 {bold} 0 R >> >> "
            f"/Contents {content} 0 R >>".encode("ascii")))
    objects[catalog - 1] = f"<< /Type /Catalog /Pages {pages_id} 0 R >>".encode("ascii")
    objects[pages_id - 1] = (f"<< /Type /Pages /Count {len(kids)} /Kids ["
                             + " ".join(f"{k} 0 R" for k in kids) + "] >>").encode("ascii")
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += (b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n"
            % (len(objects) + 1, catalog, xref))
    return bytes(out)
