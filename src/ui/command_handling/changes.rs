//! Changes to the open inspection: each goes through
//! [`crate::inspection::Inspection::apply`] (validated, written in one transaction, one
//! history row per value changed), is kept for Ctrl+Z, and the figures are recomputed.
//! Undo and redo are changes too, and say what they changed. Also grades from the
//! keyboard (which may move on), why a key did nothing, the N/A reason and the note
//! while they are typed, and the recommendation R asks for.

use crate::answers::{Altered, Change, Column, Subject};
use crate::catalogue::{Code, Grade};
use crate::inspection::{HistoryEntry, StoreError};
use crate::ui::app::{AkreditApp, Status};
use crate::ui::command::Refused;
use crate::ui::i18n::{self, T};
use crate::ui::session::Editing;

impl AkreditApp {
    /// Applies a batch of changes; on success it becomes one undo step. True when it is
    /// saved.
    pub(super) fn apply(&mut self, changes: Vec<Change>) -> bool {
        let Some(s) = &mut self.session else {
            return false;
        };
        match s.inspection.apply(&changes) {
            Ok(written) => {
                s.refresh();
                self.after_written(written);
                true
            }
            Err(e) => {
                s.after_refused_write(&e);
                self.not_saved(&e);
                false
            }
        }
    }

    /// After history rows were written: the status says when, and they are one undo step;
    /// what was undone before can no longer be redone.
    pub(super) fn after_written(&mut self, written: Vec<HistoryEntry>) {
        let Some(s) = &mut self.session else {
            return;
        };
        if let Some(last) = written.last() {
            self.status = Status::Saved(last.at.clone());
            s.undo
                .push(written.into_iter().map(|e| e.altered).collect());
            s.redo.clear();
        }
    }

    /// A grade typed on the keyboard; once saved, with auto-advance on, the focus moves to
    /// the next standard.
    pub(super) fn key_grade(&mut self, code: Code, column: Column, grade: Grade) {
        let change = Change::Grade {
            code: code.clone(),
            column,
            grade: Some(grade),
        };
        let still_focused = |app: &AkreditApp| {
            app.session
                .as_ref()
                .is_some_and(|s| s.focused.as_ref() == Some(&code))
        };
        if self.apply(vec![change]) && self.settings.auto_advance && still_focused(self) {
            self.move_focus(1);
        }
    }

    /// Says in the status line why a key did nothing.
    pub(super) fn refused(&mut self, refused: &Refused) {
        let lang = self.settings.language;
        if let Some(s) = &self.session {
            let catalogue = s.inspection.catalogue();
            self.status = Status::Info(i18n::keyboard::refused(
                refused,
                catalogue,
                s.key_column,
                lang,
            ));
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

    /// Undoes this session's last batch, as new changes (recorded in the history); the
    /// status says what it undid, and Ctrl+Y can make it again.
    pub(super) fn undo(&mut self) {
        self.revert(true);
    }

    /// Makes again what the last undo took back, as new changes; the status says what.
    pub(super) fn redo(&mut self) {
        self.revert(false);
    }

    /// Reverts the newest batch of the undo steps (`undo`) or of the redo steps: each row
    /// back to its old value. What that writes goes onto the other stack.
    fn revert(&mut self, undo: bool) {
        let lang = self.settings.language;
        let Some(s) = &mut self.session else {
            return;
        };
        let popped = if undo { s.undo.pop() } else { s.redo.pop() };
        let Some(batch) = popped else {
            let nothing = if undo { T::UndoNothing } else { T::RedoNothing };
            self.status = Status::Info(nothing.get(lang).to_string());
            return;
        };
        let changes: Vec<Change> = batch.iter().rev().map(Altered::undo).collect();
        match s.inspection.apply(&changes) {
            Ok(written) => {
                s.refresh();
                let said = i18n::keyboard::reverted(
                    &batch,
                    s.inspection.catalogue(),
                    s.main_column(),
                    lang,
                );
                let rows: Vec<Altered> = written.into_iter().map(|e| e.altered).collect();
                if !rows.is_empty() {
                    if undo {
                        s.redo.push(rows)
                    } else {
                        s.undo.push(rows)
                    }
                }
                if let Some(Subject::Standard(code)) = batch.first().map(Altered::subject) {
                    self.focus(code.clone());
                }
                let done = if undo { T::UndoneWhat } else { T::RedoneWhat };
                self.status = Status::Info(format!("{}: {said}", done.get(lang)));
            }
            Err(e) => {
                if undo {
                    s.undo.push(batch)
                } else {
                    s.redo.push(batch)
                }
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

    /// Shows a standard's recommendation, whatever its grade, and gives what to remedy the
    /// keyboard (R); the standard is focused and scrolled to.
    pub(super) fn edit_recommendation(&mut self, code: Code) {
        if let Some(s) = &mut self.session {
            s.recommending = Some(code.clone());
            s.focus_recommendation = true;
        }
        self.focus(code);
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
