"""Standard-library logging: a rotating file in the data folder's log folder, no Qt."""

from __future__ import annotations

import logging
import logging.handlers
import re
from pathlib import Path

_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


_SIXTEEN_DIGITS = re.compile(r"(?<!\d)\d{16}(?!\d)")


class MaskNikFilter(logging.Filter):
    """Masks every 16-digit number (NIK, No. KK) so log files never hold a full NIK."""

    def filter(self, record: logging.LogRecord) -> bool:
        from app.core.rules.nik import mask_nik

        text = record.getMessage()
        masked = _SIXTEEN_DIGITS.sub(lambda m: mask_nik(m.group(0)), text)
        if masked != text:
            record.msg, record.args = masked, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = _SIXTEEN_DIGITS.sub(lambda m: mask_nik(m.group(0)),
                                                  record.exc_text)
        return True


class _QuietFileHandler(logging.handlers.RotatingFileHandler):
    """Opens its file at the first record (so a refused command leaves no empty log behind)
    and stays silent if the folder turns out to be read-only."""

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802
        pass


def setup_logging(log_dir: Path | None, *, console: bool = False,
                  level: int = logging.INFO) -> None:
    root = logging.getLogger()
    root.setLevel(level)
    for handler in list(root.handlers):
        if getattr(handler, "_buku_migran", False):
            root.removeHandler(handler)
    handlers: list[logging.Handler] = []
    if log_dir is not None:
        try:
            log_dir.mkdir(parents=True, exist_ok=True)
            handlers.append(_QuietFileHandler(
                log_dir / "buku_migran.log", maxBytes=1_000_000, backupCount=5,
                encoding="utf-8", delay=True))
        except OSError:
            pass  # a read-only data folder must not stop the program from starting
    if console:
        handlers.append(logging.StreamHandler())
    for handler in handlers:
        handler.setFormatter(logging.Formatter(_FORMAT))
        handler.addFilter(MaskNikFilter())
        handler._buku_migran = True  # type: ignore[attr-defined]
        root.addHandler(handler)
