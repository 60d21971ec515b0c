"""Import of the lists villages already keep (OpenSID, SIAK, hand-made Excel/CSV lists).

Pipeline (each step its own module):

1. :mod:`sync.lists.read` - guarded read of .xlsx/.xlsm (the bundle reader's
   :func:`sync.xlsx.prescan_foreign`), .xls (BIFF, size and dimension caps) and CSV
   (comma/semicolon, UTF-8 or Windows-1252); finds the sheet and the header row.
2. :mod:`sync.lists.mapping` - which column is which field: guessed from the header names,
   remembered per header signature in the data folder, or given as a JSON file.
3. :mod:`sync.lists.normalise` - NIK hygiene, village date forms, OpenSID/SIAK codes.
4. :mod:`sync.lists.plan` - matching with the register and the preview (new, updated,
   unchanged, refused with reasons); nothing is written.
5. :mod:`sync.lists.apply` - backup, then one unit of work through the services with an
   undo journal (:mod:`app.core.services.undo`); "Batalkan impor terakhir".
"""
