"""A second process that reads part of a big sheet while the import reads the rest (issue 17
item 14: the import is single-threaded, the machine of a regency hub has a second core).

The import (:class:`sync.xlsx.CheckedWorkbook`) still decompresses every sheet, checks its CRC,
cuts it into parts of whole rows and makes every check of the writer's grammar itself, in the
same order as before: nothing is refused, or let through, on the worker's word. What the worker
does is the costly part of :meth:`sync.xlsx._SheetScanner.read_plain` and of the column checks
of staging (:func:`sync.importer.cells.column_converter`) for some of the parts of the sheets
of at least :data:`MIN_BYTES`: it decompresses the same sheet, cuts the same parts (the same
chunks through the same :meth:`~sync.xlsx._SheetScanner.take`) and reads the parts it owns
(one of every two) with ``read_plain``, starting each part at the row count the rows before it
give when every row is plain, then checks their columns. The import takes an answer only for
the very part it holds (same sheet, same number, same length and ends) and the very row count
it has reached; staging then makes its own checks of the rows (their village, ids met before)
and checks a piece itself, cell by cell, whenever the worker's column checks refused it.

The import never waits for a part the worker has not started: it reads that part itself and
tells the worker, which skips what the import has passed. The worker runs at the lowest
priority, so on a machine whose second core is busy it answers few parts and costs the
import nearly nothing; when it errs or dies, the import reads on alone.

The worker is this program again: ``python -m sync.sheet_worker``, or the frozen executable
with ``--sheet-worker`` (handled first by ``app/__main__.py``). It gets a JSON header line and
the workbook's bytes on stdin (never a file: a sealed bundle's plain workbook stays off the
disk), then the parts the import passed; it writes length-prefixed frames on stdout: the part
it starts, and its answers as pickles (a pipe between two processes of this program; nothing
from outside is unpickled). ``BMD_SHEET_WORKER=0`` in the environment switches it off.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import pickle
import queue
import struct
import subprocess
import sys
import threading
import zipfile
from collections.abc import Callable, Sequence
from typing import IO, Any

# Sheets at least this large (uncompressed) are shared with the worker: below it, starting a
# process costs more than it saves.
MIN_BYTES = 16 << 20
# Of every PERIOD parts of a shared sheet, the worker reads those whose number modulo PERIOD is
# in WORKER_SLOTS; the import reads the others and, for all, checks and stages the rows.
PERIOD = 2
WORKER_SLOTS = frozenset({1})
# Parts answered but not yet taken (each about 0.4 MiB pickled): the worker waits beyond this.
QUEUE_DEPTH = 16
# The worker's niceness: it takes a core that would stay idle, never one the import (or
# anything else running) needs. On a busy machine it answers few parts, and the import
# reads the others itself, as before.
NICE = 19
# Seconds the import waits for an answer before it reads the part itself (about the time
# the reading of a part takes).
PATIENCE = 0.05
# Seconds the import waits for a part the worker has not started (tests: a worker that
# answers every part it owns, however slow the machine).
WAIT_UNSTARTED = 0.0
_FRAME = struct.Struct("<Q")
_PASSED = struct.Struct("<qq")
_MAX_FRAME = 1 << 28  # no answer is larger than the largest part's values
_STARTED = 1 << 63  # a frame that says which part the worker starts: (sheet, part)
_MARK = 64  # bytes at each end of a part that an answer must match


taken_total = 0
"""Parts read by workers whose answer an import used, in this process (tests, self-test)."""


def worker_command() -> list[str]:
    """How to start the worker: the frozen executable with a flag, else this Python."""
    if getattr(sys, "frozen", False):
        return [sys.executable, "--sheet-worker"]
    return [sys.executable, "-m", "sync.sheet_worker"]


def owned(part: int) -> bool:
    """Whether part number ``part`` (from 0) of a shared sheet is the worker's to read."""
    return part % PERIOD in WORKER_SLOTS


def _mark(part: bytes) -> bytes:
    return part[:_MARK] + part[-_MARK:]


# -- the worker's side -------------------------------------------------------------------------


def serve(stdin: IO[bytes], stdout: IO[bytes]) -> int:
    """Read the header and workbook from ``stdin``, answer on ``stdout``; 0 when done. After
    the workbook, ``stdin`` brings the parts the import has passed (it read them itself)."""
    header = json.loads(stdin.readline())
    data = stdin.read(int(header["size"]))
    if len(data) != int(header["size"]):
        return 1
    from sync import xlsx

    passed = _Passed(stdin)
    caps = xlsx.ReadCaps(**header["caps"])
    chunk_size = int(header["chunk"])
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for sheet_no, sheet in enumerate(header["sheets"]):
            layout = xlsx.SheetLayout(sheet["name"], sheet["headers"])
            convert = _converters(header.get("format_version"), sheet["name"])
            _serve_sheet(zf, sheet_no, sheet["member"], layout, caps, chunk_size, stdout, passed,
                         convert)
    stdout.flush()
    return 0


class _Passed:
    """The last part the import has passed, (sheet, part), as it tells it on ``stdin``."""

    def __init__(self, stdin: IO[bytes]) -> None:
        self.last = (-1, -1)
        self.stdin = stdin
        threading.Thread(target=self._run, name="sheet-worker-passed", daemon=True).start()

    def _run(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            while True:
                got = self.stdin.read(_PASSED.size)
                if len(got) != _PASSED.size:
                    return
                self.last = max(self.last, _PASSED.unpack(got))


Convert = Callable[[list[list[Any]]], list[list[list[Any]] | None]]


def _converters(format_version: int | None, name: str) -> Convert | None:
    """The column checks of the import's staging for sheet ``name`` of this format version
    (:func:`sync.importer.cells.column_converter`), applied to the pieces of STEP rows that
    staging cuts a part into; None when the import did not ask for them."""
    if format_version is None:
        return None
    from sync.importer.staging import STEP, checked_columns, column_checks
    from sync.schema import schema_for

    found = [s for s in schema_for(format_version) if s.name == name]
    if not found:
        return None
    checks = column_checks(found[0])

    def convert(columns: list[list[Any]]) -> list[list[list[Any]] | None]:
        # the pieces staging cuts a part into (staging._columns), each checked as there
        return [checked_columns(checks, [v[start:start + STEP] if len(v) > STEP else v
                                         for v in columns])
                for start in range(0, len(columns[0]), STEP)]

    return convert


def _serve_sheet(zf: zipfile.ZipFile, sheet_no: int, member: str, layout: Any, caps: Any,
                 chunk_size: int, out: IO[bytes], passed: _Passed,
                 convert: Convert | None) -> None:
    from sync import xlsx

    scanner = xlsx._SheetScanner(layout, caps)
    letters = {xlsx.column_letter(i): i for i in range(scanner.width)}
    serials: dict[str, Any] = {}
    rows = 0  # rows before the current part, were every row plain (the header included)
    number = 0
    with zf.open(member) as handle:
        while True:
            chunk = handle.read(chunk_size)
            if not chunk:
                return
            part = scanner.take(chunk)
            if part is None:
                continue
            if owned(number) and (sheet_no, number) > passed.last:
                out.write(_FRAME.pack(_STARTED | _PASSED.size) + _PASSED.pack(sheet_no, number))
                out.flush()  # the import waits for this part only if the worker is on it
                scanner.rows = rows
                columns = scanner.read_plain(part, letters, serials)
                converted = None
                if columns is not None and convert is not None and len(columns) == len(
                        layout.headers):
                    try:
                        converted = convert(columns)
                    except Exception:  # noqa: BLE001 - the import checks the part itself
                        converted = None
                answer = (member, number, rows, len(part), _mark(part), columns, scanner.rows,
                          converted)
                blob = pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
                out.write(_FRAME.pack(len(blob)))
                out.write(blob)
                out.flush()
            rows += part.count(b"</row>")
            number += 1


def main() -> int:
    """The worker's entry point (``--sheet-worker`` or ``python -m sync.sheet_worker``)."""
    stdin = sys.stdin.buffer if sys.stdin is not None else os.fdopen(0, "rb")
    stdout = sys.stdout.buffer if sys.stdout is not None else os.fdopen(1, "wb")
    if hasattr(os, "nice"):  # (Windows: the import starts it below normal priority)
        os.nice(NICE)
    try:
        return serve(stdin, stdout)
    except Exception:  # noqa: BLE001 - the import reads on alone; nothing to report here
        return 1


# -- the import's side -------------------------------------------------------------------------


class ReadColumns(list[list[Any]]):
    """A part's columns as the worker read them, with, when the import asked for them, the
    column checks' results of each piece of STEP rows (None for a piece they refused: the
    import checks that piece itself, cell by cell)."""

    def __init__(self, columns: list[list[Any]],
                 pieces: list[list[list[Any]] | None] | None) -> None:
        super().__init__(columns)
        self.pieces = pieces


PIPE_BYTES = 1 << 20


def _widen(pipe: IO[bytes] | None) -> None:
    """Let a pipe hold about two answers (Linux; elsewhere the default size stays). With the
    default 64 KiB the worker waited for the import's thread that empties the pipe, and that
    thread waits up to the interpreter's switch interval (5 ms) for the GIL per read: the
    worker spent more time blocked than reading."""
    setsize = getattr(__import__("fcntl"), "F_SETPIPE_SZ", None) if os.name == "posix" else None
    if pipe is None or setsize is None:
        return
    import fcntl

    with contextlib.suppress(OSError):  # above /proc/sys/fs/pipe-max-size: the default stays
        fcntl.fcntl(pipe.fileno(), setsize, PIPE_BYTES)


class SheetHelper:
    """The import's end of one worker, for the shared sheets of one workbook."""

    def __init__(self, data: bytes, sheets: Sequence[tuple[str, Any]], caps: Any,
                 chunk_size: int, format_version: int | None = None) -> None:
        from dataclasses import asdict

        self.answers: queue.Queue[bytes | None] = queue.Queue(QUEUE_DEPTH)
        self.pending: tuple[Any, ...] | None = None
        self.dead = False
        self.taken = 0  # parts whose answer the import used
        self.missed = 0  # parts the import read itself, the worker's answer being late
        self.working = (-1, -1)  # the part the worker said it started last
        self.members = [member for member, _layout in sheets]
        header = json.dumps({
            "size": len(data), "chunk": chunk_size, "caps": asdict(caps),
            "format_version": format_version,
            "sheets": [{"member": m, "name": lay.name, "headers": list(lay.headers)}
                       for m, lay in sheets]}).encode() + b"\n"
        env = dict(os.environ)
        root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
        self.proc = subprocess.Popen(
            worker_command(), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL, env=env,
            creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0)
            | getattr(subprocess, "BELOW_NORMAL_PRIORITY_CLASS", 0))
        for pipe in (self.proc.stdin, self.proc.stdout):
            _widen(pipe)
        self.writer = threading.Thread(target=self._write, args=(header, data),
                                       name="sheet-worker-in", daemon=True)
        self.reader = threading.Thread(target=self._read, name="sheet-worker-out", daemon=True)
        self.writer.start()
        self.reader.start()

    def _write(self, header: bytes, data: bytes) -> None:
        stdin = self.proc.stdin
        assert stdin is not None
        try:
            stdin.write(header)
            stdin.write(data)
            stdin.flush()
        except (OSError, ValueError):
            pass  # the worker died or was stopped: the import reads on alone

    def _read(self) -> None:
        stdout = self.proc.stdout
        assert stdout is not None
        try:
            while True:
                size = stdout.read(_FRAME.size)
                if len(size) != _FRAME.size:
                    break
                (n,) = _FRAME.unpack(size)
                if n & ~_STARTED > _MAX_FRAME:
                    break  # not a worker of this program
                blob = stdout.read(n & ~_STARTED)
                if len(blob) != n & ~_STARTED:
                    break
                if n & _STARTED:
                    self.working = _PASSED.unpack(blob)
                    continue
                while not self._put(blob):
                    if self.dead:  # stopped: nobody takes answers any more
                        return
        except (OSError, ValueError):
            pass
        self._put(None)

    def _put(self, item: bytes | None) -> bool:
        try:
            self.answers.put(item, timeout=0.1)
            return True
        except queue.Full:
            return False

    def read_plain(self, member: str, number: int, rows: int,
                   part: bytes) -> tuple[list[list[Any]], int] | None:
        """The worker's reading of part ``number`` of ``member`` (``part``, starting after
        ``rows`` rows) and the row count after it; None when it has none that fits (the
        import then reads the part itself). The import waits at most PATIENCE for it: a
        worker that lags (the second core busy) is told to skip what the import read."""
        want = (self.members.index(member), number)
        while not self.dead:
            if self.pending is None:
                try:
                    # wait only for a part the worker is reading now
                    blob = self.answers.get(
                        timeout=PATIENCE if self.working == want else WAIT_UNSTARTED)
                except queue.Empty:
                    self._passed(want)
                    return None
                if blob is None:
                    self.dead = True
                    return None
                self.pending = pickle.loads(blob)
            got = self.pending
            key = (self.members.index(got[0]), got[1])
            if key > want:
                return None  # not answered (a part the worker does not own, or skipped)
            self.pending = None
            if key < want:
                continue  # a part the import has passed
            _member, _number, start, length, mark, columns, after, converted = got
            if columns is None or start != rows or length != len(part) or mark != _mark(part):
                return None
            self.taken += 1
            return ReadColumns(columns, converted), after
        return None

    def _passed(self, where: tuple[int, int]) -> None:
        """Tell the worker that the import read the parts up to ``where`` itself."""
        self.missed += 1
        stdin = self.proc.stdin
        if self.writer.is_alive() or stdin is None:
            return  # the workbook is still being written: nothing may come in between
        try:
            stdin.write(_PASSED.pack(*where))
            stdin.flush()
        except (OSError, ValueError):
            self.dead = True

    def stop(self) -> None:
        """Stop the worker (whatever it was doing) and wait for it and the pipes' threads."""
        self.dead = True
        global taken_total
        taken_total += self.taken
        self.taken = 0
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        self.writer.join()
        self.reader.join()
        for pipe in (self.proc.stdin, self.proc.stdout):
            if pipe is not None:
                with contextlib.suppress(OSError):  # a worker gone: what is unsent is moot
                    pipe.close()


if __name__ == "__main__":
    sys.exit(main())
