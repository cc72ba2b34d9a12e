//! The keyboard: every key of the inspection screen turns into a [`Command`].

use egui::{Context, Event, Key, Modifiers};

use crate::answers::Change;
use crate::catalogue::Scale;
use crate::ui::app::AkreditApp;
use crate::ui::command::Command;
use crate::ui::session::Session;
use crate::ui::view::{Screen, Tab};

/// Letters typed towards a grade are dropped after this long without a next letter.
const LETTER_TIMEOUT_S: f64 = 1.2;

/// Reads this frame's keys and queues the commands they mean.
pub fn handle(app: &mut AkreditApp, ctx: &Context) {
    let mut out = Vec::new();
    handle_into(app, ctx, &mut out);
    for c in out {
        app.push(c);
    }
}

fn handle_into(app: &mut AkreditApp, ctx: &Context, out: &mut Vec<Command>) {
    let events = ctx.input(|i| i.events.clone());
    let now = ctx.input(|i| i.time);
    if help_keys(app.help_open, &events, out) || app.screen != Screen::Inspection {
        return;
    }
    let Some(session) = &app.session else {
        return;
    };
    // Keys that work even while a text field has focus.
    for e in &events {
        command_key(session, e, out);
    }
    if ctx.egui_wants_keyboard_input() {
        return;
    }
    let mut letters = Letters::resume(session, now, out);
    let export_open = app.export.is_some();
    for e in &events {
        match e {
            Event::Key {
                key,
                pressed: true,
                modifiers,
                ..
            } => plain_key(session, *key, *modifiers, export_open, out),
            Event::Text(text) if text == "?" => out.push(Command::ToggleHelp),
            Event::Text(text) => letters.typed(session, text, out),
            _ => {}
        }
    }
    if !letters.text.is_empty() {
        ctx.request_repaint_after(std::time::Duration::from_secs_f64(LETTER_TIMEOUT_S + 0.05));
    }
    if let Some(s) = &mut app.session {
        s.pending_letters = (letters.text, letters.started);
    }
}

/// F1 opens or closes the help; Esc closes it. True when the help takes the frame's keys.
fn help_keys(help_open: bool, events: &[Event], out: &mut Vec<Command>) -> bool {
    if events.iter().any(|e| is_key(e, Key::F1, Modifiers::NONE)) {
        out.push(Command::ToggleHelp);
    }
    if help_open
        && events
            .iter()
            .any(|e| is_key(e, Key::Escape, Modifiers::NONE))
    {
        out.push(Command::ToggleHelp);
        return true;
    }
    false
}

/// Ctrl+E, Ctrl+F, Ctrl+PageUp/PageDown and Esc: these work in a text field too.
fn command_key(session: &Session, e: &Event, out: &mut Vec<Command>) {
    if is_key(e, Key::E, Modifiers::COMMAND) {
        out.push(Command::OpenExport);
    }
    if is_key(e, Key::F, Modifiers::COMMAND) {
        out.push(Command::Search(Some(
            session.search.clone().unwrap_or_default(),
        )));
    }
    let forward = is_key(e, Key::PageDown, Modifiers::COMMAND);
    if forward || is_key(e, Key::PageUp, Modifiers::COMMAND) {
        let groups = session.inspection.catalogue().groups.len();
        out.push(Command::SelectTab(next_tab(session.tab, forward, groups)));
    }
    if is_key(e, Key::Escape, Modifiers::NONE) {
        if session.editing.is_some() {
            out.push(Command::FinishEditing(false));
        } else if session.search.is_some() {
            out.push(Command::Search(None));
        }
    }
}

/// The tab after (or before) `tab`: the centre, then the groups, round again.
fn next_tab(tab: Tab, forward: bool, groups: usize) -> Tab {
    match (tab, forward) {
        (Tab::Centre, true) => Tab::Group(0),
        (Tab::Centre, false) => Tab::Group(groups.saturating_sub(1)),
        (Tab::Group(i), true) if i + 1 < groups => Tab::Group(i + 1),
        (Tab::Group(_), true) => Tab::Centre,
        (Tab::Group(0), false) => Tab::Centre,
        (Tab::Group(i), false) => Tab::Group(i - 1),
    }
}

/// A key pressed outside text fields: moving, undo, N/A, note, column, clear, Enter.
fn plain_key(
    session: &Session,
    key: Key,
    modifiers: Modifiers,
    export_open: bool,
    out: &mut Vec<Command>,
) {
    let plain = modifiers.is_none() || modifiers == Modifiers::SHIFT;
    let focused = session.focused.clone();
    match key {
        Key::ArrowDown | Key::J if plain => out.push(Command::MoveFocus(1)),
        Key::ArrowUp | Key::K if plain => out.push(Command::MoveFocus(-1)),
        Key::Z if modifiers.command && !modifiers.shift => out.push(Command::Undo),
        Key::N if modifiers.is_none() => {
            if let Some(code) = focused {
                if session.inspection.answers().get(&code).is_na() {
                    out.push(Command::Apply(vec![Change::NotApplicable {
                        code,
                        reason: None,
                    }]));
                } else {
                    out.push(Command::EditNaReason(code));
                }
            }
        }
        Key::E if modifiers.is_none() && !export_open => {
            if let Some(code) = focused {
                out.push(Command::EditNote(code));
            }
        }
        Key::S if modifiers.is_none() => out.push(Command::ToggleKeyColumn),
        Key::Delete | Key::Backspace if modifiers.is_none() => {
            if let Some(code) = focused {
                out.push(Command::Apply(vec![Change::Grade {
                    code,
                    column: session.key_column,
                    grade: None,
                }]));
            }
        }
        Key::Enter if modifiers.is_none() && session.search.is_some() => {
            if let Some(code) = focused {
                out.push(Command::Search(None));
                out.push(Command::Focus(code));
            }
        }
        _ => {}
    }
}

/// The letters typed towards a grade (МВ, НВ, ПВ) and when the first of them came.
struct Letters {
    text: String,
    started: f64,
}

impl Letters {
    /// The letters pending from earlier frames; after the timeout they are dropped, and
    /// a lone "Н" on the four-grade scale, with no "В" after it, meant Н = 0.
    fn resume(session: &Session, now: f64, out: &mut Vec<Command>) -> Letters {
        let (text, started) = &session.pending_letters;
        let mut text = text.clone();
        if !text.is_empty() && now - started > LETTER_TIMEOUT_S {
            // A letter that waited for a next one and got none is a grade if it is one
            // alone (Н = 0 on the four-grade scale).
            if let Some(code) = &session.focused
                && let Some(standard) = session.inspection.catalogue().standard(code)
                && let Ok(grade) = standard.scale.parse_grade(&text)
            {
                out.push(Command::Apply(vec![Change::Grade {
                    code: code.clone(),
                    column: session.key_column,
                    grade: Some(grade),
                }]));
            }
            text.clear();
        }
        let started = if text.is_empty() { now } else { *started };
        Letters { text, started }
    }

    /// A typed character: a whole grade grades the focused standard.
    fn typed(&mut self, session: &Session, typed: &str, out: &mut Vec<Command>) {
        let Some(code) = &session.focused else {
            return;
        };
        let Some(standard) = session.inspection.catalogue().standard(code) else {
            return;
        };
        self.text.push_str(&typed.to_uppercase());
        match grade_from_keys(standard.scale, &self.text) {
            Typed::Grade(grade) => {
                out.push(Command::Apply(vec![Change::Grade {
                    code: code.clone(),
                    column: session.key_column,
                    grade: Some(grade),
                }]));
                self.text.clear();
            }
            Typed::Partial => {}
            Typed::Nothing => self.text.clear(),
        }
    }
}

/// What the keys typed so far mean on a scale.
#[derive(Debug, PartialEq, Eq)]
enum Typed {
    /// A whole grade.
    Grade(u8),
    /// The start of a letter grade (М, Н on the four-grade scale, П).
    Partial,
    /// Nothing.
    Nothing,
}

fn grade_from_keys(scale: Scale, typed: &str) -> Typed {
    // A letter that may still grow (Н on the four-grade scale may become НВ) waits for
    // one more key; a digit never waits.
    if scale.begins_letter_grade(typed) {
        return Typed::Partial;
    }
    match scale.parse_grade(typed) {
        Ok(grade) => Typed::Grade(grade),
        Err(_) => Typed::Nothing,
    }
}

fn is_key(e: &Event, wanted: Key, mods: Modifiers) -> bool {
    matches!(e, Event::Key { key, pressed: true, modifiers, .. } if *key == wanted && modifiers.matches_logically(mods))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_build_grades() {
        assert_eq!(grade_from_keys(Scale::Two, "В"), Typed::Grade(3));
        assert_eq!(grade_from_keys(Scale::Two, "Н"), Typed::Grade(0));
        assert_eq!(grade_from_keys(Scale::Two, "3"), Typed::Grade(3));
        assert_eq!(grade_from_keys(Scale::Two, "1"), Typed::Nothing);
        assert_eq!(grade_from_keys(Scale::Four, "Н"), Typed::Partial);
        assert_eq!(grade_from_keys(Scale::Four, "НВ"), Typed::Grade(2));
        assert_eq!(grade_from_keys(Scale::Four, "М"), Typed::Partial);
        assert_eq!(grade_from_keys(Scale::Four, "МВ"), Typed::Grade(1));
        assert_eq!(grade_from_keys(Scale::Four, "П"), Typed::Partial);
        assert_eq!(grade_from_keys(Scale::Four, "ПВ"), Typed::Grade(3));
        assert_eq!(grade_from_keys(Scale::Four, "0"), Typed::Grade(0));
        assert_eq!(grade_from_keys(Scale::Four, "В"), Typed::Nothing);
        assert_eq!(grade_from_keys(Scale::Unspecified, "2"), Typed::Grade(2));
    }
}
