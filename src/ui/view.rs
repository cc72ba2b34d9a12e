//! Where the window is: which screen, which tab of an inspection, which standards a group
//! tab lists. Plain values, named by the commands that change them and read by the
//! screens that draw them.

/// The screens of the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    /// Create or open an inspection.
    Start,
    /// The open inspection.
    Inspection,
    /// Settings and about.
    Settings,
    /// The commission's overview of many signed results (read-only).
    Commission,
    /// The check of qualified signatures (КЕП) over a conclusion, a protocol or a result.
    Kep,
}

/// The tabs of an open inspection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    /// The application form, documents and the N/A preset.
    Centre,
    /// A group of standards, by its position in the catalogue.
    Group(usize),
    /// The recommendations of every standard and the general conclusion.
    Recommendations,
}

/// Which standards a group tab shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Filter {
    /// All of them.
    #[default]
    All,
    /// Applicable and without a commission grade.
    Unscored,
    /// Not applicable.
    NotApplicable,
    /// With a note.
    WithNotes,
    /// Where the self-assessment differs from the commission.
    Divergent,
}

/// Which standards of the expert group's members a group tab shows, beside [`Filter`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TeamFilter {
    /// The standards of the groups assigned to this member.
    Assigned(String),
    /// The standards this member graded (or decided not applicable).
    GradedBy(String),
}

impl TeamFilter {
    /// The member it is about.
    pub fn member(&self) -> &str {
        match self {
            TeamFilter::Assigned(name) | TeamFilter::GradedBy(name) => name,
        }
    }
}
