//! Dates in front matter: RFC 3339, or a local date/time in the site's time zone.

use std::fmt;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use chrono_tz::Tz;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A date as written in front matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FmDate {
    /// `2026-11-18T07:45:00+01:00`: an instant.
    Zoned(DateTime<FixedOffset>),
    /// `2026-11-18T07:45:00` or `2026-11-18 07:45`: wall-clock time in the site's time zone.
    Local(NaiveDateTime),
    /// `2026-11-18`: a day in the site's time zone.
    Day(NaiveDate),
}

impl FmDate {
    pub fn parse(s: &str) -> Option<FmDate> {
        let s = s.trim();
        if let Ok(d) = DateTime::parse_from_rfc3339(s) {
            return Some(FmDate::Zoned(d));
        }
        for fmt in ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"] {
            if let Ok(d) = NaiveDateTime::parse_from_str(s, fmt) {
                return Some(FmDate::Local(d));
            }
        }
        NaiveDate::parse_from_str(s, "%Y-%m-%d").ok().map(FmDate::Day)
    }

    /// Whether the date can be written in front matter and read back: RFC 3339 and the other
    /// forms have four-digit years, so a feed's `Mon, 06 Jan 20206` cannot be kept.
    pub fn writable(self) -> bool {
        (0..=9999).contains(&self.written_day().year())
    }

    /// The instant, in the site's time zone. A day means its local midnight.
    pub fn resolve(self, tz: Tz) -> DateTime<FixedOffset> {
        let local = match self {
            FmDate::Zoned(d) => return d.with_timezone(&tz).fixed_offset(),
            FmDate::Local(d) => d,
            FmDate::Day(d) => d.and_time(NaiveTime::MIN),
        };
        // In a DST gap the wall-clock time does not exist: take the first valid instant after it.
        tz.from_local_datetime(&local)
            .earliest()
            .or_else(|| tz.from_local_datetime(&(local + chrono::Duration::hours(1))).earliest())
            .unwrap_or_else(|| tz.from_utc_datetime(&local))
            .fixed_offset()
    }

    /// The calendar day as written, whatever the zone (`2026-11-18T23:30:00-05:00` is the 18th).
    pub fn written_day(self) -> NaiveDate {
        match self {
            FmDate::Zoned(d) => d.date_naive(),
            FmDate::Local(d) => d.date(),
            FmDate::Day(d) => d,
        }
    }

    /// The calendar day this date names (a zoned instant is converted to the site's zone first).
    pub fn day(self, tz: Tz) -> NaiveDate {
        match self {
            FmDate::Day(d) => d,
            other => other.resolve(tz).date_naive(),
        }
    }
}

impl fmt::Display for FmDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FmDate::Zoned(d) => f.write_str(&d.to_rfc3339()),
            FmDate::Local(d) => write!(f, "{}", d.format("%Y-%m-%dT%H:%M:%S")),
            FmDate::Day(d) => write!(f, "{}", d.format("%Y-%m-%d")),
        }
    }
}

impl<'de> Deserialize<'de> for FmDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        FmDate::parse(&s).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "invalid date `{s}`: write it as `2026-11-18` or `2026-11-18T07:45:00+00:00` (RFC 3339)"
            ))
        })
    }
}

impl Serialize for FmDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_accepted_forms() {
        assert!(matches!(FmDate::parse("2026-11-18T07:45:00+01:00"), Some(FmDate::Zoned(_))));
        assert!(matches!(FmDate::parse("2026-11-18T07:45:00Z"), Some(FmDate::Zoned(_))));
        assert!(matches!(FmDate::parse("2026-11-18 07:45"), Some(FmDate::Local(_))));
        assert!(matches!(FmDate::parse("2026-11-18"), Some(FmDate::Day(_))));
        assert_eq!(FmDate::parse("yesterday"), None);
    }

    #[test]
    fn editions_are_cut_at_local_midnight() {
        let tz: Tz = "Europe/Berlin".parse().unwrap();
        // 23:30 UTC on the 17th is already the 18th in Berlin.
        let d = FmDate::parse("2026-11-17T23:30:00Z").unwrap();
        assert_eq!(d.day(tz), NaiveDate::from_ymd_opt(2026, 11, 18).unwrap());
        assert_eq!(FmDate::parse("2026-11-18").unwrap().resolve(tz).to_rfc3339(), "2026-11-18T00:00:00+01:00");
    }
}
