"""Cheap checks of the packaging files: build.spec, the Windows version resource and the NSIS
installer script. The frozen build itself (about a minute) runs in tools/build_frozen.py.

The NSIS test needs ``makensis`` (Debian package ``nsis``): it fails, not skips, when makensis
is missing in CI (``CI`` set, or ``.ci/run``'s ``HYPOTHESIS_PROFILE=ci``).
"""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "build.spec"
NSI = ROOT / "installer" / "buku-migran.nsi"
VERSION_TEMPLATE = ROOT / "installer" / "win-version-info.txt.in"

IN_CI = bool(os.environ.get("CI")) or os.environ.get("HYPOTHESIS_PROFILE") == "ci"


def spec_tree() -> ast.Module:
    return ast.parse(SPEC.read_text(encoding="utf-8"), filename=str(SPEC))


def assigned_list(tree: ast.Module, name: str) -> list[str]:
    """The string items of the first ``name = [...]`` list literal in the spec."""
    for node in tree.body:
        if (isinstance(node, ast.Assign) and isinstance(node.value, ast.List)
                and any(isinstance(t, ast.Name) and t.id == name for t in node.targets)):
            return [e.value for e in node.value.elts
                    if isinstance(e, ast.Constant) and isinstance(e.value, str)]
    raise AssertionError(f"no list literal {name} in build.spec")


def call_keywords(tree: ast.Module, func: str) -> list[dict[str, object]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == func:
            found.append({kw.arg: getattr(kw.value, "value", kw.value) for kw in node.keywords
                          if kw.arg})
    return found


# --------------------------------------------------------------------------------------------
# build.spec


def test_spec_is_python_with_relative_paths_only() -> None:
    tree = spec_tree()
    absolute = re.compile(r"^(/\w|[A-Za-z]:[\\/]|\\\\\w)")  # /usr, C:\, \\server
    strings = [n.value for n in ast.walk(tree)
               if isinstance(n, ast.Constant) and isinstance(n.value, str)]
    bad = [s for s in strings if absolute.match(s) or "/work/" in s or "/home/" in s
           or "site-packages" in s]
    assert not bad, f"build.spec hard-codes machine paths: {bad}"
    assert "SPECPATH" in SPEC.read_text(encoding="utf-8")


def test_spec_builds_one_folder_two_executables_without_upx() -> None:
    tree = spec_tree()
    exes = call_keywords(tree, "EXE")
    assert len(exes) == 1, "one EXE() call, made twice by _exe(): windowed and console"
    exe = exes[0]
    assert exe["exclude_binaries"] is True, "one-folder build: EXE(exclude_binaries=True)"
    assert exe["upx"] is False
    collect = call_keywords(tree, "COLLECT")
    assert len(collect) == 1 and collect[0]["upx"] is False
    text = SPEC.read_text(encoding="utf-8")
    assert '_exe(APP_EXE, console=False)' in text
    assert '_exe(CONSOLE_EXE, console=True)' in text
    assert 'APP_EXE = "BukuMigranDesa"' in text
    assert 'CONSOLE_EXE = "BukuMigranDesa-konsol"' in text
    assert len(call_keywords(tree, "Analysis")) == 1, "both executables from one Analysis"


def test_spec_ships_what_the_program_reads_from_disk() -> None:
    text = SPEC.read_text(encoding="utf-8")
    assert '_tree("resources", "resources")' in text
    assert '_tree("app/core/migrations", "app/core/migrations"' in text
    assert (ROOT / "app" / "__main__.py").is_file()
    assert (ROOT / "app" / "core" / "migrations" / "env.py").is_file()
    assert (ROOT / "resources" / "reference" / "wilayah.tsv.gz").is_file()
    # modules loaded by name at run time must be collected
    for needle in ('collect_submodules("app")', 'collect_submodules("sync")',
                   '"alembic.op"', '"alembic.context"', '"sqlalchemy.dialects.sqlite"',
                   '"logging.handlers"'):
        assert needle in text, needle


def _imported_modules(py: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(py.read_text(encoding="utf-8"), filename=str(py))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_excluded_modules_are_not_imported_by_the_program() -> None:
    """The excludes list is a guard: a module the program imports must not be on it, or the
    frozen program breaks where the source checkout works."""
    excludes = assigned_list(spec_tree(), "excludes")
    assert {"PySide6.QtNetwork", "PySide6.QtQml", "PySide6.QtSql", "tkinter", "lokal",
            "pytest", "hypothesis"} <= set(excludes)
    clashes = []
    for package in ("app", "sync"):
        for py in sorted((ROOT / package).rglob("*.py")):
            for name in _imported_modules(py):
                for excluded in excludes:
                    if name == excluded or name.startswith(excluded + "."):
                        clashes.append(f"{py.relative_to(ROOT)} imports {name}")
    assert not clashes, "excluded in build.spec but imported by the program:\n" + "\n".join(
        clashes)


def test_windows_version_resource_renders() -> None:
    template = VERSION_TEMPLATE.read_text(encoding="utf-8")
    text = (template.replace("@VERSION_TUPLE@", "(0, 1, 0, 0)").replace("@VERSION@", "0.1.0")
            .replace("@APP_NAME@", "Buku Migran Desa").replace("@EXE_NAME@", "BukuMigranDesa"))
    assert not re.search(r"@[A-Z_]+@", text), "a placeholder was not filled"
    ast.parse(text, mode="eval")  # PyInstaller eval()s it
    try:
        from PyInstaller.utils.win32 import versioninfo
    except ImportError:
        return  # syntax checked above; the real load runs wherever PyInstaller is installed
    namespace = {name: getattr(versioninfo, name) for name in dir(versioninfo)}
    loaded = eval(text, namespace)  # noqa: S307 - our own template, as PyInstaller does
    assert isinstance(loaded, versioninfo.VSVersionInfo)


# --------------------------------------------------------------------------------------------
# NSIS installer script


def _uninstall_section(script: str) -> str:
    start = script.index('Section "Uninstall"')
    return script[start:script.index("SectionEnd", start)]


def _commands(block: str) -> list[str]:
    return [line.strip() for line in block.splitlines()
            if line.strip() and not line.strip().startswith(";")]


def test_uninstaller_never_deletes_the_data_folder() -> None:
    script = NSI.read_text(encoding="utf-8")
    for line in _commands(script):
        assert "$LOCALAPPDATA" not in line and "$APPDATA" not in line, line
        if line.startswith("RMDir /r"):
            assert line == 'RMDir /r "$INSTDIR\\_internal"', f"recursive delete: {line}"
        if line.startswith("Delete"):
            assert "*" not in line, f"wildcard delete: {line}"
    uninstall = _commands(_uninstall_section(script))
    assert 'RMDir "$INSTDIR"' in uninstall  # only if empty: keeps data\ and portable.txt
    assert "TIDAK DIHAPUS" in script and "%LOCALAPPDATA%\\BukuMigranDesa" in script
    assert "mode portabel" in script


def test_installer_is_indonesian_with_shortcuts() -> None:
    script = NSI.read_text(encoding="utf-8")
    assert '!insertmacro MUI_LANGUAGE "Indonesian"' in script
    assert "!include MUI2.nsh" in script
    assert '!define APP_NAME "Buku Migran Desa"' in script
    assert 'CreateShortcut "$SMPROGRAMS\\${APP_NAME}.lnk"' in script
    assert 'CreateShortcut "$DESKTOP\\${APP_NAME}.lnk"' in script
    assert "$PROGRAMFILES64" in script and "${RunningX64}" in script
    assert "${AtLeastWin10}" in script


def _makensis() -> str:
    exe = shutil.which("makensis")
    if exe is None:
        message = "makensis not found: install NSIS (Debian: apt-get install nsis)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return exe


def _dummy_windows_build(folder: Path) -> Path:
    """The shape of dist/BukuMigranDesa from a Windows build, with tiny stand-in files."""
    dist = folder / "BukuMigranDesa"
    for rel in ("BukuMigranDesa.exe", "BukuMigranDesa-konsol.exe", "_internal/base_library.zip",
                "_internal/python311.dll", "_internal/app/core/migrations/env.py",
                "_internal/resources/reference/countries.json"):
        path = dist / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"MZ stand-in for " + rel.encode())
    return dist


def test_nsis_script_compiles(tmp_path: Path) -> None:
    makensis = _makensis()
    dist = _dummy_windows_build(tmp_path)
    out = tmp_path / "BukuMigranDesa-uji-pasang.exe"
    result = subprocess.run(
        [makensis, "-WX", "-V2", f"-DDIST_DIR={dist}", f"-DOUTFILE={out}", str(NSI)],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert out.read_bytes()[:2] == b"MZ"


def test_nsis_script_refuses_a_missing_build(tmp_path: Path) -> None:
    makensis = _makensis()
    result = subprocess.run(
        [makensis, "-V2", f"-DDIST_DIR={tmp_path / 'kosong'}",
         f"-DOUTFILE={tmp_path / 'x.exe'}", str(NSI)],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode != 0
    assert "Windows build not found" in result.stdout + result.stderr
    assert not (tmp_path / "x.exe").exists()
