//! The order of the overview's rows: by any column, either way, stably; rows without the
//! column's value last either way; names in the order of the Ukrainian alphabet.

use std::cmp::Ordering;

use crate::commission::{Row, Status};

/// The columns of the table; each is also what the table can be sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    /// The centre's name (Ukrainian alphabetical order).
    Centre,
    /// The model.
    Model,
    /// The visit date.
    VisitDate,
    /// The expert.
    Expert,
    /// The commission's points.
    Points,
    /// The percent.
    Percent,
    /// The category, lowest first.
    Category,
    /// Valid, a valid draft, duplicate, superseded, invalid.
    Status,
    /// The qualified signature beside the result: valid, chain not checked, invalid, none.
    Kep,
    /// The signing key's fingerprint.
    Key,
    /// The file's name (then its whole path).
    File,
}

impl SortKey {
    /// Every column, in the table's order.
    pub const ALL: [SortKey; 11] = [
        SortKey::Centre,
        SortKey::Model,
        SortKey::VisitDate,
        SortKey::Expert,
        SortKey::Points,
        SortKey::Percent,
        SortKey::Category,
        SortKey::Status,
        SortKey::Kep,
        SortKey::Key,
        SortKey::File,
    ];
}

/// The indices of `rows` in the order shown: as found, or sorted by a column.
pub fn order(rows: &[Row], sort: Option<(SortKey, bool)>) -> Vec<usize> {
    let mut order: Vec<usize> = (0..rows.len()).collect();
    if let Some((key, ascending)) = sort {
        // Stable: rows that compare equal keep the order they were found in. Rows
        // without the value (an unreadable file) come last either way.
        order.sort_by(|&a, &b| {
            let (a, b) = (&rows[a], &rows[b]);
            let by_value = if ascending {
                compare(a, b, key)
            } else {
                compare(b, a, key)
            };
            lacks(a, key).cmp(&lacks(b, key)).then(by_value)
        });
    }
    order
}

/// Whether the row has no value in the column.
fn lacks(r: &Row, key: SortKey) -> bool {
    match key {
        SortKey::Centre => r.centre.is_empty(),
        SortKey::Model => r.model.is_none(),
        SortKey::VisitDate => r.visit_date.is_empty(),
        SortKey::Expert => r.expert.is_empty(),
        SortKey::Key => r.fingerprint.is_empty(),
        SortKey::Points => r.points.is_none(),
        SortKey::Percent => r.percent.is_none(),
        SortKey::Category => r.category.is_none(),
        SortKey::Kep => r.kep.is_none(),
        SortKey::Status | SortKey::File => false,
    }
}

fn compare(a: &Row, b: &Row, key: SortKey) -> Ordering {
    match key {
        SortKey::Centre => collation_key(&a.centre).cmp(&collation_key(&b.centre)),
        SortKey::Model => a.model.cmp(&b.model),
        SortKey::VisitDate => a.visit_date.cmp(&b.visit_date),
        SortKey::Expert => collation_key(&a.expert).cmp(&collation_key(&b.expert)),
        SortKey::Key => a.fingerprint.cmp(&b.fingerprint),
        SortKey::Points => a.points.cmp(&b.points),
        SortKey::Percent => a.percent.cmp(&b.percent),
        SortKey::Category => a.category.cmp(&b.category),
        SortKey::Status => status_rank(a).cmp(&status_rank(b)),
        SortKey::Kep => kep_rank(a).cmp(&kep_rank(b)),
        SortKey::File => file_name(a)
            .cmp(&file_name(b))
            .then_with(|| a.path.cmp(&b.path)),
    }
}

/// Text compared in the order of the Ukrainian alphabet (І after И, Є after Е, Ґ after
/// Г), without case or apostrophes; other characters by their code.
fn collation_key(text: &str) -> Vec<u32> {
    const ALPHABET: &str = "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя";
    text.chars()
        .flat_map(char::to_lowercase)
        .filter(|c| !matches!(c, '\'' | '\u{2019}' | '\u{02BC}' | '`'))
        .map(|c| match ALPHABET.chars().position(|a| a == c) {
            Some(i) => 0x10000 + i as u32,
            None => c as u32,
        })
        .collect()
}

/// The file's name as sorted: without case.
fn file_name(r: &Row) -> String {
    r.path
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default()
}

/// Valid first, then a chain not checked, then invalid.
fn kep_rank(r: &Row) -> u8 {
    use crate::commission::KepState;
    match r.kep.as_ref().map(|k| k.state()) {
        Some(KepState::Valid) => 0,
        Some(KepState::ChainNotChecked) => 1,
        Some(KepState::Invalid) => 2,
        None => 3,
    }
}

fn status_rank(r: &Row) -> u8 {
    match r.status {
        Status::Valid if r.is_final == Some(false) => 1,
        Status::Valid => 0,
        Status::Duplicate { .. } => 2,
        Status::Superseded { .. } => 3,
        Status::Invalid { .. } => 4,
    }
}

#[cfg(test)]
mod tests {
    use super::collation_key;

    #[test]
    fn names_sort_in_the_order_of_the_ukrainian_alphabet() {
        let mut names = [
            "Ївано-Франківський",
            "Іршава",
            "Гадяч",
            "Ґалаґани",
            "Єнакієве",
        ];
        names.sort_by_key(|n| collation_key(n));
        assert_eq!(
            names,
            [
                "Гадяч",
                "Ґалаґани",
                "Єнакієве",
                "Іршава",
                "Ївано-Франківський"
            ]
        );
    }
}
