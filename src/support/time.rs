//! Times and dates as the program stores them: UTC times in RFC 3339 with milliseconds,
//! calendar dates as `YYYY-MM-DD`.

use std::time::SystemTime;

/// The current time in UTC, RFC 3339 with milliseconds.
pub fn now_utc() -> String {
    humantime::format_rfc3339_millis(SystemTime::now()).to_string()
}

/// Seconds since 1970 as `YYYY-MM-DD HH:MM:SS UTC` (a time before 1970 as 1970's start:
/// no certificate or signature of akredit's concern is older).
pub fn format_unix(seconds: i64) -> String {
    let since = std::time::Duration::from_secs(u64::try_from(seconds).unwrap_or(0));
    let Some(time) = SystemTime::UNIX_EPOCH.checked_add(since) else {
        return format!("{seconds} s after 1970");
    };
    let text = humantime::format_rfc3339_seconds(time).to_string();
    format!("{} UTC", text.trim_end_matches('Z').replacen('T', " ", 1))
}

/// A text that is not a `YYYY-MM-DD` date (of the years 1900–2999).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a date; write it as YYYY-MM-DD, e.g. 2026-11-23")]
pub struct BadDate(pub String);

/// Checks a `YYYY-MM-DD` date.
pub fn check_date(text: &str) -> Result<(), BadDate> {
    let bad = || BadDate(text.to_string());
    let parts: Vec<&str> = text.split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return Err(bad());
    };
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return Err(bad());
    }
    let (Ok(y), Ok(m), Ok(d)) = (y.parse::<u32>(), m.parse::<u32>(), d.parse::<u32>()) else {
        return Err(bad());
    };
    let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return Err(bad()),
    };
    if !(1900..=2999).contains(&y) || d == 0 || d > days {
        return Err(bad());
    }
    Ok(())
}

/// A `YYYY-MM-DD` date (or the date part of an RFC 3339 time) as Ukrainian official
/// documents write it, `01.12.2026` (ДСТУ 4163:2020); any other text as it is.
pub fn official_date(text: &str) -> String {
    let date = text.get(..10).unwrap_or(text);
    if check_date(date).is_err() {
        return text.to_string();
    }
    format!("{}.{}.{}", &date[8..10], &date[5..7], &date[..4])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn official_dates() {
        assert_eq!(official_date("2026-12-01"), "01.12.2026");
        assert_eq!(official_date("2026-12-01T20:29:34.973Z"), "01.12.2026");
        assert_eq!(official_date("вчора"), "вчора");
    }

    #[test]
    fn dates_are_checked() {
        assert!(check_date("2026-11-23").is_ok());
        assert!(check_date("2024-02-29").is_ok());
        assert!(check_date("2026-02-29").is_err());
        assert!(check_date("23.11.2026").is_err());
        assert!(check_date("2026-13-01").is_err());
    }
}
