"""One label style (issue 14): a form row's label has no colon, in every dialog and view,
in both languages (the Qt form layout already sets label and field apart)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QFormLayout, QLabel, QWidget


def colon_labels(root: QWidget) -> list[str]:
    """Form-row labels and short labels of a field (with a buddy) that end with a colon. A
    sentence leading into a box ("To confirm, type HAPUS or the person's name:") may."""
    found = [w.text() for w in root.findChildren(QLabel)
             if w.buddy() is not None and w.text().rstrip().endswith(":")
             and len(w.text().split()) <= 5]
    for layout in root.findChildren(QFormLayout):
        for row in range(layout.rowCount()):
            item = layout.itemAt(row, QFormLayout.ItemRole.LabelRole)
            label = item.widget() if item is not None else None
            if isinstance(label, QLabel) and label.text().rstrip().endswith(":"):
                found.append(label.text())
    return sorted(set(found))


@pytest.mark.parametrize("language", ["id", "en"])
def test_no_form_label_ends_with_a_colon(qtbot: Any, ctx: Any, demo_village: Any,
                                         language: str) -> None:
    from app.ui.i18n import set_language
    from app.ui.main_window import MainWindow
    from tests.ui.test_accelerators import _dialogs, _ids

    set_language(language)
    ids = _ids(demo_village)
    problems = []
    for name, make in _dialogs().items():
        dialog = make(ctx, ids)
        qtbot.addWidget(dialog)
        problems += [f"{name}: {t!r}" for t in colon_labels(dialog)]
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    for key in window.view_keys:
        problems += [f"[{key}]: {t!r}" for t in colon_labels(window.show_view(key))]
    assert problems == [], "\n".join(problems)


def test_no_colon_in_the_p4mi_views(qtbot: Any, tmp_path: Any) -> None:
    from app.ui.main_window import MainWindow
    from tests.ui.conftest import make_context
    from tests.ui.p4mi_support import make_hub

    hub = make_hub(tmp_path / "p4mi")
    try:
        window = MainWindow(make_context(hub))
        qtbot.addWidget(window)
        problems = [f"[{key}]: {t!r}" for key in window.view_keys
                    for t in colon_labels(window.show_view(key))]
        assert problems == [], "\n".join(problems)
    finally:
        window.close()
        hub.close()
