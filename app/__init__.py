"""Buku Migran Desa: the village register of migrant workers (UU 18/2017 Pasal 42).

This module holds only constants: importing it must stay cheap and must never import Qt.
"""

__version__ = "0.1.0"
APP_NAME = "Buku Migran Desa"
APP_ID = "buku-migran-desa"
