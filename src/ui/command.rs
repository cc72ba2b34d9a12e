//! What the screens and the keyboard ask the app to do. They push a [`Command`] and go on
//! drawing; the app applies every command of a frame once the frame is drawn
//! ([`crate::ui::command_handling`]), so nothing changes under a screen while it draws.

use std::path::PathBuf;

use crate::answers::{Change, Column, Role, Target};
use crate::catalogue::{Code, Grade};
use crate::inspection::NewInspection;
use crate::support::settings::{Language, Theme};
use crate::ui::commission::sort::SortKey;
use crate::ui::view::{Filter, Screen, Tab, TeamFilter};

/// What the screens ask the app to do; applied once per frame.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Apply a batch of changes to the open inspection.
    Apply(Vec<Change>),
    /// Grade a standard from the keyboard (then, if the settings say so, move on).
    KeyGrade {
        /// The standard.
        code: Code,
        /// The column the keys grade.
        column: Column,
        /// The grade.
        grade: Grade,
    },
    /// Say in the status line why a key did nothing.
    Refused(Refused),
    /// Undo the last batch of this session (as new changes).
    Undo,
    /// Make again what the last undo took back (as new changes).
    Redo,
    /// Open an inspection file.
    Open(PathBuf),
    /// Create an inspection file and open it.
    Create(PathBuf, NewInspection),
    /// Ask for a file to open with the native dialog.
    BrowseOpen,
    /// Ask where to create the file with the native dialog.
    BrowseSave,
    /// Close the inspection and go to the start screen.
    CloseInspection,
    /// Show a screen.
    ShowScreen(Screen),
    /// Show a tab.
    SelectTab(Tab),
    /// Focus a standard (switching to its tab).
    Focus(Code),
    /// Move the focus by this many standards, across groups.
    MoveFocus(isize),
    /// Start typing the N/A reason of a standard.
    EditNaReason(Code),
    /// Start editing the note of a standard.
    EditNote(Code),
    /// Show a standard's recommendation (whatever its grade) and give it the keyboard.
    EditRecommendation(Code),
    /// Stop editing; save the text when true.
    FinishEditing(bool),
    /// Set the filter of group tabs.
    SetFilter(Filter),
    /// Open (Some) or close (None) the search.
    Search(Option<String>),
    /// Switch the column the keyboard grades.
    ToggleKeyColumn,
    /// Show or hide the keyboard help.
    ToggleHelp,
    /// Interface language.
    SetLanguage(Language),
    /// Text size in percent.
    SetTextPercent(u16),
    /// Colour scheme.
    SetTheme(Theme),
    /// Whether moving down or up passes over standards marked not applicable.
    SetSkipNotApplicable(bool),
    /// Whether a grade typed on the keyboard moves on to the next standard.
    SetAutoAdvance(bool),
    /// Whether large photos attached in the window are kept as smaller copies.
    SetReducePhotos(bool),
    /// Open the Export dialog.
    OpenExport,
    /// Sign and write the result (from the Export dialog).
    RunExport,
    /// Close the Export dialog.
    CloseExport,
    /// Import the centre's self-assessment named in the Centre tab's form.
    ImportSelf {
        /// Overwrite self grades already entered that differ.
        replace: bool,
    },
    /// Choose the centre's self-assessment file with the native dialog.
    BrowseSelfAssessment,
    /// Verify the results named in the commission overview's form and list them.
    RunCommission,
    /// Choose the commission overview's folder with the native dialog.
    BrowseCommissionFolder,
    /// Sort the commission overview by a column (the same column again: reverse).
    SortCommission(SortKey),
    /// Show a result of the commission overview, read-only.
    OpenCommissionResult(PathBuf),
    /// Go back from a result to the commission overview's table.
    CloseCommissionResult,
    /// Save the commission overview's CSV or a result's protocol, show a folder, remember
    /// the form.
    Commission(CommissionAction),
    /// Add the member named in the Centre tab's team form to the expert group.
    AddMember(Role),
    /// Record a member's key from an identity.json's path or a key in base64 (empty:
    /// remove it).
    SetMemberKey {
        /// The member.
        name: String,
        /// The path or the key.
        source: String,
    },
    /// Choose a member's identity.json with the native dialog and record its key.
    BrowseMemberKey(String),
    /// Show only one member's standards in the group tabs (None: everyone's).
    SetTeamFilter(Option<TeamFilter>),
    /// Make a member's part of the group's inspection where the native dialog says (a
    /// free name beside the inspection suggested).
    MakePart(String),
    /// Open the dialog that merges the members' signed parts.
    OpenMerge,
    /// Choose signed parts with the native dialog and read them into the merge dialog.
    BrowseParts,
    /// Read signed parts (chosen, or dropped on the window) into the merge dialog.
    ReadParts(Vec<PathBuf>),
    /// In the merge dialog, take `author`'s assessment of a standard whose grades disagree.
    TakeAssessment {
        /// The standard.
        code: Code,
        /// Whose assessment.
        author: String,
    },
    /// Apply the merge dialog's plan in one batch (one undo).
    RunMerge,
    /// Close the merge dialog.
    CloseMerge,
    /// Attach, show or remove evidence (photos, scans) of the open inspection.
    Evidence(EvidenceAction),
    /// Show the КЕП screen with these files (a document and its signature files, dropped
    /// on the window or chosen) and check them.
    KepFiles(Vec<PathBuf>),
    /// Choose the document and its signature files with the native dialog, and check them.
    BrowseKepFiles,
    /// Choose trusted lists, CA certificates or CRLs with the native dialog.
    BrowseKepTrust,
    /// Check the КЕП screen's files.
    CheckKep,
    /// Restore a backup of a damaged inspection into a new file beside it, and open that.
    RestoreBackup {
        /// The backup.
        backup: PathBuf,
        /// The damaged inspection it is a backup of.
        damaged: PathBuf,
    },
}

impl Command {
    /// Whether the command starts something new for the user (opening or creating a file,
    /// another screen or tab, a file dialog, the Export dialog): the status line's message
    /// of before is then cleared, so that one message at a time is shown and a stale one
    /// (a refusal on the start screen) never stays on the next screen.
    pub fn clears_status(&self) -> bool {
        matches!(
            self,
            Command::Open(_)
                | Command::Create(..)
                | Command::BrowseOpen
                | Command::BrowseSave
                | Command::BrowseSelfAssessment
                | Command::CloseInspection
                | Command::ShowScreen(_)
                | Command::SelectTab(_)
                | Command::RestoreBackup { .. }
                | Command::OpenExport
                | Command::CloseExport
                | Command::OpenMerge
                | Command::CloseMerge
                | Command::KepFiles(_)
                | Command::BrowseKepFiles
        )
    }
}

/// Why a key pressed on the inspection screen did nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    /// What was typed is no grade of the focused standard's scale (a lone М or П that
    /// waited in vain for its В included).
    NotAGrade {
        /// The standard focused.
        code: Code,
        /// What was typed.
        typed: String,
    },
    /// A key that means nothing on this screen.
    NotAKey(String),
    /// A grade key with no standard focused or shown (the centre's tab).
    NoStandard,
    /// A grade key on a standard marked not applicable.
    NotApplicable(Code),
    /// Delete on a standard without a grade in the keys' column.
    NothingToClear(Code),
}

/// What the commission screen asks for besides verifying, sorting and showing a result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CommissionAction {
    /// Remember the folder and the trusted keys of the form (in the settings).
    Remember,
    /// Open the CSV form, a free name beside the results suggested.
    StartCsv,
    /// Choose where the CSV goes with the native dialog.
    BrowseCsv,
    /// Write the table as CSV where the form says.
    SaveCsv,
    /// Open the protocol form of the result shown, a free name beside it suggested.
    StartProtocol,
    /// Choose where the protocol goes with the native dialog.
    BrowseProtocol,
    /// Write the protocol of the result shown where the form says.
    SaveProtocol,
    /// Show the folder of the result shown in the system's file manager.
    RevealFolder,
    /// Open the co-signing form of the result shown, a free name beside it suggested.
    StartCosign,
    /// Choose where the co-signed result goes with the native dialog.
    BrowseCosign,
    /// Sign the result shown with this computer's key and write it where the form says.
    SaveCosign,
}

/// What the window asks of the open inspection's evidence.
#[derive(Debug, Clone, PartialEq)]
pub enum EvidenceAction {
    /// Attach these files (photos, scans) to `target` (none: the focused standard), each
    /// as an undo step of its own.
    Attach {
        /// The standard or document (none: the focused standard).
        target: Option<Target>,
        /// The files.
        files: Vec<PathBuf>,
    },
    /// Choose files with the native dialog and attach them to this standard or document.
    Browse(Target),
    /// Attach a picture pasted from the clipboard to the focused standard, as a PNG.
    Paste(std::sync::Arc<egui::ColorImage>),
    /// Show a piece of evidence in the viewer (none: close the viewer).
    View(Option<u32>),
    /// The viewer's zoom (none: fit the window).
    Zoom(Option<f32>),
    /// Remove a piece of evidence (recorded, undoable).
    Remove(u32),
    /// Save a copy of a piece of evidence where the native dialog says.
    SaveCopy(u32),
}
