//! What is wrong with a damaged inspection ([`crate::inspection::Problem`]), in the
//! interface's language.

use crate::inspection::Problem;
use crate::support::settings::Language;

/// What is wrong with a damaged inspection, in the interface's language: the first few
/// problems, and how many more.
pub fn problems(problems: &[Problem], lang: Language) -> String {
    const SHOWN: usize = 3;
    let mut text = problems
        .iter()
        .take(SHOWN)
        .map(|p| problem(p, lang))
        .collect::<Vec<_>>()
        .join("; ");
    if problems.len() > SHOWN {
        let more = problems.len() - SHOWN;
        text.push_str(&match lang {
            Language::Uk => format!("; і ще {more}"),
            Language::En => format!("; and {more} more"),
        });
    }
    text
}

/// One problem of a damaged inspection, in the interface's language.
fn problem(p: &Problem, lang: Language) -> String {
    use Problem as P;
    if lang == Language::En {
        return p.to_string();
    }
    match p {
        P::Pages(detail) => format!("перевірка сторінок файлу SQLite не пройшла ({detail})"),
        P::UnknownCode(c) => format!("збережено оцінку для {c}, якого немає в каталозі"),
        P::NotAStandard(c) => format!("збережено оцінку для {c}, що не є стандартом"),
        P::OutsideModel(c) => {
            format!("збережено оцінку для {c}, якого модель перевірки не враховує")
        }
        P::OffScale { code, grade, .. } => {
            format!("{code} має оцінку {grade}, якої немає в його шкалі")
        }
        P::EmptyReason(c) => format!("{c} позначено «не застосовується» без причини"),
        P::BadDue(c) => format!("{c}: строк виконання рекомендації — не дата"),
        P::CommissionInSelfAssessment(c) => {
            format!("{c}: оцінка комісії у файлі самооцінки закладу")
        }
        P::UnknownField(field) => format!("у заяві невідоме поле {field:?}"),
        P::BadDocument(n) => {
            format!("документ {n}: такого немає в Наказі, або його позначку пошкоджено")
        }
        P::BadMeta(_) => "пошкоджено відомості про перевірку".to_string(),
        P::History(_) => "історія змін не веде до збережених оцінок".to_string(),
    }
}
