//! `akredit-window`: the window alone, for the Start menu and for double-clicking an
//! `.akredit` file in Explorer.
//!
//! On Windows it is a GUI-subsystem program, so starting it opens no console window. That
//! is also why it is a second program rather than `akredit.exe` itself: a GUI-subsystem
//! program is not waited for by `cmd` or PowerShell, so its exit status and its output
//! would be lost to the commands an expert or a script types (`akredit score …`). The
//! console program `akredit` keeps the whole command line, the window included
//! (`akredit open FILE`); this one takes only what Explorer passes: nothing, a file, or
//! `open FILE`. Having no console, it reports a problem in a message box.

#![cfg_attr(windows, windows_subsystem = "windows")]

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;

use akredit::catalogue::Catalogue;

fn main() -> ExitCode {
    let file = match file_to_open(std::env::args_os().skip(1).collect()) {
        Ok(file) => file,
        Err(usage) => return tell(&usage, ExitCode::from(2)),
    };
    let catalogue = match Catalogue::builtin() {
        Ok(catalogue) => std::sync::Arc::new(catalogue),
        Err(e) => {
            return tell(
                &format!(
                    "Каталог стандартів у програмі пошкоджено ({e}). Перевстановіть akredit.\n\nThe catalogue built into the program is damaged ({e}); reinstall akredit."
                ),
                ExitCode::FAILURE,
            );
        }
    };
    match akredit::ui::run(catalogue, file) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => tell(
            &format!("Не вдалося відкрити вікно akredit: {e}\n\nCannot open akredit's window: {e}"),
            ExitCode::FAILURE,
        ),
    }
}

/// The inspection named on the command line: none, `FILE` (Explorer's "Open with"), or
/// `open FILE` (the registered command); anything else is not for this program.
fn file_to_open(args: Vec<OsString>) -> Result<Option<PathBuf>, String> {
    match args.as_slice() {
        [] => Ok(None),
        [open, file] if open == "open" => Ok(Some(PathBuf::from(file))),
        [file] if !file.to_string_lossy().starts_with('-') => Ok(Some(PathBuf::from(file))),
        _ => Err(
            "akredit-window відкриває лише вікно: akredit-window [ФАЙЛ.akredit]. \
                  Команди — у програмі akredit (akredit --help).\n\n\
                  akredit-window opens only the window: akredit-window [FILE.akredit]; \
                  the commands are in the akredit program (akredit --help)."
                .to_string(),
        ),
    }
}

/// Says `text` where the user will see it, and returns `status`: on standard error when
/// there is one (a terminal or a script that started the program), otherwise — started
/// from Explorer or the Start menu, on Windows — in a message box.
fn tell(text: &str, status: ExitCode) -> ExitCode {
    eprintln!("akredit-window: {text}");
    #[cfg(windows)]
    {
        use std::os::windows::io::AsRawHandle;
        if std::io::stderr().as_raw_handle().is_null() {
            let _shown = rfd::MessageDialog::new()
                .set_level(rfd::MessageLevel::Error)
                .set_title("akredit")
                .set_description(text)
                .set_buttons(rfd::MessageButtons::Ok)
                .show();
        }
    }
    status
}
