//! A text field that saves when it lets go of the keyboard, not at every key (the history
//! would get a row per character): while it has the keyboard what is typed is kept in the
//! session ([`crate::ui::session::Session::texts`]); once it lets go, the frame saves it
//! ([`crate::ui::AkreditApp::show`]), whatever took the keyboard away.

use std::collections::BTreeMap;

use egui::{Response, Ui};

use crate::inspection::Inspection;
use crate::ui::session::TextKey;

/// How a field looks: its width, its rows (1: one line, where Enter ends the typing), and
/// the hint it shows while empty.
pub struct Look<'a> {
    /// Its width in points.
    pub width: f32,
    /// How many lines it shows.
    pub rows: usize,
    /// The hint while empty.
    pub hint: &'a str,
}

/// The field of `key`, labelled by `caption` (for a screen reader and the tests); what it
/// shows is what is being typed (in `texts`), or else what the file holds.
/// With `focus`, it takes the keyboard.
pub fn field(
    texts: &mut BTreeMap<TextKey, String>,
    inspection: &Inspection,
    key: TextKey,
    look: &Look<'_>,
    caption: egui::Id,
    focus: bool,
    ui: &mut Ui,
) -> Response {
    let id = key.id();
    let typing = ui.memory(|m| m.has_focus(id)) || texts.contains_key(&key);
    let mut shown = match texts.get(&key) {
        Some(typed) => typed.clone(),
        None => key.stored(inspection),
    };
    let edit = if look.rows > 1 {
        egui::TextEdit::multiline(&mut shown).desired_rows(look.rows)
    } else {
        egui::TextEdit::singleline(&mut shown)
    };
    let response = ui
        .add(edit.id(id).hint_text(look.hint).desired_width(look.width))
        .labelled_by(caption);
    // The click that gave it the keyboard comes before any typing: from here on, what it
    // shows is kept.
    if typing || response.has_focus() {
        texts.insert(key, shown);
    }
    if focus {
        response.request_focus();
        ui.ctx().request_repaint();
    }
    response
}
