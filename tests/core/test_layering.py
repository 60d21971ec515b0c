"""The data core and sync run headless: importing them must not load Qt."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
QT_IMPORT = re.compile(r"^\s*(from|import)\s+PySide6", re.MULTILINE)


def test_core_and_sync_import_no_pyside6() -> None:
    code = (
        "import sys, pkgutil, importlib\n"
        "import app, app.core, app.cli, app.selftest\n"
        "import sync\n"
        "for pkg in (app.core, sync):\n"
        "    for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
        "        if '.migrations.' in m.name:\n"
        "            continue\n"
        "        importlib.import_module(m.name)\n"
        "loaded = sorted(n for n in sys.modules if n.startswith('PySide6') or n == 'app.ui')\n"
        "print(loaded)\n"
        "sys.exit(1 if loaded else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_qt_import_statement_outside_ui() -> None:
    offenders = [
        str(p.relative_to(ROOT))
        for folder in ("app/core", "sync")
        for p in (ROOT / folder).rglob("*.py")
        if QT_IMPORT.search(p.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_import_contracts_hold() -> None:
    """pyproject.toml's import-linter contracts: the GUI imports neither SQLAlchemy nor the
    model classes; core and sync import no Qt/GUI; the core does not import sync."""
    import shutil

    exe = shutil.which("lint-imports") or str(Path(sys.executable).parent / "lint-imports")
    result = subprocess.run([exe, "--no-cache"], cwd=ROOT, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "3 kept, 0 broken" in result.stdout
