//! The keyboard: every key of the inspection screen turns into a [`Command`].

use egui::{Context, Event, Key, Modifiers};

use super::{AkreditApp, Command, Screen, Tab};
use crate::answers::Change;
use crate::catalogue::Scale;

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
    if events.iter().any(|e| is_key(e, Key::F1, Modifiers::NONE)) {
        out.push(Command::ToggleHelp);
    }
    if app.help_open
        && events
            .iter()
            .any(|e| is_key(e, Key::Escape, Modifiers::NONE))
    {
        out.push(Command::ToggleHelp);
        return;
    }
    if app.screen != Screen::Inspection {
        return;
    }
    let Some(session) = &app.session else {
        return;
    };
    let typing = ctx.egui_wants_keyboard_input();

    // Keys that work even while a text field has focus.
    for e in &events {
        if is_key(e, Key::E, Modifiers::COMMAND) {
            out.push(Command::OpenExport);
        }
        if is_key(e, Key::F, Modifiers::COMMAND) {
            out.push(Command::Search(Some(
                session.search.clone().unwrap_or_default(),
            )));
        }
        if is_key(e, Key::PageDown, Modifiers::COMMAND)
            || is_key(e, Key::PageUp, Modifiers::COMMAND)
        {
            let forward = is_key(e, Key::PageDown, Modifiers::COMMAND);
            let groups = session.inspection.catalogue().groups.len();
            let tab = match (session.tab, forward) {
                (Tab::Centre, true) => Tab::Group(0),
                (Tab::Centre, false) => Tab::Group(groups - 1),
                (Tab::Group(i), true) if i + 1 < groups => Tab::Group(i + 1),
                (Tab::Group(_), true) => Tab::Centre,
                (Tab::Group(0), false) => Tab::Centre,
                (Tab::Group(i), false) => Tab::Group(i - 1),
            };
            out.push(Command::SelectTab(tab));
        }
        if is_key(e, Key::Escape, Modifiers::NONE) {
            if session.editing.is_some() {
                out.push(Command::FinishEditing(false));
            } else if session.search.is_some() {
                out.push(Command::Search(None));
            }
        }
    }
    if typing {
        return;
    }

    let focused = session.focused.clone();
    let mut letters = session.pending_letters.0.clone();
    if !letters.is_empty() && now - session.pending_letters.1 > LETTER_TIMEOUT_S {
        // A lone "Н" on the four-grade scale, with no "В" after it, meant Н = 0.
        if matches!(letters.as_str(), "Н" | "H")
            && let Some(code) = &focused
        {
            out.push(Command::Apply(vec![Change::Grade {
                code: code.clone(),
                column: session.key_column,
                grade: Some(0),
            }]));
        }
        letters.clear();
    }
    let started = if letters.is_empty() {
        now
    } else {
        session.pending_letters.1
    };
    for e in &events {
        match e {
            Event::Key {
                key,
                pressed: true,
                modifiers,
                ..
            } => {
                let plain = modifiers.is_none() || *modifiers == Modifiers::SHIFT;
                match key {
                    Key::ArrowDown | Key::J if plain => out.push(Command::MoveFocus(1)),
                    Key::ArrowUp | Key::K if plain => out.push(Command::MoveFocus(-1)),
                    Key::Z if modifiers.command && !modifiers.shift => out.push(Command::Undo),
                    Key::N if modifiers.is_none() => {
                        if let Some(code) = &focused {
                            if session.inspection.answers().get(code).is_na() {
                                out.push(Command::Apply(vec![Change::NotApplicable {
                                    code: code.clone(),
                                    reason: None,
                                }]));
                            } else {
                                out.push(Command::EditNaReason(code.clone()));
                            }
                        }
                    }
                    Key::E if modifiers.is_none() && app.export.is_none() => {
                        if let Some(code) = &focused {
                            out.push(Command::EditNote(code.clone()));
                        }
                    }
                    Key::S if modifiers.is_none() => out.push(Command::ToggleKeyColumn),
                    Key::Delete | Key::Backspace if modifiers.is_none() => {
                        if let Some(code) = &focused {
                            out.push(Command::Apply(vec![Change::Grade {
                                code: code.clone(),
                                column: session.key_column,
                                grade: None,
                            }]));
                        }
                    }
                    Key::Enter if modifiers.is_none() && session.search.is_some() => {
                        if let Some(code) = &focused {
                            out.push(Command::Search(None));
                            out.push(Command::Focus(code.clone()));
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(text) if text == "?" => out.push(Command::ToggleHelp),
            Event::Text(text) => {
                let Some(code) = &focused else {
                    continue;
                };
                let Some(standard) = session.inspection.catalogue().standard(code) else {
                    continue;
                };
                letters.push_str(&text.to_uppercase());
                match grade_from_keys(standard.scale, &letters) {
                    Typed::Grade(grade) => {
                        out.push(Command::Apply(vec![Change::Grade {
                            code: code.clone(),
                            column: session.key_column,
                            grade: Some(grade),
                        }]));
                        letters.clear();
                    }
                    Typed::Partial => {}
                    Typed::Nothing => letters.clear(),
                }
            }
            _ => {}
        }
    }
    if !letters.is_empty() {
        ctx.request_repaint_after(std::time::Duration::from_secs_f64(LETTER_TIMEOUT_S + 0.05));
    }
    if let Some(s) = &mut app.session {
        s.pending_letters = (letters, started);
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
    if let Ok(g) = scale.parse_grade(typed) {
        // On the four-grade scale "Н" may still become "НВ": wait for one more key,
        // unless it came as a digit.
        let digit = typed.chars().all(|c| c.is_ascii_digit());
        if !digit && scale != Scale::Two && matches!(typed, "Н" | "H") {
            return Typed::Partial;
        }
        return Typed::Grade(g);
    }
    let normalized: String = typed
        .chars()
        .map(|c| match c {
            'H' => 'Н',
            'M' => 'М',
            other => other,
        })
        .collect();
    if scale != Scale::Two && matches!(normalized.as_str(), "М" | "П") {
        return Typed::Partial;
    }
    Typed::Nothing
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
