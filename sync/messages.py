"""Sentences for the bundle codes (merged into :func:`app.core.messages.catalogue`)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # -- the container --------------------------------------------------------------------
    "sync.bundle.unreadable": (
        "Berkas {path} tidak dapat dibaca ({detail}). Periksa flashdisk atau salin ulang "
        "berkasnya.",
        "The file {path} cannot be read ({detail}). Check the USB stick or copy the file again.",
    ),
    "sync.bundle.too_large": (
        "Berkas terlalu besar untuk sebuah paket ({size} bita, paling besar {maximum}). Paket "
        "ditolak.",
        "The file is too large for a bundle ({size} bytes, at most {maximum}). Refused.",
    ),
    "sync.bundle.too_many_rows": (
        "Paket berisi {rows} baris data; satu paket paling banyak {maximum} baris. Paket "
        "ditolak tanpa dibaca; tidak ada yang berubah.",
        "The bundle holds {rows} data rows; one bundle holds at most {maximum}. Refused "
        "without reading it; nothing changed.",
    ),
    "sync.bundle.not_zip": (
        "Berkas ini bukan paket Buku Migran Desa (bukan arsip zip). Mungkin berkas lain yang "
        "diberi nama paket. Minta desa mengirim ulang paketnya.",
        "This file is not a Buku Migran Desa bundle (not a zip archive). It may be another "
        "file renamed. Ask the village to send the bundle again.",
    ),
    "sync.bundle.damaged": (
        "Paket rusak atau terpotong ({detail}). Minta desa mengirim ulang paketnya.",
        "The bundle is damaged or truncated ({detail}). Ask the village to send it again.",
    ),
    "sync.bundle.missing_member": (
        "Paket tidak lengkap: bagian {member} tidak ada. Minta desa mengirim ulang paketnya.",
        "The bundle is incomplete: {member} is missing. Ask the village to send it again.",
    ),
    "sync.bundle.unexpected_member": (
        "Paket berisi bagian yang tidak dikenal ({member}). Paket ditolak demi keamanan.",
        "The bundle holds an unexpected member ({member}). Refused for safety.",
    ),
    "sync.bundle.path_traversal": (
        "Paket berisi nama berkas berbahaya ({member}) yang mencoba keluar dari folder. Paket "
        "ditolak demi keamanan.",
        "The bundle holds a dangerous file name ({member}) that tries to leave its folder. "
        "Refused for safety.",
    ),
    "sync.bundle.link_member": (
        "Paket berisi tautan atau folder ({member}), bukan berkas biasa. Paket ditolak demi "
        "keamanan.",
        "The bundle holds a link or folder ({member}) instead of a plain file. Refused.",
    ),
    "sync.bundle.member_too_large": (
        "Bagian {member} dari paket terlalu besar ({size} bita). Paket ditolak.",
        "The bundle member {member} is too large ({size} bytes). Refused.",
    ),
    "sync.bundle.bomb": (
        "Bagian {member} mengembang jauh melebihi ukuran wajar saat dibuka (bom zip). Paket "
        "ditolak demi keamanan.",
        "The member {member} expands far beyond a sane size (zip bomb). Refused for safety.",
    ),
    "sync.bundle.bad_manifest": (
        "Daftar isi paket (manifest) tidak sah pada bagian '{field}'. Paket ditolak.",
        "The bundle manifest is invalid at '{field}'. Refused.",
    ),
    "sync.bundle.not_bundle": (
        "Berkas ini bukan paket Buku Migran Desa. Paket ditolak.",
        "This file is not a Buku Migran Desa bundle. Refused.",
    ),
    "sync.bundle.bad_version": (
        "Versi format paket tidak dikenal ({version}). Paket ditolak.",
        "Unknown bundle format version ({version}). Refused.",
    ),
    "sync.bundle.future_version": (
        "Paket dibuat dengan format versi {version}, sedangkan aplikasi ini baru mengenal "
        "versi {supported}. Perbarui aplikasi Buku Migran Desa lalu impor lagi.",
        "The bundle uses format version {version}; this application knows up to "
        "{supported}. Update Buku Migran Desa, then import again.",
    ),
    "sync.bundle.bad_signature": (
        "Tanda tangan paket tidak cocok: paket telah diubah setelah dibuat desa, atau bukan "
        "dari desa tersebut. Paket ditolak; minta desa mengirim ulang.",
        "The bundle signature does not match: it was changed after the village made it, or it "
        "is not from that village. Refused; ask the village to send it again.",
    ),
    "sync.bundle.checksum": (
        "Isi paket ({member}) tidak sama dengan yang dicatat desa (checksum berbeda): ada yang "
        "berubah di perjalanan. Paket ditolak; minta desa mengirim ulang.",
        "The bundle content ({member}) differs from what the village recorded (checksum "
        "mismatch). Refused; ask the village to send it again.",
    ),
    "sync.bundle.name_mismatch": (
        "Nama berkas {name} tidak sesuai isinya (desa {village}, nomor urut {sequence}). "
        "Mungkin berkas tertukar atau diganti nama. Paket ditolak.",
        "The file name {name} does not match its content (village {village}, sequence "
        "{sequence}). Files may have been swapped or renamed. Refused.",
    ),
    "sync.bundle.count_mismatch": (
        "Jumlah baris lembar {sheet} tidak sesuai daftar isi (tertulis {expected}, ada "
        "{found}). Paket ditolak.",
        "The row count of sheet {sheet} does not match the manifest ({expected} listed, "
        "{found} found). Refused.",
    ),
    "sync.bundle.unexpected_village": (
        "Paket berasal dari desa {village}, yang bukan desa di wilayah {regency}. Paket "
        "ditolak.",
        "The bundle comes from village {village}, which is not in {regency}. Refused.",
    ),
    "sync.bundle.no_hub_key": (
        "Paket terenkripsi, tetapi folder P4MI ini belum punya kunci untuk membukanya. Paket "
        "ditolak.",
        "The bundle is encrypted but this P4MI folder has no key to open it. Refused.",
    ),
    "sync.bundle.other_recipient": (
        "Paket dienkripsi untuk kunci P4MI lain ({recipient}); kunci P4MI ini {own}. Minta "
        "desa memasang kunci publik P4MI yang benar lalu mengirim ulang.",
        "The bundle is encrypted for another P4MI key ({recipient}); this P4MI's key is "
        "{own}. Ask the village to install the right P4MI public key and send again.",
    ),
    "sync.bundle.decrypt_failed": (
        "Paket terenkripsi tidak dapat dibuka dengan kunci P4MI ini (rusak atau bukan untuk "
        "P4MI ini). Paket ditolak.",
        "The encrypted bundle cannot be opened with this P4MI key (damaged or not for this "
        "P4MI). Refused.",
    ),
    # -- the workbook ---------------------------------------------------------------------
    "sync.xlsx.not_workbook": (
        "Lembar kerja di dalam paket rusak atau tidak sah ({detail}). Paket ditolak.",
        "The workbook in the bundle is damaged or invalid ({detail}). Refused.",
    ),
    "sync.xlsx.too_many_parts": (
        "Lembar kerja berisi terlalu banyak bagian ({count}). Paket ditolak.",
        "The workbook has too many parts ({count}). Refused.",
    ),
    "sync.xlsx.duplicate_part": (
        "Lembar kerja berisi bagian ganda. Paket ditolak demi keamanan.",
        "The workbook has a duplicated part. Refused for safety.",
    ),
    "sync.xlsx.unexpected_parts": (
        "Lembar kerja tidak berbentuk seperti buatan Buku Migran Desa (bagian: {parts}). "
        "Paket ditolak.",
        "The workbook is not shaped as Buku Migran Desa writes it (parts: {parts}). Refused.",
    ),
    "sync.xlsx.too_large": (
        "Lembar kerja terlalu besar setelah dibuka ({size} bita). Paket ditolak.",
        "The workbook is too large once unpacked ({size} bytes). Refused.",
    ),
    "sync.xlsx.bomb": (
        "Bagian {part} dari lembar kerja mengembang tidak wajar (bom zip). Paket ditolak.",
        "Workbook part {part} expands abnormally (zip bomb). Refused.",
    ),
    "sync.xlsx.entities": (
        "Lembar kerja memuat deklarasi XML (DOCTYPE/ENTITY) di {part} yang bisa dipakai untuk "
        "serangan. Paket ditolak demi keamanan.",
        "The workbook holds XML declarations (DOCTYPE/ENTITY) in {part} that can be used for "
        "attacks. Refused for safety.",
    ),
    "sync.xlsx.too_many_rows": (
        "Lembar {part} mengaku berisi lebih dari {maximum} baris. Paket ditolak.",
        "Sheet {part} claims more than {maximum} rows. Refused.",
    ),
    "sync.xlsx.bad_sheets": (
        "Lembar-lembar di dalam paket tidak sesuai format (ditemukan: {found}). Paket ditolak.",
        "The sheets in the bundle do not match the format (found: {found}). Refused.",
    ),
    "sync.xlsx.bad_header": (
        "Judul kolom lembar {sheet} tidak sesuai format. Paket ditolak.",
        "The column headers of sheet {sheet} do not match the format. Refused.",
    ),
    # -- rows -----------------------------------------------------------------------------
    "sync.row.required": ("Wajib diisi, tetapi kosong.", "Required, but empty."),
    "sync.row.bad_id": (
        "Kode ID tidak sah (harus 32 huruf/angka heksadesimal).",
        "Invalid ID (must be 32 hexadecimal characters).",
    ),
    "sync.row.bad_nik": (
        "Nomor {value} bukan 16 angka.",
        "The number {value} is not 16 digits.",
    ),
    "sync.row.number_not_text": (
        "Tertulis sebagai angka, padahal harus teks (angka panjang seperti NIK rusak bila "
        "disimpan sebagai angka).",
        "Stored as a number but must be text (long numbers such as a NIK break as numbers).",
    ),
    "sync.row.date_not_text": ("Tertulis sebagai tanggal, padahal harus teks.",
                               "Stored as a date but must be text."),
    "sync.row.bad_value": ("Isian tidak dapat dibaca.", "The value cannot be read."),
    "sync.row.too_long": (
        "Terlalu panjang ({length} karakter, paling banyak {maximum}).",
        "Too long ({length} characters, at most {maximum}).",
    ),
    "sync.row.bad_choice": (
        "Isian '{value}' tidak dikenal (pilihan: {choices}).",
        "Unknown value '{value}' (choices: {choices}).",
    ),
    "sync.row.bad_date": (
        "Bukan tanggal yang sah (harus sel tanggal atau teks dd/mm/yyyy).",
        "Not a valid date (a date cell or dd/mm/yyyy text).",
    ),
    "sync.row.bad_stamp": (
        "Cap waktu tidak sah (harus YYYY-MM-DD HH:MM:SS.ffffff).",
        "Invalid timestamp (must be YYYY-MM-DD HH:MM:SS.ffffff).",
    ),
    "sync.row.bad_int": ("Bukan bilangan bulat yang sah.", "Not a valid whole number."),
    "sync.row.bad_bool": ("Harus 'ya' atau 'tidak'.", "Must be 'ya' or 'tidak'."),
    "sync.row.other_village": (
        "Baris ini milik kantor {found}, bukan desa {village} pengirim paket.",
        "This row belongs to office {found}, not to the sending village {village}.",
    ),
    "sync.row.duplicate_id": (
        "ID yang sama muncul dua kali di lembar ini.",
        "The same ID appears twice in this sheet.",
    ),
    "sync.row.missing_parent": (
        "Merujuk ke baris di lembar {parent} yang tidak ada di paket maupun di data P4MI "
        "untuk desa ini (atau baris itu ditolak).",
        "Refers to a row of sheet {parent} that is neither in the bundle nor held by P4MI for "
        "this village (or that row was rejected).",
    ),
    # -- import ---------------------------------------------------------------------------
    "sync.import.concurrent": (
        "Kunci desa {village} baru saja dicatat atau diganti oleh petugas lain selama impor ini. "
        "Tidak ada yang berubah; impor paket ini sekali lagi.",
        "The key of village {village} was just recorded or changed by another clerk during "
        "this import. Nothing changed; import this bundle once more.",
    ),
    "sync.import.not_hub": (
        "Folder data ini bukan folder P4MI. Paket hanya dapat diimpor di folder P4MI "
        "(buat dengan: python -m app init --p4mi KODE).",
        "This data folder is not a P4MI folder. Bundles are imported into a P4MI folder "
        "(create one with: python -m app init --p4mi CODE).",
    ),
    "sync.import.row_errors": (
        "Paket ditolak: {rows} baris berisi kesalahan, tidak ada yang diubah. Perbaiki di desa, "
        "atau impor hanya baris yang benar (--valid-rows-only); baris yang ditolak dicantumkan "
        "di tanda terima.",
        "Bundle refused: {rows} row(s) have errors; nothing changed. Fix them in the village, "
        "or import only the valid rows (--valid-rows-only); rejected rows go into the receipt.",
    ),
    "sync.key.unconfirmed": (
        "Paket pertama dari desa {village}. Pastikan kode kuncinya {fingerprint} sama "
        "dengan yang dibacakan operator desa (menu Paket P4MI), lalu impor lagi dengan "
        "--confirm-key {fingerprint}.",
        "First bundle from village {village}. Check that its key fingerprint {fingerprint} "
        "matches what the village operator reads out, then import again with --confirm-key "
        "{fingerprint}.",
    ),
    "sync.key.mismatch": (
        "Paket desa {village} ditandatangani kunci lain ({found}) daripada kunci yang tercatat "
        "({known}). Paket ditolak. Bila desa memakai laptop baru atau memasang ulang aplikasi, "
        "lakukan 'Ganti kunci desa' setelah memastikan kode kuncinya.",
        "The bundle of village {village} is signed by another key ({found}) than the one on "
        "record ({known}). Refused. If the village has a new laptop or reinstalled, use "
        "'Replace village key' after checking its fingerprint.",
    ),
    "sync.key.write_failed": (
        "Berkas kunci {path} tidak bisa ditulis: {detail}. Berkas kunci lama (kalau ada) tidak "
        "berubah.",
        "The key file {path} could not be written: {detail}. The old key file (if any) is "
        "unchanged.",
    ),
    "sync.key.bad_file": (
        "Berkas kunci tidak sah ({detail}).", "Invalid key file ({detail}).",
    ),
    "sync.key.passphrase_short": (
        "Kata sandi terlalu pendek (paling sedikit {minimum} karakter).",
        "The passphrase is too short (at least {minimum} characters).",
    ),
    "sync.key.wrong_passphrase": (
        "Kata sandi salah, atau berkas cadangan kunci rusak.",
        "Wrong passphrase, or the key backup file is damaged.",
    ),
    "sync.key.replaced": (
        "Kunci desa {village} diganti: {old} menjadi {new}.",
        "Key of village {village} replaced: {old} became {new}.",
    ),
    "sync.key.no_reason": (
        "Tuliskan alasan penggantian kunci (misalnya: laptop baru).",
        "Give a reason for replacing the key (for example: new laptop).",
    ),
    # -- export ---------------------------------------------------------------------------
    "sync.export.not_village": (
        "Paket hanya dapat dibuat di folder data desa.",
        "Bundles can only be made in a village data folder.",
    ),
    "sync.export.too_large": (
        "Paket tidak dibuat: isinya {size_mb} MB, sedangkan satu paket paling besar "
        "{maximum_mb} MB (P4MI akan menolaknya). Tidak ada yang berubah; hubungi petugas P4MI.",
        "No bundle made: its content is {size_mb} MB and one bundle holds at most "
        "{maximum_mb} MB (P4MI would refuse it). Nothing changed; contact the P4MI staff.",
    ),
    "sync.export.too_many_rows": (
        "Paket tidak dibuat: data yang harus dikirim berjumlah {rows} baris, sedangkan satu "
        "paket paling banyak {maximum} baris (P4MI akan menolaknya). Tidak ada yang berubah; "
        "hubungi petugas P4MI.",
        "No bundle made: the data to send is {rows} rows, and one bundle holds at most "
        "{maximum} (P4MI would refuse it). Nothing changed; contact the P4MI clerk.",
    ),
    "sync.export.write_failed": (
        "Paket tidak dapat disimpan di {path} ({detail}). Periksa flashdisk (penuh atau "
        "terkunci?) lalu coba lagi; tidak ada yang hilang.",
        "The bundle cannot be saved at {path} ({detail}). Check the USB stick (full or "
        "write-protected?) and try again; nothing is lost.",
    ),
    # -- receipts -------------------------------------------------------------------------
    "sync.receipt.bad": (
        "Berkas tanda terima tidak sah ({detail}).", "Invalid receipt file ({detail}).",
    ),
    "sync.receipt.bad_signature": (
        "Tanda tangan tanda terima tidak cocok; berkas telah diubah. Ditolak.",
        "The receipt signature does not match; the file was changed. Refused.",
    ),
    "sync.receipt.not_village": (
        "Tanda terima hanya dapat diimpor di folder data desa.",
        "Receipts can only be imported into a village data folder.",
    ),
    "sync.receipt.other_village": (
        "Tanda terima ini untuk desa {village}, bukan desa ini ({own}). Ditolak.",
        "This receipt is for village {village}, not this one ({own}). Refused.",
    ),
    "sync.receipt.unconfirmed_key": (
        "Kunci P4MI belum dipasang di desa ini. Pastikan kode kunci {fingerprint} sama dengan "
        "yang dibacakan petugas P4MI, lalu impor lagi dengan --confirm-key {fingerprint}.",
        "No P4MI key is installed in this village yet. Check that the fingerprint "
        "{fingerprint} matches what the P4MI clerk reads out, then import again with "
        "--confirm-key {fingerprint}.",
    ),
    "sync.receipt.wrong_key": (
        "Tanda terima ditandatangani kunci {found}, bukan kunci P4MI yang terpasang "
        "({expected}). Ditolak.",
        "The receipt is signed by key {found}, not by the installed P4MI key ({expected}). "
        "Refused.",
    ),
    "sync.receipt.unknown_village": (
        "Belum pernah ada paket dari desa {village}, jadi belum ada tanda terima untuknya.",
        "No bundle has come from village {village} yet, so there is no receipt for it.",
    ),
    # -- practice mode (Mode latihan) ---------------------------------------------------
    "sync.bundle.practice": (
        "Paket ini dibuat dalam MODE LATIHAN (data contoh untuk berlatih), bukan data desa "
        "yang sebenarnya. Paket latihan tidak pernah diimpor ke data P4MI. Minta desa membuat "
        "paket dari aplikasi biasa, bukan dari mode latihan.",
        "This bundle was made in PRACTICE MODE (sample data for training), not from the "
        "village's real register. Practice bundles are never imported into P4MI data. Ask the "
        "village to make the bundle in the normal application, not in practice mode.",
    ),
    "sync.bundle.not_practice": (
        "Folder P4MI ini folder LATIHAN; paket desa yang sebenarnya tidak diimpor di sini. "
        "Impor paket ini di folder P4MI yang sebenarnya.",
        "This P4MI folder is a PRACTICE folder; real village bundles are not imported here. "
        "Import this bundle in the real P4MI folder.",
    ),
    "sync.receipt.practice": (
        "Tanda terima ini dibuat oleh P4MI dalam MODE LATIHAN dan tidak berlaku untuk data "
        "desa yang sebenarnya. Ditolak.",
        "This receipt was made by a P4MI in PRACTICE MODE and does not apply to the real "
        "village register. Refused.",
    ),
    "sync.receipt.not_practice": (
        "Folder desa ini folder LATIHAN; tanda terima P4MI yang sebenarnya tidak diimpor di "
        "sini. Ditolak.",
        "This village folder is a PRACTICE folder; real P4MI receipts are not imported here. "
        "Refused.",
    ),
    # -- training-event provisioning (paket pelatihan, .bmdp) ----------------------------
    "sync.provision.unreadable": (
        "Berkas paket pelatihan {path} tidak dapat dibaca ({detail}). Periksa flashdisk atau "
        "salin ulang berkasnya.",
        "The training package {path} cannot be read ({detail}). Check the USB stick or copy "
        "the file again.",
    ),
    "sync.provision.too_large": (
        "Berkas terlalu besar untuk sebuah paket pelatihan ({size} bita, paling besar "
        "{maximum}). Berkas ditolak; minta paket pelatihan yang benar dari P4MI.",
        "The file is too large for a training package ({size} bytes, at most {maximum}). "
        "Refused; ask P4MI for the right training package.",
    ),
    "sync.provision.damaged": (
        "Paket pelatihan rusak atau terpotong (bagian {detail}). Berkas ditolak; salin ulang "
        "dari P4MI atau pelatih.",
        "The training package is damaged or truncated (at {detail}). Refused; copy it again "
        "from P4MI or the trainer.",
    ),
    "sync.provision.not_provisioning": (
        "Berkas ini bukan paket pelatihan Buku Migran Desa (.bmdp). Berkas ditolak.",
        "This file is not a Buku Migran Desa training package (.bmdp). Refused.",
    ),
    "sync.provision.bad_version": (
        "Versi format paket pelatihan tidak dikenal ({version}). Berkas ditolak.",
        "Unknown training package format version ({version}). Refused.",
    ),
    "sync.provision.future_version": (
        "Paket pelatihan dibuat dengan format versi {version}, sedangkan aplikasi ini baru "
        "mengenal versi {supported}. Pasang aplikasi versi terbaru dari pelatih, lalu coba "
        "lagi.",
        "The training package uses format version {version}; this application knows up to "
        "{supported}. Install the newest application from the trainer, then try again.",
    ),
    "sync.provision.bad_signature": (
        "Tanda tangan paket pelatihan tidak cocok: berkas telah diubah setelah dibuat P4MI. "
        "Berkas ditolak; minta paket pelatihan yang asli dari P4MI.",
        "The training package signature does not match: the file was changed after P4MI made "
        "it. Refused; ask P4MI for the original training package.",
    ),
    "sync.provision.key_mismatch": (
        "Kunci P4MI di dalam paket pelatihan tidak sesuai kode kunci yang tertulis "
        "(kunci {fingerprint}). Berkas ditolak demi keamanan.",
        "The P4MI key in the training package does not match the fingerprint written in it "
        "(key {fingerprint}). Refused for safety.",
    ),
    "sync.provision.unexpected_key": (
        "Kode kunci P4MI di paket pelatihan ({fingerprint}) berbeda dengan yang "
        "dibacakan P4MI ({expected}). Berkas ditolak; tanyakan ke P4MI.",
        "The P4MI key fingerprint in the training package ({fingerprint}) differs from the "
        "one P4MI read out ({expected}). Refused; ask P4MI.",
    ),
    "sync.provision.not_hub": (
        "Paket pelatihan hanya dapat dibuat di folder data P4MI.",
        "Training packages can only be made in a P4MI data folder.",
    ),
    "sync.provision.practice": (
        "Folder ini folder LATIHAN; paket pelatihan hanya dibuat dari folder P4MI yang "
        "sebenarnya agar desa mengirim data ke P4MI yang benar.",
        "This is a PRACTICE folder; training packages are only made from the real P4MI folder "
        "so villages send their data to the right P4MI.",
    ),
    "sync.provision.not_village": (
        "Paket pelatihan hanya dapat dipasang di folder data desa.",
        "A training package can only be applied to a village data folder.",
    ),
    "sync.provision.other_regency": (
        "Desa {village} tidak termasuk wilayah paket pelatihan ini ({regency}). Berkas "
        "ditolak; pakai paket pelatihan kabupaten desa Anda.",
        "Village {village} is not in the area of this training package ({regency}). Refused; "
        "use the training package of your village's regency.",
    ),
    "sync.provision.other_key": (
        "Desa ini sudah memasang kunci P4MI lain ({installed}); paket pelatihan membawa kunci "
        "{found}. Tidak ada yang diubah. Tanyakan ke P4MI kunci mana yang benar.",
        "This village already has another P4MI key installed ({installed}); the training "
        "package carries {found}. Nothing changed. Ask P4MI which key is right.",
    ),
    "sync.provision.write_failed": (
        "Paket pelatihan tidak dapat disimpan di {path} ({detail}). Periksa flashdisk (penuh "
        "atau terkunci?) lalu coba lagi.",
        "The training package cannot be saved at {path} ({detail}). Check the USB stick "
        "(full or write-protected?) and try again.",
    ),
    # -- warnings -------------------------------------------------------------------------
    "sync.warn.plain": (
        "Paket tidak terenkripsi: data pribadi terbaca oleh siapa pun yang memegang berkasnya.",
        "The bundle is not encrypted: anyone holding the file can read the personal data.",
    ),
    "sync.warn.plain_export": (
        "Kunci publik P4MI belum dipasang, jadi paket TIDAK terenkripsi. Pasang kunci P4MI "
        "(python -m sync keys set-p4mi BERKAS) agar data pribadi terlindungi (UU 27/2022).",
        "No P4MI public key is installed, so the bundle is NOT encrypted. Install the P4MI key "
        "(python -m sync keys set-p4mi FILE) to protect personal data (UU 27/2022).",
    ),
    "sync.warn.renamed": (
        "Nama berkas tidak berpola paket (mungkin diganti nama); isinya tetap diperiksa.",
        "The file name does not follow the bundle pattern (renamed?); its content is checked.",
    ),
    "sync.warn.new_key": (
        "Desa ini baru pertama kali mengirim paket. Kode kuncinya: {fingerprint}.",
        "First bundle from this village. Its key fingerprint: {fingerprint}.",
    ),
    "sync.warn.gap": (
        "Nomor urut paket yang belum diterima dari desa ini: {missing}. Impor tetap berjalan; "
        "paket berikutnya dari desa membawa ulang perubahannya.",
        "Sequence numbers not yet received from this village: {missing}. The import goes on; "
        "the village's next bundle carries those changes again.",
    ),
    "sync.warn.older_bundle": (
        "Paket ini lebih lama daripada paket terbaru yang sudah diterima (nomor {newest}); "
        "data yang lebih baru tidak akan ditimpa.",
        "This bundle is older than the newest already received (number {newest}); newer data "
        "is not overwritten.",
    ),
    "sync.warn.base_ahead": (
        "Desa mengira P4MI sudah memegang data yang tidak ada di sini (data P4MI dipulihkan "
        "dari cadangan lama?). Minta desa mengirim paket lengkap (--full).",
        "The village believes P4MI holds data that is not here (P4MI restored from an old "
        "backup?). Ask the village for a full bundle (--full).",
    ),
    # -- hostile bundles and sequence numbers (issue 17) ------------------------------------
    "sync.xlsx.bad_cell": (
        "Lembar {sheet}, baris {row}, kolom {column}: sel ini tidak berbentuk seperti yang "
        "ditulis Buku Migran Desa (misalnya angka tak terhingga atau sel di luar kolom). Paket "
        "ditolak.",
        "Sheet {sheet}, row {row}, column {column}: this cell is not shaped as Buku Migran "
        "Desa writes it (for example an infinite number or a cell outside the columns). "
        "Refused.",
    ),
    "sync.xlsx.formula_cell": (
        "Lembar {sheet}, baris {row}, kolom {column}: sel berisi rumus. Paket dari desa tidak "
        "pernah berisi rumus. Paket ditolak.",
        "Sheet {sheet}, row {row}, column {column}: the cell holds a formula. Village bundles "
        "never hold formulas. Refused.",
    ),
    "sync.xlsx.error_cell": (
        "Lembar {sheet}, baris {row}, kolom {column}: sel berisi galat (#N/A, #REF!...). "
        "Paket ditolak.",
        "Sheet {sheet}, row {row}, column {column}: the cell holds an error value (#N/A, "
        "#REF!...). Refused.",
    ),
    "sync.xlsx.shared_string": (
        "Lembar {sheet}, baris {row}, kolom {column}: sel memakai teks bersama, yang tidak "
        "pernah ditulis Buku Migran Desa. Paket ditolak.",
        "Sheet {sheet}, row {row}, column {column}: the cell uses a shared string, which Buku "
        "Migran Desa never writes. Refused.",
    ),
    "sync.xlsx.bad_layout": (
        "Lembar {sheet} tidak tersusun seperti buatan Buku Migran Desa (awal, akhir atau "
        "ukuran lembar tidak sesuai). Paket ditolak.",
        "Sheet {sheet} is not laid out as Buku Migran Desa writes it (start, end or size do not "
        "match). Refused.",
    ),
    "sync.xlsx.foreign_part": (
        "Bagian {part} dari lembar kerja tidak sama dengan yang ditulis Buku Migran Desa. "
        "Paket ditolak demi keamanan.",
        "Workbook part {part} differs from what Buku Migran Desa writes. Refused for safety.",
    ),
    "sync.xlsx.cell_too_large": (
        "Lembar {sheet}, baris {row}: isi sel terlalu panjang (lebih dari {maximum} bita). "
        "Paket ditolak.",
        "Sheet {sheet}, row {row}: a cell is too long (more than {maximum} bytes). Refused.",
    ),
    "sync.xlsx.bad_row_number": (
        "Lembar {sheet}: nomor baris tidak berurutan sejak baris {row}. Paket ditolak.",
        "Sheet {sheet}: row numbers are out of order from row {row}. Refused.",
    ),
    "sync.row.control_char": (
        "Berisi karakter kendali atau pembalik arah teks yang tidak terlihat ({char}).",
        "Holds an invisible control or text-direction character ({char}).",
    ),
    "sync.bundle.sequence_jump": (
        "Nomor urut paket {sequence} melompat terlalu jauh (nomor terbaru yang diterima "
        "{newest}, lompatan paling besar {maximum}). Paket ditolak; hubungi operator desa.",
        "Bundle sequence number {sequence} jumps too far (newest received {newest}, largest "
        "jump {maximum}). Refused; contact the village operator.",
    ),
    "sync.bundle.counter_jump": (
        "Penghitung perubahan {counter} di manifest melompat terlalu jauh dari data paket dan "
        "dari yang tercatat di P4MI ({held}). Paket ditolak; hubungi operator desa.",
        "Change counter {counter} in the manifest jumps too far from the bundle's data and "
        "from what P4MI holds ({held}). Refused; contact the village operator.",
    ),
    "sync.bundle.sequence_reused": (
        "Nomor urut {sequence} dari desa ini sudah dipakai paket lain yang isinya berbeda "
        "({file}). Paket ditolak; hubungi operator desa.",
        "Sequence number {sequence} of this village was already used by another bundle with "
        "different content ({file}). Refused; contact the village operator.",
    ),
    "sync.export.exists": (
        "Berkas {path} sudah ada; paket lama tidak akan ditimpa. Nomor urut berikutnya dipakai; "
        "coba lagi.",
        "The file {path} already exists; an existing bundle is never overwritten. Try again; "
        "the next sequence number is used.",
    ),
    "sync.warn.export_recovered": (
        "Ekspor sebelumnya yang terputus (listrik padam?) ternyata sudah tersimpan utuh di "
        "flashdisk dan kini dicatat selesai.",
        "An earlier export that was cut short (power cut?) turned out to be saved whole on "
        "the USB stick and is now recorded as finished.",
    ),
    "sync.warn.export_released": (
        "Ekspor sebelumnya yang terputus (listrik padam?) tidak menghasilkan paket; nomor "
        "urutnya dilepas dan P4MI diberi tahu lewat paket berikutnya, sehingga tidak menunggu "
        "paket itu.",
        "An earlier export that was cut short (power cut?) left no bundle; its sequence number "
        "is released and P4MI is told so in the next bundle, so it does not wait for it.",
    ),
    "sync.warn.released": (
        "Desa melepas nomor urut {numbers} (ekspor yang terputus tanpa paket); nomor itu tidak "
        "akan datang.",
        "The village released sequence numbers {numbers} (exports interrupted without a "
        "bundle); they will not arrive.",
    ),
    "sync.import.archive_failed": (
        "Salinan paket tidak dapat disimpan di {path} ({detail}). Impor dibatalkan, tidak ada "
        "yang berubah. Periksa ruang disk lalu coba lagi.",
        "The copy of the bundle cannot be saved at {path} ({detail}). The import is cancelled, "
        "nothing changed. Check the disk space and try again.",
    ),
}


# The bundle's and the recap's sheet names (fixed by the file format, Indonesian) as a reader
# sees them in a progress step (``section``): app.core.messages.labels merges this table.
LABELS: dict[str, tuple[str, str]] = {
    "Penduduk": ("Penduduk", "Residents"),
    "Keluarga": ("Keluarga", "Family"),
    "Penempatan": ("Penempatan", "Placements"),
    "Kontak": ("Kontak", "Contacts"),
    "Kasus": ("Kasus", "Cases"),
    "Tindak Lanjut Kasus": ("Tindak Lanjut Kasus", "Case follow-ups"),
    "Kegiatan": ("Kegiatan", "Activities"),
    "Peserta Kegiatan": ("Peserta Kegiatan", "Activity participants"),
    "Surat": ("Surat", "Letters"),
    "Tanda Bahaya": ("Tanda Bahaya", "Red flags"),
    "Calon PMI": ("Calon PMI", "Prospective migrant workers (CPMI)"),
    "PMI": ("PMI", "Migrant workers (PMI)"),
    "Purna PMI": ("Purna PMI", "Returned migrant workers"),
}
