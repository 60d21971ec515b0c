"""``python -m sync``: see :mod:`sync.cli`."""

from sync.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
