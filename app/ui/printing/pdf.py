"""Render a report :class:`~app.core.reports.Document` to a PDF file with QtGui only.

QPdfWriter and QTextDocument are in QtGui (PySide6-Essentials), so no QtPrintSupport. The
document is laid out as HTML in a QTextDocument whose page size is the printable area of the
paper; every page is painted with a footer "Halaman n dari N" and the print date. Table header
rows repeat on each page (``<thead>``). The letterhead (kop surat) opens the first page.

Paper: A4 (210 x 297 mm) or F4/folio (215 x 330 mm, the size Indonesian offices use).
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QFont,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
    QTextTable,
)

from app.core.reports import Document, KeyValues, Paragraph, Table, fmt_date

PAPERS = ("A4", "F4")
F4_SIZE_MM = QSizeF(215, 330)
MARGINS_MM = QMarginsF(15, 12, 12, 12)
FOOTER_MM = 7.0


def page_size(paper: str) -> QPageSize:
    if paper == "F4":
        return QPageSize(F4_SIZE_MM, QPageSize.Unit.Millimeter, "F4 (215 x 330 mm)",
                         QPageSize.SizeMatchPolicy.ExactMatch)
    return QPageSize(QPageSize.PageSizeId.A4)


def _cell(text: str) -> str:
    return escape(text).replace("\n", "<br/>")


LOGO_URL = "bmd:logo"
QR_URL = "bmd:qr"
LOGO_PX = 90
QR_PX = 130


def to_html(doc: Document, logo: bool = False,
            breaks: dict[int, set[int]] | None = None) -> str:
    """The document as QTextDocument-friendly HTML (a subset: tables, no CSS layout).

    ``logo``: the letterhead's logo was loaded as the image resource ``bmd:logo``.
    ``breaks``: per block index, the data rows of a table that start a new page (so that no
    row is cut in two, see :func:`_keep_rows_whole`).
    """
    body_pt = 7.5 if doc.landscape else 9.5
    out = [
        "<html><head><style>"
        f"body {{ font-family: 'DejaVu Sans', Arial, sans-serif; font-size: {body_pt}pt; }}"
        "th { background-color: #e6e6e6; font-weight: bold; }"
        "h2 { font-size: 12pt; }"
        "</style></head><body>",
    ]
    lines = doc.letterhead.lines
    out.append("<table width='100%' cellspacing='0' cellpadding='2' border='0'><tr>")
    if logo:
        out.append(f"<td width='12%' valign='middle' style='border-bottom: 3px solid black;'>"
                   f"<img src='{LOGO_URL}' height='{LOGO_PX}'/></td>")
    out.append("<td align='center' style='border-bottom: 3px solid black;'>")
    for i, line in enumerate(lines):
        size = 12 if i < len(lines) - 1 else 14
        out.append(f"<div style='font-size:{size}pt; font-weight:bold;'>{escape(line)}</div>")
    if doc.letterhead.address:
        out.append(f"<div style='font-size:9pt;'>{escape(doc.letterhead.address)}</div>")
    out.append("</td>")
    if logo:
        out.append("<td width='12%' style='border-bottom: 3px solid black;'></td>")
    out.append("</tr></table>")
    out.append(f"<p align='center' style='font-size:12pt; font-weight:bold; margin-top:6px;'>"
               f"{escape(doc.title)}</p>")
    if doc.number:
        out.append(f"<p align='center' style='font-size:10pt;'>Nomor: {escape(doc.number)}</p>")
    if doc.subtitle:
        out.append(f"<p align='center' style='font-size:10pt;'>{escape(doc.subtitle)}</p>")
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            weight = "font-weight:bold;" if block.bold else ""
            out.append(f"<p style='{weight} margin-top:6px;'>{_cell(block.text)}</p>")
        elif isinstance(block, KeyValues):
            if block.heading:
                out.append(f"<p style='font-weight:bold; margin-top:8px;'>"
                           f"{escape(block.heading)}</p>")
            out.append("<table cellspacing='0' cellpadding='1' width='100%'>")
            for key, value in block.pairs:
                indent = len(key) - len(key.lstrip(" "))
                pad = "&nbsp;" * (indent * 2)
                out.append(f"<tr><td width='38%'>{pad}{escape(key.strip())}</td>"
                           f"<td width='2%'>:</td><td width='60%'>{_cell(value)}</td></tr>")
            out.append("</table>")
        elif isinstance(block, Table):
            out.append(_table_html(block, (breaks or {}).get(doc.blocks.index(block), set())))
    if doc.signature:
        sig = doc.signature
        blank = "(" + "." * 40 + ")"
        left = ""
        if sig.witness_title:
            pad = "<br/>" * (1 + sig.on_behalf.count("\n") + bool(sig.on_behalf))
            witness = (f"<b><u>{escape(sig.witness_name)}</u></b>" if sig.witness_name
                       else blank)
            left = f"{pad}{escape(sig.witness_title)}<br/><br/><br/><br/>{witness}"
        behalf = f"{_cell(sig.on_behalf)}<br/>" if sig.on_behalf else ""
        name = f"<b><u>{escape(sig.name)}</u></b>" if sig.name else blank
        out.append("<br/><table width='100%' cellspacing='0'><tr>"
                   f"<td width='50%' align='center' valign='top'>{left}</td>"
                   "<td width='50%' align='center' valign='top'>"
                   f"{escape(sig.place)}, {fmt_date(sig.on)}<br/>{behalf}{escape(sig.title)}"
                   f"<br/><br/><br/><br/>{name}")
        out.append("</td></tr></table>")
    if doc.seal:
        out.append("<br/><table cellspacing='0' cellpadding='2'><tr>"
                   f"<td valign='middle'><img src='{QR_URL}' width='{QR_PX}' "
                   f"height='{QR_PX}'/></td><td valign='middle' style='font-size:8pt;'>"
                   f"Kode periksa: <b>{escape(doc.seal.code)}</b><br/>"
                   f"{_cell(doc.seal.note)}</td></tr></table>")
    out.append("</body></html>")
    return "".join(out)


def _table_html(t: Table, breaks: set[int] = frozenset()) -> str:  # noqa: B006
    out = []
    if t.heading:
        out.append(f"<p style='font-weight:bold; margin-top:8px;'>{escape(t.heading)}</p>")
    if not t.rows:
        out.append(f"<p><i>{escape(t.empty_text)}</i></p>")
        return "".join(out)
    head = ["<thead><tr>"]
    for i, h in enumerate(t.headers):
        width = f" width='{t.widths[i]}%'" if i < len(t.widths) else ""
        style = " style='white-space:nowrap;'" if i in t.nowrap else ""
        head.append(f"<th{width}{style}>{_cell(h)}</th>")
    head.append("</tr></thead><tbody>")

    def open_table(new_page: bool) -> None:
        brk = " page-break-before:always;" if new_page else ""
        out.append("<table border='1' cellspacing='0' cellpadding='2' width='100%' "
                   f"style='border-collapse:collapse; border-color:#555;{brk}'>")
        out.extend(head)

    open_table(False)
    for n, row in enumerate(t.rows):
        if n in breaks and n:
            out.append("</tbody></table>")
            open_table(True)
        out.append("<tr>")
        for i, cell in enumerate(row):
            align = " align='right'" if i in t.numeric else ""
            style = " style='white-space:nowrap;'" if i in t.nowrap else ""
            out.append(f"<td valign='top'{align}{style}>{_cell(cell)}</td>")
        out.append("</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def _segments(doc: Document, breaks: dict[int, set[int]]) -> list[tuple[int, int]]:
    """(block index, first data row) of every bordered table QTextDocument will hold."""
    out = []
    for index, block in enumerate(doc.blocks):
        if isinstance(block, Table) and block.rows:
            starts = [0, *sorted(r for r in breaks.get(index, ()) if r)]
            out += [(index, start) for start in starts]
    return out


def _data_tables(text: QTextDocument) -> list[QTextTable]:
    return [f for f in text.rootFrame().childFrames()
            if isinstance(f, QTextTable) and f.format().border() > 0]


def _row_extent(text: QTextDocument, table: QTextTable, row: int) -> tuple[float, float]:
    """Top of the highest and bottom of the lowest text of a table row."""
    layout = text.documentLayout()
    top, bottom = float("inf"), float("-inf")
    for c in range(table.columns()):
        cell = table.cellAt(row, c)
        top = min(top, layout.blockBoundingRect(cell.firstCursorPosition().block()).top())
        bottom = max(bottom,
                     layout.blockBoundingRect(cell.lastCursorPosition().block()).bottom())
    return top, bottom


def _crosses(top: float, bottom: float, page_height: float) -> bool:
    if bottom - top >= page_height * 0.8:
        return False  # taller than a page: it has to be cut somewhere
    return int(top // page_height) != int((bottom - 0.5) // page_height)


def _plan_breaks(text: QTextDocument, doc: Document,
                 page_height: float) -> dict[int, set[int]]:
    """From one layout on an endless page: simulate filling the pages row by row (a row keeps
    its height wherever it lands) and return the rows that must start a new page."""
    layout = text.documentLayout()
    breaks: dict[int, set[int]] = {}
    extra = 0.0  # how far the rows moved so far push what follows
    for table, (block_index, _start) in zip(_data_tables(text), _segments(doc, {}),
                                            strict=False):
        header = max(table.format().headerRowCount(), 0)
        extents = [_row_extent(text, table, r) for r in range(header, table.rows())]
        if not extents:
            continue
        gaps = sorted(nxt[0] - cur[1] for cur, nxt in zip(extents, extents[1:], strict=False))
        gap = gaps[len(gaps) // 2] if gaps else 0.0
        # where a data row starts under the header at the top of a page (plus the page
        # break's own small margin, and some room for rounding: better a line early)
        slack = page_height * 0.012
        offset = extents[0][0] - layout.frameBoundingRect(table).top() + slack
        y = extents[0][0] + extra
        page = int(y // page_height)
        for n, (top, bottom) in enumerate(extents):
            height = bottom - top
            if int(y // page_height) > page:  # a new page: Qt repeats the header first
                page = int(y // page_height)
                y = page * page_height + offset
            if _crosses(y, y + height + slack, page_height):
                page = int(y // page_height) + 1
                y = page * page_height + offset
                breaks.setdefault(block_index, set()).add(n)
            y += height + gap
        extra = y - gap - extents[-1][1]
    return breaks


def _first_cut_row(text: QTextDocument, segments: list[tuple[int, int]],
                   page_height: float) -> tuple[int, int] | None:
    """The first table row a page end cuts in two, as (block index, data row)."""
    for table, (block_index, start) in zip(_data_tables(text), segments, strict=False):
        header = max(table.format().headerRowCount(), 0)
        for r in range(header, table.rows()):
            if _crosses(*_row_extent(text, table, r), page_height):
                return block_index, start + r - header
    return None


def _keep_rows_whole(text: QTextDocument, doc: Document, logo: bool,
                     page_height: float) -> None:
    """Lay the document out so that no table row is cut by a page end: such a row starts the
    next page under a repeated header (one person of the register stays on one page). The
    breaks are planned from one layout, then checked; a row the plan missed is moved too."""
    page = text.pageSize()
    text.setPageSize(QSizeF(page.width(), 1e7))  # one endless page: true row heights
    text.setHtml(to_html(doc, logo))
    breaks = _plan_breaks(text, doc, page_height)
    text.setPageSize(page)
    for _ in range(200):
        text.setHtml(to_html(doc, logo, breaks))
        cut = _first_cut_row(text, _segments(doc, breaks), page_height)
        if cut is None or cut[1] in breaks.get(cut[0], set()):
            return
        breaks.setdefault(cut[0], set()).add(cut[1])


def _load_logo(path: str) -> QImage | None:
    """The village's logo, or None when not set or not a readable image (never an error)."""
    if not path:
        return None
    image = QImage(path)
    return None if image.isNull() else image


def qr_image(text: str) -> QImage:
    """The QR code of ``text`` (segno, error correction M) as a crisp black-and-white image."""
    import io

    import segno

    buf = io.BytesIO()
    segno.make(text, error="m", micro=False).save(buf, kind="png", scale=8, border=4)
    image = QImage()
    image.loadFromData(buf.getvalue(), "PNG")
    return image


def ensure_gui_application() -> None:
    """A QGuiApplication for the font system, when printing from the command line."""
    import os

    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is None:
        if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        global _APP  # noqa: PLW0603 - kept alive for the life of the process
        _APP = QGuiApplication([])


_APP = None


def render_pdf(doc: Document, path: Path, paper: str = "A4") -> int:
    """Write ``doc`` to ``path`` as PDF on ``paper`` ("A4" or "F4"); returns the page count.

    Runs on the GUI thread (QTextDocument uses the font system); a village register of a few
    hundred lines takes well under a second.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    writer = QPdfWriter(str(tmp))
    writer.setResolution(300)
    writer.setTitle(doc.title)
    writer.setCreator("Buku Migran Desa")
    orientation = (QPageLayout.Orientation.Landscape if doc.landscape
                   else QPageLayout.Orientation.Portrait)
    writer.setPageLayout(QPageLayout(page_size(paper), orientation, MARGINS_MM,
                                     QPageLayout.Unit.Millimeter))
    area = writer.pageLayout().paintRectPixels(writer.resolution())
    footer_px = FOOTER_MM / 25.4 * writer.resolution()

    text = QTextDocument()
    text.documentLayout().setPaintDevice(writer)
    font = QFont("DejaVu Sans")
    font.setPointSizeF(7.5 if doc.landscape else 9.5)
    text.setDefaultFont(font)
    text.setDocumentMargin(0)
    logo = _load_logo(doc.letterhead.logo)
    if logo is not None:
        text.addResource(QTextDocument.ResourceType.ImageResource, QUrl(LOGO_URL), logo)
    if doc.seal is not None:
        text.addResource(QTextDocument.ResourceType.ImageResource, QUrl(QR_URL),
                         qr_image(doc.seal.qr_text))
    body = QSizeF(area.width(), area.height() - footer_px)
    text.setPageSize(body)
    _keep_rows_whole(text, doc, logo is not None, body.height())
    pages = max(1, text.pageCount())

    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(f"cannot write {path}")
    small = QFont("DejaVu Sans")
    small.setPointSizeF(7)
    try:
        for n in range(pages):
            if n:
                writer.newPage()
            painter.save()
            painter.translate(0, -n * body.height())
            clip = QRectF(QPointF(0, n * body.height()), body)
            painter.setClipRect(clip)
            text.drawContents(painter, clip)
            painter.restore()
            painter.setFont(small)
            footer = QRectF(0, body.height(), body.width(), footer_px)
            painter.drawText(footer, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom,
                             f"{doc.title} - dicetak {fmt_date(doc.printed_on)}")
            painter.drawText(footer, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom,
                             f"Halaman {n + 1} dari {pages}")
    finally:
        painter.end()
    del writer
    tmp.replace(path)
    return pages
