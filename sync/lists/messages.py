"""Sentences for the import of existing lists (``lists.*``)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "lists.unreadable": ("Berkas {path} tidak dapat dibaca: {detail}.",
                         "The file {path} cannot be read: {detail}."),
    "lists.too_large": ("Berkas terlalu besar ({size} bita; paling besar {maximum}).",
                        "The file is too large ({size} bytes; at most {maximum})."),
    "lists.empty_file": ("Berkas {name} kosong.", "The file {name} is empty."),
    "lists.not_workbook": (
        "Berkas {name} bukan lembar kerja Excel atau CSV yang dapat dibaca.",
        "The file {name} is not a readable Excel workbook or CSV file."),
    "lists.no_header": (
        "Baris judul kolom tidak ditemukan di {name}: perlu sedikitnya kolom nama dan NIK "
        "atau tanggal lahir (mis. 'nama', 'nik', 'tanggallahir').",
        "No header row found in {name}: at least a name column and a NIK or birth date "
        "column are needed (e.g. 'nama', 'nik', 'tanggallahir')."),
    "lists.formula": (
        "Berkas berisi rumus (formula) di {part}. Salin lalu tempel sebagai nilai (Paste "
        "Special > Values), simpan, lalu impor lagi.",
        "The file contains formulas in {part}. Copy and paste them as values, save and "
        "import again."),
    "lists.mapping_not_saved": ("Pemetaan kolom tidak dapat disimpan di {path}: {detail}.",
                                "The column mapping cannot be saved in {path}: {detail}."),
    "lists.mapping_bad_field": ("Isian tujuan '{field}' tidak dikenal dalam pemetaan kolom.",
                                "Unknown target field '{field}' in the column mapping."),
    "lists.mapping_no_column": ("Kolom '{column}' dari pemetaan tidak ada di berkas.",
                                "The mapped column '{column}' is not in the file."),
    "lists.mapping_twice": ("Isian '{field}' dipetakan ke lebih dari satu kolom.",
                            "The field '{field}' is mapped to more than one column."),
    "lists.mapping_unreadable": ("Berkas pemetaan {path} bukan JSON {{kolom: isian}}.",
                                 "The mapping file {path} is not JSON {{column: field}}."),
    "lists.mapping_incomplete": ("Pemetaan kolom belum lengkap: kolom {field} wajib ada.",
                                 "The column mapping is incomplete: a {field} column is "
                                 "required."),
    "lists.nothing_to_import": (
        "Tidak ada yang diimpor: {new} baru, {update} diperbarui ({unchanged} sudah sama, "
        "{skip} dilewati, {decide} menunggu keputusan, {refused} ditolak).",
        "Nothing was imported: {new} new, {update} updated ({unchanged} already the same, "
        "{skip} skipped, {decide} awaiting a decision, {refused} refused)."),
    # reasons a row is refused (shown grouped, with row, column and cell)
    "lists.nik_damaged": (
        "{what} rusak oleh Excel (tertulis sebagai angka ilmiah/tidak utuh, mis. 1,8E+15). "
        "Ketik ulang sebagai teks.",
        "{what} damaged by Excel (scientific notation / not exact, e.g. 1.8E+15). Retype "
        "it as text."),
    "lists.nik_zero_tail": (
        "{what} tersimpan sebagai angka dengan digit akhir 0: Excel hanya menyimpan 15 digit, "
        "jadi digit terakhir mungkin hilang. Ketik ulang sebagai teks.",
        "{what} stored as a number ending in 0: Excel keeps 15 digits only, so the last "
        "digit may be lost. Retype it as text."),
    "lists.bad_value": ("Isi sel tidak dapat dibaca.", "The cell cannot be read."),
    "lists.bad_date": (
        "Tanggal tidak dikenali (pakai mis. 31/12/1990, 31-12-90 atau 12 Maret 1995).",
        "Date not recognised (use e.g. 31/12/1990, 31-12-90 or 12 Maret 1995)."),
    "lists.unknown_code": ("Isian tidak dikenal untuk kolom ini.",
                           "Unknown value for this column."),
    "lists.formula_text": ("Sel berisi rumus atau teks yang diawali '=', '+', '-' atau '@'.",
                           "The cell holds a formula or text starting with '=', '+', '-' "
                           "or '@'."),
    "lists.too_long": ("Isi sel terlalu panjang (paling banyak {maximum} huruf).",
                       "The cell is too long (at most {maximum} characters)."),
    "lists.no_name": ("Nama kosong.", "The name is empty."),
    "lists.duplicate_in_file": (
        "Orang yang sama muncul lebih dari sekali di berkas (baris {rows}); tidak ada yang "
        "diambil. Sisakan satu baris.",
        "The same person appears more than once in the file (rows {rows}); none was taken. "
        "Keep one row."),
    "lists.date_future": ("Tanggal penempatan {value} ada di masa depan.",
                          "The placement date {value} is in the future."),
    "lists.return_before_departure": ("Tanggal pulang sebelum tanggal berangkat.",
                                      "The return date is before the departure date."),
    "lists.open_episode_exists": (
        "Orang ini masih punya penempatan yang berjalan; catat perubahan di formulir "
        "penempatan.",
        "This person still has an open placement; record the change in the placement form."),
}
