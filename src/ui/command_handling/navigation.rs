//! Moving about the window: screens, tabs, the focused standard, the filter and search,
//! and the column the keys grade. Nothing here writes to a file.

use crate::answers::Column;
use crate::catalogue::Code;
use crate::ui::app::AkreditApp;
use crate::ui::session::{PendingLetters, Session};
use crate::ui::view::{Filter, Screen, Tab};

impl AkreditApp {
    /// Shows a screen (the start screen with its recent list read again).
    pub(super) fn show_screen(&mut self, screen: Screen) {
        if screen == Screen::Settings && self.screen != Screen::Settings {
            self.previous_screen = self.screen;
        }
        if screen == Screen::Start {
            self.refresh_recent();
        }
        self.screen = screen;
    }

    /// Shows a tab; on a group tab the focus moves to its first standard, shown from the
    /// top of the tab, unless the focus is already in that group (then it is scrolled to).
    pub(super) fn select_tab(&mut self, tab: Tab) {
        let Some(s) = &mut self.session else {
            return;
        };
        let switched = s.tab != tab;
        s.tab = tab;
        if let Tab::Group(i) = tab {
            let keep = s
                .focused
                .as_ref()
                .is_some_and(|c| s.inspection.catalogue().group_index(c) == Some(i));
            if !keep {
                s.focused = s.first_shown_in_group(i);
                s.pending_letters = PendingLetters::default();
            }
            if switched {
                s.scroll_to_top |= !keep;
                s.scroll_to_focus |= keep;
            }
        }
    }

    /// Focuses a standard, switching to its group's tab and scrolling it into view.
    pub(super) fn focus(&mut self, code: Code) {
        if let Some(s) = &mut self.session {
            if let Some(i) = s.inspection.catalogue().group_index(&code) {
                s.tab = Tab::Group(i);
            }
            // A recommendation R opened stays open only while its standard is focused.
            if s.recommending.as_ref() != Some(&code) {
                s.recommending = None;
            }
            s.focused = Some(code);
            s.scroll_to_focus = true;
            s.pending_letters = PendingLetters::default();
        }
    }

    /// Moves the focus by `step` standards: through the search's hits while it is open,
    /// otherwise through the standards the filter shows, across groups (passing over
    /// those not applicable, if the settings say so).
    pub(super) fn move_focus(&mut self, step: isize) {
        let skip_na = self.settings.skip_not_applicable;
        let Some(s) = &self.session else {
            return;
        };
        let order = in_view_order(s, skip_na);
        if order.is_empty() {
            return;
        }
        let current = s
            .focused
            .as_ref()
            .and_then(|c| order.iter().position(|o| o == c));
        let next = match current {
            Some(i) => i.saturating_add_signed(step).min(order.len() - 1),
            None => 0,
        };
        let Some(code) = order.into_iter().nth(next) else {
            return;
        };
        if s.search.is_some() {
            if let Some(s) = &mut self.session {
                s.focused = Some(code);
                s.scroll_to_focus = true;
                s.pending_letters = PendingLetters::default();
            }
        } else {
            self.focus(code);
        }
    }

    /// Sets the filter of group tabs.
    pub(super) fn set_filter(&mut self, filter: Filter) {
        if let Some(s) = &mut self.session {
            s.filter = filter;
        }
    }

    /// Opens the search with its text (its field then takes the keyboard), or closes it.
    pub(super) fn search(&mut self, text: Option<String>) {
        if let Some(s) = &mut self.session {
            s.focus_pending |= s.search.is_none() && text.is_some();
            if s.search != text {
                s.search = text;
                s.search_again();
            }
        }
    }

    /// Switches the keys between the commission's and the self-assessment's column (a
    /// centre's own file has only the latter).
    pub(super) fn toggle_key_column(&mut self) {
        if let Some(s) = &mut self.session
            && !s.is_self_assessment()
        {
            s.key_column = match s.key_column {
                Column::Commission => Column::SelfAssessment,
                Column::SelfAssessment => Column::Commission,
            };
            // Letters typed for one column do not finish in the other.
            s.pending_letters = PendingLetters::default();
        }
    }
}

/// The standards the arrow keys walk through: the search's hits, or those the filter
/// shows (and the focused one); with `skip_na`, not those marked not applicable, unless
/// the filter shows only these.
fn in_view_order(s: &Session, skip_na: bool) -> Vec<Code> {
    let skip_na = skip_na && s.filter != Filter::NotApplicable;
    let answers = s.inspection.answers();
    let catalogue = s.inspection.catalogue();
    match &s.search {
        Some(_) => s.hits.iter().map(|h| h.code.clone()).collect(),
        None => catalogue
            .model_standards(s.model())
            .filter(|st| {
                let walked = s.passes(&st.code) && !(skip_na && answers.get(&st.code).is_na());
                walked || Some(&st.code) == s.focused.as_ref()
            })
            .map(|st| st.code.clone())
            .collect(),
    }
}
