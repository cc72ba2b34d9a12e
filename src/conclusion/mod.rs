//! The expert group's official documents for the commission: the corrective-action plan
//! (`action_plan.rs`, a CSV the centre works through), made from a result's payload —
//! a signed result, or an open inspection as a draft.

mod action_plan;

pub use action_plan::{ACTION_PLAN_HEADER, ActionRow, action_plan_csv, action_rows};
