"""Sentences of the relay upward ("paket kabupaten", :mod:`sync.relay`): Indonesian first."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "sync.paket.bad_manifest": (
        "Paket kabupaten rusak atau tidak sah (bagian {field} pada daftar isi). Paket ditolak; "
        "minta hub pengirim membuat paket baru.",
        "The regency package is damaged or invalid (manifest field {field}). Refused; ask the "
        "sending hub for a new package.",
    ),
    "sync.paket.not_hub": (
        "Paket kabupaten hanya dapat dibuat di folder P4MI kabupaten/kota atau hub provinsi "
        "(folder ini: {code}).",
        "A regency package is made at a regency or province hub only (this folder: {code}).",
    ),
    "sync.paket.empty": (
        "Tidak ada data desa yang perlu dikirim: hub atas sudah memegang semuanya menurut "
        "tanda terima terakhir. Pakai --full untuk mengirim semuanya lagi.",
        "No village data to send: the upper hub holds all of it according to the latest "
        "receipt. Use --full to send everything again.",
    ),
    "sync.paket.other_region": (
        "Paket ini dari hub {hub}, yang tidak berada di bawah wilayah {own}. Paket ditolak, "
        "tidak ada yang berubah.",
        "This package comes from hub {hub}, which is not under {own}. Refused, nothing "
        "changed.",
    ),
    "sync.paket.village_outside": (
        "Paket hub {hub} memuat desa {village}, yang bukan desa di wilayah hub itu atau "
        "wilayah {own}. Paket ditolak, tidak ada yang berubah.",
        "The package of hub {hub} holds village {village}, which is not in that hub's area or "
        "in {own}. Refused, nothing changed.",
    ),
    "sync.paket.key_unconfirmed": (
        "Paket pertama dari hub {hub}. Pastikan kode kuncinya {fingerprint} sama dengan yang "
        "dibacakan petugas hub itu, lalu impor lagi dengan --confirm-key {fingerprint}. "
        "Tidak ada yang berubah.",
        "First package from hub {hub}. Check that its key fingerprint {fingerprint} matches "
        "the one the hub's clerk reads out, then import again with --confirm-key "
        "{fingerprint}. Nothing changed.",
    ),
    "sync.paket.key_mismatch": (
        "Paket hub {hub} ditandatangani kunci lain ({found}) daripada kunci yang tercatat "
        "({known}). Paket ditolak, tidak ada yang berubah. Hubungi petugas hub itu.",
        "The package of hub {hub} is signed by another key ({found}) than the one on record "
        "({known}). Refused, nothing changed. Contact that hub's clerk.",
    ),
    "sync.paket.row_errors": (
        "Paket kabupaten ditolak: {rows} baris desa {village} tidak sah. Tidak ada yang "
        "berubah. Impor hanya baris yang sah dengan --valid-rows-only.",
        "Regency package refused: {rows} rows of village {village} are invalid. Nothing "
        "changed. Import only the valid rows with --valid-rows-only.",
    ),
    "sync.paket.too_many": (
        "Impor paket kabupaten satu per satu (ada {count} berkas). Tidak ada yang berubah.",
        "Import regency packages one at a time ({count} files given). Nothing changed.",
    ),
    "sync.paket.receipt_other_hub": (
        "Tanda terima ini untuk hub {hub}, bukan untuk folder ini ({own}). Ditolak.",
        "This receipt is for hub {hub}, not for this folder ({own}). Refused.",
    ),
    "sync.paket.receipt_bad": (
        "Tanda terima paket kabupaten rusak atau tidak sah ({detail}). Ditolak.",
        "The package receipt is damaged or invalid ({detail}). Refused.",
    ),
    "sync.paket.receipt_key": (
        "Tanda terima ditandatangani kunci {fingerprint}, yang bukan kunci hub atas yang "
        "terpasang. Pastikan kode kuncinya dengan petugas hub atas, lalu impor lagi dengan "
        "--confirm-key {fingerprint}. Tidak ada yang berubah.",
        "The receipt is signed by key {fingerprint}, not the installed upper hub key. Check "
        "the fingerprint with the upper hub's clerk, then import again with --confirm-key "
        "{fingerprint}. Nothing changed.",
    ),
    "sync.paket.receipt_unknown": (
        "Belum ada paket dari hub {hub} yang diimpor di sini: belum ada tanda terima untuknya.",
        "No package from hub {hub} has been imported here: there is no receipt for it yet.",
    ),
}
