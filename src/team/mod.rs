//! Team work without a network: a part of the group's inspection for each member's laptop
//! (`part.rs`), the signed part each member hands back, and merging the parts into the
//! group's inspection with every disagreement shown and decided by the head (`merge.rs`).
//!
//! The team itself (members, roles, keys, assignments) is part of the answers
//! ([`crate::answers::Member`]); this module only moves grades between files.

mod merge;
mod part;

pub use merge::{Candidate, Conflict, Difference, MergePlan, Notice, PartStatus, plan};
pub use part::{
    ExportedPart, MAX_PART_BYTES, PART_FORMAT, PartFile, PartPayload, PartStandard, SignedPart,
    make_part, outside_assignment, read_part, sign_part,
};

use crate::inspection::StoreError;

/// Why a part could not be made, exported, read or merged. Nothing was changed.
#[derive(Debug, thiserror::Error)]
pub enum TeamError {
    /// The name is not a member of the group.
    #[error(
        "{0:?} is not a member of the expert group of this inspection; add them to the group, with their key, first"
    )]
    NotAMember(String),
    /// A part is made of the group's inspection, not of another part.
    #[error(
        "this file is already {0}'s part of the group's inspection; make parts from the head's inspection file"
    )]
    PartOfAPart(String),
    /// A self-assessment has no expert group.
    #[error(
        "this file is a centre's self-assessment; parts are made of the commission's inspection"
    )]
    SelfAssessment,
    /// `export-part` of a file that is not a part.
    #[error(
        "this file is not a member's part of a group's inspection; the head makes a part for each member from the group's inspection (the head's own grades go into the result itself)"
    )]
    NotAPartFile,
    /// The key on this computer is not the one the team records for the member.
    #[error(
        "the key on this computer ({fingerprint}) is not the one the head recorded for {member}; the head would refuse this part. Export it with {member}'s own key, or ask the head to record this key for {member}"
    )]
    NotTheMembersKey {
        /// The part's member.
        member: String,
        /// The key on this computer.
        fingerprint: String,
    },
    /// Not a signed part at all.
    #[error(
        "not an akredit part ({0}); give the PART.json a member exported with akredit export-part"
    )]
    NotAPart(String),
    /// Changed after signing, or its content contradicts itself.
    #[error(
        "the part was changed after it was signed or is damaged: {0}; ask the member to export it again"
    )]
    Tampered(String),
    /// A part of another inspection.
    #[error(
        "this part ({member}'s) belongs to another inspection, not this one; merge it into the inspection its part file was made from"
    )]
    OtherInspection {
        /// Whose part it is.
        member: String,
    },
    /// A part made with another catalogue.
    #[error(
        "the part was made with catalogue {part}, this inspection with {ours}; both must use the same catalogue"
    )]
    OtherCatalogue {
        /// The part's catalogue.
        part: String,
        /// The inspection's.
        ours: String,
    },
    /// A part of another model.
    #[error("the part grades the {part} model, this inspection the {ours} model")]
    OtherModel {
        /// The part's model.
        part: String,
        /// The inspection's.
        ours: String,
    },
    /// The member has no key recorded, so their signature cannot be checked.
    #[error(
        "no key is recorded for {0}, so their signature cannot be checked; record their key (their identity.json) in the team first"
    )]
    NoKey(String),
    /// Signed by a key that is not the member's.
    #[error(
        "the part names {member} but was signed with key {signed_with}, not {member}'s ({recorded}): it is not theirs"
    )]
    WrongKey {
        /// Whose part it claims to be.
        member: String,
        /// The key it was signed with.
        signed_with: String,
        /// The member's recorded key.
        recorded: String,
    },
    /// A part older than one of the same member already merged.
    #[error(
        "this part of {member} was exported at {part_at}, before the one already merged (exported at {merged_at}); merge their newest part"
    )]
    OlderPart {
        /// The member.
        member: String,
        /// When this part was exported.
        part_at: String,
        /// When the merged one was.
        merged_at: String,
    },
    /// A decision names someone whose grade is not among a conflict's.
    #[error(
        "{name}'s assessment of {code} cannot be taken: {name} has none among those that disagree ({among})"
    )]
    BadDecision {
        /// The name given.
        name: String,
        /// The standard.
        code: crate::catalogue::Code,
        /// Who has one.
        among: String,
    },
    /// A decision for a standard where nothing disagrees.
    #[error("the grades of {0} do not disagree, so there is nothing to decide there")]
    NothingToDecide(crate::catalogue::Code),
    /// The inspection file.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Reading or writing a file.
    #[error(transparent)]
    File(#[from] crate::support::files::FileError),
    /// The signing key.
    #[error(transparent)]
    Key(#[from] crate::signed::KeyError),
    /// Something the program itself must get right.
    #[error("internal: {0}")]
    Internal(String),
}
