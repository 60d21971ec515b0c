"""Languages of the interface: Indonesian by default (whatever the OS locale), English live.

Source strings in ``app/ui`` are English; ``resources/translations/app_id.ts`` holds the
Indonesian. Qt ships no Indonesian catalogue of its own, so ``qtbase_id.ts`` (ours) covers the
Qt strings we show: standard buttons, the line-edit and text context menus, spin boxes,
message-box details.

**Decision on ``.qm`` files**: they are *not* committed (``.gitignore``). They are built with
``pyside6-lrelease`` by CI/``build.spec`` (``python tools/i18n.py release``) and, when missing
or older than their ``.ts`` (a source checkout, a ``pip install``), at first use: compiled into
``resources/translations`` or, if that folder is read-only, into a per-user cache. If even
that fails (no lrelease), the ``.ts`` is read directly by :class:`TsTranslator`, so the
program still starts in Indonesian.

Live switching: :func:`set_language` swaps the installed translators; Qt then sends
``QEvent.LanguageChange`` to every widget, and widgets re-run their ``retranslate()``.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import xml.etree.ElementTree as ET  # noqa: N817 - parses our own committed .ts files
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QTranslator

log = logging.getLogger(__name__)

LANGUAGES: dict[str, str] = {"id": "Bahasa Indonesia", "en": "English"}
DEFAULT_LANGUAGE = "id"
CATALOGUES = ("qtbase", "app")  # qtbase first: our own app strings win on a clash
_LANG_PROPERTY = "bmd_language"


class Retranslating:
    """Mixin for a widget with a ``retranslate()`` method: it is run again when the language
    changes (Qt's ``LanguageChange`` event). Put it before the Qt class:
    ``class CasesView(Retranslating, QWidget)``. The one copy of the ``changeEvent`` override
    that every translated widget needs."""

    def retranslate(self) -> None:
        raise NotImplementedError

    def after_retranslate(self) -> None:
        """What else a language change redoes (e.g. reloading rows rendered as text)."""

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.after_retranslate()
        super().changeEvent(event)  # type: ignore[misc]


def translations_dir() -> Path:
    from app.core.reference import resources_dir

    return resources_dir() / "translations"


def cache_dir() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("BukuMigranDesa", appauthor=False)) / "translations"


def lrelease_command() -> list[str] | None:
    """How to run Qt's lrelease here (the tool ships in the PySide6-Essentials wheel)."""
    try:
        import PySide6
    except ImportError:  # pragma: no cover
        return None
    exe = Path(PySide6.__file__).parent / ("lrelease.exe" if os.name == "nt" else "lrelease")
    if exe.is_file():
        return [str(exe)]
    return None


def compile_ts(ts: Path, qm: Path) -> bool:
    """Compile one ``.ts`` into ``qm``; False if lrelease is missing or fails."""
    cmd = lrelease_command()
    if cmd is None:
        return False
    qm.parent.mkdir(parents=True, exist_ok=True)
    try:
        result = subprocess.run([*cmd, "-silent", str(ts), "-qm", str(qm)],
                                capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError) as exc:
        log.warning("lrelease failed for %s: %s", ts, exc)
        return False
    if result.returncode != 0 or not qm.is_file():
        log.warning("lrelease failed for %s: %s", ts, result.stderr.strip())
        return False
    return True


def _fresh(qm: Path, ts: Path) -> bool:
    return qm.is_file() and (not ts.is_file() or qm.stat().st_mtime >= ts.stat().st_mtime)


def ensure_qm(name: str) -> Path | None:
    """The up-to-date ``<name>.qm`` (e.g. ``app_id``), building it if needed; None if the
    ``.ts`` is missing or it cannot be built (then :class:`TsTranslator` reads the ``.ts``)."""
    folder = translations_dir()
    ts, qm = folder / f"{name}.ts", folder / f"{name}.qm"
    if _fresh(qm, ts):
        return qm
    if not ts.is_file():
        return qm if qm.is_file() else None  # frozen build: .qm only
    if os.access(folder, os.W_OK) and compile_ts(ts, qm):
        return qm
    cached = cache_dir() / f"{name}.qm"
    if _fresh(cached, ts) or compile_ts(ts, cached):
        return cached
    return None


class TsTranslator(QTranslator):
    """A translator reading a ``.ts`` file directly: the fallback when no ``.qm`` can be built."""

    def __init__(self, ts: Path, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self._table: dict[tuple[str, str, str], str] = {}
        root = ET.parse(ts).getroot()
        for ctx in root.iter("context"):
            cname = ctx.findtext("name") or ""
            for msg in ctx.iter("message"):
                tr_el = msg.find("translation")
                if tr_el is None or tr_el.get("type") in ("unfinished", "obsolete", "vanished"):
                    continue
                text = tr_el.text or ""
                forms = tr_el.findall("numerusform")
                if forms:
                    text = forms[0].text or ""
                if text:
                    key = (cname, msg.findtext("source") or "", msg.findtext("comment") or "")
                    self._table[key] = text

    def isEmpty(self) -> bool:  # noqa: N802 - Qt override
        return not self._table

    def translate(self, context, source, disambiguation=None, n=-1):  # noqa: ANN001, ANN201
        return self._table.get((context, source, disambiguation or ""), "")


def load_translator(name: str) -> QTranslator | None:
    """A loaded translator for catalogue ``name`` (``app_id``, ``qtbase_id``...), or None."""
    qm = ensure_qm(name)
    if qm is not None:
        translator = QTranslator()
        if translator.load(str(qm)):
            return translator
        log.warning("could not load %s", qm)
    ts = translations_dir() / f"{name}.ts"
    if ts.is_file():
        return TsTranslator(ts)
    return None


_installed: list[QTranslator] = []


def current_language() -> str:
    app = QCoreApplication.instance()
    if app is None:
        return DEFAULT_LANGUAGE
    value = app.property(_LANG_PROPERTY)
    return str(value) if value in LANGUAGES else DEFAULT_LANGUAGE


def locale_for(lang: str) -> QLocale:
    return QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia) if lang == "id" \
        else QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)


def set_language(lang: str) -> str:
    """Install the translators of ``lang`` (``"id"`` or ``"en"``); returns the language set."""
    if lang not in LANGUAGES:
        lang = DEFAULT_LANGUAGE
    app = QCoreApplication.instance()
    assert app is not None, "create the QApplication first"
    for translator in _installed:
        QCoreApplication.removeTranslator(translator)
    _installed.clear()
    for catalogue in CATALOGUES:
        translator = load_translator(f"{catalogue}_{lang}")
        if translator is not None and QCoreApplication.installTranslator(translator):
            _installed.append(translator)
    QLocale.setDefault(locale_for(lang))
    app.setProperty(_LANG_PROPERTY, lang)
    return lang


def release_all(target: Path | None = None) -> list[Path]:
    """Compile every ``.ts`` (CI and ``build.spec``); returns the ``.qm`` files written."""
    folder = translations_dir()
    out: list[Path] = []
    for ts in sorted(folder.glob("*.ts")):
        qm = (target or folder) / (ts.stem + ".qm")
        if not compile_ts(ts, qm):
            raise RuntimeError(f"lrelease failed for {ts}")
        out.append(qm)
    return out


if __name__ == "__main__":  # pragma: no cover - `python -m app.ui.i18n` = release all
    for path in release_all():
        print(path)
    sys.exit(0)
