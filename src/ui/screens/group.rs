//! The standards of a group tab (or of the search) in the Order's structure, each with its
//! grade buttons, criteria, N/A, note and, where it is called for, its recommendation.

use egui::{RichText, ScrollArea, Ui};

use crate::answers::{Answer, Change, Column, Found, Hit, Target};
use crate::catalogue::{Bilingual, Catalogue, Code, Standard};
use crate::support::settings::Language;
use crate::ui::app::AkreditApp;
use crate::ui::command::Command;
use crate::ui::i18n::{self, T, keyboard};
use crate::ui::session::{Editing, Session};

use super::{evidence, recommendations};

enum Row<'a> {
    Heading(&'a Code, Option<&'a str>),
    Standard(&'a Standard),
}

/// The standards of group `index`, with its headings as captions.
pub fn group_tab(app: &mut AkreditApp, index: usize, ui: &mut Ui) {
    let lang = app.settings.language;
    let Some(session) = &mut app.session else {
        return;
    };
    let catalogue = session.inspection.catalogue().clone();
    let Some(group) = catalogue.groups.get(index) else {
        return;
    };
    let model = session.model();
    let mut rows: Vec<(Code, Row)> = catalogue
        .model_standards(model)
        .filter(|s| s.group == group.code && session.passes(&s.code))
        .map(|s| (s.code.clone(), Row::Standard(s)))
        .collect();
    let shown: Vec<Code> = rows.iter().map(|(c, _)| c.clone()).collect();
    for h in &catalogue.headings {
        if shown.iter().any(|c| c.starts_with(&h.code)) {
            rows.push((h.code.clone(), Row::Heading(&h.code, h.title.as_deref())));
        }
    }
    rows.sort_by(|a, b| a.0.cmp(&b.0));

    let mut commands = Vec::new();
    // Each tab scrolls by itself, and a tab switched to starts at its top.
    let mut area = ScrollArea::vertical()
        .id_salt(("group_tab", index))
        .auto_shrink(false);
    if std::mem::take(&mut session.scroll_to_top) {
        area = area.vertical_scroll_offset(0.0);
    }
    area.show_viewport(ui, |ui, viewport| {
        let content_top = ui.max_rect().top();
        ui.heading(format!("{} {}", group.code, group.title));
        // The catalogue's note on the group, in the window's language and at a size
        // that can be read (it was a small grey line in both languages at once).
        if let Some(note) = &group.source_note {
            ui.label(RichText::new(Bilingual::split(note).get(lang)).weak());
        }
        if let Some(text) = &group.description {
            egui::CollapsingHeader::new(T::OrderNote.get(lang))
                .id_salt("group_description")
                .show(ui, |ui| {
                    ui.label(RichText::new(text).small());
                });
        }
        if catalogue
            .model_standards(model)
            .any(|s| s.group == group.code && !s.wording_in_source)
        {
            ui.label(RichText::new(T::NoWording.get(lang)).strong());
            ui.label(
                RichText::new(Bilingual::split(&catalogue.source_completeness).get(lang)).weak(),
            );
        }
        if rows.is_empty() {
            nothing_here(session, &catalogue, lang, ui, &mut commands);
        }
        for (_, row) in &rows {
            match row {
                Row::Heading(code, title) => {
                    ui.add_space(6.0);
                    ui.label(
                        RichText::new(format!(
                            "{code}  {}",
                            title.unwrap_or(T::NoWordingShort.get(lang))
                        ))
                        .strong(),
                    );
                }
                Row::Standard(s) => {
                    let view = View {
                        viewport,
                        content_top,
                    };
                    lazy_row(session, s, None, lang, ui, view, &mut commands)
                }
            }
        }
    });
    session.scroll_to_focus = false;
    for c in commands {
        app.push(c);
    }
}

/// The standards matching the search, across all groups.
pub fn search_results(app: &mut AkreditApp, ui: &mut Ui) {
    let lang = app.settings.language;
    let Some(session) = &mut app.session else {
        return;
    };
    let catalogue = session.inspection.catalogue().clone();
    // The hits are kept in the session (found again when the text or the answers change).
    let hits = std::mem::take(&mut session.hits);
    let mut commands = Vec::new();
    ui.label(format!("{}: {}", T::SearchHits.get(lang), hits.len()));
    ScrollArea::vertical()
        .id_salt("search_results")
        .auto_shrink(false)
        .show_viewport(ui, |ui, viewport| {
            let content_top = ui.max_rect().top();
            for hit in &hits {
                let Some(s) = catalogue.standard(&hit.code) else {
                    continue;
                };
                let view = View {
                    viewport,
                    content_top,
                };
                lazy_row(session, s, Some(hit), lang, ui, view, &mut commands);
            }
        });
    session.hits = hits;
    session.scroll_to_focus = false;
    for c in commands {
        app.push(c);
    }
}

/// Where a scrolled list is: the part of it in view, and the top of its content.
#[derive(Clone, Copy)]
struct View {
    viewport: egui::Rect,
    content_top: f32,
}

/// A standard's row, or only the space it takes when it is scrolled out of view (its
/// height remembered from when it was last drawn): long lists stay cheap to draw. A hit
/// of the search says where it matched.
fn lazy_row(
    session: &mut Session,
    standard: &Standard,
    hit: Option<&Hit>,
    lang: Language,
    ui: &mut Ui,
    view: View,
    commands: &mut Vec<Command>,
) {
    let View {
        viewport,
        content_top,
    } = view;
    let top = ui.cursor().top() - content_top;
    let focused = session.focused.as_ref() == Some(&standard.code);
    if let Some(&height) = session.row_heights.get(&standard.code) {
        let outside = top > viewport.bottom() || top + height < viewport.top();
        if outside && !focused {
            ui.allocate_space(egui::vec2(ui.available_width(), height));
            return;
        }
    }
    let before = ui.cursor().top();
    standard_row(session, standard, hit, lang, ui, commands);
    let height = ui.cursor().top() - before - ui.spacing().item_spacing.y;
    session
        .row_heights
        .insert(standard.code.clone(), height.max(0.0));
}

fn standard_row(
    session: &mut Session,
    standard: &Standard,
    hit: Option<&Hit>,
    lang: Language,
    ui: &mut Ui,
    commands: &mut Vec<Command>,
) {
    let focused = session.focused.as_ref() == Some(&standard.code);
    let is_self = session.is_self_assessment();
    let scroll_to_focus = session.scroll_to_focus;
    let keys = focused.then(|| KeysHere {
        column: session.key_column,
        marker: !is_self,
        pending: pending_here(session, standard, lang),
    });
    let recommendation = session.shows_recommendation(&standard.code);
    let outside = session.graded_outside_assignment(&standard.code);
    let expert = session.inspection.meta().expert.clone();
    // R gives the recommendation the keyboard once, on the standard it was pressed on.
    let focus_recommendation = focused && std::mem::take(&mut session.focus_recommendation);
    // The answer is borrowed from the inspection while the note field edits the session's
    // editing state: two fields of the session, borrowed apart (no copy of the answer).
    let Session {
        inspection,
        editing,
        focus_pending,
        texts,
        pictures,
        drop_targets,
        ..
    } = session;
    let answer = inspection.answers().get(&standard.code);
    let inner = row_frame(ui, focused).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal_wrapped(|ui| title_line(standard, answer, lang, ui));
        if let Some(hit) = hit.filter(|h| !h.found.is_empty()) {
            found_line(standard, hit, lang, ui);
        }
        let author = inspection.answers().author_of(&standard.code, &expert);
        let line = Line {
            standard,
            answer,
            keys: keys.as_ref(),
            lang,
            author,
            other_author: author.is_some_and(|a| a != expert),
            outside,
        };
        ui.horizontal_wrapped(|ui| buttons_line(&line, is_self, ui, commands));
        // Letters waiting for their next key, on a line of their own (the buttons stay put).
        if let Some(keys) = &keys
            && let Some(pending) = &keys.pending
        {
            let column_name = keyboard::column_name(keys.column, lang);
            keys_label(ui, &standard.code, column_name, pending);
        }
        if let Some(reason) = &answer.na_reason {
            let reason = crate::answers::shown_reason(inspection.catalogue(), reason);
            ui.label(RichText::new(format!("{}: {reason}", T::NotApplicable.get(lang))).italics());
        }
        if !answer.note.is_empty() {
            ui.label(format!("{}: {}", T::Note.get(lang), answer.note));
        }
        editing_field(editing, focus_pending, standard, lang, ui, commands);
        let target = Target::Standard(standard.code.clone());
        evidence::strip(inspection, pictures, &target, focused, lang, ui, commands);
        if recommendation {
            let code = &standard.code;
            recommendations::under_standard(
                texts,
                inspection,
                code,
                focus_recommendation,
                lang,
                ui,
            );
        }
        if focused {
            criteria(standard, lang, ui);
        }
    });
    // A click anywhere on the row focuses it; checked without an interaction of its own,
    // which would sit on top of the row's buttons and take their clicks.
    let response = inner.response;
    drop_targets.push((Target::Standard(standard.code.clone()), response.rect));
    evidence::mark_drop_target(ui, &response);
    if !focused && response.contains_pointer() && ui.input(|i| i.pointer.primary_clicked()) {
        commands.push(Command::Focus(standard.code.clone()));
    }
    if focused && scroll_to_focus {
        response.scroll_to_me(Some(egui::Align::Center));
    }
}

/// A standard's frame: highlighted when focused.
fn row_frame(ui: &Ui, focused: bool) -> egui::Frame {
    let visuals = ui.visuals();
    let (fill, stroke) = if focused {
        (
            visuals.selection.bg_fill.gamma_multiply(0.35),
            visuals.selection.stroke,
        )
    } else {
        (
            visuals.faint_bg_color,
            visuals.widgets.noninteractive.bg_stroke,
        )
    };
    egui::Frame::group(ui.style()).fill(fill).stroke(stroke)
}

/// With a filter on and none of its standards in this group: says so, and where there
/// are some, one click away ("Тут немає. З примітками: 1.1 (2) · 1.2 (1)").
fn nothing_here(
    session: &Session,
    catalogue: &Catalogue,
    lang: Language,
    ui: &mut Ui,
    commands: &mut Vec<Command>,
) {
    let Some(word) = i18n::filter_word(session.filter) else {
        ui.label(T::NothingHere.get(lang));
        return;
    };
    let elsewhere = session.filter_counts.groups_with(session.filter);
    ui.horizontal_wrapped(|ui| {
        ui.label(T::NoneHere.get(lang));
        if elsewhere.is_empty() {
            ui.label(format!(
                "{} — {}",
                capitalised(word.get(lang)),
                T::NoneAnywhere.get(lang)
            ));
            return;
        }
        ui.label(format!("{}:", capitalised(word.get(lang))));
        for (n, (index, count)) in elsewhere.into_iter().enumerate() {
            if n > 0 {
                ui.label("·");
            }
            let Some(group) = catalogue.groups.get(index) else {
                continue;
            };
            let link = ui
                .link(format!("{} ({count})", group.code))
                .on_hover_text(&group.title);
            if link.clicked() {
                commands.push(Command::SelectTab(crate::ui::view::Tab::Group(index)));
            }
        }
    });
}

/// `text` with its first letter in capitals.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Where a hit of the search matched: "знайдено: у назві · у примітці", and the
/// criterion that matched (the criteria are otherwise shown only on the focused row).
fn found_line(standard: &Standard, hit: &Hit, lang: Language, ui: &mut Ui) {
    let places: Vec<String> = hit
        .found
        .iter()
        .map(|f| match f {
            Found::Code => T::FoundInCode.get(lang).to_string(),
            Found::Title => T::FoundInTitle.get(lang).to_string(),
            Found::Criterion(g) => format!(
                "{} ({})",
                T::FoundInCriteria.get(lang),
                standard.scale.label(*g)
            ),
            Found::OrderNote => T::FoundInOrderNote.get(lang).to_string(),
            Found::NaReason => T::FoundInNaReason.get(lang).to_string(),
            Found::Note => T::FoundInNote.get(lang).to_string(),
        })
        .collect();
    let line = format!("{}: {}", T::FoundWhere.get(lang), places.join(" · "));
    ui.label(
        RichText::new(line)
            .small()
            .color(ui.visuals().hyperlink_color),
    );
    let criterion = hit.found.iter().find_map(|f| match f {
        Found::Criterion(g) => standard.criteria.get(g).map(|c| (*g, c)),
        _ => None,
    });
    if let Some((grade, text)) = criterion {
        let label = standard.scale.label(grade);
        ui.add(egui::Label::new(RichText::new(format!("{label}: {text}")).small().weak()).wrap());
    }
}

/// The code and title (weak when the standard is not applicable).
fn title_line(standard: &Standard, answer: &Answer, lang: Language, ui: &mut Ui) {
    ui.label(RichText::new(standard.code.as_str()).monospace().strong());
    let title = standard
        .title
        .as_deref()
        .unwrap_or(T::NoWordingShort.get(lang));
    let mut text = RichText::new(title);
    if answer.is_na() {
        text = text.weak();
    }
    ui.add(egui::Label::new(text).wrap());
}

/// Where the keys act on the focused row: the column they grade, whether to mark it (a
/// file with two columns), and the letters typed there waiting for their next key.
struct KeysHere {
    column: Column,
    marker: bool,
    pending: Option<String>,
}

/// What one row's line of grade buttons shows.
struct Line<'a> {
    standard: &'a Standard,
    answer: &'a Answer,
    keys: Option<&'a KeysHere>,
    lang: Language,
    /// Who graded it (or decided it not applicable), when it is.
    author: Option<&'a str>,
    /// Whether that is a member of the group, not the inspection's own expert.
    other_author: bool,
    /// Graded in a member's part outside the groups assigned to them.
    outside: bool,
}

/// The letters waiting on this standard and what they may become, if any.
fn pending_here(session: &Session, standard: &Standard, lang: Language) -> Option<String> {
    let pending = &session.pending_letters;
    (!pending.text.is_empty() && pending.code.as_ref() == Some(&standard.code))
        .then(|| keyboard::pending(standard.scale, &pending.text, lang))
}

/// The grade buttons of each column, N/A and the note.
fn buttons_line(line: &Line, is_self: bool, ui: &mut Ui, commands: &mut Vec<Command>) {
    let (standard, answer, lang) = (line.standard, line.answer, line.lang);
    if !is_self {
        grade_buttons(line, Column::Commission, ui, commands);
        team_marks(line, ui);
        ui.separator();
    }
    grade_buttons(line, Column::SelfAssessment, ui, commands);
    ui.separator();
    // "Not applicable" is the commission's decision, not the centre's.
    if is_self {
        note_button(standard, lang, ui, commands);
        return;
    }
    let na = ui.selectable_label(answer.is_na(), T::NaShort.get(lang));
    na.widget_info(|| {
        egui::WidgetInfo::selected(
            egui::Role::Button,
            true,
            answer.is_na(),
            format!("{} {}", standard.code, T::NotApplicable.get(lang)),
        )
    });
    if na.clicked() {
        if answer.is_na() {
            commands.push(Command::Apply(vec![Change::NotApplicable {
                code: standard.code.clone(),
                reason: None,
            }]));
        } else {
            commands.push(Command::EditNaReason(standard.code.clone()));
        }
    }
    note_button(standard, lang, ui, commands);
}

fn note_button(standard: &Standard, lang: Language, ui: &mut Ui, commands: &mut Vec<Command>) {
    let note = ui.button(T::Note.get(lang));
    note.widget_info(|| {
        egui::WidgetInfo::labeled(
            egui::Role::Button,
            true,
            format!("{} {}", standard.code, T::Note.get(lang)),
        )
    });
    if note.clicked() {
        commands.push(Command::EditNote(standard.code.clone()));
    }
}

/// Who of the group graded it, when not the inspection's own expert, and a grade made in
/// a member's part outside their groups: quiet marks, said in full on hover.
fn team_marks(line: &Line, ui: &mut Ui) {
    let (code, lang) = (&line.standard.code, line.lang);
    if line.other_author
        && let Some(author) = line.author
    {
        let mark = ui.label(RichText::new(author).small().weak());
        let said = format!("{}: {author}", T::GradedBy.get(lang));
        let label = format!("{code} {said}");
        mark.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &label));
        mark.on_hover_text(said);
    }
    if line.outside {
        let mark = ui.label(
            RichText::new(T::OutsideMark.get(lang))
                .small()
                .color(ui.visuals().warn_fg_color),
        );
        let label = format!("{code} {}", T::OutsideMark.get(lang));
        mark.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &label));
        mark.on_hover_text(T::OutsideHover.get(lang));
    }
}

/// One column's caption and grade buttons. The column the keys grade is marked on the
/// focused row ("клавіші ›" before its caption, highlighted), and a grade that differs
/// from the other column's is outlined and marked "≠".
fn grade_buttons(line: &Line, column: Column, ui: &mut Ui, commands: &mut Vec<Command>) {
    let (standard, answer, lang) = (line.standard, line.answer, line.lang);
    let column_name = keyboard::column_name(column, lang);
    let keys = line.keys.filter(|k| k.column == column);
    let current = answer.grade(column);
    let diverges = answer.diverges();
    let warn = ui.visuals().warn_fg_color;
    let marked = keys.is_some_and(|k| k.marker);
    if marked {
        keys_label(ui, &standard.code, column_name, T::KeysMarker.get(lang));
    }
    column_caption(ui, column, column_name, marked);
    for &grade in standard.scale.grades() {
        let text = standard.scale.label(grade);
        let selected = current == Some(grade);
        let mut button = egui::Button::selectable(selected, text.clone());
        if selected && diverges {
            button = button.stroke(egui::Stroke::new(2.0, warn));
        }
        let button = ui.add_enabled(!answer.is_na(), button);
        button.widget_info(|| {
            egui::WidgetInfo::selected(
                egui::Role::Button,
                !answer.is_na(),
                selected,
                format!("{} {column_name}: {text}", standard.code),
            )
        });
        let criterion = match standard.criteria.get(&grade) {
            Some(c) => Some(c.as_str()),
            None if standard.wording_in_source => Some(T::NoCriterion.get(lang)),
            None => None,
        };
        // The grade given says on hover who of the group gave it.
        let by = line
            .author
            .filter(|_| selected && column == Column::Commission)
            .map(|a| format!("{}: {a}", T::GradedBy.get(lang)));
        let hover: Vec<&str> = criterion.into_iter().chain(by.as_deref()).collect();
        let button = if hover.is_empty() {
            button
        } else {
            button.on_hover_text(hover.join("\n\n"))
        };
        if button.clicked() {
            commands.push(Command::Focus(standard.code.clone()));
            commands.push(Command::Apply(vec![Change::Grade {
                code: standard.code.clone(),
                column,
                grade: if selected { None } else { Some(grade) },
            }]));
        }
    }
    if diverges {
        let other = match column {
            Column::Commission => T::DivergesFromSelf,
            Column::SelfAssessment => T::DivergesFromCommission,
        };
        let mark = ui.label(RichText::new("≠").strong().color(warn));
        mark.widget_info(|| {
            egui::WidgetInfo::labeled(
                egui::Role::Label,
                true,
                format!("{} {column_name}: {}", standard.code, other.get(lang)),
            )
        });
        mark.on_hover_text(T::DivergesMark.get(lang));
    }
}

/// "Комісія:" or "Самооцінка:"; highlighted where the keys grade.
fn column_caption(ui: &mut Ui, column: Column, name: &str, keys_here: bool) {
    let mut caption = RichText::new(format!("{name}:"));
    if column == Column::Commission || keys_here {
        caption = caption.strong();
    }
    if keys_here {
        let visuals = ui.visuals();
        caption = caption
            .background_color(visuals.selection.bg_fill)
            .color(visuals.selection.stroke.color);
    }
    ui.label(caption);
}

/// Where the keys act, in their colour: "клавіші ›", or the letters waiting there.
fn keys_label(ui: &mut Ui, code: &Code, column_name: &str, text: &str) {
    let colour = ui.visuals().selection.stroke.color;
    let label = ui.label(RichText::new(text).strong().color(colour));
    label.widget_info(|| {
        egui::WidgetInfo::labeled(
            egui::Role::Label,
            true,
            format!("{code} {column_name}: {text}"),
        )
    });
}

fn editing_field(
    editing: &mut Option<Editing>,
    focus_pending: &mut bool,
    standard: &Standard,
    lang: Language,
    ui: &mut Ui,
    commands: &mut Vec<Command>,
) {
    let (label, text) = match editing {
        Some(Editing::NaReason { code, text }) if *code == standard.code => {
            (T::NaReason.get(lang), text)
        }
        Some(Editing::Note { code, text }) if *code == standard.code => (T::Note.get(lang), text),
        _ => return,
    };
    let wants_focus = std::mem::take(focus_pending);
    ui.horizontal(|ui| {
        let caption = ui.label(format!("{label}:"));
        let field = ui
            .add(
                egui::TextEdit::singleline(text)
                    .id(egui::Id::unique(("editing", standard.code.as_str())))
                    .desired_width(ui.available_width() - 200.0),
            )
            .labelled_by(caption.id);
        if wants_focus {
            field.request_focus();
            ui.ctx().request_repaint();
        }
        let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if ui.button(T::Save.get(lang)).clicked() || enter {
            commands.push(Command::FinishEditing(true));
        }
        if ui.button(T::Cancel.get(lang)).clicked() {
            commands.push(Command::FinishEditing(false));
        }
    });
}

fn criteria(standard: &Standard, lang: Language, ui: &mut Ui) {
    for &grade in standard.scale.grades() {
        let text = match standard.criteria.get(&grade) {
            Some(c) => c.as_str(),
            None if standard.wording_in_source => T::NoCriterion.get(lang),
            None => continue,
        };
        ui.horizontal_wrapped(|ui| {
            ui.label(
                RichText::new(standard.scale.label(grade))
                    .monospace()
                    .strong(),
            );
            ui.add(egui::Label::new(text).wrap());
        });
    }
    if let Some(note) = &standard.note {
        ui.label(RichText::new(format!("{}: {note}", T::OrderNote.get(lang))).italics());
    }
    // Standards without wording share one explanation, shown once above the group.
    if let Some(note) = standard
        .source_note
        .as_ref()
        .filter(|_| standard.wording_in_source || standard.title.is_some())
    {
        ui.label(
            RichText::new(format!(
                "{}: {}",
                T::SourceNote.get(lang),
                Bilingual::split(note).get(lang)
            ))
            .weak(),
        );
    }
}
