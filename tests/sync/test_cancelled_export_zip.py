"""A cancelled export gives its half workbook up at once (issue 13, point 6).

Without ``XlsxWriter.discard()`` the half-written zip was left to the garbage collector. When
the cancellation is kept with its traceback in a reference cycle (as an error kept for the
user is), the collector finalises the in-memory file first and then ``ZipFile.__del__``
fails on it: "Exception ignored in ZipFile.__del__: I/O operation on closed file", printed
after some later test of the suite, or as a warning in the GUI's console.
"""

from __future__ import annotations

import gc
import sys
from pathlib import Path
from typing import Any

import pytest

from app.core.progress import Cancelled, CancelToken, Progress
from sync.export import export_bundle


def _cancelled_export(village: Any, dest: Path, after: int) -> Cancelled:
    token = CancelToken()
    calls: list[Progress] = []

    def progress(p: Progress) -> None:
        calls.append(p)
        if len(calls) >= after:
            token.cancel()

    try:
        export_bundle(village, dest, progress=progress, cancel=token)
    except Cancelled as exc:
        return exc
    raise AssertionError("the export was not cancelled")


@pytest.mark.parametrize("after", [1, 2, 3])  # before the first sheet, and between sheets
def test_a_cancelled_export_leaves_no_zip_to_the_collector(
        village: Any, tmp_path: Path, after: int, monkeypatch: pytest.MonkeyPatch) -> None:
    ignored: list[str] = []
    monkeypatch.setattr(sys, "unraisablehook",
                        lambda u: ignored.append(f"{u.exc_value!r} in {u.object!r}"))
    gc.collect()  # nothing of an earlier test is counted here
    ignored.clear()
    error = _cancelled_export(village, tmp_path / "usb", after)
    error.kept = [error]  # type: ignore[attr-defined]  # the error kept, in a cycle
    del error
    gc.collect()
    assert ignored == []
    assert not (tmp_path / "usb").exists() or not list((tmp_path / "usb").iterdir())
