//! What the user has typed into the window's forms (a new inspection, the Export dialog,
//! the self-assessment import, the expert group), and what their last submission gave. Plain data: the
//! screens draw and edit it, the command handlers read it.

use std::path::{Path, PathBuf};

use crate::catalogue::ModelId;
use crate::inspection::{NewInspection, Purpose};

/// The fields of the "new inspection" form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewForm {
    /// Centre's name.
    pub centre: String,
    /// Model.
    pub model: ModelId,
    /// Expert's name.
    pub expert: String,
    /// Visit date.
    pub visit_date: String,
    /// Where to create the file.
    pub path: String,
    /// A path typed into the "open" field.
    pub open_path: String,
    /// Make the centre's self-assessment instead of an inspection.
    pub self_assessment: bool,
    /// The folder new files are suggested in.
    folder: PathBuf,
    /// The path last suggested: while [`NewForm::path`] is still it, the path follows the
    /// centre's name and the date as they are typed; once the user edits the path by hand
    /// (or chooses it in a dialog), it stays as they made it.
    suggested: String,
}

/// Characters a Windows file name may not hold (besides the control characters).
const NOT_IN_FILE_NAMES: &[char] = &['<', '>', ':', '"', '/', '\\', '|', '?', '*'];

/// Names Windows keeps for devices, whatever their extension.
const DEVICE_NAMES: &[&str] = &[
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
    "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];

/// The longest file name suggested, in characters (well within every file system's limit).
const NAME_MAX: usize = 120;

impl NewForm {
    /// An empty form: today's date, the expert's name remembered from last time, the file
    /// in `folder` named after the centre and the date.
    pub fn new(today: &str, folder: &Path, expert: &str) -> NewForm {
        let mut form = NewForm {
            centre: String::new(),
            model: ModelId::Full,
            expert: expert.to_string(),
            visit_date: today.chars().take(10).collect(),
            path: String::new(),
            open_path: String::new(),
            self_assessment: false,
            folder: folder.to_path_buf(),
            suggested: String::new(),
        };
        form.follow_facts();
        form
    }

    /// After the centre's name or the date changed: the suggested path follows them,
    /// unless the user has made the path their own.
    pub fn follow_facts(&mut self) {
        if self.path == self.suggested {
            let path = self.folder.join(self.suggested_file_name());
            self.suggested = path.display().to_string();
            self.path = self.suggested.clone();
        }
    }

    /// What the form asks to create, its texts trimmed.
    pub fn new_inspection(&self) -> NewInspection {
        let date = self.visit_date.trim();
        NewInspection {
            model: self.model,
            centre_name: self.centre.trim().to_string(),
            expert: self.expert.trim().to_string(),
            visit_date: (!date.is_empty()).then(|| date.to_string()),
            purpose: Purpose::from_self_assessment(self.self_assessment),
        }
    }

    /// The file name suggested for a new inspection: the centre's name and the visit date
    /// (`Полтавський обласний центр здоров'я 2026-11-23.akredit`), with what a Windows file
    /// name may not hold replaced by `_`.
    pub fn suggested_file_name(&self) -> String {
        let facts = format!("{} {}", self.centre.trim(), self.visit_date.trim());
        let words: Vec<&str> = facts.split_whitespace().collect();
        let stem = words.join(" ");
        let stem = if self.centre.trim().is_empty() {
            format!("inspection {stem}")
        } else {
            stem
        };
        format!("{}.{}", file_stem(&stem), crate::inspection::EXTENSION)
    }
}

/// `text` made a file name's stem that Windows (the strictest) accepts: forbidden and
/// control characters replaced, no trailing dot or space, no device name, not too long.
fn file_stem(text: &str) -> String {
    let cleaned: String = text
        .chars()
        .map(|c| {
            if c.is_control() || NOT_IN_FILE_NAMES.contains(&c) {
                '_'
            } else {
                c
            }
        })
        .take(NAME_MAX)
        .collect();
    let cleaned = cleaned.trim().trim_end_matches(['.', ' ']).to_string();
    let device = cleaned
        .split('.')
        .next()
        .is_some_and(|base| DEVICE_NAMES.contains(&base.trim().to_uppercase().as_str()));
    match cleaned.as_str() {
        "" => "inspection".into(),
        _ if device => format!("_{cleaned}"),
        _ => cleaned,
    }
}

/// The state of the Export dialog.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExportDialog {
    /// Where to write the result.
    pub path: String,
    /// Export although incomplete.
    pub draft: bool,
    /// Also write the PDF protocol beside the result.
    pub with_pdf: bool,
    /// Also write the expert conclusion (PDF and DOCX) and the action plan (CSV) beside
    /// the result.
    pub with_conclusion: bool,
    /// The name for a new key.
    pub key_name: String,
    /// The expert confirmed the new key's name as typed (it goes into every result).
    pub key_name_confirmed: bool,
    /// Whether this computer has a signing key: read when the dialog opens, and again
    /// after an export (which may have made one) — never per frame.
    pub has_key: bool,
    /// What the last attempt gave: the result's hash and fingerprint, or an error.
    pub outcome: Option<Result<String, String>>,
}

impl ExportDialog {
    /// The file suggested beside an inspection: `NAME.result.json`, or `NAME.self.json`
    /// for a centre's self-assessment (`poltava-self.akredit` gives `poltava.self.json`).
    pub fn suggested_path(inspection: &Path, self_assessment: bool) -> PathBuf {
        let stem = inspection
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "inspection".into());
        let kind = if self_assessment { "self" } else { "result" };
        // A centre's file is often named for what it is (`poltava-self.akredit`): the
        // suggested name does not say it twice (`poltava.self.json`).
        let stem = [".", "-", "_", " "]
            .iter()
            .find_map(|sep| stem.strip_suffix(&format!("{sep}{kind}")))
            .filter(|s| !s.is_empty())
            .map_or(stem.clone(), str::to_string);
        inspection.with_file_name(format!("{stem}.{kind}.json"))
    }
}

/// The Centre tab's "import the centre's self-assessment" form.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SelfImport {
    /// The file to import.
    pub path: String,
    /// What the last attempt gave: a summary, or why it was refused.
    pub outcome: Option<Result<String, String>>,
    /// Self grades entered by hand that the file would change (`code: X → Y`).
    pub conflicts: Vec<String>,
}

/// The Centre tab's expert-group editor: the name of a member being added, and the keys
/// pasted for members before they are set.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TeamForm {
    /// The full name of the member to add.
    pub name: String,
    /// A key (base64, or the path of an identity.json) typed for a member, by name.
    pub keys: std::collections::BTreeMap<String, String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_name_is_the_centre_and_the_date_safe_for_windows() {
        let mut form = NewForm::new("2026-11-23T10:00:00Z", Path::new("/docs"), "");
        assert_eq!(form.suggested_file_name(), "inspection 2026-11-23.akredit");
        form.centre = "  Полтавський обласний  центр здоров'я ".into();
        assert_eq!(
            form.suggested_file_name(),
            "Полтавський обласний центр здоров'я 2026-11-23.akredit"
        );
        form.centre = "ЦЗ \"Надія\": м. Київ/Оболонь <1>?*|\\\t".into();
        assert_eq!(
            form.suggested_file_name(),
            "ЦЗ _Надія__ м. Київ_Оболонь _1_____ 2026-11-23.akredit"
        );
        form.visit_date = String::new();
        form.centre = "con".into();
        assert_eq!(form.suggested_file_name(), "_con.akredit");
        form.centre = "Центр...".into();
        assert_eq!(form.suggested_file_name(), "Центр.akredit");
        form.centre = "я".repeat(500);
        assert!(form.suggested_file_name().chars().count() <= NAME_MAX + 8);
    }

    #[test]
    fn the_path_follows_the_facts_until_edited_by_hand() {
        let mut form = NewForm::new("2026-11-23", Path::new("/docs"), "Іваненко");
        assert_eq!(form.expert, "Іваненко");
        form.centre = "Центр".into();
        form.follow_facts();
        assert_eq!(
            Path::new(&form.path),
            Path::new("/docs").join("Центр 2026-11-23.akredit")
        );
        form.path = "/elsewhere/mine.akredit".into();
        form.centre = "Центр здоров'я".into();
        form.follow_facts();
        assert_eq!(form.path, "/elsewhere/mine.akredit");
    }

    #[test]
    fn the_suggested_name_does_not_say_self_twice() {
        use std::path::PathBuf;
        let suggest = |p: &str, own: bool| ExportDialog::suggested_path(Path::new(p), own);
        assert_eq!(
            suggest("d/poltava-self.akredit", true),
            PathBuf::from("d/poltava.self.json")
        );
        assert_eq!(
            suggest("d/poltava.akredit", true),
            PathBuf::from("d/poltava.self.json")
        );
        assert_eq!(
            suggest("d/self.akredit", true),
            PathBuf::from("d/self.self.json")
        );
        assert_eq!(
            suggest("d/poltava.akredit", false),
            PathBuf::from("d/poltava.result.json")
        );
    }
}
