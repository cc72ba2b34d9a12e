//! The Centre tab's expert group: a row per member (the head first) with their role,
//! position, key, the groups of standards assigned to them and how many standards they
//! graded here; a member added by name and role; the way into merging the members' parts.
//! Every edit is a command: roles, groups and removals [`Change`]s, the position a typed
//! field saved when it lets go of the keyboard, keys read by the command handler.

use egui::{RichText, Ui};

use super::text_field::{self, Look};
use crate::answers::{Change, Member, Role};
use crate::catalogue::{Catalogue, Code};
use crate::support::settings::Language;
use crate::ui::command::Command;
use crate::ui::i18n::T;
use crate::ui::session::{Session, TextKey};

/// The widest a field of the section is, in points.
const FIELD_MOST: f32 = 420.0;

/// The width of the field a key is pasted into: a base64 key's 44 characters fit, and
/// its button beside it on a laptop.
const KEY_FIELD: f32 = 300.0;

/// Draws the expert group's section.
pub fn section(
    session: &mut Session,
    catalogue: &Catalogue,
    lang: Language,
    ui: &mut Ui,
    commands: &mut Vec<Command>,
) {
    ui.heading(T::TeamHeading.get(lang));
    ui.add(egui::Label::new(RichText::new(T::TeamHelp.get(lang)).weak()).wrap());
    let mut members: Vec<(String, Member)> = session
        .inspection
        .answers()
        .team
        .iter()
        .map(|(n, m)| (n.clone(), m.clone()))
        .collect();
    members.sort_by_key(|(name, m)| (m.role != Role::Head, name.clone()));
    if members.is_empty() {
        ui.label(T::TeamEmpty.get(lang));
    }
    for (name, member) in &members {
        member_row(session, catalogue, name, member, lang, ui, commands);
    }
    add_member(session, lang, ui, commands);
    if session.part_member().is_none() && !members.is_empty() {
        ui.add_space(4.0);
        if ui.button(T::MergeParts.get(lang)).clicked() {
            commands.push(Command::OpenMerge);
        }
    }
}

/// One member: name, role, how many standards they graded, removal; position; key;
/// groups.
fn member_row(
    session: &mut Session,
    catalogue: &Catalogue,
    name: &str,
    member: &Member,
    lang: Language,
    ui: &mut Ui,
    commands: &mut Vec<Command>,
) {
    let answers = session.inspection.answers();
    let expert = session.inspection.meta().expert.as_str();
    let graded = answers.graded_count(name, expert);
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(name).strong());
            for (role, word) in [(Role::Head, T::RoleHead), (Role::Expert, T::RoleExpert)] {
                let on = member.role == role;
                let r = ui.selectable_label(on, word.get(lang));
                let label = format!("{name} {}", word.get(lang));
                r.widget_info(|| egui::WidgetInfo::selected(egui::Role::Button, true, on, &label));
                if r.clicked() && !on {
                    commands.push(Command::Apply(vec![Change::Member {
                        name: name.to_string(),
                        role: Some(role),
                    }]));
                }
            }
            ui.label(format!("· {}: {graded}", T::GradedHere.get(lang)));
            // The head grades in the group's file itself; a part is for an expert, made
            // only from the group's file.
            if member.role == Role::Expert && session.part_member().is_none() {
                let part = ui
                    .button(T::MakePart.get(lang))
                    .on_hover_text(T::MakePartHint.get(lang));
                let label = format!("{name} {}", T::MakePart.get(lang));
                part.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
                if part.clicked() {
                    commands.push(Command::MakePart(name.to_string()));
                }
            }
            let remove = ui.button(T::RemoveMember.get(lang));
            let label = format!("{name} {}", T::RemoveMember.get(lang));
            remove.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
            if remove.clicked() {
                commands.push(Command::Apply(vec![Change::Member {
                    name: name.to_string(),
                    role: None,
                }]));
            }
        });
        position(session, name, lang, ui);
        key(session, name, member, lang, ui, commands);
        groups(catalogue, name, member, lang, ui, commands);
    });
}

/// The member's position, saved when its field lets go of the keyboard.
fn position(session: &mut Session, name: &str, lang: Language, ui: &mut Ui) {
    ui.horizontal_wrapped(|ui| {
        let caption = ui.label(format!("{}:", T::Position.get(lang)));
        let label = format!("{name} {}", T::Position.get(lang));
        caption.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &label));
        let look = Look {
            width: ui.available_width().clamp(160.0, FIELD_MOST),
            rows: 1,
            hint: "",
        };
        let Session {
            inspection, texts, ..
        } = session;
        let key = TextKey::Position(name.to_string());
        text_field::field(texts, inspection, key, &look, caption.id, false, ui);
    });
}

/// The member's key: its fingerprint (or that none is given), from an identity.json by
/// the file dialog, or pasted (base64, or the file's path) and set with a button.
fn key(
    session: &mut Session,
    name: &str,
    member: &Member,
    lang: Language,
    ui: &mut Ui,
    commands: &mut Vec<Command>,
) {
    let fingerprint = member
        .key
        .as_deref()
        .and_then(crate::signed::keys::decode_public_key)
        .map(|k| crate::signed::fingerprint(&k.to_bytes()));
    ui.horizontal_wrapped(|ui| {
        ui.label(format!("{}:", T::MemberKey.get(lang)));
        match &fingerprint {
            Some(f) => ui.label(RichText::new(f).monospace()),
            None => ui.label(RichText::new(T::NoKey.get(lang)).weak()),
        };
        let browse = ui.button(T::KeyFromFile.get(lang));
        let label = format!("{name} {}", T::KeyFromFile.get(lang));
        browse.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
        if browse.clicked() {
            commands.push(Command::BrowseMemberKey(name.to_string()));
        }
        if fingerprint.is_some() && ui.button(T::KeyClear.get(lang)).clicked() {
            commands.push(Command::SetMemberKey {
                name: name.to_string(),
                source: String::new(),
            });
        }
    });
    // A key recorded is changed by removing it first: the pasting line is for a member
    // without one.
    if fingerprint.is_some() {
        return;
    }
    ui.horizontal_wrapped(|ui| {
        let typed = session.team_form.keys.entry(name.to_string()).or_default();
        let field = ui.add(
            egui::TextEdit::singleline(typed)
                .hint_text(T::KeyPaste.get(lang))
                .desired_width(ui.available_width().clamp(160.0, KEY_FIELD)),
        );
        let label = format!("{name} {}", T::KeyPaste.get(lang));
        field.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, &label));
        let ready = !typed.trim().is_empty();
        let set = ui.add_enabled(ready, egui::Button::new(T::KeySet.get(lang)));
        let label = format!("{name} {}", T::KeySet.get(lang));
        set.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
        if set.clicked() {
            commands.push(Command::SetMemberKey {
                name: name.to_string(),
                source: typed.trim().to_string(),
            });
        }
    });
}

/// A checkbox for each group of the catalogue (its title on hover): the groups assigned.
fn groups(
    catalogue: &Catalogue,
    name: &str,
    member: &Member,
    lang: Language,
    ui: &mut Ui,
    commands: &mut Vec<Command>,
) {
    ui.horizontal_wrapped(|ui| {
        ui.label(format!("{}:", T::MemberGroups.get(lang)));
        for group in &catalogue.groups {
            let mut on = member.groups.contains(&group.code);
            let r = ui
                .checkbox(&mut on, group.code.as_str())
                .on_hover_text(&group.title);
            let label = format!("{name} {}", group.code);
            let checked = on;
            r.widget_info(|| {
                egui::WidgetInfo::selected(egui::Role::CheckBox, true, checked, &label)
            });
            if r.changed() {
                let groups: Vec<Code> = catalogue
                    .groups
                    .iter()
                    .map(|g| &g.code)
                    .filter(|c| {
                        if *c == &group.code {
                            on
                        } else {
                            member.groups.contains(c)
                        }
                    })
                    .cloned()
                    .collect();
                commands.push(Command::Apply(vec![Change::Assign {
                    name: name.to_string(),
                    groups,
                }]));
            }
        }
    });
}

/// A new member: their full name, added as an expert or as the head.
fn add_member(session: &mut Session, lang: Language, ui: &mut Ui, commands: &mut Vec<Command>) {
    let caption = ui.label(T::NewMemberName.get(lang));
    ui.horizontal_wrapped(|ui| {
        ui.add(
            egui::TextEdit::singleline(&mut session.team_form.name)
                .desired_width(ui.available_width().clamp(160.0, FIELD_MOST)),
        )
        .labelled_by(caption.id);
        for (role, word) in [(Role::Expert, T::AddExpert), (Role::Head, T::AddHead)] {
            if ui.button(word.get(lang)).clicked() {
                commands.push(Command::AddMember(role));
            }
        }
    });
}
