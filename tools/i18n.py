"""Translation sources: one place for the lupdate file list, and the release step.

    python tools/i18n.py update    # app/ui/**/*.py -> resources/translations/app_{id,en}.ts
    python tools/i18n.py release   # every .ts -> .qm (CI and build.spec run this)
    python tools/i18n.py check     # unfinished / identical Indonesian (same rule as the test)

Source strings are English; ``app_id.ts`` carries the Indonesian. ``app_en.ts`` only holds
plural forms (``-pluralonly``). ``qtbase_id.ts`` (Qt's own buttons and context menus) is
written by hand and not touched by ``update``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
TRANSLATIONS = ROOT / "resources" / "translations"
SOURCES_GLOB = "app/ui/**/*.py"


def sources() -> list[Path]:
    return sorted(p for p in ROOT.glob(SOURCES_GLOB) if "__pycache__" not in p.parts)


def lupdate_command() -> list[str]:
    import PySide6

    exe = Path(PySide6.__file__).parent / "lupdate"
    return [str(exe)]


def update() -> None:
    files = [str(p.relative_to(ROOT)) for p in sources()]
    base = lupdate_command() + ["-locations", "none", "-no-obsolete", *files]
    subprocess.run([*base, "-source-language", "en", "-target-language", "id",
                    "-ts", str(TRANSLATIONS / "app_id.ts")], check=True, cwd=ROOT)
    subprocess.run([*base, "-source-language", "en", "-target-language", "en", "-pluralonly",
                    "-ts", str(TRANSLATIONS / "app_en.ts")], check=True, cwd=ROOT)


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "update"
    if command == "update":
        update()
    elif command == "release":
        from app.ui.i18n import release_all

        for qm in release_all():
            print(qm)
    elif command == "check":
        from tests.ui.i18n_rules import problems

        found = problems(TRANSLATIONS / "app_id.ts")
        for line in found:
            print(line)
        return 1 if found else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
