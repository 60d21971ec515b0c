"""Sentences for the codes raised by services, the workspace and backups."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "required": (
        "{label} wajib diisi.",
        "{label} is required.",
    ),
    "resident.sex_invalid": (
        "Jenis kelamin harus L (laki-laki) atau P (perempuan).",
        "Sex must be L (male) or P (female).",
    ),
    "resident.birth_future": (
        "Tanggal lahir {value} ada di masa depan.",
        "The birth date {value} is in the future.",
    ),
    "resident.nik_duplicate": (
        "NIK {nik} sudah dipakai oleh {name}. Buka data orang itu, jangan mencatat dua kali.",
        "NIK {nik} already belongs to {name}. Open that person instead of recording twice.",
    ),
    "resident.life_status_invalid": (
        "Status hidup '{value}' tidak dikenal (pilih hidup, meninggal, atau pindah).",
        "Unknown life status '{value}' (choose hidup, meninggal or pindah).",
    ),
    "family.no_carer": (
        "Belum ada pengasuh untuk anak yang ditinggalkan ({names}). Tandai siapa yang "
        "mengasuh mereka.",
        "No carer is recorded for the children left behind ({names}). Mark who looks after "
        "them.",
    ),
    "resident.rt_rw_invalid": (
        "{label} harus berupa angka 1 sampai 3 digit.",
        "{label} must be a number of 1 to 3 digits.",
    ),
    "resident.passport_invalid": (
        "Nomor paspor hanya boleh huruf dan angka (5 sampai 12 karakter).",
        "A passport number has only letters and digits (5 to 12 characters).",
    ),
    "code.unknown": (
        "Pilihan '{value}' untuk {label} tidak dikenal.",
        "Unknown choice '{value}' for {label}.",
    ),
    "record.not_found": (
        "Data {entity} tidak ditemukan (mungkin sudah dihapus).",
        "The {entity} record was not found (it may have been deleted).",
    ),
    "record.deleted": (
        "Data {entity} ini sudah dihapus dan tidak bisa diubah.",
        "This {entity} record has been deleted and cannot be changed.",
    ),
    "case.already_closed": (
        "Kasus ini sudah selesai. Buka kembali bila perlu menambah tindak lanjut.",
        "This case is already closed. Reopen it to add follow-ups.",
    ),
    "case.status_invalid": (
        "Status kasus '{value}' tidak dikenal.",
        "Unknown case status '{value}'.",
    ),
    "office.not_initialised": (
        "Folder data {path} belum disiapkan. Jalankan 'python -m app init' atau buka aplikasi "
        "untuk mengisi data desa.",
        "The data folder {path} is not set up yet. Run 'python -m app init' or open the "
        "application to enter the village details.",
    ),
    "office.already_initialised": (
        "Folder data {path} sudah berisi database ({mode} {code}). Tidak ada yang diubah.",
        "The data folder {path} already holds a database ({mode} {code}). Nothing changed.",
    ),
    "office.not_village": (
        "Kode {code} bukan kode desa/kelurahan Kemendagri (bentuknya PP.KK.CC.DDDD, "
        "misalnya 18.07.01.2001).",
        "{code} is not a Kemendagri village code (form PP.KK.CC.DDDD, e.g. 18.07.01.2001).",
    ),
    "office.not_regency": (
        "Kode {code} bukan kode kabupaten/kota Kemendagri (bentuknya PP.KK, misalnya 18.07).",
        "{code} is not a Kemendagri regency code (form PP.KK, e.g. 18.07).",
    ),
    "office.not_hub_code": (
        "Kode {code} bukan kode hub P4MI: gunakan kode kabupaten/kota (PP.KK, misalnya 18.07), "
        "kode provinsi (PP, misalnya 18) atau 'nasional'.",
        "{code} is not a P4MI hub code: use a regency code (PP.KK, e.g. 18.07), a province "
        "code (PP, e.g. 18) or 'nasional'.",
    ),
    "office.wrong_mode": (
        "Perintah ini hanya untuk mode {expected}; folder ini dalam mode {actual}.",
        "This command is for {expected} mode only; this folder is in {actual} mode.",
    ),
    "data_dir.not_writable": (
        "Folder data {path} tidak bisa ditulisi: {detail}. Pilih folder lain atau periksa izin.",
        "The data folder {path} cannot be written: {detail}. Choose another folder or check "
        "permissions.",
    ),
    "data_dir.in_use": (
        "Folder data {path} sedang dibuka oleh program lain (Buku Migran Desa yang lain atau "
        "perintah baris). Tutup program itu dulu.",
        "The data folder {path} is open in another program (another Buku Migran Desa or a "
        "command). Close that program first.",
    ),
    "storage.full": (
        "Disk penuh: data terakhir TIDAK tersimpan, data sebelumnya aman. Kosongkan ruang di "
        "{path} (hapus berkas yang tidak perlu) lalu simpan lagi.",
        "The disk is full: the last change was NOT saved; earlier data is safe. Free space in "
        "{path}, then save again.",
    ),
    "storage.read_only": (
        "Folder data {path} hanya bisa dibaca: data terakhir TIDAK tersimpan. Periksa izin "
        "folder atau flashdisk yang terkunci.",
        "The data folder {path} is read-only: the last change was NOT saved. Check the folder "
        "permissions or a write-protected stick.",
    ),
    "storage.io": (
        "Gagal menulis ke disk di {path}: data terakhir TIDAK tersimpan. Periksa disk atau "
        "flashdisk, lalu coba lagi.",
        "Writing to the disk at {path} failed: the last change was NOT saved. Check the disk, "
        "then try again.",
    ),
    "database.newer": (
        "Database ini dibuat oleh versi aplikasi yang lebih baru (skema {revision}). "
        "Pasang versi terbaru aplikasi.",
        "This database was made by a newer version of the application (schema {revision}). "
        "Install the newest version.",
    ),
    "backup.failed": (
        "Cadangan {path} gagal dibuat: {detail}.",
        "The backup {path} could not be made: {detail}.",
    ),
    "backup.not_verified": (
        "Cadangan {path} rusak saat diperiksa dan tidak dipakai.",
        "The backup {path} failed its integrity check and was discarded.",
    ),
    "restore.no_backup": (
        "Belum ada cadangan yang baik di {path}.",
        "There is no good backup in {path} yet.",
    ),
    "restore.not_a_backup": (
        "Berkas {path} bukan cadangan Buku Migran Desa.",
        "The file {path} is not a Buku Migran Desa backup.",
    ),
    "restore.other_office": (
        "Cadangan ini milik {found}, sedangkan folder ini milik {expected}. Tidak ada yang "
        "diubah.",
        "This backup belongs to {found}, but this folder belongs to {expected}. Nothing was "
        "changed.",
    ),
    "database.damaged": (
        "Database di {path} rusak (pemeriksaan cepat gagal). Pulihkan dari cadangan terbaru; "
        "berkas yang rusak akan disimpan, tidak ditimpa.",
        "The database at {path} is damaged (quick check failed). Restore the newest backup; "
        "the damaged file will be kept, not overwritten.",
    ),
    "ui.date_invalid": (
        "Tulis tanggal sebagai hh/bb/tttt, misalnya 17/08/1990.",
        "Write the date as dd/mm/yyyy, for example 17/08/1990.",
    ),
    "demo.count_invalid": (
        "Jumlah penduduk harus angka 1 sampai {maximum}.",
        "The number of residents must be between 1 and {maximum}.",
    ),
}


# Field names that services pass as the ``label``/``field``/``earlier``/``later`` parameter of
# a coded issue (the key is the name the service passes). The catalogue renders the name in
# the reader's language (app.core.messages.message): an English reader never sees
# "Tanggal pendaftaran is required". A test checks every name a service passes is here.
LABELS: dict[str, tuple[str, str]] = {
    "Nama": ("Nama", "Name"),
    "Nama operator": ("Nama operator", "Operator name"),
    "Nama anggota keluarga": ("Nama anggota keluarga", "Family member's name"),
    "Nama peserta": ("Nama peserta", "Participant's name"),
    "Hubungan": ("Hubungan", "Relation"),
    "Hubungan ahli waris": ("Hubungan ahli waris", "Heir's relation"),
    "Judul kegiatan": ("Judul kegiatan", "Activity title"),
    "Jenis kegiatan": ("Jenis kegiatan", "Kind of activity"),
    "Tanggal kegiatan": ("Tanggal kegiatan", "Activity date"),
    "SHDK": ("SHDK", "Relation to the family head (SHDK)"),
    "RT": ("RT", "RT"),
    "RW": ("RW", "RW"),
    "Pendidikan": ("Pendidikan", "Education"),
    "Sektor": ("Sektor", "Sector"),
    "Skema penempatan": ("Skema penempatan", "Placement scheme"),
    "Jenis visa": ("Jenis visa", "Visa type"),
    "Status BPJS": ("Status BPJS", "BPJS status"),
    "Dokumen": ("Dokumen", "Documents"),
    "Prosedur": ("Prosedur", "Procedure"),
    "Tanggal pendaftaran": ("Tanggal pendaftaran", "Registration date"),
    "Tempat proses": ("Tempat proses", "Place of processing"),
    "Alasan dicegah": ("Alasan dicegah", "Reason the departure was prevented"),
    "Alasan pulang": ("Alasan pulang", "Reason for the return"),
    "Tanggal kabar": ("Tanggal kabar", "Date of the news"),
    "Jenis kasus": ("Jenis kasus", "Case type"),
    "Rujukan": ("Rujukan", "Referral"),
    "Tanggal laporan": ("Tanggal laporan", "Report date"),
    "Catatan tindak lanjut": ("Catatan tindak lanjut", "Follow-up note"),
    # the names of dates in "the {later} date cannot be before the {earlier} date"
    "lapor diri": ("lapor diri", "self-report to the embassy"),
    "pendaftaran": ("pendaftaran", "registration"),
    "verifikasi": ("verifikasi", "verification"),
    "mulai proses": ("mulai proses", "start of processing"),
    "pencegahan": ("pencegahan", "prevention"),
    "mulai cuti": ("mulai cuti", "start of leave"),
    "akhir cuti": ("akhir cuti", "end of leave"),
    "kembali bekerja": ("kembali bekerja", "return to work"),
    "keberangkatan": ("keberangkatan", "departure"),
    "kepulangan": ("kepulangan", "return"),
    "pembatalan": ("pembatalan", "cancellation"),
    "kabar": ("kabar", "news"),
    "laporan": ("laporan", "report"),
    "kejadian": ("kejadian", "incident"),
    "tindak lanjut": ("tindak lanjut", "follow-up"),
    "Hubungan pemberi izin": ("Hubungan pemberi izin", "Relation of the person giving consent"),
    "Klaim jaminan kematian BPJS": ("Klaim jaminan kematian BPJS", "BPJS death benefit claim"),
    "Negara tujuan": ("Negara tujuan", "Destination country"),
    "Pemulangan jenazah": ("Pemulangan jenazah", "Repatriation of the body"),
    "Rencana berangkat lagi": ("Rencana berangkat lagi", "Plan to leave again"),
    "Status perkawinan": ("Status perkawinan", "Marital status"),
    "akhir kontrak": ("akhir kontrak", "end of contract"),
    "mulai kontrak": ("mulai kontrak", "start of contract"),
    "pendaftaran/verifikasi": ("pendaftaran/verifikasi", "registration/verification"),
}
