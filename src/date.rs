//! Calendar dates as MOUs use them: parsed from TOML or `YYYY-MM-DD`, compared, and written out in words.

use crate::error::InputError;
use serde::{Deserialize, Deserializer};
use std::fmt;

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year.
    pub year: u16,
    /// Month, 1 to 12.
    pub month: u8,
    /// Day of the month, 1 to 31.
    pub day: u8,
}

/// Month names, in order.
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl Date {
    /// Parses `YYYY-MM-DD`, checking the day exists.
    #[must_use]
    pub fn parse(s: &str) -> Option<Date> {
        let mut it = s.trim().splitn(3, '-');
        let year: u16 = it.next()?.parse().ok()?;
        let month: u8 = it.next()?.parse().ok()?;
        let day: u8 = it.next()?.parse().ok()?;
        Date::new(year, month, day)
    }

    /// A date, if it exists on the calendar.
    #[must_use]
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (day >= 1 && day <= days).then_some(Date { year, month, day })
    }

    /// The date as a contract writes it: "July 1, 2024".
    #[must_use]
    pub fn long(&self) -> String {
        format!("{} {}, {}", MONTHS[usize::from(self.month - 1)], self.day, self.year)
    }
}

/// The environment variable that fixes "today" for reproducible output (reproducible-builds.org).
pub const SOURCE_DATE_EPOCH: &str = "SOURCE_DATE_EPOCH";

/// Today's date (UTC): from `SOURCE_DATE_EPOCH` when it is set, so that a redline, an attestation or a waiver's
/// expiry comes out the same on every run, else from the system clock. An empty value counts as unset.
///
/// # Errors
/// `SOURCE_DATE_EPOCH` is set but is not a whole number of seconds since 1970-01-01 00:00 UTC (digits only, as
/// `date +%s` prints), or names a day after 9999-12-31.
pub fn today() -> Result<Date, InputError> {
    match std::env::var_os(SOURCE_DATE_EPOCH) {
        Some(v) if !v.is_empty() => {
            let text = v.to_string_lossy();
            text.parse::<u64>()
                .ok()
                .filter(|_| text.bytes().all(|b| b.is_ascii_digit()))
                .and_then(|secs| Date::from_days_since_epoch(secs / 86_400))
                .ok_or_else(|| {
                    InputError::new(format!(
                        "{SOURCE_DATE_EPOCH} is `{text}`, which is not a number of seconds since 1970-01-01 00:00 UTC"
                    ))
                    .help(format!(
                        "set {SOURCE_DATE_EPOCH} to a whole number of seconds, as `date +%s` prints it (for example \
                         1767225600 for 2026-01-01), or unset it to use today's date"
                    ))
                })
        }
        _ => {
            let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
            Ok(Date::from_days_since_epoch(secs / 86_400).unwrap_or(Date { year: 1970, month: 1, day: 1 }))
        }
    }
}

impl Date {
    /// The date `days` days after 1970-01-01, if it is no later than 9999-12-31.
    #[must_use]
    pub fn from_days_since_epoch(days: u64) -> Option<Date> {
        // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
        let z = i64::try_from(days).ok()?.checked_add(719_468)?;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = doy - (153 * mp + 2) / 5 + 1;
        let m = if mp < 10 { mp + 3 } else { mp - 9 };
        let y = yoe + era * 400 + i64::from(m <= 2);
        if y > 9999 {
            return None;
        }
        Date::new(u16::try_from(y).ok()?, u8::try_from(m).ok()?, u8::try_from(d).ok()?)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // A TOML date (`2024-07-01`) or a string ("2024-07-01") are both accepted.
        let v = toml::Value::deserialize(d)?;
        let text = match &v {
            toml::Value::Datetime(dt) => match (dt.date, dt.time) {
                (Some(date), None) => {
                    return Date::new(date.year, date.month, date.day)
                        .ok_or_else(|| serde::de::Error::custom("no such date"))
                }
                _ => dt.to_string(),
            },
            toml::Value::String(s) => s.clone(),
            other => {
                return Err(serde::de::Error::custom(format!(
                    "expected a date like 2024-07-01, found {}",
                    other.type_str()
                )))
            }
        };
        Date::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!("expected a date like 2024-07-01 (no time), found `{text}`"))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_writes_dates() {
        let d = Date::parse("2024-07-01").unwrap();
        assert_eq!(d.long(), "July 1, 2024");
        assert_eq!(d.to_string(), "2024-07-01");
        assert!(Date::parse("2023-02-29").is_none());
        assert!(Date::parse("2024-02-29").is_some());
        assert!(Date::parse("2024-13-01").is_none());
        assert!(Date::parse("2024-01-01") < Date::parse("2024-07-01"));
    }

    #[test]
    fn days_since_the_epoch_are_calendar_dates() {
        assert_eq!(Date::from_days_since_epoch(0).unwrap().to_string(), "1970-01-01");
        assert_eq!(Date::from_days_since_epoch(1_767_225_600 / 86_400).unwrap().to_string(), "2026-01-01");
        assert_eq!(Date::from_days_since_epoch(11_016).unwrap().to_string(), "2000-02-29");
        assert_eq!(Date::from_days_since_epoch(2_932_896).unwrap().to_string(), "9999-12-31");
        assert_eq!(Date::from_days_since_epoch(2_932_897), None);
        assert_eq!(Date::from_days_since_epoch(u64::MAX), None);
    }
}
