//! The domain's errors in the interface's language: one arm per variant, the paths, codes
//! and details kept. English is the domain's own wording (its `Display`); Ukrainian is
//! written here, so that the Ukrainian window never shows an English sentence for
//! something the expert did or a file they chose.
//!
//! Details that reach the domain as text from elsewhere (the operating system's and
//! SQLite's messages, a JSON parser's complaint) are kept as they came.

use std::path::Path;

use super::strings::T;
use crate::answers::Refusal;
use crate::catalogue::ModelId;
use crate::commission::CommissionError;
use crate::inspection::StoreError;
use crate::protocol::ProtocolError;
use crate::self_assessment::{Conflict, ImportError, SelfError};
use crate::signed::{ExportError, KeyError};
use crate::support::files::FileError;
use crate::support::settings::Language;
use crate::support::time::BadDate;

/// An error the window can word in either language.
pub trait Worded: std::fmt::Display {
    /// The error in Ukrainian.
    fn ukrainian(&self) -> String;
}

/// `e` in the interface's language.
pub fn error(e: &impl Worded, lang: Language) -> String {
    match lang {
        Language::Uk => e.ukrainian(),
        Language::En => e.to_string(),
    }
}

/// The text the domain's errors add after a refused change.
const NOTHING_CHANGED: &str = "Нічого не змінено";

/// What the errors that leave a file as it was add.
const FILE_UNCHANGED: &str = "Файл не змінено";

/// "… akredit never overwrites a file", shared by the store and the file layer.
fn exists(p: &Path) -> String {
    format!(
        "{}: тут уже є файл; оберіть іншу назву (akredit ніколи не перезаписує файл)",
        p.display()
    )
}

fn not_found(p: &Path) -> String {
    format!("{}: такого файлу немає; перевірте шлях", p.display())
}

fn io(p: &Path, source: &std::io::Error) -> String {
    format!("{}: помилка файлової системи: {source}", p.display())
}

/// The model in words (the Order's names).
fn model(m: ModelId) -> &'static str {
    super::model_name(m, Language::Uk)
}

/// A model named by its id in a file: the Order's name when it is one of ours.
fn model_id(id: &str) -> String {
    id.parse::<ModelId>()
        .map_or_else(|_| id.to_string(), |m| model(m).to_string())
}

/// "The inspection file is damaged (`why`)", in Ukrainian: for [`StoreError::Damaged`],
/// whose detail the window may word better itself (what is wrong, from
/// [`super::problems`]).
pub fn damaged(path: &Path, why: &str) -> String {
    at(
        path,
        &format!(
            "файл перевірки пошкоджено ({why}); відновіть його з однієї з резервних копій. {FILE_UNCHANGED}"
        ),
    )
}

/// `PATH: TEXT`.
fn at(p: &Path, text: &str) -> String {
    format!("{}: {text}", p.display())
}

impl Worded for StoreError {
    fn ukrainian(&self) -> String {
        use StoreError as E;
        match self {
            E::NotFound(p) => not_found(p),
            E::Exists(p) => exists(p),
            E::IsDirectory(p) => at(p, "це тека, а не файл перевірки"),
            E::Empty(p) => at(
                p,
                "файл порожній (0 байтів), тож перевірки в ньому немає; можливо, його обірвало під час копіювання — пошукайте резервну копію або оригінал",
            ),
            E::NotSqlite(p) => at(
                p,
                "це не перевірка akredit (не база даних SQLite); перевірте, чи обрано той файл",
            ),
            E::Foreign(p) => at(
                p,
                "це база даних SQLite іншої програми, а не перевірка akredit",
            ),
            E::NewerSchema { path, file, ours } => at(
                path,
                &format!(
                    "перевірку записала новіша версія akredit (версія схеми файлу {file}, ця програма читає до {ours}); оновіть akredit, щоб відкрити її. {FILE_UNCHANGED}"
                ),
            ),
            E::Damaged { path, detail } => damaged(path, detail),
            E::CatalogueMismatch {
                path,
                file_id,
                file_sha,
                loaded_id,
                loaded_sha,
            } => at(
                path,
                &format!(
                    "цю перевірку створено з каталогом {file_id} (SHA-256 {file_sha}), а завантажено каталог {loaded_id} (SHA-256 {loaded_sha}); відкрийте її з тим каталогом, з яким її створено"
                ),
            ),
            E::ReadOnly { path, detail } => at(
                path,
                &format!(
                    "не вдається записати перевірку ({detail}); переконайтеся, що файл і його тека доступні для запису, або скопіюйте файл туди, де можна записувати. {FILE_UNCHANGED}"
                ),
            ),
            E::Busy { path, holder } => at(path, &busy(holder)),
            E::OpenedReadOnly => "перевірку відкрито лише для читання".to_string(),
            E::Refused(r) => format!("{}. {NOTHING_CHANGED}", r.ukrainian()),
            E::BadDate(d) => d.ukrainian(),
            E::Invalid(detail) => format!("недопустиме значення: {detail}"),
            E::Io { path, source } => io(path, source),
            E::ForeignSchema { path, detail } => at(
                path,
                &format!(
                    "у файлі перевірки є об'єкти бази даних, яких akredit не створює ({detail}); його редагували іншою програмою, тож akredit його не відкриває (ніщо приховане в ньому не має виконатися). Відновіть його з резервної копії або попросіть оригінал. {FILE_UNCHANGED}"
                ),
            ),
            E::ChangedElsewhere(p) => at(
                p,
                "файл змінила інша програма після того, як akredit його прочитав; нічого не збережено, перевірку знову прочитано з файлу: перегляньте її і внесіть зміну ще раз",
            ),
            E::Replaced(p) => at(
                p,
                "після відкриття файл замінено іншим; нічого не збережено. Закрийте перевірку і відкрийте файл знову",
            ),
            E::Link(p) => at(
                p,
                "це посилання на інший файл; akredit змінює перевірку лише за її власним шляхом, а не через посилання: відкрийте файл, на який воно веде",
            ),
            E::File(f) => f.ukrainian(),
            E::Sqlite { path, source } => at(
                path,
                &format!("база даних повідомила про помилку: {source}"),
            ),
        }
    }
}

/// The inspection is open for changes elsewhere (by `holder`, when it says).
fn busy(holder: &str) -> String {
    let holder = if holder.is_empty() {
        String::new()
    } else {
        format!(" ({holder})")
    };
    format!(
        "перевірку відкрито для змін в іншому місці{holder}; спершу закрийте її там (читати її тим часом можна)"
    )
}

impl Worded for Refusal {
    fn ukrainian(&self) -> String {
        use Refusal as R;
        match self {
            R::UnknownCode(c) => format!(
                "{c} — такого коду в каталозі немає; перевірте номер (коди мають вигляд 1.1.4.2)"
            ),
            R::OutsideModel { code, model: m } => format!(
                "{code} не враховується в моделі «{}» цієї перевірки (Таблиця 1 відносить його до іншої моделі)",
                model(*m)
            ),
            R::Heading { code, .. } => {
                format!("{code} — заголовок Наказу, а не стандарт; оцініть стандарти під ним")
            }
            R::Group { code, .. } => {
                format!("{code} — група стандартів, а не стандарт; оцініть стандарти групи")
            }
            R::BadDue { code, value } => format!(
                "{code}: строк {value:?} — не дата; напишіть його як РРРР-ММ-ДД (2027-03-31)"
            ),
            R::Uncounted(c) => format!(
                "{c} є в докладних таблицях Наказу, але Таблиця 1 не враховує його в жодній моделі, тож його не можна оцінити"
            ),
            R::GradeOutsideScale {
                code,
                grade,
                allowed,
                ..
            } => format!("{code}: оцінки {grade} немає в його шкалі; можливі: {allowed}"),
            R::NaWithoutReason(c) => {
                format!("{c}: щоб позначити, що стандарт не застосовується, потрібна причина")
            }
            R::UnknownField { field, known } => {
                format!("{field:?} — такого поля в заяві немає; поля: {known}")
            }
            R::CommissionOnly(c) => format!(
                "{c}: це файл самооцінки закладу; оцінки комісії та «не застосовується» визначає експерт у файлі перевірки (оцініть стовпець самооцінки і поясніть у примітці)"
            ),
            R::TooLong {
                subject,
                what,
                chars,
                limit,
            } => format!(
                "{}: {} має {chars} символів; зберігається щонайбільше {limit} — скоротіть текст (довший текст належить до окремого документа)",
                subject_uk(subject),
                text_kind(what)
            ),
            R::RequiredField(f) => format!(
                "{f:?} — обов'язкове поле, його не можна залишити порожнім; укажіть нове значення"
            ),
            R::UnknownDocument { number, count } => {
                format!("документа {number} немає; Наказ перелічує документи від 1 до {count}")
            }
            R::DocumentRequired(n) => format!(
                "документ {n} обов'язковий для кожного центру, тож «не застосовується» для нього не буває: позначте, подано його чи ні (не застосовуватися може лише документ, якого Наказ вимагає «за умови її проведення»)"
            ),
            R::GradedWhileNotApplicable(c) => format!(
                "{c} позначено як такий, що не застосовується, тож його не можна оцінити: спершу зробіть його застосовним (зніміть «Н/З»), тоді оцініть"
            ),
            R::FactEmpty(f) => format!(
                "{} не можна залишити порожнім; укажіть виправлене значення",
                fact_uk(*f)
            ),
            R::BadFact { fact, value } => match fact {
                crate::answers::Fact::VisitDate => {
                    format!("{value:?} — не дата; пишіть РРРР-ММ-ДД, наприклад 2026-11-23")
                }
                _ => format!("{value:?} — не {}", fact_uk(*fact)),
            },
            R::TeamInSelfAssessment
            | R::NotAMember(_)
            | R::BadMemberName
            | R::SecondHead { .. }
            | R::MemberIsAuthor { .. }
            | R::AuthorOfNothing(_)
            | R::BadKey { .. }
            | R::NotAGroup(_) => team_refusal_uk(self),
            R::NoSuchEvidence(n) => {
                format!("вкладення {n} немає; akredit evidence показує вкладення з їхніми номерами")
            }
            R::EvidenceNumberTaken(n) => {
                format!("вкладення {n} — інший файл; нове вкладення отримує новий номер")
            }
            R::ModelWouldDrop { model: m, codes } => format!(
                "модель не можна змінити на «{}»: {} стандартів поза нею мають оцінки, примітки чи причини ({}); спершу очистьте їх",
                model(*m),
                codes.len(),
                codes
                    .iter()
                    .take(5)
                    .map(|c| c.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }
}

/// The refusals of changes to the expert group, in Ukrainian.
fn team_refusal_uk(refusal: &Refusal) -> String {
    use Refusal as R;
    match refusal {
        R::TeamInSelfAssessment => {
            "це файл самооцінки закладу; експертну групу записують у файлі перевірки комісії".into()
        }
        R::NotAMember(name) => {
            format!("{name:?} не входить до експертної групи; спершу додайте цього члена групи")
        }
        R::BadMemberName => {
            "ім'я члена групи — це його повне ім'я, без пробілів на початку чи в кінці".into()
        }
        R::SecondHead { head, name } => format!(
            "експертна група вже має керівника — {head}; спершу зробіть {head} експертом, тоді {name} — керівником"
        ),
        R::MemberIsAuthor { name, codes } => format!(
            "{name} оцінив(ла) {} стандартів перевірки ({}); член групи лишається в ній, доки лишаються його оцінки — переоцініть ці стандарти або спершу прийміть оцінки іншого члена групи",
            codes.len(),
            codes
                .iter()
                .take(5)
                .map(|c| c.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
        R::AuthorOfNothing(c) => format!(
            "{c} не має оцінки комісії і не позначений «не застосовується», тож автора в нього немає"
        ),
        R::BadKey { name } => format!(
            "{name}: це не відкритий ключ akredit (44 символи base64, як їх показує `akredit key show`, або файл ідентичності)"
        ),
        R::NotAGroup(c) => {
            format!("{c} — не група стандартів; призначайте групи, наприклад 1.1 чи 2.3")
        }
        // Every other refusal is worded by `Refusal::ukrainian` itself.
        other => other.to_string(),
    }
}

/// What keeps a result from being final, a line each, in Ukrainian.
pub fn lacking_uk(lacking: &crate::signed::Lacking) -> String {
    let mut lines = Vec::new();
    for (group, codes) in &lacking.standards {
        let codes: Vec<&str> = codes.iter().map(|c| c.as_str()).collect();
        lines.push(format!("  не оцінено в {group}: {}", codes.join(", ")));
    }
    for fact in &lacking.facts {
        lines.push(format!("  бракує: {}", missing_fact_uk(fact)));
    }
    for code in &lacking.contradictions {
        lines.push(format!(
            "  {code} водночас «не застосовується» і має оцінку: очистьте оцінку або зробіть стандарт застосовним"
        ));
    }
    lines.join("\n")
}

/// A missing fact in Ukrainian.
pub fn missing_fact_uk(fact: &crate::signed::MissingFact) -> String {
    use crate::signed::MissingFact as M;
    match fact {
        M::Expert => "ім'я експерта".into(),
        M::VisitDate => "дата візиту".into(),
        M::FormField(id) => format!("поле заяви «{}»", form_field_uk(id)),
        M::Document(n) => format!("перевірка документа {n} (подано / не подано)"),
    }
}

/// The application form's fields as the Order's form names them (line 57–65).
fn form_field_uk(id: &str) -> &str {
    match id {
        "centre_name" => "назва центру здоров'я",
        "ownership" => "форма власності і відомчої підпорядкованості",
        "location" => "місцезнаходження",
        "phone" => "телефон (факс)",
        "head" => "П.І.Б., посада керівника",
        other => other,
    }
}

/// A fact of the inspection in words.
fn fact_uk(fact: crate::answers::Fact) -> &'static str {
    match fact {
        crate::answers::Fact::Expert => "ім'я експерта",
        crate::answers::Fact::VisitDate => "дату візиту",
        crate::answers::Fact::Model => "модель діяльності",
    }
}

/// What a too long text is about: a code, a field, or `document N`.
fn subject_uk(subject: &str) -> String {
    match subject.strip_prefix("document ") {
        Some(n) => format!("документ {n}"),
        None => subject.to_string(),
    }
}

/// Which text was too long.
fn text_kind(what: &str) -> &str {
    match what {
        "note" => "примітка",
        "reason" => "причина",
        "value" => "значення",
        other => other,
    }
}

impl Worded for FileError {
    fn ukrainian(&self) -> String {
        use FileError as F;
        match self {
            F::NotFound(p) => not_found(p),
            F::IsDirectory(p) => format!("{}: це тека, а не файл", p.display()),
            F::NotRegular(p) => format!(
                "{}: це не звичайний файл (канал, пристрій або сокет); укажіть файл, збережений на диску",
                p.display()
            ),
            F::TooLarge {
                path,
                bytes,
                limit,
                what,
            } => format!(
                "{}: {bytes} байтів — більше за {limit} байтів, найбільший можливий розмір ({}); перевірте, чи це той файл",
                path.display(),
                file_kind(what)
            ),
            F::Exists(p) => exists(p),
            F::Link(p) => format!(
                "{}: це посилання на інший файл; akredit не записує через посилання: укажіть шлях до самого файлу або іншу назву",
                p.display()
            ),
            F::Io { path, source } => io(path, source),
        }
    }
}

/// The kind of file a size limit is for.
fn file_kind(what: &str) -> &str {
    match what {
        "self-assessment" => "файл самооцінки",
        "signed result" => "підписаний результат",
        "key file" => "файл ключа",
        "catalogue" => "каталог",
        "lock label" => "мітка блокування",
        other => other,
    }
}

impl Worded for crate::inspection::AttachError {
    fn ukrainian(&self) -> String {
        use crate::inspection::AttachError as A;
        match self {
            A::Empty { name } => format!("{name}: файл порожній; виберіть саме фото чи скан"),
            A::TooLarge { name, size, limit } => format!(
                "{name}: {size} байтів — більше за {limit}, скільки може мати одне вкладення; зніміть фото з меншою роздільністю або скануйте менше сторінок в один файл"
            ),
            A::InspectionFull { name, total, limit } => format!(
                "{name}: докази перевірки займали б {total} байтів — більше за {limit}, скільки вона може тримати (вилучене вкладення лишає свої байти, щоб вилучення можна було скасувати); додавайте менші файли"
            ),
            A::NotEvidence { name } => format!(
                "{name}: це не фото і не скан, які зберігає akredit (JPEG, PNG, WebP, HEIC або PDF — за вмістом файлу, не за назвою)"
            ),
            A::Unreadable { name, why } => format!(
                "{name}: не вдається зменшити — файл не читається як зображення ({why}); перевірте файл або додайте його без зменшення"
            ),
            A::Store(e) => e.ukrainian(),
        }
    }
}

impl Worded for KeyError {
    fn ukrainian(&self) -> String {
        use KeyError as K;
        match self {
            K::File(f) => f.ukrainian(),
            K::Missing(p) => format!(
                "у {} ще немає ключа підпису; спершу створіть його зі своїм повним ім'ям",
                p.display()
            ),
            K::PrivateKeyMissing(p) => format!(
                "закритої половини вашого ключа підпису ({}) немає, хоча відкрита половина (identity.json поруч) є; поверніть signing.key з резервної копії. Якщо його втрачено назавжди, перенесіть identity.json з цієї теки (збережіть його: ним перевіряють уже підписані результати) і створіть новий ключ",
                p.display()
            ),
            K::Exists(p) => format!(
                "у {} уже є ключ підпису; akredit ніколи не перезаписує ключ (результати, підписані ним, більше не можна було б пов'язати з вами)",
                p.display()
            ),
            K::TooOpen(p) => format!(
                "{}: закритий ключ можуть читати інші користувачі; зробіть його приватним: chmod 600 {}",
                p.display(),
                p.display()
            ),
            K::Damaged { path, detail } => {
                format!("{}: файл ключа пошкоджено ({detail})", path.display())
            }
            K::NoName => "для ключа підпису потрібне ваше повне ім'я".to_string(),
            K::Random(detail) => {
                format!("системне джерело випадкових чисел дало збій: {detail}")
            }
            K::Io { path, source } => io(path, source),
        }
    }
}

impl Worded for ExportError {
    fn ukrainian(&self) -> String {
        use ExportError as X;
        match self {
            X::Incomplete(lacking) => format!(
                "перевірку не завершено, тому остаточний результат підписати не можна:\n{}\nОцініть стандарти (або позначте з причиною, що вони не застосовуються) і внесіть відомості — або експортуйте чернетку",
                lacking_uk(lacking)
            ),
            X::Key(k) => k.ukrainian(),
            X::Store(s) => s.ukrainian(),
            X::Canonical(detail) => format!("внутрішня помилка: {detail}"),
            X::TooLarge { bytes, limit } => format!(
                "результат мав би {bytes} байтів — більше за {limit} байтів, які може мати результат; історія цієї перевірки незвично довга — зверніться по допомогу до кінця візиту"
            ),
            X::File(f) => f.ukrainian(),
            X::SelfAssessment => "цей файл — самооцінка закладу, а не перевірка комісії; збережіть його як самооцінку закладу для експерта".to_string(),
            X::Part(member) => format!(
                "цей файл — частина перевірки, яку оцінює {member}, а не перевірка експертної групи: підпишіть його як частину для керівника групи; результат групи експортує керівник"
            ),
            X::NotHead { head: None, signer, fingerprint } => format!(
                "у перевірці є експертна група, але немає її керівника: результат групи першим підписує керівник, а цей ключ ({signer}, {fingerprint}) підписати його за нього не може"
            ),
            X::NotHead { head: Some(head), signer, fingerprint } => format!(
                "результат експертної групи першим підписує її керівник, {head}; цей ключ належить {signer} ({fingerprint}), а група не записала його ключем керівника. Керівник експортує результат, експерти потім додають до нього свої підписи"
            ),
        }
    }
}

/// A self grade the import would change, as the Centre tab lists it.
pub fn conflict(c: &Conflict, lang: Language) -> String {
    let imported = c
        .imported
        .map_or_else(|| T::NotAssessed.get(lang).to_string(), |g| g.to_string());
    format!(
        "{}: {} {}, {} {imported}",
        c.code,
        T::InInspection.get(lang),
        c.current,
        T::InFile.get(lang)
    )
}

impl Worded for SelfError {
    fn ukrainian(&self) -> String {
        use SelfError as S;
        match self {
            S::NotASelfAssessmentFile => "цей файл — перевірка комісії, а не самооцінка закладу; заклад створює власний файл самооцінки".to_string(),
            S::ImportIntoSelfAssessment => "цей файл — самооцінка закладу; експерт імпортує самооцінку у файл перевірки".to_string(),
            S::NotSelf(detail) => format!("це не файл самооцінки ({detail})"),
            S::Malformed(detail) => {
                format!("файл самооцінки має неправильну будову: {detail}")
            }
            S::BrokenSignature(detail) => format!(
                "підпис самооцінки не дійсний ({detail}): файл змінено після того, як заклад його підписав; попросіть у закладу оригінальний файл"
            ),
            S::OtherCatalogue { file, inspection } => format!(
                "самооцінку створено з іншим каталогом стандартів ({file}), а не з каталогом цієї перевірки ({inspection}); заклад має заповнити шаблон цього каталогу"
            ),
            S::OtherModel { file, inspection } => format!(
                "самооцінка — для моделі «{}», а ця перевірка — моделі «{}»; заклад має заповнити шаблон моделі «{}»",
                model_id(file),
                model(*inspection),
                model(*inspection)
            ),
            S::Rows(rows) => format!(
                "у самооцінці є помилки; нічого не імпортовано:\n{}",
                rows.join("\n")
            ),
            S::WouldReplace(conflicts) => format!(
                "{} оцінок самооцінки, уже внесених у перевірку, відрізняються від файлу; {NOTHING_CHANGED}:\n{}\nІмпортуйте файл ще раз із заміною, щоб узяти його оцінки",
                conflicts.len(),
                conflicts
                    .iter()
                    .map(|c| format!("  {}", conflict(c, Language::Uk)))
                    .collect::<Vec<_>>()
                    .join("\n")
            ),
            S::Canonical(detail) => format!("внутрішня помилка: {detail}"),
        }
    }
}

impl Worded for ImportError {
    fn ukrainian(&self) -> String {
        match self {
            ImportError::SelfAssessment(e) => e.ukrainian(),
            ImportError::Store(e) => e.ukrainian(),
        }
    }
}

impl Worded for CommissionError {
    fn ukrainian(&self) -> String {
        match self {
            CommissionError::Missing(p) => {
                format!("{}: такого файлу чи теки немає", p.display())
            }
            CommissionError::Io { path, source } => {
                format!("не вдається прочитати {}: {source}", path.display())
            }
            CommissionError::Csv(detail) => format!("не вдається записати CSV: {detail}"),
        }
    }
}

impl Worded for crate::conclusion::ConclusionError {
    fn ukrainian(&self) -> String {
        use crate::conclusion::{ConclusionError as C, DocxError};
        match self {
            C::Pdf(p) => p.ukrainian(),
            C::Docx(DocxError::Xml) => "не вдається підготувати документ DOCX".to_string(),
            C::Docx(DocxError::Pack(detail)) => {
                format!("не вдається записати документ DOCX: {detail}")
            }
            C::Csv(detail) => format!("не вдається скласти план коригувальних дій: {detail}"),
            C::File(f) => f.ukrainian(),
        }
    }
}

impl Worded for ProtocolError {
    fn ukrainian(&self) -> String {
        match self {
            ProtocolError::Font => "не вдається прочитати вбудований шрифт".to_string(),
            ProtocolError::Pdf(detail) => format!("не вдається створити PDF: {detail}"),
            ProtocolError::File(f) => f.ukrainian(),
        }
    }
}

impl Worded for crate::protocol::SourceError {
    fn ukrainian(&self) -> String {
        use crate::protocol::SourceError as S;
        match self {
            S::Store(e) => e.ukrainian(),
            S::File(e) => e.ukrainian(),
            S::Export(e) => e.ukrainian(),
            S::NotVerified { path, failed } => format!(
                "{}: результат не проходить перевірку, тож протоколу з нього не буде:\n{}",
                path.display(),
                failed.join("\n")
            ),
        }
    }
}

impl Worded for crate::team::TeamError {
    fn ukrainian(&self) -> String {
        use crate::team::TeamError as E;
        match self {
            E::NotAMember(name) => format!(
                "{name:?} не входить до експертної групи цієї перевірки; спершу додайте цього члена групи на вкладці «Центр»"
            ),
            E::PartOfAPart(member) => format!(
                "цей файл уже є частиною перевірки групи для {member}; частини роблять із файлу перевірки керівника"
            ),
            E::SelfAssessment => {
                "це файл самооцінки закладу; частини роблять і об'єднують у файлі перевірки комісії"
                    .into()
            }
            E::NotAPartFile => "цей файл не є частиною перевірки групи для члена групи".into(),
            E::NotTheMembersKey {
                member,
                fingerprint,
            } => format!(
                "ключ на цьому комп'ютері ({fingerprint}) — не той, що керівник записав для {member}; керівник відхилив би цю частину. Підпишіть її власним ключем {member} або попросіть керівника записати цей ключ"
            ),
            E::NotAPart(detail) => format!(
                "це не частина akredit ({detail}); потрібен файл PART.json, який член групи підписав у akredit"
            ),
            E::Tampered(detail) => format!(
                "частину змінено після підпису або пошкоджено: {detail}; попросіть члена групи експортувати її знову"
            ),
            E::OtherInspection { member } => format!(
                "ця частина ({member}) належить до іншої перевірки; об'єднуйте її з тією перевіркою, з якої зроблено її файл"
            ),
            E::OtherCatalogue { part, ours } => format!(
                "частину зроблено з каталогом {part}, а цю перевірку — з каталогом {ours}; обидві мають бути з одним каталогом"
            ),
            E::OtherModel { part, ours } => format!(
                "частина оцінює модель «{}», а ця перевірка — модель «{}»",
                model_id(part),
                model_id(ours)
            ),
            E::NoKey(name) => format!(
                "для {name} не записано ключа, тож підпис частини не перевірити; спершу вкажіть ключ {name} в експертній групі на вкладці «Центр»"
            ),
            E::WrongKey {
                member,
                signed_with,
                recorded,
            } => format!(
                "частина називає {member}, але підписана ключем {signed_with}, а не ключем {member} ({recorded}): вона не від {member}"
            ),
            E::OlderPart {
                member,
                part_at,
                merged_at,
            } => format!(
                "цю частину {member} експортовано {part_at}, раніше за вже об'єднану (експортовано {merged_at}); об'єднуйте найновішу частину"
            ),
            E::BadDecision { name, code, among } => {
                format!("{code}: серед розбіжних оцінок немає оцінки {name} (є оцінки: {among})")
            }
            E::NothingToDecide(code) => {
                format!("{code}: оцінки не розходяться, тож вирішувати нічого")
            }
            E::Store(e) => e.ukrainian(),
            E::File(e) => e.ukrainian(),
            E::Key(e) => e.ukrainian(),
            E::Internal(detail) => format!("внутрішня помилка: {detail}"),
        }
    }
}

impl Worded for BadDate {
    fn ukrainian(&self) -> String {
        format!(
            "{:?} — не дата; запишіть її як РРРР-ММ-ДД, наприклад 2026-11-23",
            self.0
        )
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    /// Ukrainian wording: Cyrillic, with no Russian letters, and none of the domain's
    /// English sentence left in it.
    fn assert_ukrainian(e: &impl Worded) {
        let uk = error(e, Language::Uk);
        let en = error(e, Language::En);
        assert_eq!(en, e.to_string());
        assert_ne!(uk, en, "{en}");
        assert!(
            uk.chars()
                .any(|c| ('а'..='я').contains(&c) || "іїєґ".contains(c)),
            "{uk}"
        );
        for bad in ['ы', 'э', 'ъ', 'ё'] {
            assert!(!uk.contains(bad), "{uk:?} contains {bad}");
        }
        for english in [" the ", " is ", " not ", " file "] {
            assert!(!uk.contains(english), "{uk:?} has English in it");
        }
    }

    fn path() -> PathBuf {
        PathBuf::from("/media/usb/poltava.akredit")
    }

    fn io_error() -> std::io::Error {
        std::io::Error::other("Input/output error")
    }

    fn file_errors() -> Vec<FileError> {
        vec![
            FileError::NotFound(path()),
            FileError::IsDirectory(path()),
            FileError::NotRegular(path()),
            FileError::TooLarge {
                path: path(),
                bytes: 10,
                limit: 5,
                what: "self-assessment",
            },
            FileError::Exists(path()),
            FileError::Link(path()),
            FileError::Io {
                path: path(),
                source: io_error(),
            },
        ]
    }

    fn refusals() -> Vec<Refusal> {
        let code: crate::catalogue::Code = "1.1.3".parse().expect("code");
        vec![
            Refusal::UnknownCode(code.clone()),
            Refusal::OutsideModel {
                code: code.clone(),
                model: ModelId::Sanitary,
            },
            Refusal::Heading {
                code: code.clone(),
                standards: "grade its standards instead: 1.1.3.1".into(),
            },
            Refusal::Group {
                code: code.clone(),
                standards: "grade its standards instead: 1.1.3.1".into(),
            },
            Refusal::Uncounted(code.clone()),
            Refusal::GradeOutsideScale {
                code: code.clone(),
                grade: 2,
                scale: crate::catalogue::Scale::Two,
                allowed: "0 (Н), 3 (В)".into(),
            },
            Refusal::NaWithoutReason(code.clone()),
            Refusal::UnknownField {
                field: "fax".into(),
                known: "centre_name, location".into(),
            },
            Refusal::CommissionOnly(code.clone()),
            Refusal::TooLong {
                subject: "document 3".into(),
                what: "note",
                chars: 10_001,
                limit: 10_000,
            },
            Refusal::RequiredField("centre_name".into()),
            Refusal::UnknownDocument {
                number: 14,
                count: 13,
            },
        ]
    }

    fn store_errors() -> Vec<StoreError> {
        let detail = "disk I/O error".to_string();
        let mut all = vec![
            StoreError::NotFound(path()),
            StoreError::Exists(path()),
            StoreError::IsDirectory(path()),
            StoreError::Empty(path()),
            StoreError::NotSqlite(path()),
            StoreError::Foreign(path()),
            StoreError::NewerSchema {
                path: path(),
                file: 9,
                ours: 3,
            },
            StoreError::Damaged {
                path: path(),
                detail: detail.clone(),
            },
            StoreError::CatalogueMismatch {
                path: path(),
                file_id: "a".into(),
                file_sha: "b".into(),
                loaded_id: "c".into(),
                loaded_sha: "d".into(),
            },
            StoreError::ReadOnly {
                path: path(),
                detail: detail.clone(),
            },
            StoreError::Busy {
                path: path(),
                holder: "host 1234".into(),
            },
            StoreError::OpenedReadOnly,
            StoreError::BadDate(BadDate("23.11.2026".into())),
            StoreError::Invalid("x".into()),
            StoreError::Io {
                path: path(),
                source: io_error(),
            },
            StoreError::ForeignSchema {
                path: path(),
                detail,
            },
            StoreError::ChangedElsewhere(path()),
            StoreError::Replaced(path()),
            StoreError::Link(path()),
            StoreError::Sqlite {
                path: path(),
                source: rusqlite::Error::QueryReturnedNoRows,
            },
        ];
        all.extend(refusals().into_iter().map(StoreError::Refused));
        all.extend(file_errors().into_iter().map(StoreError::File));
        all
    }

    #[test]
    fn every_store_error_and_refusal_is_worded_in_ukrainian() {
        for e in store_errors() {
            assert_ukrainian(&e);
        }
        for r in refusals() {
            assert_ukrainian(&r);
        }
        for f in file_errors() {
            assert_ukrainian(&f);
        }
    }

    #[test]
    fn every_team_error_is_worded_in_ukrainian() {
        use crate::team::TeamError as E;
        let code: crate::catalogue::Code = "1.1.3".parse().expect("code");
        for e in [
            E::NotAMember("Петренко Іван".into()),
            E::PartOfAPart("Петренко Іван".into()),
            E::SelfAssessment,
            E::NotAPartFile,
            E::NotTheMembersKey {
                member: "Петренко Іван".into(),
                fingerprint: "3f2a 9c01 77be 4d10".into(),
            },
            E::NotAPart("missing field".into()),
            E::Tampered("signature".into()),
            E::OtherInspection {
                member: "Петренко Іван".into(),
            },
            E::OtherCatalogue {
                part: "a".into(),
                ours: "b".into(),
            },
            E::OtherModel {
                part: "sanitary".into(),
                ours: "full".into(),
            },
            E::NoKey("Петренко Іван".into()),
            E::WrongKey {
                member: "Петренко Іван".into(),
                signed_with: "aaaa".into(),
                recorded: "bbbb".into(),
            },
            E::OlderPart {
                member: "Петренко Іван".into(),
                part_at: "2026-11-20".into(),
                merged_at: "2026-11-21".into(),
            },
            E::BadDecision {
                name: "Петренко Іван".into(),
                code: code.clone(),
                among: "Коваль Олена".into(),
            },
            E::NothingToDecide(code),
            E::Store(StoreError::OpenedReadOnly),
            E::File(FileError::NotFound(path())),
            E::Key(KeyError::NoName),
            E::Internal("x".into()),
        ] {
            assert_ukrainian(&e);
        }
    }

    #[test]
    fn ukrainian_wording_keeps_the_path_and_the_detail() {
        let e = StoreError::ReadOnly {
            path: path(),
            detail: "Read-only file system (os error 30)".into(),
        };
        let uk = error(&e, Language::Uk);
        assert!(uk.contains("/media/usb/poltava.akredit"), "{uk}");
        assert!(uk.contains("Read-only file system (os error 30)"), "{uk}");
    }

    #[test]
    fn every_key_export_self_and_commission_error_is_worded_in_ukrainian() {
        let keys = vec![
            KeyError::Missing(path()),
            KeyError::PrivateKeyMissing(path()),
            KeyError::Exists(path()),
            KeyError::TooOpen(path()),
            KeyError::Damaged {
                path: path(),
                detail: "bad base64".into(),
            },
            KeyError::NoName,
            KeyError::Random("getrandom".into()),
            KeyError::Io {
                path: path(),
                source: io_error(),
            },
        ];
        for k in keys {
            assert_ukrainian(&k);
        }
        for x in [
            ExportError::Incomplete(crate::signed::Lacking {
                standards: vec![(
                    "1.1".parse().expect("group"),
                    vec!["1.1.3".parse().expect("code")],
                )],
                facts: vec![
                    crate::signed::MissingFact::Expert,
                    crate::signed::MissingFact::FormField("head".into()),
                    crate::signed::MissingFact::Document(13),
                ],
                contradictions: vec!["1.1.1.5".parse().expect("code")],
            }),
            ExportError::Key(KeyError::NoName),
            ExportError::Store(StoreError::OpenedReadOnly),
            ExportError::Canonical("float".into()),
            ExportError::TooLarge { bytes: 9, limit: 8 },
            ExportError::File(FileError::Exists(path())),
            ExportError::SelfAssessment,
            ExportError::Part("Петренко І.".into()),
            ExportError::NotHead {
                head: Some("Петренко П. П.".into()),
                signer: "Сидоренко О.".into(),
                fingerprint: "3f2a 9c01".into(),
            },
        ] {
            assert_ukrainian(&x);
        }
        let conflict = Conflict {
            code: "1.1.3".parse().expect("code"),
            current: 1,
            imported: Some(2),
        };
        for s in [
            SelfError::NotASelfAssessmentFile,
            SelfError::ImportIntoSelfAssessment,
            SelfError::NotSelf("x".into()),
            SelfError::Malformed("x".into()),
            SelfError::BrokenSignature("x".into()),
            SelfError::OtherCatalogue {
                file: "a".into(),
                inspection: "b".into(),
            },
            SelfError::OtherModel {
                file: "sanitary".into(),
                inspection: ModelId::Full,
            },
            SelfError::Rows(vec!["  line 3: 1.1.3".into()]),
            SelfError::WouldReplace(vec![conflict]),
            SelfError::Canonical("x".into()),
        ] {
            assert_ukrainian(&s);
        }
        assert_ukrainian(&ImportError::Store(StoreError::OpenedReadOnly));
        for c in [
            CommissionError::Missing(path()),
            CommissionError::Io {
                path: path(),
                source: io_error(),
            },
            CommissionError::Csv("x".into()),
        ] {
            assert_ukrainian(&c);
        }
        for p in [
            ProtocolError::Font,
            ProtocolError::Pdf("x".into()),
            ProtocolError::File(FileError::NotFound(path())),
        ] {
            assert_ukrainian(&p);
        }
        use crate::conclusion::{ConclusionError, DocxError};
        for c in [
            ConclusionError::Pdf(ProtocolError::Font),
            ConclusionError::Docx(DocxError::Xml),
            ConclusionError::Docx(DocxError::Pack("x".into())),
            ConclusionError::Csv("x".into()),
            ConclusionError::File(FileError::Exists(path())),
        ] {
            assert_ukrainian(&c);
        }
    }
}
