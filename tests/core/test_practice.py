"""Practice mode (Mode latihan): a separate folder beside the real one, marked, full of demo
data; the real folder is never used, changed or deleted."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.errors import AppError


def _count_residents(root: Path) -> int:
    import sqlite3

    con = sqlite3.connect(root / "buku_migran.db")
    try:
        return con.execute("SELECT count(*) FROM resident").fetchone()[0]
    finally:
        con.close()


def _open(root: Path):  # noqa: ANN202 - Workspace
    from app.core.paths import DataDir
    from app.core.workspace import open_workspace

    return open_workspace(DataDir(root))


def _real_village(root: Path) -> None:
    from app.core.workspace import MODE_VILLAGE, initialise_office

    ws = _open(root)
    try:
        initialise_office(ws, mode=MODE_VILLAGE, code="18.07.01.2001", name="Sukadana")
    finally:
        ws.close()


def test_practice_folder_sits_beside_the_real_one(tmp_path: Path, monkeypatch) -> None:
    import app.core.paths as paths
    from app.core.practice import practice_data_dir

    monkeypatch.setenv(paths.ENV_VAR, str(tmp_path / "nyata"))
    assert paths.resolve_data_dir() == tmp_path / "nyata"
    assert practice_data_dir() == tmp_path / "nyata-latihan"
    assert practice_data_dir(tmp_path / "lain") == tmp_path / "lain-latihan"
    assert practice_data_dir(tmp_path / "x-latihan") == tmp_path / "x-latihan"

    monkeypatch.delenv(paths.ENV_VAR)
    program = tmp_path / "usb"
    program.mkdir()
    (program / paths.PORTABLE_MARKER).write_text("")
    monkeypatch.setattr(paths, "program_dir", lambda: program)
    assert paths.resolve_data_dir() == program / "data"
    assert practice_data_dir() == program / "data-latihan"

    (program / paths.PORTABLE_MARKER).unlink()
    real = paths.default_data_dir()
    assert practice_data_dir() == real.with_name(real.name + "-latihan")
    assert practice_data_dir() != real


def test_prepare_marks_and_fills_the_folder(tmp_path: Path) -> None:
    from app.core.practice import NOTE_NAME, is_practice, prepare_practice

    root = tmp_path / "latihan"
    info = prepare_practice(root, "18.07.01.2001", residents=40, seed=5)
    assert info.created and info.residents_added == 40
    assert (info.office_code, info.office_name) == ("18.07.01.2001", "Sukadana")
    assert _count_residents(root) == 40
    assert "MODE LATIHAN" in (root / NOTE_NAME).read_text(encoding="utf-8")
    ws = _open(root)
    try:
        assert is_practice(ws)
        office = ws.office()
        assert office is not None and office.mode == "desa"
    finally:
        ws.close()

    again = prepare_practice(root, "18.07.01.2001", residents=40)
    assert not again.created and again.residents_added == 0
    assert _count_residents(root) == 40

    with pytest.raises(AppError) as info_err:
        prepare_practice(root, "18.07.01.2002", residents=5)
    assert info_err.value.code == "practice.other_village"
    fresh = prepare_practice(root, "18.07.01.2002", residents=5, reset=True)
    assert fresh.created and fresh.office_code == "18.07.01.2002"
    assert _count_residents(root) == 5


def test_a_real_folder_is_never_used_or_deleted(tmp_path: Path) -> None:
    from app.core.practice import is_practice, prepare_practice

    real = tmp_path / "nyata"
    _real_village(real)
    stamp = (real / "buku_migran.db").read_bytes()
    for reset in (False, True):
        with pytest.raises(AppError) as info:
            prepare_practice(real, "18.07.01.2001", residents=10, reset=reset)
        assert info.value.code == "practice.real_folder"
    assert (real / "buku_migran.db").read_bytes() == stamp
    ws = _open(real)
    try:
        assert not is_practice(ws)
    finally:
        ws.close()
    other = tmp_path / "berkas-lain"
    other.mkdir()
    (other / "penting.txt").write_text("jangan dihapus")
    with pytest.raises(AppError):
        prepare_practice(other, "18.07.01.2001", residents=1, reset=True)
    assert (other / "penting.txt").exists()


def test_bad_input_is_refused(tmp_path: Path) -> None:
    from app.core.practice import prepare_practice

    for code in ("18.07", "99.99.99.9999", "bukan"):
        with pytest.raises(AppError) as info:
            prepare_practice(tmp_path / "p", code, residents=1)
        assert info.value.code == "office.not_village"
    with pytest.raises(AppError) as info:
        prepare_practice(tmp_path / "p", "18.07.01.2001", residents=-1)
    assert info.value.code == "practice.count_invalid"
    assert not (tmp_path / "p").exists()


def test_cli_practice_prints_the_folder(tmp_path: Path, monkeypatch, capsys) -> None:
    import app.core.paths as paths
    from app.cli import COMMANDS, run_command

    assert "practice" in COMMANDS
    program = tmp_path / "program"
    program.mkdir()
    monkeypatch.setattr(paths, "program_dir", lambda: program)
    monkeypatch.setenv(paths.ENV_VAR, str(tmp_path / "nyata"))
    assert run_command(["practice", "--residents", "15"]) == 0
    out = capsys.readouterr().out
    assert out.strip().splitlines()[-1] == str(tmp_path / "nyata-latihan")
    assert "MODE LATIHAN" in out and "Sukadana" in out
    assert _count_residents(tmp_path / "nyata-latihan") == 15
    assert not (tmp_path / "nyata").exists()  # the real folder is not even created

    assert run_command(["practice", "--village", "18.07.01.2002"]) == 2
    assert "--reset" in capsys.readouterr().err
    _real_village(tmp_path / "nyata")
    assert run_command(["practice", "--data-dir", str(tmp_path / "nyata"),
                        "--residents", "3"]) == 2
    assert "bukan folder latihan" in capsys.readouterr().err


def test_cli_practice_uses_the_village_list_beside_the_program(tmp_path: Path, monkeypatch,
                                                               capsys) -> None:
    import app.core.paths as paths
    from app.cli import run_command
    from app.core.workspace import MODE_P4MI, initialise_office
    from sync.provisioning import create_provisioning

    program = tmp_path / "program"
    program.mkdir()
    hub = _open(tmp_path / "p4mi")
    try:
        initialise_office(hub, mode=MODE_P4MI, code="18.01", name="Kabupaten Lampung Barat")
        create_provisioning(hub, program)
    finally:
        hub.close()
    monkeypatch.setattr(paths, "program_dir", lambda: program)
    assert run_command(["practice", "--data-dir", str(tmp_path / "lat"), "--residents",
                        "2"]) == 0
    assert "(18.01." in capsys.readouterr().out
