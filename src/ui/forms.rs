//! What the user has typed into the window's forms (a new inspection, the Export dialog,
//! the self-assessment import), and what their last submission gave. Plain data: the
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
}

impl NewForm {
    /// An empty form: today's date, the file in `folder`.
    pub fn new(today: &str, folder: &Path) -> NewForm {
        NewForm {
            centre: String::new(),
            model: ModelId::Full,
            expert: String::new(),
            visit_date: today.chars().take(10).collect(),
            path: folder.join("inspection.akredit").display().to_string(),
            open_path: String::new(),
            self_assessment: false,
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

    /// The file name the native "save" dialog suggests: the centre's name, made safe.
    pub fn suggested_file_name(&self) -> String {
        let cleaned: String = self
            .centre
            .chars()
            .map(|c| {
                if c.is_alphanumeric() || c == '-' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        let cleaned = cleaned.trim_matches('_');
        if cleaned.is_empty() {
            "inspection.akredit".into()
        } else {
            format!("{cleaned}.akredit")
        }
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

#[cfg(test)]
mod tests {
    use super::ExportDialog;
    use std::path::{Path, PathBuf};

    #[test]
    fn the_suggested_name_does_not_say_self_twice() {
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
