"""Print every report to PDF (A4 and F4) from a data folder, and page images to look at.

    python tools/render_reports.py OUT_DIR --data-dir DIR [--month YYYY-MM]

Writes ``register_A4.pdf``, ``register_F4.pdf``, ``recap_*.pdf`` and ``sheet_*.pdf`` (the
resident with the most episodes), and, when poppler's ``pdftoppm`` is installed, a PNG of the
first page of each (``*-1.png``). Runs offscreen. Output is kept out of git.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--month", help="recap month YYYY-MM (default: this month)")
    args = parser.parse_args(argv)

    from PySide6.QtGui import QGuiApplication
    from sqlalchemy import func, select

    from app.core.models import Episode
    from app.core.paths import DataDir
    from app.core.reports.person import build_person_sheet
    from app.core.reports.recap import build_recap
    from app.core.reports.register import build_register
    from app.core.workspace import open_workspace
    from app.ui.printing.pdf import PAPERS, render_pdf

    app = QGuiApplication([])  # noqa: F841 - fonts need a GUI application
    ws = open_workspace(DataDir(args.data_dir.resolve()))
    office = ws.office()
    month = args.month or date.today().strftime("%Y-%m")
    year, mon = int(month[:4]), int(month[5:7])
    with ws.db.session() as s:
        rid = s.scalar(select(Episode.resident_id).where(Episode.deleted.is_(False))
                       .group_by(Episode.resident_id).order_by(func.count().desc()))
        docs = {"register": build_register(s, office), "recap": build_recap(s, office, year, mon)}
        if rid:
            docs["sheet"] = build_person_sheet(s, office, rid)
    ws.close()
    args.out.mkdir(parents=True, exist_ok=True)
    pdftoppm = shutil.which("pdftoppm")
    for name, doc in docs.items():
        for paper in PAPERS:
            target = args.out / f"{name}_{paper}.pdf"
            pages = render_pdf(doc, target, paper)
            print(f"{target} ({pages} halaman)")
            if pdftoppm:
                subprocess.run([pdftoppm, "-r", "80", "-png", "-f", "1", "-l", "1", str(target),
                                str(target.with_suffix(""))], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
