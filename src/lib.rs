//! akredit: scoring a Ukrainian health centre (центр здоров'я) against the accreditation
//! standards of MOH Ukraine order No. 169 of 17.07.2000, offline.
//!
//! The domain lives here, free of any user interface: the [`catalogue`] of standards, the
//! [`answers`] an expert records and the [`Change`](answers::Change) that alters them, the
//! pure [`scoring`] arithmetic, and the [`inspection`] file. The command line ([`cli`]) is
//! a thin layer over these calls.

pub mod answers;
pub mod bench;
pub mod catalogue;
pub mod cli;
pub mod commission;
pub mod conclusion;
pub mod inspection;
pub mod kep;
pub mod protocol;
pub mod scoring;
pub mod self_assessment;
pub mod signed;
pub mod support;
pub mod team;
pub mod ui;
