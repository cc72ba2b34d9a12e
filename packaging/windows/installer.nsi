; The akredit installer for Windows: per-user, no administrator rights asked for.
;
; Built on Linux by packaging/windows/build-and-test with Debian's NSIS:
;   makensis -DVERSION=0.2.0 -DBIN=<folder with akredit.exe and akredit-window.exe> \
;            -DOUT=<akredit-0.2.0-setup.exe> packaging/windows/installer.nsi
;
; What it does, all under the user's own profile (HKCU and %LOCALAPPDATA%):
; - puts akredit.exe (the command line), akredit-window.exe (the window, no console) and
;   the uninstaller into %LOCALAPPDATA%\Programs\akredit;
; - a Start-menu entry in Ukrainian that opens the window;
; - registers .akredit files (icon, "open" runs the window on the file) and the entry in
;   Settings -> Apps;
; - the uninstaller removes exactly these. The data folder (%APPDATA%\akredit: the expert's
;   key, backups, settings) and the inspections themselves are never touched: they belong
;   to the expert and must outlive a reinstall.
;
; /S installs (or uninstalls) silently; /D=FOLDER (last on the line) sets the folder.

Unicode true
Target amd64-unicode
SetCompressor /SOLID lzma
RequestExecutionLevel user

!ifndef VERSION
  !error "give the version: makensis -DVERSION=x.y.z"
!endif
!ifndef BIN
  !error "give the folder with the built programs: makensis -DBIN=..."
!endif
!ifndef OUT
  !define OUT "akredit-${VERSION}-setup.exe"
!endif

!define PRODUCT "akredit"
!define PROG_ID "akredit.inspection"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\akredit"
!define ICON "${__FILEDIR__}/../../assets/icon/akredit.ico"
; The Start-menu entry: what the expert sees and types to find the program.
!define SHORTCUT "akredit — акредитація центрів здоров'я"

Name "akredit ${VERSION}"
OutFile "${OUT}"
InstallDir "$LOCALAPPDATA\Programs\akredit"
InstallDirRegKey HKCU "Software\akredit" "InstallDir"
ShowInstDetails nevershow
ShowUninstDetails nevershow

!include "MUI2.nsh"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\akredit-window.exe"
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
; Ukrainian first: the installer speaks the system's language when it is one of these.
!insertmacro MUI_LANGUAGE "Ukrainian"
!insertmacro MUI_LANGUAGE "English"

; The installer's own version information (Properties -> Details).
VIProductVersion "${VERSION}.0"
VIFileVersion "${VERSION}.0"
VIAddVersionKey /LANG=${LANG_UKRAINIAN} "ProductName" "akredit"
VIAddVersionKey /LANG=${LANG_UKRAINIAN} "FileDescription" "Встановлення akredit ${VERSION}"
VIAddVersionKey /LANG=${LANG_UKRAINIAN} "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_UKRAINIAN} "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_UKRAINIAN} "LegalCopyright" "MIT OR Apache-2.0"

Section "akredit"
  SetOutPath "$INSTDIR"
  File "${BIN}/akredit.exe"
  File "${BIN}/akredit-window.exe"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  WriteRegStr HKCU "Software\akredit" "InstallDir" "$INSTDIR"

  CreateShortcut "$SMPROGRAMS\${SHORTCUT}.lnk" "$INSTDIR\akredit-window.exe" "" \
    "$INSTDIR\akredit-window.exe" 0 SW_SHOWNORMAL "" "Оцінювання центру здоров'я за наказом МОЗ № 169"

  ; .akredit files: akredit's icon, and a double-click opens the file in the window.
  WriteRegStr HKCU "Software\Classes\.akredit" "" "${PROG_ID}"
  WriteRegStr HKCU "Software\Classes\.akredit" "Content Type" "application/x-akredit-inspection"
  WriteRegStr HKCU "Software\Classes\${PROG_ID}" "" "Перевірка akredit"
  WriteRegStr HKCU "Software\Classes\${PROG_ID}\DefaultIcon" "" '"$INSTDIR\akredit-window.exe",0'
  WriteRegStr HKCU "Software\Classes\${PROG_ID}\shell\open\command" "" \
    '"$INSTDIR\akredit-window.exe" open "%1"'

  ; Settings -> Apps (and Control Panel's Programs and Features).
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "akredit"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "akredit"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" '"$INSTDIR\akredit-window.exe",0'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1

  ; Explorer shows the new icon and "open" without a restart.
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
SectionEnd

Section "Uninstall"
  Delete "$INSTDIR\akredit.exe"
  Delete "$INSTDIR\akredit-window.exe"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${SHORTCUT}.lnk"

  DeleteRegKey HKCU "Software\Classes\${PROG_ID}"
  ; The extension only while it is still ours (another program may have taken it since).
  ReadRegStr $0 HKCU "Software\Classes\.akredit" ""
  StrCmp $0 "${PROG_ID}" 0 +2
    DeleteRegKey HKCU "Software\Classes\.akredit"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  DeleteRegKey HKCU "Software\akredit"

  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
SectionEnd
