; Buku Migran Desa: Windows installer (NSIS 3, Modern UI 2, Bahasa Indonesia).
;
; Build the program first (pyinstaller --noconfirm build.spec), then, from the top of the
; checkout:
;     makensis installer/buku-migran.nsi
; makensis works from this file's folder, so the paths below are relative to installer/.
; Optional: -DVERSION=x.y.z (default: __version__ from app/__init__.py),
;           -DDIST_DIR=<one-folder build>, -DOUTFILE=<setup.exe to write>.
;
; What it does: installs the one-folder build into Program Files, makes Start menu and desktop
; shortcuts, registers an uninstaller. It never touches the data folder: the data lives in
; %LOCALAPPDATA%\BukuMigranDesa (or in data\ beside the program in portable mode), so an
; upgrade installed over an older version keeps it, and so does uninstalling.

Unicode true
ManifestDPIAware true
SetCompressor /SOLID lzma
RequestExecutionLevel admin

!include MUI2.nsh
!include LogicLib.nsh
!include x64.nsh
!include WinVer.nsh
!include FileFunc.nsh

; ------------------------------------------------------------------------------------------
; Names, version and where the build is

!define APP_NAME "Buku Migran Desa"
!define APP_EXE "BukuMigranDesa.exe"
!define CONSOLE_EXE "BukuMigranDesa-konsol.exe"
!define UNINSTALL_EXE "Hapus Buku Migran Desa.exe"
!define PUBLISHER "Buku Migran Desa"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\BukuMigranDesa"
!define SETTINGS_KEY "Software\BukuMigranDesa"
!define DATA_DIR_TEXT "%LOCALAPPDATA%\BukuMigranDesa"

!ifndef VERSION
  !searchparse /file "..\app\__init__.py" `__version__ = "` VERSION `"`
!endif
; x.y.z -> x.y.z.0 for the Windows version resource (a suffix such as "rc1" is dropped)
!searchparse /noerrors "${VERSION}..." "" V_MAJOR "." V_MINOR "." V_PATCH "."
!searchparse /noerrors "${V_PATCH}" "" V_PATCH_NUM "rc"
!ifndef V_PATCH_NUM
  !define V_PATCH_NUM "0"
!endif
!define VERSION_QUAD "${V_MAJOR}.${V_MINOR}.${V_PATCH_NUM}.0"

!ifndef DIST_DIR
  !define DIST_DIR "..\dist\BukuMigranDesa"
!endif
!ifndef OUTFILE
  !define OUTFILE "..\dist\BukuMigranDesa-${VERSION}-pasang.exe"
!endif

!if /FileExists "${DIST_DIR}\${APP_EXE}"
!else
  !error "Windows build not found: ${DIST_DIR}\${APP_EXE}. Run 'pyinstaller --noconfirm build.spec' on Windows first."
!endif
!if /FileExists "${DIST_DIR}\${CONSOLE_EXE}"
!else
  !error "Windows build incomplete: ${DIST_DIR}\${CONSOLE_EXE} is missing."
!endif
!if /FileExists "${DIST_DIR}\_internal\base_library.zip"
!else
  !error "Windows build incomplete: ${DIST_DIR}\_internal is missing."
!endif

Name "${APP_NAME} ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES64\${APP_NAME}"
InstallDirRegKey HKLM "${SETTINGS_KEY}" "InstallDir"
BrandingText "${APP_NAME} ${VERSION}"
ShowInstDetails show
ShowUninstDetails show

VIProductVersion "${VERSION_QUAD}"
VIFileVersion "${VERSION_QUAD}"
VIAddVersionKey /LANG=1057 "ProductName" "${APP_NAME}"
VIAddVersionKey /LANG=1057 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1057 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1057 "FileDescription" "Program pemasang ${APP_NAME}"
VIAddVersionKey /LANG=1057 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=1057 "LegalCopyright" "MIT License"

; ------------------------------------------------------------------------------------------
; Pages (Modern UI 2, Indonesian)

!define MUI_ABORTWARNING
!if /FileExists "..\resources\icons\buku-migran.ico"
  !define MUI_ICON "..\resources\icons\buku-migran.ico"
  !define MUI_UNICON "..\resources\icons\buku-migran.ico"
!endif

!define MUI_WELCOMEPAGE_TITLE "Memasang ${APP_NAME} ${VERSION}"
!define MUI_WELCOMEPAGE_TEXT "Program ini memasang ${APP_NAME}, buku register pekerja migran desa.$\r$\n$\r$\nSyarat: Windows 10 atau lebih baru, 64-bit.$\r$\n$\r$\nJika versi lama sudah terpasang, versi baru dipasang menggantikannya. Data desa TIDAK terhapus: data disimpan terpisah di ${DATA_DIR_TEXT}, dan akan diperbarui otomatis (dengan cadangan lebih dulu) saat program dibuka.$\r$\n$\r$\nTutup ${APP_NAME} bila sedang terbuka, lalu klik Lanjut."
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
; No "run now" box: the installer runs as administrator, and a program started from it would
; keep its data in the administrator's profile instead of the village operator's.
!define MUI_FINISHPAGE_TITLE "${APP_NAME} sudah terpasang"
!define MUI_FINISHPAGE_TEXT "Buka ${APP_NAME} dari menu Start atau dari ikon di desktop.$\r$\n$\r$\nData disimpan di ${DATA_DIR_TEXT} milik setiap pengguna Windows. Memasang versi baru atau menghapus program tidak menghapus data tersebut."
!insertmacro MUI_PAGE_FINISH

!define MUI_UNCONFIRMPAGE_TEXT_TOP "${APP_NAME} akan dihapus dari folder di bawah ini. Folder DATA TIDAK DIHAPUS: database, cadangan, log, dan paket tetap tersimpan di ${DATA_DIR_TEXT} (atau di folder data di samping program pada mode portabel). Hapus folder data itu sendiri hanya bila Anda yakin datanya tidak diperlukan lagi."
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!define MUI_FINISHPAGE_TITLE "${APP_NAME} sudah dihapus"
!define MUI_FINISHPAGE_TEXT "Program sudah dihapus dari komputer ini.$\r$\n$\r$\nData TIDAK dihapus dan masih ada di ${DATA_DIR_TEXT}. Bila program dipasang lagi, data itu langsung terbuka kembali."
!insertmacro MUI_UNPAGE_FINISH

!insertmacro MUI_LANGUAGE "Indonesian"

; ------------------------------------------------------------------------------------------
; Checks

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_OK|MB_ICONSTOP "${APP_NAME} memerlukan Windows 64-bit (Windows 10 atau lebih baru). Komputer ini memakai Windows 32-bit, sehingga program tidak dapat dipasang." /SD IDOK
    Abort
  ${EndIf}
  ${IfNot} ${AtLeastWin10}
    MessageBox MB_OK|MB_ICONSTOP "${APP_NAME} memerlukan Windows 10 atau lebih baru (64-bit). Perbarui Windows komputer ini terlebih dahulu." /SD IDOK
    Abort
  ${EndIf}
  SetRegView 64
  SetShellVarContext all
FunctionEnd

Function un.onInit
  SetRegView 64
  SetShellVarContext all
FunctionEnd

; The program must be closed: its files cannot be replaced or removed while it runs. A running
; executable cannot be opened for writing, which tells without changing anything.
!macro EnsureClosed UN
Function ${UN}EnsureClosed
  ${ForEach} $R0 1 2 + 1
    ${If} $R0 == 1
      StrCpy $R1 "$INSTDIR\${APP_EXE}"
    ${Else}
      StrCpy $R1 "$INSTDIR\${CONSOLE_EXE}"
    ${EndIf}
    retry:
    ${If} ${FileExists} "$R1"
      ClearErrors
      FileOpen $R2 "$R1" a
      ${If} ${Errors}
        MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "${APP_NAME} masih terbuka. Tutup semua jendela ${APP_NAME}, lalu klik Coba lagi." /SD IDCANCEL IDRETRY retry
        Abort
      ${EndIf}
      FileClose $R2
    ${EndIf}
  ${Next}
FunctionEnd
!macroend
!insertmacro EnsureClosed ""
!insertmacro EnsureClosed "un."

; ------------------------------------------------------------------------------------------
; Install

Section "Program" SecProgram
  SectionIn RO
  SetOutPath "$INSTDIR"
  Call EnsureClosed
  ; Upgrade: remove the previous version's program files first, so that no module or
  ; migration script of an older build mixes with the new ones. Only _internal (program files)
  ; is removed; the data folder is elsewhere and a portable data\ folder is never touched.
  RMDir /r "$INSTDIR\_internal"

  File "${DIST_DIR}\${APP_EXE}"
  File "${DIST_DIR}\${CONSOLE_EXE}"
  SetOutPath "$INSTDIR\_internal"
  File /r "${DIST_DIR}\_internal\*.*"
  SetOutPath "$INSTDIR"

  WriteUninstaller "$INSTDIR\${UNINSTALL_EXE}"

  CreateShortcut "$SMPROGRAMS\${APP_NAME}.lnk" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0
  CreateShortcut "$DESKTOP\${APP_NAME}.lnk" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0
  ; Practice mode for training events: its own data folder, marked on every screen.
  CreateShortcut "$SMPROGRAMS\${APP_NAME} - mode latihan.lnk" "$INSTDIR\${APP_EXE}" \
    "--latihan" "$INSTDIR\${APP_EXE}" 0
  ; for trainers and support: the console twin checks the installation and keeps the window
  CreateShortcut "$SMPROGRAMS\${APP_NAME} - uji instalasi.lnk" "$SYSDIR\cmd.exe" \
    '/k ""$INSTDIR\${CONSOLE_EXE}" --self-test"' "$INSTDIR\${APP_EXE}" 0

  WriteRegStr HKLM "${SETTINGS_KEY}" "InstallDir" "$INSTDIR"
  WriteRegStr HKLM "${SETTINGS_KEY}" "Version" "${VERSION}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayName" "${APP_NAME}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${APP_EXE}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\${UNINSTALL_EXE}"'
  WriteRegStr HKLM "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\${UNINSTALL_EXE}" /S'
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "EstimatedSize" "$0"
SectionEnd

; ------------------------------------------------------------------------------------------
; Uninstall: program files, shortcuts and registry entries only. NEVER the data folder:
; no RMDir /r on $INSTDIR (a portable data\ folder or portable.txt may be there) and nothing
; under %LOCALAPPDATA%.

Section "Uninstall"
  Call un.EnsureClosed
  Delete "$INSTDIR\${APP_EXE}"
  Delete "$INSTDIR\${CONSOLE_EXE}"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${UNINSTALL_EXE}"
  ; removed only if now empty, so anything a user put there stays
  RMDir "$INSTDIR"

  Delete "$SMPROGRAMS\${APP_NAME}.lnk"
  Delete "$SMPROGRAMS\${APP_NAME} - uji instalasi.lnk"
  Delete "$SMPROGRAMS\${APP_NAME} - mode latihan.lnk"
  Delete "$DESKTOP\${APP_NAME}.lnk"

  DeleteRegKey HKLM "${UNINSTALL_KEY}"
  DeleteRegKey HKLM "${SETTINGS_KEY}"
SectionEnd
