"""Small charts drawn with QPainter (QtCharts is not in PySide6-Essentials).

- :class:`MonthBarChart`: grouped vertical bars per month (departures and returns).
- :class:`HBarChart`: one horizontal bar per category (destination countries).
- :class:`SplitBar`: one bar split into parts (procedural / suspected non-procedural).

Each chart keeps plain data (labels and numbers) so tests can read what is drawn, shows a
tooltip with the exact figure under the mouse, and emits ``activated(key)`` when a bar is
clicked (or chosen with the keyboard: arrows move, Enter/Space activates), so a figure leads
to the matching list.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeyEvent, QMouseEvent, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

# A colour-blind-safe palette (Okabe-Ito), dark enough for text on white.
BLUE = QColor("#0072B2")
ORANGE = QColor("#D55E00")
GREEN = QColor("#009E73")
GREY = QColor("#8C8C8C")
SKY = QColor("#56B4E9")
TEXT = QColor("#202020")
GRID = QColor("#DDDDDD")
FOCUS = QColor("#F0B400")


@dataclass(frozen=True)
class Series:
    name: str
    color: QColor
    values: tuple[int, ...]
    key: str = ""  # clicked bars report "<key>:<month key>"


@dataclass(frozen=True)
class Item:
    key: str
    label: str
    value: int
    color: QColor = field(default_factory=lambda: QColor(BLUE))


class _Chart(QWidget):
    """Shared behaviour: hit boxes, tooltips, click and keyboard activation."""

    activated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._boxes: list[tuple[QRectF, str, str]] = []  # rect, key, tooltip
        self._current = -1
        self.empty_text = ""

    # -- hit boxes -------------------------------------------------------------------------
    def _hit(self, pos: QPointF) -> int:
        for i, (rect, _key, _tip) in enumerate(self._boxes):
            if rect.contains(pos):
                return i
        return -1

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        i = self._hit(event.position())
        if i >= 0:
            QToolTip.showText(event.globalPosition().toPoint(), self._boxes[i][2], self)
            self.setCursor(Qt.CursorShape.PointingHandCursor)
        else:
            QToolTip.hideText()
            self.unsetCursor()
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        i = self._hit(event.position())
        if i >= 0 and event.button() == Qt.MouseButton.LeftButton:
            self._current = i
            self.update()
            self.activated.emit(self._boxes[i][1])
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        key = event.key()
        if self._boxes and key in (Qt.Key.Key_Right, Qt.Key.Key_Down):
            self._current = (self._current + 1) % len(self._boxes)
        elif self._boxes and key in (Qt.Key.Key_Left, Qt.Key.Key_Up):
            start = self._current if self._current >= 0 else 0
            self._current = (start - 1) % len(self._boxes)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and (
                0 <= self._current < len(self._boxes)):
            self.activated.emit(self._boxes[self._current][1])
            return
        else:
            super().keyPressEvent(event)
            return
        rect = self._boxes[self._current][0]
        QToolTip.showText(self.mapToGlobal(rect.center().toPoint()),
                          self._boxes[self._current][2], self)
        self.update()

    def boxes(self) -> list[tuple[QRectF, str, str]]:
        """The clickable areas ``(rect, key, tooltip)`` of the last paint (for tests)."""
        return list(self._boxes)

    def _draw_focus(self, p: QPainter) -> None:
        if self.hasFocus() and 0 <= self._current < len(self._boxes):
            p.setPen(QPen(FOCUS, 2, Qt.PenStyle.DashLine))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(self._boxes[self._current][0].adjusted(-2, -2, 2, 2))

    def shown_empty_text(self) -> str:
        """What an empty chart says: the view's own words, else "No data yet", so that no
        chart is ever a blank box (the P4MI dashboard of a new hub showed blank charts)."""
        return self.empty_text or self.tr("No data yet")

    def _draw_empty(self, p: QPainter) -> None:
        p.setPen(GREY)
        p.drawText(QRectF(self.rect()), Qt.AlignmentFlag.AlignCenter, self.shown_empty_text())


def _nice_max(value: int) -> int:
    """A round axis maximum at or above ``value`` (1, 2, 5 x 10^n)."""
    if value <= 0:
        return 1
    step = 1
    while True:
        for m in (1, 2, 5):
            if m * step >= value:
                return m * step
        step *= 10


class MonthBarChart(_Chart):
    """Grouped vertical bars: one group per month, one bar per series. A bar reports
    ``"<series key>:YYYY-MM"`` (or just ``YYYY-MM`` for a series without a key)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.keys: list[str] = []
        self.labels: list[str] = []
        self.series: list[Series] = []

    def set_data(self, keys: list[str], labels: list[str], series: list[Series]) -> None:
        self.keys, self.labels, self.series = list(keys), list(labels), list(series)
        self._current = -1
        self.update()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(320, 170)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(600, 230)

    def paintEvent(self, _event: object) -> None:  # noqa: N802 - Qt override
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._boxes = []
        fm = QFontMetrics(self.font())
        total = sum(sum(s.values) for s in self.series)
        if not self.keys or total == 0:
            self._draw_empty(p)
            return
        top = fm.height() + 8  # legend row
        left, right, bottom = fm.horizontalAdvance("000") + 8, 6, 2 * fm.height() + 6
        plot = QRectF(left, top + 4, self.width() - left - right,
                      self.height() - top - bottom - 4)
        vmax = _nice_max(max(max(s.values) for s in self.series))
        # legend
        x = float(left)
        for s in self.series:
            p.fillRect(QRectF(x, 4, 12, 12), s.color)
            p.setPen(TEXT)
            p.drawText(QPointF(x + 16, 4 + fm.ascent()), s.name)
            x += 16 + fm.horizontalAdvance(s.name) + 16
        # grid and axis labels
        p.setPen(QPen(GRID, 1))
        for frac in (0.0, 0.5, 1.0):
            y = plot.bottom() - frac * plot.height()
            p.setPen(QPen(GRID, 1))
            p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            p.setPen(GREY)
            p.drawText(QRectF(0, y - fm.height() / 2, left - 4, fm.height()),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                       str(int(vmax * frac)))
        n = len(self.keys)
        group_w = plot.width() / n
        bar_w = max(2.0, (group_w * 0.8) / max(1, len(self.series)))
        small = QFont(self.font())
        small.setPointSizeF(max(6.0, self.font().pointSizeF() * 0.85))
        sfm = QFontMetrics(small)
        for i, key in enumerate(self.keys):
            gx = plot.left() + i * group_w + group_w * 0.1
            for j, s in enumerate(self.series):
                v = s.values[i]
                h = plot.height() * v / vmax
                rect = QRectF(gx + j * bar_w, plot.bottom() - h, bar_w - 1, h)
                p.fillRect(rect, s.color)
                if v:
                    p.setFont(small)
                    p.setPen(TEXT)
                    p.drawText(QRectF(rect.left() - 6, rect.top() - sfm.height(),
                                      rect.width() + 12, sfm.height()),
                               Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
                               str(v))
                    p.setFont(self.font())
                hit = QRectF(rect.left(), plot.top(), bar_w, plot.height())
                label = self.labels[i].replace("\n", " ")
                self._boxes.append((hit, f"{s.key}:{key}" if s.key else key,
                                    f"{label}: {s.name} {v}"))
            hit = QRectF(plot.left() + i * group_w, plot.top(), group_w, plot.height())
            p.setPen(TEXT)
            p.drawText(QRectF(hit.left(), plot.bottom() + 2, hit.width(), bottom),
                       Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                       self.labels[i])
        self._draw_focus(p)


class HBarChart(_Chart):
    """One horizontal bar per item, the label on the left and the number at the bar's end."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.items: list[Item] = []
        self.max_items = 10

    def set_items(self, items: list[Item]) -> None:
        self.items = list(items)
        self._current = -1
        self.updateGeometry()
        self.update()

    def shown_items(self) -> list[Item]:
        return self.items[: self.max_items]

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(220, 120)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        fm = QFontMetrics(self.font())
        return QSize(360, max(120, (fm.height() + 8) * max(1, len(self.shown_items())) + 8))

    def paintEvent(self, _event: object) -> None:  # noqa: N802 - Qt override
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._boxes = []
        items = self.shown_items()
        if not items:
            self._draw_empty(p)
            return
        fm = QFontMetrics(self.font())
        label_w = min(self.width() * 0.42, max(fm.horizontalAdvance(i.label) for i in items) + 10)
        num_w = fm.horizontalAdvance("00000") + 6
        row_h = min(fm.height() + 12, (self.height() - 4) / len(items))
        vmax = max(i.value for i in items) or 1
        span = self.width() - label_w - num_w - 4
        for n, item in enumerate(items):
            y = 2 + n * row_h
            p.setPen(TEXT)
            label = fm.elidedText(item.label, Qt.TextElideMode.ElideRight, int(label_w - 8))
            p.drawText(QRectF(0, y, label_w - 8, row_h),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label)
            w = max(2.0, span * item.value / vmax)
            bar = QRectF(label_w, y + 3, w, row_h - 6)
            p.fillRect(bar, item.color)
            p.setPen(TEXT)
            p.drawText(QRectF(bar.right() + 4, y, num_w, row_h),
                       Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                       str(item.value))
            self._boxes.append((QRectF(0, y, self.width(), row_h), item.key,
                                f"{item.label}: {item.value}"))
        self._draw_focus(p)


class SplitBar(_Chart):
    """One bar divided into parts in proportion, with a legend line under it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.items: list[Item] = []

    def set_items(self, items: list[Item]) -> None:
        self.items = list(items)
        self._current = -1
        self.update()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        fm = QFontMetrics(self.font())
        return QSize(240, 28 + 2 * fm.height() + 12)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(480, self.minimumSizeHint().height())

    def paintEvent(self, _event: object) -> None:  # noqa: N802 - Qt override
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._boxes = []
        total = sum(i.value for i in self.items)
        if total == 0:
            self._draw_empty(p)
            return
        fm = QFontMetrics(self.font())
        bar_h = 28.0
        x = 2.0
        width = self.width() - 4.0
        for item in self.items:
            if item.value == 0:
                continue
            w = width * item.value / total
            rect = QRectF(x, 2, w, bar_h)
            p.fillRect(rect, item.color)
            pct = round(100 * item.value / total)
            text = f"{item.value} ({pct}%)"
            if fm.horizontalAdvance(text) + 8 < w:
                p.setPen(QColor("white"))
                p.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
            self._boxes.append((rect, item.key, f"{item.label}: {item.value} ({pct}%)"))
            x += w
        # legend
        lx, ly = 2.0, bar_h + 8
        for item in self.items:
            text = f"{item.label}: {item.value}"
            adv = 16 + fm.horizontalAdvance(text) + 18
            if lx + adv > self.width() and lx > 2:
                lx, ly = 2.0, ly + fm.height() + 2
            p.fillRect(QRectF(lx, ly + (fm.height() - 12) / 2, 12, 12), item.color)
            p.setPen(TEXT)
            p.drawText(QPointF(lx + 16, ly + fm.ascent()), text)
            lx += adv
        self._draw_focus(p)
