"""Text that is never cut: a combo box keeps its current choice whole (issue 14, layout at
1366x768 in any language). The pseudo-localisation test (tests/ui/test_pseudo_l10n.py)
measures with the same :func:`combo_text_width`."""

from __future__ import annotations

from PySide6.QtCore import QSize, QTimer
from PySide6.QtWidgets import QComboBox, QStyle, QStyleOptionComboBox


def combo_text_width(combo: QComboBox, text: str) -> int:
    """The width ``combo`` needs to show ``text`` whole, as its style draws it."""
    option = QStyleOptionComboBox()
    option.initFrom(combo)
    option.editable = combo.isEditable()
    option.frame = combo.hasFrame()
    metrics = combo.fontMetrics()
    size = QSize(metrics.horizontalAdvance(text), metrics.height())
    return combo.style().sizeFromContents(QStyle.ContentsType.CT_ComboBox, option, size,
                                          combo).width()


def keep_choice_whole(combo: QComboBox) -> QComboBox:
    """The layout may squeeze ``combo`` (a filter row, a form at 1366 px) but never below
    the width its current choice needs; followed when the choice or the language changes."""

    def follow() -> None:
        combo.setMinimumWidth(combo_text_width(combo, combo.currentText()))

    def soon(*_args: object) -> None:
        # the choices are often refilled with the combo's signals blocked: measure once the
        # filling code is done
        QTimer.singleShot(0, combo, follow)

    combo.currentTextChanged.connect(soon)
    model = combo.model()
    for signal in (model.modelReset, model.rowsInserted, model.dataChanged):
        signal.connect(soon)
    follow()
    return combo
