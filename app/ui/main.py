"""Starting the desktop application: ``python -m app [--data-dir DIR] [--lang id|en]``.

Order: QApplication, translators (Indonesian by default, whatever the OS says), the folder
lock (one program per data folder), the database (migrated, backup first), then the first-start
wizard if the folder is new, else straight to the main window. Heavy modules (reports, PDF,
openpyxl, the views other than the first) are imported only when used.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from collections.abc import Sequence

import shiboken6

log = logging.getLogger(__name__)

STARTUP_PROBE_ENV = "BUKU_MIGRAN_STARTUP_PROBE"
"""When set, print ``usable <seconds>`` once the main window has painted, then quit
(``benchmarks/bench_resident_list.py`` measures start-up with it)."""


# Qt's own command-line options that take a value (``-platform offscreen``, ``-style fusion``).
QT_VALUE_OPTIONS = frozenset({"-platform", "-platformpluginpath", "-platformtheme", "-plugin",
                              "-qwindowgeometry", "-qwindowicon", "-qwindowtitle", "-style",
                              "-stylesheet", "-session", "-display", "-geometry"})


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    """The GUI's options; anything else but Qt's own ``-option`` is refused (exit 2).

    A stray word (``python -m app --data-dir X bakcup``) must not start the program on a
    folder: it is a mistyped command.
    """
    from app.cli import COMMANDS, add_gui_options
    from app.core.cli_support import IndonesianArgumentParser, unknown_command

    parser = IndonesianArgumentParser(prog="python -m app", add_help=True)
    add_gui_options(parser)
    args, rest = parser.parse_known_args(list(argv))
    i = 0
    while i < len(rest):
        word = rest[i]
        if not word.startswith("-"):
            sys.stderr.write(unknown_command(word, COMMANDS) + "\n")
            raise SystemExit(2)
        if word.startswith("--"):
            parser.error(f"argumen tidak dikenal: {word}")
        i += 2 if word.split("=", 1)[0] in QT_VALUE_OPTIONS and "=" not in word else 1
    return args


def main(argv: Sequence[str] | None = None) -> int:
    started = time.perf_counter()
    args = parse_args(sys.argv[1:] if argv is None else argv)

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from app import APP_NAME, __version__
    from app.core.errors import AppError
    from app.core.lock import FolderLock
    from app.core.logging_setup import setup_logging
    from app.core.paths import DataDir, resolve_data_dir
    from app.ui.errors import error_text, install_excepthook
    from app.ui.i18n import set_language
    from app.ui.settings import GEOMETRY, LANGUAGE, LAST_VIEW, Settings

    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName("BukuMigranDesa")
    from app.ui.icon import app_icon

    app.setWindowIcon(app_icon())

    def refuse(exc: AppError) -> int:
        log.info("start refused: %s", exc)
        if args.no_crash_dialog:
            sys.stderr.write(error_text(exc) + "\n")
        else:
            QMessageBox.warning(None, APP_NAME, error_text(exc))
        return 2

    # Nothing is created before the folder is known to be ours (or empty or new): a file, a
    # folder of other documents or an empty --data-dir is refused untouched.
    from app.core.cli_support import check_data_dir_arg, check_new_data_folder

    try:
        check_data_dir_arg(args.data_dir)
        data_dir = DataDir(resolve_data_dir(args.data_dir))
        check_new_data_folder(data_dir.root)
    except AppError as exc:
        set_language(args.lang)
        return refuse(exc)
    was_present = data_dir.root.is_dir()
    settings = Settings.for_data_dir(data_dir.root) if data_dir.exists() else None
    lang = set_language(args.lang or (settings.get(LANGUAGE) if settings else None))
    setup_logging(data_dir.logs if data_dir.exists() else None)
    install_excepthook(crash_dialog=not args.no_crash_dialog, log_dir=data_dir.logs)

    if args.latihan:
        from app.core.practice import practice_data_dir, prepare_practice
        from sync.provisioning import default_practice_village

        folder = practice_data_dir(args.data_dir)  # beside the real folder, never the real one
        try:
            prepare_practice(folder, default_practice_village())
        except AppError as exc:
            return refuse(exc)
        data_dir = DataDir(folder)
        was_present = True
        settings = Settings.for_data_dir(data_dir.root)

    # A folder without a database is set up in a private temporary folder: the chosen folder
    # gets its files only once the first-start wizard is answered (cancel: it stays as it was).
    staging = _new_staging_folder() if not data_dir.exists() and not args.latihan else None
    work_dir = staging or data_dir
    lock = FolderLock(work_dir.root)
    try:
        lock.acquire()
    except AppError as exc:
        return refuse(exc)
    except OSError as exc:  # a read-only folder or write-protected stick
        from app.core.cli_support import os_reason

        return refuse(AppError("data_dir.not_writable", path=str(data_dir.root),
                               detail=os_reason(exc)))
    from app.ui.startup_checks import StartUpNotices

    notices = StartUpNotices()  # what opening repairs (leftovers, a cut restore) is said
    workspace = None
    set_up = False
    try:
        from app.core.workspace import open_workspace

        try:
            workspace = open_workspace(work_dir)
        except AppError as exc:
            if exc.code != "database.damaged":
                return refuse(exc)
            from app.ui.startup_checks import offer_restore_for_damaged

            if not offer_restore_for_damaged(data_dir):  # the lock taken above stays held
                return refuse(exc)
            try:
                workspace = open_workspace(data_dir)
            except AppError as exc2:
                return refuse(exc2)
        office = workspace.office()
        operator = ""
        who = None
        if office is None:
            from app.ui.login import signed_in_after_setup
            from app.ui.wizard import SetupWizard

            result = SetupWizard.run(workspace)
            if result is None:
                return 1
            office, operator = result
            if staging is not None:  # answered: now the chosen folder gets its files
                workspace.close()
                workspace = None
                lock.release()
                lock = FolderLock(data_dir.root)
                try:
                    lock.acquire()
                    _move_set_up_folder(staging, data_dir)
                    workspace = open_workspace(data_dir)
                except AppError as exc:
                    return refuse(exc)
            elif (data_dir.root / "server.json").is_file():  # set up on a server: reopen there
                workspace.close()
                workspace = None
                try:
                    workspace = open_workspace(data_dir)
                except AppError as exc:
                    return refuse(exc)
            who = signed_in_after_setup(workspace.db, operator)  # no second PIN prompt
        set_up = True
        if settings is None:
            settings = Settings.for_data_dir(data_dir.root)
            setup_logging(data_dir.logs)
        from app.ui.login import IdleLock, sign_in_at_start

        who = who or sign_in_at_start(workspace.db, office)
        if who is None:
            return 0
        from app.ui.context import AppContext
        from app.ui.main_window import MainWindow
        from app.ui.tasks import TaskRunner

        ctx = AppContext(workspace, office, operator=operator or office.operator,
                         language=lang, tasks=TaskRunner(), settings=settings, signed_in=who)
        window = MainWindow(ctx)
        geometry = settings.get(GEOMETRY)
        if not geometry.isEmpty():
            window.restoreGeometry(geometry)
        last = settings.get(LAST_VIEW)
        window.show_view(last if last in window.view_keys else "beranda")
        window.show()
        _recover_unfinished_exports(workspace, office, operator or office.operator)
        notices.show(window, lang)
        from app.core.db import get_setting

        with workspace.db.session() as s:
            idle = get_setting(s, "idle_minutes", "10")
        window.idle_lock = IdleLock(window, ctx, minutes=int(idle) if idle.isdigit() else 10)
        from app.ui.startup_checks import start_daily_backup

        QTimer.singleShot(0, lambda: start_daily_backup(ctx, window))
        if os.environ.get(STARTUP_PROBE_ENV):
            def probe() -> None:
                app.processEvents()
                print(f"usable {time.perf_counter() - started:.3f}", flush=True)
                quit_when_idle()

            def quit_when_idle() -> None:  # closing asks to wait while a task runs
                if ctx.tasks.busy:
                    QTimer.singleShot(50, quit_when_idle)
                else:
                    window.close()
                    app.quit()

            QTimer.singleShot(0, probe)
        log.info("main window shown after %.3f s", time.perf_counter() - started)
        code = app.exec()
        ctx.tasks.shutdown(wait=True)
        # The window goes now, with its timers (idle lock, views' refreshes): in a process that
        # goes on after main() (a test, the self-test) a timer left alive would lock a later
        # window or hand work to this task runner, which is shut down.
        window.idle_lock.stop()
        app.processEvents()
        shiboken6.delete(window)
        return code
    finally:
        if workspace is not None:
            workspace.close()
        lock.release()
        if staging is not None:
            import shutil

            shutil.rmtree(staging.root, ignore_errors=True)
        elif not set_up:
            _forget_unanswered_folder(data_dir, was_present)


def _new_staging_folder():  # noqa: ANN202 - DataDir
    import tempfile
    from pathlib import Path

    from app.core.paths import DataDir

    return DataDir(Path(tempfile.mkdtemp(prefix="bmd-baru-")))


def _move_set_up_folder(staging: object, dest: object) -> None:
    """Copy the folder the wizard set up into ``dest`` (locked by the caller); the database
    comes last, under a temporary name renamed into place, so a cut leaves no half database.
    Refuses if ``dest`` got a database meanwhile (another program set it up)."""
    import shutil
    import sqlite3

    from app.core.atomic import commit
    from app.core.errors import AppError
    from app.core.lock import LOCK_NAME
    from app.core.paths import DB_FILENAME, DataDir

    assert isinstance(staging, DataDir) and isinstance(dest, DataDir)
    if dest.exists():
        raise AppError("data_dir.in_use", path=str(dest.root))
    tmp = dest.root / f".{DB_FILENAME}.baru"
    try:
        for entry in staging.root.iterdir():
            if entry.name == LOCK_NAME or entry.name.startswith(DB_FILENAME):
                continue
            if entry.is_dir():
                shutil.copytree(entry, dest.root / entry.name, dirs_exist_ok=True)
            else:
                shutil.copy2(entry, dest.root / entry.name)
        if (staging.root / "server.json").is_file():
            return  # a P4MI hub set up on a PostgreSQL server: no database file to carry
        src = sqlite3.connect(staging.db_path)
        out = sqlite3.connect(tmp)
        try:
            src.backup(out)  # a consistent copy, whatever is still in the WAL
        finally:
            out.close()
            src.close()
        commit(tmp, dest.db_path)
    except (OSError, sqlite3.Error) as exc:
        tmp.unlink(missing_ok=True)
        from app.core.cli_support import os_reason

        detail = os_reason(exc) if isinstance(exc, OSError) else str(exc)
        raise AppError("data_dir.not_writable", path=str(dest.root), detail=detail) from exc


def _forget_unanswered_folder(data_dir: object, was_present: bool) -> None:
    """The first-start wizard was cancelled (or start-up refused): remove what this start made
    in a folder that had no database, so the folder is as the user left it."""
    import shutil
    from pathlib import Path

    from app.core.cli_support import OUR_NAMES
    from app.core.db import get_setting
    from app.core.paths import DB_FILENAME, DataDir

    assert isinstance(data_dir, DataDir)
    root: Path = data_dir.root
    if not root.is_dir() or not data_dir.exists():
        return
    try:
        from app.core.db import Database

        db = Database(data_dir.db_path)
        try:
            with db.session() as s:
                if get_setting(s, "office_code"):
                    return  # set up after all (by another path): keep everything
        finally:
            db.close()
        if not was_present:
            shutil.rmtree(root)
            return
        for entry in root.iterdir():
            if entry.name in OUR_NAMES or entry.name.startswith(DB_FILENAME):
                if entry.is_dir():
                    shutil.rmtree(entry)
                else:
                    entry.unlink()
    except Exception:  # noqa: BLE001 - tidying up must never hide why the start ended
        log.warning("could not remove the unanswered first-start folder %s", root,
                    exc_info=True)


def _recover_unfinished_exports(workspace: object, office: object, operator: str) -> None:
    """An export a power cut interrupted is finished or its number released now, at start,
    not only before the next export (so the Paket P4MI screen and P4MI see the truth); what
    was done is said with the other start-up notices."""
    from app.core.recovery import notify
    from app.core.workspace import MODE_VILLAGE

    if getattr(office, "mode", None) != MODE_VILLAGE:
        return
    from sync.export import recover_exports

    for code in recover_exports(workspace, operator=operator):  # type: ignore[arg-type]
        notify(code)
