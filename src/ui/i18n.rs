//! Every string of the interface, in Ukrainian and English, in one table.
//!
//! The table is one `match` per language over one enum, so a key missing in either
//! language does not compile; the tests check that none is empty or left untranslated.
//! The standards' titles and criteria are not here: they stay in the Order's Ukrainian.

use crate::settings::Language;

macro_rules! strings {
    ($($key:ident => $uk:expr, $en:expr;)*) => {
        /// A string of the interface.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        #[allow(missing_docs)]
        pub enum T { $($key,)* }

        impl T {
            /// Every key, for the completeness test.
            pub const ALL: &'static [T] = &[$(T::$key,)*];

            /// The text in a language.
            pub fn get(self, lang: Language) -> &'static str {
                match (self, lang) {
                    $((T::$key, Language::Uk) => $uk,
                      (T::$key, Language::En) => $en,)*
                }
            }
        }
    };
}

strings! {
    AppName => "akredit — акредитація центрів здоров'я", "akredit — accreditation of health centres";
    OrderLine => "Стандарти наказу МОЗ України від 17.07.2000 № 169", "Standards of MOH Ukraine order No. 169 of 17.07.2000";
    NewInspection => "Нова перевірка", "New inspection";
    CentreName => "Назва центру здоров'я", "Name of the health centre";
    Model => "Модель діяльності", "Model of activity";
    ModelSanitaryHelp => "санітарно-освітня: лише санітарно-освітня робота — 191 стандарт, до 573 балів", "sanitary-educational: health education only — 191 standards, up to 573 points";
    ModelFullHelp => "санітарно-освітня + діагностично-оздоровча: також діагностика й оздоровлення — 235 стандартів, до 705 балів", "sanitary-educational + diagnostic: also diagnosis and health improvement — 235 standards, up to 705 points";
    Expert => "Експерт", "Expert";
    VisitDate => "Дата візиту (РРРР-ММ-ДД)", "Visit date (YYYY-MM-DD)";
    FileLocation => "Файл перевірки", "Inspection file";
    Choose => "Обрати…", "Choose…";
    Create => "Створити", "Create";
    OpenInspection => "Відкрити перевірку", "Open an inspection";
    OpenFile => "Відкрити файл…", "Open a file…";
    OpenPath => "Відкрити", "Open";
    Recent => "Нещодавні перевірки", "Recent inspections";
    NoRecent => "Ще немає нещодавніх перевірок.", "No recent inspections yet.";
    Missing => "файл відсутній", "file missing";
    Unreadable => "не вдається прочитати", "cannot be read";
    Scored => "оцінено", "scored";
    LastChange => "остання зміна", "last change";
    Settings => "Налаштування", "Settings";
    Back => "Назад", "Back";
    ToStart => "До початку", "To start";
    CentreTab => "Центр", "Centre";
    ApplicationForm => "Заява (дані центру)", "Application (centre details)";
    Documents => "Обов'язкові документи до заяви", "Mandatory documents of the application";
    Present => "є", "present";
    Absent => "немає", "missing";
    NotChecked => "не перевірено", "not checked";
    DocNote => "примітка", "note";
    NoSelfFinanced => "Центр не проводить діяльність на госпрозрахункових засадах", "The centre has no self-financed activity";
    PresetDrops => "Не враховуються (примітка до Таблиці 1):", "Not counted (note after Table 1):";
    PresetWhy => "Чому саме ці стандарти", "Why these standards";
    PresetKeeps => "Названі в примітці, але враховуються:", "Named in the note but counted:";
    InspectionFacts => "Перевірка", "Inspection";
    Commission => "Комісія", "Commission";
    SelfAssessment => "Самооцінка", "Self-assessment";
    NotApplicable => "Не застосовується", "Not applicable";
    NaShort => "Н/З", "N/A";
    NaReason => "Причина", "Reason";
    NaReasonNeeded => "Вкажіть причину, чому стандарт не застосовується", "Give the reason why the standard does not apply";
    Note => "Примітка", "Note";
    Save => "Зберегти", "Save";
    Cancel => "Скасувати", "Cancel";
    Clear => "Очистити", "Clear";
    NoWordingShort => "(текст не зберігся в наявній копії Наказу)", "(wording lost from the available copy of the Order)";
    NoWording => "Текст стандарту відсутній у наявній копії Наказу: приймається оцінка 0–3.", "The wording is not in the available copy of the Order: any grade 0–3 is accepted.";
    NoCriterion => "критерію для цієї оцінки в Наказі немає", "the Order gives no criterion for this grade";
    OrderNote => "Примітка Наказу", "The Order's note";
    SourceNote => "Рішення щодо тексту Наказу", "Decision on the Order's text";
    Result => "Результат", "Result";
    Points => "балів", "points";
    Percent => "відсоток", "percent";
    Category => "категорія", "category";
    Forecast => "прогноз", "forecast";
    Unscored => "не оцінено", "unscored";
    IfUnscoredGet => "якщо всі неоцінені отримають", "if every unscored one gets";
    Applicable => "застосовних стандартів", "applicable standards";
    NaCount => "не застосовується", "not applicable";
    Divergences => "розбіжностей із самооцінкою", "divergences from self-assessment";
    CatHigher => "вища категорія", "higher category";
    CatFirst => "перша категорія", "first category";
    CatSecond => "друга категорія", "second category";
    CatNone => "сертифікат не видається", "no certificate";
    Complete => "усі застосовні стандарти оцінено", "every applicable standard is graded";
    FilterAll => "усі", "all";
    FilterUnscored => "неоцінені", "unscored";
    FilterNa => "Н/З", "N/A";
    FilterNotes => "з примітками", "with notes";
    FilterDivergent => "розбіжності", "divergent";
    Show => "Показати:", "Show:";
    Search => "Пошук (код або слова назви)", "Search (code or words of the title)";
    SearchHits => "знайдено", "found";
    NothingHere => "Тут немає стандартів, що відповідають фільтру.", "No standards here match the filter.";
    Saved => "Збережено о", "Saved at";
    NotSaved => "НЕ ЗБЕРЕЖЕНО", "NOT SAVED";
    NoSaveButton => "кожна зміна зберігається одразу", "every change is saved at once";
    HelpHint => "F1 — клавіші", "F1 — keys";
    KeyColumn => "Клавіші ставлять оцінку в колонку", "Keys grade the column";
    Keys => "Клавіші", "Keys";
    KeyMove => "Стрілки вгору / вниз або J K — попередній / наступний стандарт (через усі групи)", "Arrow up / down or J K — previous / next standard (across groups)";
    KeyGrade => "0 1 2 3 або літери Н МВ НВ ПВ В — оцінка; Delete — очистити", "0 1 2 3 or the letters Н МВ НВ ПВ В — grade; Delete — clear";
    KeySelf => "S — перемкнути колонку: комісія / самооцінка", "S — switch the column: commission / self-assessment";
    KeyNa => "N — не застосовується (курсор переходить до причини)", "N — not applicable (the cursor goes to the reason)";
    KeyNote => "E — примітка", "E — note";
    KeyUndo => "Ctrl+Z — скасувати останню зміну (записується в історію)", "Ctrl+Z — undo the last change (recorded in the history)";
    KeyTabs => "Ctrl+PageUp / Ctrl+PageDown — попередня / наступна вкладка", "Ctrl+PageUp / Ctrl+PageDown — previous / next tab";
    KeySearch => "Ctrl+F — пошук; Enter — перейти; Esc — закрити", "Ctrl+F — search; Enter — go; Esc — close";
    KeyHelp => "F1 або ? — ця довідка", "F1 or ? — this help";
    KeyExport => "Ctrl+E — експорт підписаного результату", "Ctrl+E — export the signed result";
    Close => "Закрити", "Close";
    Export => "Експорт підписаного результату", "Export the signed result";
    ExportButton => "Експорт (Ctrl+E)", "Export (Ctrl+E)";
    ExportComplete => "Усі застосовні стандарти оцінено: результат буде остаточним.", "Every applicable standard is graded: the result will be final.";
    ExportIncomplete => "Ще не оцінено (натисніть код, щоб перейти):", "Not graded yet (click a code to go there):";
    ExportDraft => "Експортувати як чернетку (\"final\": false)", "Export as a draft (\"final\": false)";
    KeyName => "Ваш підпис ще не створено. Ваше повне ім'я:", "You have no signing key yet. Your full name:";
    ResultFile => "Файл результату (JSON)", "Result file (JSON)";
    ExportPdf => "Також зберегти протокол PDF поруч", "Also save the PDF protocol beside it";
    SignAndSave => "Підписати й зберегти", "Sign and save";
    ExportExists => "файл уже існує або шлях порожній; оберіть інше ім'я", "the file exists or the path is empty; choose another name";
    ExportWritten => "Результат збережено:", "Result saved:";
    Fingerprint => "відбиток ключа", "key fingerprint";
    Language => "Мова інтерфейсу", "Interface language";
    TextSize => "Розмір тексту", "Text size";
    Theme => "Оформлення", "Theme";
    Light => "світле", "light";
    Dark => "темне", "dark";
    About => "Про програму", "About";
    CatalogueInUse => "Каталог стандартів", "Catalogue of standards";
    DataFolder => "Тека даних (налаштування, резервні копії)", "Data folder (settings, backups)";
    SourceIncomplete => "Наявна копія Наказу обривається в групі 1.7.", "The available copy of the Order breaks off inside group 1.7.";
    InternalError => "Внутрішня помилка програми. Останній збережений стан файлу не втрачено; відкрийте його знову.", "Internal error. The last saved state of the file is intact; open it again.";
    UndoNothing => "Немає змін, які можна скасувати.", "Nothing to undo.";
    Undone => "Скасовано; скасування записано в історію.", "Undone; the undo is recorded in the history.";
    ReadOnlyBusy => "Перевірка відкрита для змін в іншому місці.", "The inspection is open for changes elsewhere.";
    GradeNotOnScale => "Ця оцінка не належить шкалі стандарту", "This grade is not on the standard's scale";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_is_translated_in_both_languages() {
        for key in T::ALL {
            let uk = key.get(Language::Uk);
            let en = key.get(Language::En);
            assert!(!uk.trim().is_empty(), "{key:?} is empty in Ukrainian");
            assert!(!en.trim().is_empty(), "{key:?} is empty in English");
            let is_symbolic = uk.chars().all(|c| !c.is_alphabetic() || c.is_ascii());
            assert!(uk != en || is_symbolic, "{key:?} is not translated: {uk:?}");
        }
    }

    #[test]
    fn ukrainian_uses_ukrainian_letters_not_russian() {
        for key in T::ALL {
            let uk = key.get(Language::Uk);
            for bad in ['ы', 'э', 'ъ', 'ё'] {
                assert!(!uk.contains(bad), "{key:?}: {uk:?} contains {bad}");
            }
        }
    }
}
