//! The keyboard's words for the status line: why a key did nothing ([`refused`]), what
//! letters typed so far may still become ([`pending`]), and what an undo or a redo
//! changed ([`reverted`]).

use super::strings::T;
use crate::answers::{Altered, Column, Field, Subject};
use crate::catalogue::{Catalogue, Scale};
use crate::support::settings::Language;
use crate::ui::command::Refused;

/// How many characters of a note or reason the status line shows.
const TEXT_SHOWN: usize = 40;

/// Why a key did nothing, with what would have worked: for a grade that is not on the
/// scale, the scale and its grades ("1.3.6.5: «2» не оцінка — дворівнева шкала: 0 (Н),
/// 3 (В)").
pub fn refused(refused: &Refused, catalogue: &Catalogue, column: Column, lang: Language) -> String {
    match refused {
        Refused::NotAGrade { code, typed } => {
            let scale = catalogue
                .standard(code)
                .map_or(Scale::Unspecified, |s| s.scale);
            format!(
                "{code}: «{typed}» {} — {}: {}",
                T::KeyNotAGrade.get(lang),
                scale_name(scale, lang),
                scale.describe_grades()
            )
        }
        Refused::NotAKey(typed) => format!("«{typed}» {}", T::KeyNotAKey.get(lang)),
        Refused::NoStandard => T::KeyNoStandard.get(lang).to_string(),
        Refused::NotApplicable(code) => format!("{code} {}", T::KeyOnNa.get(lang)),
        Refused::NothingToClear(code) => format!(
            "{code}: {} «{}»",
            T::KeyNothingToClear.get(lang),
            column_name(column, lang)
        ),
    }
}

/// The name of a scale, for messages.
fn scale_name(scale: Scale, lang: Language) -> &'static str {
    match scale {
        Scale::Two => T::ScaleTwoName.get(lang),
        Scale::Four => T::ScaleFourName.get(lang),
        Scale::Unspecified => T::ScaleOpenName.get(lang),
    }
}

/// The name of a column, as its grade buttons are captioned.
pub fn column_name(column: Column, lang: Language) -> &'static str {
    match column {
        Column::Commission => T::Commission.get(lang),
        Column::SelfAssessment => T::SelfAssessment.get(lang),
    }
}

/// Letters waiting for their next key, and what they become: "Н… (з В буде НВ 2;
/// інакше Н 0)".
pub fn pending(scale: Scale, text: &str, lang: Language) -> String {
    let with_v = scale
        .parse_grade(&format!("{text}В"))
        .map(|g| format!("{} {}", T::PendingThen.get(lang), scale.label(g)));
    let alone = match scale.parse_grade(text) {
        Ok(g) => format!("{} {}", T::PendingElse.get(lang), scale.label(g)),
        Err(_) => T::PendingNothing.get(lang).to_string(),
    };
    match with_v {
        Ok(then) => format!("{text}… ({then}; {alone})"),
        Err(_) => format!("{text}… ({alone})"),
    }
}

/// What reverting `rows` does, each row from its new value back to its old one: "1.1.3:
/// було НВ 2, тепер —". An undo reverts the rows of a change; a redo reverts the rows of
/// an undo. The first row is said, and how many more there are. (The window's font has
/// no arrows, so the change is said in words.)
pub fn reverted(rows: &[Altered], catalogue: &Catalogue, main: Column, lang: Language) -> String {
    let Some(first) = rows.first() else {
        return String::new();
    };
    let mut text = row(first, catalogue, main, lang);
    if rows.len() > 1 {
        text.push_str(&format!(" (+{} {})", rows.len() - 1, T::MoreRows.get(lang)));
    }
    text
}

/// One row, from its new value back to its old one.
/// "було FROM, тепер TO", as the undo and redo lines say it.
fn was_now_text(from: &str, to: &str, lang: Language) -> String {
    format!(
        "{} {from}, {} {to}",
        T::WasValue.get(lang),
        T::NowValue.get(lang)
    )
}

/// An attachment's row in words: its file as it was and is now, or its caption.
fn evidence_row(n: u32, field: &Field, a: &Altered, lang: Language) -> String {
    let (new, old) = (a.new_value(), a.old_value());
    let was_now = |from: String, to: String| was_now_text(&from, &to, lang);
    if *field == Field::Attachment {
        let name = |v: Option<&str>| {
            v.and_then(crate::answers::Attachment::parse)
                .map_or("—".to_string(), |a| format!("{} ({})", a.name, a.target))
        };
        return format!(
            "{} {n}: {}",
            T::EvidenceShort.get(lang),
            was_now(name(new), name(old))
        );
    }
    format!(
        "{} {n} · {}: {}",
        T::EvidenceShort.get(lang),
        T::CaptionShort.get(lang),
        was_now(quoted(new), quoted(old))
    )
}

fn row(a: &Altered, catalogue: &Catalogue, main: Column, lang: Language) -> String {
    let (new, old) = (a.new_value(), a.old_value());
    let was_now = |from: String, to: String| was_now_text(&from, &to, lang);
    match (a.subject(), a.field()) {
        (Subject::Standard(code), Field::Grade(column)) => {
            let scale = catalogue
                .standard(code)
                .map_or(Scale::Unspecified, |s| s.scale);
            let grade = |v: Option<&str>| {
                v.and_then(|v| v.parse().ok())
                    .map_or("—".to_string(), |g| scale.label(g))
            };
            let column = if *column == main {
                String::new()
            } else {
                format!(" {}", column_name(*column, lang))
            };
            format!("{code}{column}: {}", was_now(grade(new), grade(old)))
        }
        (Subject::Member(name), field) => {
            format!("{name} · {field}: {}", was_now(quoted(new), quoted(old)))
        }
        (Subject::Evidence(n), field) => evidence_row(*n, field, a, lang),
        (Subject::Standard(code), field) => {
            let name = match field {
                Field::NotApplicable => T::NaShort,
                Field::Recommendation => T::RecommendationShort,
                Field::Due => T::DueShort,
                Field::Owner => T::OwnerShort,
                _ => T::Note,
            };
            format!(
                "{code} {}: {}",
                name.get(lang),
                was_now(quoted(new), quoted(old))
            )
        }
        (Subject::Document(n), Field::Present) => {
            let check = |v: Option<&str>| match v {
                Some("yes") => T::Present.get(lang),
                Some("na") => T::DocNotApplicable.get(lang),
                Some(_) => T::Absent.get(lang),
                None => T::NotChecked.get(lang),
            };
            let (new, old) = (check(new).to_string(), check(old).to_string());
            format!("{} {n}: {}", T::DocumentShort.get(lang), was_now(new, old))
        }
        (Subject::Document(n), _) => format!(
            "{} {n} · {}: {}",
            T::DocumentShort.get(lang),
            T::DocNote.get(lang),
            was_now(quoted(new), quoted(old))
        ),
        (Subject::Centre, field) => {
            let title = catalogue
                .application_form
                .iter()
                .find(|f| f.id == field.as_str())
                .map_or(field.as_str(), |f| match lang {
                    Language::Uk => &f.title,
                    Language::En => &f.title_en,
                });
            format!(
                "{} · {title}: {}",
                T::ApplicationForm.get(lang),
                was_now(quoted(new), quoted(old))
            )
        }
        (Subject::Inspection, field) => {
            let name = match field {
                Field::Fact(crate::answers::Fact::VisitDate) => T::VisitDate,
                Field::Fact(crate::answers::Fact::Model) => T::Model,
                Field::Conclusion => T::ConclusionShort,
                _ => T::Expert,
            };
            format!("{}: {}", name.get(lang), was_now(quoted(new), quoted(old)))
        }
    }
}

/// A text value in quotes, shortened; "—" for none.
fn quoted(value: Option<&str>) -> String {
    match value {
        None => "—".to_string(),
        Some(v) if v.chars().count() > TEXT_SHOWN => {
            let short: String = v.chars().take(TEXT_SHOWN).collect();
            format!("«{short}…»")
        }
        Some(v) => format!("«{v}»"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pending_letters_say_what_they_may_become() {
        let uk = Language::Uk;
        assert_eq!(
            pending(Scale::Four, "Н", uk),
            "Н… (з В буде НВ 2; інакше Н 0)"
        );
        assert_eq!(
            pending(Scale::Four, "М", uk),
            "М… (з В буде МВ 1; інакше нічого)"
        );
        assert_eq!(
            pending(Scale::Four, "П", Language::En),
            "П… (with В it is ПВ 3; otherwise nothing)"
        );
    }
}
