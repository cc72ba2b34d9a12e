//! The merge dialog's state: the members' signed parts read so far (each file with what it
//! gave), the head's decisions, the plan they make ([`crate::team::plan`]) and what the
//! last merge did. Plain data: the merge screen draws it, the command handler
//! (`command_handling::merge`) reads the parts, plans and applies.

use std::path::{Path, PathBuf};

use crate::catalogue::Code;
use crate::team::{MergePlan, SignedPart};

/// One file handed in: the part read from it, or why it was refused (in words).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartFileRead {
    /// The file.
    pub path: PathBuf,
    /// Whose part it is, or why it was refused.
    pub read: Result<String, String>,
}

/// The merge dialog, while open.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MergeView {
    /// Every file handed in, in the order given.
    pub files: Vec<PartFileRead>,
    /// The parts read and checked against the inspection.
    pub parts: Vec<SignedPart>,
    /// The head's decisions: whose assessment to take of each standard.
    pub decisions: Vec<(String, Code)>,
    /// The plan of the parts and decisions, or why there is none (in words).
    pub plan: Option<Result<MergePlan, String>>,
    /// What the last merge did, or why it was not saved.
    pub outcome: Option<Result<String, String>>,
}

impl MergeView {
    /// Whether `path` was handed in already.
    pub fn has_file(&self, path: &Path) -> bool {
        self.files.iter().any(|f| f.path == path)
    }

    /// Takes `author`'s assessment of `code` (replacing a decision of before).
    pub fn decide(&mut self, code: Code, author: String) {
        self.decisions.retain(|(_, c)| *c != code);
        self.decisions.push((author, code));
    }

    /// Whose assessment of `code` the head took, if decided.
    pub fn decision(&self, code: &Code) -> Option<&str> {
        self.decisions
            .iter()
            .find(|(_, c)| c == code)
            .map(|(n, _)| n.as_str())
    }

    /// The plan, when there is one.
    pub fn ready_plan(&self) -> Option<&MergePlan> {
        self.plan.as_ref().and_then(|p| p.as_ref().ok())
    }
}
