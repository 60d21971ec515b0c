"""Indonesian by default, complete, consistent with the sources; English live; Qt's own
strings translated. The .qm files are not committed: they are built at first use."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QLineEdit

from tests.ui.i18n_rules import messages, problems

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations"


def test_indonesian_complete_and_not_english() -> None:
    assert problems(TS / "app_id.ts") == []
    assert len(messages(TS / "app_id.ts")) > 300


def test_ts_matches_the_sources(tmp_path: Path) -> None:
    """Every string marked in app/ui is in app_id.ts (run `python tools/i18n.py update`)."""
    sys.path.insert(0, str(ROOT))
    from tools.i18n import lupdate_command, sources

    fresh = tmp_path / "fresh.ts"
    files = [str(p.relative_to(ROOT)) for p in sources()]
    subprocess.run([*lupdate_command(), "-silent", "-locations", "none", *files, "-ts",
                    str(fresh)], check=True, cwd=ROOT, capture_output=True)
    wanted = {(c, s) for c, s, *_ in messages(fresh)}
    have = {(c, s) for c, s, _t, kind, _f in messages(TS / "app_id.ts")
            if kind not in ("obsolete", "vanished")}
    assert sorted(wanted - have) == []


def test_qm_built_at_first_use_and_loaded(tmp_path: Path, monkeypatch) -> None:
    from app.ui import i18n

    monkeypatch.setattr(i18n, "translations_dir", lambda: tmp_path)
    for name in ("app_id", "qtbase_id"):
        (tmp_path / f"{name}.ts").write_bytes((TS / f"{name}.ts").read_bytes())
    qm = i18n.ensure_qm("app_id")
    assert qm == tmp_path / "app_id.qm" and qm.stat().st_size > 1000
    i18n.set_language("id")
    assert QCoreApplication.translate("MainWindow", "Residents") == "Penduduk"


def test_ts_fallback_translator_when_no_lrelease(tmp_path: Path, monkeypatch) -> None:
    from app.ui import i18n

    monkeypatch.setattr(i18n, "translations_dir", lambda: tmp_path)
    monkeypatch.setattr(i18n, "cache_dir", lambda: tmp_path / "cache")
    monkeypatch.setattr(i18n, "lrelease_command", lambda: None)
    (tmp_path / "app_id.ts").write_bytes((TS / "app_id.ts").read_bytes())
    translator = i18n.load_translator("app_id")
    assert isinstance(translator, i18n.TsTranslator)
    assert translator.translate("MainWindow", "Residents") == "Penduduk"


def test_default_is_indonesian_and_english_switches_live(qapp) -> None:
    from app.ui.i18n import current_language, set_language

    assert current_language() == "id"
    assert QLocale().language() == QLocale.Language.Indonesian
    assert QCoreApplication.translate("MainWindow", "Guide") == "Panduan"
    set_language("en")
    assert QCoreApplication.translate("MainWindow", "Guide") == "Guide"
    assert current_language() == "en"
    set_language("id")
    assert QCoreApplication.translate("MainWindow", "Guide") == "Panduan"


def test_qt_own_strings_are_indonesian(qtbot) -> None:
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Batal"
    edit = QLineEdit()
    qtbot.addWidget(edit)
    menu = edit.createStandardContextMenu()
    texts = [a.text().split("\t")[0] for a in menu.actions() if a.text()]
    assert "&Salin" in texts and "&Tempel" in texts and "Pilih semua" in texts
