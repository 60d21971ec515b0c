"""The data folder is chosen by --data-dir, then the environment, then the portable marker."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core import paths


def test_resolution_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(paths, "program_dir", lambda: tmp_path / "prog")
    (tmp_path / "prog").mkdir()
    monkeypatch.delenv(paths.ENV_VAR, raising=False)
    assert paths.resolve_data_dir(None) == paths.default_data_dir()
    (tmp_path / "prog" / paths.PORTABLE_MARKER).write_text("")
    assert paths.resolve_data_dir(None) == tmp_path / "prog" / "data"
    monkeypatch.setenv(paths.ENV_VAR, str(tmp_path / "env"))
    assert paths.resolve_data_dir(None) == (tmp_path / "env").resolve()
    assert paths.resolve_data_dir(tmp_path / "cli") == (tmp_path / "cli").resolve()


def test_data_dir_layout_created(tmp_path: Path) -> None:
    d = paths.DataDir(tmp_path / "x").ensure()
    for sub in (d.backups, d.logs, d.inbox, d.outbox, d.keys):
        assert sub.is_dir()
    assert not d.exists()


def test_read_only_folder_gives_clear_error(tmp_path: Path) -> None:
    import os

    from app.core.errors import AppError
    from app.core.messages import message
    from app.core.workspace import open_workspace

    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o500)
    try:
        if os.geteuid() == 0:
            # root ignores permissions: use a path under a regular file instead
            target = tmp_path / "file"
            target.write_text("x")
            folder = target / "sub"
        else:
            folder = ro / "sub"
        with pytest.raises(AppError) as err:
            open_workspace(paths.DataDir(folder))
        assert err.value.code == "data_dir.not_writable"
        assert "tidak bisa ditulisi" in message(err.value.code, "id", **err.value.params)
    finally:
        ro.chmod(0o700)


def test_second_program_on_same_folder_is_refused(village) -> None:
    import subprocess
    import sys

    from app.core.workspace import open_workspace

    folder = village.data_dir
    village.close()
    first = open_workspace(folder, exclusive=True)
    try:
        code = (
            "import sys; from app.core.paths import DataDir; "
            "from app.core.workspace import open_workspace; from app.core.errors import AppError\n"
            "from pathlib import Path\n"
            "try:\n    open_workspace(DataDir(Path(sys.argv[1])), exclusive=True)\n"
            "except AppError as e:\n    print(e.code); sys.exit(0)\nsys.exit(1)\n"
        )
        root = Path(__file__).resolve().parents[2]
        res = subprocess.run([sys.executable, "-c", code, str(folder.root)], cwd=root,
                             capture_output=True, text=True, timeout=60)
        assert res.returncode == 0 and res.stdout.strip() == "data_dir.in_use", res.stderr
        # the demo command on the same folder is refused too, with exit 2
        from tests.core.test_cli import run_app

        res = run_app("demo", "--data-dir", str(folder.root), "--residents", "3")
        assert res.returncode == 2 and "sedang dibuka" in res.stderr
    finally:
        first.close()
    again = open_workspace(folder, exclusive=True)  # released on close
    again.close()
