"""Draw the application icon and write it as PNG and multi-size ICO.

    python tools/make_icon.py    # -> resources/icons/buku-migran.png and buku-migran.ico

The icon is drawn with QPainter (no image editor, no third-party artwork): an open register
book on a deep green tile, with a paper plane for the journey abroad. The ICO holds PNG-encoded
images (16 to 256 px), which Windows Vista and later read; build.spec and the NSIS script pick
the file up when it exists.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt  # noqa: E402
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPainterPath, QPen  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256)


def draw(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = size / 256.0
    p.scale(s, s)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("#0b6b57"))
    p.drawRoundedRect(QRectF(8, 8, 240, 240), 44, 44)
    # open book: two pages meeting at the spine
    left, right = QPainterPath(), QPainterPath()
    left.moveTo(128, 96)
    left.cubicTo(100, 80, 62, 78, 36, 86)
    left.lineTo(36, 206)
    left.cubicTo(62, 198, 100, 200, 128, 216)
    left.closeSubpath()
    right.moveTo(128, 96)
    right.cubicTo(156, 80, 194, 78, 220, 86)
    right.lineTo(220, 206)
    right.cubicTo(194, 198, 156, 200, 128, 216)
    right.closeSubpath()
    p.setBrush(QColor("#ffffff"))
    p.drawPath(left)
    p.setBrush(QColor("#e8f3ef"))
    p.drawPath(right)
    if size >= 32:  # register lines on the left page
        p.setPen(QPen(QColor("#0b6b57"), 7, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        for y in (122, 146, 170):
            p.drawLine(QPointF(56, y), QPointF(108, y + 4))
        p.setPen(Qt.PenStyle.NoPen)
    # paper plane flying off to the upper right: two wings meeting at the fold
    tip, back, fold, tail = (QPointF(232, 26), QPointF(126, 62), QPointF(166, 88),
                             QPointF(178, 130))
    upper, lower = QPainterPath(), QPainterPath()
    upper.moveTo(tip)
    upper.lineTo(back)
    upper.lineTo(fold)
    upper.closeSubpath()
    lower.moveTo(tip)
    lower.lineTo(fold)
    lower.lineTo(tail)
    lower.closeSubpath()
    p.setBrush(QColor("#f2b705"))
    p.drawPath(upper)
    p.setBrush(QColor("#c98f00"))
    p.drawPath(lower)
    p.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buf, "PNG")
    buf.close()
    return bytes(data)


def ico_bytes(images: dict[int, bytes]) -> bytes:
    """An ICO file whose entries are PNG streams (one per size)."""
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    entries, blobs = b"", b""
    for size, blob in sorted(images.items()):
        dim = 0 if size >= 256 else size  # 0 means 256 in an ICO directory entry
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(blob), offset)
        offset += len(blob)
        blobs += blob
    return header + entries + blobs


def main() -> int:
    QGuiApplication.instance() or QGuiApplication(sys.argv)
    OUT.mkdir(parents=True, exist_ok=True)
    images = {size: png_bytes(draw(size)) for size in SIZES}
    (OUT / "buku-migran.png").write_bytes(images[256])
    (OUT / "buku-migran.ico").write_bytes(ico_bytes(images))
    print(OUT / "buku-migran.ico")
    return 0


if __name__ == "__main__":
    sys.exit(main())
