//! The screens: start, inspection (centre tab and group tabs), settings; the status bar
//! and the keyboard help.

use egui::{Align, Color32, RichText, ScrollArea, Ui};

use super::{AkreditApp, Command, Filter, RecentState, Screen, Status, T, Tab, result, standards};
use crate::answers::Change;
use crate::catalogue::ModelId;
use crate::inspection::NewInspection;
use crate::support::settings::{Language, TEXT_SIZES, Theme};

/// Draws the current screen.
pub fn show(app: &mut AkreditApp, ui: &mut Ui) {
    egui::Panel::top("top_bar").show(ui, |ui| top_bar(app, ui));
    egui::Panel::bottom("status_bar").show(ui, |ui| status_bar(app, ui));
    match app.screen {
        Screen::Start => {
            egui::CentralPanel::default().show(ui, |ui| start(app, ui));
        }
        Screen::Settings => {
            egui::CentralPanel::default().show(ui, |ui| settings(app, ui));
        }
        Screen::Inspection => inspection(app, ui),
        Screen::Commission => {
            egui::CentralPanel::default().show(ui, |ui| super::commission::show(app, ui));
        }
    }
    if app.export.is_some() && app.screen == Screen::Inspection {
        super::export::show(app, ui);
    }
    if app.help_open {
        help(app, ui);
    }
}

fn top_bar(app: &mut AkreditApp, ui: &mut Ui) {
    ui.horizontal(|ui| {
        match app.screen {
            Screen::Inspection => {
                if ui.button(app.t(T::ToStart)).clicked() {
                    app.push(Command::CloseInspection);
                }
            }
            Screen::Settings => {
                if ui.button(app.t(T::Back)).clicked() {
                    app.push(Command::ShowScreen(app.previous_screen));
                }
            }
            Screen::Commission => {
                if ui.button(app.t(T::ToStart)).clicked() {
                    app.push(Command::ShowScreen(Screen::Start));
                }
            }
            Screen::Start => {}
        }
        let heading = match &app.session {
            Some(s) if app.screen == Screen::Inspection => {
                let centre = s.inspection.answers().centre_name().to_string();
                let model = s.inspection.catalogue().model(s.model());
                format!("{centre} · {}", model.title)
            }
            _ if app.screen == Screen::Commission => app.t(T::CommissionOverview).to_string(),
            _ => app.t(T::AppName).to_string(),
        };
        ui.with_layout(egui::Layout::right_to_left(Align::Center), |ui| {
            if app.screen != Screen::Settings && ui.button(app.t(T::Settings)).clicked() {
                app.push(Command::ShowScreen(Screen::Settings));
            }
            if app.screen == Screen::Inspection && ui.button(app.t(T::ExportButton)).clicked() {
                app.push(Command::OpenExport);
            }
            let other = match app.settings.language {
                Language::Uk => (Language::En, "English"),
                Language::En => (Language::Uk, "Українська"),
            };
            if ui.button(other.1).clicked() {
                app.push(Command::SetLanguage(other.0));
            }
            ui.with_layout(egui::Layout::left_to_right(Align::Center), |ui| {
                ui.add(egui::Label::new(RichText::new(heading).heading()).truncate());
            });
        });
    });
}

fn status_bar(app: &mut AkreditApp, ui: &mut Ui) {
    ui.horizontal(|ui| {
        match &app.status {
            // Only an open inspection saves anything.
            Status::Idle if app.screen == Screen::Inspection => {
                ui.label(app.t(T::NoSaveButton));
            }
            Status::Idle => {}
            Status::Saved(at) => {
                let time: String = at.chars().skip(11).take(8).collect();
                ui.label(format!("{} {time} UTC", app.t(T::Saved)));
            }
            Status::Info(text) => {
                ui.label(text);
            }
            Status::Error(text) => {
                ui.label(RichText::new(text.as_str()).color(ui.visuals().error_fg_color));
            }
        }
        ui.with_layout(egui::Layout::right_to_left(Align::Center), |ui| {
            ui.label(app.t(T::HelpHint));
            if let Some(s) = &app.session
                && app.screen == Screen::Inspection
            {
                let column = match s.key_column {
                    crate::answers::Column::Commission => app.t(T::Commission),
                    crate::answers::Column::SelfAssessment => app.t(T::SelfAssessment),
                };
                ui.label(format!("{}: {column} ·", app.t(T::KeyColumn)));
            }
        });
    });
}

fn start(app: &mut AkreditApp, ui: &mut Ui) {
    ScrollArea::vertical().show(ui, |ui| {
        ui.label(app.t(T::OrderLine));
        ui.add_space(8.0);
        ui.columns(2, |cols| {
            new_form(app, &mut cols[0]);
            open_panel(app, &mut cols[1]);
        });
    });
}

fn new_form(app: &mut AkreditApp, ui: &mut Ui) {
    ui.heading(app.t(T::NewInspection));
    ui.add_space(4.0);
    let label = ui.label(app.t(T::CentreName));
    ui.add(egui::TextEdit::singleline(&mut app.form.centre).desired_width(f32::INFINITY))
        .labelled_by(label.id);
    ui.add_space(4.0);
    ui.label(app.t(T::Model));
    for (model, help) in [
        (ModelId::Sanitary, T::ModelSanitaryHelp),
        (ModelId::Full, T::ModelFullHelp),
    ] {
        ui.radio_value(&mut app.form.model, model, help.get(app.settings.language));
    }
    ui.add_space(4.0);
    let label = ui.label(app.t(T::Expert));
    ui.add(egui::TextEdit::singleline(&mut app.form.expert).desired_width(f32::INFINITY))
        .labelled_by(label.id);
    let label = ui.label(app.t(T::VisitDate));
    ui.add(egui::TextEdit::singleline(&mut app.form.visit_date).desired_width(160.0))
        .labelled_by(label.id);
    let text = app.t(T::SelfAssessmentCheckbox);
    ui.checkbox(&mut app.form.self_assessment, text);
    let label = ui.label(app.t(T::FileLocation));
    ui.horizontal(|ui| {
        let choose = ui.button(app.t(T::Choose));
        ui.add(egui::TextEdit::singleline(&mut app.form.path).desired_width(f32::INFINITY))
            .labelled_by(label.id);
        if choose.clicked() {
            app.push(Command::BrowseSave);
        }
    });
    ui.add_space(8.0);
    if ui
        .button(RichText::new(app.t(T::Create)).strong())
        .clicked()
    {
        let date = app.form.visit_date.trim();
        app.push(Command::Create(
            app.form.path.trim().into(),
            NewInspection {
                model: app.form.model,
                centre_name: app.form.centre.trim().to_string(),
                expert: app.form.expert.trim().to_string(),
                visit_date: (!date.is_empty()).then(|| date.to_string()),
                purpose: crate::inspection::Purpose::from_self_assessment(app.form.self_assessment),
            },
        ));
    }
}

fn open_panel(app: &mut AkreditApp, ui: &mut Ui) {
    ui.heading(app.t(T::OpenInspection));
    ui.horizontal(|ui| {
        if ui.button(app.t(T::OpenFile)).clicked() {
            app.push(Command::BrowseOpen);
        }
    });
    ui.horizontal(|ui| {
        let open = ui.button(app.t(T::OpenPath));
        let field = ui
            .add(
                egui::TextEdit::singleline(&mut app.form.open_path)
                    .hint_text("/…/centre.akredit")
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(open.id);
        let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if (open.clicked() || enter) && !app.form.open_path.trim().is_empty() {
            app.push(Command::Open(app.form.open_path.trim().into()));
        }
    });
    ui.add_space(8.0);
    if ui.button(app.t(T::CommissionOverview)).clicked() {
        app.push(Command::ShowScreen(Screen::Commission));
    }
    ui.label(RichText::new(app.t(T::CommissionStartHelp)).weak());
    ui.add_space(8.0);
    ui.heading(app.t(T::Recent));
    if app.recent.is_empty() {
        ui.label(app.t(T::NoRecent));
    }
    let lang = app.settings.language;
    let mut open = None;
    let mut restore = None;
    for r in &app.recent {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            let name = r
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            match &r.state {
                RecentState::Ok {
                    centre,
                    model,
                    scored,
                    applicable,
                    last_change,
                } => {
                    if ui.link(RichText::new(centre).strong()).clicked() {
                        open = Some(r.path.clone());
                    }
                    ui.label(format!(
                        "{name} · {model} · {} {scored}/{applicable} · {} {}",
                        T::Scored.get(lang),
                        T::LastChange.get(lang),
                        last_change
                            .replace('T', " ")
                            .chars()
                            .take(16)
                            .collect::<String>()
                    ));
                }
                RecentState::Missing => {
                    ui.label(RichText::new(format!("{name} — {}", T::Missing.get(lang))).weak());
                    ui.label(RichText::new(r.path.display().to_string()).weak().small());
                }
                RecentState::Unreadable(why) => {
                    ui.label(RichText::new(format!("{name} — {}", T::Unreadable.get(lang))).weak());
                    ui.label(RichText::new(why).weak().small());
                }
                RecentState::Damaged { why, backups } => {
                    ui.label(
                        RichText::new(format!("{name} — {}", T::Damaged.get(lang)))
                            .color(ui.visuals().error_fg_color),
                    );
                    ui.label(RichText::new(why).weak().small());
                    if backups.is_empty() {
                        ui.label(RichText::new(T::NoBackups.get(lang)).weak());
                    }
                    for b in backups {
                        let when = b
                            .taken_at
                            .replace('T', " ")
                            .chars()
                            .take(16)
                            .collect::<String>();
                        let label = format!("{} {when} UTC", T::RestoreBackup.get(lang));
                        if ui.button(label).clicked() {
                            restore = Some((b.path.clone(), r.path.clone()));
                        }
                    }
                }
            }
        });
    }
    if let Some(path) = open {
        app.push(Command::Open(path));
    }
    if let Some((backup, damaged)) = restore {
        app.push(Command::RestoreBackup { backup, damaged });
    }
}

fn settings(app: &mut AkreditApp, ui: &mut Ui) {
    ScrollArea::vertical().show(ui, |ui| {
        ui.heading(app.t(T::Settings));
        ui.add_space(6.0);
        ui.label(app.t(T::Language));
        ui.horizontal(|ui| {
            for (lang, name) in [(Language::Uk, "Українська"), (Language::En, "English")]
            {
                if ui.radio(app.settings.language == lang, name).clicked() {
                    app.push(Command::SetLanguage(lang));
                }
            }
        });
        ui.label(app.t(T::TextSize));
        ui.horizontal(|ui| {
            for p in TEXT_SIZES {
                if ui
                    .radio(app.settings.text_percent == p, format!("{p} %"))
                    .clicked()
                {
                    app.push(Command::SetTextPercent(p));
                }
            }
        });
        ui.label(app.t(T::Theme));
        ui.horizontal(|ui| {
            for (theme, key) in [(Theme::Light, T::Light), (Theme::Dark, T::Dark)] {
                if ui.radio(app.settings.theme == theme, app.t(key)).clicked() {
                    app.push(Command::SetTheme(theme));
                }
            }
        });
        ui.add_space(12.0);
        ui.heading(app.t(T::About));
        ui.label(format!("akredit {}", env!("CARGO_PKG_VERSION")));
        ui.label(app.t(T::CatalogueInUse));
        ui.label(RichText::new(&app.catalogue.title).strong());
        ui.label(
            RichText::new(format!(
                "{} · SHA-256 {}",
                app.catalogue.id, app.catalogue.sha256
            ))
            .monospace(),
        );
        for m in &app.catalogue.models {
            ui.label(format!("{}: {} / {}", m.title, m.standards, m.max_points));
        }
        ui.label(app.t(T::SourceIncomplete));
        ui.add_space(6.0);
        ui.label(app.t(T::DataFolder));
        let folder = app
            .home
            .as_ref()
            .map(|h| h.root().display().to_string())
            .unwrap_or_else(|| "—".into());
        ui.label(RichText::new(folder).monospace());
    });
}

fn help(app: &mut AkreditApp, ui: &mut Ui) {
    let mut open = true;
    egui::Window::new(app.t(T::Keys))
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
        .open(&mut open)
        .show(ui.ctx(), |ui| {
            for key in [
                T::KeyMove,
                T::KeyGrade,
                T::KeySelf,
                T::KeyNa,
                T::KeyNote,
                T::KeyUndo,
                T::KeyTabs,
                T::KeySearch,
                T::KeyExport,
                T::KeyHelp,
            ] {
                ui.label(app.t(key));
            }
            if ui.button(app.t(T::Close)).clicked() {
                app.push(Command::ToggleHelp);
            }
        });
    if !open {
        app.push(Command::ToggleHelp);
    }
}

fn inspection(app: &mut AkreditApp, ui: &mut Ui) {
    let focus_search = app.session.as_mut().is_some_and(|s| {
        s.search.is_some() && s.editing.is_none() && std::mem::take(&mut s.focus_pending)
    });
    let Some(session) = &app.session else {
        return;
    };
    let lang = app.settings.language;
    egui::Panel::right("result_panel")
        .resizable(false)
        .default_size(280.0)
        .show(ui, |ui| result::panel(session, lang, ui));

    // Tabs: the centre, then one per group with its progress.
    let mut commands = Vec::new();
    egui::Panel::top("tabs").show(ui, |ui| {
        if session.is_self_assessment() {
            ui.label(
                RichText::new(T::SelfAssessmentBanner.get(lang))
                    .strong()
                    .size(16.0)
                    .color(ui.visuals().warn_fg_color),
            );
        }
        ui.horizontal_wrapped(|ui| {
            let centre = ui.selectable_label(session.tab == Tab::Centre, T::CentreTab.get(lang));
            centre.widget_info(|| {
                egui::WidgetInfo::selected(
                    egui::Role::Tab,
                    true,
                    session.tab == Tab::Centre,
                    T::CentreTab.get(lang),
                )
            });
            if centre.clicked() {
                commands.push(Command::SelectTab(Tab::Centre));
            }
            let catalogue = session.inspection.catalogue();
            for (i, group) in catalogue.groups.iter().enumerate() {
                let Some(g) = session.totals.groups.iter().find(|g| g.code == group.code) else {
                    continue;
                };
                let tally = session.main_tally(&g.commission, &g.self_assessment);
                let percent = tally.percent.map_or("—".to_string(), |p| format!("{p} %"));
                let label = format!(
                    "{} · {}/{} · {percent}",
                    group.code, tally.scored, g.applicable
                );
                let selected = session.tab == Tab::Group(i);
                let tab = ui
                    .selectable_label(selected, &label)
                    .on_hover_text(&group.title);
                tab.widget_info(|| {
                    egui::WidgetInfo::selected(egui::Role::Tab, true, selected, &label)
                });
                if tab.clicked() {
                    commands.push(Command::SelectTab(Tab::Group(i)));
                }
            }
        });
        if session.tab != Tab::Centre || session.search.is_some() {
            ui.horizontal(|ui| {
                ui.label(T::Show.get(lang));
                for (filter, key) in [
                    (Filter::All, T::FilterAll),
                    (Filter::Unscored, T::FilterUnscored),
                    (Filter::NotApplicable, T::FilterNa),
                    (Filter::WithNotes, T::FilterNotes),
                    (Filter::Divergent, T::FilterDivergent),
                ] {
                    // A centre's own file has neither N/A nor a second column to differ from.
                    if session.is_self_assessment()
                        && matches!(filter, Filter::NotApplicable | Filter::Divergent)
                    {
                        continue;
                    }
                    if ui
                        .selectable_label(session.filter == filter, key.get(lang))
                        .clicked()
                    {
                        commands.push(Command::SetFilter(filter));
                    }
                }
            });
        }
        if let Some(query) = &session.search {
            let mut text = query.clone();
            ui.horizontal(|ui| {
                let caption = ui.label(T::Search.get(lang));
                let field = ui
                    .add(
                        egui::TextEdit::singleline(&mut text)
                            .id(egui::Id::unique("search_field"))
                            .desired_width(320.0),
                    )
                    .labelled_by(caption.id);
                if focus_search {
                    field.request_focus();
                    ui.ctx().request_repaint();
                }
                if field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                    let hit = session
                        .inspection
                        .catalogue()
                        .search(session.model(), &text)
                        .first()
                        .map(|s| s.code.clone());
                    if let Some(code) = hit {
                        commands.push(Command::Search(None));
                        commands.push(Command::Focus(code));
                    }
                }
                if ui.button(T::Close.get(lang)).clicked() {
                    commands.push(Command::Search(None));
                }
            });
            if text != *query {
                commands.push(Command::Search(Some(text)));
            }
        }
    });

    let (searching, tab) = (session.search.is_some(), session.tab);
    egui::CentralPanel::default().show(ui, |ui| {
        if searching {
            standards::search_results(app, ui);
        } else {
            match tab {
                Tab::Centre => centre_tab(app, ui),
                Tab::Group(i) => standards::group_tab(app, i, ui),
            }
        }
    });
    for c in commands {
        app.push(c);
    }
}

fn centre_tab(app: &mut AkreditApp, ui: &mut Ui) {
    let lang = app.settings.language;
    let Some(session) = &mut app.session else {
        return;
    };
    let mut changes = Vec::new();
    let mut commands = Vec::new();
    ScrollArea::vertical().show(ui, |ui| {
        let catalogue = session.inspection.catalogue().clone();
        let meta = session.inspection.meta().clone();
        let is_self = session.is_self_assessment();
        ui.heading(T::InspectionFacts.get(lang));
        ui.label(format!(
            "{}: {} · {}: {} · {}",
            T::Expert.get(lang),
            meta.expert,
            T::VisitDate.get(lang),
            meta.visit_date.as_deref().unwrap_or("—"),
            session.inspection.path().display()
        ));
        if !is_self {
            ui.add_space(6.0);
            super::self_import::section(session, lang, ui, &mut commands);
            ui.add_space(6.0);
        }
        // "Not applicable" is the commission's decision: no presets in a centre's file.
        for preset in catalogue.presets.iter().filter(|_| !is_self) {
            let model = session.model();
            let answers = session.inspection.answers();
            let mut on = crate::answers::preset_applied(&catalogue, model, preset, answers);
            let codes: Vec<&crate::catalogue::Code> =
                crate::answers::preset_plan(&catalogue, model, preset, true)
                    .dropped
                    .into_iter()
                    .map(|(c, _)| c)
                    .collect();
            let title = match lang {
                Language::Uk => &preset.title,
                Language::En => &preset.title_en,
            };
            if ui
                .checkbox(&mut on, RichText::new(title).strong())
                .changed()
            {
                changes.extend(crate::answers::preset_plan(&catalogue, model, preset, on).changes);
            }
            ui.label(format!(
                "{} {}",
                T::PresetDrops.get(lang),
                codes
                    .iter()
                    .map(|c| c.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
            egui::CollapsingHeader::new(T::PresetWhy.get(lang))
                .id_salt(("preset_why", &preset.id))
                .show(ui, |ui| {
                    for c in &codes {
                        let why = preset.reasons.get(*c).map_or("", String::as_str);
                        ui.label(format!("{c} — {why}"));
                    }
                    ui.label(RichText::new(T::PresetKeeps.get(lang)).strong());
                    for (c, why) in &preset.not_dropped {
                        ui.label(format!("{c} — {why}"));
                    }
                });
        }
        ui.add_space(8.0);
        ui.heading(T::ApplicationForm.get(lang));
        egui::Grid::new("form")
            .num_columns(2)
            .striped(true)
            .show(ui, |ui| {
                for field in &catalogue.application_form {
                    let caption = ui.label(&field.title);
                    let key = format!("centre:{}", field.id);
                    let stored = session
                        .inspection
                        .answers()
                        .centre
                        .get(&field.id)
                        .cloned()
                        .unwrap_or_default();
                    let buffer = session.buffers.entry(key.clone()).or_insert(stored.clone());
                    let response = ui
                        .add(egui::TextEdit::singleline(buffer).desired_width(420.0))
                        .labelled_by(caption.id);
                    if response.lost_focus() {
                        if buffer.trim() != stored {
                            changes.push(Change::Centre {
                                field: field.id.clone(),
                                value: buffer.trim().to_string(),
                            });
                        }
                        session.buffers.remove(&key);
                    } else if !response.has_focus() {
                        *buffer = stored;
                    }
                    ui.end_row();
                }
            });
        ui.add_space(8.0);
        ui.heading(T::Documents.get(lang));
        egui::Grid::new("documents")
            .num_columns(3)
            .striped(true)
            .show(ui, |ui| {
                for doc in &catalogue.documents {
                    let check = session
                        .inspection
                        .answers()
                        .documents
                        .get(&doc.number)
                        .cloned()
                        .unwrap_or_default();
                    // A grid column is as narrow as its widest unwrapped cell allows, so
                    // a wrapping title needs a width of its own.
                    let caption = ui
                        .scope(|ui| {
                            ui.set_width(340.0);
                            ui.add(
                                egui::Label::new(format!("{}. {}", doc.number, doc.title)).wrap(),
                            )
                        })
                        .inner;
                    ui.horizontal(|ui| {
                        for (value, key) in [
                            (Some(true), T::Present),
                            (Some(false), T::Absent),
                            (None, T::NotChecked),
                        ] {
                            let r = ui.selectable_label(check.present == value, key.get(lang));
                            r.widget_info(|| {
                                egui::WidgetInfo::selected(
                                    egui::Role::Button,
                                    true,
                                    check.present == value,
                                    format!("{} {}", doc.number, key.get(lang)),
                                )
                            });
                            if r.clicked() && check.present != value {
                                changes.push(Change::DocumentPresent {
                                    number: doc.number,
                                    present: value,
                                });
                            }
                        }
                    });
                    let key = format!("doc:{}", doc.number);
                    let buffer = session
                        .buffers
                        .entry(key.clone())
                        .or_insert(check.note.clone());
                    let response = ui
                        .add(
                            egui::TextEdit::singleline(buffer)
                                .hint_text(T::DocNote.get(lang))
                                .desired_width(220.0),
                        )
                        .labelled_by(caption.id);
                    if response.lost_focus() {
                        if buffer.trim() != check.note {
                            changes.push(Change::DocumentNote {
                                number: doc.number,
                                text: buffer.trim().to_string(),
                            });
                        }
                        session.buffers.remove(&key);
                    } else if !response.has_focus() {
                        *buffer = check.note.clone();
                    }
                    ui.end_row();
                }
            });
        ui.add_space(8.0);
    });
    if !changes.is_empty() {
        app.push(Command::Apply(changes));
    }
    for c in commands {
        app.push(c);
    }
}

/// The colour of a category, calm rather than alarming.
pub fn category_colour(category: crate::scoring::Category, ui: &Ui) -> Color32 {
    use crate::scoring::Category;
    let dark = ui.visuals().dark_mode;
    match (category, dark) {
        (Category::Higher, false) => Color32::from_rgb(0x1b, 0x6e, 0x3a),
        (Category::Higher, true) => Color32::from_rgb(0x7e, 0xd3, 0x9a),
        (Category::First, false) => Color32::from_rgb(0x1f, 0x5f, 0x9e),
        (Category::First, true) => Color32::from_rgb(0x8a, 0xbd, 0xef),
        (Category::Second, false) => Color32::from_rgb(0x8a, 0x5a, 0x00),
        (Category::Second, true) => Color32::from_rgb(0xe8, 0xc0, 0x6a),
        (Category::None, _) => ui.visuals().weak_text_color(),
    }
}
