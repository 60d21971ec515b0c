"""Size of the frozen program against a bare PySide6 window frozen the same way.

    python benchmarks/frozen_size.py              # build both, print sizes and the ratio
    python benchmarks/frozen_size.py --reuse-app  # measure an existing dist/BukuMigranDesa

Both are PyInstaller one-folder builds with UPX off. The bare window is one QLabel in a
QApplication, frozen with PyInstaller's defaults (no excludes): the floor any PySide6 program
pays. The goal (issue 5): the application folder within 1.2x of that floor. The largest parts of
the application folder are listed from build/size-report.txt (written by build.spec).

Exit status 0 when the goal is met, 1 when it is not (the figures are printed either way).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOAL_RATIO = 1.2
APP_FOLDER = ROOT / "dist" / "BukuMigranDesa"

MINIMAL = """\
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel

app = QApplication(sys.argv)
label = QLabel("Halo")
label.show()
if "--quit" in sys.argv:
    QTimer.singleShot(0, app.quit)
sys.exit(app.exec())
"""


def folder_mib(folder: Path) -> float:
    total = sum(
        p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink()
    )
    return total / 2**20


def _pyinstaller(args: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN", *args],
        cwd=cwd,
        check=True,
    )
    return time.perf_counter() - start


def build_minimal(work: Path) -> tuple[Path, float]:
    (work / "minimal.py").write_text(MINIMAL, encoding="utf-8")
    seconds = _pyinstaller(
        ["--onedir", "--noupx", "--windowed", "--name", "minimal",
         "--distpath", str(work / "dist"), "--workpath", str(work / "build"),
         "--specpath", str(work), "minimal.py"],
        cwd=work,
    )
    folder = work / "dist" / "minimal"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    start = time.perf_counter()
    subprocess.run([str(folder / "minimal"), "--quit"], check=True, env=env,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    print(f"bare window: built in {seconds:.0f} s, starts and quits in "
          f"{time.perf_counter() - start:.2f} s")
    return folder, seconds


def build_app() -> float:
    seconds = _pyinstaller(["build.spec"], cwd=ROOT)
    print(f"application: built in {seconds:.0f} s")
    return seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reuse-app", action="store_true",
                        help="measure the existing dist/BukuMigranDesa instead of building it")
    args = parser.parse_args(argv)

    if not args.reuse_app:
        build_app()
    if not APP_FOLDER.is_dir():
        print(f"{APP_FOLDER} is missing: build it first (pyinstaller --noconfirm build.spec)")
        return 1
    with tempfile.TemporaryDirectory(prefix="frozen-minimal-") as tmp:
        minimal_folder, _ = build_minimal(Path(tmp))
        minimal = folder_mib(minimal_folder)
    app = folder_mib(APP_FOLDER)
    ratio = app / minimal
    print(f"bare PySide6 window (onedir, UPX off): {minimal:7.1f} MiB")
    print(f"Buku Migran Desa (dist/BukuMigranDesa): {app:7.1f} MiB")
    verdict = "met" if ratio <= GOAL_RATIO else "NOT met"
    print(f"ratio {ratio:.2f} (goal: at most {GOAL_RATIO}) -> {verdict}")
    report = ROOT / "build" / "size-report.txt"
    if report.is_file():
        print("\nlargest parts of the application folder:")
        print("\n".join(report.read_text(encoding="utf-8").splitlines()[2:17]))
    return 0 if ratio <= GOAL_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
