"""Short, non-blocking feedback in the main window's status bar ("PDF tersimpan di ...")."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

STATUS_TIMEOUT_MS = 20_000


def main_window_of(widget: QWidget | None) -> QMainWindow | None:
    """The main window that ``widget`` lives in, else the application's visible one."""
    top = widget.window() if widget is not None else None
    if isinstance(top, QMainWindow):
        return top
    for candidate in QApplication.topLevelWidgets():
        if isinstance(candidate, QMainWindow) and candidate.isVisible():
            return candidate
    return None


def show_status(widget: QWidget | None, text: str, timeout_ms: int = STATUS_TIMEOUT_MS) -> bool:
    """Show ``text`` in the status bar; False when there is no main window to show it in."""
    window = main_window_of(widget)
    if window is None:
        return False
    window.statusBar().showMessage(text, timeout_ms)
    return True
