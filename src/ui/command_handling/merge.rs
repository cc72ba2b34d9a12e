//! Merging the members' signed parts into the group's inspection, from the merge dialog:
//! each file read and checked by [`team::read_part`] (a refused one is listed with why),
//! the plan made by [`team::plan`] with the head's decisions, and — once every
//! disagreement is decided — its changes applied as one batch through
//! [`crate::inspection::Inspection::apply`], so that one Ctrl+Z takes the whole merge back.

use std::path::{Path, PathBuf};

use crate::inspection::Inspection;
use crate::support::files;
use crate::support::settings::Language;
use crate::team::{self, SignedPart, TeamError};
use crate::ui::app::{AkreditApp, Status};
use crate::ui::i18n::{self, T};
use crate::ui::merge::{MergeView, PartFileRead};
use crate::ui::session::Session;

impl AkreditApp {
    /// Opens the merge dialog (kept as it was when opened again); not in a centre's own
    /// file, nor with no inspection open.
    pub(super) fn open_merge(&mut self) {
        let lang = self.settings.language;
        match &mut self.session {
            None => self.status = Status::Info(T::DropNeedsInspection.get(lang).to_string()),
            Some(s) if s.is_self_assessment() => {
                self.status = Status::Info(T::MergeInSelf.get(lang).to_string());
            }
            Some(s) => {
                s.merge.get_or_insert_with(MergeView::default);
            }
        }
    }

    /// Reads the parts the native dialog gives.
    pub(super) fn browse_parts(&mut self) {
        let chosen = self.choose_files(|d| d.parts(), T::NoDialogParts);
        if !chosen.is_empty() {
            self.read_parts(chosen);
        }
    }

    /// Reads signed parts into the merge dialog (opening it), each checked against the
    /// inspection, and plans the merge again. A file given before is not read twice.
    pub(super) fn read_parts(&mut self, paths: Vec<PathBuf>) {
        let lang = self.settings.language;
        self.open_merge();
        let Some(Session {
            inspection,
            merge: Some(view),
            ..
        }) = &mut self.session
        else {
            return;
        };
        for path in paths {
            if view.has_file(&path) {
                continue;
            }
            let read = match read_part(&path, inspection, lang) {
                Ok(part) => {
                    let member = part.payload.member.clone();
                    view.parts.push(part);
                    Ok(member)
                }
                Err(why) => Err(why),
            };
            view.files.push(PartFileRead { path, read });
        }
        view.outcome = None;
        replan(view, inspection, lang);
    }

    /// Takes `author`'s assessment of `code` and plans again.
    pub(super) fn take_assessment(&mut self, code: crate::catalogue::Code, author: String) {
        let lang = self.settings.language;
        let Some(Session {
            inspection,
            merge: Some(view),
            ..
        }) = &mut self.session
        else {
            return;
        };
        view.decide(code, author);
        replan(view, inspection, lang);
    }

    /// Applies the plan in one batch, once every disagreement is decided; the dialog then
    /// says what it did, and shows the parts as merged.
    pub(super) fn run_merge(&mut self) {
        let lang = self.settings.language;
        let Some(plan) = self
            .session
            .as_ref()
            .and_then(|s| s.merge.as_ref())
            .and_then(MergeView::ready_plan)
            .filter(|p| p.is_ready())
        else {
            return;
        };
        let changes = plan.changes().to_vec();
        let summary = format!(
            "{} · {}: {} · {}: {}",
            T::Merged.get(lang),
            T::MergedTaken.get(lang),
            plan.taken.len(),
            T::MergedDecided.get(lang),
            plan.conflicts.len()
        );
        let saved = if changes.is_empty() {
            None
        } else {
            Some(self.apply(changes))
        };
        let status = self.status.clone();
        let Some(Session {
            inspection,
            merge: Some(view),
            ..
        }) = &mut self.session
        else {
            return;
        };
        view.outcome = Some(match saved {
            None => Ok(T::MergeNothing.get(lang).to_string()),
            Some(true) => Ok(summary),
            Some(false) => Err(match status {
                Status::Error(e) | Status::Info(e) => e,
                _ => T::NotSaved.get(lang).to_string(),
            }),
        });
        if saved == Some(true) {
            view.decisions.clear();
            replan(view, inspection, lang);
        }
    }
}

/// A signed part handed in: a regular file of bounded size, read and checked against the
/// inspection; why not, in words, with the file's name.
fn read_part(path: &Path, inspection: &Inspection, lang: Language) -> Result<SignedPart, String> {
    let named = |why: String| format!("{}: {why}", path.display());
    let bytes = files::read_bounded(path, team::MAX_PART_BYTES, "signed part")
        .map_err(|e| i18n::error(&e, lang))?;
    team::read_part(&bytes, inspection).map_err(|e| named(i18n::error(&e, lang)))
}

/// Plans the merge of the parts read with the decisions taken. A decision the parts no
/// longer call for (another part given since) is dropped rather than refusing the plan.
fn replan(view: &mut MergeView, inspection: &Inspection, lang: Language) {
    if view.parts.is_empty() {
        view.plan = None;
        return;
    }
    let mut plan = team::plan(inspection, &view.parts, &view.decisions);
    if matches!(
        plan,
        Err(TeamError::BadDecision { .. } | TeamError::NothingToDecide(_))
    ) {
        view.decisions.clear();
        plan = team::plan(inspection, &view.parts, &view.decisions);
    }
    view.plan = Some(plan.map_err(|e| i18n::error(&e, lang)));
}
