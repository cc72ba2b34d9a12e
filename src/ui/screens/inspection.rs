//! The open inspection: the result panel on the right, the tabs (the centre, then one per
//! group with its progress, then the recommendations), the filters and the search above,
//! and the tab's content.

use egui::{RichText, Ui};

use super::{centre, group, recommendations, result};
use crate::support::settings::Language;
use crate::ui::app::AkreditApp;
use crate::ui::command::Command;
use crate::ui::i18n::{self, T};
use crate::ui::session::Session;
use crate::ui::style;
use crate::ui::view::{Filter, Tab};

/// Draws the inspection screen.
pub fn show(app: &mut AkreditApp, ui: &mut Ui) {
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

    let mut commands = Vec::new();
    egui::Panel::top("tabs").show(ui, |ui| {
        if session.is_self_assessment() {
            ui.label(
                RichText::new(T::SelfAssessmentBanner.get(lang))
                    .strong()
                    .size(style::BANNER_SIZE)
                    .color(ui.visuals().warn_fg_color),
            );
        }
        if let Some(member) = session.part_member() {
            part_banner(session, member, lang, ui);
        }
        ui.horizontal_wrapped(|ui| tabs(session, lang, ui, &mut commands));
        if session.key_column != session.main_column() {
            let visuals = ui.visuals();
            ui.label(
                RichText::new(T::KeysGradeSelf.get(lang))
                    .strong()
                    .color(visuals.strong_text_color())
                    .background_color(visuals.selection.bg_fill),
            );
        }
        if matches!(session.tab, Tab::Group(_)) || session.search.is_some() {
            ui.horizontal_wrapped(|ui| filters(session, lang, ui, &mut commands));
            if !session.inspection.answers().team.is_empty() {
                ui.horizontal_wrapped(|ui| team_filter(session, lang, ui, &mut commands));
            }
        }
        if let Some(query) = &session.search {
            search_row(session, query, focus_search, lang, ui, &mut commands);
        }
    });

    let (searching, tab) = (session.search.is_some(), session.tab);
    egui::CentralPanel::default().show(ui, |ui| {
        if searching {
            group::search_results(app, ui);
        } else {
            match tab {
                Tab::Centre => centre::show(app, ui),
                Tab::Group(i) => group::group_tab(app, i, ui),
                Tab::Recommendations => recommendations::tab(app, ui),
            }
        }
    });
    for c in commands {
        app.push(c);
    }
}

/// The tabs: the centre, then one per group with its progress and percent, then the
/// recommendations (the expert group's, so not in a centre's own file).
fn tabs(session: &Session, lang: Language, ui: &mut Ui, commands: &mut Vec<Command>) {
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
    let evidence = session.evidence_counts();
    for (i, group) in catalogue.groups.iter().enumerate() {
        let Some(g) = session.totals.groups.iter().find(|g| g.code == group.code) else {
            continue;
        };
        let tally = session.main_tally(&g.commission, &g.self_assessment);
        let percent = crate::ui::style::percent(tally.percent, lang);
        let mut label = format!(
            "{} · {}/{} · {percent}",
            group.code, tally.scored, g.applicable
        );
        let mut hover = group.title.clone();
        // The photos and scans of its standards, "· докази: 3".
        if let Some(n) = evidence.groups.get(&group.code) {
            label = format!("{label} · {}: {n}", T::EvidenceTab.get(lang));
            hover = format!("{hover}\n{}: {n}", T::EvidenceCount.get(lang));
        }
        // With a filter on, how many standards it shows in the group, "(2)" as on the
        // filter's button; a group where it shows none is greyed.
        let mut empty = false;
        if let Some(word) = i18n::filter_word(session.filter) {
            let n = session.filter_counts.in_group(session.filter, i);
            label = format!("{label} · ({n})");
            hover = format!("{hover}\n{}: {n}", word.get(lang));
            empty = n == 0;
        }
        let selected = session.tab == Tab::Group(i);
        let text = if empty {
            RichText::new(&label).weak()
        } else {
            RichText::new(&label)
        };
        let tab = ui.selectable_label(selected, text).on_hover_text(hover);
        tab.widget_info(|| egui::WidgetInfo::selected(egui::Role::Tab, true, selected, &label));
        if tab.clicked() {
            commands.push(Command::SelectTab(Tab::Group(i)));
        }
    }
    if session.is_self_assessment() {
        return;
    }
    let label = recommendations::tab_label(session, lang);
    let selected = session.tab == Tab::Recommendations;
    let tab = ui.selectable_label(selected, &label);
    tab.widget_info(|| egui::WidgetInfo::selected(egui::Role::Tab, true, selected, &label));
    if tab.clicked() {
        commands.push(Command::SelectTab(Tab::Recommendations));
    }
}

/// "Show: all · unscored · N/A · with notes · divergent".
fn filters(session: &Session, lang: Language, ui: &mut Ui, commands: &mut Vec<Command>) {
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
        // How many it shows across the groups.
        let label = match filter {
            Filter::All => key.get(lang).to_string(),
            _ => format!(
                "{} ({})",
                key.get(lang),
                session.filter_counts.total(filter)
            ),
        };
        if ui
            .selectable_label(session.filter == filter, label)
            .clicked()
        {
            commands.push(Command::SetFilter(filter));
        }
    }
}

/// A member's part file says so, with whose it is and their groups.
fn part_banner(session: &Session, member: &str, lang: Language, ui: &mut Ui) {
    let groups = session
        .inspection
        .answers()
        .team
        .get(member)
        .map(|m| {
            m.groups
                .iter()
                .map(|g| g.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        })
        .filter(|g| !g.is_empty())
        .map_or(String::new(), |g| {
            format!(" · {} {g}", T::PartGroups.get(lang))
        });
    ui.label(
        RichText::new(format!("{} {member}{groups}", T::PartBanner.get(lang)))
            .strong()
            .color(ui.visuals().hyperlink_color),
    );
}

/// "Member: everyone · NAME · NAME", and for the member chosen "their groups · graded by
/// them".
fn team_filter(session: &Session, lang: Language, ui: &mut Ui, commands: &mut Vec<Command>) {
    use crate::ui::view::TeamFilter;
    ui.label(T::TeamFilterLabel.get(lang));
    let chosen = session.team_filter.as_ref().map(TeamFilter::member);
    if ui
        .selectable_label(chosen.is_none(), T::TeamFilterEveryone.get(lang))
        .clicked()
    {
        commands.push(Command::SetTeamFilter(None));
    }
    for name in session.inspection.answers().team.keys() {
        let on = chosen == Some(name.as_str());
        let r = ui.selectable_label(on, name);
        let label = format!("{} {name}", T::TeamFilterLabel.get(lang));
        r.widget_info(|| egui::WidgetInfo::selected(egui::Role::Button, true, on, &label));
        if r.clicked() && !on {
            commands.push(Command::SetTeamFilter(Some(TeamFilter::Assigned(
                name.clone(),
            ))));
        }
    }
    let Some(filter) = &session.team_filter else {
        return;
    };
    ui.separator();
    let name = filter.member().to_string();
    for (choice, word) in [
        (TeamFilter::Assigned(name.clone()), T::TeamFilterAssigned),
        (TeamFilter::GradedBy(name), T::TeamFilterGraded),
    ] {
        let on = *filter == choice;
        if ui.selectable_label(on, word.get(lang)).clicked() && !on {
            commands.push(Command::SetTeamFilter(Some(choice)));
        }
    }
}

/// The search field (Enter goes to the first hit) and its Close button.
fn search_row(
    session: &Session,
    query: &str,
    focus: bool,
    lang: Language,
    ui: &mut Ui,
    commands: &mut Vec<Command>,
) {
    let mut text = query.to_string();
    ui.horizontal(|ui| {
        let caption = ui.label(T::Search.get(lang));
        let field = ui
            .add(
                egui::TextEdit::singleline(&mut text)
                    .id(egui::Id::unique("search_field"))
                    .desired_width(320.0),
            )
            .labelled_by(caption.id);
        if focus {
            field.request_focus();
            ui.ctx().request_repaint();
        }
        // The hits are of the text as it was when this frame began (the query typed in
        // this frame is found at the end of it): Enter comes after the typing's frame.
        if field.lost_focus()
            && ui.input(|i| i.key_pressed(egui::Key::Enter))
            && let Some(code) = session.hits.first().map(|h| h.code.clone())
        {
            commands.push(Command::Search(None));
            commands.push(Command::Focus(code));
        }
        if ui.button(T::Close.get(lang)).clicked() {
            commands.push(Command::Search(None));
        }
    });
    if text != query {
        commands.push(Command::Search(Some(text)));
    }
}
