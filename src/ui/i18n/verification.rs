//! What a verification and the commission's overview say, in the interface's language:
//! a check's name and its usual details, a row's status (one word in the table, in full
//! with its reasons in a result's detail) and the notes on a row. English is the
//! domain's own wording; the Ukrainian is written here. A detail this does not know (a
//! parser's complaint, a file's error) is kept as the domain gave it.

use std::path::Path;

use super::strings::T;
use crate::commission::{Basis, Note, Row, Status};
use crate::support::settings::Language;

/// A check's name (`signature`, `trusted signer`, …) in the language.
pub fn check_name(name: &str, lang: Language) -> String {
    if lang == Language::En {
        return name.to_string();
    }
    match name {
        "format" => "формат",
        "signature" => "підпис",
        "trusted signer" => "довірений підписувач",
        "catalogue" => "каталог",
        "names" => "імена",
        "standards" => "стандарти",
        "complete" => "повнота",
        "facts" => "факти",
        "consistent" => "узгодженість",
        "totals" => "підсумки",
        "history" => "історія",
        "signers" => "підписувачі",
        "co-signed" => "співпідписи",
        other => other,
    }
    .to_string()
}

/// What a check found, in the language; in Ukrainian, the details the checks usually
/// give are worded here, any other stays as the domain said it.
pub fn check_detail(name: &str, detail: &str, lang: Language) -> String {
    if lang == Language::En {
        return detail.to_string();
    }
    // A rule a result signed by an earlier version was not held to: said as a warning.
    let (detail, earlier) = match detail.rsplit_once(" (signed by akredit ") {
        Some((d, rest)) => match rest.strip_suffix(", before this was required)") {
            Some(version) => (
                d,
                format!(" (підписано akredit {version}, коли цього ще не вимагали)"),
            ),
            None => (detail, String::new()),
        },
        None => (detail, String::new()),
    };
    let worded = match name {
        "format" => format_uk(detail),
        "signature" => signature_uk(detail),
        "trusted signer" => trust_uk(detail),
        "catalogue" => catalogue_uk(detail),
        "names" => names_uk(detail),
        "standards" | "complete" | "facts" | "consistent" => content_uk(detail),
        "totals" => totals_uk(detail),
        "history" => history_uk(detail),
        "signers" => signers_uk(detail),
        "co-signed" => cosigned_uk(detail),
        _ => None,
    };
    format!("{}{earlier}", worded.unwrap_or_else(|| detail.to_string()))
}

/// A reason a row is invalid (`signature: does not match …`, or why the file could not
/// be read), in the language.
pub fn reason(reason: &str, lang: Language) -> String {
    match reason.split_once(": ") {
        Some((name, detail)) if check_name(name, Language::Uk) != name => format!(
            "{}: {}",
            check_name(name, lang),
            check_detail(name, detail, lang)
        ),
        _ => reason.to_string(),
    }
}

/// A row's status in one word, as the table shows it: a valid draft is a draft.
pub fn status_word(row: &Row, lang: Language) -> &'static str {
    match row.status {
        Status::Valid if row.is_final == Some(false) => T::KindDraft.get(lang),
        Status::Valid => T::StatusValid.get(lang),
        Status::Invalid { .. } => T::StatusInvalid.get(lang),
        Status::Superseded { .. } => T::StatusSuperseded.get(lang),
        Status::Duplicate { .. } => T::StatusDuplicate.get(lang),
    }
}

/// A row's status in full, as a result's detail shows it (the reasons of an invalid one
/// are listed apart, [`reason`]).
pub fn status_full(row: &Row, lang: Language) -> String {
    let status = status_text(row, lang);
    match row.signed {
        Some((signed, of)) => format!(
            "{status}; {} {signed} {} {of}",
            T::SignedByCount.get(lang),
            T::OfCount.get(lang)
        ),
        None => status,
    }
}

/// A row's status in words, without its signatures.
fn status_text(row: &Row, lang: Language) -> String {
    let word = status_word(row, lang);
    let uk = lang == Language::Uk;
    match &row.status {
        Status::Valid if row.is_final == Some(false) => {
            format!("{word} — {}", T::DraftCounts.get(lang))
        }
        Status::Valid => format!("{word} — {}", T::ValidCounts.get(lang)),
        Status::Invalid { .. } => format!("{word} — {}", T::InvalidNotCounted.get(lang)),
        Status::Superseded { by } if uk => format!("{word}: його замінює {}", by.display()),
        Status::Superseded { by } => format!("{word} by {}", by.display()),
        Status::Duplicate { of } if uk => {
            format!("{word}: той самий результат, що й {}", of.display())
        }
        Status::Duplicate { of } => format!("{word}: the same result as {}", of.display()),
    }
}

/// A note on a row, in the language.
pub fn note(note: &Note, lang: Language) -> String {
    if lang == Language::En {
        return note.to_string();
    }
    let shown = |p: &Path| p.display().to_string();
    match note {
        Note::Unresolved {
            basis,
            others,
            more,
            different_signer,
        } => {
            let what = match basis {
                Basis::Inspection => "тієї самої перевірки",
                Basis::CentreName => "того самого центру",
            };
            let signer = if *different_signer {
                ", підписаний іншим ключем,"
            } else {
                ""
            };
            let list: Vec<String> = others.iter().map(|p| shown(p)).collect();
            let mut text = format!(
                "не вирішено: є інший чинний результат {what}{signer} не пов'язаний заміною: {}",
                list.join(", ")
            );
            if *more > 0 {
                text.push_str(&format!(" і ще {more}"));
            }
            text
        }
        Note::SupersedesMissing { sha256 } => {
            format!("замінює результат, якого в цьому наборі немає (SHA-256 {sha256})")
        }
        Note::SupersedesInvalid { path } => format!(
            "замінює {}, а той недійсний (він лишається в таблиці недійсним)",
            shown(path)
        ),
        Note::SupersedesOtherInspection { path } => format!(
            "називає заміненим {}, але це результат іншої перевірки: не застосовано",
            shown(path)
        ),
        Note::SupersedesOtherSigner { path, fingerprint } => format!(
            "називає заміненим {}, але той результат підписано іншим ключем ({fingerprint}): не застосовано — інший підписувач, вирішує комісія",
            shown(path)
        ),
        Note::Warning { check, detail } => format!(
            "{} ({}): {}",
            T::CheckWarning.get(lang),
            check_name(check, lang),
            check_detail(check, detail, lang)
        ),
    }
}

fn format_uk(d: &str) -> Option<String> {
    if let Some(format) = d.strip_suffix(", canonical") {
        return Some(format!("{format}, канонічна форма"));
    }
    if d == "the file is not in canonical form: it was edited after signing" {
        return Some("файл не в канонічній формі: його змінили після підписання".into());
    }
    if let Some(e) = d.strip_prefix("not an akredit result: ") {
        return Some(format!("це не результат akredit: {e}"));
    }
    if let Some(e) = d.strip_prefix("not a JSON document: ") {
        return Some(format!("це не документ JSON: {e}"));
    }
    let (found, expected) = d.strip_prefix("format ")?.split_once(", expected ")?;
    Some(format!("формат {found}, а має бути {expected}"))
}

fn signature_uk(d: &str) -> Option<String> {
    match d {
        "does not match the payload: the result was changed after signing" => {
            return Some("не відповідає вмісту: результат змінили після підписання".into());
        }
        "the public key or signature is not valid base64 Ed25519" => {
            return Some("відкритий ключ або підпис — не дійсний base64 Ed25519".into());
        }
        _ => {}
    }
    if let Some(alg) = d.strip_prefix("unknown algorithm ") {
        return Some(format!("невідомий алгоритм {alg}"));
    }
    if let Some(n) = d
        .strip_suffix(" signatures valid over the payload")
        .or_else(|| d.strip_suffix(" signature valid over the payload"))
    {
        return Some(format!("дійсних підписів над вмістом: {n}"));
    }
    let rest = d.strip_prefix("valid, made with key ")?;
    let (fp, signer) = rest.split_once(" (the result names ")?;
    let signer = signer.strip_suffix(" as its signer)")?;
    Some(format!(
        "дійсний, зроблений ключем {fp} (підписувачем результат називає {signer})"
    ))
}

fn signers_uk(d: &str) -> Option<String> {
    (d == "each signature is a member's, with the key the group records for them").then(|| {
        "кожен підпис належить членові експертної групи і зроблений ключем, який група для нього записала".into()
    })
}

/// "signed by 2 of 3: A, B; not yet: C" in Ukrainian.
fn cosigned_uk(d: &str) -> Option<String> {
    let rest = d.strip_prefix("signed by ")?;
    let (counts, names) = rest.split_once(": ")?;
    let (signed, of) = counts.split_once(" of ")?;
    let (names, waiting) = match names.split_once("; not yet: ") {
        Some((names, waiting)) => (names, format!("; ще не підписали: {waiting}")),
        None => (names, String::new()),
    };
    Some(format!("підписали {signed} з {of}: {names}{waiting}"))
}

fn trust_uk(d: &str) -> Option<String> {
    match d {
        "no trusted key given; compare the fingerprint with the expert's" => {
            return Some(
                "довірених ключів не вказано; звірте відбиток ключа з ключем експерта".into(),
            );
        }
        "no valid signer key" => return Some("немає дійсного ключа підписувача".into()),
        _ => {}
    }
    let rest = d.strip_prefix("key ")?;
    if let Some(fp) = rest.strip_suffix(" is not among the trusted keys") {
        return Some(format!("ключа {fp} немає серед довірених"));
    }
    if let Some((fp, claimed)) =
        rest.split_once(" is trusted (given without a name: the result names ")
    {
        let claimed = claimed.strip_suffix(')')?;
        return Some(format!(
            "ключ {fp} довірений (вказаний без імені; результат називає {claimed})"
        ));
    }
    if let Some((fp, whose)) = rest.split_once(" is trusted: it is ") {
        let (name, earlier) = match whose.split_once("'s, who signed this as ") {
            Some((name, n)) => {
                let n = n.strip_suffix(" before renaming the key")?;
                (
                    name,
                    format!(", який підписав це як {n}, ще до перейменування ключа"),
                )
            }
            None => (whose.strip_suffix("'s")?, String::new()),
        };
        return Some(format!("ключ {fp} довірений: це ключ {name}{earlier}"));
    }
    let (fp, rest) = rest.split_once(" is ")?;
    let (name, claimed) = rest.split_once("'s, but the result names ")?;
    let claimed = claimed.strip_suffix(" as its signer: a result signed in another's name")?;
    Some(format!(
        "ключ {fp} належить {name}, але результат називає підписувачем {claimed}: результат підписано чужим іменем"
    ))
}

fn catalogue_uk(d: &str) -> Option<String> {
    let rest = d.strip_prefix("made with catalogue ")?;
    let (made, loaded) = rest.split_once(", not the one loaded (")?;
    let loaded = loaded.strip_suffix("); load the catalogue it was made with")?;
    Some(format!(
        "зроблено з каталогом {made}, а не з завантаженим ({loaded}); завантажте каталог, з яким його зроблено"
    ))
}

fn names_uk(d: &str) -> Option<String> {
    if let Some(signer) = d.strip_prefix("the result names no expert; signed by ") {
        return Some(format!(
            "у результаті не названо експерта; підписав {signer}"
        ));
    }
    if let Some(rest) = d.strip_prefix("the expert named in the result is ") {
        let (expert, key) = rest.split_once(", the key's name is ")?;
        let key = key.strip_suffix(": they differ")?;
        return Some(format!(
            "експерт у результаті — {expert}, ім'я ключа — {key}: вони різняться"
        ));
    }
    let rest = d.strip_prefix("the expert ")?.strip_suffix(" agree")?;
    let (expert, key) = rest.split_once(" and the key's name ")?;
    Some(format!("експерт {expert} та ім'я ключа {key} збігаються"))
}

/// The standards, completeness, facts and consistency checks.
fn content_uk(d: &str) -> Option<String> {
    let fixed = match d {
        "final, every applicable standard graded" => {
            "остаточний, кожен застосовний стандарт оцінено"
        }
        "expert, visit date, application form and 13 documents recorded" => {
            "експерта, дату візиту, заяву й 13 документів записано"
        }
        "no standard is both not applicable and graded" => {
            "жоден стандарт не позначено водночас «не застосовується» й оціненим"
        }
        _ => "",
    };
    if !fixed.is_empty() {
        return Some(fixed.to_string());
    }
    if let Some(rest) = d.strip_prefix("all ") {
        let (n, model) = rest.split_once(" standards of the ")?;
        let model = model.strip_suffix(" model, each once")?;
        let model = model
            .parse()
            .map_or(model, |m| super::model_name(m, Language::Uk));
        return Some(format!(
            "усі {n} стандартів моделі «{model}», кожен один раз"
        ));
    }
    if let Some(rest) = d.strip_prefix("marked final, but ") {
        if let Some(lacks) = rest.strip_prefix("it lacks ") {
            return Some(format!(
                "позначено остаточним, але бракує: {}",
                lacks_uk(lacks)
            ));
        }
        let (count, codes) =
            rest.split_once(" standards are neither graded nor not applicable: ")?;
        return Some(format!(
            "позначено остаточним, але стандартів без оцінки й без позначки «не застосовується»: {count} ({codes})"
        ));
    }
    if let Some(model) = d.strip_prefix("unknown model ") {
        return Some(format!("невідома модель {model}"));
    }
    if let Some((code, rest)) = d.split_once(": grade ") {
        let (grade, scale) = rest.split_once(" is not on its ")?;
        let scale = match scale.strip_suffix(" scale")? {
            "two-grade" => "дворівневій",
            "four-grade" => "чотирирівневій",
            other => other,
        };
        return Some(format!("{code}: оцінки {grade} немає в його {scale} шкалі"));
    }
    let codes = d
        .strip_prefix("a standard is both not applicable and graded: ")
        .or_else(|| d.strip_prefix("standards are both not applicable and graded: "))?;
    Some(format!("водночас «не застосовується» й оцінено: {codes}"))
}

/// The facts a final result lacks, as `signed::MissingFact` writes them joined by ", ",
/// in Ukrainian (a part this does not know stays as it is).
fn lacks_uk(lacks: &str) -> String {
    use crate::signed::MissingFact as M;
    lacks
        .split(", ")
        .map(|part| {
            let fact = match part {
                "the expert's name" => Some(M::Expert),
                "the visit date" => Some(M::VisitDate),
                _ => part
                    .strip_prefix("the application form's ")
                    .map(|id| M::FormField(id.to_string()))
                    .or_else(|| {
                        part.strip_prefix("the check of document ")
                            .and_then(|n| n.parse().ok())
                            .map(M::Document)
                    }),
            };
            fact.map_or_else(|| part.to_string(), |f| super::missing_fact_uk(&f))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A category's id as the totals check gives it, in Ukrainian.
fn category_uk(id: &str) -> &str {
    match id {
        "higher" => "вища",
        "first" => "перша",
        "second" => "друга",
        "none" => "немає",
        other => other,
    }
}

fn totals_uk(d: &str) -> Option<String> {
    if let Some(rest) = d.strip_suffix(" — recomputed") {
        let (points, rest) = rest.split_once(" points, ")?;
        let (percent, category) = rest.split_once(" %, category ")?;
        return Some(format!(
            "{points} балів, {percent} %, категорія {} — перераховано",
            category_uk(category)
        ));
    }
    let rest = d
        .strip_prefix("the totals do not follow from the grades (recomputed: ")?
        .strip_suffix(')')?;
    let (points, category) = rest.split_once(" points, category ")?;
    Some(format!(
        "підсумки не випливають з оцінок (перераховано: {points} балів, категорія {})",
        category_uk(category)
    ))
}

fn history_uk(d: &str) -> Option<String> {
    match d {
        "the history's rows are out of order" => return Some("рядки історії не по порядку".into()),
        "the history does not replay to the recorded grades" => {
            return Some("історія не відтворює записаних оцінок".into());
        }
        _ => {}
    }
    if let Some(n) = d.strip_suffix(" changes replay to the recorded state") {
        return Some(format!(
            "змін в історії: {n}; вони відтворюють записаний стан"
        ));
    }
    let fact = d
        .strip_prefix("the history's last change of the ")?
        .strip_suffix(" is not what the result says")?;
    Some(format!(
        "остання зміна «{fact}» в історії не збігається з результатом"
    ))
}

impl super::errors::Worded for crate::signed::CosignError {
    fn ukrainian(&self) -> String {
        use crate::signed::CosignError as C;
        match self {
            C::NotVerified(failed) => format!(
                "результат не пройшов перевірки, тож співпідписати його не можна:\n{}",
                failed.join("\n")
            ),
            C::OneExpert => "цей результат підписав один експерт (akredit-result/1): у ньому немає експертної групи, члени якої могли б його співпідписати".into(),
            C::NotMember { signer, fingerprint, recorded_as } => format!(
                "цей ключ ({signer}, {fingerprint}) не належить жодному членові експертної групи результату{}",
                recorded_as.as_ref().map(|n| format!("; для {n} група записала інший ключ")).unwrap_or_default()
            ),
            C::AlreadySigned { name } => format!("{name} уже підписав(ла) цей результат; нічого не записано"),
            C::Canonical(detail) => format!("внутрішня помилка: {detail}"),
            C::TooLarge { bytes, limit } => format!(
                "співпідписаний результат мав би {bytes} байтів — більше за {limit} байтів, які може мати результат"
            ),
            C::File(f) => super::errors::error(f, crate::support::settings::Language::Uk),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_usual_details_are_worded_in_ukrainian() {
        let uk = |name: &str, detail: &str| check_detail(name, detail, Language::Uk);
        assert_eq!(
            uk(
                "signature",
                "valid, made with key ab12 cd34 (the result names \"Іваненко\" as its signer)"
            ),
            "дійсний, зроблений ключем ab12 cd34 (підписувачем результат називає \"Іваненко\")"
        );
        assert_eq!(
            uk(
                "trusted signer",
                "key ab12 is trusted: it is Іваненко Іван's"
            ),
            "ключ ab12 довірений: це ключ Іваненко Іван"
        );
        assert_eq!(
            uk(
                "totals",
                "573 / 573 points, 100.0 %, category higher — recomputed"
            ),
            "573 / 573 балів, 100.0 %, категорія вища — перераховано"
        );
        assert_eq!(
            uk(
                "facts",
                "marked final, but it lacks the visit date (signed by akredit 0.1.0, before this was required)"
            ),
            "позначено остаточним, але бракує: дата візиту (підписано akredit 0.1.0, коли цього ще не вимагали)"
        );
        assert_eq!(
            uk(
                "facts",
                "marked final, but it lacks the expert's name, the application form's head, the check of document 13"
            ),
            "позначено остаточним, але бракує: ім'я експерта, поле заяви «П.І.Б., посада керівника», перевірка документа 13 (подано / не подано)"
        );
        assert_eq!(uk("history", "anything else"), "anything else");
        assert_eq!(
            uk(
                "standards",
                "1.1.1.1: grade 2 is not on its two-grade scale"
            ),
            "1.1.1.1: оцінки 2 немає в його дворівневій шкалі"
        );
        assert_eq!(
            reason(
                "signature: does not match the payload: the result was changed after signing",
                Language::Uk
            ),
            "підпис: не відповідає вмісту: результат змінили після підписання"
        );
        assert_eq!(
            reason("/x.json: no such file", Language::Uk),
            "/x.json: no such file"
        );
        assert_eq!(
            check_detail("totals", "x — recomputed", Language::En),
            "x — recomputed"
        );
    }
}
