//! Changes to the open inspection: each goes through
//! [`crate::inspection::Inspection::apply`] (validated, written in one transaction, one
//! history row per value changed), is kept for Ctrl+Z, and the figures are recomputed.
//! Also the N/A reason and the note while they are typed.

use crate::answers::{Altered, Change, Subject};
use crate::catalogue::Code;
use crate::inspection::{HistoryEntry, StoreError};
use crate::ui::app::{AkreditApp, Status};
use crate::ui::i18n::{self, T};
use crate::ui::session::Editing;

impl AkreditApp {
    /// Applies a batch of changes; on success it becomes one undo step.
    pub(super) fn apply(&mut self, changes: Vec<Change>) {
        let Some(s) = &mut self.session else {
            return;
        };
        match s.inspection.apply(&changes) {
            Ok(written) => {
                s.refresh();
                self.after_written(written);
            }
            Err(e) => {
                s.after_refused_write(&e);
                self.not_saved(&e);
            }
        }
    }

    /// After history rows were written: the status says when, and they are one undo step.
    pub(super) fn after_written(&mut self, written: Vec<HistoryEntry>) {
        let Some(s) = &mut self.session else {
            return;
        };
        if let Some(last) = written.last() {
            self.status = Status::Saved(last.at.clone());
            s.undo
                .push(written.into_iter().map(|e| e.altered).collect());
        }
    }

    /// The status after a refused or failed write: "not saved", and why.
    pub(super) fn not_saved(&mut self, e: &StoreError) {
        let lang = self.settings.language;
        self.status = Status::Error(format!(
            "{}: {}",
            T::NotSaved.get(lang),
            i18n::error(e, lang)
        ));
    }

    /// Undoes this session's last batch, as new changes (recorded in the history).
    pub(super) fn undo(&mut self) {
        let lang = self.settings.language;
        let Some(s) = &mut self.session else {
            return;
        };
        let Some(batch) = s.undo.pop() else {
            self.status = Status::Info(T::UndoNothing.get(lang).to_string());
            return;
        };
        let changes: Vec<Change> = batch.iter().rev().map(Altered::undo).collect();
        match s.inspection.apply(&changes) {
            Ok(_) => {
                s.refresh();
                if let Some(Subject::Standard(code)) = batch.first().map(Altered::subject) {
                    self.focus(code.clone());
                }
                self.status = Status::Info(T::Undone.get(lang).to_string());
            }
            Err(e) => {
                s.undo.push(batch);
                s.after_refused_write(&e);
                self.not_saved(&e);
            }
        }
    }

    /// Starts typing the N/A reason of a standard (its reason so far, if any).
    pub(super) fn edit_na_reason(&mut self, code: Code) {
        if let Some(s) = &mut self.session {
            s.focused = Some(code.clone());
            let text = s
                .inspection
                .answers()
                .get(&code)
                .na_reason
                .clone()
                .unwrap_or_default();
            s.editing = Some(Editing::NaReason { code, text });
            s.focus_pending = true;
        }
    }

    /// Starts editing the note of a standard.
    pub(super) fn edit_note(&mut self, code: Code) {
        if let Some(s) = &mut self.session {
            s.focused = Some(code.clone());
            let text = s.inspection.answers().get(&code).note.clone();
            s.editing = Some(Editing::Note { code, text });
            s.focus_pending = true;
        }
    }

    /// Stops editing; with `save`, applies the text (an N/A needs a reason: an empty one
    /// keeps the field open and says so).
    pub(super) fn finish_editing(&mut self, save: bool) {
        let lang = self.settings.language;
        let Some(s) = &mut self.session else {
            return;
        };
        let Some(editing) = s.editing.take() else {
            return;
        };
        if !save {
            return;
        }
        let change = match editing {
            Editing::NaReason { code, text } => {
                if text.trim().is_empty() {
                    self.status = Status::Info(T::NaReasonNeeded.get(lang).to_string());
                    s.editing = Some(Editing::NaReason { code, text });
                    return;
                }
                Change::NotApplicable {
                    code,
                    reason: Some(text.trim().to_string()),
                }
            }
            Editing::Note { code, text } => Change::Note {
                code,
                text: text.trim().to_string(),
            },
        };
        self.apply(vec![change]);
    }
}
