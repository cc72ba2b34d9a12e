//! The start screen's recent inspections: what can be read of each (its centre, progress
//! and last change; missing; damaged, with its newest backups), and where that reading
//! happens. Reading means opening up to a dozen SQLite files: the window does it on a
//! background thread and takes the list when it has arrived (the commission runner's
//! pattern), so that going back to the start screen never waits for a slow disk.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError};

use crate::catalogue::{Catalogue, ModelId};
use crate::inspection::backup::{self, BackupInfo};
use crate::inspection::{Access, Inspection};
use crate::scoring;
use crate::support::home::Home;
use crate::support::settings::Language;
use crate::ui::i18n;

/// A line of the recent-files list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecentInfo {
    /// The file.
    pub path: PathBuf,
    /// What could be read of it.
    pub state: RecentState,
}

/// What is known of a recent file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecentState {
    /// The file is gone.
    Missing,
    /// It cannot be read (the reason, in the interface's language).
    Unreadable(String),
    /// It can be read, but is damaged: it opens only from a backup.
    Damaged {
        /// What is wrong.
        why: String,
        /// Its backups, newest first (at most a few).
        backups: Vec<BackupInfo>,
    },
    /// Its facts.
    Ok {
        /// The centre's name.
        centre: String,
        /// The model.
        model: ModelId,
        /// Graded standards.
        scored: usize,
        /// Applicable standards.
        applicable: usize,
        /// Time of the last change.
        last_change: String,
    },
}

/// How many backups of a damaged inspection the start screen offers to restore.
const BACKUPS_OFFERED: usize = 3;

/// What is needed to read the list, owned so that it can go to another thread.
#[derive(Debug, Clone)]
pub(in crate::ui) struct Request {
    /// The files, newest first.
    pub paths: Vec<PathBuf>,
    /// The catalogue they are read with.
    pub catalogue: Arc<Catalogue>,
    /// The data folder (its backups).
    pub home: Option<Home>,
    /// The language the reasons are worded in.
    pub lang: Language,
}

impl Request {
    /// Reads every file of the list (read-only: nothing is written).
    pub fn read(&self) -> Vec<RecentInfo> {
        self.paths
            .iter()
            .map(|path| RecentInfo {
                path: path.clone(),
                state: state_of(path, &self.catalogue, self.home.as_ref(), self.lang),
            })
            .collect()
    }
}

fn state_of(
    path: &Path,
    catalogue: &Arc<Catalogue>,
    home: Option<&Home>,
    lang: Language,
) -> RecentState {
    if !path.exists() {
        return RecentState::Missing;
    }
    match Inspection::open(path, catalogue.clone(), Access::ReadOnly) {
        // A damaged file cannot be opened for changes: say so before it is clicked.
        Ok(insp) if !insp.problems().is_empty() => {
            let mut backups = home
                .and_then(|h| backup::list(&h.backups(), &insp.meta().inspection_id).ok())
                .unwrap_or_default();
            backups.reverse();
            backups.truncate(BACKUPS_OFFERED);
            RecentState::Damaged {
                why: i18n::problems(insp.problems(), lang),
                backups,
            }
        }
        Ok(insp) => {
            let totals = scoring::totals(catalogue, insp.meta().model, insp.answers());
            let last_change = insp.last_change_at().ok().flatten().unwrap_or_default();
            RecentState::Ok {
                centre: insp.answers().centre_name().to_string(),
                model: insp.meta().model,
                // A centre's own file is filled in its self-assessment column.
                scored: match insp.meta().purpose {
                    crate::inspection::Purpose::SelfAssessment => totals.self_assessment.scored,
                    crate::inspection::Purpose::Inspection => totals.commission.scored,
                },
                applicable: totals.applicable,
                last_change,
            }
        }
        Err(e) => RecentState::Unreadable(i18n::error(&e, lang)),
    }
}

/// Where the list is read: on the calling thread (tests and benchmarks, which look at
/// the list right after asking for it), or on a background thread (the window).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(in crate::ui) enum Reads {
    /// At once, on the calling thread.
    Here,
    /// On a thread of its own; [`RecentReader::poll`] takes the list when it is there.
    Background,
}

/// Reads the recent list, here or in the background.
#[derive(Debug)]
pub(in crate::ui) struct RecentReader {
    reads: Reads,
    pending: Option<Receiver<Vec<RecentInfo>>>,
}

impl RecentReader {
    /// Where this reader reads (and so where the window's other slow reads go).
    pub fn reads(&self) -> Reads {
        self.reads
    }

    /// A reader that reads where `reads` says.
    pub fn new(reads: Reads) -> RecentReader {
        RecentReader {
            reads,
            pending: None,
        }
    }

    /// Reads the list: returns it when read here; otherwise starts a background read
    /// (replacing one still running, whose list is then dropped) and returns `None`.
    pub fn request(&mut self, request: Request) -> Option<Vec<RecentInfo>> {
        if self.reads == Reads::Here {
            return Some(request.read());
        }
        let (sender, receiver) = std::sync::mpsc::channel();
        let job = request.clone();
        let spawned = std::thread::Builder::new()
            .name("akredit-recent".into())
            .spawn(move || {
                // Nobody listens when a newer read replaced this one: the list is dropped.
                sender.send(job.read()).ok();
            });
        match spawned {
            Ok(_) => {
                self.pending = Some(receiver);
                None
            }
            // No thread to be had: read here rather than not at all.
            Err(_) => {
                self.pending = None;
                Some(request.read())
            }
        }
    }

    /// The list from the background read, once it has arrived.
    pub fn poll(&mut self) -> Option<Vec<RecentInfo>> {
        let receiver = self.pending.as_ref()?;
        match receiver.try_recv() {
            Ok(list) => {
                self.pending = None;
                Some(list)
            }
            Err(TryRecvError::Empty) => None,
            // The thread died: the list shown stays as it was.
            Err(TryRecvError::Disconnected) => {
                self.pending = None;
                None
            }
        }
    }

    /// Whether a background read is running.
    pub fn is_reading(&self) -> bool {
        self.pending.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inspection::NewInspection;

    /// A list of an inspection made in `dir` and a file that is gone.
    fn request(dir: &Path) -> Request {
        let catalogue = Arc::new(Catalogue::builtin().expect("catalogue"));
        let file = dir.join("c.akredit");
        Inspection::create(
            &file,
            catalogue.clone(),
            &NewInspection {
                model: ModelId::Full,
                centre_name: "Центр".into(),
                expert: "Е.".into(),
                visit_date: None,
                purpose: Default::default(),
            },
        )
        .expect("create");
        Request {
            paths: vec![file, dir.join("gone.akredit")],
            catalogue,
            home: None,
            lang: Language::Uk,
        }
    }

    #[test]
    fn the_background_read_gives_what_a_read_here_gives() {
        let dir = tempfile::tempdir().expect("tempdir");
        let request = request(dir.path());
        let here = RecentReader::new(Reads::Here)
            .request(request.clone())
            .expect("read at once");
        assert_eq!(here[1].state, RecentState::Missing);
        assert!(matches!(&here[0].state, RecentState::Ok { centre, .. } if centre == "Центр"));

        let mut reader = RecentReader::new(Reads::Background);
        assert!(reader.request(request).is_none());
        assert!(reader.is_reading());
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        let list = loop {
            if let Some(list) = reader.poll() {
                break list;
            }
            assert!(std::time::Instant::now() < deadline, "the list never came");
            std::thread::sleep(std::time::Duration::from_millis(5));
        };
        assert!(!reader.is_reading());
        assert_eq!(list, here);
    }
}
