//! The Order's arithmetic: points, maximum, percent and accreditation category.
//!
//! Pure functions of the catalogue, the model and the answers. Every comparison with a
//! threshold is made on integers (`100 × points ≥ 92 × max_points`), and the percent
//! shown is floored to one decimal, so a result can never be displayed, or classified,
//! above what the points give.

use std::fmt;

use serde::Serialize;

use crate::answers::{Answers, Column};
use crate::catalogue::{Catalogue, CategoryRule, Code, ModelId, Standard};

/// An accreditation category (the Order's "Загальні положення").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    /// Below the lowest threshold: no certificate; the commission makes proposals.
    None,
    /// Друга категорія (75 – 80.9 %).
    Second,
    /// Перша категорія (81 – 91.9 %).
    First,
    /// Вища категорія (92 % and more).
    Higher,
}

impl Category {
    /// The id used in JSON (`higher`, `first`, `second`, `none`).
    pub fn id(self) -> &'static str {
        match self {
            Category::Higher => "higher",
            Category::First => "first",
            Category::Second => "second",
            Category::None => "none",
        }
    }

    /// The Ukrainian name, as the Order words it (below the lowest threshold: line 50 of
    /// the source, "акредитаційний сертифікат не видається").
    pub fn title_uk(self) -> &'static str {
        match self {
            Category::Higher => "вища категорія",
            Category::First => "перша категорія",
            Category::Second => "друга категорія",
            Category::None => "акредитаційний сертифікат не видається",
        }
    }

    /// The category with this id (`higher`, `first`, `second`, `none`), if any.
    pub fn parse(id: &str) -> Option<Category> {
        match id {
            "higher" => Some(Category::Higher),
            "first" => Some(Category::First),
            "second" => Some(Category::Second),
            "none" => Some(Category::None),
            _ => None,
        }
    }

    // A catalogue rule's id: anything unknown earns no certificate.
    fn from_id(id: &str) -> Category {
        Category::parse(id).unwrap_or(Category::None)
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// A percentage kept as tenths and floored: 91.96 % is `Percent(919)`, shown `91.9`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Percent(pub u32);

impl Percent {
    /// `100 × points / max_points`, floored to tenths; `None` when the maximum is 0.
    pub fn of(points: u32, max_points: u32) -> Option<Percent> {
        if max_points == 0 {
            return None;
        }
        let tenths = u64::from(points) * 1000 / u64::from(max_points);
        Some(Percent(u32::try_from(tenths).unwrap_or(u32::MAX)))
    }
}

impl Percent {
    /// `91.9`, or `—` when there is no percent (nothing applicable).
    pub fn or_dash(percent: Option<Percent>) -> String {
        percent.map_or_else(|| "—".to_string(), |p| p.to_string())
    }

    /// `91.9 %`, or `—` when there is no percent.
    pub fn with_sign_or_dash(percent: Option<Percent>) -> String {
        percent.map_or_else(|| "—".to_string(), |p| format!("{p} %"))
    }
}

impl fmt::Display for Percent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.0 / 10, self.0 % 10)
    }
}

impl Serialize for Percent {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl std::str::FromStr for Percent {
    type Err = String;

    /// Reads a percent as [`Percent`] writes it: digits, a point, one digit (`91.9`).
    fn from_str(text: &str) -> Result<Percent, String> {
        let bad = || format!("{text:?} is not a percent such as 91.9");
        let (whole, tenth) = text.split_once('.').ok_or_else(bad)?;
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if !digits(whole) || tenth.len() != 1 || !digits(tenth) {
            return Err(bad());
        }
        let whole: u32 = whole.parse().map_err(|_| bad())?;
        let tenth: u32 = tenth.parse().map_err(|_| bad())?;
        whole
            .checked_mul(10)
            .and_then(|w| w.checked_add(tenth))
            .map(Percent)
            .ok_or_else(bad)
    }
}

impl<'de> serde::Deserialize<'de> for Percent {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Percent, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// The category that `points` out of `max_points` earn under `rules` (highest first).
pub fn category(rules: &[CategoryRule], points: u32, max_points: u32) -> Category {
    if max_points == 0 {
        return Category::None;
    }
    let scaled = 100 * u64::from(points);
    rules
        .iter()
        .find(|r| scaled >= u64::from(r.min_percent) * u64::from(max_points))
        .map(|r| Category::from_id(&r.id))
        .unwrap_or(Category::None)
}

/// The figures of one grade column over a set of standards.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Tally {
    /// Applicable standards with a grade.
    pub scored: usize,
    /// Applicable standards without a grade.
    pub unscored: usize,
    /// Sum of the grades (unscored count 0).
    pub points: u32,
    /// Percent of the maximum, floored to tenths; `None` when nothing is applicable.
    pub percent: Option<Percent>,
    /// The category the points earn now (every unscored standard counted as 0).
    pub category: Category,
    /// Percent if every unscored standard got 3.
    pub best_percent: Option<Percent>,
    /// The category if every unscored standard got 3: the live forecast.
    pub best_category: Category,
}

/// Figures for one group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GroupTotals {
    /// The group's code (`1.1` …).
    pub code: Code,
    /// Standards of the model in this group.
    pub standards: usize,
    /// Of them, applicable.
    pub applicable: usize,
    /// 3 × applicable.
    pub max_points: u32,
    /// The commission's figures.
    pub commission: Tally,
    /// The self-assessment's figures.
    #[serde(rename = "self")]
    pub self_assessment: Tally,
}

/// The whole inspection's figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Totals {
    /// The model.
    pub model: ModelId,
    /// Standards of the model.
    pub standards: usize,
    /// Of them, applicable.
    pub applicable: usize,
    /// Of them, marked not applicable.
    pub not_applicable: usize,
    /// 3 × applicable.
    pub max_points: u32,
    /// Every applicable standard has a commission grade.
    pub complete: bool,
    /// The commission's figures.
    pub commission: Tally,
    /// The self-assessment's figures.
    #[serde(rename = "self")]
    pub self_assessment: Tally,
    /// Per group, in the Order's order (groups with no standard in the model are omitted).
    pub groups: Vec<GroupTotals>,
}

#[derive(Default)]
struct Counter {
    standards: usize,
    applicable: usize,
    commission: (usize, u32),
    self_assessment: (usize, u32),
}

impl Counter {
    fn add(&mut self, standard: &Standard, answers: &Answers) {
        self.standards += 1;
        let Some(answer) = answers.standards.get(&standard.code) else {
            self.applicable += 1;
            return;
        };
        if answer.is_na() {
            return;
        }
        self.applicable += 1;
        for (column, slot) in [
            (Column::Commission, &mut self.commission),
            (Column::SelfAssessment, &mut self.self_assessment),
        ] {
            if let Some(g) = answer.grade(column) {
                slot.0 += 1;
                slot.1 += u32::from(g);
            }
        }
    }

    fn max_points(&self) -> u32 {
        3 * u32::try_from(self.applicable).unwrap_or(u32::MAX / 3)
    }

    fn tally(&self, rules: &[CategoryRule], (scored, points): (usize, u32)) -> Tally {
        let max = self.max_points();
        let unscored = self.applicable - scored;
        let best = points + 3 * u32::try_from(unscored).unwrap_or(0);
        Tally {
            scored,
            unscored,
            points,
            percent: Percent::of(points, max),
            category: category(rules, points, max),
            best_percent: Percent::of(best, max),
            best_category: category(rules, best, max),
        }
    }
}

/// Where the centre's self-assessment and the commission differ (see
/// [`crate::answers::Answer::diverges`]), per group in the Order's order; groups without a
/// divergence are left out.
pub fn divergences(
    catalogue: &Catalogue,
    model: ModelId,
    answers: &Answers,
) -> Vec<(Code, Vec<Code>)> {
    let mut groups: Vec<(Code, Vec<Code>)> = Vec::new();
    for s in catalogue.model_standards(model) {
        if !answers.standards.get(&s.code).is_some_and(|a| a.diverges()) {
            continue;
        }
        match groups.last_mut() {
            Some((group, codes)) if *group == s.group => codes.push(s.code.clone()),
            _ => groups.push((s.group.clone(), vec![s.code.clone()])),
        }
    }
    groups
}

/// Computes every figure of an inspection.
pub fn totals(catalogue: &Catalogue, model: ModelId, answers: &Answers) -> Totals {
    let rules = &catalogue.categories;
    let mut all = Counter::default();
    let mut groups = Vec::with_capacity(catalogue.groups.len());
    for group in &catalogue.groups {
        let mut counter = Counter::default();
        for s in catalogue
            .model_standards(model)
            .filter(|s| s.group == group.code)
        {
            counter.add(s, answers);
            all.add(s, answers);
        }
        if counter.standards == 0 {
            continue;
        }
        groups.push(GroupTotals {
            code: group.code.clone(),
            standards: counter.standards,
            applicable: counter.applicable,
            max_points: counter.max_points(),
            commission: counter.tally(rules, counter.commission),
            self_assessment: counter.tally(rules, counter.self_assessment),
        });
    }
    let commission = all.tally(rules, all.commission);
    Totals {
        model,
        standards: all.standards,
        applicable: all.applicable,
        not_applicable: all.standards - all.applicable,
        max_points: all.max_points(),
        complete: commission.unscored == 0,
        self_assessment: all.tally(rules, all.self_assessment),
        commission,
        groups,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::Change;

    fn rules() -> Vec<CategoryRule> {
        Catalogue::builtin().expect("catalogue").categories
    }

    #[test]
    fn percent_is_floored_never_rounded_up() {
        assert_eq!(
            Percent::of(648, 705).map(|p| p.to_string()),
            Some("91.9".into())
        );
        assert_eq!(
            Percent::of(649, 705).map(|p| p.to_string()),
            Some("92.0".into())
        );
        // 91.96… % must show 91.9, not 92.0.
        assert_eq!(
            Percent::of(9196, 10000).map(|p| p.to_string()),
            Some("91.9".into())
        );
        assert_eq!(Percent::of(0, 3).map(|p| p.to_string()), Some("0.0".into()));
        assert_eq!(
            Percent::of(3, 3).map(|p| p.to_string()),
            Some("100.0".into())
        );
        assert_eq!(Percent::of(1, 0), None);
    }

    #[test]
    fn thresholds_of_the_full_model() {
        let r = rules();
        // 705 points: 92 % = 648.6, 81 % = 571.05, 75 % = 528.75.
        assert_eq!(category(&r, 649, 705), Category::Higher);
        assert_eq!(category(&r, 648, 705), Category::First);
        assert_eq!(category(&r, 572, 705), Category::First);
        assert_eq!(category(&r, 571, 705), Category::Second);
        assert_eq!(category(&r, 529, 705), Category::Second);
        assert_eq!(category(&r, 528, 705), Category::None);
    }

    #[test]
    fn thresholds_of_the_sanitary_model() {
        let r = rules();
        // 573 points: 92 % = 527.16, 81 % = 464.13, 75 % = 429.75.
        assert_eq!(category(&r, 528, 573), Category::Higher);
        assert_eq!(category(&r, 527, 573), Category::First);
        assert_eq!(category(&r, 465, 573), Category::First);
        assert_eq!(category(&r, 464, 573), Category::Second);
        assert_eq!(category(&r, 430, 573), Category::Second);
        assert_eq!(category(&r, 429, 573), Category::None);
    }

    #[test]
    fn exact_threshold_counts() {
        let r = rules();
        // 300 points: exactly 92 %, 81 %, 75 % earn the category.
        assert_eq!(category(&r, 276, 300), Category::Higher);
        assert_eq!(category(&r, 243, 300), Category::First);
        assert_eq!(category(&r, 225, 300), Category::Second);
        assert_eq!(category(&r, 224, 300), Category::None);
        assert_eq!(category(&r, 0, 0), Category::None);
    }

    fn grade_all(cat: &Catalogue, model: ModelId, grade: u8) -> Answers {
        let mut a = Answers::default();
        for s in cat.model_standards(model) {
            let g = if s.scale.allows(grade) { grade } else { 3 };
            a.apply(&Change::Grade {
                code: s.code.clone(),
                column: crate::answers::Column::Commission,
                grade: Some(g),
            });
        }
        a
    }

    #[test]
    fn empty_inspection_forecasts_from_zero_to_higher() {
        let cat = Catalogue::builtin().expect("catalogue");
        let t = totals(&cat, ModelId::Full, &Answers::default());
        assert_eq!((t.standards, t.applicable, t.max_points), (235, 235, 705));
        assert_eq!(t.commission.unscored, 235);
        assert_eq!(t.commission.points, 0);
        assert_eq!(t.commission.category, Category::None);
        assert_eq!(t.commission.best_category, Category::Higher);
        assert!(!t.complete);
        assert_eq!(t.groups.len(), 14);
        let t = totals(&cat, ModelId::Sanitary, &Answers::default());
        assert_eq!((t.standards, t.max_points), (191, 573));
        assert_eq!(t.groups.len(), 13, "group 1.8 has no sanitary standard");
    }

    #[test]
    fn full_marks_and_na_changing_the_maximum() {
        let cat = Catalogue::builtin().expect("catalogue");
        let mut a = grade_all(&cat, ModelId::Full, 3);
        let t = totals(&cat, ModelId::Full, &a);
        assert_eq!((t.commission.points, t.max_points), (705, 705));
        assert_eq!(
            t.commission.percent.map(|p| p.to_string()),
            Some("100.0".into())
        );
        assert!(t.complete);
        // Drop one standard: 234 applicable, 702 max, still 100 %.
        a.apply(&Change::NotApplicable {
            code: "1.1.1.5".parse().expect("code"),
            reason: Some("no self-financed activity".into()),
        });
        let t = totals(&cat, ModelId::Full, &a);
        assert_eq!(
            (t.applicable, t.not_applicable, t.max_points),
            (234, 1, 702)
        );
        assert_eq!(
            t.commission.points, 702,
            "an N/A standard's grade does not count"
        );
    }

    #[test]
    fn na_can_move_the_category_across_a_threshold() {
        let cat = Catalogue::builtin().expect("catalogue");
        let mut a = grade_all(&cat, ModelId::Full, 3);
        // Bring the score to 648/705 (first): 19 two-grade standards at 0 lose 57 points.
        let two_grade: Vec<Code> = cat
            .model_standards(ModelId::Full)
            .filter(|s| s.scale == crate::catalogue::Scale::Two)
            .map(|s| s.code.clone())
            .take(20)
            .collect();
        for code in &two_grade[..19] {
            a.apply(&Change::Grade {
                code: code.clone(),
                column: crate::answers::Column::Commission,
                grade: Some(0),
            });
        }
        let t = totals(&cat, ModelId::Full, &a);
        assert_eq!((t.commission.points, t.max_points), (648, 705));
        assert_eq!(t.commission.category, Category::First);
        assert_eq!(
            t.commission.percent.map(|p| p.to_string()),
            Some("91.9".into())
        );
        // One zero-graded standard not applicable: 648/702 = 92.3 % → higher.
        a.apply(&Change::NotApplicable {
            code: two_grade[0].clone(),
            reason: Some("reason".into()),
        });
        let t = totals(&cat, ModelId::Full, &a);
        assert_eq!((t.commission.points, t.max_points), (648, 702));
        assert_eq!(t.commission.category, Category::Higher);
    }

    #[test]
    fn everything_na_has_no_percent() {
        let cat = Catalogue::builtin().expect("catalogue");
        let mut a = Answers::default();
        for s in cat.model_standards(ModelId::Sanitary) {
            a.apply(&Change::NotApplicable {
                code: s.code.clone(),
                reason: Some("r".into()),
            });
        }
        let t = totals(&cat, ModelId::Sanitary, &a);
        assert_eq!((t.applicable, t.max_points), (0, 0));
        assert_eq!(t.commission.percent, None);
        assert_eq!(t.commission.category, Category::None);
        assert_eq!(t.commission.best_category, Category::None);
        assert!(t.complete);
    }

    #[test]
    fn self_assessment_is_counted_separately() {
        let cat = Catalogue::builtin().expect("catalogue");
        let mut a = Answers::default();
        a.apply(&Change::Grade {
            code: "1.1.3".parse().expect("code"),
            column: crate::answers::Column::SelfAssessment,
            grade: Some(2),
        });
        let t = totals(&cat, ModelId::Full, &a);
        assert_eq!(t.self_assessment.points, 2);
        assert_eq!(t.self_assessment.scored, 1);
        assert_eq!(t.commission.scored, 0);
        let g = &t.groups[0];
        assert_eq!(g.code.as_str(), "1.1");
        assert_eq!(g.self_assessment.points, 2);
        assert_eq!(g.max_points, 3 * g.applicable as u32);
    }
}
