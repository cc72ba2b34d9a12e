//! The preferences: language, text size, theme, how the keys move; saved in the data
//! folder at once.

use crate::support::settings::{Language, Settings, Theme};
use crate::ui::app::{AkreditApp, Status};
use crate::ui::i18n::T;

impl AkreditApp {
    /// Sets the interface language.
    pub(super) fn set_language(&mut self, lang: Language) {
        self.settings.language = lang;
        self.save_settings();
        // The recent list words what is wrong with a damaged file in the language.
        self.refresh_recent();
    }

    /// Sets the text size.
    pub(super) fn set_text_percent(&mut self, percent: u16) {
        self.settings.text_percent = percent;
        self.save_settings();
    }

    /// Sets the colour scheme.
    pub(super) fn set_theme(&mut self, theme: Theme) {
        self.settings.theme = theme;
        self.save_settings();
    }

    /// Sets whether moving down or up passes over standards marked not applicable.
    pub(super) fn set_skip_not_applicable(&mut self, on: bool) {
        self.settings.skip_not_applicable = on;
        self.save_settings();
    }

    /// Sets whether a grade typed on the keyboard moves on to the next standard.
    pub(super) fn set_auto_advance(&mut self, on: bool) {
        self.settings.auto_advance = on;
        self.save_settings();
    }

    /// Writes the settings; a failure is said in the status bar (they still hold for this
    /// session).
    pub(in crate::ui) fn save_settings(&mut self) {
        if let Some(home) = &self.home
            && let Err(e) = self.settings.save(home)
        {
            self.status = Status::Error(format!(
                "{} ({}): {e}",
                self.t(T::SettingsNotSaved),
                Settings::path(home).display()
            ));
        }
    }
}
