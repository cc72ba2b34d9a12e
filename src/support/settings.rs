//! The user's preferences, recent files and where the expert stopped in each, kept in
//! `$AKREDIT_HOME/settings.json`.
//!
//! Written atomically (a temporary file renamed over the old one), and read leniently:
//! a missing or unreadable settings file gives the defaults, never an error that blocks
//! the expert's work.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::support::home::Home;

/// How many recent inspections are remembered.
pub const RECENT_MAX: usize = 12;

/// The interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// Українська (the default).
    #[default]
    Uk,
    /// English.
    En,
}

/// The colour scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    /// Light (the default: easier to read in a bright room).
    #[default]
    Light,
    /// Dark.
    Dark,
}

/// The user's preferences.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Interface language.
    pub language: Language,
    /// Text size as a percentage of the normal size (100, 125, 150, 175, 200).
    pub text_percent: u16,
    /// Colour scheme.
    pub theme: Theme,
    /// Recently opened inspections, most recent first.
    pub recent: Vec<PathBuf>,
    /// The commission overview's last folder (or file) of results, as typed or chosen.
    #[serde(default)]
    pub commission_folder: String,
    /// The commission overview's trusted keys, as typed (paths or base64 keys).
    #[serde(default)]
    pub commission_trusted: String,
    /// The trusted lists, CA certificates and CRLs the КЕП checks use, as typed (one
    /// path per line), for the КЕП screen and the commission overview alike.
    #[serde(default)]
    pub kep_trust: String,
    /// Whether moving down or up (↓, ↑, J, K) passes over standards marked not applicable.
    pub skip_not_applicable: bool,
    /// Whether a grade typed on the keyboard moves the focus to the next standard.
    pub auto_advance: bool,
    /// Whether a photo attached in the window whose longer side is more than
    /// [`crate::inspection::downscale::WINDOW_SIDE`] is kept as a smaller copy (its
    /// original named by its SHA-256 in the record). Off unless the expert turns it on.
    #[serde(default)]
    pub reduce_photos: bool,
    /// Where the expert stopped in each recent inspection (kept here, never in the file).
    pub places: Vec<Place>,
    /// The expert's name as last given for a new inspection: the start form's default
    /// (empty in settings files written before it was kept).
    #[serde(default)]
    pub expert: String,
}

/// Where the expert stopped in an inspection: the standard focused and whether the
/// centre's tab was shown (otherwise the focused standard's group tab).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Place {
    /// The inspection file, as the recent list names it.
    pub path: PathBuf,
    /// The code of the standard focused, if any.
    pub standard: Option<String>,
    /// Whether the centre's tab was shown.
    pub centre_tab: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            language: Language::Uk,
            text_percent: 125,
            theme: Theme::Light,
            recent: Vec::new(),
            commission_folder: String::new(),
            commission_trusted: String::new(),
            kep_trust: String::new(),
            skip_not_applicable: true,
            auto_advance: false,
            reduce_photos: false,
            places: Vec::new(),
            expert: String::new(),
        }
    }
}

/// The text sizes offered.
pub const TEXT_SIZES: [u16; 5] = [100, 125, 150, 175, 200];

impl Settings {
    /// Where the settings live.
    pub fn path(home: &Home) -> PathBuf {
        home.root().join("settings.json")
    }

    /// Reads the settings; defaults if there are none or they cannot be read.
    pub fn load(home: &Home) -> Settings {
        fs::read_to_string(Settings::path(home))
            .ok()
            .and_then(|text| serde_json::from_str::<Settings>(&text).ok())
            .map(Settings::sanitized)
            .unwrap_or_default()
    }

    fn sanitized(mut self) -> Settings {
        if !TEXT_SIZES.contains(&self.text_percent) {
            self.text_percent = 125;
        }
        self.recent.truncate(RECENT_MAX);
        self.forget_places_of_others();
        self
    }

    /// Writes the settings atomically.
    pub fn save(&self, home: &Home) -> io::Result<()> {
        fs::create_dir_all(home.root())?;
        let path = Settings::path(home);
        let tmp = path.with_extension("json.tmp");
        let text = serde_json::to_string_pretty(self).map_err(io::Error::from)?;
        fs::write(&tmp, text)?;
        fs::rename(&tmp, &path)
    }

    /// Puts `file` first in the recent list.
    pub fn remember(&mut self, file: &Path) {
        let file = canonical(file);
        self.recent.retain(|p| p != &file);
        self.recent.insert(0, file);
        self.recent.truncate(RECENT_MAX);
        self.forget_places_of_others();
    }

    /// Where the expert stopped in `file`, if it is remembered.
    pub fn place(&self, file: &Path) -> Option<&Place> {
        let file = canonical(file);
        self.places.iter().find(|p| p.path == file)
    }

    /// Remembers where the expert stopped in `file` (one of the recent files).
    pub fn set_place(&mut self, file: &Path, standard: Option<String>, centre_tab: bool) {
        let path = canonical(file);
        self.places.retain(|p| p.path != path);
        self.places.push(Place {
            path,
            standard,
            centre_tab,
        });
        self.forget_places_of_others();
    }

    /// Keeps only the places of files in the recent list, so the list bounds them.
    fn forget_places_of_others(&mut self) {
        let recent = &self.recent;
        self.places.retain(|p| recent.contains(&p.path));
    }
}

/// A file's path as the recent list keeps it.
fn canonical(file: &Path) -> PathBuf {
    fs::canonicalize(file).unwrap_or_else(|_| file.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_defaults() {
        let dir = tempfile::tempdir().expect("tempdir");
        let home = Home::at(dir.path().join("h"));
        assert_eq!(Settings::load(&home), Settings::default());
        let mut s = Settings {
            language: Language::En,
            text_percent: 150,
            theme: Theme::Dark,
            recent: Vec::new(),
            commission_folder: "/results/2026".into(),
            commission_trusted: "/keys/ivanenko-identity.json".into(),
            kep_trust: "/trust/TL-UA-DSTU.xml".into(),
            skip_not_applicable: false,
            auto_advance: true,
            reduce_photos: true,
            places: Vec::new(),
            expert: "Іваненко Іван Іванович".into(),
        };
        for i in 0..20 {
            s.remember(Path::new(&format!("/nowhere/{i}.akredit")));
        }
        s.remember(Path::new("/nowhere/3.akredit"));
        assert_eq!(s.recent.len(), RECENT_MAX);
        assert_eq!(s.recent[0], Path::new("/nowhere/3.akredit"));
        s.set_place(Path::new("/nowhere/3.akredit"), Some("1.2.3".into()), false);
        s.set_place(Path::new("/nowhere/not-recent.akredit"), None, true);
        assert_eq!(s.places.len(), 1, "only recent files keep a place");
        s.save(&home).expect("save");
        assert_eq!(Settings::load(&home), s);
        let place = s.place(Path::new("/nowhere/3.akredit")).expect("place");
        assert_eq!(place.standard.as_deref(), Some("1.2.3"));
    }

    #[test]
    fn a_settings_file_of_an_earlier_version_still_loads() {
        let dir = tempfile::tempdir().expect("tempdir");
        let home = Home::at(dir.path());
        let old = r#"{"language":"en","text_percent":150,"theme":"dark","recent":[]}"#;
        fs::write(Settings::path(&home), old).expect("write");
        let s = Settings::load(&home);
        assert_eq!((s.language, s.text_percent), (Language::En, 150));
        assert!(s.skip_not_applicable && !s.auto_advance && s.places.is_empty());
        assert!(s.commission_folder.is_empty() && s.commission_trusted.is_empty());
        assert_eq!(s.expert, "", "no expert remembered yet");
        assert!(!s.reduce_photos, "photos kept as given unless asked");
        // A file of the keyboard flow's version (places, no expert) loads whole too.
        let keys = r#"{"language":"uk","text_percent":125,"theme":"light","recent":["/x.akredit"],
            "skip_not_applicable":false,"auto_advance":true,
            "places":[{"path":"/x.akredit","standard":"1.1.1.1","centre_tab":false}]}"#;
        fs::write(Settings::path(&home), keys).expect("write");
        let s = Settings::load(&home);
        assert!(!s.skip_not_applicable && s.auto_advance && s.places.len() == 1);
        assert_eq!(s.expert, "");
    }

    #[test]
    fn broken_settings_give_defaults() {
        let dir = tempfile::tempdir().expect("tempdir");
        let home = Home::at(dir.path());
        fs::write(Settings::path(&home), "{ not json").expect("write");
        assert_eq!(Settings::load(&home), Settings::default());
        fs::write(Settings::path(&home), r#"{"text_percent": 7}"#).expect("write");
        assert_eq!(Settings::load(&home).text_percent, 125);
    }
}
