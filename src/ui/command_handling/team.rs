//! The expert group from the Centre tab: a member added by the name typed in its form, a
//! member's key read from an identity.json or pasted in base64, and the team filter of
//! the group tabs. Roles, positions, groups and removals are plain changes the tab
//! pushes as [`crate::ui::Command::Apply`]; the domain refuses what breaks its rules (a
//! second head, removing a member whose grades remain), worded in the status line.

use base64::Engine;

use crate::answers::{Change, Role};
use crate::support::settings::Language;
use crate::ui::app::{AkreditApp, Status};
use crate::ui::i18n::T;
use crate::ui::view::TeamFilter;

impl AkreditApp {
    /// Adds the member named in the team form with `role`; the name is cleared once saved.
    pub(super) fn add_member(&mut self, role: Role) {
        let lang = self.settings.language;
        let Some(s) = &self.session else {
            return;
        };
        let name = s.team_form.name.trim().to_string();
        if name.is_empty() {
            self.status = Status::Info(T::MemberNameNeeded.get(lang).to_string());
            return;
        }
        let saved = self.apply(vec![Change::Member {
            name,
            role: Some(role),
        }]);
        if saved && let Some(s) = &mut self.session {
            s.team_form.name.clear();
        }
    }

    /// Records `name`'s key from `source`: the path of an identity.json or the key in
    /// base64 (as `akredit team … --key` reads it); empty removes the key. A source that
    /// is neither is refused, changing nothing.
    pub(super) fn set_member_key(&mut self, name: String, source: &str) {
        let lang = self.settings.language;
        let key = match source.trim() {
            "" => None,
            given => match crate::signed::keys::read_trusted_key(given) {
                Ok(k) => Some(base64::engine::general_purpose::STANDARD.encode(k.key)),
                Err(e) => {
                    let why = match lang {
                        Language::Uk => T::KeyUnreadable.get(lang).to_string(),
                        Language::En => e,
                    };
                    self.status =
                        Status::Error(format!("{}: {name}: {why}", T::NotSaved.get(lang)));
                    return;
                }
            },
        };
        let saved = self.apply(vec![Change::MemberKey {
            name: name.clone(),
            key,
        }]);
        if saved && let Some(s) = &mut self.session {
            s.team_form.keys.remove(&name);
        }
    }

    /// Records the key of the identity.json the native dialog gives.
    pub(super) fn browse_member_key(&mut self, name: String) {
        if let Some(path) = self.choose(|d| d.identity(), T::NoDialogKey) {
            self.set_member_key(name, &path.display().to_string());
        }
    }

    /// Makes `name`'s part of the group's inspection (as `akredit part` does) where the
    /// native save dialog says, a free name beside the inspection suggested.
    pub(super) fn make_part(&mut self, name: &str) {
        let lang = self.settings.language;
        let Some(s) = &self.session else {
            return;
        };
        let suggested = part_suggestion(s.inspection.path(), name);
        let Some(path) = self.choose(
            |d| d.save_new(&suggested, "akredit", crate::inspection::EXTENSION),
            T::NoDialogPart,
        ) else {
            return;
        };
        let Some(s) = &self.session else {
            return;
        };
        self.status = match crate::team::make_part(&s.inspection, name, &path) {
            Ok(part) => {
                drop(part);
                Status::Info(format!(
                    "{} {name}: {} — {}",
                    T::PartMade.get(lang),
                    path.display(),
                    T::PartMadeNext.get(lang)
                ))
            }
            Err(e) => Status::Error(format!(
                "{}: {}",
                T::NotSaved.get(lang),
                crate::ui::i18n::error(&e, lang)
            )),
        };
    }

    /// Shows only one member's standards (or everyone's), each tab from its top.
    pub(super) fn set_team_filter(&mut self, filter: Option<TeamFilter>) {
        if let Some(s) = &mut self.session {
            s.team_filter = filter;
            s.scroll_to_top = true;
        }
    }
}

/// `INSPECTION-SURNAME.akredit` beside the inspection (the member's first name word,
/// letters only), numbered when taken.
fn part_suggestion(inspection: &std::path::Path, member: &str) -> std::path::PathBuf {
    let stem = inspection
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "inspection".into());
    let surname: String = member
        .split_whitespace()
        .next()
        .unwrap_or("part")
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == '-' || *c == '\'')
        .collect();
    crate::support::files::free_name(
        &inspection.with_file_name(format!("{stem}-{surname}.akredit")),
    )
}
