//! The commission overview in the window, driven headlessly as a user would drive it:
//! from the start screen, a folder typed in, the table read, sorted by a click on a
//! heading, and a result opened read-only and closed again.

// A test and its helpers may unwrap: a failed expectation is the test failing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use akredit::answers::{Change, Column};
use akredit::catalogue::ModelId;
use akredit::commission;
use akredit::inspection::{Inspection, NewInspection};
use akredit::signed::{self, Identity};
use akredit::support::home::Home;
use akredit::ui::{AkreditApp, Dialogs, Screen};
use egui::Key;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

const POLTAVA: &str = "Полтавський обласний центр здоров'я";
const SUMY: &str = "Сумський міський центр здоров'я";
const KYIV: &str = "Київський міський центр здоров'я";
const FOLDER: &str = "Тека з результатами (або один файл результату)";
const TRUSTED: &str = "Довірені ключі експертів (необов'язково): шляхи до identity.json або ключі base64, через кому чи з нового рядка";

mod common;
use common::catalogue;

fn harness(dir: &Path) -> Harness<'static, AkreditApp> {
    common::harness(dir.join("gui-home"))
}

/// A sanitary-model inspection of `centre` in `dir`, the first `graded` standards (all
/// when `None`) graded 3.
fn inspection(dir: &Path, file: &str, centre: &str, graded: Option<usize>) -> Inspection {
    let cat = catalogue();
    let mut insp = Inspection::create(
        &dir.join(file),
        cat.clone(),
        &NewInspection {
            model: ModelId::Sanitary,
            centre_name: centre.into(),
            expert: "Іваненко І. І.".into(),
            visit_date: Some("2026-11-23".into()),
            purpose: Default::default(),
        },
    )
    .expect("create");
    let changes: Vec<Change> = cat
        .model_standards(ModelId::Sanitary)
        .take(graded.unwrap_or(usize::MAX))
        .map(|s| Change::Grade {
            code: s.code.clone(),
            column: Column::Commission,
            grade: Some(3),
        })
        .chain(common::fact_changes())
        .collect();
    insp.apply(&changes).expect("grade");
    insp
}

/// A copy of a result with its first grade 3 changed to 2 (still canonical JSON).
fn tamper(bytes: &[u8]) -> Vec<u8> {
    let needle = b"\"commission\":3,";
    let at = bytes
        .windows(needle.len())
        .position(|w| w == needle)
        .expect("a grade 3 in the result");
    let mut out = bytes.to_vec();
    out[at + needle.len() - 2] = b'2';
    out
}

/// Five results in `dir/results`, in this order of their names: Poltava's final result,
/// Sumy's draft, a tampered copy of Poltava's, and Kyiv's result with the correction
/// that supersedes it. Returns the results folder and the expert's identity file.
fn results(dir: &Path) -> (PathBuf, PathBuf) {
    let home = Home::at(dir.join("home"));
    let id = Identity::create(&home, "Іваненко Іван").expect("key");
    let out = dir.join("results");
    fs::create_dir(&out).expect("results folder");
    let write = |name: &str, bytes: &[u8]| fs::write(out.join(name), bytes).expect("write");

    let mut poltava = inspection(dir, "poltava.akredit", POLTAVA, None);
    let signed = signed::export(&mut poltava, &id, false, &out.join("1-poltava.result.json"))
        .expect("export");
    write("3-poltava-copy.result.json", &tamper(&signed.bytes));

    let mut sumy = inspection(dir, "sumy.akredit", SUMY, Some(40));
    let draft =
        signed::export(&mut sumy, &id, true, &out.join("2-sumy.result.json")).expect("draft");
    assert!(!draft.is_final);

    let mut kyiv = inspection(dir, "kyiv.akredit", KYIV, None);
    signed::export(&mut kyiv, &id, false, &out.join("4-kyiv.result.json")).expect("export");
    let first = catalogue()
        .model_standards(ModelId::Sanitary)
        .next()
        .expect("a standard")
        .code
        .clone();
    kyiv.apply(&[Change::Grade {
        code: first,
        column: Column::Commission,
        grade: Some(0),
    }])
    .expect("correct");
    signed::export(
        &mut kyiv,
        &id,
        false,
        &out.join("5-kyiv-corrected.result.json"),
    )
    .expect("export");
    (out, dir.join("home/keys/identity.json"))
}

/// Opens the overview from the start screen and verifies `folder`.
fn verify_folder(h: &mut Harness<'_, AkreditApp>, folder: &Path) {
    h.get_by_role_and_label(Role::Button, "Огляд для комісії")
        .click();
    h.run();
    assert_eq!(h.state().screen, Screen::Commission);
    h.get_by_label(FOLDER).click();
    h.run();
    h.get_by_label(FOLDER)
        .type_text(&folder.display().to_string());
    h.run();
    h.get_by_role_and_label(Role::Button, "Перевірити").click();
    h.run();
}

/// Where a centre's (first) row is drawn, top to bottom.
fn row_top(h: &Harness<'_, AkreditApp>, centre: &str) -> f32 {
    h.get_all_by_role_and_label(Role::Button, centre)
        .map(|n| n.rect().top())
        .fold(f32::INFINITY, f32::min)
}

#[test]
fn the_overview_opens_from_the_start_screen_and_lists_every_result_with_its_status() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (folder, _) = results(dir.path());
    let mut h = harness(dir.path());
    verify_folder(&mut h, &folder);

    assert!(
        h.query_by_label(
            "файлів 5 · остаточних дійсних 2 · дійсних чернеток (не остаточне рішення) 1 · \
             замінених 1 · дублікатів 0 · недійсних (не враховано) 1"
        )
        .is_some(),
        "the counts line; error: {:?}",
        h.state().commission.error
    );
    // One row per file: Poltava twice (the tampered copy claims to be Poltava's).
    assert_eq!(
        h.get_all_by_role_and_label(Role::Button, POLTAVA).count(),
        2
    );
    assert_eq!(h.get_all_by_role_and_label(Role::Button, KYIV).count(), 2);
    assert_eq!(h.get_all_by_role_and_label(Role::Button, SUMY).count(), 1);
    // Poltava's final and Kyiv's correction are valid, Sumy's draft is a (valid) draft;
    // the status is one word, its reasons are in the detail.
    assert_eq!(h.query_all_by_label("дійсний").count(), 2);
    assert_eq!(h.query_all_by_label("чернетка").count(), 1);
    assert_eq!(h.query_all_by_label("замінений").count(), 1);
    assert_eq!(h.query_all_by_label("недійсний").count(), 1);
    assert!(h.query_by_label_contains("signature").is_none());
    // The file column: each file's name.
    for name in [
        "1-poltava.result.json",
        "2-sumy.result.json",
        "3-poltava-copy.result.json",
        "4-kyiv.result.json",
        "5-kyiv-corrected.result.json",
    ] {
        assert!(h.query_by_label(name).is_some(), "{name}");
    }
    // Figures as the results state them: full marks thrice (Poltava, its copy and
    // Kyiv's first result), Kyiv's correction one grade lower, Sumy's draft 40 × 3.
    assert_eq!(h.query_all_by_label("573 / 573").count(), 3);
    assert_eq!(h.query_all_by_label("100,0").count(), 3);
    assert_eq!(h.query_all_by_label("570 / 573").count(), 1);
    assert_eq!(h.query_all_by_label("120 / 573").count(), 1);
    // No trusted key was given: the commission is told.
    assert!(
        h.query_by_label_contains("Довірених ключів не вказано")
            .is_some()
    );
    // Back to the start screen from the top bar.
    h.get_by_role_and_label(Role::Button, "До початку").click();
    h.run();
    assert_eq!(h.state().screen, Screen::Start);
}

#[test]
fn a_click_on_a_heading_sorts_the_table_and_a_second_click_reverses_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (folder, _) = results(dir.path());
    let mut h = harness(dir.path());
    verify_folder(&mut h, &folder);

    // As found: by file name, so Sumy (2-…) above Kyiv (4-…, 5-…).
    assert!(row_top(&h, SUMY) < row_top(&h, KYIV));
    h.get_by_role_and_label(Role::Button, "Центр").click();
    h.run();
    // Київський, Полтавський, Сумський.
    assert!(row_top(&h, KYIV) < row_top(&h, POLTAVA));
    assert!(row_top(&h, POLTAVA) < row_top(&h, SUMY));
    assert!(
        h.query_by_role_and_label(Role::Button, "^ Центр").is_some(),
        "the heading shows the direction"
    );
    h.get_by_role_and_label(Role::Button, "^ Центр").click();
    h.run();
    assert!(row_top(&h, SUMY) < row_top(&h, POLTAVA));
    assert!(row_top(&h, POLTAVA) < row_top(&h, KYIV));
    assert!(h.query_by_role_and_label(Role::Button, "v Центр").is_some());
    // By percent, lowest first: Sumy's draft (40 of 191 graded) comes first.
    h.get_by_role_and_label(Role::Button, "%").click();
    h.run();
    assert!(row_top(&h, SUMY) < row_top(&h, KYIV));
    assert!(row_top(&h, SUMY) < row_top(&h, POLTAVA));
    assert!(h.query_by_role_and_label(Role::Button, "Центр").is_some());
}

#[test]
fn a_click_on_a_row_shows_the_result_read_only_and_the_way_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (folder, _) = results(dir.path());
    let mut h = harness(dir.path());
    verify_folder(&mut h, &folder);

    h.get_by_role_and_label(Role::Button, SUMY).click();
    h.run();
    assert!(h.query_by_label("До таблиці").is_some());
    assert!(
        h.query_by_label("Стан: чернетка — дійсна чернетка, не остаточне рішення")
            .is_some()
    );
    assert!(
        h.query_by_role_and_label(Role::Button, "Перевірити")
            .is_none(),
        "the table's form is gone"
    );
    assert_eq!(
        h.query_all_by_label(SUMY).count(),
        2,
        "the centre: the heading and the application's field"
    );
    assert!(
        h.query_by_label("ЧЕРНЕТКА — не остаточне рішення")
            .is_some()
    );
    // The checks in Ukrainian: names, outcomes and what they found.
    assert!(
        h.query_by_label_contains("пройдено — підпис: дійсний, зроблений ключем")
            .is_some()
    );
    assert!(
        h.query_by_label(
            "пропущено — довірений підписувач: довірених ключів не вказано; звірте відбиток ключа з ключем експерта"
        )
        .is_some()
    );
    assert!(
        h.query_by_label_contains("пройдено — підсумки: 120 / 573 балів")
            .is_some()
    );
    assert!(h.query_by_label_contains("НЕ ПРОЙДЕНО").is_none());
    assert!(h.query_by_label("Іваненко Іван").is_some(), "the signer");
    assert!(
        h.query_by_label_contains("Комісія: 120 / 573 балів")
            .is_some()
    );
    assert!(h.query_by_label("1.1.1.1").is_some(), "the standards table");
    // Nothing is editable.
    assert_eq!(h.query_all_by_role(Role::TextInput).count(), 0);
    assert_eq!(h.query_all_by_role(Role::MultilineTextInput).count(), 0);
    assert_eq!(h.query_all_by_role(Role::CheckBox).count(), 0);

    h.get_by_role_and_label(Role::Button, "До таблиці").click();
    h.run();
    assert!(h.state().commission.detail.is_none());
    assert!(h.query_by_role_and_label(Role::Button, "Центр").is_some());

    // Any cell opens its row: the tampered copy's detail says which checks failed.
    h.get_by_label("недійсний").click();
    h.run();
    assert!(h.query_by_label("Стан: недійсний — не враховано").is_some());
    assert!(h.query_by_label("Чому недійсний").is_some());
    assert!(
        h.query_by_label("• підпис: не відповідає вмісту: результат змінили після підписання")
            .is_some(),
        "every reason, in full and in Ukrainian"
    );
    assert!(
        h.query_by_label_contains("НЕ ПРОЙДЕНО — підпис: не відповідає вмісту")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("3-poltava-copy.result.json")
            .is_some()
    );
    // Escape goes back too.
    h.key_press(Key::Escape);
    h.run();
    assert!(h.state().commission.detail.is_none());
    assert!(h.query_by_label_contains("НЕ ПРОЙДЕНО").is_none());
}

#[test]
fn trusted_keys_typed_in_the_form_are_checked_and_bad_input_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (folder, identity) = results(dir.path());
    let other = Identity::create(&Home::at(dir.path().join("other")), "Інший").expect("key");
    let mut h = harness(dir.path());
    verify_folder(&mut h, &folder);

    // The expert's own key: the same statuses, and its fingerprint named.
    let fingerprint = Identity::load(&Home::at(dir.path().join("home")))
        .expect("key")
        .fingerprint();
    h.get_by_label(TRUSTED).click();
    h.run();
    h.get_by_label(TRUSTED)
        .type_text(&identity.display().to_string());
    h.run();
    h.get_by_role_and_label(Role::Button, "Перевірити").click();
    h.run();
    assert_eq!(h.query_all_by_label("дійсний").count(), 2);
    assert_eq!(h.query_all_by_label("чернетка").count(), 1);
    assert!(
        h.query_by_label(&format!("Довірені ключі: {fingerprint}"))
            .is_some()
    );
    assert!(
        h.query_by_label_contains("Довірених ключів не вказано")
            .is_none()
    );

    // Only another expert's key (as base64): every signed result fails the trust check.
    let other_json: serde_json::Value = serde_json::from_slice(
        &fs::read(dir.path().join("other/keys/identity.json")).expect("identity"),
    )
    .expect("json");
    let other_key = other_json["public_key"].as_str().expect("public_key");
    assert_ne!(other.fingerprint(), fingerprint);
    h.state_mut().commission.trusted = other_key.to_string();
    h.get_by_role_and_label(Role::Button, "Перевірити").click();
    h.run();
    assert_eq!(h.query_all_by_label("дійсний").count(), 0);
    assert_eq!(h.query_all_by_label("недійсний").count(), 5);
    h.get_by_role_and_label(Role::Button, SUMY).click();
    h.run();
    assert!(
        h.query_by_label(&format!(
            "• довірений підписувач: ключа {fingerprint} немає серед довірених"
        ))
        .is_some(),
        "the reason, in the detail"
    );
    h.get_by_role_and_label(Role::Button, "До таблиці").click();
    h.run();

    // Not a key: refused, and no stale table stays under the message.
    h.state_mut().commission.trusted = "no-such-key".into();
    h.get_by_role_and_label(Role::Button, "Перевірити").click();
    h.run();
    assert!(
        h.query_by_label_contains("не є відкритим ключем Ed25519")
            .is_some()
    );
    assert!(h.query_by_role_and_label(Role::Button, SUMY).is_none());

    // A folder that does not exist.
    h.state_mut().commission.trusted.clear();
    h.state_mut().commission.path = dir.path().join("nowhere").display().to_string();
    h.get_by_role_and_label(Role::Button, "Перевірити").click();
    h.run();
    assert!(
        h.query_by_label_contains("такого файлу чи теки немає")
            .is_some()
    );
}

#[test]
fn a_large_folder_is_verified_in_the_background_while_the_window_keeps_drawing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (folder, _) = results(dir.path());
    // Copies of one valid result fill the folder past the background threshold.
    let one = fs::read(folder.join("1-poltava.result.json")).expect("read");
    let copies = akredit::ui::commission::BACKGROUND_FROM + 20;
    for i in 0..copies {
        fs::write(folder.join(format!("copy-{i:04}.json")), &one).expect("write");
    }
    let mut h = harness(dir.path());
    h.get_by_role_and_label(Role::Button, "Огляд для комісії")
        .click();
    h.run();
    h.get_by_label(FOLDER).click();
    h.run();
    h.get_by_label(FOLDER)
        .type_text(&folder.display().to_string());
    h.run();
    h.get_by_role_and_label(Role::Button, "Перевірити").click();
    h.step();
    h.step();
    assert!(
        h.state().commission.pending.is_some(),
        "a large folder is verified in the background"
    );
    assert!(
        h.query_by_label_contains("Перевіряються файли результатів")
            .is_some()
    );
    let mut waited = 0;
    while h.state().commission.overview.is_none() && waited < 600 {
        std::thread::sleep(std::time::Duration::from_millis(50));
        h.step();
        waited += 1;
    }
    let overview = h
        .state()
        .commission
        .overview
        .as_ref()
        .expect("the table arrives");
    assert_eq!(overview.counts.total, 5 + copies);
    assert_eq!(overview.counts.duplicates, copies);
    assert!(h.state().commission.pending.is_none());
}

/// Native dialogs that answer every "save as" with `answer` and record the folders they
/// are asked to show.
#[derive(Clone, Default)]
struct Recorder {
    answer: Arc<Mutex<Option<PathBuf>>>,
    revealed: Arc<Mutex<Vec<PathBuf>>>,
}

impl Dialogs for Recorder {
    fn save(&self, _: &str) -> Option<PathBuf> {
        None
    }
    fn open(&self) -> Option<PathBuf> {
        None
    }
    fn save_new(&self, _suggested: &Path, _kind: &str, _extension: &str) -> Option<PathBuf> {
        self.answer.lock().unwrap().clone()
    }
    fn reveal(&self, folder: &Path) -> std::io::Result<()> {
        self.revealed.lock().unwrap().push(folder.to_path_buf());
        Ok(())
    }
}

/// The window with its data folder in `dir` and the recording dialogs.
fn harness_recording(dir: &Path, dialogs: &Recorder) -> Harness<'static, AkreditApp> {
    let home = Home::at(dir.join("gui-home"));
    let app = AkreditApp::new(common::catalogue(), Some(home), Box::new(dialogs.clone()));
    Harness::builder()
        .with_size(egui::vec2(1500.0, 1100.0))
        .with_max_steps(12)
        .build_ui_state(|ui, app: &mut AkreditApp| app.show(ui), app)
}

/// The text typed or suggested in the field labelled `label`.
fn field_text(h: &Harness<'_, AkreditApp>, label: &str) -> String {
    h.get_by_label(label).value().unwrap_or_default()
}

const CSV_FILE: &str = "Файл CSV з усією таблицею (ніколи не перезаписує наявний файл)";
const PDF_FILE: &str = "Файл протоколу PDF (ніколи не перезаписує наявний файл)";

#[test]
fn the_file_column_sorts_by_the_files_name_like_the_other_columns() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (folder, _) = results(dir.path());
    let mut h = harness(dir.path());
    verify_folder(&mut h, &folder);
    // Where a text is first drawn, top to bottom.
    let top = |h: &Harness<'_, AkreditApp>, text: &str| {
        h.get_all_by_label(text)
            .map(|n| n.rect().top())
            .fold(f32::INFINITY, f32::min)
    };

    h.get_by_role_and_label(Role::Button, "Центр").click();
    h.run();
    // By centre: Kyiv's two files first, so 4-… above 1-….
    assert!(top(&h, "4-kyiv.result.json") < top(&h, "1-poltava.result.json"));
    h.get_by_role_and_label(Role::Button, "Файл").click();
    h.run();
    assert!(h.query_by_role_and_label(Role::Button, "^ Файл").is_some());
    let names = [
        "1-poltava.result.json",
        "2-sumy.result.json",
        "3-poltava-copy.result.json",
        "4-kyiv.result.json",
        "5-kyiv-corrected.result.json",
    ];
    for pair in names.windows(2) {
        assert!(top(&h, pair[0]) < top(&h, pair[1]), "{pair:?}");
    }
    h.get_by_role_and_label(Role::Button, "^ Файл").click();
    h.run();
    assert!(top(&h, names[4]) < top(&h, names[0]));
    // By status: valid, the draft, superseded, invalid.
    h.get_by_role_and_label(Role::Button, "Стан").click();
    h.run();
    assert!(top(&h, "дійсний") < top(&h, "чернетка"));
    assert!(top(&h, "чернетка") < top(&h, "замінений"));
    assert!(top(&h, "замінений") < top(&h, "недійсний"));
}

#[test]
fn the_detail_lists_the_notes_of_a_result_in_ukrainian() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (folder, _) = results(dir.path());
    // A second, unrelated final result for Kyiv: the commission has to decide.
    let id = Identity::load(&Home::at(dir.path().join("home"))).expect("key");
    let mut other = inspection(dir.path(), "kyiv-2.akredit", KYIV, None);
    signed::export(
        &mut other,
        &id,
        false,
        &folder.join("6-kyiv-again.result.json"),
    )
    .expect("export");
    let mut h = harness(dir.path());
    verify_folder(&mut h, &folder);
    assert_eq!(
        h.query_all_by_label("дійсний *").count(),
        2,
        "marked: a note"
    );

    h.get_all_by_label("дійсний *").next().unwrap().click();
    h.run();
    assert!(h.query_by_label("Примітки").is_some());
    assert!(
        h.query_by_label_contains(
            "• не вирішено: є інший чинний результат того самого центру не пов'язаний заміною: "
        )
        .is_some(),
        "the note, in Ukrainian"
    );
}

#[test]
fn the_whole_table_is_saved_as_the_csv_the_command_line_writes_never_over_a_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (folder, _) = results(dir.path());
    let dialogs = Recorder::default();
    let mut h = harness_recording(dir.path(), &dialogs);
    verify_folder(&mut h, &folder);
    assert!(
        h.query_by_label(CSV_FILE).is_none(),
        "asked for only once pressed"
    );

    h.get_by_role_and_label(Role::Button, "Зберегти CSV…")
        .click();
    h.run();
    let suggested = PathBuf::from(field_text(&h, CSV_FILE));
    assert_eq!(
        suggested.parent(),
        Some(folder.as_path()),
        "beside the results"
    );
    assert!(
        suggested
            .file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("commission-")
    );
    // The native dialog's answer goes into the field; Save writes there.
    let target = dir.path().join("для комісії.csv");
    *dialogs.answer.lock().unwrap() = Some(target.clone());
    h.get_all_by_role_and_label(Role::Button, "Обрати…")
        .last()
        .unwrap()
        .click();
    h.run();
    assert_eq!(field_text(&h, CSV_FILE), target.display().to_string());
    h.get_by_role_and_label(Role::Button, "Зберегти").click();
    h.run();
    let files = commission::collect_files(std::slice::from_ref(&folder)).unwrap();
    let expected = commission::overview(&files, &catalogue(), &[])
        .to_csv()
        .unwrap();
    assert_eq!(fs::read(&target).unwrap(), expected, "the domain's bytes");
    assert_eq!(
        h.query_all_by_label_contains("Таблицю збережено у").count(),
        2,
        "said below the path and in the status bar"
    );

    // Again: refused, the file as it was.
    fs::write(&target, b"kept").unwrap();
    h.get_by_role_and_label(Role::Button, "Зберегти").click();
    h.run();
    assert_eq!(
        h.query_all_by_label_contains("тут уже є файл").count(),
        2,
        "said below the path and in the status bar"
    );
    assert_eq!(fs::read(&target).unwrap(), b"kept");
}

#[test]
fn a_results_protocol_is_written_where_the_user_confirms_and_its_folder_opened() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (folder, _) = results(dir.path());
    let dialogs = Recorder::default();
    let mut h = harness_recording(dir.path(), &dialogs);
    verify_folder(&mut h, &folder);

    // The file's cell opens its row too.
    h.get_by_label("4-kyiv.result.json").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "Протокол PDF…")
        .click();
    h.run();
    let pdf = folder.join("4-kyiv.result.pdf");
    assert_eq!(field_text(&h, PDF_FILE), pdf.display().to_string());
    assert!(!pdf.exists(), "nothing written before Save");
    h.get_by_role_and_label(Role::Button, "Зберегти").click();
    h.run();
    let bytes = fs::read(&pdf).expect("the protocol");
    assert!(bytes.starts_with(b"%PDF"), "a PDF");
    assert_eq!(
        h.query_all_by_label_contains("Протокол збережено у")
            .count(),
        2,
        "said below the path and in the status bar"
    );
    // Never over a file: the same path again is refused and the file kept.
    h.get_by_role_and_label(Role::Button, "Зберегти").click();
    h.run();
    assert_eq!(
        h.query_all_by_label_contains("тут уже є файл").count(),
        2,
        "said below the path and in the status bar"
    );
    assert_eq!(fs::read(&pdf).unwrap(), bytes);

    h.get_by_role_and_label(Role::Button, "Відкрити теку")
        .click();
    h.run();
    assert_eq!(*dialogs.revealed.lock().unwrap(), vec![folder.clone()]);

    // The tampered copy does not verify: no protocol of it.
    h.get_by_role_and_label(Role::Button, "До таблиці").click();
    h.run();
    h.get_by_label("недійсний").click();
    h.run();
    assert!(
        h.get_by_role_and_label(Role::Button, "Протокол PDF…")
            .accesskit_node()
            .is_disabled()
    );
}

#[test]
fn the_folder_and_trusted_keys_are_remembered_and_verified_on_the_next_start() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (folder, identity) = results(dir.path());
    let mut h = harness(dir.path());
    h.get_by_role_and_label(Role::Button, "Огляд для комісії")
        .click();
    h.run();
    h.get_by_label(FOLDER).click();
    h.run();
    h.get_by_label(FOLDER)
        .type_text(&folder.display().to_string());
    h.get_by_label(TRUSTED).click();
    h.run();
    h.get_by_label(TRUSTED)
        .type_text(&identity.display().to_string());
    h.run();
    h.get_by_role_and_label(Role::Button, "Перевірити").click();
    h.run();
    let settings: serde_json::Value = serde_json::from_slice(
        &fs::read(dir.path().join("gui-home/settings.json")).expect("settings saved"),
    )
    .unwrap();
    assert_eq!(settings["commission_folder"], folder.display().to_string());
    assert_eq!(
        settings["commission_trusted"],
        identity.display().to_string()
    );
    drop(h);

    // The next start: the form as it was, and the table verified with the keys.
    let mut h = harness(dir.path());
    h.get_by_role_and_label(Role::Button, "Огляд для комісії")
        .click();
    h.run();
    assert_eq!(field_text(&h, FOLDER), folder.display().to_string());
    assert_eq!(field_text(&h, TRUSTED), identity.display().to_string());
    assert_eq!(h.get_all_by_role_and_label(Role::Button, KYIV).count(), 2);
    assert!(h.query_by_label_contains("Довірені ключі: ").is_some());
}

/// An expert opens the head's result of their group in the overview: the signatures are
/// listed (theirs not yet), «Співпідписати…» writes the co-signed copy beside it, which is
/// shown verified with every member signed, and co-signing it again is not offered.
#[test]
fn an_expert_co_signs_the_group_s_result_from_the_overview() {
    use akredit::answers::Role as TeamRole;
    let dir = tempfile::tempdir().expect("tempdir");
    let head = Identity::create(&Home::at(dir.path().join("home-head")), "Коваленко Олена")
        .expect("head's key");
    let expert =
        Identity::create(&Home::at(dir.path().join("gui-home")), "Петренко Іван").expect("key");
    let mut insp = inspection(dir.path(), "group.akredit", POLTAVA, None);
    let mut team = Vec::new();
    for (name, role, id) in [
        ("Коваленко Олена", TeamRole::Head, &head),
        ("Петренко Іван", TeamRole::Expert, &expert),
    ] {
        team.push(Change::Member {
            name: name.into(),
            role: Some(role),
        });
        team.push(Change::MemberKey {
            name: name.into(),
            key: Some(id.public.public_key.clone()),
        });
    }
    insp.apply(&team).expect("team");
    let folder = dir.path().join("results");
    fs::create_dir(&folder).expect("folder");
    signed::export(&mut insp, &head, false, &folder.join("group.result.json")).expect("export");

    let mut h = harness(dir.path());
    verify_folder(&mut h, &folder);
    assert!(
        h.query_by_label_contains("дійсний 1/2").is_some(),
        "the table says how many of the group signed"
    );
    h.get_by_label("group.result.json").click();
    h.run();
    assert!(h.query_by_label("Підписи експертної групи").is_some());
    assert!(
        h.query_by_label_contains("Петренко Іван — експерт")
            .is_some()
            && h.query_by_label_contains("ще не підписав(ла)").is_some(),
        "the expert's signature is awaited"
    );
    h.get_by_role_and_label(Role::Button, "Співпідписати…")
        .click();
    h.run();
    let cosigned = folder.join("group.result-cosigned.json");
    assert!(!cosigned.exists(), "nothing written before Save");
    h.get_by_role_and_label(Role::Button, "Зберегти").click();
    h.run();
    let v = signed::verify(&fs::read(&cosigned).expect("written"), &catalogue(), &[]);
    assert!(v.holds());
    assert_eq!(v.signed_of(), Some((2, 2)));
    assert!(
        h.query_all_by_label_contains("Співпідписано: Петренко Іван")
            .count()
            >= 1
    );
    // The co-signed copy is shown now: both signed, nothing left to co-sign.
    assert!(h.query_by_label_contains("ще не підписав(ла)").is_none());
    assert!(h.query_all_by_label_contains("підписали 2 з 2").count() >= 1);
    assert!(
        h.get_by_role_and_label(Role::Button, "Співпідписати…")
            .accesskit_node()
            .is_disabled()
    );
}
