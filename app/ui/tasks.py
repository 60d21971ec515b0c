"""Background work: one DB worker thread, a small pool for file work, results on the GUI thread.

Anki's ``TaskManager``/``QueryOp`` idea, small:

    Op(ctx.tasks, work, parent=self).with_progress(self.tr("Menyimpan...")) \\
        .on_success(self._saved).start()

``work(progress, cancel)`` runs on the **single DB worker thread** (so SQLite writers never
contend) and is plain core or sync code: it reports with ``progress(Progress(...))`` and calls
``cancel.check()`` between steps. The result (or the exception) comes back on the GUI thread
through one queued Qt signal. A progress dialog with **Batal** appears only if the work takes
longer than a moment (:mod:`app.ui.progress`). :class:`~app.core.progress.Cancelled` is not an
error: ``on_cancel`` runs instead of ``on_failure``.

Quick single-record reads and saves from forms run on the GUI thread directly (they take
milliseconds); everything that may take longer goes through :class:`Op`.

Tests use ``TaskRunner(synchronous=True)``, which runs the work at ``start()`` in the calling
thread and calls the callbacks at once (Picard's ``FakeThreadPool``).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QWidget

from app.core.progress import Cancelled, CancelToken, Progress, ProgressCallback

log = logging.getLogger(__name__)

Work = Callable[[ProgressCallback, CancelToken], Any]


class ProgressSlot:
    """The latest progress of one operation: written by the worker, polled by the GUI."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._value = Progress()

    def set(self, progress: Progress) -> None:
        with self._lock:
            self._value = progress

    def get(self) -> Progress:
        with self._lock:
            return self._value


class TaskRunner(QObject):
    """Runs work off the GUI thread and hands results back to it."""

    _to_main = Signal(object)

    def __init__(self, parent: QObject | None = None, *, synchronous: bool = False) -> None:
        super().__init__(parent)
        self.synchronous = synchronous
        self._db = ThreadPoolExecutor(max_workers=1, thread_name_prefix="bmd-db")
        self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="bmd-io")
        self._to_main.connect(self._call, Qt.ConnectionType.QueuedConnection)
        self._active = 0
        self._active_lock = threading.Lock()

    @staticmethod
    def _call(fn: Callable[[], None]) -> None:
        fn()

    def run_on_main(self, fn: Callable[[], None]) -> None:
        """Call ``fn`` on the GUI thread soon (safe from any thread)."""
        if self.synchronous:
            fn()
        else:
            self._to_main.emit(fn)

    @property
    def busy(self) -> bool:
        with self._active_lock:
            return self._active > 0

    def submit(self, fn: Callable[[], Any], done: Callable[[Future[Any]], None], *,
               uses_db: bool = True) -> Future[Any]:
        """Run ``fn`` in the background; ``done(future)`` is called on the GUI thread."""
        if self.synchronous:
            future: Future[Any] = Future()
            try:
                future.set_result(fn())
            except BaseException as exc:  # noqa: BLE001 - handed to the callback
                future.set_exception(exc)
            done(future)
            return future
        with self._active_lock:
            self._active += 1
        executor = self._db if uses_db else self._pool
        future = executor.submit(fn)

        def finished(f: Future[Any]) -> None:
            with self._active_lock:
                self._active -= 1
            self.run_on_main(lambda: done(f))

        future.add_done_callback(finished)
        return future

    def shutdown(self, wait: bool = True) -> None:
        self._db.shutdown(wait=wait, cancel_futures=not wait)
        self._pool.shutdown(wait=wait, cancel_futures=not wait)


class Op:
    """One background operation with optional delayed progress dialog and cancel."""

    def __init__(self, runner: TaskRunner, work: Work, parent: QWidget | None = None) -> None:
        self.runner = runner
        self.work = work
        self.parent = parent
        self.cancel = CancelToken()
        self._cancellable = True
        self.slot = ProgressSlot()
        self._label: str | None = None
        self._uses_db = True
        self._success: Callable[[Any], None] | None = None
        self._failure: Callable[[BaseException], None] | None = None
        self._cancelled: Callable[[], None] | None = None
        self.future: Future[Any] | None = None
        self.dialog: Any = None

    def with_progress(self, label: str) -> Op:
        self._label = label
        return self

    def not_cancellable(self) -> Op:
        """For work that must not stop half-way: the progress dialog has no Batal button."""
        self._cancellable = False
        return self

    def without_db(self) -> Op:
        """Run on the file-work pool instead of the DB thread (no DB access in ``work``)."""
        self._uses_db = False
        return self

    def on_success(self, cb: Callable[[Any], None]) -> Op:
        self._success = cb
        return self

    def on_failure(self, cb: Callable[[BaseException], None]) -> Op:
        self._failure = cb
        return self

    def on_cancel(self, cb: Callable[[], None]) -> Op:
        self._cancelled = cb
        return self

    def start(self) -> Op:
        if self._label is not None and not self.runner.synchronous:
            from app.ui.progress import DelayedProgress

            self.dialog = DelayedProgress(self._label, self.slot, self.cancel, self.parent,
                                          cancellable=self._cancellable)
        self.future = self.runner.submit(
            lambda: self.work(self.slot.set, self.cancel), self._finished, uses_db=self._uses_db
        )
        return self

    def _finished(self, future: Future[Any]) -> None:
        if self.dialog is not None:
            self.dialog.finish()
            self.dialog = None
        exc = future.exception()
        if exc is None:
            if self._success is not None:
                self._success(future.result())
            return
        if isinstance(exc, Cancelled):
            if self._cancelled is not None:
                self._cancelled()
            return
        if self._failure is not None:
            self._failure(exc)
            return
        from app.ui.errors import show_error

        log.error("background operation failed", exc_info=exc)
        show_error(self.parent, exc)
