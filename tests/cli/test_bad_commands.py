"""Command lines that are wrong: each is refused with exit 2 and an Indonesian sentence, and
nothing on disk changes (issue 17, item 8).

One table, run in-process through the real entry points (``app.__main__.main`` and
``sync.cli.main``), plus subprocess smoke tests of the same entry points as a user runs them.
"""

from __future__ import annotations

import hashlib
import io
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
ENGLISH = ("usage:", "error:", "required", "invalid choice", "unrecognized", "expected one",
           "Traceback", "not allowed", "kesalahan yang tidak terduga")

# (id, tool, argv, exit code, phrases that must all be on stderr)
# Placeholders: {v} an initialised village folder, {new} a folder that does not exist yet,
# {dok} an unrelated folder with office documents, {file} a plain file, {t} the test folder,
# {junk} a binary file, {junktext} a text file that is not a key backup, {missing} no file.
TABLE = [
    ("typo-command", "app", ["bakcup"], 2, ["Perintah tidak dikenal: bakcup",
                                             "Maksud Anda: backup?"]),
    ("typo-command-after-folder", "app", ["--data-dir", "{v}", "bakcup"], 2,
     ["Perintah tidak dikenal: bakcup"]),
    ("unknown-gui-option", "app", ["--data-dir", "{v}", "--bahasa", "id"], 2,
     ["Perintah tidak dapat dipahami", "--bahasa"]),
    ("init-empty-data-dir", "app", ["init", "--data-dir", "", "--village", "18.07.01.2001"], 2,
     ["Folder data kosong"]),
    ("init-blank-data-dir", "app", ["init", "--data-dir", "  ", "--p4mi", "18.07"], 2,
     ["Folder data kosong"]),
    ("init-unrelated-folder", "app", ["init", "--data-dir", "{dok}", "--village",
                                      "18.07.01.2001"], 2,
     ["bukan folder data Buku Migran Desa", "Surat Desa.docx"]),
    ("init-on-a-file", "app", ["init", "--data-dir", "{file}", "--village", "18.07.01.2001"], 2,
     ["adalah sebuah berkas, bukan folder data"]),
    ("init-abbreviated-option", "app", ["init", "--data-dir", "{new}", "--villag",
                                        "18.07.01.2001"], 2,
     ["Perintah tidak dapat dipahami", "salah satu argumen ini wajib diisi"]),
    ("init-extra-argument", "app", ["init", "--data-dir", "{new}", "--village", "18.07.01.2001",
                                    "--lebih"], 2,
     ["argumen tidak dikenal: --lebih"]),
    ("init-missing-office", "app", ["init", "--data-dir", "{new}"], 2,
     ["pemakaian:", "salah satu argumen ini wajib diisi: --village --p4mi"]),
    ("gui-on-a-file", "app", ["--data-dir", "{file}", "--no-crash-dialog"], 2,
     ["adalah sebuah berkas"]),
    ("gui-on-unrelated-folder", "app", ["--data-dir", "{dok}", "--no-crash-dialog"], 2,
     ["bukan folder data Buku Migran Desa"]),
    ("gui-empty-data-dir", "app", ["--data-dir", "", "--no-crash-dialog"], 2,
     ["Folder data kosong"]),
    ("demo-not-a-number", "app", ["demo", "--data-dir", "{v}", "--residents", "abc"], 2,
     ["nilai 'abc' tidak sah (harus bilangan bulat)"]),
    ("demo-uninitialised", "app", ["demo", "--data-dir", "{new}", "--residents", "5"], 2,
     ["belum disiapkan"]),
    ("backup-to-a-file", "app", ["backup", "--data-dir", "{v}", "--to", "{file}"], 2,
     ["adalah sebuah berkas, bukan folder"]),
    ("stats-out-a-folder", "app", ["stats", "--data-dir", "{v}", "--out", "{t}"], 2,
     ["adalah sebuah folder", "statistik.csv"]),
    ("stats-missing-out", "app", ["stats", "--data-dir", "{v}"], 2,
     ["argumen wajib belum diisi: --out"]),
    ("restore-missing-file", "app", ["restore", "--data-dir", "{v}", "{missing}"], 2,
     ["tidak ditemukan"]),
    ("sync-typo-command", "sync", ["eksport", "--data-dir", "{v}"], 2,
     ["Perintah tidak dikenal: eksport", "Maksud Anda: export?"]),
    ("sync-keys-typo", "sync", ["keys", "lihat", "--data-dir", "{v}"], 2,
     ["pilihan tidak dikenal: 'lihat'"]),
    ("sync-export-empty-data-dir", "sync", ["export", "--data-dir", "", "--out", "{t}"], 2,
     ["Folder data kosong"]),
    ("keys-restore-binary", "sync", ["keys", "restore", "--data-dir", "{v}", "{junk}"], 2,
     ["bukan cadangan kunci"]),
    ("keys-restore-text", "sync", ["keys", "restore", "--data-dir", "{v}", "{junktext}"], 2,
     ["Berkas kunci tidak sah"]),
    ("keys-restore-missing", "sync", ["keys", "restore", "--data-dir", "{v}", "{missing}"], 2,
     ["tidak ditemukan"]),
    ("keys-backup-to-a-folder", "sync", ["keys", "backup", "--data-dir", "{v}", "--out",
                                         "{t}"], 2,
     ["adalah sebuah folder", "kunci-cadangan.txt"]),
    ("dump-unknown-village", "sync", ["dump", "--data-dir", "{v}", "--village",
                                      "18.07.01.2002"], 2,
     ["Desa 18.07.01.2002 tidak ada di folder data"]),
    ("demo-hub-negative", "sync", ["demo-hub", "--data-dir", "{new}", "--villages", "-1",
                                   "--residents", "5"], 2,
     ["--villages harus antara 1 dan 500"]),
    ("demo-hub-too-many-residents", "sync", ["demo-hub", "--data-dir", "{new}", "--villages",
                                             "2", "--residents", "0"], 2,
     ["--residents harus antara 1 dan 100.000"]),
]


def snapshot(folder: Path) -> dict[str, Any]:
    """Every file and folder under ``folder`` with its content hash (folders: None)."""
    out: dict[str, Any] = {}
    for path in sorted(folder.rglob("*")):
        rel = str(path.relative_to(folder))
        if path.name.endswith("-shm") or (path.name.endswith("-wal") and not path.stat().st_size):
            continue  # SQLite's shared memory of a reader, not data
        out[rel] = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None
    return out


def run_in_process(tool: str, argv: list[str], capsys: Any) -> tuple[int, str, str]:
    if tool == "app":
        from app.__main__ import main
    else:
        from sync.cli import main
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse's own refusals
        code = exc.code if isinstance(exc.code, int) else 1
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def folders(village: Any, tmp_path: Path) -> dict[str, str]:
    village.close()
    dok = tmp_path / "Dokumen Kantor"
    dok.mkdir()
    (dok / "Surat Desa.docx").write_bytes(b"PK\x03\x04 surat")
    (dok / "anggaran.xlsx").write_bytes(b"PK\x03\x04 anggaran")
    plain = tmp_path / "catatan.txt"
    plain.write_text("bukan folder")
    junk = tmp_path / "acak.bin"
    junk.write_bytes(os.urandom(4096))
    junktext = tmp_path / "acak.txt"
    junktext.write_text('{"format": "bukan kunci"}')
    return {"v": str(village.data_dir.root), "new": str(tmp_path / "baru"), "dok": str(dok),
            "file": str(plain), "t": str(tmp_path), "junk": str(junk),
            "junktext": str(junktext), "missing": str(tmp_path / "tidak_ada.db")}


@pytest.mark.timeout(120)  # a typo that starts the GUI would wait for a user: fail, not hang
@pytest.mark.parametrize(("tool", "argv", "code", "phrases"),
                         [pytest.param(*row[1:], id=row[0]) for row in TABLE])
def test_bad_command_is_refused_and_changes_nothing(tool: str, argv: list[str], code: int,
                                                    phrases: list[str], folders: dict[str, str],
                                                    tmp_path: Path, capsys: Any,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BUKU_MIGRAN_DATA", str(tmp_path / "bawaan"))  # the "default" folder
    monkeypatch.setenv("BMD_KATA_SANDI", "kata-sandi-uji")
    args = [a.format(**folders) for a in argv]
    before = snapshot(tmp_path)
    got, out, err = run_in_process(tool, args, capsys)
    assert got == code, (out, err)
    for phrase in phrases:
        assert phrase in err, err
    for english in ENGLISH:
        assert english not in err, err
    assert "rusak" not in err  # a missing file is not a damaged one
    assert snapshot(tmp_path) == before  # nothing created, nothing changed


class _ClosedPipe(io.StringIO):
    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")

    def flush(self) -> None:
        raise BrokenPipeError(32, "Broken pipe")


def test_closed_pipe_after_a_finished_command_keeps_its_exit_status(
        village: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from app.__main__ import main as app_main
    from sync.cli import main as sync_main

    village.close()
    v = str(village.data_dir.root)
    monkeypatch.setattr(sys, "stdout", _ClosedPipe())
    assert sync_main(["dump", "--data-dir", v, "--village", "18.07.01.2001"]) == 0
    out = tmp_path / "statistik.csv"
    assert app_main(["stats", "--data-dir", v, "--out", str(out)]) == 0
    assert out.is_file()  # the work was done; only the printing was lost


def _run(tool: str, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", tool, *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, env={**os.environ, **env})


def test_smoke_subprocess(village: Any, tmp_path: Path) -> None:
    """The one CLI test in real processes (the rest run ``main(argv)`` in the test process):
    the interpreter starts both tools, a typo never starts the GUI nor creates a folder, and
    a pipe closed by its reader (``| head``) still ends with the command's own status."""
    default = tmp_path / "bawaan"
    env = {"BUKU_MIGRAN_DATA": str(default), "QT_QPA_PLATFORM": "offscreen",
           "HOME": str(tmp_path / "home")}
    res = _run("app", "bakcup", env=env)
    assert res.returncode == 2
    assert "Perintah tidak dikenal: bakcup" in res.stderr and "Traceback" not in res.stderr
    res = _run("sync", "import", "--data-dir", str(default), env=env)
    assert res.returncode == 2 and "argumen wajib belum diisi: BUNDLE" in res.stderr
    assert not default.exists() and not (tmp_path / "home").exists()

    village.close()
    v = str(village.data_dir.root)
    script = (f'"{sys.executable}" -m sync dump --data-dir "{v}" --village 18.07.01.2001 '
              '| true; echo "status=${PIPESTATUS[0]}"')
    res = subprocess.run(["bash", "-c", script], cwd=ROOT, capture_output=True, text=True,
                         timeout=120)
    assert "status=0" in res.stdout, res.stdout + res.stderr
    assert "Traceback" not in res.stderr and "BrokenPipe" not in res.stderr


def test_help_lists_the_desktop_options(capsys: pytest.CaptureFixture[str]) -> None:
    """``python -m app --help`` names the options of the desktop application too (issue 14),
    and the GUI parses the same definitions."""
    from app.__main__ import main
    from app.ui.main import parse_args

    with pytest.raises(SystemExit) as stop:
        main(["--help"])
    assert stop.value.code == 0
    out = capsys.readouterr().out
    for option in ("--data-dir", "--lang", "--latihan", "--self-test"):
        assert option in out
    assert "show program's version" not in out  # Indonesian throughout
    args = parse_args(["--data-dir", "/x", "--lang", "en", "--latihan"])
    assert (args.data_dir, args.lang, args.latihan) == ("/x", "en", True)
