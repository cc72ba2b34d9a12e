//! The keyboard: every key of the inspection screen turns into a [`Command`].

use egui::{Context, Event, Key, Modifiers};

use crate::answers::Change;
use crate::catalogue::{Code, Scale};
use crate::ui::app::AkreditApp;
use crate::ui::command::{Command, EvidenceAction, Refused};
use crate::ui::session::{PendingLetters, Session, Viewing};
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

/// The viewer of evidence has the keys while it is open: Esc closes it (the modal says
/// so itself), + and − zoom, 0 fits the picture to the window; a caption being typed
/// takes the rest.
fn viewer_keys(viewing: Viewing, events: &[Event], typing: bool, out: &mut Vec<Command>) {
    if typing {
        return;
    }
    let now = viewing.zoom.unwrap_or(1.0);
    for e in events {
        let zoom = match e {
            Event::Text(t) if t == "+" || t == "=" => Some(now * 1.25),
            Event::Text(t) if t == "-" => Some(now / 1.25),
            Event::Text(t) if t == "0" => None,
            _ => continue,
        };
        out.push(Command::Evidence(EvidenceAction::Zoom(zoom)));
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
    if let Some(viewing) = session.viewing {
        viewer_keys(viewing, &events, ctx.egui_wants_keyboard_input(), out);
        return;
    }
    // Keys that work even while a text field has focus.
    for e in &events {
        command_key(session, e, out);
    }
    if ctx.egui_wants_keyboard_input() {
        return;
    }
    let mut letters = Letters::resume(session, now, out);
    let export_open = app.export.is_some();
    // The character a command key types as well (j, n, s; о, т, і on a Ukrainian layout,
    // where egui names the key by its place) is that command's, not a grade.
    let command_typed = events.iter().any(is_command_key);
    for e in &events {
        match e {
            Event::Key {
                key,
                pressed: true,
                modifiers,
                ..
            } => {
                // A key that is not typing ends a letter's wait (Н, then Delete, stays
                // clear; Н, then N, opens the reason with nothing waiting).
                if modifiers.command || !is_letter_or_digit(*key) || is_command_key(e) {
                    letters.pending.text.clear();
                }
                plain_key(session, *key, *modifiers, export_open, out);
            }
            Event::Text(text) if text == "?" => out.push(Command::ToggleHelp),
            Event::Text(text) => letters.typed(session, text, command_typed, out),
            _ => {}
        }
    }
    if !letters.pending.text.is_empty() {
        ctx.request_repaint_after(std::time::Duration::from_secs_f64(LETTER_TIMEOUT_S + 0.05));
    }
    if let Some(s) = &mut app.session {
        s.pending_letters = letters.pending;
    }
}

/// Whether a key may type a character (a letter or a digit): such a key's meaning comes
/// with the text it types, which depends on the keyboard's layout.
fn is_letter_or_digit(key: Key) -> bool {
    let name = key.name();
    name.chars().count() == 1 && name.chars().all(|c| c.is_ascii_alphanumeric())
}

/// Whether `e` presses one of the letter keys that are commands (J, K, N, E, R, S).
fn is_command_key(e: &Event) -> bool {
    matches!(
        e,
        Event::Key {
            key: Key::J | Key::K | Key::N | Key::E | Key::R | Key::S,
            pressed: true,
            ..
        }
    )
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
        let recommendations = !session.is_self_assessment();
        out.push(Command::SelectTab(next_tab(
            session.tab,
            forward,
            groups,
            recommendations,
        )));
    }
    if is_key(e, Key::Escape, Modifiers::NONE) {
        if session.editing.is_some() {
            out.push(Command::FinishEditing(false));
        } else if session.search.is_some() {
            out.push(Command::Search(None));
        }
    }
}

/// The tab after (or before) `tab`: the centre, the groups, the recommendations (not in
/// a centre's own file: `recommendations` false), round again.
fn next_tab(tab: Tab, forward: bool, groups: usize, recommendations: bool) -> Tab {
    let after_groups = if recommendations {
        Tab::Recommendations
    } else {
        Tab::Centre
    };
    match (tab, forward) {
        (Tab::Centre, true) => Tab::Group(0),
        (Tab::Centre, false) if recommendations => Tab::Recommendations,
        (Tab::Centre, false) => Tab::Group(groups.saturating_sub(1)),
        (Tab::Group(i), true) if i + 1 < groups => Tab::Group(i + 1),
        (Tab::Group(_), true) => after_groups,
        (Tab::Group(0), false) => Tab::Centre,
        (Tab::Group(i), false) => Tab::Group(i - 1),
        (Tab::Recommendations, true) => Tab::Centre,
        (Tab::Recommendations, false) => Tab::Group(groups.saturating_sub(1)),
    }
}

/// A key pressed outside text fields: moving, undo and redo, N/A, note, recommendation,
/// column, clear, Enter.
fn plain_key(
    session: &Session,
    key: Key,
    modifiers: Modifiers,
    export_open: bool,
    out: &mut Vec<Command>,
) {
    let plain = modifiers.is_none() || modifiers == Modifiers::SHIFT;
    match key {
        Key::ArrowDown | Key::J if plain => out.push(Command::MoveFocus(1)),
        Key::ArrowUp | Key::K if plain => out.push(Command::MoveFocus(-1)),
        Key::Z if modifiers.command && !modifiers.shift => out.push(Command::Undo),
        Key::Z if modifiers.command => out.push(Command::Redo),
        Key::Y if modifiers.command && !modifiers.shift => out.push(Command::Redo),
        Key::S if modifiers.is_none() => out.push(Command::ToggleKeyColumn),
        Key::Enter if modifiers.is_none() && session.search.is_some() => {
            if let Some(code) = session.focused.clone() {
                out.push(Command::Search(None));
                out.push(Command::Focus(code));
            }
        }
        Key::N | Key::Delete | Key::Backspace if modifiers.is_none() => {
            standard_key(session, key, out);
        }
        Key::E | Key::R if modifiers.is_none() && !export_open => standard_key(session, key, out),
        _ => {}
    }
}

/// N (not applicable), E (note), R (recommendation), Delete (clear the grade): keys about
/// the focused standard, which say why when there is none to act on.
fn standard_key(session: &Session, key: Key, out: &mut Vec<Command>) {
    let code = match shown_focus(session) {
        Ok((code, _)) => code.clone(),
        Err(refused) => return out.push(Command::Refused(refused)),
    };
    let answer = session.inspection.answers().get(&code);
    let command = match key {
        Key::N if answer.is_na() => {
            Command::Apply(vec![Change::NotApplicable { code, reason: None }])
        }
        Key::N => Command::EditNaReason(code),
        Key::E => Command::EditNote(code),
        // Recommendations are the expert group's: a centre's own file has none.
        Key::R if session.is_self_assessment() => {
            Command::Refused(Refused::NotAKey("R".to_string()))
        }
        Key::R => Command::EditRecommendation(code),
        _ if answer.grade(session.key_column).is_none() => {
            Command::Refused(Refused::NothingToClear(code))
        }
        _ => Command::Apply(vec![Change::Grade {
            code,
            column: session.key_column,
            grade: None,
        }]),
    };
    out.push(command);
}

/// The focused standard and its scale, when a group tab or the search shows it.
fn shown_focus(session: &Session) -> Result<(&Code, Scale), Refused> {
    if !matches!(session.tab, Tab::Group(_)) && session.search.is_none() {
        return Err(Refused::NoStandard);
    }
    let code = session.focused.as_ref().ok_or(Refused::NoStandard)?;
    let standard = session
        .inspection
        .catalogue()
        .standard(code)
        .ok_or(Refused::NoStandard)?;
    Ok((code, standard.scale))
}

/// The letters typed towards a grade (МВ, НВ, ПВ), carried from frame to frame.
struct Letters {
    pending: PendingLetters,
}

impl Letters {
    /// The letters pending from earlier frames. After the timeout they are read alone: a
    /// lone "Н" on the four-grade scale, with no "В" after it, means Н = 0; a lone М or П
    /// is no grade, and the status line says so. Letters typed on a standard no longer
    /// focused are dropped.
    fn resume(session: &Session, now: f64, out: &mut Vec<Command>) -> Letters {
        let mut pending = session.pending_letters.clone();
        if pending.code.is_some() && pending.code != session.focused {
            pending.text.clear();
        }
        if !pending.text.is_empty() && now - pending.started > LETTER_TIMEOUT_S {
            if let Ok((code, scale)) = shown_focus(session) {
                out.push(match scale.parse_grade(&pending.text) {
                    Ok(grade) => Command::KeyGrade {
                        code: code.clone(),
                        column: session.key_column,
                        grade,
                    },
                    Err(_) => Command::Refused(Refused::NotAGrade {
                        code: code.clone(),
                        typed: pending.text.clone(),
                    }),
                });
            }
            pending.text.clear();
        }
        if pending.text.is_empty() {
            pending.started = now;
            pending.code = None;
        }
        Letters { pending }
    }

    /// Typed characters, one by one. `command_typed`: a command key was pressed in the
    /// same frame, so a character that is no grade key is that key's and says nothing.
    fn typed(
        &mut self,
        session: &Session,
        typed: &str,
        command_typed: bool,
        out: &mut Vec<Command>,
    ) {
        for c in typed.chars().filter(|c| !c.is_whitespace()) {
            let key = c.to_uppercase().to_string();
            if is_grade_key(&key) {
                self.grade_key(session, &key, out);
            } else if !command_typed {
                self.pending.text.clear();
                out.push(Command::Refused(Refused::NotAKey(c.to_string())));
            }
        }
    }

    /// A digit or a letter of the Order's grades. A digit is a whole grade: letters
    /// pending are dropped and the digit grades. A letter that does not continue the
    /// letters pending drops them and is read alone.
    fn grade_key(&mut self, session: &Session, key: &str, out: &mut Vec<Command>) {
        let (code, scale) = match shown_focus(session) {
            Ok(found) => found,
            Err(refused) => return out.push(Command::Refused(refused)),
        };
        if session.inspection.answers().get(code).is_na() {
            self.pending.text.clear();
            return out.push(Command::Refused(Refused::NotApplicable(code.clone())));
        }
        if key.chars().all(|c| c.is_ascii_digit()) {
            self.pending.text.clear();
        }
        let typed = format!("{}{key}", self.pending.text);
        match grade_from_keys(scale, &typed) {
            Typed::Grade(grade) => {
                out.push(Command::KeyGrade {
                    code: code.clone(),
                    column: session.key_column,
                    grade,
                });
                self.pending.text.clear();
            }
            Typed::Partial => {
                self.pending.text = typed;
                self.pending.code = Some(code.clone());
            }
            Typed::Nothing if !self.pending.text.is_empty() => {
                self.pending.text.clear();
                self.grade_key(session, key, out);
            }
            Typed::Nothing => out.push(Command::Refused(Refused::NotAGrade {
                code: code.clone(),
                typed,
            })),
        }
    }
}

/// Whether a typed key is one a grade is typed with: a digit, or a letter of the Order's
/// grades (Н, М, П, В, and their Latin look-alikes), on either scale.
fn is_grade_key(key: &str) -> bool {
    key.chars().all(|c| c.is_ascii_digit())
        || [Scale::Two, Scale::Four]
            .into_iter()
            .any(|scale| scale.begins_letter_grade(key) || scale.parse_grade(key).is_ok())
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

    #[test]
    fn grade_keys_are_digits_and_the_orders_letters() {
        for key in ["0", "2", "7", "Н", "М", "П", "В", "H", "B", "M"] {
            assert!(is_grade_key(key), "{key}");
        }
        for key in ["J", "N", "S", "Т", "І", "О", "X"] {
            assert!(!is_grade_key(key), "{key}");
        }
    }
}
