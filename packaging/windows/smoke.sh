# The Windows programs under Wine, as an expert meets them: sourced by build-and-test,
# whose `check`, `$out`, `$log`, `$appdata` and `$version` it uses.
# shellcheck shell=bash

# The folder the inspections go in: Cyrillic and spaces, as in an expert's Documents.
smoke_folder="$out/smoke/Документи/Перевірки 2026"

# akredit.exe from folder $1 with the rest as its arguments.
ak_in() {
  local dir="$1"
  shift
  wine "$dir/akredit.exe" "$@"
}

# A Unix path as the Windows programs spell it (Z:\…).
win_path() { winepath -w "$1" 2>/dev/null; }

# Runs the rest and succeeds when it exits with status $1 (a refusal is a success here).
expect_status() {
  local want="$1" got=0
  shift
  "$@" || got=$?
  echo "exit status $got (expected $want)"
  [ "$got" -eq "$want" ]
}

# Waits up to $2 seconds for the file $1.
wait_for_file() {
  local i
  for ((i = 0; i < $2 * 2; i++)); do
    [ -e "$1" ] && return 0
    sleep 0.5
  done
  echo "no $1 after $2 s"
  return 1
}

# The registry value ($2, or the default with /ve) of key $1 contains $3.
reg_has() {
  local key="$1" name="$2" want="$3" value
  if [ "$name" = "" ]; then
    value="$(wine reg query "$key" /ve 2>/dev/null | tr -d '\r')"
  else
    value="$(wine reg query "$key" /v "$name" 2>/dev/null | tr -d '\r')"
  fi
  echo "$value"
  grep -F -- "$want" <<<"$value" >/dev/null
}


# An inspection driven to a verified result by akredit.exe in folder $1, in file $2: made
# with Cyrillic names, every sanitary standard scored, the form and the 13 documents
# recorded, exported, verified with the key in the data folder, a tampered copy refused.
drive_inspection() {
  local dir="$1" file="$2" wfile codes result key
  wfile="$(win_path "$file")"
  result="${file%.akredit}.result.json"
  key="$appdata/Roaming/akredit/keys/identity.json"
  rm -f "$file" "$result" "$result.tampered"
  check "new: an inspection with Cyrillic names in a folder with spaces" \
    ak_in "$dir" new "$wfile" --model sanitary --centre "Полтавський обласний центр здоров'я" \
    --expert "Іваненко І. І." --visit-date 2026-11-23
  codes="$(ak_in "$dir" catalogue --json | python3 -c 'import json,sys
c = json.load(sys.stdin)
print(" ".join(s["code"] + "=" + str(s["grades"][-1]) for s in c["standards"] if "sanitary" in s["models"]))')"
  # shellcheck disable=SC2086
  check "score: every sanitary standard at once" ak_in "$dir" score "$wfile" $codes
  check "centre and document: the application form and the 13 documents" \
    record_form_and_documents "$dir" "$wfile"
  check "export: the signed result" ak_in "$dir" export "$wfile" --out "$(win_path "$result")"
  check "verify: the result verifies with the expert's key from %APPDATA%\\akredit" \
    ak_in "$dir" verify "$(win_path "$result")" --trust "$(win_path "$key")"
  python3 - "$result" "$result.tampered" <<'EOF'
import sys
data = bytearray(open(sys.argv[1], "rb").read())
at = data.index(b'"commission":3')
data[at + 13] = ord("2")
open(sys.argv[2], "wb").write(data)
EOF
  check "verify: a result with one grade changed is refused (exit status 1)" \
    expect_status 1 ak_in "$dir" verify "$(win_path "$result.tampered")" --trust "$(win_path "$key")"
}

record_form_and_documents() {
  local dir="$1" wfile="$2" n
  ak_in "$dir" centre "$wfile" ownership=комунальна location="м. Полтава" \
    phone="0532 00-00-00" head="Петренко П. П."
  # Each document's command must succeed: one that fails is named here (a Wine run once
  # lost document 10 without a word, and only the export said so).
  for n in $(seq 1 13); do
    ak_in "$dir" document "$wfile" "$n" --present yes >/dev/null \
      || { echo "document $n: akredit.exe exited with status $?" >&2; return 1; }
  done
}

# The summary's JSON: the points scored (3 for В, 2 for НВ).
summary_json_has_the_points() {
  ak_in "$1" summary "$2" --json | python3 -c 'import json,sys
s = json.load(sys.stdin)
assert s["commission"]["points"] == 5, s["commission"]'
}

# Cyrillic comes through a pipe as UTF-8 (std writes bytes to a pipe, UTF-16 to a console).
cyrillic_through_the_pipe() {
  ak_in "$1" summary "$2" | grep -F "Полтавський центр здоров'я" >/dev/null
}

protocol_reads_back() {
  local pdf="$smoke_folder/протокол.pdf"
  rm -f "$pdf"
  ak_in "$1" protocol "$(win_path "$2")" --out "$(win_path "$pdf")"
  # (grep reads to the end: with pipefail, an early exit would fail pdftotext's write)
  pdftotext "$pdf" - | grep "ПРОТОКОЛ" >/dev/null
}

smoke_command_line() {
  local dir="$1" file wfile
  rm -rf "$out/smoke" "$appdata/Roaming/akredit"
  mkdir -p "$smoke_folder"
  file="$smoke_folder/Полтава 2026-11-23.akredit"
  wfile="$(win_path "$file")"
  check "--version: $version" bash -c "wine '$dir/akredit.exe' --version | grep -F '$version' >/dev/null"
  check "new: Ukrainian names, a folder with spaces" \
    ak_in "$dir" new "$wfile" --model full --centre "Полтавський центр здоров'я" \
    --expert "Іваненко І. І." --visit-date 2026-11-23
  check "score: the Order's letters (В, НВ)" ak_in "$dir" score "$wfile" 1.1.1.1=В 1.1.3=НВ
  check "score: an unknown standard is refused (exit status 1)" \
    expect_status 1 ak_in "$dir" score "$wfile" 9.9.9=3
  check "score: a grade the scale lacks is refused (exit status 1)" \
    expect_status 1 ak_in "$dir" score "$wfile" 1.1.1.1=7
  check "a command line clap cannot read is refused (exit status 2)" \
    expect_status 2 ak_in "$dir" score
  check "summary --json: the points" summary_json_has_the_points "$dir" "$wfile"
  check "summary: the centre's Cyrillic name, UTF-8 through a pipe" cyrillic_through_the_pipe "$dir" "$wfile"
  check "key init: a key in %APPDATA%\\akredit\\keys" bash -c \
    "wine '$dir/akredit.exe' key init --name 'Іваненко Іван Іванович' && test -f '$appdata/Roaming/akredit/keys/identity.json'"
  drive_inspection "$dir" "$smoke_folder/Санітарна перевірка.akredit"
  check "protocol: a PDF that reads back in Ukrainian" \
    protocol_reads_back "$dir" "$smoke_folder/Санітарна перевірка.result.json"
}

# A screenshot with some hundreds of colours: the window drew its text and widgets.
not_blank() {
  local colours
  colours="$(convert "$1" -format '%k' info:)"
  echo "$colours colours in $1"
  [ "$colours" -gt 200 ]
}

start_xvfb() {
  local n=88
  while [ -e "/tmp/.X11-unix/X$n" ] || [ -e "/tmp/.X$n-lock" ]; do n=$((n + 1)); done
  Xvfb ":$n" -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 &
  xvfb_pid=$!
  export DISPLAY=":$n"
  wait_for_file "/tmp/.X11-unix/X$n" 20 >/dev/null
}

smoke_window() {
  local dir="$1" file label
  file="$smoke_folder/Полтава 2026-11-23.akredit"
  label="$smoke_folder/.Полтава 2026-11-23.akredit.lock"
  start_xvfb
  # A window started right after a command fails with "no driver could be loaded" unless
  # the Wine server has finished with the earlier programs.
  wineserver -w
  (wine "$dir/akredit-window.exe" open "$(win_path "$file")" >>"$log" 2>&1 &)
  check "the window opens the inspection for changes (its lock label appears)" \
    wait_for_file "$label" 120
  sleep 8
  import -window root "$out/window.png"
  check "the window draws (the screenshot is not blank)" not_blank "$out/window.png"
  check "the command line is refused while the window has the file (exit status 1)" \
    expect_status 1 ak_in "$dir" score "$(win_path "$file")" 1.1.1.2=0
  check "the refusal names the holder" bash -c \
    "wine '$dir/akredit.exe' score '$(win_path "$file")' 1.1.1.2=0 2>&1 | grep 'open for changes elsewhere' >/dev/null"
  # The window ended as by a crash or a power cut: its lock goes with it.
  wineserver -k || true
  wineserver -w
  check "after the window is gone the file takes changes again" \
    ak_in "$dir" score "$(win_path "$file")" 1.1.1.2=3
}

# The installed programs carry akredit's icon and this version (mingw's windres reads the
# resources back out of the program).
has_icon_and_version() {
  local resources
  resources="$(x86_64-w64-mingw32-windres -i "$1" -O rc 2>/dev/null)"
  grep -E 'ICON|FileVersion|FileDescription' <<<"$resources"
  grep -q 'ICON' <<<"$resources" && grep -q "\"FileVersion\", \"$version\"" <<<"$resources"
}

# Runs the command registered for opening .akredit files on $1, as Explorer would: the
# quoted program, then `open` and the file; succeeds when the window opens it ($2, the lock
# label, appears).
registered_command_opens() {
  local command program
  command="$(wine reg query 'HKCU\Software\Classes\akredit.inspection\shell\open\command' /ve |
    tr -d '\r' | sed -n 's/.*REG_SZ[[:space:]]*//p')"
  echo "registered: $command"
  program="$(sed -n 's/^"\([^"]*\)" open "%1"$/\1/p' <<<"$command")"
  [ -n "$program" ] || return 1
  (wine "$program" open "$(win_path "$1")" >/dev/null 2>&1 &)
  wait_for_file "$2" 120
}

smoke_installer() {
  local setup="$1" installed shortcut sample
  installed="$appdata/Local/Programs/akredit"
  shortcut="$appdata/Roaming/Microsoft/Windows/Start Menu/Programs/akredit — акредитація центрів здоров'я.lnk"
  check "the installer runs silently, asking for no administrator rights" wine "$setup" /S
  wineserver -w
  check "akredit.exe, akredit-window.exe and the uninstaller are installed" \
    test -f "$installed/akredit.exe" -a -f "$installed/akredit-window.exe" -a -f "$installed/uninstall.exe"
  check "the programs carry akredit's icon and version $version" has_icon_and_version "$installed/akredit-window.exe"
  check "the Start-menu entry, in Ukrainian" test -f "$shortcut"
  check ".akredit files are akredit's" reg_has 'HKCU\Software\Classes\.akredit' "" akredit.inspection
  check ".akredit files show akredit's icon" \
    reg_has 'HKCU\Software\Classes\akredit.inspection\DefaultIcon' "" 'akredit-window.exe",0'
  check "a double-click runs the window on the file" \
    reg_has 'HKCU\Software\Classes\akredit.inspection\shell\open\command' "" 'akredit-window.exe" open "%1"'
  check "Settings → Apps lists akredit $version" \
    reg_has 'HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\akredit' DisplayVersion "$version"
  drive_inspection "$installed" "$smoke_folder/Встановлена програма.akredit"
  # A double-click in Explorer runs the registered command on the file. (Wine does not merge
  # the user's own classes, HKCU\Software\Classes, into HKEY_CLASSES_ROOT as Windows does,
  # so `start FILE` cannot find them there; the command is run here as Explorer would.)
  sample="$smoke_folder/Встановлена програма.akredit"
  wineserver -w
  check "the registered command opens the file in the installed window" \
    registered_command_opens "$sample" "$smoke_folder/.Встановлена програма.akredit.lock"
  wineserver -k || true
  wineserver -w
  check "the uninstaller runs silently" wine "$installed/uninstall.exe" /S
  wineserver -w
  check "the uninstaller leaves no program, entry or registration" bash -c "
    test ! -e '$installed/akredit.exe' && test ! -e '$installed/uninstall.exe' \
      && test ! -e \"$shortcut\"" 
  check "… and no registry key of its own" bash -c "
    ! wine reg query 'HKCU\\Software\\Classes\\akredit.inspection' >/dev/null 2>&1 \
      && ! wine reg query 'HKCU\\Software\\Classes\\.akredit' >/dev/null 2>&1 \
      && ! wine reg query 'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\akredit' >/dev/null 2>&1"
  check "the expert's key and inspections are kept" \
    test -f "$appdata/Roaming/akredit/keys/identity.json" -a -f "$sample"
}
