"""One P4MI clerk's process for the parallel-clerk tests: import one bundle into a hub folder
whose database is on the PostgreSQL server, print the result as JSON.

``clerk_worker.py DATA_DIR BUNDLE FINGERPRINT SIGNALS NAME [CODE]``: around the village lock
(:func:`sync.importer.pipeline._lock_village`) the worker writes ``SIGNALS/NAME.reached``
before asking for the lock and ``SIGNALS/NAME.locked`` once it holds it, then waits (60 s at
most) until the test writes ``SIGNALS/NAME.go``: the test decides when each transaction may commit.
A hub's package (:mod:`sync.relay`) is imported with ``import_paket``; it takes the sending
hub's lock, then each village's: with ``CODE`` the worker stops at that hub's or village's
lock only (the others pass).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from app.core.errors import AppError
from app.core.paths import DataDir
from app.core.workspace import open_workspace


def main(argv: list[str]) -> int:
    data_dir, bundle, fingerprint, signals, name = argv[:5]
    only = argv[5] if len(argv) > 5 else None
    import sync.importer as importer
    import sync.importer.pipeline as pipeline
    import sync.relay.importing as relay_import
    from sync.relay import import_paket, is_paket

    real = pipeline._lock_village
    flags = Path(signals)

    def lock_and_wait(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        if only is not None and args[1] != only:
            return real(*args, **kwargs)
        (flags / f"{name}.reached").write_text("1")
        got = real(*args, **kwargs)
        (flags / f"{name}.locked").write_text("1")
        deadline = time.monotonic() + 60
        while not (flags / f"{name}.go").exists():
            if time.monotonic() > deadline:
                raise SystemExit("never released")
            time.sleep(0.02)
        return got

    pipeline._lock_village = lock_and_wait
    relay_import._lock_village = lock_and_wait
    ws = open_workspace(DataDir(Path(data_dir)))
    try:
        if is_paket(Path(bundle)):
            paket = import_paket(ws, Path(bundle), confirm_key=fingerprint, operator=name)
            print(json.dumps({"status": paket.status, "new": paket.total("new"),
                              "villages": [v.status for v in paket.villages]}))
        else:
            report = importer.import_bundle(ws, Path(bundle), confirm_key=fingerprint,
                                            operator=name)
            print(json.dumps({"status": report.status, "new": report.total("new"),
                              "import_id": report.import_id}))
    except AppError as exc:
        print(json.dumps({"error": exc.code}))
    finally:
        ws.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
