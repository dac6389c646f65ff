//! Calendar dates as the gazetteer and document metadata use them: `YYYY`, `YYYY-MM` or
//! `YYYY-MM-DD`. A partial date is a range; role bounds take its first day (start) or last
//! day (end).

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// A (possibly partial) calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Date {
    pub year: i32,
    /// 0 when only the year is known.
    pub month: u8,
    /// 0 when the day is unknown.
    pub day: u8,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid date {0:?} ({why})", why = if is_well_formed(.0) { "no such day in the calendar" } else { "expected YYYY, YYYY-MM or YYYY-MM-DD" })]
pub struct DateError(pub String);

/// Whether `s` has the shape of a date (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`), whatever its values.
fn is_well_formed(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
    !parts.is_empty()
        && parts.len() <= 3
        && digits(parts[0], 4)
        && parts[1..].iter().all(|p| digits(p, 2))
}

impl Date {
    pub fn ymd(year: i32, month: u8, day: u8) -> Date {
        Date { year, month, day }
    }

    /// Sort key of the first day this date can denote.
    pub fn first_day(self) -> (i32, u8, u8) {
        (self.year, self.month.max(1), self.day.max(1))
    }

    /// Sort key of the last day this date can denote.
    pub fn last_day(self) -> (i32, u8, u8) {
        (
            self.year,
            if self.month == 0 { 12 } else { self.month },
            if self.day == 0 { 31 } else { self.day },
        )
    }
}

/// Days in `month` (1-12) of `year` in the proleptic Gregorian calendar.
fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl FromStr for Date {
    type Err = DateError;
    fn from_str(s: &str) -> Result<Date, DateError> {
        let err = || DateError(s.to_string());
        let mut parts = s.split('-');
        let y = parts.next().ok_or_else(err)?;
        if y.len() != 4 || !y.bytes().all(|b| b.is_ascii_digit()) {
            return Err(err());
        }
        let year: i32 = y.parse().map_err(|_| err())?;
        // There is no year 0 in the calendar (1 BC is followed by AD 1).
        if year == 0 {
            return Err(err());
        }
        let mut num = |max: u8| -> Result<u8, DateError> {
            match parts.next() {
                None => Ok(0),
                Some(p) if p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit()) => {
                    let v: u8 = p.parse().map_err(|_| err())?;
                    if (1..=max).contains(&v) {
                        Ok(v)
                    } else {
                        Err(err())
                    }
                }
                Some(_) => Err(err()),
            }
        };
        let month = num(12)?;
        let day = num(31)?;
        if month == 0 && day != 0 {
            return Err(err());
        }
        if day > days_in_month(year, month) {
            return Err(err());
        }
        if parts.next().is_some() {
            return Err(err());
        }
        Ok(Date { year, month, day })
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if self.month > 0 {
            write!(f, "-{:02}", self.month)?;
            if self.day > 0 {
                write!(f, "-{:02}", self.day)?;
            }
        }
        Ok(())
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// Whether a period `[start, end]` (either bound may be open) contains `date`.
pub fn active_on(start: Option<Date>, end: Option<Date>, date: Date) -> bool {
    let (lo, hi) = (date.first_day(), date.last_day());
    start.is_none_or(|s| s.first_day() <= hi) && end.is_none_or(|e| lo <= e.last_day())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_partial_dates() {
        assert_eq!("2019".parse::<Date>().unwrap(), Date::ymd(2019, 0, 0));
        assert_eq!("2019-05".parse::<Date>().unwrap(), Date::ymd(2019, 5, 0));
        assert_eq!(
            "2019-05-07".parse::<Date>().unwrap().to_string(),
            "2019-05-07"
        );
        for bad in [
            "19",
            "2019-5",
            "2019-13",
            "2019-01-32",
            "2019-01-01-01",
            "abcd",
            "",
            "0000",
            "0000-01-01",
            "2023-02-29",
            "1900-02-29",
            "2024-04-31",
        ] {
            assert!(bad.parse::<Date>().is_err(), "{bad}");
        }
    }

    #[test]
    fn leap_days_follow_the_gregorian_rules() {
        for good in [
            "2024-02-29",
            "2000-02-29",
            "2023-02-28",
            "2024-12-31",
            "0001-01-01",
        ] {
            assert!(good.parse::<Date>().is_ok(), "{good}");
        }
    }

    #[test]
    fn activity_uses_inclusive_partial_bounds() {
        let d = |s: &str| s.parse::<Date>().unwrap();
        assert!(active_on(Some(d("2012-05-07")), None, d("2019-03-01")));
        assert!(!active_on(
            Some(d("2021-12-08")),
            Some(d("2025-05-06")),
            d("2019")
        ));
        assert!(active_on(
            Some(d("2005-11-22")),
            Some(d("2021-12-08")),
            d("2021")
        ));
        assert!(active_on(None, Some(d("2000")), d("2000-12-31")));
    }
}
