"""Relay upward (issue 16): a hub's "paket kabupaten" to the hub above it.

A regency hub (or a province hub, to the national one) exports one signed file holding the
data of its villages, each village's rows exactly as the hub holds them (owner village,
version, origin installation and counter unchanged). The hub above imports it the way it
imports a village bundle: for each origin village in turn the same staging, checks,
classification and merge (:mod:`sync.importer`), so the row / version / knowledge rules of
the village bundle decide per origin village, whichever path a row took (a village that also
sends directly to the province is merged, not doubled). The whole package is one transaction:
imported fully or not at all. See sync/FORMAT.md section 12.

Format: the same container as a village bundle (zip of ``manifest.json``, ``manifest.sig``,
one data member); the manifest has ``"kind": "kabupaten"`` and a list of villages; the data
member ``data.zip`` (or ``data.zip.enc``) is a stored zip of one workbook per village,
``<village code>.xlsx``, in the village bundle's workbook format (each sealed on its own to
the upper hub's key in ``data.zip.enc``), read one village at a time.

The package's rooms: :mod:`.paket` (name, manifest, reading and checks), :mod:`.export`
(at the sending hub), :mod:`.importing` (preview and import at the hub above),
:mod:`.report`, :mod:`.receipts` (receipts back), :mod:`.cli` (command line),
:mod:`.messages` (sentences). Everything public is re-exported here.
"""

from sync.relay.export import PaketExportReport, export_paket
from sync.relay.importing import check_paket_region, import_paket, preview_paket
from sync.relay.paket import (
    DATA_ZIP,
    DATA_ZIP_SEALED,
    PAKET_KIND,
    OpenedPaket,
    PaketVillage,
    is_paket,
    paket_file_name,
    read_paket,
)
from sync.relay.receipts import import_paket_receipt, make_paket_receipt, receipt_bases
from sync.relay.report import PaketReport

__all__ = [
    "DATA_ZIP", "DATA_ZIP_SEALED", "PAKET_KIND", "OpenedPaket", "PaketExportReport",
    "PaketReport", "PaketVillage", "check_paket_region", "export_paket", "import_paket",
    "import_paket_receipt", "is_paket", "make_paket_receipt", "paket_file_name",
    "preview_paket", "read_paket", "receipt_bases",
]
