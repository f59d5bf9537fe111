//! CLDR formats for one language: dates, times, month and weekday names, numbers and plural
//! categories, all from ICU4X's compiled CLDR data (no hand-written tables).
//!
//! ICU4X was chosen over chrono's `unstable-locales` by measurement (`bench/i18n/run`): it
//! writes CLDR's dates right in all 16 theme languages and their regional forms (chrono's
//! glibc names with one pattern: 4 of 18), has the plural rules and native digits chrono
//! lacks, and costs a few hundred kilobytes of binary.

use chrono::{Datelike, NaiveDate, NaiveTime, Timelike};
use icu_calendar::{Date, Gregorian};
use icu_datetime::fieldsets::enums::{DateFieldSet, TimeFieldSet};
use icu_datetime::fieldsets::{E, M, T, YM, YMDE};
use icu_datetime::input::Time;
use icu_datetime::pattern::{
    DateTimePattern, DayPeriodNameLength, FixedCalendarDateTimeNames, MonthNameLength, WeekdayNameLength,
};
use icu_datetime::FixedCalendarDateTimeFormatter;
use icu_decimal::input::Decimal;
use icu_decimal::options::{DecimalFormatterOptions, GroupingStrategy};
use icu_decimal::DecimalFormatter;
use icu_locale_core::Locale;
use icu_plurals::{PluralCategory, PluralRules};
use writeable::{TryWriteable, Writeable};

type Fixed<F> = FixedCalendarDateTimeFormatter<Gregorian, F>;

/// How a day is written: CLDR's long date with the weekday for the locale, or a pattern a
/// theme or site chose (CLDR pattern syntax, with CLDR's names and digits).
enum DateFormat {
    Cldr(Box<Fixed<YMDE>>),
    Pattern(Box<FixedCalendarDateTimeNames<Gregorian, DateFieldSet>>, DateTimePattern),
}

enum TimeFormat {
    Cldr(Box<NoCalendarTime>),
    Pattern(Box<FixedCalendarDateTimeNames<Gregorian, TimeFieldSet>>, DateTimePattern),
}

type NoCalendarTime = icu_datetime::NoCalendarFormatter<T>;

/// Everything Gazette formats for one language.
pub struct Formats {
    locale: Locale,
    date: DateFormat,
    time: TimeFormat,
    /// CLDR's long year-and-month pattern with the names and digits it needs (ICU4X 2.4's own
    /// year-month formatter leaves the digits unloaded for some locales, Portuguese among them).
    month_year: (Box<FixedCalendarDateTimeNames<Gregorian, DateFieldSet>>, DateTimePattern),
    month: Fixed<M>,
    weekday_long: Fixed<E>,
    weekday_short: Fixed<E>,
    /// Counts: CLDR's digits, grouped from five digits on (`12 345`, not `1 234`).
    count: DecimalFormatter,
    /// Years and days of the month: CLDR's digits, never grouped.
    plain: DecimalFormatter,
    plurals: PluralRules,
    /// Days and minutes already written: a build writes the same few hundred days and times
    /// tens of thousands of times (every card shows one), and ICU4X's formatting of them
    /// showed in `perf` profiles of the bench build.
    memo: Memo,
}

#[derive(Default)]
struct Memo {
    days: std::sync::Mutex<foldhash::HashMap<NaiveDate, String>>,
    minutes: std::sync::Mutex<foldhash::HashMap<(u32, u32), String>>,
}

/// The memoized `make(key)`: the lock is not held while formatting.
fn memoized<K: std::hash::Hash + Eq + Copy>(
    memo: &std::sync::Mutex<foldhash::HashMap<K, String>>,
    key: K,
    make: impl FnOnce() -> String,
) -> String {
    let lock = || memo.lock().unwrap_or_else(|p| p.into_inner());
    if let Some(s) = lock().get(&key) {
        return s.clone();
    }
    let s = make();
    lock().insert(key, s.clone());
    s
}

/// The plural category CLDR gives a number in a language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Plural {
    Zero,
    One,
    Two,
    Few,
    Many,
    Other,
}

impl Plural {
    /// The category's CLDR name, as translation files write it.
    pub fn name(self) -> &'static str {
        match self {
            Plural::Zero => "zero",
            Plural::One => "one",
            Plural::Two => "two",
            Plural::Few => "few",
            Plural::Many => "many",
            Plural::Other => "other",
        }
    }
}

/// Parses a BCP 47 language tag (`fr`, `pt-BR`, `zh-Hans`, `ar-EG`).
pub fn parse_locale(tag: &str) -> Result<Locale, String> {
    tag.parse::<Locale>().map_err(|e| format!("`{tag}` is not a language tag ({e})"))
}

impl Formats {
    /// Formats for `tag`, with the date and time patterns a theme or site chose, if any.
    pub fn new(tag: &str, date_pattern: Option<&str>, time_pattern: Option<&str>) -> Result<Self, String> {
        let locale = parse_locale(tag)?;
        let data = |e: &dyn std::fmt::Display| format!("no CLDR data for `{tag}`: {e}");
        let prefs = || (&locale).into();
        let prefs_of = || (&locale).into();
        let date = match date_pattern {
            Some(p) => {
                let (names, pattern) = names_for::<DateFieldSet>(&locale, p)?;
                DateFormat::Pattern(names, pattern)
            }
            None => DateFormat::Cldr(Box::new(Fixed::try_new(prefs(), YMDE::long()).map_err(|e| data(&e))?)),
        };
        let time = match time_pattern {
            Some(p) => {
                let (names, pattern) = names_for::<TimeFieldSet>(&locale, p)?;
                TimeFormat::Pattern(names, pattern)
            }
            None => TimeFormat::Cldr(Box::new(NoCalendarTime::try_new(prefs(), T::hm()).map_err(|e| data(&e))?)),
        };
        let decimal = |grouping| {
            DecimalFormatter::try_new(prefs_of(), DecimalFormatterOptions::from(grouping)).map_err(|e| data(&e))
        };
        Ok(Formats {
            date,
            time,
            month_year: {
                let cldr: Fixed<YM> = Fixed::try_new(prefs(), YM::long()).map_err(|e| data(&e))?;
                let sample = Date::try_new_gregorian(2026, 1, 1).map_err(|e| data(&e))?;
                names_for::<DateFieldSet>(&locale, &cldr.format(&sample).pattern().to_string())?
            },
            month: Fixed::try_new(prefs(), M::long()).map_err(|e| data(&e))?,
            weekday_long: Fixed::try_new(prefs(), E::long()).map_err(|e| data(&e))?,
            weekday_short: Fixed::try_new(prefs(), E::medium()).map_err(|e| data(&e))?,
            count: decimal(GroupingStrategy::Min2)?,
            plain: decimal(GroupingStrategy::Never)?,
            plurals: PluralRules::try_new_cardinal((&locale).into()).map_err(|e| data(&e))?,
            locale,
            memo: Memo::default(),
        })
    }

    /// The language tag these formats are for.
    pub fn locale(&self) -> &Locale {
        &self.locale
    }

    /// A day with its weekday: "Friday 4 December 2026", "vendredi 4 décembre 2026".
    pub fn date(&self, day: NaiveDate) -> String {
        memoized(&self.memo.days, day, || {
            let d = gregorian(day);
            match &self.date {
                DateFormat::Cldr(f) => f.format(&d).write_to_string().into_owned(),
                DateFormat::Pattern(names, p) => lossy(names.with_pattern_unchecked(p).format(&d)),
            }
        })
    }

    /// A time of day to the minute: "16:05", "4:05 PM", "٤:٠٥ م".
    pub fn time(&self, t: NaiveTime) -> String {
        memoized(&self.memo.minutes, (t.hour(), t.minute()), || {
            let t = Time::try_new(t.hour() as u8, t.minute() as u8, 0, 0).unwrap_or(Time::start_of_day());
            match &self.time {
                TimeFormat::Cldr(f) => f.format(&t).write_to_string().into_owned(),
                TimeFormat::Pattern(names, p) => lossy(names.with_pattern_unchecked(p).format(&t)),
            }
        })
    }

    /// A month of a year: "December 2026", "2026年12月".
    pub fn month_year(&self, year: i32, month: u32) -> String {
        let d = Date::try_new_gregorian(year, month as u8, 1).unwrap_or(gregorian(NaiveDate::MIN));
        lossy(self.month_year.0.with_pattern_unchecked(&self.month_year.1).format(&d))
    }

    /// A month's name on its own: "December", "декабрь".
    pub fn month(&self, month: u32) -> String {
        let d = Date::try_new_gregorian(2024, month as u8, 1).unwrap_or(gregorian(NaiveDate::MIN));
        self.month.format(&d).write_to_string().into_owned()
    }

    /// Weekday names from Monday, long ("Monday") and short ("Mon").
    pub fn weekdays(&self) -> [(String, String); 7] {
        std::array::from_fn(|i| {
            // 1 January 2024 was a Monday.
            let d = Date::try_new_gregorian(2024, 1, 1 + i as u8).unwrap_or(gregorian(NaiveDate::MIN));
            let long = self.weekday_long.format(&d).write_to_string().into_owned();
            (long, self.weekday_short.format(&d).write_to_string().into_owned())
        })
    }

    /// A count in the language's digits, grouped from five digits on.
    pub fn count(&self, n: i64) -> String {
        self.count.format(&Decimal::from(n)).write_to_string().into_owned()
    }

    /// A number in the language's digits without grouping (years, days of the month).
    pub fn plain(&self, n: i64) -> String {
        self.plain.format(&Decimal::from(n)).write_to_string().into_owned()
    }

    /// The plural category of `n`.
    pub fn plural(&self, n: i64) -> Plural {
        match self.plurals.category_for(n) {
            PluralCategory::Zero => Plural::Zero,
            PluralCategory::One => Plural::One,
            PluralCategory::Two => Plural::Two,
            PluralCategory::Few => Plural::Few,
            PluralCategory::Many => Plural::Many,
            PluralCategory::Other => Plural::Other,
        }
    }
}

fn gregorian(day: NaiveDate) -> Date<Gregorian> {
    // Every NaiveDate is a valid proleptic Gregorian date; the fallback is never taken.
    Date::try_new_gregorian(day.year(), day.month() as u8, day.day() as u8)
        .unwrap_or_else(|_| Date::try_new_gregorian(1970, 1, 1).expect("a valid date"))
}

/// Writes a custom-pattern result, keeping what formatted if a name was missing.
fn lossy(w: impl TryWriteable) -> String {
    match w.try_write_to_string() {
        Ok(s) => s.into_owned(),
        Err((_, partial)) => partial.into_owned(),
    }
}

/// Loads the names and digits a custom pattern needs (`EEEE d MMMM y`, `HH:mm`).
fn names_for<F>(
    locale: &Locale,
    pattern: &str,
) -> Result<(Box<FixedCalendarDateTimeNames<Gregorian, F>>, DateTimePattern), String>
where
    F: icu_datetime::scaffold::DateTimeNamesMarker,
{
    let bad = |e: &dyn std::fmt::Display| format!("date pattern `{pattern}`: {e}");
    let parsed: DateTimePattern = pattern.parse().map_err(|e| bad(&e))?;
    let mut names: FixedCalendarDateTimeNames<Gregorian, F> =
        FixedCalendarDateTimeNames::try_new(locale.into()).map_err(|e| bad(&e))?;
    names.include_decimal_formatter().map_err(|e| bad(&e))?;
    let run = |c: char| longest_run(pattern, c);
    match (run('M'), run('L')) {
        (3, _) => _ = names.include_month_names(MonthNameLength::Abbreviated).map_err(|e| bad(&e))?,
        (4.., _) => _ = names.include_month_names(MonthNameLength::Wide).map_err(|e| bad(&e))?,
        (_, 3) => _ = names.include_month_names(MonthNameLength::StandaloneAbbreviated).map_err(|e| bad(&e))?,
        (_, 4..) => _ = names.include_month_names(MonthNameLength::StandaloneWide).map_err(|e| bad(&e))?,
        // Numeric months still need their (leap month) patterns.
        (1..=2, _) => _ = names.include_month_names(MonthNameLength::Numeric).map_err(|e| bad(&e))?,
        (_, 1..=2) => _ = names.include_month_names(MonthNameLength::StandaloneNumeric).map_err(|e| bad(&e))?,
        _ => {}
    }
    match run('E') {
        0 => {}
        1..=3 => _ = names.include_weekday_names(WeekdayNameLength::Abbreviated).map_err(|e| bad(&e))?,
        _ => _ = names.include_weekday_names(WeekdayNameLength::Wide).map_err(|e| bad(&e))?,
    }
    if run('a') > 0 {
        names.include_day_period_names(DayPeriodNameLength::Abbreviated).map_err(|e| bad(&e))?;
    }
    Ok((Box::new(names), parsed))
}

/// The longest run of `c` outside quoted literals (`'de'`) in a CLDR pattern.
fn longest_run(pattern: &str, c: char) -> usize {
    let (mut best, mut run, mut quoted) = (0, 0, false);
    for ch in pattern.chars() {
        if ch == '\'' {
            quoted = !quoted;
        }
        run = if ch == c && !quoted { run + 1 } else { 0 };
        best = best.max(run);
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 4).unwrap()
    }

    #[test]
    fn dates_follow_cldr_in_each_language() {
        let cases = [
            ("fr", "vendredi 4 décembre 2026"),
            ("de", "Freitag, 4. Dezember 2026"),
            ("pl", "piątek, 4 grudnia 2026"),
            ("ru", "пятница, 4 декабря 2026\u{202f}г."),
            ("ja", "2026年12月4日金曜日"),
            ("ar-EG", "الجمعة، ٤ ديسمبر ٢٠٢٦"),
            ("en-US", "Friday, December 4, 2026"),
        ];
        for (tag, want) in cases {
            assert_eq!(Formats::new(tag, None, None).unwrap().date(day()), want, "{tag}");
        }
    }

    #[test]
    fn a_pattern_keeps_cldr_names_and_digits() {
        let en = Formats::new("en", Some("EEEE d MMMM y"), Some("HH:mm")).unwrap();
        assert_eq!(en.date(day()), "Friday 4 December 2026");
        assert_eq!(en.time(NaiveTime::from_hms_opt(16, 5, 0).unwrap()), "16:05");
        let ar = Formats::new("ar-EG", Some("EEEE d MMMM y"), None).unwrap();
        assert_eq!(ar.date(day()), "الجمعة ٤ ديسمبر ٢٠٢٦");
    }

    #[test]
    fn memoized_days_and_times_are_the_ones_a_fresh_formatter_writes() {
        let memo = Formats::new("en", Some("EEEE d MMMM y"), None).unwrap();
        let days = [day(), day().succ_opt().unwrap(), day().with_year(1999).unwrap(), day()];
        let times = [(16, 5), (4, 5), (16, 6), (16, 5)].map(|(h, m)| NaiveTime::from_hms_opt(h, m, 0).unwrap());
        // Twice over, so the second round reads what the first stored.
        for _ in 0..2 {
            for (d, t) in days.iter().zip(&times) {
                let fresh = Formats::new("en", Some("EEEE d MMMM y"), None).unwrap();
                assert_eq!(memo.date(*d), fresh.date(*d));
                assert_eq!(memo.time(*t), fresh.time(*t));
            }
        }
        assert_ne!(memo.date(days[0]), memo.date(days[1]));
        assert_ne!(memo.time(times[0]), memo.time(times[2]));
    }

    #[test]
    fn times_months_weekdays_and_numbers() {
        let four = NaiveTime::from_hms_opt(16, 5, 0).unwrap();
        assert_eq!(Formats::new("en-US", None, None).unwrap().time(four), "4:05\u{202f}PM");
        assert_eq!(Formats::new("fr", None, None).unwrap().time(four), "16:05");
        let en = Formats::new("en", None, None).unwrap();
        assert_eq!(en.month_year(2026, 12), "December 2026");
        assert_eq!(en.month(12), "December");
        assert_eq!(en.weekdays()[0], ("Monday".to_owned(), "Mon".to_owned()));
        assert_eq!(en.count(1234), "1234");
        assert_eq!(en.count(12345), "12,345");
        assert_eq!(en.plain(2026), "2026");
        let ar = Formats::new("ar-EG", None, None).unwrap();
        assert_eq!(ar.plain(2026), "٢٠٢٦");
        assert_eq!(Formats::new("ja", None, None).unwrap().month_year(2026, 12), "2026年12月");
    }

    #[test]
    fn plural_categories_for_1_2_5_21() {
        let cats = |tag: &str| {
            let f = Formats::new(tag, None, None).unwrap();
            [1, 2, 5, 21].map(|n| f.plural(n).name())
        };
        assert_eq!(cats("pl"), ["one", "few", "many", "many"]);
        assert_eq!(cats("ru"), ["one", "few", "many", "one"]);
        assert_eq!(cats("ar"), ["one", "two", "few", "many"]);
        assert_eq!(cats("en"), ["one", "other", "other", "other"]);
    }

    #[test]
    fn bad_tags_and_patterns_are_errors() {
        assert!(Formats::new("not a tag", None, None).is_err());
        assert!(Formats::new("fr", Some("EEEE 'unclosed"), None).is_err());
    }

    #[test]
    fn runs_skip_quoted_text() {
        assert_eq!(longest_run("d 'MMMM' MMM y", 'M'), 3);
        assert_eq!(longest_run("EEEE d", 'E'), 4);
    }
}

#[cfg(test)]
mod every_language {
    use super::*;

    #[test]
    fn every_theme_language_formats_everything() {
        for tag in [
            "en", "fr", "de", "es", "it", "pt", "nl", "pl", "uk", "ru", "tr", "ar", "he", "ja", "zh", "ko", "ar-EG",
            "fa",
        ] {
            let f = Formats::new(tag, None, None).unwrap();
            let _ = f.date(NaiveDate::from_ymd_opt(2026, 11, 23).unwrap());
            let _ = f.time(NaiveTime::from_hms_opt(7, 20, 0).unwrap());
            assert!(f.month_year(2026, 11).contains(&f.plain(2026)), "{tag}");
            let _ = f.month(11);
            let _ = f.weekdays();
        }
    }
}
