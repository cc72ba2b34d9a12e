//! Evidence on the inspection screen: the thumbnails under a standard or a document (each
//! opens the viewer), the button that adds a photo or a scan, and the viewer itself — the
//! picture with zoom, the record (file, type, size, when taken and attached, SHA-256), the
//! caption typed in place, a copy saved, the piece removed.

use egui::{RichText, Ui, vec2};

use crate::answers::{Evidence, Target};
use crate::inspection::Inspection;
use crate::support::settings::Language;
use crate::ui::app::AkreditApp;
use crate::ui::command::{Command, EvidenceAction};
use crate::ui::i18n::T;
use crate::ui::pictures::{Picture, Pictures, Size};
use crate::ui::session::TextKey;

use super::text_field::{self, Look};

/// The side of a thumbnail's tile, in points.
const TILE: f32 = 96.0;

/// While files are dragged over the window, the row under the pointer (where they would
/// be attached) is outlined.
pub fn mark_drop_target(ui: &Ui, row: &egui::Response) {
    let dragging = ui.input(|i| !i.raw.hovered_files.is_empty());
    if dragging && row.contains_pointer() {
        let stroke = egui::Stroke::new(3.0, ui.visuals().selection.stroke.color);
        ui.painter()
            .rect_stroke(row.rect, 4.0, stroke, egui::StrokeKind::Outside);
    }
}

/// The evidence of `target`, in number order.
pub fn of<'a>(inspection: &'a Inspection, target: &Target) -> Vec<(u32, &'a Evidence)> {
    inspection
        .answers()
        .evidence
        .iter()
        .filter(|(_, e)| e.attachment.target == *target)
        .map(|(n, e)| (*n, e))
        .collect()
}

/// The thumbnails of `target`'s evidence, each opening the viewer; with `adding` (the
/// focused standard, a document), the button that adds more and how else to add.
pub fn strip(
    inspection: &Inspection,
    pictures: &mut Pictures,
    target: &Target,
    adding: bool,
    lang: Language,
    ui: &mut Ui,
    commands: &mut Vec<Command>,
) {
    let evidence = of(inspection, target);
    if !evidence.is_empty() {
        ui.horizontal_wrapped(|ui| {
            // A clear gap, so that one tile's caption never reads into the next one's.
            ui.spacing_mut().item_spacing.x = 14.0;
            for (number, e) in &evidence {
                tile(inspection, pictures, *number, e, lang, ui, commands);
            }
        });
    }
    if adding {
        ui.horizontal_wrapped(|ui| {
            if ui.button(T::EvidenceAdd.get(lang)).clicked() {
                commands.push(Command::Evidence(EvidenceAction::Browse(target.clone())));
            }
            let hint = match target {
                Target::Standard(_) => T::EvidenceAddHint,
                Target::Document(_) => T::EvidenceAddDocumentHint,
            };
            ui.label(RichText::new(hint.get(lang)).weak().small());
        });
    }
}

/// One piece of evidence as a tile: its thumbnail (or its kind), its caption or name.
fn tile(
    inspection: &Inspection,
    pictures: &mut Pictures,
    number: u32,
    e: &Evidence,
    lang: Language,
    ui: &mut Ui,
    commands: &mut Vec<Command>,
) {
    let a = &e.attachment;
    let picture = pictures.get(ui.ctx(), &a.sha256, &a.media_type, Size::Thumbnail, || {
        inspection.evidence_bytes(number).ok().flatten()
    });
    let label = format!("{} {number}: {}", T::EvidenceShortCapital.get(lang), a.name);
    let under = if e.caption.is_empty() {
        &a.name
    } else {
        &e.caption
    };
    ui.vertical(|ui| {
        // As wide as the thumbnail: a longer caption is cut short, never under the next tile.
        ui.set_max_width(TILE);
        let button = match &picture {
            Picture::Ready(texture, _) => {
                egui::Button::image(egui::Image::from_texture(texture).max_size(vec2(TILE, TILE)))
            }
            Picture::Loading => egui::Button::new(T::EvidenceLoading.get(lang)),
            Picture::None(_) => egui::Button::new(kind_word(&a.media_type, lang)),
        };
        let response = ui.add_sized(vec2(TILE, TILE), button);
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
        let hover = match &e.attachment.taken_at {
            Some(taken) => format!("{label}\n{}: {taken}", T::EvidenceTaken.get(lang)),
            None => label.clone(),
        };
        if response.on_hover_text(hover).clicked() {
            commands.push(Command::Evidence(EvidenceAction::View(Some(number))));
        }
        ui.add(egui::Label::new(RichText::new(under).small()).truncate());
    });
}

/// "скан PDF", "HEIC", or "без зображення", for a tile without a picture.
fn kind_word(media_type: &str, lang: Language) -> String {
    match media_type {
        "application/pdf" => T::EvidenceScan.get(lang).to_string(),
        "image/heic" | "image/heif" => "HEIC".to_string(),
        _ => T::EvidenceNoPicture.get(lang).to_string(),
    }
}

/// The viewer of the piece of evidence being viewed, over the inspection screen.
pub fn viewer(app: &mut AkreditApp, ui: &mut Ui) {
    let lang = app.settings.language;
    let Some(session) = &mut app.session else {
        return;
    };
    let Some(viewing) = session.viewing else {
        return;
    };
    let Some(e) = session
        .inspection
        .answers()
        .evidence
        .get(&viewing.number)
        .cloned()
    else {
        session.viewing = None;
        return;
    };
    let mut commands = Vec::new();
    let screen = ui.ctx().content_rect();
    let number = viewing.number;
    let modal = egui::Modal::new(egui::Id::unique("evidence_viewer")).show(ui.ctx(), |ui| {
        // A fixed width: the scrolled picture would otherwise widen the modal every frame.
        let width = (screen.width() * 0.85).max(320.0);
        ui.set_width(width);
        ui.set_max_width(width);
        ui.heading(format!(
            "{} {number} · {}",
            T::EvidenceShortCapital.get(lang),
            e.attachment.name
        ));
        record_lines(&e, lang, ui);
        let caption_label = ui.label(T::ViewerCaption.get(lang));
        let look = Look {
            width: ui.available_width().min(600.0),
            rows: 1,
            hint: T::ViewerCaptionHint.get(lang),
        };
        let key = TextKey::Caption(number);
        let inspection = &session.inspection;
        text_field::field(
            &mut session.texts,
            inspection,
            key,
            &look,
            caption_label.id,
            false,
            ui,
        );
        let a = &e.attachment;
        let picture =
            session
                .pictures
                .get(ui.ctx(), &a.sha256, &a.media_type, Size::Viewer, || {
                    inspection.evidence_bytes(number).ok().flatten()
                });
        zoom_line(viewing.zoom, &picture, lang, ui, &mut commands);
        let height = (screen.height() * 0.6).max(160.0);
        let room = vec2(width, height);
        picture_area(&picture, viewing.zoom, room, lang, ui, &mut commands);
        ui.separator();
        ui.horizontal(|ui| {
            if ui.button(T::ViewerSaveCopy.get(lang)).clicked() {
                commands.push(Command::Evidence(EvidenceAction::SaveCopy(number)));
            }
            if ui.button(T::ViewerRemove.get(lang)).clicked() {
                commands.push(Command::Evidence(EvidenceAction::Remove(number)));
            }
            if ui.button(T::ViewerClose.get(lang)).clicked() {
                commands.push(Command::Evidence(EvidenceAction::View(None)));
            }
        });
    });
    if modal.should_close() {
        commands.push(Command::Evidence(EvidenceAction::View(None)));
    }
    for c in commands {
        app.push(c);
    }
}

/// What the record says: for what, the type and size, when taken and attached, SHA-256.
fn record_lines(e: &Evidence, lang: Language, ui: &mut Ui) {
    let a = &e.attachment;
    let mut line = format!(
        "{} · {} · {}",
        crate::ui::i18n::target_name(&a.target, lang),
        a.media_type,
        file_size(a.size, lang)
    );
    if let Some(taken) = &a.taken_at {
        line.push_str(&format!(" · {} {taken}", T::EvidenceTaken.get(lang)));
    }
    line.push_str(&format!(
        " · {} {}",
        T::ViewerAttached.get(lang),
        utc_minute(&a.attached_at)
    ));
    ui.label(line);
    ui.label(
        RichText::new(format!("SHA-256 {}", a.sha256))
            .monospace()
            .small(),
    );
    if let Some(o) = &a.original {
        ui.label(
            RichText::new(format!(
                "{} {}×{}, {} · {} SHA-256 {}",
                T::EvidenceReducedFrom.get(lang),
                o.width,
                o.height,
                file_size(o.size, lang),
                T::EvidenceOriginal.get(lang),
                o.sha256
            ))
            .monospace()
            .small(),
        );
    }
}

/// The zoom's buttons and what it is now.
fn zoom_line(
    zoom: Option<f32>,
    picture: &Picture,
    lang: Language,
    ui: &mut Ui,
    commands: &mut Vec<Command>,
) {
    let Picture::Ready(_, original) = picture else {
        return;
    };
    let now = zoom.unwrap_or(1.0);
    let mut set = |z: Option<f32>| commands.push(Command::Evidence(EvidenceAction::Zoom(z)));
    ui.horizontal(|ui| {
        if ui.button("−").on_hover_text("−").clicked() {
            set(Some(now / 1.25));
        }
        if ui.button("+").on_hover_text("+").clicked() {
            set(Some(now * 1.25));
        }
        if ui.button("100 %").clicked() {
            set(Some(1.0));
        }
        if ui.button(T::ViewerFit.get(lang)).clicked() {
            set(None);
        }
        let shown = match zoom {
            Some(z) => format!("{:.0} %", z * 100.0),
            None => T::ViewerFit.get(lang).to_string(),
        };
        ui.label(format!(
            "{shown} · {}×{} {}",
            original[0],
            original[1],
            T::ViewerPixels.get(lang)
        ));
        ui.label(RichText::new(T::ViewerZoomHelp.get(lang)).weak().small());
    });
}

/// The picture at its zoom in a scrolled area of `room` points; Ctrl + the wheel zooms.
fn picture_area(
    picture: &Picture,
    zoom: Option<f32>,
    room: egui::Vec2,
    lang: Language,
    ui: &mut Ui,
    commands: &mut Vec<Command>,
) {
    let Picture::Ready(texture, original) = picture else {
        let text = match picture {
            Picture::Loading => T::EvidenceLoading.get(lang),
            _ => T::ViewerNoPicture.get(lang),
        };
        ui.add_space(12.0);
        ui.label(text);
        ui.add_space(12.0);
        return;
    };
    let own = vec2(original[0] as f32, original[1] as f32);
    // Room for the scroll bars, so that a fitted picture needs none.
    let inner = room - vec2(16.0, 16.0);
    let fit = (inner.x / own.x).min(inner.y / own.y).min(1.0);
    let scale = zoom.unwrap_or(fit);
    // The scrolled area gets an exact size: left to size itself in the modal, it grew
    // a little every frame.
    let view = vec2(room.x, (own.y * scale + 16.0).min(room.y));
    ui.allocate_ui(view, |ui| {
        ui.set_min_size(view);
        egui::ScrollArea::both()
            .id_salt("evidence_picture")
            .auto_shrink(false)
            .show(ui, |ui| {
                let image = egui::Image::from_texture(texture).fit_to_exact_size(own * scale);
                let response = ui.add(image);
                let delta = ui.input(|i| i.zoom_delta());
                if response.hovered() && (delta - 1.0).abs() > f32::EPSILON {
                    let zoom = Some(scale * delta);
                    commands.push(Command::Evidence(EvidenceAction::Zoom(zoom)));
                }
            });
    });
}

/// A size as people read it: "34 КБ", "1,2 МБ" (in English "34 KB", "1.2 MB").
fn file_size(bytes: u64, lang: Language) -> String {
    let (kb, mb) = match lang {
        Language::Uk => ("КБ", "МБ"),
        Language::En => ("KB", "MB"),
    };
    let text = if bytes < 1024 * 1024 {
        format!("{} {kb}", bytes.div_ceil(1024))
    } else {
        format!("{:.1} {mb}", bytes as f64 / (1024.0 * 1024.0))
    };
    match lang {
        Language::Uk => text.replace('.', ","),
        Language::En => text,
    }
}

/// `2026-11-23T10:16:00.000Z` as `2026-11-23 10:16 UTC`.
fn utc_minute(rfc3339: &str) -> String {
    let minute: String = rfc3339.chars().take(16).collect();
    format!("{} UTC", minute.replacen('T', " ", 1))
}
