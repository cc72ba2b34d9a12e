//! Every string of the interface, in Ukrainian and English, in one table.
//!
//! The table is one `match` per language over one enum, so a key missing in either
//! language does not compile; the tests check that none is empty or left untranslated.
//! The standards' titles and criteria are not here: they stay in the Order's Ukrainian.
//! What the domain's errors say is worded in [`super::errors`].

use crate::support::settings::Language;

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
    Damaged => "файл пошкоджено: відновіть його з резервної копії", "the file is damaged: restore it from a backup";
    RestoreBackup => "Відновити копію від", "Restore the copy of";
    NoBackups => "Резервних копій цієї перевірки на цьому комп'ютері немає.", "This computer has no backups of this inspection.";
    Restored => "Відновлено з резервної копії в новий файл:", "Restored from a backup into a new file:";
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
    // The keyboard flow (issue 14)
    ScaleTwoName => "дворівнева шкала", "two-grade scale";
    ScaleFourName => "чотирирівнева шкала", "four-grade scale";
    ScaleOpenName => "шкала 0–3 (текст стандарту не зберігся)", "scale 0–3 (the standard's wording is lost)";
    KeyNotAGrade => "не оцінка", "is no grade";
    KeyNotAKey => "не клавіша цього екрана; F1 — усі клавіші", "is not a key of this screen; F1 — all the keys";
    KeyNoStandard => "Клавіші оцінок діють на стандарт у вкладці групи, а тут стандартів немає (Ctrl+PageDown — до груп).", "Grade keys act on a standard in a group's tab, and there is none here (Ctrl+PageDown — to the groups).";
    KeyOnNa => "не застосовується: оцінка не ставиться (N — знову застосовується)", "is not applicable: it takes no grade (N — applicable again)";
    KeyNothingToClear => "нічого очищати, немає оцінки в колонці", "nothing to clear, no grade in the column";
    PendingThen => "з В буде", "with В it is";
    PendingElse => "інакше", "otherwise";
    PendingNothing => "інакше нічого", "otherwise nothing";
    UndoneWhat => "Скасовано", "Undone";
    RedoneWhat => "Повернуто", "Redone";
    RedoNothing => "Немає скасованих змін, які можна повернути.", "Nothing to redo.";
    MoreRows => "ще", "more";
    DocumentShort => "Документ", "Document";
    KeysMarker => "клавіші ›", "keys ›";
    WasValue => "було", "was";
    NowValue => "тепер", "now";
    KeysGradeSelf => "Клавіші ставлять оцінки САМООЦІНКИ закладу · S — назад до колонки комісії", "The keys grade the centre's SELF-ASSESSMENT · S — back to the commission's column";
    DivergesMark => "оцінки комісії й самооцінки різняться", "the commission's and the self-assessment's grades differ";
    DivergesFromSelf => "≠ самооцінка", "≠ self-assessment";
    DivergesFromCommission => "≠ комісія", "≠ commission";
    KeyRedo => "Ctrl+Y або Ctrl+Shift+Z — повернути скасовану зміну", "Ctrl+Y or Ctrl+Shift+Z — redo what was undone";
    KeyLetterRule => "Н на чотирирівневій шкалі чекає на В (НВ 2), а без В за мить стає Н 0; М і П чекають на В. Цифра — завжди ціла оцінка: літери, що чекають, відкидаються (Н, потім 0 — це 0).", "On the four-grade scale Н waits for В (НВ 2) and without В becomes Н 0 a moment later; М and П wait for В. A digit is always a whole grade: letters waiting are dropped (Н, then 0, is 0).";
    KeySkipsNa => "Стрілки та J K пропускають стандарти, що не застосовуються (крім фільтра Н/З і пошуку)", "The arrows and J K pass over standards that do not apply (except in the N/A filter and the search)";
    KeyAdvances => "Після оцінки з клавіатури — перехід до наступного стандарту", "After a grade from the keyboard the focus moves to the next standard";
    KeyboardHeading => "Клавіатура", "Keyboard";
    SettingSkipNa => "Стрілки вгору / вниз і J K пропускають стандарти, що не застосовуються", "The arrow keys up / down and J K pass over standards that do not apply";
    SettingAutoAdvance => "Після оцінки з клавіатури переходити до наступного стандарту", "After a grade from the keyboard, move to the next standard";
    SettingPlaceNote => "Перевірка відкривається там, де ви зупинилися (вкладка й стандарт запам'ятовуються на цьому комп'ютері, не у файлі).", "An inspection opens where you stopped (the tab and standard are remembered on this computer, not in the file).";
    // End of the keyboard flow (issue 14)
    // Search, status and defaults (issue 14)
    NoDialogSave => "Вікно вибору файлу тут не відкривається: введіть шлях до нового файлу в полі «Файл перевірки».", "No file dialog opens here: type the new file's path in the \"Inspection file\" field.";
    NoDialogOpen => "Вікно вибору файлу тут не відкривається: введіть шлях у поле поруч із кнопкою «Відкрити».", "No file dialog opens here: type the path in the field beside \"Open\".";
    NoDialogSelf => "Вікно вибору файлу тут не відкривається: введіть шлях у поле «Файл самооцінки».", "No file dialog opens here: type the path in the \"Self-assessment file\" field.";
    NoneHere => "Тут немає.", "None here.";
    NoneAnywhere => "немає в жодній групі.", "none in any group.";
    FoundWhere => "знайдено", "found";
    FoundInCode => "у коді", "in the code";
    FoundInTitle => "у назві", "in the title";
    FoundInCriteria => "у критеріях", "in the criteria";
    FoundInOrderNote => "у примітці Наказу", "in the Order's note";
    FoundInNaReason => "у причині «не застосовується»", "in the reason for N/A";
    FoundInNote => "у примітці", "in the note";
    // End of search, status and defaults (issue 14)
    SelfAssessmentCheckbox => "Самооцінка закладу (заповнює заклад для експертної комісії)", "The centre's self-assessment (filled in by the centre for the commission)";
    SelfImportHeading => "Самооцінка закладу", "The centre's self-assessment";
    SelfImportHelp => "Файл самооцінки від закладу (JSON з akredit export-self або заповнений шаблон CSV) заповнює стовпець «самооцінка». Оцінки комісії не змінюються.", "The centre's self-assessment file (JSON from akredit export-self, or a filled-in CSV template) fills the self-assessment column. The commission's grades are not touched.";
    SelfImportFile => "Файл самооцінки", "Self-assessment file";
    SelfExportFile => "Файл самооцінки (JSON)", "Self-assessment file (JSON)";
    SelfImportButton => "Імпортувати самооцінку", "Import the self-assessment";
    SelfImportConflicts => "Самооцінку вже внесено вручну, і файл змінив би ці оцінки. Нічого не змінено.", "Self grades were already entered by hand and the file would change these. Nothing was changed.";
    SelfImportReplace => "Замінити оцінками з файлу", "Replace with the file's grades";
    SelfImported => "Самооцінку імпортовано", "Self-assessment imported";
    SelfGradesSet => "оцінок внесено", "grades set";
    DivergencesByGroup => "за групами", "by group";
    SaveSelfAssessment => "Зберегти самооцінку для комісії", "Save the self-assessment for the commission";
    SelfUnsignedNote => "Без ключа файл буде непідписаним: комісія побачить, що за нього ніхто не поручився. Щоб підписати, вкажіть ім'я для нового ключа.", "Without a key the file is unsigned: the commission will see that nobody vouches for it. To sign it, give a name for a new key.";
    Unsigned => "НЕПІДПИСАНО", "UNSIGNED";
    Verifying => "Перевіряються файли результатів:", "Verifying result files:";
    SelfOtherCentre => "УВАГА, самооцінку заповнено для іншого центру (Ctrl+Z скасує імпорт)", "CAUTION, the self-assessment names another centre (Ctrl+Z undoes the import)";
    NotAssessed => "не оцінено", "not assessed";
    InInspection => "у перевірці", "in the inspection";
    InFile => "у файлі", "in the file";
    SelfAssessmentBanner => "САМООЦІНКА ЗАКЛАДУ — оцінки закладу, не комісії", "CENTRE'S SELF-ASSESSMENT — the centre's grades, not the commission's";
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
    Search => "Пошук (код, слова назви, критеріїв, приміток)", "Search (code, words of the title, criteria, notes)";
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
    ExportConclusion => "Також зберегти експертний висновок (PDF і DOCX) та план коригувальних дій (CSV) поруч", "Also save the expert conclusion (PDF and DOCX) and the action plan (CSV) beside it";
    ConclusionWritten => "Висновок:", "Conclusion:";
    ActionPlanWritten => "План дій:", "Action plan:";
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
    ReadOnlyBusy => "Перевірка відкрита для змін в іншому місці.", "The inspection is open for changes elsewhere.";
    GradeNotOnScale => "Ця оцінка не належить шкалі стандарту", "This grade is not on the standard's scale";
    CommissionOverview => "Огляд для комісії", "Commission overview";
    CommissionStartHelp => "підписані результати багатьох центрів: перевірка й одна таблиця", "signed results of many centres: verified, in one table";
    CommissionHelp => "Кожен файл результату (*.json у теці та її підтеках) перевіряється так само, як akredit verify, і потрапляє до таблиці. Нічого не змінюється.", "Every result file (*.json in the folder and its subfolders) is verified exactly as akredit verify does and listed in the table. Nothing is changed.";
    CommissionFolder => "Тека з результатами (або один файл результату)", "Folder of results (or one result file)";
    TrustedKeys => "Довірені ключі експертів (необов'язково): шляхи до identity.json або ключі base64, через кому чи з нового рядка", "Trusted expert keys (optional): paths of identity.json or base64 keys, comma- or line-separated";
    CommissionRun => "Перевірити", "Verify";
    BadTrustedKey => "не є відкритим ключем Ed25519 (base64) і не є файлом з таким ключем", "is neither a base64 Ed25519 public key nor a file holding one";
    NoResultFiles => "Файлів результатів (*.json) не знайдено", "No result files (*.json) found";
    TrustedAre => "Довірені ключі", "Trusted keys";
    NoTrustWarning => "Довірених ключів не вказано: дійсний результат може бути підписаний будь-чиїм ключем. Звірте відбитки ключів з експертами.", "No trusted keys given: a valid result may be signed by anyone's key. Compare the key fingerprints with the experts'.";
    CountFiles => "файлів", "files";
    CountValidFinal => "остаточних дійсних", "valid final";
    CountDrafts => "дійсних чернеток (не остаточне рішення)", "valid drafts (not a final decision)";
    CountSuperseded => "замінених", "superseded";
    CountDuplicates => "дублікатів", "duplicates";
    CountInvalid => "недійсних (не враховано)", "invalid (not counted)";
    CountUnresolved => "нерозв'язаних (той самий центр чи перевірка без заміни) — вирішує комісія", "unresolved (same centre or inspection, no supersession) — the commission decides";
    ClickARow => "Клацніть рядок, щоб переглянути результат (лише перегляд); клацніть заголовок, щоб упорядкувати.", "Click a row to view the result (read-only); click a heading to sort.";
    ColCentre => "Центр", "Centre";
    ColModel => "Модель", "Model";
    ColVisitDate => "Дата", "Date";
    ColKey => "Ключ", "Key";
    ColPoints => "Бали", "Points";
    ColPercent => "%", "%";
    ColCategory => "Категорія", "Category";
    ColStatus => "Стан", "Status";
    SortHint => "Упорядкувати (ще раз — у зворотному порядку)", "Sort (again: reverse)";
    CatHigherShort => "вища", "higher";
    CatFirstShort => "перша", "first";
    CatSecondShort => "друга", "second";
    CatNoneShort => "немає", "none";
    ModelSanitaryShort => "СО", "SE";
    ModelFullShort => "СО+ДО", "SE+DH";
    KindHint => "Остаточний результат чи чернетка", "Final result or draft";
    KindFinal => "остаточний", "final";
    KindDraft => "чернетка", "draft";
    StatusValid => "дійсний", "valid";
    StatusInvalid => "недійсний", "invalid";
    StatusSuperseded => "замінений", "superseded";
    StatusDuplicate => "дублікат", "duplicate";
    InTheTable => "У таблиці", "In the table";
    BackToTable => "До таблиці", "Back to the table";
    ReadOnlyResult => "Результат для комісії — лише перегляд", "Result for the commission — read-only";
    DraftBanner => "ЧЕРНЕТКА — не остаточне рішення", "DRAFT — not a final decision";
    ChecksHeading => "Перевірки підпису й цілісності", "Signature and integrity checks";
    CheckPassed => "пройдено", "passed";
    CheckFailed => "НЕ ПРОЙДЕНО", "FAILED";
    CheckSkipped => "пропущено", "skipped";
    NotAResult => "Файл не вдалося прочитати як результат akredit.", "The file could not be read as an akredit result.";
    CentreNameNeeded => "Вкажіть назву центру здоров'я.", "Give the centre's name.";
    NoDataFolder => "немає теки даних для ключа підпису", "no data folder for the signing key";
    BackupFailed => "резервну копію не створено", "backup";
    SettingsNotSaved => "налаштування не збережено", "settings not saved";
    VerificationStopped => "перевірку несподівано перервано", "the verification stopped unexpectedly";
    ModelSanitaryName => "санітарно-освітня", "sanitary-educational";
    ModelFullName => "санітарно-освітня + діагностично-оздоровча", "sanitary-educational + diagnostic";
    Signer => "Підписав (ім'я ключа)", "Signed by (the key's name)";
    ExportedAt => "Експортовано (UTC)", "Exported (UTC)";
    ResultSha => "SHA-256 результату", "Result SHA-256";
    SupersedesSha => "Замінює результат (SHA-256)", "Supersedes the result (SHA-256)";
    StandardsHeading => "Стандарти", "Standards";
    ColCode => "Код", "Code";
    ColTitle => "Назва", "Title";
    // What gets signed (issue 14)
    DocNotApplicable => "не застосовується", "not applicable";
    CheckWarning => "попередження", "warning";
    SelfExportPdf => "Також зберегти PDF для друку поруч", "Also save a PDF to print beside it";
    SelfNotTakenNa => "не взято (стандарти не застосовуються)", "not taken (standards not applicable)";
    ExportFactsMissing => "Ще не внесено (на вкладці «Центр»):", "Not recorded yet (on the Centre tab):";
    ExportContradictions => "Водночас «не застосовується» й оцінено (натисніть код):", "Both not applicable and graded (click a code):";
    GoToCentreTab => "Перейти до вкладки «Центр»", "Go to the Centre tab";
    SignBlockedLacking => "Остаточний результат можна підписати, коли нічого з переліченого не бракує; або позначте «чернетка».", "A final result can be signed once nothing listed is lacking; or tick \"draft\".";
    SignBlockedKeyName => "Щоб підписати, введіть своє повне ім'я для нового ключа.", "To sign, type your full name for the new key.";
    SignBlockedKeyConfirm => "Підтвердьте ім'я ключа: воно буде в кожному результаті, який ви підпишете.", "Confirm the key's name: it goes into every result you sign.";
    KeyNameConfirm => "Ім'я «{name}» написано правильно (воно буде в кожному підписаному результаті)", "The name \"{name}\" is spelled right (it goes into every signed result)";
    // The commission screen (issue 14)
    ColFile => "Файл", "File";
    FileHint => "Файл результату (повний шлях — під курсором)", "The result file (the whole path on hover)";
    StatusHint => "Причини й примітки — у деталях: клацніть рядок", "Reasons and notes are in the detail: click the row";
    HasNoteMark => "дивіться примітку в деталях (клацніть рядок)", "see the note in the detail (click the row)";
    ValidCounts => "враховується", "counts";
    DraftCounts => "дійсна чернетка, не остаточне рішення", "a valid draft, not a final decision";
    InvalidNotCounted => "не враховано", "not counted";
    StatusLine => "Стан", "Status";
    ReasonsHeading => "Чому недійсний", "Why it is invalid";
    NotesHeading => "Примітки", "Notes";
    SaveCsv => "Зберегти CSV…", "Save CSV…";
    CsvFile => "Файл CSV з усією таблицею (ніколи не перезаписує наявний файл)", "CSV file of the whole table (never over an existing file)";
    CsvWritten => "Таблицю збережено у", "Table saved to";
    ProtocolPdf => "Протокол PDF…", "Protocol PDF…";
    ProtocolFile => "Файл протоколу PDF (ніколи не перезаписує наявний файл)", "Protocol PDF file (never over an existing file)";
    ProtocolWritten => "Протокол збережено у", "Protocol saved to";
    ProtocolNotVerified => "Результат не пройшов перевірки, тож протокол з нього не робиться.", "The result does not verify, so no protocol is made of it.";
    OpenFolder => "Відкрити теку", "Open folder";
    Cosign => "Співпідписати…", "Co-sign…";
    MakePart => "Частина для оцінювання…", "Part to grade…";
    MakePartHint => "Зберегти файл перевірки для ноутбука цього експерта: той самий заклад, модель, каталог, група і рішення «не застосовується»; експерт оцінює свої групи й повертає підписану частину (PART.json)", "Save an inspection file for this expert's laptop: the same centre, model, catalogue, group and \"not applicable\" decisions; the expert grades their groups and hands back the signed part (PART.json)";
    NoDialogPart => "Вікно вибору файлу недоступне; зробіть частину командою akredit part ФАЙЛ --for ІМ'Я --out ЧАСТИНА.akredit", "No file dialog is available; make the part with akredit part FILE --for NAME --out PART.akredit";
    PartMade => "Частину зроблено для", "Part made for";
    PartMadeNext => "передайте цей файл експертові: він оцінює свої групи й підписує частину (Експорт, Ctrl+E)", "give this file to the expert: they grade their groups and sign the part (Export, Ctrl+E)";
    SignPart => "Підписати частину для керівника групи", "Sign the part for the head of the group";
    PartFile => "Підписана частина (PART.json)", "Signed part (PART.json)";
    PartExportNote => "Ваші оцінки, примітки, рішення «не застосовується», рекомендації та історія змін підписуються вашим ключем; керівник групи об'єднує частини у перевірку групи.", "Your grades, notes, \"not applicable\" decisions, recommendations and history are signed with your key; the head of the group merges the parts into the group's inspection.";
    PartWritten => "Частину підписано і збережено:", "Part signed and written:";
    PartOutside => "поза вашими групами:", "outside your groups:";
    PartStandards => "стандартів із записами:", "standards with anything recorded:";
    CosignHint => "Додати до результату експертної групи свій підпис ключем цього комп'ютера; результат не змінюється, співпідписаний записується в новий файл", "Add your signature, with this computer's key, to the expert group's result; the result does not change, the co-signed one is written to a new file";
    CosignNotPossible => "Співпідписати можна результат експертної групи, який пройшов перевірку і який ще не всі її члени підписали", "Only an expert group's result that verifies, and that not every member has signed yet, can be co-signed";
    CosignedFile => "Співпідписаний результат", "Co-signed result";
    CosignDone => "Співпідписано:", "Co-signed:";
    SignedByCount => "підписали", "signed by";
    OfCount => "з", "of";
    SignaturesHeading => "Підписи експертної групи", "Signatures of the expert group";
    SigRoleHead => "керівник експертної групи", "head of the expert group";
    SigRoleExpert => "експерт", "expert";
    KeyWord => "ключ", "key";
    SignatureValid => "підписав(ла)", "signed";
    SignatureNotYet => "ще не підписав(ла)", "not signed yet";
    SignatureInvalid => "підпис недійсний", "signature invalid";
    FolderOpened => "Відкрито теку", "Opened the folder";
    FolderNotOpened => "Не вдалося відкрити теку", "Could not open the folder";
    NoPathGiven => "Вкажіть, куди зберегти файл.", "Say where to save the file.";
    // Recommendations and the general conclusion (issue 16)
    RecommendationWhat => "Рекомендація — що усунути", "Recommendation — what to remedy";
    RecommendationHint => "що заклад має виправити", "what the centre is to put right";
    RecommendationDue => "Строк виконання (РРРР-ММ-ДД)", "Deadline (YYYY-MM-DD)";
    RecommendationOwner => "Відповідальний", "Responsible";
    OwnerHint => "посада або прізвище", "a position or a name";
    RecommendationShort => "Рекомендація", "Recommendation";
    DueShort => "Строк виконання", "Deadline";
    OwnerShort => "Відповідальний", "Responsible";
    ConclusionShort => "Загальний висновок", "General conclusion";
    RecommendationsTab => "Рекомендації", "Recommendations";
    RecommendationsHelp => "Кожен застосовний стандарт з оцінкою комісії нижче максимальної або з рекомендацією. Клацніть рядок, щоб перейти до стандарту; R на стандарті — до його рекомендації.", "Every applicable standard the commission graded below its maximum, or with a recommendation. Click a row to go to the standard; R on a standard goes to its recommendation.";
    RecCountOne => "рекомендація", "recommendation";
    RecCountFew => "рекомендації", "recommendations";
    RecCountMany => "рекомендацій", "recommendations";
    StdCountOne => "стандарт", "standard";
    StdCountFew => "стандарти", "standards";
    StdCountMany => "стандартів", "standards";
    RecWithout => "без рекомендації", "without a recommendation";
    RecZeroOfThem => "з них {n} з оцінкою 0", "{n} of them graded 0";
    RecNoneLacking => "жоден стандарт не лишився без рекомендації", "no standard is left without one";
    RecNothingListed => "Немає ні стандартів з оцінкою нижче максимальної, ні рекомендацій.", "No standard is graded below its maximum, and there are no recommendations.";
    ColGrade => "Оцінка", "Grade";
    ColRecommendation => "Рекомендація", "Recommendation";
    ColDue => "Строк", "Deadline";
    OutOf => "з", "of";
    RecLacking => "немає рекомендації", "no recommendation";
    RecZeroLacking => "ОЦІНКА 0 — немає рекомендації", "GRADE 0 — no recommendation";
    RecIncomplete => "є строк або відповідальний, але не сказано, що усунути", "a deadline or an owner, but nothing said of what to remedy";
    ConclusionHeading => "Пропозиції, зауваження і рекомендації експертної групи (загальний висновок)", "Proposals, remarks and recommendations of the expert group (general conclusion)";
    ConclusionHint => "загальний висновок експертної групи", "the expert group's general conclusion";
    SavedOnLeave => "Текст зберігається, щойно поле відпускає курсор (клацання поза ним, Tab; в одному рядку — Enter). Esc — відкинути набране.", "The text is saved as soon as the field lets go of the cursor (a click elsewhere, Tab; on one line, Enter). Esc drops what was typed.";
    KeyRecommend => "R — рекомендація до стандарту (що усунути, строк, відповідальний)", "R — the standard's recommendation (what to remedy, deadline, responsible)";
    ChartTitle => "Відсоток балів за групами", "Percent of points by group";
    ChartLegend => "Пунктир — найменший відсоток категорії", "Dashed lines — a category's least percent";
    TeamHeading => "Експертна група", "Expert group";
    TeamHelp => "Члени групи, їхні ролі, посади, ключі, якими вони підписують свої частини, і групи стандартів, які кожен оцінює. Кожна зміна записується в журнал перевірки (Ctrl+Z скасовує).", "The group's members, their roles, positions, the keys they sign their parts with and the groups of standards each assesses. Every change goes into the inspection's history (Ctrl+Z undoes it).";
    TeamEmpty => "Експертну групу ще не записано: усі оцінки — експерта цієї перевірки.", "No expert group is recorded yet: every grade is this inspection's expert's.";
    RoleHead => "керівник", "head";
    RoleExpert => "експерт", "expert";
    Position => "Посада", "Position";
    MemberKey => "Ключ", "Key";
    NoKey => "ключ не вказано", "no key given";
    KeyFromFile => "З файлу…", "From a file…";
    KeyPaste => "ключ base64 або шлях до identity.json", "key in base64 or the path of identity.json";
    KeySet => "Вказати ключ", "Set the key";
    KeyClear => "Прибрати ключ", "Remove the key";
    KeyUnreadable => "це не відкритий ключ akredit (44 символи base64, як їх показує «akredit key show») і не файл ідентичності з ним (identity.json)", "this is neither an akredit public key (44 base64 characters, as akredit key show prints it) nor an identity file holding one (identity.json)";
    MemberGroups => "Групи", "Groups";
    GradedHere => "оцінено тут", "graded here";
    RemoveMember => "Вилучити", "Remove";
    NewMemberName => "Повне ім'я нового члена групи", "Full name of a new member";
    AddExpert => "Додати експерта", "Add as an expert";
    AddHead => "Додати керівника", "Add as the head";
    MemberNameNeeded => "Вкажіть повне ім'я члена групи, тоді додайте його.", "Give the member's full name, then add them.";
    NoDialogKey => "Вікно вибору файлу тут не відкривається: вставте ключ або шлях до identity.json у поле ключа.", "No file dialog opens here: paste the key or the path of identity.json into the key field.";
    NoDialogParts => "Вікно вибору файлу тут не відкривається: перетягніть файли PART.json на вікно akredit.", "No file dialog opens here: drag the PART.json files onto the akredit window.";
    MergeParts => "Об'єднати частини…", "Merge parts…";
    PartBanner => "Частина перевірки групи. Оцінює", "A part of the group's inspection. Graded by";
    PartGroups => "групи", "groups";
    OutsideMark => "поза групами", "outside groups";
    OutsideHover => "Оцінено поза групами, призначеними вам. Так можна; керівник побачить це, коли об'єднуватиме частини.", "Graded outside the groups assigned to you. That is allowed; the head sees it when merging the parts.";
    GradedBy => "Оцінка члена групи", "Grade by";
    TeamFilterLabel => "Член групи:", "Member:";
    TeamFilterEveryone => "усі", "everyone";
    TeamFilterAssigned => "його групи", "their groups";
    TeamFilterGraded => "оцінене ним", "graded by them";
    MergeTitle => "Об'єднання частин членів групи", "Merging the members' parts";
    MergeHelp => "Підписані частини членів групи (PART.json) читаються й перевіряються; перевірку не змінено, доки ви не натиснете «Об'єднати». Файли можна також перетягнути на вікно.", "The members' signed parts (PART.json) are read and checked; the inspection is not changed until you press Merge. The files can also be dragged onto the window.";
    MergeChoose => "Обрати частини…", "Choose parts…";
    MergeNoParts => "Ще не прочитано жодної частини.", "No part has been read yet.";
    PartNew => "нова частина", "a new part";
    PartNewer => "новіша за об'єднану раніше (ту експортовано", "newer than the one merged before (that one exported";
    PartAlreadyMerged => "уже об'єднана: нічого не змінює", "merged before: it changes nothing";
    PartRecorded => "записано стандартів", "standards recorded";
    PartKey => "ключ", "key";
    MergeChanged => "Змінено в новішій частині", "Changed in a newer part";
    NoticeOutside => "оцінив(ла) поза своїми групами", "graded outside their groups";
    NoticeRecommendationKept => "рекомендація члена групи відрізняється від записаної; записану залишено", "the member's recommendation differs from the one recorded, which was kept";
    NoticeOlderIgnored => "дано дві частини; об'єднується лише новіша", "two parts were given; only the newest is merged";
    MergeConflicts => "Оцінки розходяться: оберіть, чию взяти", "The grades disagree: choose whose to take";
    MergeTake => "Взяти", "Take";
    MergeTaken => "взято", "taken";
    InThisFile => "у цьому файлі", "in this file";
    MergeUndecided => "Ще не вирішено", "Still undecided";
    MergeButton => "Об'єднати", "Merge";
    MergeNothing => "Нічого не змінилося: ці частини вже об'єднано.", "Nothing changed: these parts were merged before.";
    Merged => "Частини об'єднано однією зміною (Ctrl+Z скасовує її всю)", "The parts were merged in one change (Ctrl+Z undoes all of it)";
    MergedTaken => "узято оцінок із частин", "grades taken from the parts";
    MergedDecided => "вирішено розбіжностей", "disagreements decided";
    DropNeedsInspection => "Частини об'єднуються в перевірку групи: спершу відкрийте її, тоді перетягніть файли PART.json.", "Parts are merged into the group's inspection: open it first, then drag the PART.json files.";
    MergeInSelf => "Частини об'єднуються у файл перевірки комісії, а не у файл самооцінки закладу.", "Parts are merged into the commission's inspection file, not into a centre's self-assessment.";
    KepHeading => "Перевірка КЕП", "Qualified signature (КЕП) check";
    KepCheckButton => "Перевірити КЕП…", "Check a КЕП…";
    KepStartHelp => "кваліфікований електронний підпис висновку з Дія.Підпис чи czo.gov.ua/sign, без мережі", "the qualified signature over a conclusion, made in Дія.Підпис or czo.gov.ua/sign, checked offline";
    KepHelp => "Підпишіть PDF висновку в Дія.Підпис або на czo.gov.ua/sign (окремий підпис .p7s або контейнер .asice) і перетягніть підпис разом із PDF на це вікно — або вкажіть файли тут. Нічого не змінюється й нікуди не надсилається.", "Sign the conclusion's PDF in Дія.Підпис or on czo.gov.ua/sign (a detached .p7s or an .asice container) and drag the signature with the PDF onto this window — or give the files here. Nothing is changed or sent anywhere.";
    KepDocument => "Підписаний документ (PDF висновку, протоколу або файл результату)", "The signed document (the conclusion's or protocol's PDF, or a result)";
    KepSignatures => "Файли підпису (.p7s, .asice), по одному в рядку; порожньо — ті, що лежать поруч із документом", "Signature files (.p7s, .asice), one per line; empty: those beside the document";
    KepTrust => "Довірені сертифікати: довірений список, сертифікати ЦСК, списки відкликаних (.crl), по одному в рядку", "Trusted certificates: a trusted list, CA certificates, revocation lists (.crl), one per line";
    KepAddTrust => "Додати…", "Add…";
    KepTrustHelp => "TL-UA-DSTU.xml і TL-UA-EC.xml завантажуються один раз з czo.gov.ua; akredit нічого не завантажує сам", "TL-UA-DSTU.xml and TL-UA-EC.xml are downloaded once from czo.gov.ua; akredit never downloads anything itself";
    KepRun => "Перевірити", "Check";
    KepAllValid => "Усі кваліфіковані підписи над цим документом дійсні", "Every qualified signature over this document holds";
    KepNotAllValid => "Не всі кваліфіковані підписи дійсні — див. нижче", "Not every qualified signature holds — see below";
    KepDocumentKind => "Документ", "Document";
    KepResult => "Результат у документі", "Its result";
    KepResultVerifies => "перевіряється (підпис akredit, підсумки, надруковані цифри)", "verifies (akredit signature, totals and printed figures)";
    KepResultFails => "НЕ ПЕРЕВІРЯЄТЬСЯ — перевірте документ в akredit, щоб побачити кожну перевірку", "DOES NOT VERIFY — verify the document in akredit to see each check";
    KepTotals => "Підсумки", "Totals";
    KepExperts => "Експерти", "Experts";
    KepSignatureFile => "Файл підпису", "Signature file";
    KepNotASignature => "НЕ ПІДПИС", "NOT A SIGNATURE";
    KepNotInContainer => "ДОКУМЕНТ НЕ ПІДПИСАНО цим підписом: серед підписаних документів контейнера його немає в незмінному вигляді", "THE DOCUMENT IS NOT SIGNED by this signature: the container's signed documents do not include it unchanged";
    KepAttached => "вбудований підпис: файл підпису містить сам документ", "attached: the signature file holds the document itself";
    KepNotChecked => "НЕ ПЕРЕВІРЕНО", "NOT CHECKED";
    KepSigner => "Підписувач", "Signer";
    KepName => "ПІБ", "Name";
    KepOrganisation => "Організація", "Organisation";
    KepUnit => "Підрозділ", "Unit";
    KepPosition => "Посада", "Position";
    KepIssuer => "ЦСК", "Issuer";
    KepSerial => "Серійний номер", "Serial";
    KepValidity => "Чинний", "Valid";
    KepAlgorithm => "Алгоритм", "Algorithm";
    KepSigningTime => "Час підпису", "Signing time";
    KepStatedTime => "за словами комп'ютера підписувача", "stated by the signer's computer";
    KepNoTime => "не вказано", "not stated";
    KepTimestamp => "Позначка часу", "Timestamp";
    KepHolds => "сходиться", "holds";
    KepDoesNotHold => "НЕ СХОДИТЬСЯ", "DOES NOT HOLD";
    KepChain => "Ланцюжок", "Chain";
    KepRevocation => "Відкликання", "Revocation";
    KepExpert => "Експерт", "Expert";
    NoDialogKep => "Вікно вибору файлу тут не відкривається: перетягніть PDF і файл підпису на вікно akredit або введіть шляхи.", "No file dialog opens here: drag the PDF and the signature file onto the akredit window, or type the paths.";
    NoDialogKepTrust => "Вікно вибору файлу тут не відкривається: введіть шлях до довіреного списку в поле.", "No file dialog opens here: type the trusted list's path in the field.";
    ColKep => "КЕП", "QES";
    ColKepHint => "Кваліфікований електронний підпис поруч із результатом чи його PDF", "The qualified signature beside the result or its PDF";
    KepCommissionTrust => "Довірені сертифікати КЕП (довірений список, сертифікати ЦСК, .crl), по одному в рядку", "Trusted certificates for КЕП (trusted list, CA certificates, .crl), one per line";
    KepSection => "Кваліфіковані підписи (КЕП)", "Qualified signatures (КЕП)";
    KepSignedBy => "підписали", "signed by";
    KepOpenCheck => "Докладно…", "In detail…";
    EvidenceShort => "вкладення", "attachment";
    AttachNeedsStandard => "Щоб прикріпити фото чи скан, спершу виберіть стандарт, тоді перетягніть файл на вікно.", "To attach a photo or a scan, choose a standard first, then drag the file onto the window.";
    AttachedTo => "Прикріплено до", "Attached to";
    EvidenceHeading => "Докази (вкладення)", "Evidence (attachments)";
    EvidenceManifestHelp => "Підписаний результат називає кожен файл його SHA-256; akredit verify РЕЗУЛЬТАТ --evidence ТЕКА перевіряє отримані файли.", "The signed result names each file by its SHA-256; akredit verify RESULT --evidence DIR checks the files received.";
    EvidenceTaken => "знято", "taken";
    EvidenceReducedFrom => "зменшено з", "made smaller from";
    EvidenceOriginal => "оригінал", "original";
    SettingsReducePhotos => "Зменшувати великі фото до 2048 пікселів по довшій стороні (оригінал — за SHA-256 у записі)", "Make large photos smaller, to 2048 pixels on the longer side (the original by its SHA-256 in the record)";
    CaptionShort => "підпис до вкладення", "caption";
    DocumentTo => "документа", "document";
    NoDialogEvidence => "Вікно вибору файлу тут не відкривається: перетягніть фото чи скан на стандарт.", "No file dialog opens here: drag the photo or scan onto the standard.";
    NoDialogEvidenceCopy => "Вікно збереження тут не відкривається: akredit evidence ФАЙЛ --out ТЕКА записує вкладення.", "No save dialog opens here: akredit evidence FILE --out DIR writes the attachments.";
    PasteFailed => "Вставлене зображення не вдалося зберегти", "The pasted picture could not be saved";
    PastedName => "вставлено", "pasted";
    EvidenceShortCapital => "Вкладення", "Attachment";
    EvidenceRemoved => "вилучено (Ctrl+Z повертає)", "removed (Ctrl+Z brings it back)";
    EvidenceAdd => "Додати фото чи скан…", "Add a photo or scan…";
    EvidenceAddHint => "або перетягніть файл на стандарт, або вставте знімок (Ctrl+V)", "or drag a file onto the standard, or paste a picture (Ctrl+V)";
    EvidenceAddScan => "Додати скан…", "Add a scan…";
    EvidenceAddDocumentHint => "або перетягніть файл на документ", "or drag a file onto the document";
    EvidenceCount => "Докази", "Evidence";
    EvidenceTab => "докази", "evidence";
    EvidenceDocuments => "документи", "documents";
    EvidenceLoading => "читається…", "reading…";
    EvidenceNoPicture => "без зображення", "no picture";
    EvidenceScan => "скан PDF", "PDF scan";
    ViewerFit => "За розміром вікна", "Fit to window";
    ViewerClose => "Закрити", "Close";
    ViewerRemove => "Вилучити", "Remove";
    ViewerSaveCopy => "Зберегти копію…", "Save a copy…";
    ViewerCaption => "Підпис", "Caption";
    ViewerCaptionHint => "що на фото, напр. «Ліцензія МОЗ, с. 1»", "what it shows, e.g. “MOH licence, p. 1”";
    ViewerFile => "Файл", "File";
    ViewerAttached => "прикріплено", "attached";
    ViewerPixels => "пікселів", "pixels";
    ViewerNoPicture => "Це вкладення не показується у вікні (скан PDF або HEIC). Збережіть копію, щоб відкрити його.", "This attachment is not shown in the window (a PDF scan or HEIC). Save a copy to open it.";
    ViewerZoomHelp => "Ctrl + коліщатко миші змінює масштаб", "Ctrl + mouse wheel zooms";
    KepNextStep => "Далі: підпишіть PDF висновку КЕП у Дія.Підпис або на czo.gov.ua/sign і перетягніть файл .p7s на це вікно — akredit перевірить підпис.", "Next: sign the conclusion's PDF with a КЕП in Дія.Підпис or on czo.gov.ua/sign and drag the .p7s onto this window — akredit checks the signature.";
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
