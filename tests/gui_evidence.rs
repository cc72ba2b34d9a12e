//! Evidence in the window: a photo dropped onto a standard that is not focused goes to
//! that standard and shows its thumbnail; the viewer opens from the thumbnail, zooms,
//! takes a caption, removes the piece (undone with Ctrl+Z); the add buttons use the file
//! dialog (a standard, a document); a pasted picture is attached; the tabs and the result
//! panel count the evidence.

// A test and its helpers may unwrap: a failed expectation is the test failing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Cursor;
use std::path::PathBuf;
use std::sync::Arc;

use akredit::answers::Target;
use akredit::support::home::Home;
use akredit::ui::pictures::Size;
use akredit::ui::{AkreditApp, Command, Dialogs, Status};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

mod common;
use common::Run;

/// A PNG photo of `w`×`h` pixels (a gradient, `salt` making it another one).
fn png(w: u32, h: u32, salt: u8) -> Vec<u8> {
    let img = image::RgbaImage::from_fn(w, h, |x, y| {
        image::Rgba([(x % 256) as u8, (y % 256) as u8, salt, 255])
    });
    let mut out = Vec::new();
    image::DynamicImage::ImageRgba8(img)
        .write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png)
        .unwrap();
    out
}

/// Dialogs that answer the evidence dialog with these files.
struct PickEvidence(Vec<PathBuf>);

impl Dialogs for PickEvidence {
    fn save(&self, _: &str) -> Option<PathBuf> {
        None
    }
    fn open(&self) -> Option<PathBuf> {
        None
    }
    fn evidence_files(&self) -> Vec<PathBuf> {
        self.0.clone()
    }
}

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        let env = Env {
            dir: tempfile::tempdir().unwrap(),
        };
        let run = Run::of(
            &[
                "new",
                "a.akredit",
                "--model",
                "sanitary",
                "--centre",
                "Центр здоров'я",
                "--expert",
                "Петренко Олена",
                "--visit-date",
                "2026-11-23",
            ],
            env.dir.path(),
            &env.path("home"),
        );
        assert_eq!(run.code(), Some(0), "{run:?}");
        env
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.path(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }

    /// The window on `a.akredit`, its dialogs answering with `picked`.
    fn window(&self, picked: Vec<PathBuf>) -> Harness<'static, AkreditApp> {
        let app = AkreditApp::new(
            common::catalogue(),
            Some(Home::at(self.path("home"))),
            Box::new(PickEvidence(picked)),
        );
        let mut h = Harness::builder()
            .with_size(egui::vec2(1500.0, 1100.0))
            .with_max_steps(12)
            .build_ui_state(|ui, app: &mut AkreditApp| app.show(ui), app);
        h.state_mut().push(Command::Open(self.path("a.akredit")));
        h.run();
        h
    }
}

fn evidence_targets(h: &Harness<'_, AkreditApp>) -> Vec<(u32, Target, String)> {
    let session = h.state().session.as_ref().expect("open");
    session
        .inspection
        .answers()
        .evidence
        .iter()
        .map(|(n, e)| (*n, e.attachment.target.clone(), e.caption.clone()))
        .collect()
}

fn code(text: &str) -> Target {
    Target::Standard(text.parse().unwrap())
}

/// Focuses the standard `text`, as a click on it would.
fn focus(h: &mut Harness<'_, AkreditApp>, text: &str) {
    h.state_mut()
        .push(Command::Focus(text.parse().expect("a code")));
    h.run();
}

/// Drops the file at `path` onto the window, where the pointer is.
fn drop_file(h: &mut Harness<'_, AkreditApp>, path: PathBuf) {
    h.input_mut()
        .dropped_files
        .push(Arc::new(common::Dropped(path)));
    h.run();
}

fn status(h: &Harness<'_, AkreditApp>) -> String {
    format!("{:?}", h.state().status)
}

fn thumbnails_ready(h: &Harness<'_, AkreditApp>) -> usize {
    let session = h.state().session.as_ref().expect("open");
    session.pictures.ready(Size::Thumbnail)
}

#[test]
fn a_photo_dropped_onto_a_standard_goes_there_and_shows_its_thumbnail() {
    let env = Env::new();
    let photo = env.write("кабінет.png", &png(800, 600, 1));
    let mut h = env.window(Vec::new());
    focus(&mut h, "1.1.1.6");
    // The pointer is over 1.1.1.2's row (not the focused one) when the file is dropped.
    let title = h
        .query_all_by_label_contains("1.1.1.2")
        .next()
        .expect("the row of 1.1.1.2")
        .rect();
    h.hover_at(title.center());
    h.run();
    drop_file(&mut h, photo.clone());
    assert_eq!(
        evidence_targets(&h),
        vec![(1, code("1.1.1.2"), String::new())],
        "{}",
        status(&h)
    );
    assert!(
        status(&h).contains("Прикріплено до 1.1.1.2: кабінет.png"),
        "{}",
        status(&h)
    );
    // Its thumbnail is decoded and drawn under the standard, a button that opens it.
    assert_eq!(thumbnails_ready(&h), 1);
    assert!(h.query_by_label("Вкладення 1: кабінет.png").is_some());
    // The tab of group 1.1 and the result panel count it.
    assert!(
        h.query_all_by_label_contains("· докази: 1")
            .next()
            .is_some(),
        "the tab counts the evidence"
    );
    assert!(h.query_by_label("Докази: 1 — 1.1: 1").is_some());
    // Dropped where no standard is (the tabs), it goes to the focused standard.
    let other = env.write("інший.png", &png(64, 64, 2));
    let tabs = h.get_by_label("Центр").rect();
    h.hover_at(tabs.center());
    h.run();
    drop_file(&mut h, other);
    assert_eq!(evidence_targets(&h)[1].1, code("1.1.1.6"), "{}", status(&h));
}

#[test]
fn the_viewer_zooms_takes_a_caption_and_removes_the_piece_undoably() {
    let env = Env::new();
    let photo = env.write("ліцензія.png", &png(1200, 900, 3));
    let mut h = env.window(Vec::new());
    focus(&mut h, "1.1.1.6");
    drop_file(&mut h, photo);
    h.get_by_label("Вкладення 1: ліцензія.png").click();
    h.run();
    let viewing = h
        .state()
        .session
        .as_ref()
        .unwrap()
        .viewing
        .expect("the viewer is open");
    assert_eq!((viewing.number, viewing.zoom), (1, None));
    let sha = akredit::support::hash::sha256_hex(&png(1200, 900, 3));
    assert!(h.query_by_label(&format!("SHA-256 {sha}")).is_some());
    assert!(h.query_all_by_label_contains("1200×900").next().is_some());
    // Zoom: + on the screen, then the key 0 fits the window again.
    let plus = h.get_by_label("+");
    plus.click();
    h.run();
    let zoom = h.state().session.as_ref().unwrap().viewing.unwrap().zoom;
    assert_eq!(zoom, Some(1.25));
    h.get_by_label("100 %").click();
    h.run();
    h.key_press(Key::Num0);
    h.event(egui::Event::Text("0".into()));
    h.run();
    assert_eq!(
        h.state().session.as_ref().unwrap().viewing.unwrap().zoom,
        None
    );
    // A caption typed is saved when its field lets go of the keyboard.
    let field = h.get_by_role_and_label(egui::accesskit::Role::TextInput, "Підпис");
    field.click();
    h.run();
    h.get_by_role_and_label(egui::accesskit::Role::TextInput, "Підпис")
        .type_text("Ліцензія МОЗ, с. 1");
    h.run();
    h.get_by_label("Закрити").click();
    h.run();
    assert!(h.state().session.as_ref().unwrap().viewing.is_none());
    assert_eq!(
        evidence_targets(&h)[0].2,
        "Ліцензія МОЗ, с. 1",
        "{}",
        status(&h)
    );
    assert!(
        h.query_all_by_label_contains("Ліцензія МОЗ, с. 1")
            .next()
            .is_some()
    );
    // Removed from the viewer: recorded, the viewer closes; Ctrl+Z brings it back whole.
    h.get_by_label("Вкладення 1: ліцензія.png").click();
    h.run();
    h.get_by_label("Вилучити").click();
    h.run();
    assert!(evidence_targets(&h).is_empty(), "{}", status(&h));
    assert!(h.state().session.as_ref().unwrap().viewing.is_none());
    assert!(status(&h).contains("Ctrl+Z"), "{}", status(&h));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(
        evidence_targets(&h),
        vec![(1, code("1.1.1.6"), "Ліцензія МОЗ, с. 1".to_string())]
    );
    let history = h
        .state()
        .session
        .as_ref()
        .unwrap()
        .inspection
        .history(None)
        .unwrap();
    let rows = history
        .iter()
        .filter(|e| matches!(e.altered.subject(), akredit::answers::Subject::Evidence(1)))
        .count();
    // Attached, captioned, removed (caption and record), and both put back.
    assert!(rows >= 6, "{rows} rows of evidence 1");
}

#[test]
fn the_add_buttons_attach_what_the_dialog_gives_to_a_standard_and_a_document() {
    let env = Env::new();
    let photo = env.write("наказ.png", &png(300, 200, 4));
    let mut h = env.window(vec![photo]);
    focus(&mut h, "1.1.1.6");
    h.get_by_label("Додати фото чи скан…").click();
    h.run();
    assert_eq!(evidence_targets(&h)[0].1, code("1.1.1.6"), "{}", status(&h));
    // A document's button, on the Centre tab; the scan shows under the document.
    h.get_by_label("Центр").click();
    h.run();
    let add = h.get_by_label("3 Додати скан…");
    add.scroll_to_me();
    h.run();
    h.get_by_label("3 Додати скан…").click();
    h.run();
    // The same bytes on a second target: one more record, the bytes kept once.
    assert_eq!(
        evidence_targets(&h)[1].1,
        Target::Document(3),
        "{}",
        status(&h)
    );
    assert!(
        status(&h).contains("Прикріплено до документа 3"),
        "{}",
        status(&h)
    );
    assert!(h.query_by_label("Вкладення 2: наказ.png").is_some());
    assert!(
        h.query_by_label("Докази: 2 — 1.1: 1 · документи: 1")
            .is_some()
    );
}

#[test]
fn a_pasted_picture_is_attached_to_the_focused_standard_as_png() {
    let env = Env::new();
    let mut h = env.window(Vec::new());
    focus(&mut h, "1.1.1.3");
    let picture = egui::ColorImage::new([40, 30], vec![egui::Color32::from_rgb(200, 30, 30); 1200]);
    h.event(egui::Event::PasteImage(Arc::new(picture)));
    h.run();
    let session = h.state().session.as_ref().unwrap();
    let e = &session.inspection.answers().evidence[&1];
    assert_eq!(e.attachment.target, code("1.1.1.3"));
    assert_eq!(e.attachment.media_type, "image/png");
    assert!(
        e.attachment.name.starts_with("вставлено-"),
        "{}",
        e.attachment.name
    );
    assert!(e.attachment.name.ends_with(".png"));
    assert!(matches!(&h.state().status, Status::Info(m) if m.contains("вставлено-")));
    assert_eq!(thumbnails_ready(&h), 1);
}

#[test]
fn a_scan_and_a_damaged_photo_show_a_tile_without_a_picture() {
    let env = Env::new();
    let mut pdf = b"%PDF-1.4\n".to_vec();
    pdf.extend(b"1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n");
    let scan = env.write("статут.pdf", &pdf);
    let mut broken = png(100, 100, 5);
    broken.truncate(80);
    let damaged = env.write("зіпсоване.png", &broken);
    let mut h = env.window(Vec::new());
    focus(&mut h, "1.1.1.6");
    drop_file(&mut h, scan);
    drop_file(&mut h, damaged);
    assert_eq!(evidence_targets(&h).len(), 2, "{}", status(&h));
    assert_eq!(thumbnails_ready(&h), 0);
    assert!(h.query_by_label("Вкладення 1: статут.pdf").is_some());
    h.get_by_label("Вкладення 1: статут.pdf").click();
    h.run();
    assert!(
        h.query_all_by_label_contains("не показується у вікні")
            .next()
            .is_some()
    );
}

#[test]
fn with_the_setting_on_a_large_photo_dropped_is_kept_smaller_and_the_viewer_says_so() {
    let env = Env::new();
    let jpeg = common::large_jpeg(3000, 2000);
    let photo = env.write("кабінет.jpg", &jpeg);
    let mut h = env.window(Vec::new());
    // Off unless turned on: the settings screen's checkbox turns it on, and it is kept.
    assert!(!h.state().settings.reduce_photos);
    h.get_by_label("Налаштування").click();
    h.run();
    h.get_by_label_contains("Зменшувати великі фото до 2048 пікселів")
        .click();
    h.run();
    assert!(h.state().settings.reduce_photos);
    h.get_by_role_and_label(egui::accesskit::Role::Button, "Назад")
        .click();
    h.run();
    focus(&mut h, "1.1.1.6");
    drop_file(&mut h, photo);
    let session = h.state().session.as_ref().expect("open");
    let a = &session.inspection.answers().evidence[&1].attachment;
    let original = a.original.as_ref().expect("kept smaller");
    assert_eq!((original.width, original.height), (3000, 2000));
    assert_eq!(original.sha256, akredit::support::hash::sha256_hex(&jpeg));
    assert!(
        a.size * 2 < jpeg.len() as u64,
        "{} of {}",
        a.size,
        jpeg.len()
    );
    assert!(
        status(&h).contains("кабінет.jpg (вкладення 1, зменшено з 3000×2000)"),
        "{}",
        status(&h)
    );
    h.get_by_label("Вкладення 1: кабінет.jpg").click();
    h.run();
    assert!(
        h.query_all_by_label_contains("зменшено з 3000×2000")
            .next()
            .is_some(),
        "the viewer names the original"
    );
}
