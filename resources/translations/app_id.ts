<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="id" sourcelanguage="en">
<context>
    <name>ActivitiesView</name>
    <message>
        <source>All kinds</source>
        <translation>Semua jenis</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>&amp;Cari</translation>
    </message>
    <message>
        <source>Title or place</source>
        <translation>Judul atau tempat</translation>
    </message>
    <message>
        <source>All years</source>
        <translation>Semua tahun</translation>
    </message>
    <message>
        <source>&amp;New activity...</source>
        <translation>Kegiatan &amp;baru...</translation>
    </message>
    <message>
        <source>&amp;Change...</source>
        <translation>&amp;Ubah...</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Hapus</translation>
    </message>
    <message>
        <source>&amp;Add participants...</source>
        <translation>&amp;Tambah peserta...</translation>
    </message>
    <message>
        <source>&amp;Remove from list</source>
        <translation>&amp;Keluarkan dari daftar</translation>
    </message>
    <message>
        <source>Open &amp;person</source>
        <translation>Buka data &amp;orang</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Tanggal</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Jenis</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Judul</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Tempat</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>Peserta</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nama</translation>
    </message>
    <message>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <source>Dusun</source>
        <translation>Dusun</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Choose an activity to see its participants.</source>
        <translation>Pilih kegiatan untuk melihat pesertanya.</translation>
    </message>
    <message>
        <source>{title}, {date}: {n} participants</source>
        <translation>{title}, {date}: {n} peserta</translation>
    </message>
    <message>
        <source>Prospective PMI</source>
        <translation>Calon PMI</translation>
    </message>
    <message>
        <source>PMI abroad</source>
        <translation>PMI di luar negeri</translation>
    </message>
    <message>
        <source>Returned PMI</source>
        <translation>Purna PMI</translation>
    </message>
    <message>
        <source>Not a migrant</source>
        <translation>Bukan pekerja migran</translation>
    </message>
    <message>
        <source>not in the register</source>
        <translation>tidak tercatat sebagai penduduk</translation>
    </message>
    <message>
        <source>Delete the activity “{title}” and its list of participants?</source>
        <translation>Hapus kegiatan “{title}” beserta daftar pesertanya?</translation>
    </message>
    <message>
        <source>Remove {n} participant(s) from the list?</source>
        <translation>Keluarkan {n} peserta dari daftar?</translation>
    </message>
    <message>
        <source>Please confirm</source>
        <translation>Mohon konfirmasi</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Ya</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Tidak</translation>
    </message>
</context>
<context>
    <name>ActivityDialog</name>
    <message>
        <source>(choose the kind)</source>
        <translation>(pilih jenis kegiatan)</translation>
    </message>
    <message>
        <source>Village hall</source>
        <translation>Balai Desa</translation>
    </message>
    <message>
        <source>Village government</source>
        <translation>Pemerintah Desa</translation>
    </message>
    <message>
        <source>Change activity</source>
        <translation>Ubah kegiatan</translation>
    </message>
    <message>
        <source>New activity</source>
        <translation>Kegiatan baru</translation>
    </message>
    <message>
        <source>&amp;Kind</source>
        <translation>&amp;Jenis</translation>
    </message>
    <message>
        <source>&amp;Title</source>
        <translation>J&amp;udul</translation>
    </message>
    <message>
        <source>&amp;Date</source>
        <translation>&amp;Tanggal</translation>
    </message>
    <message>
        <source>&amp;Place</source>
        <translation>Te&amp;mpat</translation>
    </message>
    <message>
        <source>&amp;Organised by</source>
        <translation>&amp;Penyelenggara</translation>
    </message>
    <message>
        <source>&amp;Notes</source>
        <translation>&amp;Catatan</translation>
    </message>
    <message>
        <source>e.g. Safe migration information session</source>
        <translation>mis. Sosialisasi migrasi aman</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Simpan</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
</context>
<context>
    <name>AuditDialog</name>
    <message>
        <source>record added</source>
        <translation>data ditambahkan</translation>
    </message>
    <message>
        <source>record changed</source>
        <translation>data diubah</translation>
    </message>
    <message>
        <source>record deleted</source>
        <translation>data dihapus</translation>
    </message>
    <message>
        <source>signed in</source>
        <translation>masuk (login)</translation>
    </message>
    <message>
        <source>wrong PIN</source>
        <translation>PIN salah</translation>
    </message>
    <message>
        <source>PIN changed</source>
        <translation>PIN diganti</translation>
    </message>
    <message>
        <source>PIN reset from the command line</source>
        <translation>PIN diatur ulang lewat baris perintah</translation>
    </message>
    <message>
        <source>operator added</source>
        <translation>operator ditambahkan</translation>
    </message>
    <message>
        <source>operator deactivated</source>
        <translation>operator dinonaktifkan</translation>
    </message>
    <message>
        <source>backup made</source>
        <translation>cadangan dibuat</translation>
    </message>
    <message>
        <source>database restored</source>
        <translation>database dipulihkan</translation>
    </message>
    <message>
        <source>restore undone</source>
        <translation>pemulihan dibatalkan</translation>
    </message>
    <message>
        <source>P4MI bundle saved</source>
        <translation>paket P4MI disimpan</translation>
    </message>
    <message>
        <source>bundle imported</source>
        <translation>paket diimpor</translation>
    </message>
    <message>
        <source>receipt made</source>
        <translation>tanda terima dibuat</translation>
    </message>
    <message>
        <source>receipt read</source>
        <translation>tanda terima dibaca</translation>
    </message>
    <message>
        <source>recap saved</source>
        <translation>rekap disimpan</translation>
    </message>
    <message>
        <source>public statistics saved</source>
        <translation>statistik publik disimpan</translation>
    </message>
    <message>
        <source>audit log exported</source>
        <translation>log audit diekspor</translation>
    </message>
    <message>
        <source>printed</source>
        <translation>dicetak</translation>
    </message>
    <message>
        <source>confidential case opened</source>
        <translation>kasus rahasia dibuka</translation>
    </message>
    <message>
        <source>confidential case list shown</source>
        <translation>daftar kasus rahasia ditampilkan</translation>
    </message>
    <message>
        <source>confidential case history shown</source>
        <translation>riwayat kasus rahasia ditampilkan</translation>
    </message>
    <message>
        <source>village key trusted</source>
        <translation>kunci desa dipercaya</translation>
    </message>
    <message>
        <source>village key replaced</source>
        <translation>kunci desa diganti</translation>
    </message>
    <message>
        <source>P4MI key set</source>
        <translation>kunci P4MI dipasang</translation>
    </message>
    <message>
        <source>duplicate NIK checked</source>
        <translation>NIK ganda diperiksa</translation>
    </message>
    <message>
        <source>Changes to records</source>
        <translation>Perubahan data</translation>
    </message>
    <message>
        <source>Sign-in, PINs and operators</source>
        <translation>Login, PIN dan operator</translation>
    </message>
    <message>
        <source>Exports, imports and printing</source>
        <translation>Ekspor, impor dan cetak</translation>
    </message>
    <message>
        <source>Backups and restores</source>
        <translation>Cadangan dan pemulihan</translation>
    </message>
    <message>
        <source>{what} (details confidential)</source>
        <translation>{what} (rincian rahasia)</translation>
    </message>
    <message>
        <source>Change history (audit log)</source>
        <translation>Riwayat perubahan (log audit)</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>&amp;Dari</translation>
    </message>
    <message>
        <source>&amp;To</source>
        <translation>&amp;Sampai</translation>
    </message>
    <message>
        <source>&amp;Kind</source>
        <translation>&amp;Jenis</translation>
    </message>
    <message>
        <source>&amp;Operator</source>
        <translation>&amp;Petugas</translation>
    </message>
    <message>
        <source>&amp;Export to CSV/Excel...</source>
        <translation>&amp;Ekspor ke CSV/Excel...</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Waktu</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Petugas</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Tindakan</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Keterangan</translation>
    </message>
    <message>
        <source>Everything</source>
        <translation>Semua</translation>
    </message>
    <message>
        <source>All operators</source>
        <translation>Semua petugas</translation>
    </message>
    <message>
        <source>Showing the newest {n} entries. Choose a shorter period to see older ones.</source>
        <translation>Menampilkan {n} catatan terbaru. Pilih jangka waktu yang lebih pendek untuk melihat yang lebih lama.</translation>
    </message>
    <message>
        <source>{n} entries. Times are this computer&apos;s time. Values of deleted persons are erased.</source>
        <translation>{n} catatan. Waktu menurut jam komputer ini. Isian orang yang sudah dihapus tidak ditampilkan lagi.</translation>
    </message>
    <message>
        <source>Save the audit log</source>
        <translation>Simpan log audit</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV for Excel (*.csv)</source>
        <translation>Buku kerja Excel (*.xlsx);;CSV untuk Excel (*.csv)</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Tersimpan</translation>
    </message>
    <message>
        <source>The audit log was saved to {path}.</source>
        <translation>Log audit disimpan di {path}.</translation>
    </message>
</context>
<context>
    <name>BundleCommon</name>
    <message>
        <source>Something unexpected went wrong. Nothing was changed.</source>
        <translation>Terjadi kesalahan tak terduga. Tidak ada yang diubah.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
</context>
<context>
    <name>BundleView</name>
    <message>
        <source>P4MI bundle</source>
        <translation>Paket P4MI</translation>
    </message>
    <message>
        <source>Once a month, save a bundle to a USB stick or folder and take it to P4MI (or send the file). P4MI answers with a receipt file: import it here so this page knows what P4MI already holds. Nothing is deleted from this computer when you send.</source>
        <translation>Sebulan sekali, simpan paket ke flashdisk atau folder lalu bawa ke P4MI (atau kirim berkasnya). P4MI membalas dengan berkas tanda terima: impor di sini agar halaman ini tahu apa yang sudah dipegang P4MI. Tidak ada data yang dihapus dari komputer ini saat mengirim.</translation>
    </message>
    <message>
        <source>Save a bundle for P4MI</source>
        <translation>Simpan paket untuk P4MI</translation>
    </message>
    <message>
        <source>Changes not yet confirmed by a P4MI receipt (usual, every month)</source>
        <translation>Perubahan yang belum dikonfirmasi tanda terima P4MI (biasa, tiap bulan)</translation>
    </message>
    <message>
        <source>Everything (full bundle: the first time, or when P4MI asks for it)</source>
        <translation>Semua data (paket lengkap: pertama kali, atau bila diminta P4MI)</translation>
    </message>
    <message>
        <source>Save bundle to folder or USB stick…</source>
        <translation>Simpan paket ke folder atau flashdisk…</translation>
    </message>
    <message>
        <source>What P4MI has received</source>
        <translation>Yang sudah diterima P4MI</translation>
    </message>
    <message>
        <source>Latest receipt:</source>
        <translation>Tanda terima terakhir:</translation>
    </message>
    <message>
        <source>Confirmed by P4MI up to:</source>
        <translation>Dikonfirmasi P4MI sampai:</translation>
    </message>
    <message>
        <source>Latest bundle saved:</source>
        <translation>Paket terakhir disimpan:</translation>
    </message>
    <message>
        <source>Still to send:</source>
        <translation>Masih perlu dikirim:</translation>
    </message>
    <message>
        <source>Import P4MI receipt…</source>
        <translation>Impor tanda terima P4MI…</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Kunci</translation>
    </message>
    <message>
        <source>Fingerprint of this computer:</source>
        <translation>Kode kunci komputer ini:</translation>
    </message>
    <message>
        <source>P4MI key:</source>
        <translation>Kunci P4MI:</translation>
    </message>
    <message>
        <source>Read the fingerprint of this computer to the P4MI clerk by phone when P4MI asks: it proves that the bundle comes from this village. The village head installs the P4MI key file (from P4MI or the training) so that bundles are encrypted.</source>
        <translation>Bacakan kode kunci komputer ini kepada petugas P4MI lewat telepon bila diminta: itu membuktikan paket berasal dari desa ini. Kepala desa memasang berkas kunci P4MI (dari P4MI atau saat pelatihan) agar paket dienkripsi.</translation>
    </message>
    <message>
        <source>Install P4MI key from file…</source>
        <translation>Pasang kunci P4MI dari berkas…</translation>
    </message>
    <message>
        <source>Bundles saved</source>
        <translation>Paket yang sudah disimpan</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>Nomor</translation>
    </message>
    <message>
        <source>Saved on</source>
        <translation>Disimpan</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Jenis</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>Baris</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Berkas</translation>
    </message>
    <message>
        <source>received by P4MI</source>
        <translation>diterima P4MI</translation>
    </message>
    <message>
        <source>full</source>
        <translation>lengkap</translation>
    </message>
    <message>
        <source>changes</source>
        <translation>perubahan</translation>
    </message>
    <message>
        <source>saved</source>
        <translation>tersimpan</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>gagal</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>terputus</translation>
    </message>
    <message>
        <source>The bundle will be encrypted to the P4MI key {fingerprint}: only P4MI can read it.</source>
        <translation>Paket akan dienkripsi untuk kunci P4MI {fingerprint}: hanya P4MI yang dapat membacanya.</translation>
    </message>
    <message>
        <source>not installed</source>
        <translation>belum dipasang</translation>
    </message>
    <message>
        <source>Warning: the P4MI key is not installed, so the bundle will NOT be encrypted. Anyone who gets the file can read the personal data (UU 27/2022). Install the P4MI key below first if you can.</source>
        <translation>Perhatian: kunci P4MI belum dipasang, jadi paket TIDAK terenkripsi. Siapa pun yang memegang berkasnya dapat membaca data pribadi (UU 27/2022). Bila bisa, pasang dulu kunci P4MI di bawah.</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>belum ada</translation>
    </message>
    <message>
        <source>bundle no. {n}</source>
        <translation>paket no. {n}</translation>
    </message>
    <message>
        <source>nothing yet</source>
        <translation>belum ada</translation>
    </message>
    <message>
        <source>nothing: P4MI has everything</source>
        <translation>tidak ada: P4MI sudah memegang semuanya</translation>
    </message>
    <message>
        <source>{n} rows ({parts})</source>
        <translation>{n} baris ({parts})</translation>
    </message>
    <message>
        <source>More than one bundle can carry ({n} rows at most): P4MI would refuse it. Contact the P4MI clerk.</source>
        <translation>Lebih banyak dari isi satu paket (paling banyak {n} baris): P4MI akan menolaknya. Hubungi petugas P4MI.</translation>
    </message>
    <message>
        <source>P4MI rejected {n} rows in the latest bundle; fix them and send again:</source>
        <translation>P4MI menolak {n} baris di paket terakhir; perbaiki lalu kirim lagi:</translation>
    </message>
    <message>
        <source>• sheet {sheet}, row {row}, {column}: {reason}</source>
        <translation>• lembar {sheet}, baris {row}, {column}: {reason}</translation>
    </message>
    <message>
        <source>… and {n} more</source>
        <translation>… dan {n} lagi</translation>
    </message>
    <message>
        <source>encrypted to P4MI</source>
        <translation>terenkripsi untuk P4MI</translation>
    </message>
    <message>
        <source>NOT encrypted</source>
        <translation>TIDAK terenkripsi</translation>
    </message>
    <message>
        <source>Bundle no. {n} ({what}, {rows} rows, {lock}) saved as:
{path}</source>
        <translation>Paket no. {n} ({what}, {rows} baris, {lock}) disimpan sebagai:
{path}</translation>
    </message>
    <message>
        <source>Choose the folder or USB stick for the bundle</source>
        <translation>Pilih folder atau flashdisk untuk paket</translation>
    </message>
    <message>
        <source>The bundle is saved. Take it to P4MI, or send the file.</source>
        <translation>Paket tersimpan. Bawa ke P4MI, atau kirim berkasnya.</translation>
    </message>
    <message>
        <source>The bundle is saved but NOT encrypted: keep the USB stick safe and delete the file after P4MI has it.</source>
        <translation>Paket tersimpan tetapi TIDAK terenkripsi: jaga flashdisk baik-baik dan hapus berkasnya setelah diterima P4MI.</translation>
    </message>
    <message>
        <source>Cancelled: no bundle was saved.</source>
        <translation>Dibatalkan: tidak ada paket yang disimpan.</translation>
    </message>
    <message>
        <source>Saving the bundle…</source>
        <translation>Menyimpan paket…</translation>
    </message>
    <message>
        <source>Choose the P4MI receipt file</source>
        <translation>Pilih berkas tanda terima P4MI</translation>
    </message>
    <message>
        <source>P4MI receipts (*.bmdt);;All files (*)</source>
        <translation>Tanda terima P4MI (*.bmdt);;Semua berkas (*)</translation>
    </message>
    <message>
        <source>Confirm the P4MI key</source>
        <translation>Pastikan kunci P4MI</translation>
    </message>
    <message>
        <source>No P4MI key is installed yet. This receipt is signed by the key with fingerprint:

{fp}

Ask the P4MI clerk to read out the P4MI fingerprint. Install this key only if they are the same.</source>
        <translation>Kunci P4MI belum dipasang. Tanda terima ini ditandatangani kunci dengan kode kunci:

{fp}

Minta petugas P4MI membacakan kode kunci P4MI. Pasang kunci ini hanya bila keduanya sama.</translation>
    </message>
    <message>
        <source>Same: install and import</source>
        <translation>Sama: pasang dan impor</translation>
    </message>
    <message>
        <source>This receipt was already imported.</source>
        <translation>Tanda terima ini sudah pernah diimpor.</translation>
    </message>
    <message>
        <source>This receipt is older than one already imported; the newer one still counts.</source>
        <translation>Tanda terima ini lebih lama daripada yang sudah diimpor; yang lebih baru tetap berlaku.</translation>
    </message>
    <message>
        <source>Receipt of {when} imported: P4MI holds bundles up to no. {n}.</source>
        <translation>Tanda terima {when} diimpor: P4MI memegang paket sampai no. {n}.</translation>
    </message>
    <message>
        <source>{n} rows were rejected; see the list.</source>
        <translation>{n} baris ditolak; lihat daftarnya.</translation>
    </message>
    <message>
        <source>Choose the P4MI key file</source>
        <translation>Pilih berkas kunci P4MI</translation>
    </message>
    <message>
        <source>Public key files (*.pub);;All files (*)</source>
        <translation>Berkas kunci publik (*.pub);;Semua berkas (*)</translation>
    </message>
    <message>
        <source>This is not a P4MI key file (it belongs to {code}). Choose the key file from P4MI.</source>
        <translation>Ini bukan berkas kunci P4MI (milik {code}). Pilih berkas kunci dari P4MI.</translation>
    </message>
    <message>
        <source>The key in this file has the fingerprint:

{fp}

Compare it with the fingerprint the P4MI clerk reads out. Install it only if they are the same.</source>
        <translation>Kode kunci di berkas ini:

{fp}

Bandingkan dengan kode kunci yang dibacakan petugas P4MI. Pasang hanya bila keduanya sama.</translation>
    </message>
    <message>
        <source>It replaces the installed P4MI key {old}.</source>
        <translation>Kunci ini menggantikan kunci P4MI terpasang {old}.</translation>
    </message>
    <message>
        <source>Install the P4MI key</source>
        <translation>Pasang kunci P4MI</translation>
    </message>
    <message>
        <source>Same: install</source>
        <translation>Sama: pasang</translation>
    </message>
    <message>
        <source>P4MI key {fp} installed: from now on bundles are encrypted.</source>
        <translation>Kunci P4MI {fp} terpasang: mulai sekarang paket dienkripsi.</translation>
    </message>
</context>
<context>
    <name>CaseDeskView</name>
    <message>
        <source>Case desk: the cases of every village</source>
        <translation>Meja kasus: kasus dari semua desa</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>&amp;Cari</translation>
    </message>
    <message>
        <source>Name or NIK</source>
        <translation>Nama atau NIK</translation>
    </message>
    <message>
        <source>Open in the village</source>
        <translation>Terbuka di desa</translation>
    </message>
    <message>
        <source>All cases</source>
        <translation>Semua kasus</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Baru</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>Diproses</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Selesai</translation>
    </message>
    <message>
        <source>P4MI: any</source>
        <translation>P4MI: semua</translation>
    </message>
    <message>
        <source>P4MI: not accepted yet</source>
        <translation>P4MI: belum diterima</translation>
    </message>
    <message>
        <source>P4MI: accepted</source>
        <translation>P4MI: diterima</translation>
    </message>
    <message>
        <source>P4MI: in progress</source>
        <translation>P4MI: diproses</translation>
    </message>
    <message>
        <source>P4MI: referred on</source>
        <translation>P4MI: dirujuk lanjut</translation>
    </message>
    <message>
        <source>P4MI: done</source>
        <translation>P4MI: selesai</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>Semua jenis</translation>
    </message>
    <message>
        <source>All countries</source>
        <translation>Semua negara</translation>
    </message>
    <message>
        <source>All districts</source>
        <translation>Semua kecamatan</translation>
    </message>
    <message>
        <source>All villages</source>
        <translation>Semua desa</translation>
    </message>
    <message>
        <source>Reported more than (days)</source>
        <translation>Dilaporkan lebih dari (hari)</translation>
    </message>
    <message>
        <source>Referred to P4MI</source>
        <translation>Dirujuk ke P4MI</translation>
    </message>
    <message>
        <source>Show &amp;confidential details</source>
        <translation>Tampilkan rincian &amp;rahasia</translation>
    </message>
    <message>
        <source>Case details are personal data. Show them only when nobody else can see the screen. Each time is recorded in the change history.</source>
        <translation>Rincian kasus adalah data pribadi. Tampilkan hanya bila tidak ada orang lain yang melihat layar. Setiap kali ditampilkan, dicatat dalam riwayat perubahan.</translation>
    </message>
    <message>
        <source>&amp;Accept referral</source>
        <translation>&amp;Terima rujukan</translation>
    </message>
    <message>
        <source>P4MI &amp;follow-up...</source>
        <translation>&amp;Tindak lanjut P4MI...</translation>
    </message>
    <message>
        <source>&amp;Refer on...</source>
        <translation>&amp;Rujuk lanjut...</translation>
    </message>
    <message>
        <source>Out&amp;come...</source>
        <translation>&amp;Hasil akhir...</translation>
    </message>
    <message>
        <source>Show &amp;details</source>
        <translation>Tampilkan &amp;rincian</translation>
    </message>
    <message>
        <source>Open &amp;person</source>
        <translation>Buka data &amp;orang</translation>
    </message>
    <message>
        <source>Reported</source>
        <translation>Dilaporkan</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>Hari</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>Desa</translation>
    </message>
    <message>
        <source>District</source>
        <translation>Kecamatan</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nama</translation>
    </message>
    <message>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <source>Type of case</source>
        <translation>Jenis kasus</translation>
    </message>
    <message>
        <source>Referred to</source>
        <translation>Dirujuk ke</translation>
    </message>
    <message>
        <source>Village status</source>
        <translation>Status di desa</translation>
    </message>
    <message>
        <source>P4MI status</source>
        <translation>Status di P4MI</translation>
    </message>
    <message>
        <source>not accepted yet</source>
        <translation>belum diterima</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>diterima</translation>
    </message>
    <message>
        <source>in progress</source>
        <translation>diproses</translation>
    </message>
    <message>
        <source>referred on</source>
        <translation>dirujuk lanjut</translation>
    </message>
    <message>
        <source>done</source>
        <translation>selesai</translation>
    </message>
    <message>
        <source>Referral accepted</source>
        <translation>Rujukan diterima</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>Tindak lanjut</translation>
    </message>
    <message>
        <source>Referred on</source>
        <translation>Dirujuk lanjut</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Hasil akhir</translation>
    </message>
    <message>
        <source>Confidential</source>
        <translation>Rahasia</translation>
    </message>
    <message>
        <source>Choose a case in the list to see it here.</source>
        <translation>Pilih kasus di daftar untuk melihatnya di sini.</translation>
    </message>
    <message>
        <source>(confidential: press Show details)</source>
        <translation>(rahasia: tekan Tampilkan rincian)</translation>
    </message>
    <message>
        <source>Reported on</source>
        <translation>Tanggal laporan</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Negara</translation>
    </message>
    <message>
        <source>Referred by the village to</source>
        <translation>Dirujuk desa ke</translation>
    </message>
    <message>
        <source>Reported by</source>
        <translation>Pelapor</translation>
    </message>
    <message>
        <source>Chronology</source>
        <translation>Kronologi</translation>
    </message>
    <message>
        <source>The village follow-ups ({n})</source>
        <translation>Tindak lanjut desa ({n})</translation>
    </message>
    <message>
        <source>The P4MI actions ({n})</source>
        <translation>Tindakan P4MI ({n})</translation>
    </message>
    <message>
        <source>Only the head of the P4MI post (or a village head) may see confidential case details.</source>
        <translation>Hanya kepala P4MI (atau kepala desa) yang boleh melihat rincian kasus yang rahasia.</translation>
    </message>
    <message>
        <source>Saved: {what}.</source>
        <translation>Tersimpan: {what}.</translation>
    </message>
</context>
<context>
    <name>CaseDialog</name>
    <message>
        <source>(choose the type of case)</source>
        <translation>(pilih jenis kasus)</translation>
    </message>
    <message>
        <source>(not referred yet)</source>
        <translation>(belum dirujuk)</translation>
    </message>
    <message>
        <source>Change case</source>
        <translation>Ubah kasus</translation>
    </message>
    <message>
        <source>New case</source>
        <translation>Kasus baru</translation>
    </message>
    <message>
        <source>&amp;Person</source>
        <translation>&amp;Orang</translation>
    </message>
    <message>
        <source>&amp;Migration episode</source>
        <translation>&amp;Penempatan</translation>
    </message>
    <message>
        <source>&amp;Type of case</source>
        <translation>&amp;Jenis kasus</translation>
    </message>
    <message>
        <source>&amp;Reported on</source>
        <translation>Tanggal &amp;laporan</translation>
    </message>
    <message>
        <source>&amp;Happened on</source>
        <translation>Tanggal &amp;kejadian</translation>
    </message>
    <message>
        <source>Reported &amp;by</source>
        <translation>P&amp;elapor</translation>
    </message>
    <message>
        <source>Re&amp;ferred to</source>
        <translation>&amp;Dirujuk ke</translation>
    </message>
    <message>
        <source>&amp;Chronology</source>
        <translation>Kro&amp;nologi</translation>
    </message>
    <message>
        <source>known</source>
        <translation>diketahui</translation>
    </message>
    <message>
        <source>Name and relation, e.g. Siti (wife)</source>
        <translation>Nama dan hubungan, mis. Siti (istri)</translation>
    </message>
    <message>
        <source>What happened, in the reporter&apos;s words</source>
        <translation>Apa yang terjadi, menurut pelapor</translation>
    </message>
    <message>
        <source>C&amp;onfidential: hide the details in lists</source>
        <translation>&amp;Rahasia: sembunyikan rinciannya di daftar</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Simpan</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <source>(not about one episode)</source>
        <translation>(tidak terkait satu penempatan)</translation>
    </message>
    <message>
        <source>registered</source>
        <translation>terdaftar</translation>
    </message>
    <message>
        <source>verified</source>
        <translation>terverifikasi</translation>
    </message>
    <message>
        <source>abroad</source>
        <translation>di luar negeri</translation>
    </message>
    <message>
        <source>returned</source>
        <translation>sudah pulang</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>batal</translation>
    </message>
    <message>
        <source>failed to depart</source>
        <translation>gagal berangkat</translation>
    </message>
    <message>
        <source>Choose the person the case is about.</source>
        <translation>Pilih orang yang mengalami kasus ini.</translation>
    </message>
</context>
<context>
    <name>CasesView</name>
    <message>
        <source>All types</source>
        <translation>Semua jenis</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>&amp;Cari</translation>
    </message>
    <message>
        <source>Name or NIK</source>
        <translation>Nama atau NIK</translation>
    </message>
    <message>
        <source>Open cases</source>
        <translation>Kasus terbuka</translation>
    </message>
    <message>
        <source>All cases</source>
        <translation>Semua kasus</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Baru</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>Diproses</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Selesai</translation>
    </message>
    <message>
        <source>Show &amp;confidential details</source>
        <translation>Tampilkan rincian &amp;rahasia</translation>
    </message>
    <message>
        <source>Case details are personal data. Show them only when nobody else can see the screen. Each time is recorded in the change history.</source>
        <translation>Rincian kasus adalah data pribadi. Tampilkan hanya bila tidak ada orang lain yang melihat layar. Setiap kali ditampilkan, dicatat dalam riwayat perubahan.</translation>
    </message>
    <message>
        <source>&amp;New case...</source>
        <translation>Kasus &amp;baru...</translation>
    </message>
    <message>
        <source>Show &amp;details</source>
        <translation>Tampilkan &amp;rincian</translation>
    </message>
    <message>
        <source>&amp;Follow-up...</source>
        <translation>&amp;Tindak lanjut...</translation>
    </message>
    <message>
        <source>C&amp;lose case...</source>
        <translation>&amp;Tutup kasus...</translation>
    </message>
    <message>
        <source>Re&amp;open</source>
        <translation>Buka &amp;kembali</translation>
    </message>
    <message>
        <source>&amp;Change...</source>
        <translation>&amp;Ubah...</translation>
    </message>
    <message>
        <source>Open &amp;person</source>
        <translation>Buka data &amp;orang</translation>
    </message>
    <message>
        <source>Show everyone</source>
        <translation>Tampilkan semua</translation>
    </message>
    <message>
        <source>Reported</source>
        <translation>Dilaporkan</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nama</translation>
    </message>
    <message>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <source>Type of case</source>
        <translation>Jenis kasus</translation>
    </message>
    <message>
        <source>Referred to</source>
        <translation>Dirujuk ke</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Follow-ups</source>
        <translation>Tindak lanjut</translation>
    </message>
    <message>
        <source>Chronology</source>
        <translation>Kronologi</translation>
    </message>
    <message>
        <source>Confidential</source>
        <translation>Rahasia</translation>
    </message>
    <message>
        <source>Choose a case in the list to see it here.</source>
        <translation>Pilih kasus di daftar untuk melihatnya di sini.</translation>
    </message>
    <message>
        <source>(confidential: press Show details)</source>
        <translation>(rahasia: tekan Tampilkan rincian)</translation>
    </message>
    <message>
        <source>Reported on</source>
        <translation>Tanggal laporan</translation>
    </message>
    <message>
        <source>Happened on</source>
        <translation>Tanggal kejadian</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Negara</translation>
    </message>
    <message>
        <source>not referred yet</source>
        <translation>belum dirujuk</translation>
    </message>
    <message>
        <source>Reported by</source>
        <translation>Pelapor</translation>
    </message>
    <message>
        <source>Closed on</source>
        <translation>Selesai pada</translation>
    </message>
    <message>
        <source>Follow-ups ({n})</source>
        <translation>Tindak lanjut ({n})</translation>
    </message>
    <message>
        <source>No follow-up yet.</source>
        <translation>Belum ada tindak lanjut.</translation>
    </message>
    <message>
        <source>accepted by P4MI</source>
        <translation>diterima P4MI</translation>
    </message>
    <message>
        <source>in progress at P4MI</source>
        <translation>sedang diproses P4MI</translation>
    </message>
    <message>
        <source>referred on by P4MI</source>
        <translation>dirujuk lanjut oleh P4MI</translation>
    </message>
    <message>
        <source>done at P4MI</source>
        <translation>selesai di P4MI</translation>
    </message>
    <message>
        <source>P4MI status: {status}</source>
        <translation>Status di P4MI: {status}</translation>
    </message>
    <message>
        <source>Referral accepted</source>
        <translation>Rujukan diterima</translation>
    </message>
    <message>
        <source>P4MI follow-up</source>
        <translation>Tindak lanjut P4MI</translation>
    </message>
    <message>
        <source>Referred on</source>
        <translation>Dirujuk lanjut</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Hasil akhir</translation>
    </message>
    <message>
        <source>Only the village head (or the head of the P4MI post) may see confidential case details.</source>
        <translation>Hanya kepala desa (atau kepala P4MI) yang boleh melihat rincian kasus yang rahasia.</translation>
    </message>
    <message>
        <source>Reopen the case of {name}?</source>
        <translation>Buka kembali kasus {name}?</translation>
    </message>
    <message>
        <source>Please confirm</source>
        <translation>Mohon konfirmasi</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Ya</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Tidak</translation>
    </message>
    <message>
        <source>Cases of {name} only</source>
        <translation>Hanya kasus {name}</translation>
    </message>
</context>
<context>
    <name>CheckLetterView</name>
    <message>
        <source>Check a village letter offline. Type the check code printed under the QR code (for example 7K2M-9QXA-...), scan the QR code with a USB barcode scanner into the box, or open a scan or photo of the letter (PNG, JPEG or PDF). Checking changes nothing.</source>
        <translation>Periksa surat desa tanpa internet. Ketik kode periksa yang tercetak di bawah kode QR (misalnya 7K2M-9QXA-...), pindai kode QR dengan pemindai barcode USB ke kotak ini, atau buka hasil pindaian atau foto surat (PNG, JPEG, atau PDF). Pemeriksaan tidak mengubah data apa pun.</translation>
    </message>
    <message>
        <source>&amp;Code or scanner text</source>
        <translation>&amp;Kode atau teks pemindai</translation>
    </message>
    <message>
        <source>&amp;Check</source>
        <translation>&amp;Periksa</translation>
    </message>
    <message>
        <source>Open &amp;scan or PDF...</source>
        <translation>Buka &amp;pindaian atau PDF...</translation>
    </message>
    <message>
        <source>Scan or photo of a letter</source>
        <translation>Pindaian atau foto surat</translation>
    </message>
    <message>
        <source>Scans and PDF (*.png *.jpg *.jpeg *.pdf)</source>
        <translation>Pindaian dan PDF (*.png *.jpg *.jpeg *.pdf)</translation>
    </message>
</context>
<context>
    <name>Columns</name>
    <message>
        <source>This column cannot be sorted.</source>
        <translation>Kolom ini tidak bisa diurutkan.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nama</translation>
    </message>
    <message>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Red flags</source>
        <translation>Tanda bahaya</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Negara</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>Pekerjaan</translation>
    </message>
    <message>
        <source>Procedure</source>
        <translation>Prosedur</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>Terdaftar</translation>
    </message>
    <message>
        <source>Departed</source>
        <translation>Berangkat</translation>
    </message>
    <message>
        <source>Expected return</source>
        <translation>Perkiraan pulang</translation>
    </message>
    <message>
        <source>Returned / ended</source>
        <translation>Pulang / selesai</translation>
    </message>
    <message>
        <source>(unknown)</source>
        <translation>(belum diketahui)</translation>
    </message>
    <message>
        <source>{n} not accepted</source>
        <translation>{n} belum diterima</translation>
    </message>
    <message>
        <source>Family card no.</source>
        <translation>No. KK</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>L/P</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>Tanggal lahir</translation>
    </message>
    <message>
        <source>Hamlet</source>
        <translation>Dusun</translation>
    </message>
    <message>
        <source>RT/RW</source>
        <translation>RT/RW</translation>
    </message>
    <message>
        <source>Migrant status</source>
        <translation>Status migran</translation>
    </message>
    <message>
        <source>Life status</source>
        <translation>Status hidup</translation>
    </message>
    <message>
        <source>M</source>
        <translation>L</translation>
    </message>
    <message>
        <source>F</source>
        <translation>P</translation>
    </message>
</context>
<context>
    <name>DashboardView</name>
    <message>
        <source>Home: {name}</source>
        <translation>Beranda: {name}</translation>
    </message>
    <message>
        <source>Home: Village {name}</source>
        <translation>Beranda: Desa {name}</translation>
    </message>
    <message>
        <source>&amp;Reload</source>
        <translation>&amp;Muat ulang</translation>
    </message>
    <message>
        <source>Read the figures again (F5)</source>
        <translation>Baca ulang angka-angka (F5)</translation>
    </message>
    <message>
        <source>&amp;Print</source>
        <translation>&amp;Cetak</translation>
    </message>
    <message>
        <source>Village migrant worker register (PDF)...</source>
        <translation>Buku Register PMI Desa (PDF)...</translation>
    </message>
    <message>
        <source>Monthly recap (PDF)...</source>
        <translation>Rekap bulanan (PDF)...</translation>
    </message>
    <message>
        <source>Yearly report, Pasal 42 (PDF)...</source>
        <translation>Laporan tahunan, Pasal 42 (PDF)...</translation>
    </message>
    <message>
        <source>Click to see the list</source>
        <translation>Klik untuk melihat daftarnya</translation>
    </message>
    <message>
        <source>Residents recorded</source>
        <translation>Penduduk tercatat</translation>
    </message>
    <message>
        <source>Prospective migrant workers (CPMI)</source>
        <translation>Calon pekerja migran (CPMI)</translation>
    </message>
    <message>
        <source>Returned migrant workers</source>
        <translation>Purna PMI (sudah pulang)</translation>
    </message>
    <message>
        <source>Past expected return</source>
        <translation>Lewat perkiraan pulang</translation>
    </message>
    <message>
        <source>No news for {n} months</source>
        <translation>Tanpa kabar {n} bulan</translation>
    </message>
    <message>
        <source>Open cases</source>
        <translation>Kasus terbuka</translation>
    </message>
    <message>
        <source>Departures and returns per month</source>
        <translation>Keberangkatan dan kepulangan per bulan</translation>
    </message>
    <message>
        <source>Destination countries of the PMI abroad now</source>
        <translation>Negara tujuan PMI yang kini di luar negeri</translation>
    </message>
    <message>
        <source>PMI abroad now: procedural or not</source>
        <translation>PMI di luar negeri: prosedural atau tidak</translation>
    </message>
    <message>
        <source>No data yet</source>
        <translation>Belum ada data</translation>
    </message>
    <message>
        <source>&amp;No news for more than</source>
        <translation>&amp;Tanpa kabar lebih dari</translation>
    </message>
    <message>
        <source> months</source>
        <translation> bulan</translation>
    </message>
    <message>
        <source>&amp;Open resident</source>
        <translation>&amp;Buka data penduduk</translation>
    </message>
    <message>
        <source>Print &amp;sheet</source>
        <translation>Cetak &amp;lembar data</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nama</translation>
    </message>
    <message>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Negara</translation>
    </message>
    <message>
        <source>Expected return</source>
        <translation>Perkiraan pulang</translation>
    </message>
    <message>
        <source>Migrant workers abroad now (PMI)</source>
        <translation>PMI di luar negeri saat ini</translation>
    </message>
    <message>
        <source>Departures prevented</source>
        <translation>Keberangkatan dicegah</translation>
    </message>
    <message>
        <source>Open with red flags</source>
        <translation>Belum selesai, ada tanda bahaya</translation>
    </message>
    <message>
        <source>Children without carer</source>
        <translation>Anak tanpa pengasuh</translation>
    </message>
    <message>
        <source>Days late</source>
        <translation>Hari terlambat</translation>
    </message>
    <message>
        <source>Departed</source>
        <translation>Berangkat</translation>
    </message>
    <message>
        <source>Last news</source>
        <translation>Kabar terakhir</translation>
    </message>
    <message>
        <source>Child</source>
        <translation>Anak</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Umur</translation>
    </message>
    <message>
        <source>Schooling</source>
        <translation>Pendidikan</translation>
    </message>
    <message>
        <source>Migrant parent(s)</source>
        <translation>Orang tua (C)PMI</translation>
    </message>
    <message>
        <source>Where the parent is</source>
        <translation>Di mana orang tuanya</translation>
    </message>
    <message>
        <source>Carer</source>
        <translation>Pengasuh</translation>
    </message>
    <message>
        <source>Save list as E&amp;xcel...</source>
        <translation>Simpan daftar sebagai E&amp;xcel...</translation>
    </message>
    <message>
        <source>Own children under 18 of CPMI and of PMI, from the family cards and the family-left-behind entries. A child marked NO CARER has no carer recorded: open the parent and record one.</source>
        <translation>Anak kandung di bawah 18 tahun dari CPMI dan PMI, menurut Kartu Keluarga dan data keluarga yang ditinggalkan. Anak bertanda TANPA PENGASUH belum punya pengasuh tercatat: buka data orang tuanya dan catat pengasuhnya.</translation>
    </message>
    <message>
        <source>Reported</source>
        <translation>Dilaporkan</translation>
    </message>
    <message>
        <source>Case type</source>
        <translation>Jenis kasus</translation>
    </message>
    <message>
        <source>Referred to</source>
        <translation>Dirujuk ke</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Figures of {date} {time}</source>
        <translation>Angka per {date} {time}</translation>
    </message>
    <message>
        <source>{high} with a high-severity flag; {abroad} PMI abroad have a flag. Click to see the list</source>
        <translation>{high} dengan tanda bahaya tingkat tinggi; {abroad} PMI di luar negeri punya tanda bahaya. Klik untuk melihat daftarnya</translation>
    </message>
    <message>
        <source>Departures</source>
        <translation>Keberangkatan</translation>
    </message>
    <message>
        <source>Returns</source>
        <translation>Kepulangan</translation>
    </message>
    <message>
        <source>Not recorded</source>
        <translation>Belum dicatat</translation>
    </message>
    <message>
        <source>Procedural</source>
        <translation>Prosedural</translation>
    </message>
    <message>
        <source>Suspected non-procedural</source>
        <translation>Diduga non-prosedural</translation>
    </message>
    <message>
        <source>Not known</source>
        <translation>Belum diketahui</translation>
    </message>
    <message>
        <source>never</source>
        <translation>belum pernah</translation>
    </message>
    <message>
        <source>NO CARER</source>
        <translation>TANPA PENGASUH</translation>
    </message>
    <message>
        <source>{names} (parent at home)</source>
        <translation>{names} (orang tua di rumah)</translation>
    </message>
    <message>
        <source>{n} children of migrants, {m} of them without carer. Click to see the list</source>
        <translation>{n} anak pekerja migran, {m} di antaranya tanpa pengasuh. Klik untuk melihat daftarnya</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Baru</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>Diproses</translation>
    </message>
    <message>
        <source>Confidential</source>
        <translation>Rahasia</translation>
    </message>
    <message>
        <source>Past expected return ({n})</source>
        <translation>Lewat perkiraan pulang ({n})</translation>
    </message>
    <message>
        <source>No news ({n})</source>
        <translation>Tanpa kabar ({n})</translation>
    </message>
    <message>
        <source>Open cases ({n})</source>
        <translation>Kasus terbuka ({n})</translation>
    </message>
    <message>
        <source>No lapor diri ({n})</source>
        <translation>Belum lapor diri ({n})</translation>
    </message>
    <message>
        <source>Children of migrants ({n}, {m} without carer)</source>
        <translation>Anak PMI ({n}, {m} tanpa pengasuh)</translation>
    </message>
    <message>
        <source>country not recorded</source>
        <translation>negara belum dicatat</translation>
    </message>
    <message>
        <source>PMI, {place}</source>
        <translation>PMI, di {place}</translation>
    </message>
    <message>
        <source>CPMI, {place}</source>
        <translation>CPMI, tujuan {place}</translation>
    </message>
    <message>
        <source>CPMI</source>
        <translation>CPMI (belum berangkat)</translation>
    </message>
    <message>
        <source>Save the list of children of migrants</source>
        <translation>Simpan daftar anak pekerja migran</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Buku kerja Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>List saved: {path}</source>
        <translation>Daftar tersimpan: {path}</translation>
    </message>
</context>
<context>
    <name>DataMenu</name>
    <message>
        <source>daily, automatic</source>
        <translation>harian, otomatis</translation>
    </message>
    <message>
        <source>made by hand</source>
        <translation>dibuat manual</translation>
    </message>
    <message>
        <source>state before a restore</source>
        <translation>keadaan sebelum pemulihan</translation>
    </message>
    <message>
        <source>before a program update</source>
        <translation>sebelum pembaruan program</translation>
    </message>
    <message>
        <source>before a bundle import</source>
        <translation>sebelum impor paket</translation>
    </message>
    <message>
        <source>&amp;Data</source>
        <translation>&amp;Data</translation>
    </message>
    <message>
        <source>&amp;Back up now</source>
        <translation>&amp;Cadangkan sekarang</translation>
    </message>
    <message>
        <source>Back up &amp;to a folder or USB...</source>
        <translation>Cadangkan &amp;ke folder atau flashdisk...</translation>
    </message>
    <message>
        <source>&amp;Restore...</source>
        <translation>&amp;Pulihkan...</translation>
    </message>
    <message>
        <source>&amp;Undo last restore</source>
        <translation>&amp;Batalkan pemulihan terakhir</translation>
    </message>
    <message>
        <source>Change &amp;history (audit log)</source>
        <translation>&amp;Riwayat perubahan (log audit)</translation>
    </message>
    <message>
        <source>&amp;Operators and PINs...</source>
        <translation>&amp;Operator dan PIN...</translation>
    </message>
    <message>
        <source>Public &amp;statistics...</source>
        <translation>&amp;Statistik publik...</translation>
    </message>
    <message>
        <source>&amp;Privacy notice</source>
        <translation>Pemberitahuan pri&amp;vasi</translation>
    </message>
    <message>
        <source>&amp;Import an existing list (OpenSID, SIAK, Excel)...</source>
        <translation>&amp;Impor daftar yang sudah ada (OpenSID, SIAK, Excel)...</translation>
    </message>
    <message>
        <source>Undo last list &amp;import</source>
        <translation>Batalkan &amp;impor daftar terakhir</translation>
    </message>
    <message>
        <source>Undo last bundle i&amp;mport...</source>
        <translation>Batalkan i&amp;mpor paket terakhir...</translation>
    </message>
    <message>
        <source>Send the regency packa&amp;ge to the hub above...</source>
        <translation>Kirim paket kabupa&amp;ten ke hub di atasnya...</translation>
    </message>
    <message>
        <source>Undo last bundle import</source>
        <translation>Batalkan impor paket terakhir</translation>
    </message>
    <message>
        <source>There is no bundle import to undo.</source>
        <translation>Tidak ada impor paket yang dapat dibatalkan.</translation>
    </message>
    <message>
        <source>Undo the import of {file} (village {village}, {at} UTC)? The records it added are removed and the records it changed get their previous version back, exactly. The village&apos;s next bundle brings them again.</source>
        <translation>Batalkan impor {file} (desa {village}, {at} UTC)? Data yang ditambahkannya dihapus dan data yang diubahnya kembali persis ke versi sebelumnya. Paket desa berikutnya membawanya lagi.</translation>
    </message>
    <message>
        <source>The import of {file} was undone: {removed} records removed, {restored} put back.</source>
        <translation>Impor {file} dibatalkan: {removed} data dihapus, {restored} dikembalikan.</translation>
    </message>
    <message>
        <source>Undoing the import...</source>
        <translation>Membatalkan impor...</translation>
    </message>
    <message>
        <source>Backup made</source>
        <translation>Cadangan dibuat</translation>
    </message>
    <message>
        <source>The backup was made and checked:
{path}</source>
        <translation>Cadangan sudah dibuat dan diperiksa keutuhannya:
{path}</translation>
    </message>
    <message>
        <source>Making a backup...</source>
        <translation>Membuat cadangan...</translation>
    </message>
    <message>
        <source>Choose the folder or USB stick for the backup</source>
        <translation>Pilih folder atau flashdisk untuk cadangan</translation>
    </message>
    <message>
        <source>Restore on the database server</source>
        <translation>Pemulihan di server basis data</translation>
    </message>
    <message>
        <source>Restore the backup?</source>
        <translation>Pulihkan cadangan?</translation>
    </message>
    <message>
        <source>Restore the data from {file}?

The current data is kept as a backup first, so you can undo this with Data &gt; Undo last restore.</source>
        <translation>Pulihkan data dari {file}?

Data yang sekarang disimpan dulu sebagai cadangan, jadi pemulihan ini dapat dibatalkan lewat Data &gt; Batalkan pemulihan terakhir.</translation>
    </message>
    <message>
        <source>Nothing to undo</source>
        <translation>Tidak ada yang dibatalkan</translation>
    </message>
    <message>
        <source>No restore was made on this computer, so there is nothing to undo.</source>
        <translation>Belum pernah ada pemulihan di komputer ini, jadi tidak ada yang dapat dibatalkan.</translation>
    </message>
    <message>
        <source>Undo the last restore?</source>
        <translation>Batalkan pemulihan terakhir?</translation>
    </message>
    <message>
        <source>Put the data back as it was just before the restore of {when}?

The current data is kept as a backup first.</source>
        <translation>Kembalikan data seperti sesaat sebelum pemulihan pada {when}?

Data yang sekarang disimpan dulu sebagai cadangan.</translation>
    </message>
    <message>
        <source>The data was restored from {file}. The program re-opened the database; what you see now comes from that backup.</source>
        <translation>Data sudah dipulihkan dari {file}. Program sudah membuka ulang database; yang tampil sekarang berasal dari cadangan itu.</translation>
    </message>
    <message>
        <source>The data from before the restore is kept in {file}; Data &gt; Undo last restore brings it back.</source>
        <translation>Data sebelum pemulihan disimpan di {file}; Data &gt; Batalkan pemulihan terakhir mengembalikannya.</translation>
    </message>
    <message>
        <source>The damaged database was kept as {file}.</source>
        <translation>Database yang rusak disimpan sebagai {file}.</translation>
    </message>
    <message>
        <source>Restore finished</source>
        <translation>Pemulihan selesai</translation>
    </message>
    <message>
        <source>Restoring the backup...</source>
        <translation>Memulihkan cadangan...</translation>
    </message>
    <message>
        <source>Save public statistics</source>
        <translation>Simpan statistik publik</translation>
    </message>
    <message>
        <source>CSV for Excel (*.csv)</source>
        <translation>CSV untuk Excel (*.csv)</translation>
    </message>
    <message>
        <source>Migrant worker statistics of {name}, as of {day}</source>
        <translation>Statistik pekerja migran {name}, per {day}</translation>
    </message>
    <message>
        <source>Statistics saved</source>
        <translation>Statistik tersimpan</translation>
    </message>
    <message>
        <source>The public statistics were saved to {path}. They hold counts only; counts below 5 are shown as &quot;&lt;5&quot;, so no one can be singled out.</source>
        <translation>Statistik publik disimpan di {path}. Isinya hanya jumlah; jumlah di bawah 5 ditulis &quot;&lt;5&quot;, sehingga tidak ada orang yang dapat dikenali.</translation>
    </message>
    <message>
        <source>Counting...</source>
        <translation>Menghitung...</translation>
    </message>
    <message>
        <source>Choose the folder or USB stick for the regency package</source>
        <translation>Pilih folder atau flashdisk untuk paket kabupaten</translation>
    </message>
    <message>
        <source>Regency package</source>
        <translation>Paket kabupaten</translation>
    </message>
    <message>
        <source>The regency package was written:
{path}

{villages} villages, {rows} records. Take it to the hub above; it imports it like a village bundle and sends back a receipt.</source>
        <translation>Paket kabupaten sudah ditulis:
{path}

{villages} desa, {rows} data. Bawa ke hub di atasnya; hub itu mengimpornya seperti paket desa lalu mengirim tanda terima.</translation>
    </message>
    <message>
        <source>The package is NOT encrypted: the key of the hub above is not installed yet. Its first receipt installs it.</source>
        <translation>Paket TIDAK terenkripsi: kunci hub di atas belum terpasang. Tanda terima pertamanya memasang kunci itu.</translation>
    </message>
    <message>
        <source>Writing the regency package...</source>
        <translation>Menulis paket kabupaten...</translation>
    </message>
</context>
<context>
    <name>DeleteResidentDialog</name>
    <message>
        <source>Delete resident</source>
        <translation>Hapus penduduk</translation>
    </message>
    <message>
        <source>Delete {person} from the register?</source>
        <translation>Hapus {person} dari buku register?</translation>
    </message>
    <message>
        <source>What happens:
• The personal data of this person (NIK, family card, birth date, address, phone, passport, notes) and of their migration episodes, cases and news is erased, also from the change history. Only the fact of the deletion, who did it and when, stays.
• The deletion is sent to P4MI in the next bundle, and P4MI deletes the person too.
• The backups on this computer keep the old values until they are rotated out (after about a year at most).
This cannot be undone from this window.</source>
        <translation>Yang terjadi:
• Data pribadi orang ini (NIK, No. KK, tanggal lahir, alamat, telepon, paspor, catatan) serta data penempatan, kasus dan kabarnya dihapus, juga dari riwayat perubahan. Yang tersisa hanya catatan bahwa data dihapus, oleh siapa dan kapan.
• Penghapusan dikirim ke P4MI dalam paket berikutnya, dan P4MI juga menghapus orang ini.
• Cadangan di komputer ini masih menyimpan isian lama sampai cadangan itu terhapus oleh rotasi (paling lama sekitar satu tahun).
Penghapusan ini tidak dapat dibatalkan dari jendela ini.</translation>
    </message>
    <message>
        <source>To confirm, type {word} or the person&apos;s name:</source>
        <translation>Untuk memastikan, ketik {word} atau nama orang ini:</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Hapus</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Sudah dihapus</translation>
    </message>
    <message>
        <source>{name} was deleted. The deletion goes to P4MI with the next bundle.</source>
        <translation>{name} sudah dihapus. Penghapusan ini ikut terkirim ke P4MI dalam paket berikutnya.</translation>
    </message>
</context>
<context>
    <name>DeskActionDialog</name>
    <message>
        <source>(choose)</source>
        <translation>(pilih)</translation>
    </message>
    <message>
        <source>&amp;Date</source>
        <translation>&amp;Tanggal</translation>
    </message>
    <message>
        <source>&amp;Refer to</source>
        <translation>&amp;Rujuk ke</translation>
    </message>
    <message>
        <source>&amp;Note</source>
        <translation>&amp;Catatan</translation>
    </message>
    <message>
        <source>&amp;Outcome</source>
        <translation>&amp;Hasil akhir</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Simpan</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <source>Please check</source>
        <translation>Mohon periksa</translation>
    </message>
    <message>
        <source>Please check these points. They do not stop you from saving, but the village should know about them.</source>
        <translation>Mohon periksa hal-hal berikut. Data tetap bisa disimpan, tetapi desa perlu mengetahuinya.</translation>
    </message>
    <message>
        <source>Save anyway</source>
        <translation>Tetap simpan</translation>
    </message>
    <message>
        <source>Go back and fix</source>
        <translation>Kembali dan perbaiki</translation>
    </message>
    <message>
        <source>Please confirm</source>
        <translation>Mohon konfirmasi</translation>
    </message>
</context>
<context>
    <name>EpisodeDialog</name>
    <message>
        <source>Register as prospective migrant worker (CPMI)</source>
        <translation>Daftarkan sebagai calon pekerja migran (CPMI)</translation>
    </message>
    <message>
        <source>Registration date</source>
        <translation>Tanggal pendaftaran</translation>
    </message>
    <message>
        <source>Verify the CPMI</source>
        <translation>Verifikasi CPMI</translation>
    </message>
    <message>
        <source>Verification date</source>
        <translation>Tanggal verifikasi</translation>
    </message>
    <message>
        <source>Record departure</source>
        <translation>Catat keberangkatan</translation>
    </message>
    <message>
        <source>Departure date</source>
        <translation>Tanggal berangkat</translation>
    </message>
    <message>
        <source>Record a departure learned of later</source>
        <translation>Catat keberangkatan yang baru diketahui</translation>
    </message>
    <message>
        <source>Departure date (if known)</source>
        <translation>Tanggal berangkat (bila diketahui)</translation>
    </message>
    <message>
        <source>Record return</source>
        <translation>Catat kepulangan</translation>
    </message>
    <message>
        <source>Return date</source>
        <translation>Tanggal pulang</translation>
    </message>
    <message>
        <source>Record a past trip (already returned)</source>
        <translation>Catat perjalanan lampau (sudah pulang)</translation>
    </message>
    <message>
        <source>Return date (if known)</source>
        <translation>Tanggal pulang (bila diketahui)</translation>
    </message>
    <message>
        <source>Cancelled or failed departure</source>
        <translation>Batal atau gagal berangkat</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Tanggal</translation>
    </message>
    <message>
        <source>Document checklist</source>
        <translation>Daftar periksa dokumen</translation>
    </message>
    <message>
        <source>News from abroad</source>
        <translation>Kabar dari luar negeri</translation>
    </message>
    <message>
        <source>Date of the news</source>
        <translation>Tanggal kabar</translation>
    </message>
    <message>
        <source>Change the placement</source>
        <translation>Ubah penempatan</translation>
    </message>
    <message>
        <source>Tick the documents already seen by the village. The family consent (izin keluarga) is required by UU 18/2017.</source>
        <translation>Centang dokumen yang sudah dilihat oleh desa. Izin keluarga diwajibkan oleh UU 18/2017.</translation>
    </message>
    <message>
        <source>Discard changes?</source>
        <translation>Buang perubahan?</translation>
    </message>
    <message>
        <source>You changed this form. Close it without saving?</source>
        <translation>Isian formulir ini sudah diubah. Tutup tanpa menyimpan?</translation>
    </message>
    <message>
        <source>&amp;Discard</source>
        <translation>&amp;Buang perubahan</translation>
    </message>
    <message>
        <source>&amp;Keep editing</source>
        <translation>&amp;Lanjutkan mengisi</translation>
    </message>
    <message>
        <source>Departure prevented / not recommended by the village</source>
        <translation>Keberangkatan dicegah / tidak direkomendasikan desa</translation>
    </message>
    <message>
        <source>Date of the decision</source>
        <translation>Tanggal keputusan</translation>
    </message>
    <message>
        <source>In process (P3MI, training centre, shelter)</source>
        <translation>Dalam proses (P3MI, balai latihan, penampungan)</translation>
    </message>
    <message>
        <source>In process since</source>
        <translation>Dalam proses sejak</translation>
    </message>
    <message>
        <source>Home leave (cuti)</source>
        <translation>Cuti pulang kampung</translation>
    </message>
    <message>
        <source>Leave starts</source>
        <translation>Mulai cuti</translation>
    </message>
    <message>
        <source>Back to work after home leave</source>
        <translation>Kembali bekerja setelah cuti</translation>
    </message>
    <message>
        <source>Back abroad on</source>
        <translation>Kembali ke luar negeri pada</translation>
    </message>
    <message>
        <source>Trip details for P4MI and the embassy</source>
        <translation>Rincian perjalanan untuk P4MI dan perwakilan RI</translation>
    </message>
    <message>
        <source>Returnee profile (empowerment)</source>
        <translation>Profil purna PMI (pemberdayaan)</translation>
    </message>
    <message>
        <source>Red flags below are kept with the episode. With red flags, saving asks for a reason; the village can also record the departure as prevented instead.</source>
        <translation>Tanda bahaya di bawah disimpan bersama penempatan. Bila ada tanda bahaya, menyimpan meminta alasan; desa juga dapat mencatat keberangkatan ini sebagai dicegah.</translation>
    </message>
    <message>
        <source>For a resident who left without registering at the village. Mark &apos;Suspected non-procedural&apos; if the departure did not go through the legal process.</source>
        <translation>Untuk warga yang berangkat tanpa mendaftar di desa. Pilih &apos;Diduga non-prosedural&apos; bila keberangkatannya tidak melalui proses resmi.</translation>
    </message>
    <message>
        <source>For a returnee whose trip was never recorded.</source>
        <translation>Untuk warga yang sudah pulang tetapi perjalanannya belum pernah dicatat.</translation>
    </message>
    <message>
        <source>Cancelled: the CPMI withdrew. Failed: the departure could not happen (e.g. failed medical check, P3MI problem).</source>
        <translation>Batal: CPMI mengundurkan diri. Gagal berangkat: keberangkatan tidak dapat terjadi (mis. tidak lulus pemeriksaan kesehatan, masalah P3MI).</translation>
    </message>
    <message>
        <source>The last news from or about the worker abroad (for the &apos;no news for N months&apos; list).</source>
        <translation>Kabar terakhir dari atau tentang pekerja di luar negeri (untuk daftar &apos;tanpa kabar N bulan&apos;).</translation>
    </message>
    <message>
        <source>Correct or complete where and how the worker is placed (e.g. a new employer or an extended contract).</source>
        <translation>Perbaiki atau lengkapi tempat dan cara pekerja ditempatkan (misalnya majikan baru atau kontrak diperpanjang).</translation>
    </message>
    <message>
        <source>The village stopped this departure or does not recommend it (its own outcome, not a cancellation). Write the reason; the red flags behind it stay with the episode.</source>
        <translation>Desa mencegah keberangkatan ini atau tidak merekomendasikannya (hasil tersendiri, bukan pembatalan). Tulis alasannya; tanda bahaya yang mendasarinya tetap tersimpan bersama penempatan.</translation>
    </message>
    <message>
        <source>The worker is home on leave; the placement goes on and the person stays a PMI.</source>
        <translation>Pekerja sedang cuti di kampung; penempatan tetap berjalan dan orangnya tetap PMI.</translation>
    </message>
    <message>
        <source>The facts P4MI and embassy clerks ask for. Expected return follows the contract end unless you change it.</source>
        <translation>Data yang ditanyakan petugas P4MI dan perwakilan RI. Perkiraan pulang mengikuti akhir kontrak kecuali Anda mengubahnya.</translation>
    </message>
    <message>
        <source>What the returned worker brings home, for the village&apos;s empowerment programmes (UU 18/2017 Pasal 42 e).</source>
        <translation>Bekal yang dibawa pulang oleh purna PMI, untuk program pemberdayaan desa (UU 18/2017 Pasal 42 huruf e).</translation>
    </message>
    <message>
        <source>Placement</source>
        <translation>Penempatan</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Negara</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Kota</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>Pekerjaan</translation>
    </message>
    <message>
        <source>Sector</source>
        <translation>Sektor</translation>
    </message>
    <message>
        <source>Employer</source>
        <translation>Pemberi kerja</translation>
    </message>
    <message>
        <source>P3MI (placement company)</source>
        <translation>P3MI (perusahaan penempatan)</translation>
    </message>
    <message>
        <source>Placement scheme</source>
        <translation>Skema penempatan</translation>
    </message>
    <message>
        <source>Procedure</source>
        <translation>Prosedur</translation>
    </message>
    <message>
        <source>Contract start</source>
        <translation>Mulai kontrak</translation>
    </message>
    <message>
        <source>Contract end</source>
        <translation>Akhir kontrak</translation>
    </message>
    <message>
        <source>Expected return</source>
        <translation>Perkiraan pulang</translation>
    </message>
    <message>
        <source>Family consent</source>
        <translation>Izin keluarga</translation>
    </message>
    <message>
        <source>Name of the family member</source>
        <translation>Nama anggota keluarga</translation>
    </message>
    <message>
        <source>Their NIK</source>
        <translation>NIK-nya</translation>
    </message>
    <message>
        <source>Relation</source>
        <translation>Hubungan</translation>
    </message>
    <message>
        <source>Documents seen</source>
        <translation>Dokumen yang sudah dilihat</translation>
    </message>
    <message>
        <source>Reason for return</source>
        <translation>Alasan pulang</translation>
    </message>
    <message>
        <source>Repatriation of the remains</source>
        <translation>Pemulangan jenazah</translation>
    </message>
    <message>
        <source>BPJS death benefit claim</source>
        <translation>Klaim jaminan kematian BPJS</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Tempat</translation>
    </message>
    <message>
        <source>Leave ends (planned)</source>
        <translation>Akhir cuti (rencana)</translation>
    </message>
    <message>
        <source>Trip details</source>
        <translation>Rincian perjalanan</translation>
    </message>
    <message>
        <source>ID PMI / E-PMI number</source>
        <translation>Nomor ID PMI / E-PMI</translation>
    </message>
    <message>
        <source>Visa type</source>
        <translation>Jenis visa</translation>
    </message>
    <message>
        <source>Visa number</source>
        <translation>Nomor visa</translation>
    </message>
    <message>
        <source>Passport number for this trip</source>
        <translation>Nomor paspor perjalanan ini</translation>
    </message>
    <message>
        <source>Passport valid until</source>
        <translation>Paspor berlaku sampai</translation>
    </message>
    <message>
        <source>Work contract (PK) number</source>
        <translation>Nomor perjanjian kerja (PK)</translation>
    </message>
    <message>
        <source>Wage</source>
        <translation>Gaji</translation>
    </message>
    <message>
        <source>Foreign agency (mitra usaha)</source>
        <translation>Agensi luar negeri (mitra usaha)</translation>
    </message>
    <message>
        <source>Employer address</source>
        <translation>Alamat pemberi kerja</translation>
    </message>
    <message>
        <source>Employer phone</source>
        <translation>Telepon pemberi kerja</translation>
    </message>
    <message>
        <source>Worker&apos;s phone abroad</source>
        <translation>Telepon PMI di luar negeri</translation>
    </message>
    <message>
        <source>Family contact / heir (ahli waris)</source>
        <translation>Kontak keluarga / ahli waris</translation>
    </message>
    <message>
        <source>Heir&apos;s relation</source>
        <translation>Hubungan ahli waris</translation>
    </message>
    <message>
        <source>Heir&apos;s phone</source>
        <translation>Telepon ahli waris</translation>
    </message>
    <message>
        <source>BPJS Ketenagakerjaan</source>
        <translation>Status BPJS Ketenagakerjaan</translation>
    </message>
    <message>
        <source>Lapor diri date</source>
        <translation>Tanggal lapor diri</translation>
    </message>
    <message>
        <source>After the return</source>
        <translation>Setelah pulang</translation>
    </message>
    <message>
        <source>S&amp;kills learned abroad</source>
        <translation>&amp;Keahlian dari luar negeri</translation>
    </message>
    <message>
        <source>&amp;Business or work now</source>
        <translation>&amp;Usaha atau pekerjaan sekarang</translation>
    </message>
    <message>
        <source>&amp;Use of remittances</source>
        <translation>&amp;Penggunaan remitansi</translation>
    </message>
    <message>
        <source>&amp;Plan to leave again</source>
        <translation>Rencana &amp;berangkat lagi</translation>
    </message>
    <message>
        <source>Cancelled by the CPMI</source>
        <translation>Dibatalkan oleh CPMI</translation>
    </message>
    <message>
        <source>Failed to depart</source>
        <translation>Gagal berangkat</translation>
    </message>
    <message>
        <source>Through</source>
        <translation>Melalui</translation>
    </message>
    <message>
        <source>Condition</source>
        <translation>Keadaan</translation>
    </message>
    <message>
        <source>Phone call</source>
        <translation>Telepon</translation>
    </message>
    <message>
        <source>Family</source>
        <translation>Keluarga</translation>
    </message>
    <message>
        <source>Letter or message</source>
        <translation>Surat atau pesan</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Lainnya</translation>
    </message>
    <message>
        <source>Well</source>
        <translation>Baik</translation>
    </message>
    <message>
        <source>Sick</source>
        <translation>Sakit</translation>
    </message>
    <message>
        <source>Has a problem</source>
        <translation>Bermasalah</translation>
    </message>
    <message>
        <source>Not known</source>
        <translation>Belum diketahui</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Catatan</translation>
    </message>
    <message>
        <source>News</source>
        <translation>Kabar</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Simpan</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <source>Red flags (recorded with the episode):</source>
        <translation>Tanda bahaya (dicatat bersama penempatan):</translation>
    </message>
    <message>
        <source>Fill in the date.</source>
        <translation>Isi tanggalnya.</translation>
    </message>
    <message>
        <source>Write the date as dd/mm/yyyy, for example 17/08/2024.</source>
        <translation>Tulis tanggal sebagai hh/bb/tttt, misalnya 17/08/2024.</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Something went wrong</source>
        <translation>Terjadi kesalahan</translation>
    </message>
    <message>
        <source>Cannot continue</source>
        <translation>Tidak dapat dilanjutkan</translation>
    </message>
    <message>
        <source>Copy debug info</source>
        <translation>Salin info debug</translation>
    </message>
    <message>
        <source>Open log folder</source>
        <translation>Buka folder log</translation>
    </message>
</context>
<context>
    <name>FamilyMemberDialog</name>
    <message>
        <source>Change a family member left behind</source>
        <translation>Ubah anggota keluarga yang ditinggalkan</translation>
    </message>
    <message>
        <source>Add a family member left behind</source>
        <translation>Tambah anggota keluarga yang ditinggalkan</translation>
    </message>
    <message>
        <source>Choose a member of the same family card, or type the name and birth date of someone not registered in the village.</source>
        <translation>Pilih anggota dari KK yang sama, atau ketik nama dan tanggal lahir orang yang tidak terdaftar di desa.</translation>
    </message>
    <message>
        <source>— not registered: type the name —</source>
        <translation>— tidak terdaftar: ketik namanya —</translation>
    </message>
    <message>
        <source>&amp;Member of the family card</source>
        <translation>&amp;Anggota KK</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Nama</translation>
    </message>
    <message>
        <source>&amp;Birth date</source>
        <translation>Tanggal &amp;lahir</translation>
    </message>
    <message>
        <source>&amp;Relation</source>
        <translation>&amp;Hubungan</translation>
    </message>
    <message>
        <source>&amp;Carer of the children (pengasuh)</source>
        <translation>&amp;Pengasuh anak</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Simpan</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <source>Write the date as dd/mm/yyyy, for example 17/08/2024.</source>
        <translation>Tulis tanggal sebagai hh/bb/tttt, misalnya 17/08/2024.</translation>
    </message>
</context>
<context>
    <name>FamilyTab</name>
    <message>
        <source>Name</source>
        <translation>Nama</translation>
    </message>
    <message>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <source>Relation to head</source>
        <translation>Hubungan dalam KK</translation>
    </message>
    <message>
        <source>Born</source>
        <translation>Lahir</translation>
    </message>
    <message>
        <source>Migrant status</source>
        <translation>Status migran</translation>
    </message>
    <message>
        <source>Relation</source>
        <translation>Hubungan</translation>
    </message>
    <message>
        <source>Carer</source>
        <translation>Pengasuh</translation>
    </message>
    <message>
        <source>Open selected family member</source>
        <translation>Buka data anggota keluarga yang dipilih</translation>
    </message>
    <message>
        <source>Family left behind (children of the migrant worker and their carer):</source>
        <translation>Keluarga yang ditinggalkan (anak pekerja migran dan pengasuhnya):</translation>
    </message>
    <message>
        <source>&amp;Add member...</source>
        <translation>&amp;Tambah anggota...</translation>
    </message>
    <message>
        <source>C&amp;hange...</source>
        <translation>&amp;Ubah...</translation>
    </message>
    <message>
        <source>Remove from the list</source>
        <translation>Hapus dari daftar</translation>
    </message>
    <message>
        <source>Members of family card {kk}: {n}</source>
        <translation>Anggota KK {kk}: {n} orang</translation>
    </message>
    <message>
        <source>No family card number recorded.</source>
        <translation>Nomor KK belum dicatat.</translation>
    </message>
    <message>
        <source>Children left behind by a migrant worker of this family ({names}):</source>
        <translation>Anak yang ditinggal oleh pekerja migran dari keluarga ini ({names}):</translation>
    </message>
    <message>
        <source>No children under 18 of a migrant worker on this family card.</source>
        <translation>Tidak ada anak di bawah 18 tahun dari pekerja migran pada KK ini.</translation>
    </message>
    <message>
        <source>carer</source>
        <translation>pengasuh</translation>
    </message>
    <message>
        <source>Remove {name} from the family left behind? The person&apos;s own record is not changed.</source>
        <translation>Hapus {name} dari daftar keluarga yang ditinggalkan? Data pribadi orang tersebut tidak berubah.</translation>
    </message>
</context>
<context>
    <name>Fields</name>
    <message>
        <source>dd/mm/yyyy</source>
        <translation>hh/bb/tttt</translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <source>1. Choose the file</source>
        <translation>1. Pilih berkas</translation>
    </message>
    <message>
        <source>OpenSID workbook (.xlsx/.xlsm), SIAK export (.xls) or any Excel or CSV list with one person per row.</source>
        <translation>Berkas OpenSID (.xlsx/.xlsm), ekspor SIAK (.xls) atau daftar Excel/CSV apa pun dengan satu orang per baris.</translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation>Telusuri...</translation>
    </message>
    <message>
        <source>People already registered: update the columns of the file</source>
        <translation>Penduduk yang sudah terdaftar: perbarui kolom yang ada di berkas</translation>
    </message>
    <message>
        <source>People already registered: skip them</source>
        <translation>Penduduk yang sudah terdaftar: lewati</translation>
    </message>
    <message>
        <source>Choose the list</source>
        <translation>Pilih daftar</translation>
    </message>
    <message>
        <source>Lists (*.xlsx *.xlsm *.xls *.csv);;All files (*)</source>
        <translation>Daftar (*.xlsx *.xlsm *.xls *.csv);;Semua berkas (*)</translation>
    </message>
    <message>
        <source>Choose a file first.</source>
        <translation>Pilih berkas dulu.</translation>
    </message>
    <message>
        <source>Reading the file...</source>
        <translation>Membaca berkas...</translation>
    </message>
</context>
<context>
    <name>FlagConfirmDialog</name>
    <message>
        <source>Red flags: check before saving</source>
        <translation>Tanda bahaya: periksa sebelum menyimpan</translation>
    </message>
    <message>
        <source>The rules found these red flags. The village should stop or postpone a risky departure. To record it anyway, write why; the reason is kept with the flags and travels to P4MI.</source>
        <translation>Aturan menemukan tanda bahaya berikut. Desa sebaiknya menghentikan atau menunda keberangkatan yang berisiko. Untuk tetap mencatatnya, tulis alasannya; alasan disimpan bersama tanda bahaya dan ikut terkirim ke P4MI.</translation>
    </message>
    <message>
        <source>&amp;Reason for going on</source>
        <translation>&amp;Alasan tetap melanjutkan</translation>
    </message>
    <message>
        <source>&amp;Go back</source>
        <translation>&amp;Kembali</translation>
    </message>
    <message>
        <source>Save &amp;anyway with this reason</source>
        <translation>Tetap &amp;simpan dengan alasan ini</translation>
    </message>
</context>
<context>
    <name>FollowUpDialog</name>
    <message>
        <source>(unchanged: {current})</source>
        <translation>(tetap: {current})</translation>
    </message>
    <message>
        <source>none</source>
        <translation>belum ada</translation>
    </message>
    <message>
        <source>Close the case</source>
        <translation>Tutup kasus</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>Tindak lanjut</translation>
    </message>
    <message>
        <source>Confidential case</source>
        <translation>Kasus rahasia</translation>
    </message>
    <message>
        <source>&amp;Date</source>
        <translation>Tan&amp;ggal</translation>
    </message>
    <message>
        <source>&amp;What was done</source>
        <translation>&amp;Yang dilakukan</translation>
    </message>
    <message>
        <source>&amp;How it ended</source>
        <translation>&amp;Bagaimana selesainya</translation>
    </message>
    <message>
        <source>Status &amp;after</source>
        <translation>St&amp;atus sesudahnya</translation>
    </message>
    <message>
        <source>&amp;Referred to</source>
        <translation>&amp;Dirujuk ke</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>Diproses</translation>
    </message>
    <message>
        <source>Closed (finished)</source>
        <translation>Selesai</translation>
    </message>
    <message>
        <source>&amp;Close case</source>
        <translation>&amp;Tutup kasus</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Simpan</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <source>Case closed.</source>
        <translation>Kasus selesai.</translation>
    </message>
</context>
<context>
    <name>Forms</name>
    <message>
        <source>Discard changes?</source>
        <translation>Buang perubahan?</translation>
    </message>
    <message>
        <source>You changed this form without saving. Close it and discard the changes?</source>
        <translation>Isian ini sudah diubah tetapi belum disimpan. Tutup dan buang perubahannya?</translation>
    </message>
    <message>
        <source>&amp;Discard changes</source>
        <translation>&amp;Buang perubahan</translation>
    </message>
    <message>
        <source>&amp;Keep editing</source>
        <translation>&amp;Lanjutkan mengisi</translation>
    </message>
</context>
<context>
    <name>FromP4miPanel</name>
    <message>
        <source>From P4MI</source>
        <translation>Dari P4MI</translation>
    </message>
    <message>
        <source>Import P4MI bulletin…</source>
        <translation>Impor buletin P4MI…</translation>
    </message>
    <message>
        <source>accepted by P4MI</source>
        <translation>diterima P4MI</translation>
    </message>
    <message>
        <source>in progress at P4MI</source>
        <translation>sedang diproses P4MI</translation>
    </message>
    <message>
        <source>referred on by P4MI</source>
        <translation>dirujuk lanjut oleh P4MI</translation>
    </message>
    <message>
        <source>done at P4MI</source>
        <translation>selesai di P4MI</translation>
    </message>
    <message>
        <source>Nothing from P4MI yet. The P4MI gives a bulletin file (.bmdb) with its receipt: it tells the status of the cases referred to it and the information to pass on to residents.</source>
        <translation>Belum ada kiriman dari P4MI. P4MI memberikan berkas buletin (.bmdb) bersama tanda terima: isinya status kasus yang dirujuk ke P4MI dan informasi yang perlu disampaikan kepada warga.</translation>
    </message>
    <message>
        <source>Bulletin of {when} from {who}</source>
        <translation>Buletin tanggal {when} dari {who}</translation>
    </message>
    <message>
        <source>Cases at P4MI ({n})</source>
        <translation>Kasus di P4MI ({n})</translation>
    </message>
    <message>
        <source>NIK checks by P4MI</source>
        <translation>Pemeriksaan NIK oleh P4MI</translation>
    </message>
    <message>
        <source>checked</source>
        <translation>sudah diperiksa</translation>
    </message>
    <message>
        <source>to check: the same NIK is held in village {v}</source>
        <translation>perlu diperiksa: NIK yang sama tercatat di desa {v}</translation>
    </message>
    <message>
        <source>Job orders (pass on to residents)</source>
        <translation>Lowongan kerja (sampaikan kepada warga)</translation>
    </message>
    <message>
        <source>Licensed P3MI</source>
        <translation>P3MI berizin</translation>
    </message>
    <message>
        <source>Destinations open or closed</source>
        <translation>Negara tujuan dibuka atau ditutup</translation>
    </message>
    <message>
        <source>Reference list updates</source>
        <translation>Pembaruan daftar referensi</translation>
    </message>
    <message>
        <source>Choose the P4MI bulletin file</source>
        <translation>Pilih berkas buletin P4MI</translation>
    </message>
    <message>
        <source>P4MI bulletins (*.bmdb);;All files (*)</source>
        <translation>Buletin P4MI (*.bmdb);;Semua berkas (*)</translation>
    </message>
    <message>
        <source>P4MI bulletin of {when} imported: {n} cases followed up by P4MI.</source>
        <translation>Buletin P4MI tanggal {when} diimpor: {n} kasus ditindaklanjuti P4MI.</translation>
    </message>
</context>
<context>
    <name>GuideView</name>
    <message>
        <source>This guide is written in Indonesian, the language of the village office.</source>
        <translation>Panduan ini ditulis dalam bahasa Indonesia, bahasa kantor desa.</translation>
    </message>
</context>
<context>
    <name>History</name>
    <message>
        <source>name</source>
        <translation>nama</translation>
    </message>
    <message>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <source>family card no.</source>
        <translation>no. KK</translation>
    </message>
    <message>
        <source>sex</source>
        <translation>jenis kelamin</translation>
    </message>
    <message>
        <source>birth place</source>
        <translation>tempat lahir</translation>
    </message>
    <message>
        <source>birth date</source>
        <translation>tanggal lahir</translation>
    </message>
    <message>
        <source>relation to head</source>
        <translation>hubungan dengan kepala keluarga</translation>
    </message>
    <message>
        <source>hamlet</source>
        <translation>dusun</translation>
    </message>
    <message>
        <source>address</source>
        <translation>alamat</translation>
    </message>
    <message>
        <source>phone</source>
        <translation>telepon</translation>
    </message>
    <message>
        <source>education</source>
        <translation>pendidikan</translation>
    </message>
    <message>
        <source>marital status</source>
        <translation>status perkawinan</translation>
    </message>
    <message>
        <source>passport no.</source>
        <translation>no. paspor</translation>
    </message>
    <message>
        <source>passport valid until</source>
        <translation>paspor berlaku sampai</translation>
    </message>
    <message>
        <source>BPJS Ketenagakerjaan no.</source>
        <translation>no. BPJS Ketenagakerjaan</translation>
    </message>
    <message>
        <source>life status</source>
        <translation>status hidup</translation>
    </message>
    <message>
        <source>notes</source>
        <translation>catatan</translation>
    </message>
    <message>
        <source>state</source>
        <translation>status</translation>
    </message>
    <message>
        <source>country</source>
        <translation>negara</translation>
    </message>
    <message>
        <source>city</source>
        <translation>kota</translation>
    </message>
    <message>
        <source>job</source>
        <translation>pekerjaan</translation>
    </message>
    <message>
        <source>sector</source>
        <translation>sektor</translation>
    </message>
    <message>
        <source>employer</source>
        <translation>pemberi kerja</translation>
    </message>
    <message>
        <source>scheme</source>
        <translation>skema</translation>
    </message>
    <message>
        <source>procedure</source>
        <translation>prosedur</translation>
    </message>
    <message>
        <source>registration date</source>
        <translation>tanggal pendaftaran</translation>
    </message>
    <message>
        <source>verification date</source>
        <translation>tanggal verifikasi</translation>
    </message>
    <message>
        <source>departure date</source>
        <translation>tanggal berangkat</translation>
    </message>
    <message>
        <source>contract start</source>
        <translation>mulai kontrak</translation>
    </message>
    <message>
        <source>contract end</source>
        <translation>akhir kontrak</translation>
    </message>
    <message>
        <source>expected return</source>
        <translation>perkiraan pulang</translation>
    </message>
    <message>
        <source>return date</source>
        <translation>tanggal pulang</translation>
    </message>
    <message>
        <source>return reason</source>
        <translation>alasan pulang</translation>
    </message>
    <message>
        <source>end date</source>
        <translation>tanggal selesai</translation>
    </message>
    <message>
        <source>reason</source>
        <translation>alasan</translation>
    </message>
    <message>
        <source>family consent by</source>
        <translation>izin keluarga dari</translation>
    </message>
    <message>
        <source>NIK of consenting person</source>
        <translation>NIK pemberi izin</translation>
    </message>
    <message>
        <source>relation of consenting person</source>
        <translation>hubungan pemberi izin</translation>
    </message>
    <message>
        <source>documents</source>
        <translation>dokumen</translation>
    </message>
    <message>
        <source>self-report (lapor diri)</source>
        <translation>lapor diri</translation>
    </message>
    <message>
        <source>date of news</source>
        <translation>tanggal kabar</translation>
    </message>
    <message>
        <source>through</source>
        <translation>melalui</translation>
    </message>
    <message>
        <source>condition</source>
        <translation>keadaan</translation>
    </message>
    <message>
        <source>news</source>
        <translation>kabar</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>dihapus</translation>
    </message>
    <message>
        <source>family member&apos;s name</source>
        <translation>nama anggota keluarga</translation>
    </message>
    <message>
        <source>family member&apos;s birth date</source>
        <translation>tanggal lahir anggota keluarga</translation>
    </message>
    <message>
        <source>relation</source>
        <translation>hubungan</translation>
    </message>
    <message>
        <source>carer of the children</source>
        <translation>pengasuh anak</translation>
    </message>
    <message>
        <source>type of case</source>
        <translation>jenis kasus</translation>
    </message>
    <message>
        <source>reported by</source>
        <translation>pelapor</translation>
    </message>
    <message>
        <source>report date</source>
        <translation>tanggal laporan</translation>
    </message>
    <message>
        <source>date it happened</source>
        <translation>tanggal kejadian</translation>
    </message>
    <message>
        <source>chronology</source>
        <translation>kronologi</translation>
    </message>
    <message>
        <source>referred to</source>
        <translation>dirujuk ke</translation>
    </message>
    <message>
        <source>status</source>
        <translation>status kasus</translation>
    </message>
    <message>
        <source>closing date</source>
        <translation>tanggal selesai</translation>
    </message>
    <message>
        <source>confidential</source>
        <translation>rahasia</translation>
    </message>
    <message>
        <source>follow-up date</source>
        <translation>tanggal tindak lanjut</translation>
    </message>
    <message>
        <source>follow-up note</source>
        <translation>catatan tindak lanjut</translation>
    </message>
    <message>
        <source>status afterwards</source>
        <translation>status sesudahnya</translation>
    </message>
    <message>
        <source>kind of activity</source>
        <translation>jenis kegiatan</translation>
    </message>
    <message>
        <source>title</source>
        <translation>judul</translation>
    </message>
    <message>
        <source>date held</source>
        <translation>tanggal kegiatan</translation>
    </message>
    <message>
        <source>place</source>
        <translation>tempat</translation>
    </message>
    <message>
        <source>organised by</source>
        <translation>penyelenggara</translation>
    </message>
    <message>
        <source>ID PMI / e-PMI no.</source>
        <translation>nomor ID PMI / e-PMI</translation>
    </message>
    <message>
        <source>visa type</source>
        <translation>jenis visa</translation>
    </message>
    <message>
        <source>visa no.</source>
        <translation>nomor visa</translation>
    </message>
    <message>
        <source>passport no. (this trip)</source>
        <translation>nomor paspor (perjalanan ini)</translation>
    </message>
    <message>
        <source>passport (this trip) valid until</source>
        <translation>paspor (perjalanan ini) berlaku sampai</translation>
    </message>
    <message>
        <source>work contract (PK) no.</source>
        <translation>nomor perjanjian kerja (PK)</translation>
    </message>
    <message>
        <source>wage</source>
        <translation>upah</translation>
    </message>
    <message>
        <source>foreign agency</source>
        <translation>agensi luar negeri (mitra usaha)</translation>
    </message>
    <message>
        <source>employer&apos;s address</source>
        <translation>alamat pemberi kerja</translation>
    </message>
    <message>
        <source>employer&apos;s phone</source>
        <translation>telepon pemberi kerja</translation>
    </message>
    <message>
        <source>phone abroad</source>
        <translation>telepon di luar negeri</translation>
    </message>
    <message>
        <source>heir or family contact</source>
        <translation>ahli waris / kontak keluarga</translation>
    </message>
    <message>
        <source>relation of the heir</source>
        <translation>hubungan ahli waris</translation>
    </message>
    <message>
        <source>phone of the heir</source>
        <translation>telepon ahli waris</translation>
    </message>
    <message>
        <source>BPJS Ketenagakerjaan status</source>
        <translation>status BPJS Ketenagakerjaan</translation>
    </message>
    <message>
        <source>self-report date</source>
        <translation>tanggal lapor diri</translation>
    </message>
    <message>
        <source>in process at</source>
        <translation>tempat proses</translation>
    </message>
    <message>
        <source>in process since</source>
        <translation>proses sejak</translation>
    </message>
    <message>
        <source>home leave from</source>
        <translation>cuti mulai</translation>
    </message>
    <message>
        <source>home leave until</source>
        <translation>cuti sampai</translation>
    </message>
    <message>
        <source>repatriation</source>
        <translation>status pemulangan</translation>
    </message>
    <message>
        <source>death benefit claim</source>
        <translation>klaim jaminan kematian</translation>
    </message>
    <message>
        <source>returnee&apos;s skills</source>
        <translation>keterampilan purna PMI</translation>
    </message>
    <message>
        <source>returnee&apos;s business</source>
        <translation>usaha purna PMI</translation>
    </message>
    <message>
        <source>use of remittances</source>
        <translation>penggunaan remitansi</translation>
    </message>
    <message>
        <source>plans to leave again</source>
        <translation>rencana berangkat lagi</translation>
    </message>
    <message>
        <source>red flag</source>
        <translation>tanda bahaya</translation>
    </message>
    <message>
        <source>severity</source>
        <translation>tingkat</translation>
    </message>
    <message>
        <source>rule version</source>
        <translation>versi aturan</translation>
    </message>
    <message>
        <source>step seen at</source>
        <translation>tahap dilihat</translation>
    </message>
    <message>
        <source>detail</source>
        <translation>rincian</translation>
    </message>
    <message>
        <source>seen at</source>
        <translation>dilihat pada</translation>
    </message>
    <message>
        <source>seen by</source>
        <translation>dilihat oleh</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>diterima</translation>
    </message>
    <message>
        <source>reason for accepting</source>
        <translation>alasan diterima</translation>
    </message>
    <message>
        <source>accepted by</source>
        <translation>diterima oleh</translation>
    </message>
    <message>
        <source>accepted at</source>
        <translation>diterima pada</translation>
    </message>
    <message>
        <source>no longer applies</source>
        <translation>sudah tidak berlaku</translation>
    </message>
    <message>
        <source>no longer applies since</source>
        <translation>tidak berlaku sejak</translation>
    </message>
    <message>
        <source>letter number</source>
        <translation>nomor surat</translation>
    </message>
    <message>
        <source>serial no.</source>
        <translation>nomor urut</translation>
    </message>
    <message>
        <source>year</source>
        <translation>tahun</translation>
    </message>
    <message>
        <source>letter date</source>
        <translation>tanggal surat</translation>
    </message>
    <message>
        <source>signed by</source>
        <translation>ditandatangani oleh</translation>
    </message>
    <message>
        <source>signer&apos;s title</source>
        <translation>jabatan penanda tangan</translation>
    </message>
    <message>
        <source>revoked</source>
        <translation>dicabut</translation>
    </message>
    <message>
        <source>reason revoked</source>
        <translation>alasan dicabut</translation>
    </message>
    <message>
        <source>content hash</source>
        <translation>hash isi</translation>
    </message>
    <message>
        <source>letter contents</source>
        <translation>isian surat</translation>
    </message>
    <message>
        <source>P4MI action</source>
        <translation>tindakan P4MI</translation>
    </message>
    <message>
        <source>village code</source>
        <translation>kode desa</translation>
    </message>
    <message>
        <source>file</source>
        <translation>berkas</translation>
    </message>
    <message>
        <source>to</source>
        <translation>ke</translation>
    </message>
    <message>
        <source>from</source>
        <translation>dari</translation>
    </message>
    <message>
        <source>role</source>
        <translation>peran</translation>
    </message>
    <message>
        <source>report</source>
        <translation>laporan</translation>
    </message>
    <message>
        <source>wrong tries</source>
        <translation>percobaan salah</translation>
    </message>
    <message>
        <source>Buku Register PMI</source>
        <translation>Buku Register PMI Desa</translation>
    </message>
    <message>
        <source>monthly recap</source>
        <translation>rekap bulanan</translation>
    </message>
    <message>
        <source>person&apos;s data sheet</source>
        <translation>lembar data perorangan</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(kosong)</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ya</translation>
    </message>
    <message>
        <source>no</source>
        <translation>tidak</translation>
    </message>
    <message>
        <source>added {what}</source>
        <translation>menambah {what}</translation>
    </message>
    <message>
        <source>deleted {what}</source>
        <translation>menghapus {what}</translation>
    </message>
    <message>
        <source>changed {what}</source>
        <translation>mengubah {what}</translation>
    </message>
    <message>
        <source>event: {action}</source>
        <translation>peristiwa: {action}</translation>
    </message>
    <message>
        <source>{field} (confidential, not shown)</source>
        <translation>{field} (rahasia, tidak ditampilkan)</translation>
    </message>
    <message>
        <source>{field} from “{old}” to “{new}”</source>
        <translation>{field} dari “{old}” menjadi “{new}”</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <source>{when} — {who} {what}</source>
        <translation>{when} — {who} {what}</translation>
    </message>
    <message>
        <source>(unknown operator)</source>
        <translation>(operator tidak diketahui)</translation>
    </message>
    <message>
        <source>Change history</source>
        <translation>Riwayat perubahan</translation>
    </message>
    <message>
        <source>Every change to this person and their migration records, newest first. Times are this computer&apos;s time.</source>
        <translation>Setiap perubahan pada data orang ini dan data migrasinya, yang terbaru di atas. Waktu menurut jam komputer ini.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
    <message>
        <source>Show &amp;confidential details</source>
        <translation>Tampilkan rincian &amp;rahasia</translation>
    </message>
    <message>
        <source>No changes recorded yet.</source>
        <translation>Belum ada perubahan yang tercatat.</translation>
    </message>
</context>
<context>
    <name>ImportListWizard</name>
    <message>
        <source>Import an existing list</source>
        <translation>Impor daftar yang sudah ada</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
    <message>
        <source>Undo last list import</source>
        <translation>Batalkan impor daftar terakhir</translation>
    </message>
    <message>
        <source>Undo the last list import? The people it added are removed and the values it changed are put back. A backup is made first.</source>
        <translation>Batalkan impor daftar terakhir? Orang yang ditambahkannya dihapus dan nilai yang diubahnya dikembalikan. Cadangan dibuat lebih dulu.</translation>
    </message>
    <message>
        <source>The import of {file} was undone: {removed} records removed, {restored} put back.</source>
        <translation>Impor {file} dibatalkan: {removed} data dihapus, {restored} dikembalikan.</translation>
    </message>
    <message>
        <source>Undoing the import...</source>
        <translation>Membatalkan impor...</translation>
    </message>
</context>
<context>
    <name>ImportView</name>
    <message>
        <source>Import bundles from villages</source>
        <translation>Impor paket dari desa</translation>
    </message>
    <message>
        <source>Choose bundle files (.bmd) or a whole folder, for example a USB stick with bundles of many villages. Each bundle is checked first and nothing changes until you press Import.</source>
        <translation>Pilih berkas paket (.bmd) atau satu folder, misalnya flashdisk berisi paket dari banyak desa. Setiap paket diperiksa dulu dan tidak ada yang berubah sampai Anda menekan Impor.</translation>
    </message>
    <message>
        <source>Choose bundle files…</source>
        <translation>Pilih berkas paket…</translation>
    </message>
    <message>
        <source>Choose a folder…</source>
        <translation>Pilih folder…</translation>
    </message>
    <message>
        <source>Import only the valid rows</source>
        <translation>Impor hanya baris yang valid</translation>
    </message>
    <message>
        <source>Normally a bundle with any row error is refused whole. With this option the valid rows are imported and the receipt lists the rejected rows for the village to fix.</source>
        <translation>Biasanya paket yang berisi baris salah ditolak seluruhnya. Dengan pilihan ini baris yang benar diimpor dan tanda terima mencantumkan baris yang ditolak agar diperbaiki desa.</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Impor</translation>
    </message>
    <message>
        <source>Write receipts…</source>
        <translation>Tulis tanda terima…</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Berkas</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>Desa</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>Nomor</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Jenis</translation>
    </message>
    <message>
        <source>Encryption</source>
        <translation>Enkripsi</translation>
    </message>
    <message>
        <source>Check result</source>
        <translation>Hasil pemeriksaan</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>Lembar</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>Baris</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Kolom</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Alasan</translation>
    </message>
    <message>
        <source>Rows with errors</source>
        <translation>Baris bermasalah</translation>
    </message>
    <message>
        <source>Choose bundle files</source>
        <translation>Pilih berkas paket</translation>
    </message>
    <message>
        <source>Bundles (*.bmd);;All files (*)</source>
        <translation>Paket (*.bmd);;Semua berkas (*)</translation>
    </message>
    <message>
        <source>Choose the folder or USB stick with bundles</source>
        <translation>Pilih folder atau flashdisk berisi paket</translation>
    </message>
    <message>
        <source>No bundle files (.bmd) in {folder}.</source>
        <translation>Tidak ada berkas paket (.bmd) di {folder}.</translation>
    </message>
    <message>
        <source>Checking bundle {n} of {total}…</source>
        <translation>Memeriksa paket {n} dari {total}…</translation>
    </message>
    <message>
        <source>{n} bundles checked, {ready} can be imported. Look at each one, then press Import.</source>
        <translation>{n} paket diperiksa, {ready} dapat diimpor. Periksa satu per satu, lalu tekan Impor.</translation>
    </message>
    <message>
        <source>Checking bundles…</source>
        <translation>Memeriksa paket…</translation>
    </message>
    <message>
        <source>Check cancelled.</source>
        <translation>Pemeriksaan dibatalkan.</translation>
    </message>
    <message>
        <source>refused: {reason}</source>
        <translation>ditolak: {reason}</translation>
    </message>
    <message>
        <source>already imported earlier</source>
        <translation>sudah diimpor sebelumnya</translation>
    </message>
    <message>
        <source>{n} new</source>
        <translation>{n} baru</translation>
    </message>
    <message>
        <source>{n} updated</source>
        <translation>{n} diubah</translation>
    </message>
    <message>
        <source>{n} deleted</source>
        <translation>{n} dihapus</translation>
    </message>
    <message>
        <source>{n} rows with errors</source>
        <translation>{n} baris bermasalah</translation>
    </message>
    <message>
        <source>{n} conflicts</source>
        <translation>{n} konflik</translation>
    </message>
    <message>
        <source>{n} NIK also in another village</source>
        <translation>{n} NIK juga ada di desa lain</translation>
    </message>
    <message>
        <source>missing no. {numbers}</source>
        <translation>nomor hilang {numbers}</translation>
    </message>
    <message>
        <source>signature and key checked; rows are checked on import</source>
        <translation>tanda tangan dan kunci sudah diperiksa; baris diperiksa saat impor</translation>
    </message>
    <message>
        <source>new village key</source>
        <translation>kunci desa baru</translation>
    </message>
    <message>
        <source>new hub key</source>
        <translation>kunci hub baru</translation>
    </message>
    <message>
        <source>skipped: key not confirmed</source>
        <translation>dilewati: kunci belum dipastikan</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>ditolak</translation>
    </message>
    <message>
        <source>imported</source>
        <translation>diimpor</translation>
    </message>
    <message>
        <source>imported, {n} rows rejected</source>
        <translation>diimpor, {n} baris ditolak</translation>
    </message>
    <message>
        <source>already imported</source>
        <translation>sudah diimpor</translation>
    </message>
    <message>
        <source>refused: rows with errors</source>
        <translation>ditolak: ada baris bermasalah</translation>
    </message>
    <message>
        <source>full</source>
        <translation>lengkap</translation>
    </message>
    <message>
        <source>changes</source>
        <translation>perubahan</translation>
    </message>
    <message>
        <source>{hub}, {n} villages</source>
        <translation>{hub}, {n} desa</translation>
    </message>
    <message>
        <source>regency package, {kind}</source>
        <translation>paket kabupaten, {kind}</translation>
    </message>
    <message>
        <source>encrypted</source>
        <translation>terenkripsi</translation>
    </message>
    <message>
        <source>NOT encrypted</source>
        <translation>TIDAK terenkripsi</translation>
    </message>
    <message>
        <source>Rows with errors: {n}</source>
        <translation>Baris bermasalah: {n}</translation>
    </message>
    <message>
        <source>I phoned the sending hub&apos;s clerk: the fingerprint {fp} is the same</source>
        <translation>Saya sudah menelepon petugas hub pengirim: kode kunci {fp} sama</translation>
    </message>
    <message>
        <source>I phoned the village operator: the fingerprint {fp} is the same</source>
        <translation>Saya sudah menelepon operator desa: kode kunci {fp} sama</translation>
    </message>
    <message>
        <source>This bundle is refused and changes nothing:</source>
        <translation>Paket ini ditolak dan tidak mengubah apa pun:</translation>
    </message>
    <message>
        <source>Village {name} ({code}), bundle no. {n} ({kind}), made on {when}; {enc}.</source>
        <translation>Desa {name} ({code}), paket no. {n} ({kind}), dibuat {when}; {enc}.</translation>
    </message>
    <message>
        <source>This very file was imported before; importing it again changes nothing.</source>
        <translation>Berkas yang sama ini sudah pernah diimpor; mengimpornya lagi tidak mengubah apa pun.</translation>
    </message>
    <message>
        <source>Reading the rows of this bundle…</source>
        <translation>Membaca baris paket ini…</translation>
    </message>
    <message>
        <source>Refused: {n} rows have errors, nothing changed. Tick &quot;Import only the valid rows&quot; to import the rest, or ask the village to fix them.</source>
        <translation>Ditolak: {n} baris bermasalah, tidak ada yang berubah. Centang &quot;Impor hanya baris yang valid&quot; untuk mengimpor sisanya, atau minta desa memperbaikinya.</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Baru</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Diubah</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>Tetap</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Dihapus</translation>
    </message>
    <message>
        <source>Older</source>
        <translation>Lebih lama</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>Konflik</translation>
    </message>
    <message>
        <source>With errors</source>
        <translation>Bermasalah</translation>
    </message>
    <message>
        <source>First package from the hub {code}. Its key fingerprint is {fp}. Phone that hub&apos;s clerk and compare it before importing.</source>
        <translation>Paket pertama dari hub {code}. Kode kuncinya {fp}. Telepon petugas hub itu dan cocokkan sebelum mengimpor.</translation>
    </message>
    <message>
        <source>First bundle from this village. Its key fingerprint is {fp}. Phone the village operator (page &quot;P4MI bundle&quot; in their application) and compare it before importing.</source>
        <translation>Paket pertama dari desa ini. Kode kuncinya {fp}. Telepon operator desa (halaman &quot;Paket P4MI&quot; di aplikasinya) dan cocokkan sebelum mengimpor.</translation>
    </message>
    <message>
        <source>Bundle numbers not received from this village: {numbers}. The import goes on; the village&apos;s next bundle carries those changes again.</source>
        <translation>Nomor paket dari desa ini yang belum diterima: {numbers}. Impor tetap berjalan; paket berikutnya dari desa membawa ulang perubahannya.</translation>
    </message>
    <message>
        <source>{n} rows are older than what P4MI already holds; they will not overwrite newer data.</source>
        <translation>{n} baris lebih lama daripada yang sudah dipegang P4MI; baris itu tidak menimpa data yang lebih baru.</translation>
    </message>
    <message>
        <source>{n} rows conflict with what P4MI holds; P4MI keeps its row and the incoming one is kept for review.</source>
        <translation>{n} baris bertentangan dengan data P4MI; P4MI mempertahankan barisnya dan baris kiriman disimpan untuk diperiksa.</translation>
    </message>
    <message>
        <source>NIK {nik} (sheet {sheet}, row {row}) is also held for village {other}. It is not merged; see &quot;Same NIK&quot;.</source>
        <translation>NIK {nik} (lembar {sheet}, baris {row}) juga tercatat di desa {other}. Tidak digabung; lihat &quot;NIK ganda&quot;.</translation>
    </message>
    <message>
        <source>{n} rows have errors (list on the right). By default the whole bundle is refused; tick &quot;Import only the valid rows&quot; to import the rest.</source>
        <translation>{n} baris bermasalah (daftar di kanan). Biasanya seluruh paket ditolak; centang &quot;Impor hanya baris yang valid&quot; untuk mengimpor sisanya.</translation>
    </message>
    <message>
        <source>Regency package of {name} ({code}), no. {n} ({kind}), made on {when}; {enc}. It holds {count} villages; each is checked and merged like its own bundle, and the whole package is imported at once or not at all.</source>
        <translation>Paket kabupaten {name} ({code}), nomor {n} ({kind}), dibuat {when}; {enc}. Isinya {count} desa; tiap desa diperiksa dan digabung seperti paketnya sendiri, dan seluruh paket diimpor sekaligus atau tidak sama sekali.</translation>
    </message>
    <message>
        <source>All villages together:</source>
        <translation>Semua desa bersama-sama:</translation>
    </message>
    <message>
        <source>Nothing to import: confirm the key fingerprint of new villages first.</source>
        <translation>Tidak ada yang diimpor: pastikan dulu kode kunci desa baru.</translation>
    </message>
    <message>
        <source>Import cancelled. Bundles finished before the cancel stay imported; the one in progress changed nothing.</source>
        <translation>Impor dibatalkan. Paket yang selesai sebelum pembatalan tetap diimpor; paket yang sedang berjalan tidak mengubah apa pun.</translation>
    </message>
    <message>
        <source>Importing bundles…</source>
        <translation>Mengimpor paket…</translation>
    </message>
    <message>
        <source>{ok} bundles imported, {refused} refused, {skipped} skipped.</source>
        <translation>{ok} paket diimpor, {refused} ditolak, {skipped} dilewati.</translation>
    </message>
    <message>
        <source>Write the receipts for the villages now (Write receipts…).</source>
        <translation>Tulis tanda terima untuk desa sekarang (Tulis tanda terima…).</translation>
    </message>
    <message>
        <source>Choose the folder for the receipts</source>
        <translation>Pilih folder untuk tanda terima</translation>
    </message>
    <message>
        <source>{n} receipts written to {folder}: {files}</source>
        <translation>{n} tanda terima ditulis ke {folder}: {files}</translation>
    </message>
    <message>
        <source>Not written: {list}</source>
        <translation>Tidak ditulis: {list}</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Prospective migrant worker (CPMI)</source>
        <translation>Calon PMI</translation>
    </message>
    <message>
        <source>Migrant worker abroad (PMI)</source>
        <translation>PMI (di luar negeri)</translation>
    </message>
    <message>
        <source>Returned migrant worker</source>
        <translation>Purna PMI</translation>
    </message>
    <message>
        <source>Not a migrant worker</source>
        <translation>Bukan pekerja migran</translation>
    </message>
    <message>
        <source>CPMI</source>
        <translation>Calon PMI</translation>
    </message>
    <message>
        <source>PMI abroad</source>
        <translation>PMI di luar negeri</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>Purna PMI</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Bukan</translation>
    </message>
    <message>
        <source>Alive</source>
        <translation>Hidup</translation>
    </message>
    <message>
        <source>Deceased</source>
        <translation>Meninggal</translation>
    </message>
    <message>
        <source>Moved away</source>
        <translation>Pindah</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>Terdaftar</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>Terverifikasi</translation>
    </message>
    <message>
        <source>Departed (abroad)</source>
        <translation>Berangkat (di luar negeri)</translation>
    </message>
    <message>
        <source>Returned home</source>
        <translation>Pulang</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Batal</translation>
    </message>
    <message>
        <source>Failed to depart</source>
        <translation>Gagal berangkat</translation>
    </message>
    <message>
        <source>In process (P3MI, training, shelter)</source>
        <translation>Dalam proses (P3MI, pelatihan, penampungan)</translation>
    </message>
    <message>
        <source>Home leave</source>
        <translation>Cuti</translation>
    </message>
    <message>
        <source>Prevented / not recommended</source>
        <translation>Dicegah / tidak direkomendasikan</translation>
    </message>
    <message>
        <source>high</source>
        <translation>tinggi</translation>
    </message>
    <message>
        <source>medium</source>
        <translation>sedang</translation>
    </message>
    <message>
        <source>low</source>
        <translation>rendah</translation>
    </message>
    <message>
        <source>registration</source>
        <translation>pendaftaran</translation>
    </message>
    <message>
        <source>verification</source>
        <translation>verifikasi</translation>
    </message>
    <message>
        <source>departure</source>
        <translation>keberangkatan</translation>
    </message>
    <message>
        <source>Procedural</source>
        <translation>Prosedural</translation>
    </message>
    <message>
        <source>Suspected non-procedural</source>
        <translation>Diduga non-prosedural</translation>
    </message>
    <message>
        <source>Not known yet</source>
        <translation>Belum diketahui</translation>
    </message>
    <message>
        <source>Male</source>
        <translation>Laki-laki</translation>
    </message>
    <message>
        <source>Female</source>
        <translation>Perempuan</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Baru</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>Diproses</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Selesai</translation>
    </message>
    <message>
        <source>resident</source>
        <translation>data penduduk</translation>
    </message>
    <message>
        <source>migration episode</source>
        <translation>data penempatan</translation>
    </message>
    <message>
        <source>news from abroad</source>
        <translation>kabar dari luar negeri</translation>
    </message>
    <message>
        <source>family member</source>
        <translation>anggota keluarga</translation>
    </message>
    <message>
        <source>case</source>
        <translation>kasus</translation>
    </message>
    <message>
        <source>case follow-up</source>
        <translation>tindak lanjut kasus</translation>
    </message>
    <message>
        <source>activity</source>
        <translation>kegiatan</translation>
    </message>
    <message>
        <source>activity participant</source>
        <translation>peserta kegiatan</translation>
    </message>
    <message>
        <source>red flag</source>
        <translation>tanda bahaya</translation>
    </message>
    <message>
        <source>village letter</source>
        <translation>surat desa</translation>
    </message>
    <message>
        <source>P4MI case action</source>
        <translation>tindakan kasus P4MI</translation>
    </message>
    <message>
        <source>{n} villages</source>
        <translation>{n} desa/kelurahan</translation>
    </message>
</context>
<context>
    <name>LetterDialog</name>
    <message>
        <source>New letter</source>
        <translation>Surat baru</translation>
    </message>
    <message>
        <source>Letter for {name} (NIK {nik})</source>
        <translation>Surat untuk {name} (NIK {nik})</translation>
    </message>
    <message>
        <source>Family consent letter (Surat Izin Keluarga)</source>
        <translation>Surat Izin Keluarga</translation>
    </message>
    <message>
        <source>Marital status statement</source>
        <translation>Surat Keterangan Status Perkawinan</translation>
    </message>
    <message>
        <source>Cover letter for the Disnaker and the P3MI</source>
        <translation>Surat Keterangan / Pengantar CPMI ke Disnaker dan P3MI</translation>
    </message>
    <message>
        <source>Domicile statement</source>
        <translation>Surat Keterangan Domisili</translation>
    </message>
    <message>
        <source>Village head</source>
        <translation>Kepala desa</translation>
    </message>
    <message>
        <source>Village secretary (a.n. the village head)</source>
        <translation>Sekretaris desa (a.n. kepala desa)</translation>
    </message>
    <message>
        <source>&amp;Type</source>
        <translation>&amp;Jenis surat</translation>
    </message>
    <message>
        <source>&amp;Signed by</source>
        <translation>&amp;Penanda tangan</translation>
    </message>
    <message>
        <source>&amp;Purpose</source>
        <translation>Kep&amp;erluan</translation>
    </message>
    <message>
        <source>P&amp;aper</source>
        <translation>&amp;Kertas</translation>
    </message>
    <message>
        <source>&amp;From the KK</source>
        <translation>&amp;Dari KK</translation>
    </message>
    <message>
        <source>Open the PDF after saving</source>
        <translation>Buka PDF setelah disimpan</translation>
    </message>
    <message>
        <source>Consenting spouse, parent or guardian</source>
        <translation>Pemberi izin: suami/istri, orang tua, atau wali</translation>
    </message>
    <message>
        <source>(type name and NIK below)</source>
        <translation>(ketik nama dan NIK di bawah)</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Nama</translation>
    </message>
    <message>
        <source>NI&amp;K</source>
        <translation>NIK pemberi &amp;izin</translation>
    </message>
    <message>
        <source>&amp;Relation</source>
        <translation>&amp;Hubungan</translation>
    </message>
    <message>
        <source>&amp;Make letter</source>
        <translation>&amp;Buat surat</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
    <message>
        <source>The letter {number} is in the register, but the PDF could not be written: {error}. Reprint it from the Letters view.</source>
        <translation>Surat {number} sudah tercatat di register, tetapi PDF-nya tidak dapat ditulis: {error}. Cetak ulang dari halaman Surat.</translation>
    </message>
    <message>
        <source>Letter number &lt;b&gt;{number}&lt;/b&gt;&lt;br&gt;Check code &lt;b&gt;{code}&lt;/b&gt;&lt;br&gt;Saved: {path}</source>
        <translation>Nomor surat &lt;b&gt;{number}&lt;/b&gt;&lt;br&gt;Kode periksa &lt;b&gt;{code}&lt;/b&gt;&lt;br&gt;Disimpan: {path}</translation>
    </message>
</context>
<context>
    <name>LetterSettingsDialog</name>
    <message>
        <source>Choose...</source>
        <translation>Pilih...</translation>
    </message>
    <message>
        <source>Village head&apos;s name</source>
        <translation>Nama kepala desa</translation>
    </message>
    <message>
        <source>Head&apos;s title (empty: Kepala Desa ...)</source>
        <translation>Jabatan kepala desa (kosong: Kepala Desa ...)</translation>
    </message>
    <message>
        <source>Village secretary&apos;s name</source>
        <translation>Nama sekretaris desa</translation>
    </message>
    <message>
        <source>Office address</source>
        <translation>Alamat kantor desa</translation>
    </message>
    <message>
        <source>Logo (PNG or JPEG, optional)</source>
        <translation>Logo (PNG atau JPEG, boleh kosong)</translation>
    </message>
    <message>
        <source>Letter number pattern</source>
        <translation>Pola nomor surat</translation>
    </message>
    <message>
        <source>Pattern fields: {kode} classification code, {nomor} running number, {singkatan} letter abbreviation, {bulan_romawi}, {bulan}, {tahun}.</source>
        <translation>Kolom pola: {kode} kode klasifikasi, {nomor} nomor urut, {singkatan} singkatan surat, {bulan_romawi}, {bulan}, {tahun}.</translation>
    </message>
    <message>
        <source>Letterhead and signer</source>
        <translation>Kop surat dan penanda tangan</translation>
    </message>
    <message>
        <source>Village logo</source>
        <translation>Logo desa</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg)</source>
        <translation>Gambar (*.png *.jpg *.jpeg)</translation>
    </message>
</context>
<context>
    <name>LettersView</name>
    <message>
        <source>Every letter gets a number of its own that is never reused. Letters are made from a person&apos;s record (button Letter...) or with New letter; each carries a QR code and a check code that the P4MI can verify offline.</source>
        <translation>Setiap surat mendapat nomor sendiri yang tidak pernah dipakai ulang. Surat dibuat dari data orang (tombol Surat...) atau dengan Surat baru; setiap surat memuat kode QR dan kode periksa yang dapat diperiksa P4MI tanpa internet.</translation>
    </message>
    <message>
        <source>&amp;Year</source>
        <translation>&amp;Tahun</translation>
    </message>
    <message>
        <source>&amp;New letter...</source>
        <translation>Surat &amp;baru...</translation>
    </message>
    <message>
        <source>&amp;Reprint</source>
        <translation>&amp;Cetak ulang</translation>
    </message>
    <message>
        <source>Re&amp;voke...</source>
        <translation>Ca&amp;but...</translation>
    </message>
    <message>
        <source>Print agenda &amp;book</source>
        <translation>Cetak buku &amp;agenda</translation>
    </message>
    <message>
        <source>Letterhead and &amp;signer...</source>
        <translation>Kop surat dan &amp;penanda tangan...</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Nomor</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Tanggal</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Jenis</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nama</translation>
    </message>
    <message>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <source>Signed by</source>
        <translation>Penanda tangan</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Revoked: {reason}</source>
        <translation>Dicabut: {reason}</translation>
    </message>
    <message>
        <source>Valid</source>
        <translation>Berlaku</translation>
    </message>
    <message>
        <source>(one person only)</source>
        <translation>(hanya satu orang)</translation>
    </message>
    <message>
        <source>New letter: choose the person</source>
        <translation>Surat baru: pilih orangnya</translation>
    </message>
    <message>
        <source>Reprinted {number} (check code {code}): {path}</source>
        <translation>Dicetak ulang {number} (kode periksa {code}): {path}</translation>
    </message>
    <message>
        <source>Revoke letter</source>
        <translation>Cabut surat</translation>
    </message>
    <message>
        <source>Why is this letter revoked? The P4MI will see it after the next bundle.</source>
        <translation>Mengapa surat ini dicabut? P4MI akan melihatnya setelah paket berikutnya.</translation>
    </message>
    <message>
        <source>Agenda book saved: {path}</source>
        <translation>Buku agenda disimpan: {path}</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Buku Migran Desa: sign in</source>
        <translation>Buku Migran Desa: masuk</translation>
    </message>
    <message>
        <source>Register of {office}. Choose your name and type your PIN.</source>
        <translation>Buku register {office}. Pilih nama Anda lalu ketik PIN.</translation>
    </message>
    <message>
        <source>The register was locked because the laptop was not used for a while. Type your PIN to continue.</source>
        <translation>Buku register dikunci karena laptop tidak dipakai beberapa saat. Ketik PIN untuk melanjutkan.</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Nama</translation>
    </message>
    <message>
        <source>&amp;PIN</source>
        <translation>&amp;PIN</translation>
    </message>
    <message>
        <source>&amp;Sign in</source>
        <translation>&amp;Masuk</translation>
    </message>
    <message>
        <source>Close the program</source>
        <translation>Tutup program</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Home</source>
        <translation>Beranda</translation>
    </message>
    <message>
        <source>Residents</source>
        <translation>Penduduk</translation>
    </message>
    <message>
        <source>Migration</source>
        <translation>Migrasi</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>Kasus</translation>
    </message>
    <message>
        <source>Activities</source>
        <translation>Kegiatan</translation>
    </message>
    <message>
        <source>Letters</source>
        <translation>Surat</translation>
    </message>
    <message>
        <source>P4MI bundle</source>
        <translation>Paket P4MI</translation>
    </message>
    <message>
        <source>Guide</source>
        <translation>Panduan</translation>
    </message>
    <message>
        <source>This part is not available in this version yet.</source>
        <translation>Bagian ini belum tersedia di versi ini.</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Berkas</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Keluar</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Buka</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Muat ulang</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>&amp;Cari</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>B&amp;ahasa</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Ban&amp;tuan</translation>
    </message>
    <message>
        <source>&amp;Guide</source>
        <translation>&amp;Panduan</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>&amp;Tentang</translation>
    </message>
    <message>
        <source>P4MI {name} ({code})   Operator: {operator}</source>
        <translation>P4MI {name} ({code})   Petugas: {operator}</translation>
    </message>
    <message>
        <source>Village: {name} ({code})   Operator: {operator}</source>
        <translation>Desa: {name} ({code})   Operator: {operator}</translation>
    </message>
    <message>
        <source>&amp;Privacy notice</source>
        <translation>Pemberitahuan &amp;privasi</translation>
    </message>
    <message>
        <source>Prepare a &amp;training package...</source>
        <translation>Siapkan paket &amp;pelatihan...</translation>
    </message>
    <message>
        <source>About</source>
        <translation>Tentang</translation>
    </message>
    <message>
        <source>{app} {version}
The village register of migrant workers (UU 18/2017 Pasal 42).

Region list: {source}</source>
        <translation>{app} {version}
Buku register pekerja migran desa (UU 18/2017 Pasal 42).

Daftar wilayah: {source}</translation>
    </message>
    <message>
        <source>Please wait</source>
        <translation>Mohon tunggu</translation>
    </message>
    <message>
        <source>A task is still running. Wait until it finishes or press Cancel in its progress window, then close again.</source>
        <translation>Masih ada pekerjaan yang berjalan. Tunggu sampai selesai atau tekan Batal di jendela kemajuannya, lalu tutup lagi.</translation>
    </message>
    <message>
        <source>Regency</source>
        <translation>Kabupaten</translation>
    </message>
    <message>
        <source>Import bundles</source>
        <translation>Impor paket</translation>
    </message>
    <message>
        <source>Villages</source>
        <translation>Desa</translation>
    </message>
    <message>
        <source>Same NIK</source>
        <translation>NIK ganda</translation>
    </message>
    <message>
        <source>Recap and receipts</source>
        <translation>Rekap &amp; tanda terima</translation>
    </message>
    <message>
        <source>Find a person</source>
        <translation>Cari orang</translation>
    </message>
    <message>
        <source>Case desk</source>
        <translation>Meja kasus</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>Laporan</translation>
    </message>
    <message>
        <source>Check letter</source>
        <translation>Periksa surat</translation>
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message>
        <source>2. Which column is which?</source>
        <translation>2. Kolom mana berisi apa?</translation>
    </message>
    <message>
        <source>Column in the file</source>
        <translation>Kolom di berkas</translation>
    </message>
    <message>
        <source>First value</source>
        <translation>Isi pertama</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Isian</translation>
    </message>
    <message>
        <source>The mapping remembered for this kind of file is used.</source>
        <translation>Pemetaan yang diingat untuk jenis berkas ini dipakai.</translation>
    </message>
    <message>
        <source>The columns were guessed from their names. Check them.</source>
        <translation>Kolom ditebak dari judulnya. Periksa lagi.</translation>
    </message>
    <message>
        <source>Sheet &apos;{sheet}&apos;, header in row {row}, {count} rows.</source>
        <translation>Lembar &apos;{sheet}&apos;, judul kolom di baris {row}, {count} baris.</translation>
    </message>
    <message>
        <source>(not imported)</source>
        <translation>(tidak diimpor)</translation>
    </message>
    <message>
        <source>Checking every row...</source>
        <translation>Memeriksa setiap baris...</translation>
    </message>
</context>
<context>
    <name>MigrationPanel</name>
    <message>
        <source>Register as CPMI...</source>
        <translation>Daftarkan sebagai CPMI...</translation>
    </message>
    <message>
        <source>Verify...</source>
        <translation>Verifikasi...</translation>
    </message>
    <message>
        <source>Record departure...</source>
        <translation>Catat keberangkatan...</translation>
    </message>
    <message>
        <source>Record return...</source>
        <translation>Catat kepulangan...</translation>
    </message>
    <message>
        <source>Cancelled / failed...</source>
        <translation>Batal / gagal berangkat...</translation>
    </message>
    <message>
        <source>Documents...</source>
        <translation>Dokumen...</translation>
    </message>
    <message>
        <source>Departure learned later...</source>
        <translation>Keberangkatan yang baru diketahui...</translation>
    </message>
    <message>
        <source>Past trip (returned)...</source>
        <translation>Perjalanan lampau (sudah pulang)...</translation>
    </message>
    <message>
        <source>Add news from abroad...</source>
        <translation>Tambah kabar dari luar negeri...</translation>
    </message>
    <message>
        <source>Change placement...</source>
        <translation>Ubah penempatan...</translation>
    </message>
    <message>
        <source>Prevented (dicegah)...</source>
        <translation>Dicegah desa...</translation>
    </message>
    <message>
        <source>In process...</source>
        <translation>Dalam proses...</translation>
    </message>
    <message>
        <source>Home leave...</source>
        <translation>Cuti...</translation>
    </message>
    <message>
        <source>Back from leave...</source>
        <translation>Kembali dari cuti...</translation>
    </message>
    <message>
        <source>Trip details...</source>
        <translation>Rincian perjalanan...</translation>
    </message>
    <message>
        <source>Returnee profile...</source>
        <translation>Profil purna PMI...</translation>
    </message>
    <message>
        <source>Self-report done (lapor diri, Peduli WNI)</source>
        <translation>Sudah lapor diri (Peduli WNI)</translation>
    </message>
    <message>
        <source>Migration episodes (oldest first)</source>
        <translation>Riwayat penempatan (yang terlama di atas)</translation>
    </message>
    <message>
        <source>News from abroad (newest first)</source>
        <translation>Kabar dari luar negeri (yang terbaru di atas)</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Negara</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>Pekerjaan</translation>
    </message>
    <message>
        <source>Procedure</source>
        <translation>Prosedur</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>Terdaftar</translation>
    </message>
    <message>
        <source>Departed</source>
        <translation>Berangkat</translation>
    </message>
    <message>
        <source>Expected return</source>
        <translation>Perkiraan pulang</translation>
    </message>
    <message>
        <source>Returned / ended</source>
        <translation>Pulang / selesai</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Tanggal</translation>
    </message>
    <message>
        <source>Through</source>
        <translation>Melalui</translation>
    </message>
    <message>
        <source>Condition</source>
        <translation>Keadaan</translation>
    </message>
    <message>
        <source>News</source>
        <translation>Kabar</translation>
    </message>
    <message>
        <source>No migration recorded for this person.</source>
        <translation>Belum ada data migrasi untuk orang ini.</translation>
    </message>
    <message>
        <source>State: {state}.</source>
        <translation>Status: {state}.</translation>
    </message>
    <message>
        <source>Employer: {v}.</source>
        <translation>Pemberi kerja: {v}.</translation>
    </message>
    <message>
        <source>P3MI: {v}.</source>
        <translation>P3MI: {v}.</translation>
    </message>
    <message>
        <source>Scheme: {v}.</source>
        <translation>Skema: {v}.</translation>
    </message>
    <message>
        <source>Family consent: {name} ({relation}).</source>
        <translation>Izin keluarga: {name} ({relation}).</translation>
    </message>
    <message>
        <source>No family consent recorded.</source>
        <translation>Belum ada izin keluarga.</translation>
    </message>
    <message>
        <source>Documents: {docs}.</source>
        <translation>Dokumen: {docs}.</translation>
    </message>
    <message>
        <source>No documents ticked.</source>
        <translation>Belum ada dokumen yang dicentang.</translation>
    </message>
    <message>
        <source>Return reason: {v}.</source>
        <translation>Alasan pulang: {v}.</translation>
    </message>
    <message>
        <source>Reason: {v}.</source>
        <translation>Alasan: {v}.</translation>
    </message>
    <message>
        <source>Skills: {v}.</source>
        <translation>Keahlian: {v}.</translation>
    </message>
    <message>
        <source>Business: {v}.</source>
        <translation>Usaha: {v}.</translation>
    </message>
    <message>
        <source>Remittances: {v}.</source>
        <translation>Remitansi: {v}.</translation>
    </message>
    <message>
        <source>Plan to leave again: {v}.</source>
        <translation>Rencana berangkat lagi: {v}.</translation>
    </message>
    <message>
        <source>Accepted by {who}: {why}</source>
        <translation>Diterima oleh {who}: {why}</translation>
    </message>
    <message>
        <source>Red flags:</source>
        <translation>Tanda bahaya:</translation>
    </message>
</context>
<context>
    <name>MigrationView</name>
    <message>
        <source>Search name or NIK</source>
        <translation>Cari nama atau NIK</translation>
    </message>
    <message>
        <source>Past expected return</source>
        <translation>Lewat perkiraan pulang</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>Hapus saringan</translation>
    </message>
    <message>
        <source>&amp;Open person</source>
        <translation>&amp;Buka data orang</translation>
    </message>
    <message>
        <source>Register, depart and return are recorded in the person&apos;s record (Migration tab). New person: Residents &gt; New.</source>
        <translation>Pendaftaran, keberangkatan dan kepulangan dicatat di data orangnya (tab Migrasi). Orang baru: Penduduk &gt; Penduduk baru.</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>Semua status</translation>
    </message>
    <message>
        <source>Not finished (incl. home leave)</source>
        <translation>Belum selesai (termasuk cuti)</translation>
    </message>
    <message>
        <source>Procedural or not</source>
        <translation>Prosedural atau tidak</translation>
    </message>
    <message>
        <source>Red flags or not</source>
        <translation>Ada tanda bahaya atau tidak</translation>
    </message>
    <message>
        <source>With red flags</source>
        <translation>Ada tanda bahaya</translation>
    </message>
    <message>
        <source>With a high red flag</source>
        <translation>Ada tanda bahaya tinggi</translation>
    </message>
    <message>
        <source>Red flag not accepted</source>
        <translation>Tanda bahaya belum diterima</translation>
    </message>
    <message>
        <source>All countries</source>
        <translation>Semua negara</translation>
    </message>
    <message>
        <source>departed in {m}</source>
        <translation>berangkat pada {m}</translation>
    </message>
    <message>
        <source>returned in {m}</source>
        <translation>pulang pada {m}</translation>
    </message>
    <message>
        <source>{n} episodes</source>
        <translation>{n} penempatan</translation>
    </message>
</context>
<context>
    <name>NikView</name>
    <message>
        <source>Same NIK in two villages</source>
        <translation>NIK sama di dua desa</translation>
    </message>
    <message>
        <source>These residents of different villages carry the same NIK. They are never merged: phone both villages to find out which record is right (a typing error, a person who moved), let the village correct it, then mark the pair as checked.</source>
        <translation>Penduduk dari desa berbeda ini memiliki NIK yang sama. Data tidak pernah digabung: telepon kedua desa untuk mengetahui data mana yang benar (salah ketik, orang pindah), minta desa memperbaikinya, lalu tandai pasangan ini sudah diperiksa.</translation>
    </message>
    <message>
        <source>Mark as checked</source>
        <translation>Tandai sudah diperiksa</translation>
    </message>
    <message>
        <source>Show all villages</source>
        <translation>Tampilkan semua desa</translation>
    </message>
    <message>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <source>Village 1</source>
        <translation>Desa 1</translation>
    </message>
    <message>
        <source>Name 1</source>
        <translation>Nama 1</translation>
    </message>
    <message>
        <source>Status 1</source>
        <translation>Status (desa 1)</translation>
    </message>
    <message>
        <source>Village 2</source>
        <translation>Desa 2</translation>
    </message>
    <message>
        <source>Name 2</source>
        <translation>Nama 2</translation>
    </message>
    <message>
        <source>Status 2</source>
        <translation>Status (desa 2)</translation>
    </message>
    <message>
        <source>Found on</source>
        <translation>Ditemukan</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Pemeriksaan</translation>
    </message>
    <message>
        <source>to check</source>
        <translation>perlu diperiksa</translation>
    </message>
    <message>
        <source>checked</source>
        <translation>sudah diperiksa</translation>
    </message>
    <message>
        <source>Select a pair first.</source>
        <translation>Pilih dulu satu pasangan.</translation>
    </message>
    <message>
        <source>Marked as checked.</source>
        <translation>Ditandai sudah diperiksa.</translation>
    </message>
</context>
<context>
    <name>OperatorPage</name>
    <message>
        <source>Who uses this register?</source>
        <translation>Siapa yang memakai buku register ini?</translation>
    </message>
    <message>
        <source>Your name is written beside every change. A PIN is optional: it stops others using this laptop from opening the register.</source>
        <translation>Nama Anda dicatat pada setiap perubahan. PIN tidak wajib: PIN mencegah orang lain yang memakai laptop ini membuka buku register.</translation>
    </message>
    <message>
        <source>Operator &amp;name</source>
        <translation>&amp;Nama operator</translation>
    </message>
    <message>
        <source>&amp;Role</source>
        <translation>&amp;Peran</translation>
    </message>
    <message>
        <source>&amp;PIN (optional)</source>
        <translation>P&amp;IN (tidak wajib)</translation>
    </message>
    <message>
        <source>PIN &amp;again</source>
        <translation>PIN sekali la&amp;gi</translation>
    </message>
    <message>
        <source>A PIN needs at least {n} characters.</source>
        <translation>PIN minimal {n} karakter.</translation>
    </message>
    <message>
        <source>The two PINs are not the same.</source>
        <translation>Kedua PIN tidak sama.</translation>
    </message>
</context>
<context>
    <name>OperatorsDialog</name>
    <message>
        <source>Operators and PINs</source>
        <translation>Operator dan PIN</translation>
    </message>
    <message>
        <source>Everyone who uses this computer has their own name and PIN, so the change history shows who did what. The village head may add operators, set a forgotten PIN and deactivate operators; everyone may change their own PIN. If the head forgets their PIN, P4MI or the trainer can set a new one with the command &quot;reset-pin&quot;; no data is lost.</source>
        <translation>Setiap orang yang memakai komputer ini punya nama dan PIN sendiri, sehingga riwayat perubahan menunjukkan siapa melakukan apa. Kepala desa dapat menambah operator, mengatur PIN yang terlupa dan menonaktifkan operator; setiap orang dapat mengganti PIN-nya sendiri. Jika kepala desa lupa PIN, P4MI atau pelatih dapat memasang PIN baru dengan perintah &quot;reset-pin&quot;; tidak ada data yang hilang.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nama</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Peran</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>Ada PIN</translation>
    </message>
    <message>
        <source>Last sign-in</source>
        <translation>Terakhir masuk</translation>
    </message>
    <message>
        <source>&amp;Add operator...</source>
        <translation>&amp;Tambah operator...</translation>
    </message>
    <message>
        <source>Change m&amp;y PIN...</source>
        <translation>Ganti PIN &amp;saya...</translation>
    </message>
    <message>
        <source>&amp;Set PIN of selected...</source>
        <translation>&amp;Atur PIN yang dipilih...</translation>
    </message>
    <message>
        <source>&amp;Deactivate selected</source>
        <translation>&amp;Nonaktifkan yang dipilih</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
    <message>
        <source>Lock the screen after this many &amp;minutes without use:</source>
        <translation>Kunci layar setelah sekian &amp;menit tidak dipakai:</translation>
    </message>
    <message>
        <source>set</source>
        <translation>ada</translation>
    </message>
    <message>
        <source>none</source>
        <translation>belum ada</translation>
    </message>
    <message>
        <source>Add operator</source>
        <translation>Tambah operator</translation>
    </message>
    <message>
        <source>Add the head first</source>
        <translation>Tambahkan kepala dulu</translation>
    </message>
    <message>
        <source>Once a PIN exists, everyone signs in with a PIN. Add the village head (or the head of P4MI) with a PIN first, so someone can always manage the operators.</source>
        <translation>Begitu ada PIN, semua orang harus masuk dengan PIN. Tambahkan dulu kepala desa (atau kepala P4MI) dengan PIN, supaya selalu ada yang dapat mengatur operator.</translation>
    </message>
    <message>
        <source>Nobody signed in</source>
        <translation>Belum ada yang masuk</translation>
    </message>
    <message>
        <source>Nobody is signed in with a PIN yet. Choose a person in the list and use &quot;Set PIN of selected&quot;.</source>
        <translation>Belum ada yang masuk dengan PIN. Pilih orangnya di daftar lalu pakai &quot;Atur PIN yang dipilih&quot;.</translation>
    </message>
    <message>
        <source>Change my PIN</source>
        <translation>Ganti PIN saya</translation>
    </message>
    <message>
        <source>New PIN for {name}</source>
        <translation>PIN baru untuk {name}</translation>
    </message>
    <message>
        <source>Deactivate operator</source>
        <translation>Nonaktifkan operator</translation>
    </message>
    <message>
        <source>Deactivate {name}? They can no longer sign in. Their changes stay in the history.</source>
        <translation>Nonaktifkan {name}? Orang ini tidak dapat masuk lagi. Perubahan yang pernah dibuatnya tetap ada di riwayat.</translation>
    </message>
</context>
<context>
    <name>ParticipantsDialog</name>
    <message>
        <source>Add participants</source>
        <translation>Tambah peserta</translation>
    </message>
    <message>
        <source>Residents of the village</source>
        <translation>Penduduk desa</translation>
    </message>
    <message>
        <source>Other participants</source>
        <translation>Peserta lain</translation>
    </message>
    <message>
        <source>&amp;Names of people who are not in the register, one per line:</source>
        <translation>&amp;Nama orang yang tidak tercatat sebagai penduduk, satu nama per baris:</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Tambahkan</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <source>Tick at least one resident or type a name.</source>
        <translation>Centang paling sedikit satu penduduk atau ketik satu nama.</translation>
    </message>
</context>
<context>
    <name>Permissions</name>
    <message>
        <source>Village head</source>
        <translation>Kepala desa</translation>
    </message>
    <message>
        <source>Village secretary / operator</source>
        <translation>Sekretaris / operator desa</translation>
    </message>
    <message>
        <source>Head of P4MI</source>
        <translation>Kepala P4MI</translation>
    </message>
    <message>
        <source>P4MI clerk</source>
        <translation>Petugas P4MI</translation>
    </message>
    <message>
        <source>delete a person or a record</source>
        <translation>menghapus orang atau data</translation>
    </message>
    <message>
        <source>copy data out of this computer</source>
        <translation>menyalin data keluar dari komputer ini</translation>
    </message>
    <message>
        <source>restore a backup</source>
        <translation>memulihkan cadangan</translation>
    </message>
    <message>
        <source>add operators or change their PINs</source>
        <translation>menambah operator atau mengganti PIN mereka</translation>
    </message>
    <message>
        <source>see confidential case details</source>
        <translation>melihat rincian kasus yang rahasia</translation>
    </message>
    <message>
        <source>add or change records</source>
        <translation>menambah atau mengubah data</translation>
    </message>
    <message>
        <source>import bundles</source>
        <translation>mengimpor paket</translation>
    </message>
    <message>
        <source>manage signing keys</source>
        <translation>mengatur kunci tanda tangan</translation>
    </message>
    <message>
        <source>{name} ({role}) may not {what}.</source>
        <translation>{name} ({role}) tidak berwenang {what}.</translation>
    </message>
    <message>
        <source>Ask the village head (or the head of P4MI) to do it, or to sign in with their PIN for this task.</source>
        <translation>Minta kepala desa (atau kepala P4MI) untuk melakukannya, atau untuk masuk dengan PIN-nya untuk tugas ini.</translation>
    </message>
    <message>
        <source>Not allowed</source>
        <translation>Tidak diizinkan</translation>
    </message>
</context>
<context>
    <name>PersonSearchView</name>
    <message>
        <source>Find a person in every village</source>
        <translation>Cari orang di semua desa</translation>
    </message>
    <message>
        <source>&amp;Name or NIK</source>
        <translation>&amp;Nama atau NIK</translation>
    </message>
    <message>
        <source>part of a name, or the first digits of a NIK</source>
        <translation>sebagian nama, atau angka awal NIK</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nama</translation>
    </message>
    <message>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>L/P</translation>
    </message>
    <message>
        <source>Born</source>
        <translation>Lahir</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>Desa</translation>
    </message>
    <message>
        <source>District</source>
        <translation>Kecamatan</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Type at least 2 letters or 6 digits</source>
        <translation>Ketik paling sedikit 2 huruf atau 6 angka</translation>
    </message>
    <message>
        <source>More than {total} found; the first {shown} are shown. Type more to narrow.</source>
        <translation>Lebih dari {total} ditemukan; {shown} pertama ditampilkan. Ketik lebih banyak untuk mempersempit.</translation>
    </message>
    <message>
        <source>{total} found; the first {shown} are shown. Type more to narrow.</source>
        <translation>{total} ditemukan; {shown} pertama ditampilkan. Ketik lebih banyak untuk mempersempit.</translation>
    </message>
    <message>
        <source>{total} found</source>
        <translation>{total} ditemukan</translation>
    </message>
    <message>
        <source>Type a name or a NIK, then choose a person to see them here.</source>
        <translation>Ketik nama atau NIK, lalu pilih orangnya untuk melihat datanya di sini.</translation>
    </message>
    <message>
        <source>Village {village}, kecamatan {district} ({code})</source>
        <translation>Desa {village}, kecamatan {district} ({code})</translation>
    </message>
    <message>
        <source>Born {place} {date}</source>
        <translation>Lahir di {place} {date}</translation>
    </message>
    <message>
        <source>Same NIK in another village</source>
        <translation>NIK yang sama di desa lain</translation>
    </message>
    <message>
        <source>checked</source>
        <translation>sudah diperiksa</translation>
    </message>
    <message>
        <source>to check</source>
        <translation>perlu diperiksa</translation>
    </message>
    <message>
        <source>Migration episodes ({n})</source>
        <translation>Riwayat penempatan ({n})</translation>
    </message>
    <message>
        <source>registered</source>
        <translation>terdaftar</translation>
    </message>
    <message>
        <source>departed</source>
        <translation>berangkat</translation>
    </message>
    <message>
        <source>expected back</source>
        <translation>perkiraan pulang</translation>
    </message>
    <message>
        <source>returned</source>
        <translation>sudah pulang</translation>
    </message>
    <message>
        <source>Reason for return: {reason}</source>
        <translation>Alasan pulang: {reason}</translation>
    </message>
    <message>
        <source>Red flags ({n}):</source>
        <translation>Tanda bahaya ({n}):</translation>
    </message>
    <message>
        <source>accepted by {who}: {why}</source>
        <translation>diterima oleh {who}: {why}</translation>
    </message>
    <message>
        <source>not accepted</source>
        <translation>belum diterima</translation>
    </message>
    <message>
        <source>News from abroad</source>
        <translation>Kabar dari luar negeri</translation>
    </message>
    <message>
        <source>Cases ({n})</source>
        <translation>Kasus ({n})</translation>
    </message>
    <message>
        <source>confidential case</source>
        <translation>kasus rahasia</translation>
    </message>
    <message>
        <source>P4MI: {status}</source>
        <translation>Di P4MI: {status}</translation>
    </message>
    <message>
        <source>P4MI: not accepted yet</source>
        <translation>P4MI: belum diterima</translation>
    </message>
    <message>
        <source>Family left behind</source>
        <translation>Keluarga yang ditinggalkan</translation>
    </message>
    <message>
        <source>carer</source>
        <translation>pengasuh</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Baru</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>Diproses</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Selesai</translation>
    </message>
    <message>
        <source>not accepted yet</source>
        <translation>belum diterima</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>diterima</translation>
    </message>
    <message>
        <source>in progress</source>
        <translation>diproses</translation>
    </message>
    <message>
        <source>referred on</source>
        <translation>dirujuk lanjut</translation>
    </message>
    <message>
        <source>done</source>
        <translation>selesai</translation>
    </message>
</context>
<context>
    <name>PersonalTab</name>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Nama</translation>
    </message>
    <message>
        <source>N&amp;IK</source>
        <translation>N&amp;IK</translation>
    </message>
    <message>
        <source>Family card n&amp;o.</source>
        <translation>N&amp;o. KK</translation>
    </message>
    <message>
        <source>Se&amp;x</source>
        <translation>&amp;Jenis kelamin</translation>
    </message>
    <message>
        <source>Birth place</source>
        <translation>&amp;Tempat lahir</translation>
    </message>
    <message>
        <source>&amp;Birth date</source>
        <translation>Tanggal &amp;lahir</translation>
    </message>
    <message>
        <source>&amp;Relation to head</source>
        <translation>&amp;Hubungan dalam KK</translation>
    </message>
    <message>
        <source>&amp;Life status</source>
        <translation>Status hi&amp;dup</translation>
    </message>
    <message>
        <source>No&amp;tes</source>
        <translation>Catatan</translation>
    </message>
    <message>
        <source>&amp;Hamlet (dusun)</source>
        <translation>D&amp;usun</translation>
    </message>
    <message>
        <source>&amp;Address</source>
        <translation>&amp;Alamat</translation>
    </message>
    <message>
        <source>Phone / &amp;WhatsApp</source>
        <translation>Telepon / &amp;WhatsApp</translation>
    </message>
    <message>
        <source>&amp;Education</source>
        <translation>P&amp;endidikan</translation>
    </message>
    <message>
        <source>&amp;Marital status</source>
        <translation>Status perkawinan</translation>
    </message>
    <message>
        <source>Passport no.</source>
        <translation>No. paspor</translation>
    </message>
    <message>
        <source>Passport valid &amp;until</source>
        <translation>Paspor &amp;berlaku sampai</translation>
    </message>
    <message>
        <source>BPJS &amp;Ketenagakerjaan no.</source>
        <translation>No. BPJS Ketenagakerjaan</translation>
    </message>
    <message>
        <source>Open record</source>
        <translation>Buka data</translation>
    </message>
    <message>
        <source>{n} problem(s) must be fixed before saving.</source>
        <translation>{n} isian harus diperbaiki sebelum disimpan.</translation>
    </message>
    <message>
        <source>{n} warning(s): you may save after checking them.</source>
        <translation>{n} peringatan: data boleh disimpan setelah diperiksa.</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Nama</translation>
    </message>
    <message>
        <source>&amp;Role</source>
        <translation>&amp;Peran</translation>
    </message>
    <message>
        <source>New &amp;PIN (at least 4 characters)</source>
        <translation>PIN &amp;baru (minimal 4 karakter)</translation>
    </message>
    <message>
        <source>Rep&amp;eat the PIN</source>
        <translation>&amp;Ulangi PIN</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Simpan</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
</context>
<context>
    <name>PracticeBanner</name>
    <message>
        <source>PRACTICE MODE — data here is only for practice and is not sent to P4MI</source>
        <translation>MODE LATIHAN — data di sini hanya untuk berlatih, tidak dikirim ke P4MI</translation>
    </message>
    <message>
        <source>{title} — PRACTICE MODE</source>
        <translation>{title} — MODE LATIHAN</translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message>
        <source>3. Preview: nothing has been changed yet</source>
        <translation>3. Pratinjau: belum ada yang diubah</translation>
    </message>
    <message>
        <source>People without NIK who match a registered person (name, birth date, KK):</source>
        <translation>Orang tanpa NIK yang cocok dengan penduduk terdaftar (nama, tanggal lahir, KK):</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Impor</translation>
    </message>
    <message>
        <source>New: {new}   Updated: {update}   Unchanged: {unchanged}   Skipped: {skip}   Need a decision: {decide}   Refused: {refused}</source>
        <translation>Baru: {new}   Diperbarui: {update}   Sudah sama: {unchanged}   Dilewati: {skip}   Perlu keputusan: {decide}   Ditolak: {refused}</translation>
    </message>
    <message>
        <source>Skip them</source>
        <translation>Lewati</translation>
    </message>
    <message>
        <source>Update the registered person</source>
        <translation>Perbarui penduduk yang terdaftar</translation>
    </message>
    <message>
        <source>Register them as new people</source>
        <translation>Catat sebagai orang baru</translation>
    </message>
    <message>
        <source>Importing...</source>
        <translation>Mengimpor...</translation>
    </message>
</context>
<context>
    <name>PrintDialog</name>
    <message>
        <source>Print the village migrant worker register</source>
        <translation>Cetak Buku Register PMI Desa</translation>
    </message>
    <message>
        <source>Print the monthly recap</source>
        <translation>Cetak rekap bulanan</translation>
    </message>
    <message>
        <source>Print a person&apos;s sheet</source>
        <translation>Cetak lembar data orang</translation>
    </message>
    <message>
        <source>Print the yearly report (Pasal 42)</source>
        <translation>Cetak laporan tahunan (Pasal 42)</translation>
    </message>
    <message>
        <source>Buku Register PMI Desa: one line per migration episode, landscape, with the village letterhead.</source>
        <translation>Buku Register PMI Desa: satu baris per penempatan, kertas mendatar, dengan kop desa.</translation>
    </message>
    <message>
        <source>What happened in one month and where things stood at its end.</source>
        <translation>Kejadian selama satu bulan dan keadaan pada akhir bulan.</translation>
    </message>
    <message>
        <source>The village&apos;s duties under UU 18/2017 Pasal 42 (1) a-e in one year, with the Desa Migran Emas self-assessment.</source>
        <translation>Tugas desa menurut UU 18/2017 Pasal 42 ayat (1) huruf a-e selama satu tahun, dengan penilaian mandiri Desa Migran Emas.</translation>
    </message>
    <message>
        <source>{name}: identity, every migration episode, family left behind and the latest news.</source>
        <translation>{name}: identitas, semua penempatan, keluarga yang ditinggalkan, dan kabar terakhir.</translation>
    </message>
    <message>
        <source>This person</source>
        <translation>Orang ini</translation>
    </message>
    <message>
        <source>A4 (210 x 297 mm)</source>
        <translation>A4 (210 x 297 mm)</translation>
    </message>
    <message>
        <source>F4 / folio (215 x 330 mm)</source>
        <translation>F4 / folio (215 x 330 mm)</translation>
    </message>
    <message>
        <source>&amp;Paper</source>
        <translation>&amp;Kertas</translation>
    </message>
    <message>
        <source>&amp;Year</source>
        <translation>&amp;Tahun</translation>
    </message>
    <message>
        <source>All years</source>
        <translation>Semua tahun</translation>
    </message>
    <message>
        <source>&amp;Month</source>
        <translation>&amp;Bulan</translation>
    </message>
    <message>
        <source>Include &amp;cases (type, date and status only; the sheet is then confidential)</source>
        <translation>Sertakan k&amp;asus (hanya jenis, tanggal, dan status; lembar menjadi rahasia)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>Be&amp;rkas</translation>
    </message>
    <message>
        <source>&amp;Browse...</source>
        <translation>&amp;Pilih...</translation>
    </message>
    <message>
        <source>&amp;Open the PDF after saving</source>
        <translation>B&amp;uka PDF setelah disimpan</translation>
    </message>
    <message>
        <source>&amp;Save PDF</source>
        <translation>&amp;Simpan PDF</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Berkas PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Choose where to save the PDF file.</source>
        <translation>Pilih tempat menyimpan berkas PDF.</translation>
    </message>
    <message>
        <source>The PDF could not be saved to {path}: {detail}</source>
        <translation>PDF tidak dapat disimpan ke {path}: {detail}</translation>
    </message>
    <message>
        <source>Preparing the report...</source>
        <translation>Menyiapkan laporan...</translation>
    </message>
    <message>
        <source>PDF saved: {path} ({pages} page(s))</source>
        <translation>PDF tersimpan: {path} ({pages} halaman)</translation>
    </message>
</context>
<context>
    <name>PrivacyDialog</name>
    <message>
        <source>Privacy notice</source>
        <translation>Pemberitahuan privasi</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
</context>
<context>
    <name>ProgressDialog</name>
    <message>
        <source>Please wait</source>
        <translation>Mohon tunggu</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <source>Cancelling...</source>
        <translation>Membatalkan...</translation>
    </message>
</context>
<context>
    <name>ProvisioningDialog</name>
    <message>
        <source>Training packages (*.bmdp)</source>
        <translation>Paket pelatihan (*.bmdp)</translation>
    </message>
    <message>
        <source>Regency: {name} ({code})</source>
        <translation>Kabupaten/kota: {name} ({code})</translation>
    </message>
    <message>
        <source>Villages in the package: {count}</source>
        <translation>Desa dalam paket: {count}</translation>
    </message>
    <message>
        <source>P4MI key fingerprint: {fingerprint}</source>
        <translation>Kode kunci P4MI: {fingerprint}</translation>
    </message>
    <message>
        <source>Trainer: {trainer}</source>
        <translation>Pelatih: {trainer}</translation>
    </message>
    <message>
        <source>Choose the training package</source>
        <translation>Pilih paket pelatihan</translation>
    </message>
    <message>
        <source>Training package refused</source>
        <translation>Paket pelatihan ditolak</translation>
    </message>
    <message>
        <source>Prepare training package</source>
        <translation>Siapkan paket pelatihan</translation>
    </message>
    <message>
        <source>The training package pre-loads this regency&apos;s settings (the P4MI key and the list of villages) at training events. Put it beside the program on the installer USB stick, or choose it at first start: the village head then only picks the village.</source>
        <translation>Paket pelatihan memasang pengaturan kabupaten ini (kunci P4MI dan daftar desa) di acara pelatihan. Letakkan di samping program pada flashdisk pemasang, atau pilih saat aplikasi pertama kali dibuka: kepala desa tinggal memilih desanya.</translation>
    </message>
    <message>
        <source>Regency: {name} ({code}), {count} villages</source>
        <translation>Kabupaten/kota: {name} ({code}), {count} desa</translation>
    </message>
    <message>
        <source>Read this fingerprint out at the training: the program shows it when the package is loaded, so the village can check that it comes from this P4MI.</source>
        <translation>Bacakan kode kunci ini saat pelatihan: program menampilkannya ketika paket dibuka, sehingga desa dapat memastikan paket itu berasal dari P4MI ini.</translation>
    </message>
    <message>
        <source>&amp;Trainer&apos;s name</source>
        <translation>Nama &amp;pelatih</translation>
    </message>
    <message>
        <source>Trainer&apos;s &amp;phone</source>
        <translation>&amp;Telepon pelatih</translation>
    </message>
    <message>
        <source>Save t&amp;o</source>
        <translation>&amp;Simpan ke</translation>
    </message>
    <message>
        <source>C&amp;hoose...</source>
        <translation>P&amp;ilih...</translation>
    </message>
    <message>
        <source>&amp;Create package</source>
        <translation>&amp;Buat paket</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
    <message>
        <source>Save the training package</source>
        <translation>Simpan paket pelatihan</translation>
    </message>
    <message>
        <source>Training package saved: {path}
Regency {name}, {count} villages, P4MI key fingerprint {fingerprint}.</source>
        <translation>Paket pelatihan disimpan: {path}
Kabupaten/kota {name}, {count} desa, kode kunci P4MI {fingerprint}.</translation>
    </message>
</context>
<context>
    <name>RecapView</name>
    <message>
        <source>Recap and receipts</source>
        <translation>Rekap &amp; tanda terima</translation>
    </message>
    <message>
        <source>Excel recap for BP3MI / Disnaker</source>
        <translation>Rekap Excel untuk BP3MI / Disnaker</translation>
    </message>
    <message>
        <source>One workbook: a sheet per village (residents, CPMI, PMI, purna PMI, procedural or not, last bundle) and one sheet per status with every person and their latest migration. NIK stays text and dates are real dates.</source>
        <translation>Satu buku kerja: lembar rekap per desa (penduduk, CPMI, PMI, purna PMI, prosedural atau tidak, paket terakhir) dan satu lembar per status berisi setiap orang dan penempatan terakhirnya. NIK tetap teks dan tanggal berupa tanggal.</translation>
    </message>
    <message>
        <source>Save Excel recap…</source>
        <translation>Simpan rekap Excel…</translation>
    </message>
    <message>
        <source>Receipts for the villages</source>
        <translation>Tanda terima untuk desa</translation>
    </message>
    <message>
        <source>A receipt tells a village what P4MI holds, up to which bundle number, and which rows were rejected. Give it back on the village&apos;s USB stick or send the file.</source>
        <translation>Tanda terima memberi tahu desa apa yang dipegang P4MI, sampai nomor paket berapa, dan baris mana yang ditolak. Kembalikan lewat flashdisk desa atau kirim berkasnya.</translation>
    </message>
    <message>
        <source>Write receipts for every village…</source>
        <translation>Tulis tanda terima untuk semua desa…</translation>
    </message>
    <message>
        <source>Bundles imported</source>
        <translation>Paket yang sudah diimpor</translation>
    </message>
    <message>
        <source>Imported on</source>
        <translation>Diimpor</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>Desa</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>Nomor</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Jenis</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Hasil</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Baru</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Diubah</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Dihapus</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Ditolak</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Oleh</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Berkas</translation>
    </message>
    <message>
        <source>imported</source>
        <translation>diimpor</translation>
    </message>
    <message>
        <source>partly imported</source>
        <translation>diimpor sebagian</translation>
    </message>
    <message>
        <source>full</source>
        <translation>lengkap</translation>
    </message>
    <message>
        <source>changes</source>
        <translation>perubahan</translation>
    </message>
    <message>
        <source>Save the Excel recap</source>
        <translation>Simpan rekap Excel</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Buku kerja Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>Recap saved ({villages} villages, {people} persons): {path}</source>
        <translation>Rekap tersimpan ({villages} desa, {people} orang): {path}</translation>
    </message>
    <message>
        <source>Writing the recap…</source>
        <translation>Menulis rekap…</translation>
    </message>
    <message>
        <source>Cancelled: no recap was saved.</source>
        <translation>Dibatalkan: rekap tidak disimpan.</translation>
    </message>
    <message>
        <source>No village has sent a bundle yet.</source>
        <translation>Belum ada desa yang mengirim paket.</translation>
    </message>
    <message>
        <source>Choose the folder for the receipts</source>
        <translation>Pilih folder untuk tanda terima</translation>
    </message>
    <message>
        <source>{n} receipts written to {folder}.</source>
        <translation>{n} tanda terima ditulis ke {folder}.</translation>
    </message>
    <message>
        <source>Not written: {list}</source>
        <translation>Tidak ditulis: {list}</translation>
    </message>
</context>
<context>
    <name>RegencyDashboardView</name>
    <message>
        <source>Regency at a glance</source>
        <translation>Kabupaten sekilas</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Muat ulang</translation>
    </message>
    <message>
        <source>Villages that sent bundles</source>
        <translation>Desa yang mengirim paket</translation>
    </message>
    <message>
        <source>Residents recorded</source>
        <translation>Penduduk tercatat</translation>
    </message>
    <message>
        <source>Prospective migrant workers (CPMI)</source>
        <translation>Calon PMI (CPMI)</translation>
    </message>
    <message>
        <source>Migrant workers abroad (PMI)</source>
        <translation>PMI di luar negeri</translation>
    </message>
    <message>
        <source>Returned (purna PMI)</source>
        <translation>Purna PMI (sudah pulang)</translation>
    </message>
    <message>
        <source>Same NIK in two villages</source>
        <translation>NIK sama di dua desa</translation>
    </message>
    <message>
        <source>Villages silent for over {n} days</source>
        <translation>Desa tanpa kabar lebih dari {n} hari</translation>
    </message>
    <message>
        <source>Departures and returns per month</source>
        <translation>Keberangkatan dan kepulangan per bulan</translation>
    </message>
    <message>
        <source>Destination countries of PMI abroad now</source>
        <translation>Negara tujuan PMI yang sedang di luar negeri</translation>
    </message>
    <message>
        <source>PMI abroad now: procedural or not</source>
        <translation>PMI di luar negeri: prosedural atau tidak</translation>
    </message>
    <message>
        <source>Per village</source>
        <translation>Per desa</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>Desa</translation>
    </message>
    <message>
        <source>Residents</source>
        <translation>Penduduk</translation>
    </message>
    <message>
        <source>CPMI</source>
        <translation>Calon PMI</translation>
    </message>
    <message>
        <source>PMI</source>
        <translation>PMI di LN</translation>
    </message>
    <message>
        <source>Purna</source>
        <translation>Purna PMI</translation>
    </message>
    <message>
        <source>Days since bundle</source>
        <translation>Hari sejak paket</translation>
    </message>
    <message>
        <source>Figures of {when}; {sent} of {total} villages.</source>
        <translation>Angka per {when}; {sent} dari {total} desa.</translation>
    </message>
    <message>
        <source>Departures</source>
        <translation>Berangkat</translation>
    </message>
    <message>
        <source>Returns</source>
        <translation>Pulang</translation>
    </message>
    <message>
        <source>Not recorded</source>
        <translation>Tidak dicatat</translation>
    </message>
    <message>
        <source>Procedural</source>
        <translation>Prosedural</translation>
    </message>
    <message>
        <source>Suspected non-procedural</source>
        <translation>Diduga non-prosedural</translation>
    </message>
    <message>
        <source>Not known</source>
        <translation>Belum diketahui</translation>
    </message>
</context>
<context>
    <name>ReportView</name>
    <message>
        <source>Report for a period</source>
        <translation>Laporan satu periode</translation>
    </message>
    <message>
        <source>One report for Disnaker, BP3MI and the Bupati: per kecamatan and village, departures and returns by country and sex, by sector and occupation, by scheme and P3MI, returns by reason, cases, CPMI waiting long, overdue returns, no news, and villages that did not send a bundle for more than 45 days. Excel has one sheet per table.</source>
        <translation>Satu laporan untuk Disnaker, BP3MI dan Bupati: per kecamatan dan desa, keberangkatan dan kepulangan menurut negara dan jenis kelamin, menurut sektor dan jabatan, menurut skema dan P3MI, kepulangan menurut alasan, kasus, CPMI yang lama menunggu, terlambat pulang, tanpa kabar, dan desa yang tidak mengirim paket lebih dari 45 hari. Excel berisi satu lembar per tabel.</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>&amp;Dari</translation>
    </message>
    <message>
        <source>&amp;To</source>
        <translation>&amp;Sampai</translation>
    </message>
    <message>
        <source>CPMI waiting at least (days)</source>
        <translation>CPMI menunggu paling sedikit (hari)</translation>
    </message>
    <message>
        <source>No news for (months)</source>
        <translation>Tanpa kabar selama (bulan)</translation>
    </message>
    <message>
        <source>Save as &amp;Excel…</source>
        <translation>Simpan sebagai &amp;Excel…</translation>
    </message>
    <message>
        <source>Save as &amp;PDF…</source>
        <translation>Simpan sebagai &amp;PDF…</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Buku kerja Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Berkas PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Save the report</source>
        <translation>Simpan laporan</translation>
    </message>
    <message>
        <source>Report saved: {path}</source>
        <translation>Laporan tersimpan: {path}</translation>
    </message>
    <message>
        <source>Writing the report…</source>
        <translation>Menulis laporan…</translation>
    </message>
    <message>
        <source>Cancelled: no report was saved.</source>
        <translation>Dibatalkan: tidak ada laporan yang disimpan.</translation>
    </message>
</context>
<context>
    <name>ResidentDialog</name>
    <message>
        <source>&amp;Family</source>
        <translation>&amp;Keluarga</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Simpan</translation>
    </message>
    <message>
        <source>Personal &amp;data</source>
        <translation>Data &amp;pribadi</translation>
    </message>
    <message>
        <source>Mi&amp;gration</source>
        <translation>&amp;Migrasi</translation>
    </message>
    <message>
        <source>Change histor&amp;y</source>
        <translation>&amp;Riwayat perubahan</translation>
    </message>
    <message>
        <source>&amp;Print data sheet</source>
        <translation>&amp;Cetak lembar data</translation>
    </message>
    <message>
        <source>Letter...</source>
        <translation>Surat...</translation>
    </message>
    <message>
        <source>New &amp;case</source>
        <translation>Kasus baru</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
    <message>
        <source>New resident</source>
        <translation>Penduduk baru</translation>
    </message>
    <message>
        <source>Resident: {name}</source>
        <translation>Penduduk: {name}</translation>
    </message>
    <message>
        <source>{name} — {status}</source>
        <translation>{name} — {status}</translation>
    </message>
</context>
<context>
    <name>ResidentPicker</name>
    <message>
        <source>Type a name or the start of a NIK</source>
        <translation>Ketik nama atau awal NIK</translation>
    </message>
    <message>
        <source>(already added)</source>
        <translation>(sudah ada)</translation>
    </message>
    <message>
        <source>NIK unknown</source>
        <translation>NIK belum diketahui</translation>
    </message>
    <message>
        <source>Dusun {name}</source>
        <translation>Dusun {name}</translation>
    </message>
    <message>
        <source>Chosen: {names}</source>
        <translation>Dipilih: {names}</translation>
    </message>
    <message>
        <source>Tick the residents to add (Space or double-click).</source>
        <translation>Centang penduduk yang akan ditambahkan (Spasi atau klik dua kali).</translation>
    </message>
    <message>
        <source>Chosen: {name}</source>
        <translation>Dipilih: {name}</translation>
    </message>
    <message>
        <source>Nobody chosen yet: search, then press Enter or double-click a name.</source>
        <translation>Belum ada yang dipilih: cari, lalu tekan Enter atau klik dua kali pada nama.</translation>
    </message>
</context>
<context>
    <name>ResidentsView</name>
    <message>
        <source>Search name or NIK / family card no. (Ctrl+F)</source>
        <translation>Cari nama atau NIK / no. KK (Ctrl+F)</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>Saring</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>Hapus saringan</translation>
    </message>
    <message>
        <source>&amp;New resident</source>
        <translation>Penduduk &amp;baru</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Buka</translation>
    </message>
    <message>
        <source>Delete resident</source>
        <translation>Hapus penduduk</translation>
    </message>
    <message>
        <source>Delete the selected person (village head only): personal data is erased and the deletion goes to P4MI</source>
        <translation>Hapus orang yang dipilih (hanya kepala desa): data pribadinya dihapus dan penghapusan dikirim ke P4MI</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Semua status</translation>
    </message>
    <message>
        <source>Alive, deceased, moved</source>
        <translation>Hidup, meninggal, pindah</translation>
    </message>
    <message>
        <source>All hamlets</source>
        <translation>Semua dusun</translation>
    </message>
    <message>
        <source>All countries</source>
        <translation>Semua negara</translation>
    </message>
    <message>
        <source>{n} residents shown</source>
        <translation>{n} penduduk ditampilkan</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <source>Restore a backup</source>
        <translation>Pulihkan cadangan</translation>
    </message>
    <message>
        <source>Restoring puts the data back as it was when the backup was made. Changes made after that are no longer visible.
Before restoring, the program keeps the current data as a backup, so the restore can be undone (Data &gt; Undo last restore). A damaged database is never overwritten: it is kept as a copy in the backup folder.
After the restore the program re-opens the database by itself. The next P4MI bundle brings P4MI to exactly the restored state.</source>
        <translation>Pemulihan mengembalikan data seperti saat cadangan dibuat. Perubahan sesudah itu tidak tampil lagi.
Sebelum memulihkan, program menyimpan data yang sekarang sebagai cadangan, sehingga pemulihan dapat dibatalkan (Data &gt; Batalkan pemulihan terakhir). Database yang rusak tidak pernah ditimpa: salinannya disimpan di folder cadangan.
Sesudah pemulihan, program membuka ulang database dengan sendirinya. Paket P4MI berikutnya membuat data P4MI sama persis dengan keadaan yang dipulihkan.</translation>
    </message>
    <message>
        <source>Made on</source>
        <translation>Dibuat pada</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Jenis</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Ukuran</translation>
    </message>
    <message>
        <source>(newest good backup)</source>
        <translation>(cadangan baik terbaru)</translation>
    </message>
    <message>
        <source>There are no backups in {folder} yet.</source>
        <translation>Belum ada cadangan di {folder}.</translation>
    </message>
    <message>
        <source>Backup from another folder or USB...</source>
        <translation>Cadangan dari folder lain atau flashdisk...</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Pulihkan</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <source>Choose a backup file</source>
        <translation>Pilih berkas cadangan</translation>
    </message>
    <message>
        <source>Backups of Buku Migran Desa (*.db)</source>
        <translation>Cadangan Buku Migran Desa (*.db)</translation>
    </message>
</context>
<context>
    <name>ResultPage</name>
    <message>
        <source>4. Done</source>
        <translation>4. Selesai</translation>
    </message>
    <message>
        <source>&amp;Print the error list...</source>
        <translation>&amp;Cetak daftar kesalahan...</translation>
    </message>
    <message>
        <source>Save the &amp;refused rows as Excel...</source>
        <translation>Simpan baris yang &amp;ditolak sebagai Excel...</translation>
    </message>
    <message>
        <source>Imported from {file}: {created} new people, {updated} updated, {episodes} new placements. {refused} rows were refused. A backup was made first: {backup}. Data &gt; Undo last list import takes it all back.</source>
        <translation>Diimpor dari {file}: {created} orang baru, {updated} diperbarui, {episodes} penempatan baru. {refused} baris ditolak. Cadangan dibuat lebih dulu: {backup}. Data &gt; Batalkan impor daftar terakhir mengembalikan semuanya.</translation>
    </message>
    <message>
        <source>Save the refused rows</source>
        <translation>Simpan baris yang ditolak</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Buku kerja Excel (*.xlsx)</translation>
    </message>
</context>
<context>
    <name>ServerPage</name>
    <message>
        <source>Where is this P4MI&apos;s database kept?</source>
        <translation>Di mana basis data P4MI ini disimpan?</translation>
    </message>
    <message>
        <source>One clerk: a file on this laptop. Several clerks: a PostgreSQL server that every workstation connects to.</source>
        <translation>Satu petugas: berkas di laptop ini. Beberapa petugas: server PostgreSQL yang disambungi setiap komputer petugas.</translation>
    </message>
    <message>
        <source>File on this &amp;laptop (SQLite, one clerk)</source>
        <translation>Be&amp;rkas di laptop ini (SQLite, satu petugas)</translation>
    </message>
    <message>
        <source>Database on a Postgre&amp;SQL server (several clerks)</source>
        <translation>Basis data di server &amp;PostgreSQL (beberapa petugas)</translation>
    </message>
    <message>
        <source>e.g. bmd_p4mi</source>
        <translation>mis. bmd_p4mi</translation>
    </message>
    <message>
        <source>Server &amp;address</source>
        <translation>&amp;Alamat server</translation>
    </message>
    <message>
        <source>P&amp;ort</source>
        <translation>P&amp;ort server</translation>
    </message>
    <message>
        <source>&amp;Database name</source>
        <translation>Nama &amp;basis data</translation>
    </message>
    <message>
        <source>User na&amp;me</source>
        <translation>&amp;Nama pengguna</translation>
    </message>
    <message>
        <source>Pass&amp;word</source>
        <translation>&amp;Kata sandi</translation>
    </message>
    <message>
        <source>&amp;Uji koneksi (test the connection)</source>
        <translation>&amp;Uji koneksi</translation>
    </message>
    <message>
        <source>Connecting to {server}...</source>
        <translation>Menyambung ke {server}...</translation>
    </message>
    <message>
        <source>Connection works. This database already belongs to this office: this computer joins it as another clerk&apos;s workstation.</source>
        <translation>Koneksi berhasil. Basis data ini sudah milik kantor ini: komputer ini ikut memakainya sebagai komputer petugas lain.</translation>
    </message>
    <message>
        <source>Connection works. The database is empty: it will be set up for this office when you finish.</source>
        <translation>Koneksi berhasil. Basis data masih kosong: akan disiapkan untuk kantor ini saat Anda menekan Selesai.</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <source>Buku Migran Desa: first start</source>
        <translation>Buku Migran Desa: mulai pertama kali</translation>
    </message>
    <message>
        <source>&lt; &amp;Back</source>
        <translation>&lt; Ke&amp;mbali</translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>&amp;Lanjut &gt;</translation>
    </message>
    <message>
        <source>&amp;Finish</source>
        <translation>&amp;Selesai</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <source>Training package loaded:</source>
        <translation>Paket pelatihan terbaca:</translation>
    </message>
    <message>
        <source>Setting up the database on the server...</source>
        <translation>Menyiapkan basis data di server...</translation>
    </message>
</context>
<context>
    <name>StartupChecks</name>
    <message>
        <source>The daily backup could not be made: {reason} The data itself is safe; use Data &gt; Back up now to try again.</source>
        <translation>Cadangan harian tidak dapat dibuat: {reason} Data sendiri tetap aman; pakai Data &gt; Cadangkan sekarang untuk mencoba lagi.</translation>
    </message>
    <message>
        <source>The database is damaged</source>
        <translation>Database rusak</translation>
    </message>
    <message>
        <source>Restore the newest backup</source>
        <translation>Pulihkan cadangan terbaru</translation>
    </message>
    <message>
        <source>Close the program</source>
        <translation>Tutup program</translation>
    </message>
    <message>
        <source>The database of this village cannot be read completely, and there is no good backup in {folder}.

Do not delete anything. If you have a backup on a USB stick, restore it with the command &quot;restore&quot; or ask P4MI or the trainer for help; the damaged file stays where it is: {path}</source>
        <translation>Database desa ini tidak dapat dibaca dengan utuh, dan tidak ada cadangan yang baik di {folder}.

Jangan menghapus apa pun. Jika ada cadangan di flashdisk, pulihkan dengan perintah &quot;restore&quot; atau minta bantuan P4MI atau pelatih; berkas yang rusak tetap di tempatnya: {path}</translation>
    </message>
    <message>
        <source>The database of this village cannot be read completely; it may have been damaged by a power cut or a failing disk.

The newest good backup is from {when} ({kind}). The program can put it back now. The damaged file is not thrown away: a copy is kept in the backup folder, so support staff can still try to rescue the latest changes.

Changes made after {when} are not in the backup.</source>
        <translation>Database desa ini tidak dapat dibaca dengan utuh; mungkin rusak karena listrik padam atau hard disk yang bermasalah.

Cadangan baik yang terbaru dibuat pada {when} ({kind}). Program dapat memulihkannya sekarang. Berkas yang rusak tidak dibuang: salinannya disimpan di folder cadangan, sehingga petugas pendamping masih dapat mencoba menyelamatkan perubahan terakhir.

Perubahan sesudah {when} tidak ada di cadangan.</translation>
    </message>
    <message>
        <source>Restored</source>
        <translation>Sudah dipulihkan</translation>
    </message>
    <message>
        <source>The data was restored from the backup of {when}. The damaged file was kept as {file}.</source>
        <translation>Data sudah dipulihkan dari cadangan tanggal {when}. Berkas yang rusak disimpan sebagai {file}.</translation>
    </message>
</context>
<context>
    <name>VillagePage</name>
    <message>
        <source>Which village is this register for?</source>
        <translation>Buku register ini untuk desa mana?</translation>
    </message>
    <message>
        <source>Type the village name (or its Kemendagri code, e.g. 18.07.01.2001), or choose province, regency, district and village below.</source>
        <translation>Ketik nama desa (atau kode Kemendagri, mis. 18.07.01.2001), atau pilih provinsi, kabupaten, kecamatan dan desa di bawah.</translation>
    </message>
    <message>
        <source>Village name or code, e.g. Sukadana</source>
        <translation>Nama atau kode desa, mis. Sukadana</translation>
    </message>
    <message>
        <source>&amp;Hub serves</source>
        <translation>&amp;Wilayah hub</translation>
    </message>
    <message>
        <source>One regency or city (P4MI)</source>
        <translation>Satu kabupaten atau kota (P4MI)</translation>
    </message>
    <message>
        <source>A whole province (BP3MI province hub)</source>
        <translation>Satu provinsi (hub provinsi BP3MI)</translation>
    </message>
    <message>
        <source>The whole country (national hub)</source>
        <translation>Seluruh Indonesia (hub nasional)</translation>
    </message>
    <message>
        <source>&amp;Province</source>
        <translation>&amp;Provinsi</translation>
    </message>
    <message>
        <source>&amp;Regency / city</source>
        <translation>&amp;Kabupaten / kota</translation>
    </message>
    <message>
        <source>&amp;District</source>
        <translation>K&amp;ecamatan</translation>
    </message>
    <message>
        <source>&amp;Village</source>
        <translation>&amp;Desa / kelurahan</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>&amp;Cari</translation>
    </message>
    <message>
        <source>Choose the province, then the regency or city.</source>
        <translation>Pilih provinsi, lalu kabupaten atau kota.</translation>
    </message>
    <message>
        <source>Choose the province whose villages and regencies send their bundles to this hub.</source>
        <translation>Pilih provinsi yang desa dan kabupatennya mengirim paket ke hub ini.</translation>
    </message>
    <message>
        <source>The national hub receives the bundles of every province; nothing more to choose.</source>
        <translation>Hub nasional menerima paket dari semua provinsi; tidak ada lagi yang perlu dipilih.</translation>
    </message>
    <message>
        <source>Which area does this P4MI hub serve?</source>
        <translation>Wilayah mana yang dilayani hub P4MI ini?</translation>
    </message>
    <message>
        <source>Chosen: {label} ({code})</source>
        <translation>Dipilih: {label} ({code})</translation>
    </message>
</context>
<context>
    <name>VillagesView</name>
    <message>
        <source>Villages</source>
        <translation>Desa</translation>
    </message>
    <message>
        <source>Search village, district or code</source>
        <translation>Cari desa, kecamatan atau kode</translation>
    </message>
    <message>
        <source>All villages</source>
        <translation>Semua desa</translation>
    </message>
    <message>
        <source>Villages that sent bundles</source>
        <translation>Desa yang mengirim paket</translation>
    </message>
    <message>
        <source>Villages that never sent</source>
        <translation>Desa yang belum pernah mengirim</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Kode</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>Desa</translation>
    </message>
    <message>
        <source>District</source>
        <translation>Kecamatan</translation>
    </message>
    <message>
        <source>Last bundle</source>
        <translation>Paket terakhir</translation>
    </message>
    <message>
        <source>Last no.</source>
        <translation>No. terakhir</translation>
    </message>
    <message>
        <source>Missing no.</source>
        <translation>No. hilang</translation>
    </message>
    <message>
        <source>Residents</source>
        <translation>Penduduk</translation>
    </message>
    <message>
        <source>CPMI</source>
        <translation>Calon PMI</translation>
    </message>
    <message>
        <source>PMI</source>
        <translation>PMI di LN</translation>
    </message>
    <message>
        <source>Purna</source>
        <translation>Purna PMI</translation>
    </message>
    <message>
        <source>Days since</source>
        <translation>Hari sejak</translation>
    </message>
    <message>
        <source>Same NIK</source>
        <translation>NIK ganda</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>Nomor</translation>
    </message>
    <message>
        <source>Imported on</source>
        <translation>Diimpor</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Jenis</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Hasil</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Baru</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Diubah</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Dihapus</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Ditolak</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Oleh</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Berkas</translation>
    </message>
    <message>
        <source>Replace village key…</source>
        <translation>Ganti kunci desa…</translation>
    </message>
    <message>
        <source>Write receipt…</source>
        <translation>Tulis tanda terima…</translation>
    </message>
    <message>
        <source>{sent} of {total} villages have sent bundles.</source>
        <translation>{sent} dari {total} desa sudah mengirim paket.</translation>
    </message>
    <message>
        <source>Village key on record: {fp}</source>
        <translation>Kunci desa yang tercatat: {fp}</translation>
    </message>
    <message>
        <source>No key on record yet: the first bundle records it after you confirm its fingerprint.</source>
        <translation>Belum ada kunci tercatat: paket pertama mencatatnya setelah Anda memastikan kode kuncinya.</translation>
    </message>
    <message>
        <source>full</source>
        <translation>lengkap</translation>
    </message>
    <message>
        <source>changes</source>
        <translation>perubahan</translation>
    </message>
    <message>
        <source>imported</source>
        <translation>diimpor</translation>
    </message>
    <message>
        <source>partly imported</source>
        <translation>diimpor sebagian</translation>
    </message>
    <message>
        <source>Choose the village&apos;s new key file or a bundle of it</source>
        <translation>Pilih berkas kunci baru desa atau salah satu paketnya</translation>
    </message>
    <message>
        <source>Key file or bundle (*.pub *.bmd);;All files (*)</source>
        <translation>Berkas kunci atau paket (*.pub *.bmd);;Semua berkas (*)</translation>
    </message>
    <message>
        <source>This bundle comes from village {other}, not from {code}.</source>
        <translation>Paket ini berasal dari desa {other}, bukan dari {code}.</translation>
    </message>
    <message>
        <source>Replace village key</source>
        <translation>Ganti kunci desa</translation>
    </message>
    <message>
        <source>Why is the key of {name} replaced? (for example: new laptop, application reinstalled)</source>
        <translation>Mengapa kunci desa {name} diganti? (misalnya: laptop baru, aplikasi dipasang ulang)</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(tidak ada)</translation>
    </message>
    <message>
        <source>Village {name} ({code})

Old key: {old}
New key: {new}

Phone the village operator and compare the new fingerprint with the one on their &quot;P4MI bundle&quot; page. After the replacement, bundles signed by the old key are refused. This action is recorded in the audit log.</source>
        <translation>Desa {name} ({code})

Kunci lama: {old}
Kunci baru: {new}

Telepon operator desa dan cocokkan kode kunci baru dengan yang ada di halaman &quot;Paket P4MI&quot; mereka. Setelah diganti, paket bertanda tangan kunci lama ditolak. Tindakan ini dicatat di log audit.</translation>
    </message>
    <message>
        <source>Same: replace the key</source>
        <translation>Sama: ganti kuncinya</translation>
    </message>
    <message>
        <source>Choose the folder for the receipt</source>
        <translation>Pilih folder untuk tanda terima</translation>
    </message>
    <message>
        <source>Receipt written: {path}</source>
        <translation>Tanda terima ditulis: {path}</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>Welcome to Buku Migran Desa</source>
        <translation>Selamat datang di Buku Migran Desa</translation>
    </message>
    <message>
        <source>This register holds personal data. Read how it is protected, then choose who uses this laptop.</source>
        <translation>Buku register ini menyimpan data pribadi. Bacalah cara data itu dilindungi, lalu pilih siapa yang memakai laptop ini.</translation>
    </message>
    <message>
        <source>&amp;Village government (kantor desa/kelurahan)</source>
        <translation>Pemerintah &amp;desa (kantor desa/kelurahan)</translation>
    </message>
    <message>
        <source>P4MI &amp;hub: a regency post, a province or the national hub (receives bundles)</source>
        <translation>&amp;Hub P4MI: pos kabupaten, provinsi atau hub nasional (menerima paket)</translation>
    </message>
    <message>
        <source>Open a &amp;training package (.bmdp)...</source>
        <translation>Buka paket pela&amp;tihan (.bmdp)...</translation>
    </message>
</context>
<context>
    <name>_Chart</name>
    <message>
        <source>No data yet</source>
        <translation>Belum ada data</translation>
    </message>
</context>
</TS>
