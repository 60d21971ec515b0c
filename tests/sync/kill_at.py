"""Helper process for the exact-point kill tests: run one export or import and SIGKILL itself
at a named point.

``python tests/sync/kill_at.py POINT DATA_DIR TARGET``

* ``export-after-number DATA_DIR USB``: right after the sequence number is committed;
* ``export-before-rename DATA_DIR USB``: at ``os.replace`` of the bundle (the temporary
  ``.sementara`` file written and fsynced, the real name not there yet);
* ``export-after-rename DATA_DIR USB``: right after that ``os.replace``;
* ``import-archive-before-rename HUB BUNDLE``: at ``os.replace`` of the archive copy in
  ``masuk/`` (the import not committed yet);
* ``import-archive-after-rename HUB BUNDLE``: right after it, before ``COMMIT``.

Exit by SIGKILL means the point was reached; a normal exit (code 3) means it was not.
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path


def _die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def _hook_replace(match: str, after: bool) -> None:
    real = os.replace

    def replace(src, dst, *a, **kw):  # noqa: ANN001, ANN202 - os.replace's signature
        if match in str(dst) and not after:
            _die()
        result = real(src, dst, *a, **kw)
        if match in str(dst) and after:
            _die()
        return result

    os.replace = replace


def main(argv: list[str]) -> int:
    point, data_dir, target = argv
    from app.core.paths import DataDir
    from app.core.workspace import open_workspace

    ws = open_workspace(DataDir(Path(data_dir)))
    if point.startswith("export-"):
        import sync.export as export_mod

        if point == "export-after-number":
            real = export_mod._allocate_sequence

            def allocate(*a, **kw):  # noqa: ANN002, ANN003, ANN202
                real(*a, **kw)
                _die()

            export_mod._allocate_sequence = allocate
        else:
            _hook_replace(".bmd", after=point == "export-after-rename")
        export_mod.export_bundle(ws, Path(target), full=True)
        return 3
    from sync.container import read_bundle
    from sync.importer import import_bundle

    _hook_replace(os.sep + "masuk" + os.sep, after=point == "import-archive-after-rename")
    key = read_bundle(Path(target)).manifest.public_key.fingerprint
    import_bundle(ws, Path(target), confirm_key=key)
    return 3


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
