"""What the two command lines (``python -m app`` and ``python -m sync``) share."""

from __future__ import annotations

import argparse
import sys

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_REFUSED = 2


class IndonesianArgumentParser(argparse.ArgumentParser):
    """argparse that reports usage mistakes in Indonesian with exit status 2 (refused)."""

    def error(self, message_text: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        sys.stderr.write(f"Perintah tidak dapat dipahami: {message_text}\n")
        raise SystemExit(EXIT_REFUSED)
