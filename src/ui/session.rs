//! The open inspection and how it is being viewed: the file, its figures (recomputed only
//! when the answers change), the tab, the focused standard, the filter and search, texts
//! being typed, and this session's undo and redo steps.

use std::collections::{BTreeMap, HashMap};

use crate::answers::{Altered, Answer, Answers, Change, Column, Fact, Hit, Target};
use crate::catalogue::{Catalogue, Code, ModelId};
use crate::inspection::{Inspection, Purpose, StoreError};
use crate::scoring::{self, Tally, Totals};
use crate::support::settings::Place;
use crate::ui::forms::{SelfImport, TeamForm};
use crate::ui::merge::MergeView;
use crate::ui::pictures::Pictures;
use crate::ui::recent::Reads;
use crate::ui::view::{Filter, Tab, TeamFilter};

/// A text being typed for a standard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Editing {
    /// The reason for N/A.
    NaReason {
        /// The standard.
        code: Code,
        /// The text so far.
        text: String,
    },
    /// The note.
    Note {
        /// The standard.
        code: Code,
        /// The text so far.
        text: String,
    },
}

/// A text typed in a field that is saved when the field lets go of the keyboard: the three
/// parts of a standard's recommendation, the general conclusion, and the Centre tab's
/// fields (the expert, the visit date, the application form, the documents' notes). Kept
/// by what it is (not by a widget's name), so that whatever takes the keyboard away from
/// it — a click, Tab, Ctrl+PageDown to another tab, closing the inspection — can still
/// save it ([`Session::unsaved_texts`]).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TextKey {
    /// What to remedy on a standard.
    Recommendation(Code),
    /// The deadline of a standard's recommendation.
    Due(Code),
    /// Who is responsible for a standard's recommendation.
    Owner(Code),
    /// The expert group's general conclusion.
    Conclusion,
    /// A fact of the inspection typed as text (the expert, the visit date).
    Fact(Fact),
    /// A field of the application form, by its id.
    Form(String),
    /// The note on a mandatory document.
    DocumentNote(u8),
    /// The position of a member of the expert group, by their name.
    Position(String),
    /// The caption of a piece of evidence, by its number.
    Caption(u32),
}

impl TextKey {
    /// The id of its text field: the same every frame, so that whether the field has the
    /// keyboard can be asked after the frame is drawn.
    pub fn id(&self) -> egui::Id {
        egui::Id::unique(("typed_text", self))
    }

    /// What the file holds for it now.
    pub fn stored(&self, inspection: &Inspection) -> String {
        let answers = inspection.answers();
        match self {
            TextKey::Recommendation(code) => answers.get(code).recommendation.text.clone(),
            TextKey::Due(code) => answers
                .get(code)
                .recommendation
                .due
                .clone()
                .unwrap_or_default(),
            TextKey::Owner(code) => answers.get(code).recommendation.owner.clone(),
            TextKey::Conclusion => answers.conclusion.clone(),
            TextKey::Fact(fact) => inspection.meta().fact(*fact).unwrap_or_default(),
            TextKey::Form(field) => answers.centre.get(field).cloned().unwrap_or_default(),
            TextKey::DocumentNote(number) => answers
                .documents
                .get(number)
                .map(|d| d.note.clone())
                .unwrap_or_default(),
            TextKey::Position(name) => answers
                .team
                .get(name)
                .map(|m| m.position.clone())
                .unwrap_or_default(),
            TextKey::Caption(number) => answers
                .evidence
                .get(number)
                .map(|e| e.caption.clone())
                .unwrap_or_default(),
        }
    }

    /// The change that saves `typed` (trimmed), or none when it is what the file holds. A
    /// deadline typed as Ukrainians write dates (31.03.2027) is saved as 2027-03-31; any
    /// other text goes as typed, for the domain to refuse in its own words.
    pub fn change(&self, typed: &str, inspection: &Inspection) -> Option<Change> {
        let text = typed.trim().to_string();
        let text = match self {
            TextKey::Due(_) => iso_date(&text).unwrap_or(text),
            _ => text,
        };
        if text == self.stored(inspection) {
            return None;
        }
        Some(match self.clone() {
            TextKey::Recommendation(code) => Change::Recommendation { code, text },
            TextKey::Due(code) => Change::Due {
                code,
                due: Some(text).filter(|t| !t.is_empty()),
            },
            TextKey::Owner(code) => Change::Owner { code, name: text },
            TextKey::Conclusion => Change::Conclusion { text },
            TextKey::Fact(fact) => Change::Fact { fact, value: text },
            TextKey::Form(field) => Change::Centre { field, value: text },
            TextKey::DocumentNote(number) => Change::DocumentNote { number, text },
            TextKey::Position(name) => Change::Position { name, text },
            TextKey::Caption(number) => Change::Caption { number, text },
        })
    }
}

/// `31.03.2027` as `2027-03-31`, when it is a date written so.
fn iso_date(text: &str) -> Option<String> {
    let parts: Vec<&str> = text.split('.').collect();
    let [d, m, y] = parts.as_slice() else {
        return None;
    };
    let iso = format!("{y}-{m:0>2}-{d:0>2}");
    crate::support::time::check_date(&iso).ok().map(|()| iso)
}

/// How many pieces of evidence there are, by group and for the documents.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EvidenceCounts {
    /// By the group's code (groups without any are absent).
    pub groups: BTreeMap<Code, usize>,
    /// Attached to the 13 documents.
    pub documents: usize,
}

impl EvidenceCounts {
    /// All of them.
    pub fn total(&self) -> usize {
        self.groups.values().sum::<usize>() + self.documents
    }
}

/// The viewer of a piece of evidence.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Viewing {
    /// Its number.
    pub number: u32,
    /// The zoom: 1.0 is one pixel of the photo to one point; `None` fits the window.
    pub zoom: Option<f32>,
}

/// Letters typed towards a grade that need one more key (М, П, and Н on the four-grade
/// scale, which may become НВ), with the standard they were typed on.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PendingLetters {
    /// The letters so far (empty: nothing pending).
    pub text: String,
    /// When the first of them came (the context's time, in seconds).
    pub started: f64,
    /// The standard focused when they were typed.
    pub code: Option<Code>,
}

/// The open inspection and how it is being viewed.
pub struct Session {
    /// The file.
    pub inspection: Inspection,
    /// Figures for the current answers.
    pub totals: Totals,
    /// Where the self-assessment and the commission differ, per group (kept with the
    /// totals, recomputed only when the answers change).
    pub divergences: Vec<(Code, Vec<Code>)>,
    /// The tab shown.
    pub tab: Tab,
    /// The standard the keyboard acts on.
    pub focused: Option<Code>,
    /// The filter of group tabs.
    pub filter: Filter,
    /// The search text, while the search is open.
    pub search: Option<String>,
    /// What the search finds (kept with its text and the answers, found again only when
    /// either changes).
    pub hits: Vec<Hit>,
    /// How many standards each filter shows in each group (kept with the totals).
    pub filter_counts: FilterCounts,
    /// Whether keys grade the commission or the self-assessment column.
    pub key_column: Column,
    /// Text being typed for a standard.
    pub editing: Option<Editing>,
    /// Texts being typed (recommendations, the conclusion, the Centre tab's fields), while
    /// their field has the keyboard.
    pub texts: BTreeMap<TextKey, String>,
    /// The standard whose recommendation was asked for with R: its fields are shown even
    /// when its grade would not call for them.
    pub recommending: Option<Code>,
    /// Give the keyboard to the recommendation of [`Session::recommending`] on the next
    /// frame.
    pub focus_recommendation: bool,
    /// Letters typed towards a grade (МВ, НВ, ПВ) still waiting for their next key.
    pub pending_letters: PendingLetters,
    /// Scroll the focused standard into view on the next frame.
    pub scroll_to_focus: bool,
    /// Show the group tab from its top on the next frame (after a switch of tabs).
    pub scroll_to_top: bool,
    /// Give the keyboard to the text field just opened (search, reason, note).
    pub focus_pending: bool,
    /// The height of each standard's row when last drawn (to skip rows out of view).
    pub row_heights: HashMap<Code, f32>,
    /// The "import the centre's self-assessment" form of the Centre tab.
    pub self_import: SelfImport,
    /// The Centre tab's expert-group editor.
    pub team_form: TeamForm,
    /// Which member's standards the group tabs show (none: everyone's).
    pub team_filter: Option<TeamFilter>,
    /// The merge dialog of the members' parts, while open.
    pub merge: Option<MergeView>,
    /// The pictures of the evidence, decoded when first shown.
    pub pictures: Pictures,
    /// The piece of evidence open in the viewer, and how.
    pub viewing: Option<Viewing>,
    /// Where each standard (and document) drawn in the last frame is, for a file dropped
    /// onto it.
    pub drop_targets: Vec<(Target, egui::Rect)>,
    /// This session's batches of changes, newest last, for Ctrl+Z.
    pub(in crate::ui) undo: Vec<Vec<Altered>>,
    /// What the undos wrote, newest last, for Ctrl+Y (emptied by any new change).
    pub(in crate::ui) redo: Vec<Vec<Altered>>,
}

impl Session {
    /// A session on a file just opened: the first group, its first standard focused.
    pub(in crate::ui) fn new(inspection: Inspection) -> Session {
        let totals = scoring::totals(
            inspection.catalogue(),
            inspection.meta().model,
            inspection.answers(),
        );
        let divergences = scoring::divergences(
            inspection.catalogue(),
            inspection.meta().model,
            inspection.answers(),
        );
        let filter_counts = FilterCounts::of(
            inspection.catalogue(),
            inspection.meta().model,
            inspection.answers(),
            inspection.meta().purpose.column(),
        );
        let first = inspection
            .catalogue()
            .model_standards(inspection.meta().model)
            .next()
            .map(|s| s.code.clone());
        // A centre's own file has only the self-assessment column.
        let key_column = inspection.meta().purpose.column();
        Session {
            inspection,
            totals,
            divergences,
            tab: Tab::Group(0),
            focused: first,
            filter: Filter::All,
            search: None,
            hits: Vec::new(),
            filter_counts,
            key_column,
            editing: None,
            texts: BTreeMap::new(),
            recommending: None,
            focus_recommendation: false,
            pending_letters: PendingLetters::default(),
            scroll_to_focus: false,
            scroll_to_top: false,
            focus_pending: false,
            row_heights: HashMap::new(),
            self_import: SelfImport::default(),
            team_form: TeamForm::default(),
            team_filter: None,
            merge: None,
            pictures: Pictures::new(Reads::Here),
            viewing: None,
            drop_targets: Vec::new(),
            undo: Vec::new(),
            redo: Vec::new(),
        }
        .on_own_groups()
    }

    /// How many pieces of evidence each group's standards have, and the documents.
    pub fn evidence_counts(&self) -> EvidenceCounts {
        let mut counts = EvidenceCounts::default();
        let catalogue = self.inspection.catalogue();
        for e in self.inspection.answers().evidence.values() {
            match &e.attachment.target {
                Target::Standard(code) => {
                    if let Some(s) = catalogue.standard(code) {
                        *counts.groups.entry(s.group.clone()).or_default() += 1;
                    }
                }
                Target::Document(_) => counts.documents += 1,
            }
        }
        counts
    }

    /// The standard or document under the pointer, from where they were drawn in the
    /// last frame: where files dropped now go.
    pub fn drop_target(&self, ctx: &egui::Context) -> Option<Target> {
        let pointer = ctx.input(|i| i.pointer.latest_pos())?;
        self.drop_targets
            .iter()
            .find(|(_, rect)| rect.contains(pointer))
            .map(|(target, _)| target.clone())
    }

    /// A member's part file opens on the first group assigned to them (its first
    /// standard focused); any other file as it is.
    fn on_own_groups(mut self) -> Session {
        let catalogue = self.inspection.catalogue();
        let answers = self.inspection.answers();
        let first = self
            .inspection
            .meta()
            .part
            .as_ref()
            .and_then(|of| answers.team.get(&of.member))
            .and_then(|member| {
                catalogue
                    .model_standards(self.model())
                    .find(|s| member.is_assigned(&s.code))
            })
            .map(|s| s.code.clone());
        if let Some(code) = first {
            if let Some(i) = catalogue.group_index(&code) {
                self.tab = Tab::Group(i);
            }
            self.focused = Some(code);
        }
        self
    }

    /// The member whose part of the group's inspection this file is, if it is one.
    pub fn part_member(&self) -> Option<&str> {
        self.inspection
            .meta()
            .part
            .as_ref()
            .map(|of| of.member.as_str())
    }

    /// Whether `code` was graded in this part file by its member outside the groups
    /// assigned to them (as [`crate::team::outside_assignment`] lists, for one standard).
    pub fn graded_outside_assignment(&self, code: &Code) -> bool {
        let answers = self.inspection.answers();
        let Some(member) = self.part_member().and_then(|m| answers.team.get(m)) else {
            return false;
        };
        let a = answers.get(code);
        a.is_decided() && a.author.is_none() && !member.is_assigned(code)
    }

    /// Shows the tab and focuses the standard where the expert stopped (a standard that is
    /// not one of the model's is passed over).
    pub(in crate::ui) fn go_to(&mut self, place: &Place) {
        let catalogue = self.inspection.catalogue();
        let code = place
            .standard
            .as_deref()
            .and_then(|c| c.parse::<Code>().ok())
            .filter(|c| {
                catalogue
                    .model_standards(self.model())
                    .any(|s| &s.code == c)
            });
        if let Some(code) = code {
            if let Some(i) = catalogue.group_index(&code) {
                self.tab = Tab::Group(i);
            }
            self.focused = Some(code);
            self.scroll_to_focus = true;
        }
        if place.centre_tab {
            self.tab = Tab::Centre;
        }
    }

    /// Whether the open file is a centre's self-assessment (only the self column).
    pub fn is_self_assessment(&self) -> bool {
        self.inspection.meta().purpose == Purpose::SelfAssessment
    }

    /// The column this file is about: the commission's, or the centre's own.
    pub fn main_column(&self) -> Column {
        self.inspection.meta().purpose.column()
    }

    /// The figures of [`Session::main_column`].
    pub fn main_tally<'a>(&self, commission: &'a Tally, own: &'a Tally) -> &'a Tally {
        if self.is_self_assessment() {
            own
        } else {
            commission
        }
    }

    /// The inspection's model.
    pub fn model(&self) -> ModelId {
        self.inspection.meta().model
    }

    /// Recomputes the figures from the answers (after they changed).
    pub(in crate::ui) fn refresh(&mut self) {
        let (catalogue, model, answers) = (
            self.inspection.catalogue(),
            self.model(),
            self.inspection.answers(),
        );
        self.totals = scoring::totals(catalogue, model, answers);
        self.divergences = scoring::divergences(catalogue, model, answers);
        self.filter_counts = FilterCounts::of(catalogue, model, answers, self.main_column());
        self.search_again();
    }

    /// Finds the search's text again (after it or the answers changed).
    pub(in crate::ui) fn search_again(&mut self) {
        self.hits = match &self.search {
            Some(query) => crate::answers::search(
                self.inspection.catalogue(),
                self.model(),
                self.inspection.answers(),
                query,
            ),
            None => Vec::new(),
        };
    }

    /// After a write was refused: when another program had changed the file, the
    /// inspection has been read again, so the figures are recomputed from what is on disk
    /// and the undo and redo steps (which knew the old state) are dropped.
    pub(in crate::ui) fn after_refused_write(&mut self, e: &StoreError) {
        if matches!(e, StoreError::ChangedElsewhere(_)) {
            self.undo.clear();
            self.redo.clear();
            self.refresh();
        }
    }

    /// The texts typed whose field no longer has the keyboard (`has_keyboard` says which
    /// do), as the changes that save them; they leave [`Session::texts`]. With `cancel`
    /// (Esc was pressed) they are dropped instead, and the file keeps what it had.
    pub(in crate::ui) fn unsaved_texts(
        &mut self,
        has_keyboard: impl Fn(egui::Id) -> bool,
        cancel: bool,
    ) -> Vec<Change> {
        let left: Vec<TextKey> = self
            .texts
            .keys()
            .filter(|k| !has_keyboard(k.id()))
            .cloned()
            .collect();
        let mut changes = Vec::new();
        for key in left {
            if let Some(typed) = self.texts.remove(&key)
                && !cancel
                && let Some(change) = key.change(&typed, &self.inspection)
            {
                changes.push(change);
            }
        }
        changes
    }

    /// Whether a standard's recommendation is shown under it: on a standard graded below
    /// its maximum, one with a recommendation, and the one R was pressed on; never in a
    /// centre's own file (recommendations are the expert group's).
    pub fn shows_recommendation(&self, code: &Code) -> bool {
        if self.is_self_assessment() {
            return false;
        }
        let answer = self.inspection.answers().get(code);
        let below = self
            .inspection
            .catalogue()
            .standard(code)
            .is_some_and(|s| answer.commission.is_some_and(|g| g < s.scale.max()));
        below || !answer.recommendation.is_empty() || self.recommending.as_ref() == Some(code)
    }

    /// Whether a standard passes the current filter and the team filter.
    pub fn passes(&self, code: &Code) -> bool {
        let answers = self.inspection.answers();
        let team = match &self.team_filter {
            None => true,
            Some(TeamFilter::Assigned(name)) => {
                answers.team.get(name).is_some_and(|m| m.is_assigned(code))
            }
            Some(TeamFilter::GradedBy(name)) => {
                answers.author_of(code, &self.inspection.meta().expert) == Some(name.as_str())
            }
        };
        team && shows(self.filter, answers.get(code), self.main_column())
    }

    /// The first standard of group `index` the filter shows (the group's first when it
    /// shows none there).
    pub fn first_shown_in_group(&self, index: usize) -> Option<Code> {
        let catalogue = self.inspection.catalogue();
        catalogue
            .model_standards(self.model())
            .find(|st| catalogue.group_index(&st.code) == Some(index) && self.passes(&st.code))
            .map(|st| st.code.clone())
            .or_else(|| self.first_in_group(index))
    }

    /// The first standard of group `index` in the inspection's model.
    pub fn first_in_group(&self, index: usize) -> Option<Code> {
        let catalogue = self.inspection.catalogue();
        catalogue
            .model_standards(self.model())
            .find(|st| catalogue.group_index(&st.code) == Some(index))
            .map(|st| st.code.clone())
    }
}

/// Whether `filter` shows a standard with this answer (`column`: the file's own column).
fn shows(filter: Filter, a: &Answer, column: Column) -> bool {
    match filter {
        Filter::All => true,
        Filter::Unscored => !a.is_na() && a.grade(column).is_none(),
        Filter::NotApplicable => a.is_na(),
        Filter::WithNotes => !a.note.is_empty(),
        Filter::Divergent => a.diverges(),
    }
}

/// The filters that narrow the list, in the order of [`FilterCounts`]' arrays.
const NARROWING: [Filter; 4] = [
    Filter::Unscored,
    Filter::NotApplicable,
    Filter::WithNotes,
    Filter::Divergent,
];

/// How many standards each filter shows in each group: counted from the answers when they
/// change, never per frame.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FilterCounts {
    /// Per group, in the order of the catalogue's groups: the count of each of
    /// [`NARROWING`], and of all the model's standards.
    groups: Vec<([usize; 4], usize)>,
}

impl FilterCounts {
    /// Counts over the answers.
    pub fn of(catalogue: &Catalogue, model: ModelId, answers: &Answers, column: Column) -> Self {
        let mut groups = vec![([0; 4], 0); catalogue.groups.len()];
        for st in catalogue.model_standards(model) {
            let Some((counts, all)) = catalogue
                .group_index(&st.code)
                .and_then(|i| groups.get_mut(i))
            else {
                continue;
            };
            *all += 1;
            let answer = answers.get(&st.code);
            for (count, filter) in counts.iter_mut().zip(NARROWING) {
                *count += usize::from(shows(filter, answer, column));
            }
        }
        FilterCounts { groups }
    }

    /// How many standards of group `index` the filter shows.
    pub fn in_group(&self, filter: Filter, index: usize) -> usize {
        let Some((counts, all)) = self.groups.get(index) else {
            return 0;
        };
        match NARROWING.iter().position(|f| *f == filter) {
            Some(i) => counts[i],
            None => *all,
        }
    }

    /// How many standards of the model the filter shows.
    pub fn total(&self, filter: Filter) -> usize {
        (0..self.groups.len())
            .map(|i| self.in_group(filter, i))
            .sum()
    }

    /// The groups (by index) where the filter shows any standard, and how many.
    pub fn groups_with(&self, filter: Filter) -> Vec<(usize, usize)> {
        (0..self.groups.len())
            .map(|i| (i, self.in_group(filter, i)))
            .filter(|(_, n)| *n > 0)
            .collect()
    }
}
