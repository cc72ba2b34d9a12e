//! How the protocol writes what the result stores in machine form: dates as `23.11.2026`,
//! times as `01.12.2026, 20:29 (UTC)`, percents with a decimal comma (`88,0`), sentences
//! closed with one period, and N/A reasons without akredit's own preset tags — the way a
//! Ukrainian official document writes them, so that it can be signed as printed.

use crate::catalogue::Catalogue;
use crate::scoring::Percent;

/// A stored `YYYY-MM-DD` date as `DD.MM.YYYY` (the one formatter the documents share).
pub(super) use crate::support::time::official_date as date;

/// A stored RFC 3339 time (`2026-12-01T20:29:34.973Z`) as `01.12.2026, 20:29 (UTC)`.
///
/// The program stores every time in UTC and does not know the signer's offset, so the
/// time is printed in UTC and says so, rather than passing it off as local time. A time
/// with an explicit offset keeps that offset in the brackets; anything unreadable is
/// printed as it is.
pub(super) fn time(stored: &str) -> String {
    let Some((day, clock)) = stored.split_once('T') else {
        return stored.to_string();
    };
    let (clock, zone) = if let Some(c) = clock.strip_suffix('Z') {
        (c, "UTC".to_string())
    } else if let Some(at) = clock.rfind(['+', '-']) {
        (&clock[..at], format!("UTC{}", &clock[at..]))
    } else {
        return stored.to_string();
    };
    let hm: Vec<&str> = clock.split(':').collect();
    match hm.as_slice() {
        [h, m, ..] if h.len() == 2 && m.len() == 2 && day.len() == 10 => {
            format!("{}, {h}:{m} ({zone})", date(day))
        }
        _ => stored.to_string(),
    }
}

/// A percent with the Ukrainian decimal comma (`88,0`), or `—` when there is none.
pub(super) fn percent(percent: Option<Percent>) -> String {
    percent.map_or_else(|| "—".to_string(), |p| format!("{},{}", p.0 / 10, p.0 % 10))
}

/// `text` closed as a sentence: a period added unless it already ends with one (a name
/// such as "Іваненко І. І." ends with its initial's period, and a second would be a typo
/// on an official paper), or with another closing mark.
pub(super) fn sentence(text: &str) -> String {
    let text = text.trim_end();
    if text.ends_with(['.', '!', '?', '…']) {
        text.to_string()
    } else {
        format!("{text}.")
    }
}

/// An N/A reason as it is printed: without the bracketed preset id akredit stores after a
/// preset's reason (`… засадах [no-self-financed]`).
///
/// [`crate::answers::shown_reason`] drops the id when the words before it are the preset's
/// title as the catalogue has it now; a reason stored under an earlier wording of the
/// title still ends in a preset's id, and that id is dropped here too, since it only tells
/// akredit which preset set it and means nothing to whoever signs the paper.
pub(super) fn reason<'a>(catalogue: &Catalogue, stored: &'a str) -> &'a str {
    let shown = crate::answers::shown_reason(catalogue, stored);
    catalogue
        .presets
        .iter()
        .find_map(|p| shown.strip_suffix(&format!(" [{}]", p.id)))
        .map_or(shown, str::trim_end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_times_are_written_the_ukrainian_way() {
        assert_eq!(date("2026-11-23"), "23.11.2026");
        assert_eq!(date("23.11.2026"), "23.11.2026");
        assert_eq!(time("2026-12-01T20:29:34.973Z"), "01.12.2026, 20:29 (UTC)");
        assert_eq!(
            time("2026-12-01T22:29:34+02:00"),
            "01.12.2026, 22:29 (UTC+02:00)"
        );
        assert_eq!(time("вчора"), "вчора");
    }

    #[test]
    fn percents_have_a_decimal_comma() {
        assert_eq!(percent(Some(Percent(880))), "88,0");
        assert_eq!(percent(Some(Percent(5))), "0,5");
        assert_eq!(percent(None), "—");
    }

    #[test]
    fn a_sentence_ends_with_one_period() {
        assert_eq!(sentence("Іваненко І. І."), "Іваненко І. І.");
        assert_eq!(sentence("Іваненко Іван"), "Іваненко Іван.");
        assert_eq!(sentence("Так "), "Так.");
    }

    #[test]
    fn a_preset_id_is_never_printed() {
        let cat = Catalogue::builtin().unwrap();
        let preset = &cat.presets[0];
        let stored = crate::answers::preset_reason(preset);
        assert_eq!(reason(&cat, &stored), preset.title);
        let older = format!("Інше формулювання [{}]", preset.id);
        assert_eq!(reason(&cat, &older), "Інше формулювання");
        assert_eq!(reason(&cat, "Своя причина [1]"), "Своя причина [1]");
    }
}
