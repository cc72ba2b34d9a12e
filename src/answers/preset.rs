//! An N/A preset of the catalogue (the note after Table 1) as changes of an inspection:
//! which of its standards the inspection's model counts, the reason each gets, and
//! whether the preset is in effect.

use super::{Answers, Change};
use crate::catalogue::{Catalogue, Code, ModelId, Preset};

/// What applying (or lifting) a preset does to an inspection of one model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PresetPlan<'a> {
    /// The changes: each standard of the preset the model counts, made not applicable
    /// with the preset's reason, or applicable again.
    pub changes: Vec<Change>,
    /// The standards of the preset the model counts, each with why the preset drops it.
    pub dropped: Vec<(&'a Code, &'a str)>,
    /// The standards of the preset the model does not count (nothing to drop).
    pub outside_model: Vec<&'a Code>,
}

/// The reason a preset gives the standards it drops: its title and id, so that the
/// history and the protocol say which preset it was.
pub fn preset_reason(preset: &Preset) -> String {
    format!("{} [{}]", preset.title, preset.id)
}

/// A "not applicable" reason as people read it: a preset's reason without the bracketed
/// preset id it is stored with (`… засадах [no-self-financed]`), which only tells akredit
/// which preset set it; any other reason as it is.
pub fn shown_reason<'a>(catalogue: &Catalogue, reason: &'a str) -> &'a str {
    catalogue
        .presets
        .iter()
        .find_map(|p| {
            reason
                .strip_suffix(&format!(" [{}]", p.id))
                .filter(|shown| *shown == p.title)
        })
        .unwrap_or(reason)
}

/// The changes that apply a preset (`apply`) or lift it, for the inspection's `model`.
pub fn preset_plan<'a>(
    catalogue: &Catalogue,
    model: ModelId,
    preset: &'a Preset,
    apply: bool,
) -> PresetPlan<'a> {
    let reason = apply.then(|| preset_reason(preset));
    let mut plan = PresetPlan {
        changes: Vec::new(),
        dropped: Vec::new(),
        outside_model: Vec::new(),
    };
    for code in &preset.codes {
        if !catalogue.standard(code).is_some_and(|s| s.in_model(model)) {
            plan.outside_model.push(code);
            continue;
        }
        let why = preset.reasons.get(code).map_or("", String::as_str);
        plan.dropped.push((code, why));
        plan.changes.push(Change::NotApplicable {
            code: code.clone(),
            reason: reason.clone(),
        });
    }
    plan
}

/// Whether the preset is in effect: every standard of it the model counts is not
/// applicable with the preset's own reason (and there is at least one).
pub fn preset_applied(
    catalogue: &Catalogue,
    model: ModelId,
    preset: &Preset,
    answers: &Answers,
) -> bool {
    let reason = preset_reason(preset);
    let plan = preset_plan(catalogue, model, preset, true);
    !plan.dropped.is_empty()
        && plan
            .dropped
            .iter()
            .all(|(c, _)| answers.get(c).na_reason.as_deref() == Some(reason.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_presets_reason_is_shown_without_its_id() {
        let cat = Catalogue::builtin().expect("catalogue");
        let preset = &cat.presets[0];
        assert_eq!(shown_reason(&cat, &preset_reason(preset)), preset.title);
        assert_eq!(
            shown_reason(&cat, "Платних послуг не надає"),
            "Платних послуг не надає"
        );
        let typed = format!("Інше [{}]", preset.id);
        assert_eq!(
            shown_reason(&cat, &typed),
            typed,
            "only the preset's own reason"
        );
    }
}
