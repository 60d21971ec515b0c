"""Helper process for the bundle kill tests.

``export FOLDER DATA_DIR``: export full bundles into FOLDER forever, printing each path.
``import HUB BUNDLE...``: import the bundles one after another, printing each status, then
start over (already-imported bundles are skipped by the engine).
"""

from __future__ import annotations

import sys
from pathlib import Path

from app.core.paths import DataDir
from app.core.workspace import open_workspace


def main(argv: list[str]) -> None:
    if argv[0] == "export":
        from sync.export import export_bundle

        ws = open_workspace(DataDir(Path(argv[2])))
        while True:
            report = export_bundle(ws, Path(argv[1]), full=True)
            print(report.path, flush=True)
    else:
        from sync.container import read_bundle
        from sync.importer import import_bundle

        ws = open_workspace(DataDir(Path(argv[1])))
        while True:
            for path in argv[2:]:
                key = read_bundle(Path(path)).manifest.public_key.fingerprint
                report = import_bundle(ws, Path(path), confirm_key=key)
                print(report.status, path, flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
