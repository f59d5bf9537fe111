//! Formats one date in Gazette's 16 theme languages with the formatter this build was
//! compiled with, checks each against CLDR's full date format (the table below, written from
//! CLDR's `dateFormats/full` and month and weekday names), then times 100 000 dates.
//!
//! `cargo run --release` (chrono's English names and a fixed pattern: the baseline),
//! `--features chrono_locales` (chrono's localised names with the same pattern: the best a
//! pattern without per-language tables can do), `--features icu` (ICU4X with compiled data).

use std::hint::black_box;
use std::time::Instant;

use chrono::NaiveDate;
#[cfg(feature = "icu")]
use chrono::Datelike;

/// Friday 4 December 2026 in CLDR's full date format (the weekday, day, month name and year,
/// in each language's own order, grammatical case and digits).
/// `en-GB` and `ar-EG` are added for the regional forms: CLDR's bare `ar` writes Latin
/// digits, Egypt's Arabic-Indic ones. `\u{202f}` is the narrow no-break space CLDR puts
/// before the Russian and Ukrainian year abbreviations.
const EXPECTED: [(&str, &str); 18] = [
    ("en", "Friday, December 4, 2026"),
    ("en-GB", "Friday 4 December 2026"),
    ("fr", "vendredi 4 décembre 2026"),
    ("de", "Freitag, 4. Dezember 2026"),
    ("es", "viernes, 4 de diciembre de 2026"),
    ("it", "venerdì 4 dicembre 2026"),
    ("pt", "sexta-feira, 4 de dezembro de 2026"),
    ("nl", "vrijdag 4 december 2026"),
    ("pl", "piątek, 4 grudnia 2026"),
    ("uk", "пʼятниця, 4 грудня 2026\u{202f}р."),
    ("ru", "пятница, 4 декабря 2026\u{202f}г."),
    ("tr", "4 Aralık 2026 Cuma"),
    ("ar", "الجمعة، 4 ديسمبر 2026"),
    ("ar-EG", "الجمعة، ٤ ديسمبر ٢٠٢٦"),
    ("he", "יום שישי, 4 בדצמבר 2026"),
    ("ja", "2026年12月4日金曜日"),
    ("zh", "2026年12月4日星期五"),
    ("ko", "2026년 12월 4일 금요일"),
];

#[cfg_attr(not(feature = "icu"), allow(dead_code))]
/// Cardinal plural categories CLDR gives for 1, 2, 5 and 21 (checked where the formatter has
/// plural rules at all).
const PLURALS: [(&str, [&str; 4]); 3] = [
    ("pl", ["one", "few", "many", "many"]),
    ("ru", ["one", "few", "many", "one"]),
    ("ar", ["one", "two", "few", "many"]),
];

fn main() {
    let day = NaiveDate::from_ymd_opt(2026, 12, 4).unwrap();
    let mut right = 0;
    for (lang, want) in EXPECTED {
        let got = format_date(lang, day);
        let ok = got == want;
        right += usize::from(ok);
        println!("{lang}\t{}\t{got}\t(CLDR: {want})", if ok { "ok" } else { "WRONG" });
    }
    println!("dates right: {right}/{}", EXPECTED.len());
    plurals();
    numbers();
    time_formatting(day);
}

fn time_formatting(first: NaiveDate) {
    let days: Vec<NaiveDate> = (0..100_000).map(|i| first + chrono::Days::new(i % 3650)).collect();
    for lang in ["en", "fr", "ar", "ja"] {
        let f = Formatter::new(lang);
        let start = Instant::now();
        let mut bytes = 0;
        for &d in &days {
            bytes += black_box(f.format(d)).len();
        }
        let ms = start.elapsed().as_secs_f64() * 1000.0;
        println!("100000 dates in {lang}: {ms:.1} ms ({bytes} bytes)");
    }
}

fn format_date(lang: &str, day: NaiveDate) -> String {
    Formatter::new(lang).format(day)
}

#[cfg(feature = "icu")]
struct Formatter(icu_datetime::FixedCalendarDateTimeFormatter<icu_calendar::Gregorian, icu_datetime::fieldsets::YMDE>);

#[cfg(feature = "icu")]
impl Formatter {
    fn new(lang: &str) -> Self {
        let locale: icu_locale_core::Locale = lang.parse().unwrap();
        let f = icu_datetime::FixedCalendarDateTimeFormatter::try_new(
            locale.into(),
            icu_datetime::fieldsets::YMDE::long(),
        )
        .unwrap();
        Formatter(f)
    }
    fn format(&self, d: NaiveDate) -> String {
        use writeable::Writeable;
        let date = icu_calendar::Date::try_new_gregorian(d.year(), d.month() as u8, d.day() as u8).unwrap();
        self.0.format(&date).write_to_string().into_owned()
    }
}

#[cfg(all(feature = "chrono_locales", not(feature = "icu")))]
struct Formatter(chrono::Locale);

#[cfg(all(feature = "chrono_locales", not(feature = "icu")))]
impl Formatter {
    fn new(lang: &str) -> Self {
        // chrono's locales are glibc's, named language_TERRITORY.
        let name = match lang {
            "en" => "en_US",
            "en-GB" => "en_GB",
            "fr" => "fr_FR",
            "de" => "de_DE",
            "es" => "es_ES",
            "it" => "it_IT",
            "pt" => "pt_BR",
            "nl" => "nl_NL",
            "pl" => "pl_PL",
            "uk" => "uk_UA",
            "ru" => "ru_RU",
            "tr" => "tr_TR",
            "ar" => "ar_SA",
            "ar-EG" => "ar_EG",
            "he" => "he_IL",
            "ja" => "ja_JP",
            "zh" => "zh_CN",
            _ => "ko_KR",
        };
        Formatter(chrono::Locale::try_from(name).unwrap())
    }
    fn format(&self, d: NaiveDate) -> String {
        d.format_localized("%A %-d %B %Y", self.0).to_string()
    }
}

#[cfg(not(any(feature = "chrono_locales", feature = "icu")))]
struct Formatter;

#[cfg(not(any(feature = "chrono_locales", feature = "icu")))]
impl Formatter {
    fn new(_: &str) -> Self {
        Formatter
    }
    fn format(&self, d: NaiveDate) -> String {
        d.format("%A %-d %B %Y").to_string()
    }
}

#[cfg(feature = "icu")]
fn plurals() {
    use icu_plurals::{PluralCategory, PluralRules};
    let mut right = 0;
    for (lang, want) in PLURALS {
        let locale: icu_locale_core::Locale = lang.parse().unwrap();
        let rules = PluralRules::try_new_cardinal(locale.into()).unwrap();
        let got: Vec<&str> = [1u32, 2, 5, 21]
            .iter()
            .map(|&n| match rules.category_for(n) {
                PluralCategory::Zero => "zero",
                PluralCategory::One => "one",
                PluralCategory::Two => "two",
                PluralCategory::Few => "few",
                PluralCategory::Many => "many",
                PluralCategory::Other => "other",
            })
            .collect();
        right += usize::from(got == want);
        println!("plural {lang} 1,2,5,21: {got:?} (CLDR: {want:?})");
    }
    println!("plural rules right: {right}/3");
}

#[cfg(not(feature = "icu"))]
fn plurals() {
    println!("plural rules right: 0/3 (no plural rules)");
}

#[cfg(feature = "icu")]
fn numbers() {
    use writeable::Writeable;
    for lang in ["en", "de", "fr", "ar", "ar-EG", "fa", "ru"] {
        let locale: icu_locale_core::Locale = lang.parse().unwrap();
        let f = icu_decimal::DecimalFormatter::try_new(locale.into(), Default::default()).unwrap();
        let n = icu_decimal::input::Decimal::from(1234567);
        println!("number {lang}: {}", f.format(&n).write_to_string());
    }
}

#[cfg(not(feature = "icu"))]
fn numbers() {
    println!("numbers: none (digits and grouping are not localised)");
}
