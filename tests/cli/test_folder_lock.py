"""Two programs on one folder: every command that writes, ``stats`` included, respects the
folder lock (issue 17, item 9). Another process holds the lock; each writer is refused with
exit 2 and the "sedang dibuka" sentence, and the folder does not change."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.cli.test_bad_commands import run_in_process, snapshot

ROOT = Path(__file__).resolve().parents[2]

WRITERS = [
    ("app", ["demo", "--data-dir", "{v}", "--residents", "3"]),
    ("app", ["stats", "--data-dir", "{v}", "--out", "{t}/statistik.csv"]),
    ("app", ["backup", "--data-dir", "{v}"]),
    ("app", ["backup", "--data-dir", "{v}", "--to", "{t}/usb"]),
    ("app", ["restore", "--data-dir", "{v}"]),
    ("app", ["reset-pin", "--data-dir", "{v}", "--operator", "Operator Uji"]),
    ("app", ["init", "--data-dir", "{v}", "--village", "18.07.01.2001"]),
    ("sync", ["export", "--data-dir", "{v}", "--out", "{t}/usb"]),
    ("sync", ["import", "--data-dir", "{v}", "{t}/paket.bmd"]),
    ("sync", ["receipt", "--data-dir", "{v}", "--village", "18.07.01.2001", "--out", "{t}"]),
    ("sync", ["import-receipt", "--data-dir", "{v}", "{t}/tanda.bmdr"]),
    ("sync", ["keys", "show", "--data-dir", "{v}"]),
    ("sync", ["keys", "list", "--data-dir", "{v}"]),
    ("sync", ["provision", "--data-dir", "{v}", "--out", "{t}"]),
]


@pytest.fixture
def locked_village(village: Any) -> Iterator[str]:
    village.close()
    folder = str(village.data_dir.root)
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys; from pathlib import Path; "
         "from app.core.lock import FolderLock; FolderLock(Path(sys.argv[1])).acquire(); "
         "print('held', flush=True); sys.stdin.read()", folder],
        cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        yield folder
    finally:
        holder.kill()
        holder.wait()


@pytest.mark.parametrize(("tool", "argv"), WRITERS, ids=[" ".join(w[1][:2]) for w in WRITERS])
def test_writer_is_refused_while_another_program_holds_the_folder(
        tool: str, argv: list[str], locked_village: str, tmp_path: Path, capsys: Any,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BUKU_MIGRAN_PIN_BARU", "135790")
    (tmp_path / "paket.bmd").write_bytes(b"PK\x03\x04")
    (tmp_path / "tanda.bmdr").write_bytes(b"{}")
    before = snapshot(tmp_path)
    args = [a.format(v=locked_village, t=tmp_path) for a in argv]
    code, out, err = run_in_process(tool, args, capsys)
    assert code == 2, (out, err)
    assert "sedang dibuka oleh program lain" in err, err
    assert snapshot(tmp_path) == before
