//! Cells of the CSV files people open in a spreadsheet.

/// A spreadsheet would run a cell that starts like a formula; such text gets a leading
/// apostrophe, which spreadsheets show as text and do not display.
pub fn formula_safe(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::formula_safe;

    #[test]
    fn formulas_become_text() {
        assert_eq!(formula_safe("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        assert_eq!(formula_safe("@SUM"), "'@SUM");
        assert_eq!(formula_safe("Петренко"), "Петренко");
    }
}
