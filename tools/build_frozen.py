"""Build the frozen program and check it the way a fresh laptop would run it.

    python tools/build_frozen.py             # PyInstaller build, then the checks below
    python tools/build_frozen.py --no-build  # only the checks, on the existing dist/ folder

Checks, each with a clean environment (only HOME, PATH=/usr/bin:/bin and
QT_QPA_PLATFORM=offscreen, as ``env -i`` gives), so nothing leaks in from the development
virtualenv:

1. ``BukuMigranDesa-konsol --self-test`` exits 0 and every check of this checkout passed
   (database, migrations, reference data, messages, and the GUI and bundle checks of
   app.ui.selftest / sync.selftest: a module missing from the build would skip its check);
2. the windowed twin ``BukuMigranDesa --version`` starts;
3. portable mode: the folder is copied to a "USB stick" with ``portable.txt`` beside the
   executables; a village is initialised in ``data/`` there and filled with demo data (this
   also checks Faker in the build); the windowed program, started
   with no ``--data-dir``, must open that village (it would otherwise find no village and
   stop in the first-start wizard), write its log and settings into ``data/``, and leave the
   user's own data folder (under HOME) untouched.

Prints the build time, the folder size (also in build/size.txt) and the start-up times.
Exit status 0 when everything passed. Linux is what CI runs; the same checks run on Windows
from a Windows build (the environment then keeps SYSTEMROOT, which Windows needs).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DIST = ROOT / "dist" / "BukuMigranDesa"
EXE_SUFFIX = ".exe" if os.name == "nt" else ""
GUI = "BukuMigranDesa" + EXE_SUFFIX
CONSOLE = "BukuMigranDesa-konsol" + EXE_SUFFIX
VILLAGE = "18.07.01.2001"
TIMEOUT = 180
GUI_TIMEOUT = 60  # the window shows in under a second; a hang means the wizard (wrong folder)


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen"}
    if os.name == "nt":  # Windows cannot start a process without these
        env.update({k: os.environ[k] for k in ("SYSTEMROOT", "SYSTEMDRIVE") if k in os.environ})
        env.update(USERPROFILE=str(home), LOCALAPPDATA=str(home / "AppData" / "Local"),
                   APPDATA=str(home / "AppData" / "Roaming"), TEMP=str(home), TMP=str(home),
                   PATH=os.environ.get("SYSTEMROOT", r"C:\Windows") + r"\System32")
    env.update(extra)
    return env


def run(cmd: list[str], env: dict[str, str], label: str, timeout: float = TIMEOUT,
        ) -> tuple[subprocess.CompletedProcess[str], float]:
    print(f"\n$ {' '.join(cmd)}", flush=True)
    start = time.perf_counter()
    result = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout,
                            errors="replace")
    seconds = time.perf_counter() - start
    sys.stdout.write(result.stdout)
    sys.stdout.write(result.stderr)
    print(f"[{label}: exit {result.returncode}, {seconds:.2f} s]", flush=True)
    return result, seconds


def run_gui_until_shown(cmd: list[str], env: dict[str, str], label: str,
                        ) -> tuple[bool, int | None]:
    """Start the windowed program with the start-up probe; wait for its "usable <s>" line
    (printed once the main window has painted), then let it quit or stop it. Returns whether
    the window showed, and the exit status if the program quit by itself."""
    print(f"\n$ {' '.join(cmd)}", flush=True)
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, errors="replace")
    shown = threading.Event()

    def read() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            sys.stdout.write(line)
            if line.startswith("usable "):
                shown.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    deadline = start + GUI_TIMEOUT
    while not shown.is_set() and proc.poll() is None and time.perf_counter() < deadline:
        shown.wait(0.1)
    exit_code: int | None = None
    try:
        exit_code = proc.wait(timeout=10 if shown.is_set() else 0.1)
    except subprocess.TimeoutExpired:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    reader.join(timeout=5)
    how = f"exit {exit_code}" if exit_code is not None else "did not quit by itself, stopped"
    print(f"[{label}: window shown={shown.is_set()}, {how}, "
          f"{time.perf_counter() - start:.2f} s]", flush=True)
    return shown.is_set(), exit_code


def build() -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean",
                    "--log-level", "WARN", "build.spec"], cwd=ROOT, check=True)
    return time.perf_counter() - start


def check_self_test(dist: Path, tmp: Path) -> list[str]:
    home = tmp / "home-selftest"
    home.mkdir()
    result, seconds = run([str(dist / CONSOLE), "--self-test"], clean_env(home), "self-test")
    problems = []
    if result.returncode != 0:
        problems.append(f"--self-test exited {result.returncode}")
    if "[GAGAL]" in result.stdout:
        problems.append("--self-test reported a failed check")
    # The self-test skips an extra check whose module is absent, so a module missing from the
    # build would pass silently: every check the checkout has must have run and passed.
    for label in expected_checks():
        if f"[OK]    {label}" not in result.stdout:
            problems.append(f"--self-test did not pass the check \u201c{label}\u201d")
    return problems


def expected_checks() -> list[str]:
    """Labels of the self-test checks this checkout has (core ones, plus each extra check
    whose module exists in the source tree)."""
    sys.path.insert(0, str(ROOT))
    try:
        from app.selftest import CHECKS, EXTRA_CHECKS
    finally:
        sys.path.remove(str(ROOT))
    labels = [label for label, _ in CHECKS]
    for label, target in EXTRA_CHECKS:
        module = target.split(":")[0]
        if (ROOT / (module.replace(".", "/") + ".py")).is_file():
            labels.append(label)
    return labels


def check_windowed_twin(dist: Path, tmp: Path) -> list[str]:
    home = tmp / "home-version"
    home.mkdir()
    result, _ = run([str(dist / GUI), "--version"], clean_env(home), "windowed --version")
    if result.returncode != 0:
        return [f"{GUI} --version exited {result.returncode}"]
    return []


def _snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {p.relative_to(folder).as_posix(): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in folder.rglob("*") if p.is_file()}


def check_portable(dist: Path, tmp: Path) -> list[str]:
    stick = tmp / "flashdisk" / dist.name
    shutil.copytree(dist, stick, symlinks=True)
    (stick / "portable.txt").write_text("Data disimpan di folder data di samping program.\n",
                                        encoding="utf-8")
    home = tmp / "home-portable"
    home.mkdir()
    data = stick / "data"
    problems: list[str] = []

    result, _ = run([str(stick / CONSOLE), "init", "--data-dir", str(data), "--village",
                     VILLAGE], clean_env(home), "init village on the stick")
    if result.returncode != 0:
        return [f"init on the stick exited {result.returncode}"]
    # demo data (Faker, trimmed to id_ID in the build) as a trainer fills a practice stick
    result, _ = run([str(stick / CONSOLE), "demo", "--data-dir", str(data), "--residents", "40",
                     "--seed", "1"], clean_env(home), "demo data on the stick")
    if result.returncode != 0:
        problems.append(f"demo on the stick exited {result.returncode}")
    before = _snapshot(data)

    shown, exit_code = run_gui_until_shown(
        [str(stick / GUI), "--no-crash-dialog"], clean_env(home, BUKU_MIGRAN_STARTUP_PROBE="1"),
        "windowed program with portable.txt, no --data-dir")
    if not shown:
        return problems + ["the main window never showed: the program did not open the stick's "
                           "village (stuck in the first-start wizard?), so portable.txt was not "
                           "honoured"]
    after = _snapshot(data)
    changed = sorted(name for name, stamp in after.items() if before.get(name) != stamp)
    print(f"written by the windowed program in the stick's data folder: {changed}")
    if not changed:
        problems.append("the program wrote nothing (settings, log) into data/ beside it")
    leaked = [str(p) for p in home.rglob("*") if "BukuMigranDesa" in p.name]
    if leaked:
        problems.append(f"data written under HOME despite portable.txt: {leaked}")
    return problems


def folder_mib(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*")
               if p.is_file() and not p.is_symlink()) / 2**20


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-build", action="store_true", help="check the existing build")
    parser.add_argument("--dist", type=Path, default=DIST, help="the one-folder build")
    args = parser.parse_args(argv)

    build_seconds = None if args.no_build else build()
    dist: Path = args.dist.resolve()
    if not (dist / CONSOLE).is_file():
        print(f"no frozen program in {dist}: build it with pyinstaller --noconfirm build.spec")
        return 1
    problems: list[str] = []
    with tempfile.TemporaryDirectory(prefix="bmd-frozen-") as tmp_name:
        tmp = Path(tmp_name)
        for check in (check_self_test, check_windowed_twin, check_portable):
            try:
                problems += check(dist, tmp)
            except subprocess.TimeoutExpired as exc:
                problems.append(f"timed out after {TIMEOUT} s: {exc.cmd}")
    print()
    if build_seconds is not None:
        print(f"build time: {build_seconds:.0f} s")
    print(f"folder size: {folder_mib(dist):.1f} MiB ({dist})")
    if problems:
        print("FROZEN PROGRAM CHECK FAILED:")
        for problem in problems:
            print(f"  - {problem}")
        return 1
    print("frozen program: self-test, windowed twin and portable mode OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
