//! Dates written in text: in words in the languages of the digest ("4 March 2005",
//! "12 de marzo de 2026"), in figures ("14. 5. 2031", "2005-03-04") and the Chinese, Japanese
//! and Korean way ("2031年7月9日"). The settling of an article's date (`mod.rs`) reads them.

use chrono::NaiveDate;

use crate::content::dates::FmDate;

/// Month names, lowercase (shared with entity detection).
pub(crate) const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Calls `found` with each date written in `s` (`4 March 2005`, `March 4, 2005`,
/// `Mar. 4 2005`, then ISO `2005-03-04`), in that order, until it returns `true`.
pub(crate) fn scan(s: &str, mut found: impl FnMut(NaiveDate) -> bool) {
    // No year, no date: most lines have no four-digit number and are skipped at once.
    if !has_year(s) {
        return;
    }
    let s = &*unglue_time(s);
    // "12 de marzo de 2026", "3 d'abril de 2031": the connective of Spanish, Portuguese and
    // Catalan dates is left out.
    let w: Vec<String> = s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !matches!(*w, "de" | "del" | "d"))
        .map(str::to_lowercase)
        .collect();
    let month = |x: &str| month_of(x);
    let num = |x: &str| day_number(x);
    let ymd = |y: u32, m: u32, d: u32| NaiveDate::from_ymd_opt(y as i32, m, d).filter(|_| y > 1900);
    for i in 0..w.len() {
        let Some(m) = month(&w[i]) else { continue };
        let year_after = |k: usize| w.get(i + k).and_then(|x| x.parse::<u32>().ok());
        // Month Day Year, then Day Month Year.
        let mdy = w.get(i + 1).and_then(|x| num(x)).zip(year_after(2)).and_then(|(d, y)| ymd(y, m, d));
        let dmy = i.checked_sub(1).and_then(|j| num(&w[j])).zip(year_after(1)).and_then(|(d, y)| ymd(y, m, d));
        if let Some(date) = mdy.or(dmy) {
            if found(date) {
                return;
            }
        }
    }
    if cjk_dates(s, &mut found) {
        return;
    }
    // A window without the format's two hyphens cannot parse; most have none, and trying
    // chrono's parser at every offset of a long sentence cost more than the rest of the scan.
    let hyphens = |p: &str| p.bytes().filter(|&c| c == b'-').count() >= 2;
    for i in 0..s.len().saturating_sub(9) {
        let window = s.get(i..i + 10).filter(|p| hyphens(p));
        if let Some(d) = window.and_then(|p| NaiveDate::parse_from_str(p, "%Y-%m-%d").ok()) {
            if found(d) {
                return;
            }
        }
    }
}

/// Calls `found` with each date written the Chinese, Japanese or Korean way ("2031年7月9日",
/// "2031년 7월 9일"), until it returns `true`; returns whether it did.
fn cjk_dates(s: &str, found: &mut impl FnMut(NaiveDate) -> bool) -> bool {
    // The figures before each mark, in order: year, month, day.
    let mut parts: Vec<(char, u32)> = Vec::new();
    let mut figures = String::new();
    for c in s.chars() {
        if c.is_ascii_digit() {
            figures.push(c);
            continue;
        }
        if let (Some(n), true) = (figures.parse::<u32>().ok(), matches!(c, '年' | '년' | '月' | '월' | '日' | '일'))
        {
            parts.push((c, n));
            if let [.., (y @ ('年' | '년'), year), (m @ ('月' | '월'), month), (d @ ('日' | '일'), day)] = parts[..]
            {
                let same_script = (y == '年') == (m == '月') && (m == '月') == (d == '日');
                let date = NaiveDate::from_ymd_opt(year as i32, month, day).filter(|_| same_script && year > 1900);
                if date.is_some_and(&mut *found) {
                    return true;
                }
            }
        } else if !c.is_whitespace() {
            parts.clear();
        }
        if !c.is_whitespace() {
            figures.clear();
        }
    }
    false
}

/// A year run into the time after it, as a page's separate date and time elements come out of
/// a copy ("March 9, 203112:41 PM", "NOV 19 20197:05 AM"): a space goes between them.
fn unglue_time(s: &str) -> std::borrow::Cow<'_, str> {
    let b = s.as_bytes();
    let glued = |i: usize| {
        let year =
            b[i..i + 4].iter().all(u8::is_ascii_digit) && (b[i..].starts_with(b"19") || b[i..].starts_with(b"20"));
        let hour = (1..=2).find(|&h| b.get(i + 4 + h) == Some(&b':'));
        let before = i == 0 || !b[i - 1].is_ascii_digit();
        year && before && hour.is_some_and(|h| b[i + 4..i + 4 + h].iter().all(u8::is_ascii_digit))
    };
    let mut at = (0..b.len().saturating_sub(5)).filter(|&i| glued(i)).peekable();
    if at.peek().is_none() {
        return s.into();
    }
    let mut out = String::with_capacity(s.len() + 2);
    let mut last = 0;
    for i in at {
        out.push_str(&s[last..i + 4]);
        out.push(' ');
        last = i + 4;
    }
    out.push_str(&s[last..]);
    out.into()
}

/// Month names and their usual short forms in the languages most pages of a digest come in
/// (English, French, German, Spanish, Italian, Portuguese, Dutch, the Nordic languages, Polish,
/// Czech, Turkish, Catalan, Romanian, Indonesian), lowercase; Polish and Czech in the genitive
/// their dates use ("12 września"). A date needs a day and a year beside its month, so a short
/// form that is also a word ("set", "out", "mart") only counts in that company.
const MONTH_WORDS: [&[&str]; 12] = [
    &[
        "january", "jan", "janvier", "janv", "januar", "jänner", "enero", "ene", "gennaio", "gen", "janeiro",
        "januari", "stycznia", "ledna", "ocak", "gener", "ianuarie",
    ],
    &[
        "february",
        "feb",
        "février",
        "févr",
        "fév",
        "februar",
        "febrero",
        "febbraio",
        "fevereiro",
        "fev",
        "februari",
        "lutego",
        "února",
        "şubat",
        "febrer",
        "februarie",
    ],
    &[
        "march", "mar", "mars", "märz", "mär", "marzo", "março", "maart", "mrt", "marts", "marca", "března", "mart",
        "març", "martie", "maret",
    ],
    &["april", "apr", "avril", "avr", "abril", "abr", "aprile", "kwietnia", "dubna", "nisan", "aprilie"],
    &["may", "mai", "mayo", "maggio", "mag", "maio", "mei", "maj", "maja", "května", "mayıs", "maig"],
    &[
        "june", "jun", "juin", "juni", "junio", "giugno", "giu", "junho", "czerwca", "června", "haziran", "juny",
        "iunie",
    ],
    &[
        "july",
        "jul",
        "juillet",
        "juil",
        "juli",
        "julio",
        "luglio",
        "lug",
        "julho",
        "lipca",
        "července",
        "temmuz",
        "juliol",
        "iulie",
    ],
    &[
        "august", "aug", "août", "agosto", "ago", "augustus", "augusti", "sierpnia", "srpna", "ağustos", "agost",
        "agustus",
    ],
    &[
        "september",
        "sep",
        "sept",
        "septembre",
        "septiembre",
        "setiembre",
        "settembre",
        "set",
        "setembro",
        "września",
        "září",
        "eylül",
        "setembre",
        "septembrie",
    ],
    &[
        "october",
        "oct",
        "octobre",
        "oktober",
        "okt",
        "octubre",
        "ottobre",
        "ott",
        "outubro",
        "out",
        "października",
        "října",
        "ekim",
        "octombrie",
    ],
    &["november", "nov", "novembre", "noviembre", "novembro", "listopada", "listopadu", "kasım", "noiembrie"],
    &[
        "december",
        "dec",
        "décembre",
        "déc",
        "dezember",
        "dez",
        "diciembre",
        "dic",
        "dicembre",
        "dezembro",
        "desember",
        "grudnia",
        "prosince",
        "aralık",
        "desembre",
        "decembrie",
    ],
];

/// The month (1–12) a lowercase word names, in full or in a usual short form.
fn month_of(x: &str) -> Option<u32> {
    MONTH_WORDS.iter().position(|names| names.contains(&x)).map(|i| i as u32 + 1)
}

/// A day of the month as written: "4", "04", or with an ordinal ending ("4th", "1st", "1er",
/// "1º").
fn day_number(x: &str) -> Option<u32> {
    let digits = x.bytes().take_while(u8::is_ascii_digit).count();
    let ending = &x[digits..];
    let ordinal = matches!(ending, "" | "st" | "nd" | "rd" | "th" | "er" | "re" | "º" | "ª");
    (digits > 0 && ordinal).then(|| x[..digits].parse().ok()).flatten()
}

/// Whether `s` has a run of four figures: no date is read without one.
pub(crate) fn has_year(s: &str) -> bool {
    let mut run = 0;
    for b in s.bytes() {
        run = if b.is_ascii_digit() { run + 1 } else { 0 };
        if run == 4 {
            return true;
        }
    }
    false
}

/// The first date written in `s`.
pub fn find_date(s: &str) -> Option<FmDate> {
    let mut first = None;
    scan(s, |d| {
        first = Some(d);
        true
    });
    first.map(FmDate::Day)
}

/// The first date written in `s` in words or as ISO ([`find_date`]), else in figures
/// ([`numeric_date`]): the way a page's own date line gives it ("14.05.2031, 06:30 Uhr",
/// "Publié le 03/07/2031 à 18h12").
pub fn find_date_or_figures(s: &str, day_first: bool) -> Option<FmDate> {
    find_date(s).or_else(|| numeric_date(s, day_first).map(FmDate::Day))
}

/// The first date written in figures, day and month before a four-digit year: with dots
/// ("14.05.2031") always day first, as every convention that writes dots has it; with
/// slashes or hyphens day first when `day_first` (the article's language writes dates so),
/// else only when the figures settle the order (a first figure over 12 is a day; a second
/// over 12 makes the first the month). "05/07/2031" in an English text is left unread, as
/// neither order is safe there.
pub fn numeric_date(s: &str, day_first: bool) -> Option<NaiveDate> {
    let s = squeeze_dotted(s);
    s.split(|c: char| !(c.is_ascii_digit() || matches!(c, '/' | '.' | '-'))).find_map(|w| {
        let w = w.trim_matches(['/', '.', '-']);
        let sep = w.chars().find(|c| !c.is_ascii_digit())?;
        let parts: Vec<u32> = w.split(sep).map(str::parse).collect::<Result<_, _>>().ok()?;
        let year_ok = w.rsplit(sep).next().is_some_and(|y| y.len() == 4);
        let [a, b, y] = parts[..] else { return None };
        if !year_ok || y <= 1900 || a == 0 || b == 0 || w.split(sep).take(2).any(|p| p.len() > 2) {
            return None;
        }
        let (d, m) = if sep == '.' || day_first || a > 12 {
            (a, b)
        } else if b > 12 || a == b {
            (b, a)
        } else {
            return None;
        };
        NaiveDate::from_ymd_opt(y as i32, m, d)
    })
}

/// Dates written with a space after each dot ("14. 5. 2031", as Czech, Slovak and Polish pages
/// set them) without the spaces, so they read as "14.5.2031".
fn squeeze_dotted(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains(". ") {
        return std::borrow::Cow::Borrowed(s);
    }
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        let between = c == ' '
            && i >= 2
            && chars[i - 1] == '.'
            && chars[i - 2].is_ascii_digit()
            && chars.get(i + 1).is_some_and(char::is_ascii_digit);
        if !between {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Holds a date written in figures only ("05/10/2018", "2018-10-5"): day, month and year in either
/// order. [`find_date`] reads figures only as `YYYY-MM-DD`, because otherwise the order of day
/// and month is ambiguous; here only whether a date is present counts.
pub fn has_numeric_date(s: &str) -> bool {
    if !has_year(s) {
        return false;
    }
    let s = squeeze_dotted(s);
    s.split(|c: char| !(c.is_ascii_digit() || matches!(c, '/' | '.' | '-'))).any(|w| {
        let mut parts = w.trim_matches(['/', '.', '-']).split(['/', '.', '-']);
        let small = |p: &str| (1..=2).contains(&p.len()) && p.parse::<u32>().is_ok_and(|n| (1..=31).contains(&n));
        let year = |p: &str| p.len() == 4 && p.bytes().all(|b| b.is_ascii_digit());
        match (parts.next(), parts.next(), parts.next(), parts.next()) {
            (Some(a), Some(b), Some(c), None) => small(b) && (small(a) && year(c) || year(a) && small(c)),
            _ => false,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn chinese_japanese_and_korean_dates_are_read() {
        let first = |s: &str| {
            let mut got = None;
            scan(s, |d| {
                got = Some(d);
                true
            });
            got
        };
        assert_eq!(first("2031年7月9日 5時00分"), Some(day("2031-07-09")));
        assert_eq!(first("입력 2031년 7월 9일 오전 5:00"), Some(day("2031-07-09")));
        assert_eq!(first("2031年、7月9日"), None);
        assert_eq!(first("2031年13月9日"), None);
    }

    #[test]
    fn a_year_run_into_the_time_is_still_read() {
        let read = |s: &str| find_date(s).map(|d| d.to_string());
        assert_eq!(read("March 9, 203112:41 PM UTC").as_deref(), Some("2031-03-09"));
        assert_eq!(read("PUBLISHED TUE, NOV 19 20317:05 AM EST").as_deref(), Some("2031-11-19"));
        assert_eq!(read("order 120317:05"), None, "no year inside a longer number");
    }

    #[test]
    fn dates_in_figures_are_read_day_first_where_that_is_safe() {
        let read = |s: &str, day_first: bool| numeric_date(s, day_first).map(|d| d.to_string());
        assert_eq!(read("14.05.2031, 06:30 Uhr", false).as_deref(), Some("2031-05-14"));
        assert_eq!(read("Publié le 03/07/2031 à 18h12", true).as_deref(), Some("2031-07-03"));
        assert_eq!(read("Posted 03/07/2031", false), None, "either order in an English text");
        assert_eq!(read("Posted 03/17/2031", false).as_deref(), Some("2031-03-17"));
        assert_eq!(read("Posted 17/03/2031", false).as_deref(), Some("2031-03-17"));
        assert_eq!(read("version 1.2.3, 2031", true), None);
        assert_eq!(read("31.02.2031", false), None, "no such day");
        assert_eq!(read("at 12.5.19 local", true), None, "a two-digit year is no year");
        assert_eq!(read("14. 5. 2031 8:32", true).as_deref(), Some("2031-05-14"), "a space after each dot");
        assert!(has_numeric_date("14. 5. 2031"));
    }

    #[test]
    fn dates_in_figures_are_seen_in_either_order() {
        assert!(has_numeric_date("on 2021-3-14") && has_numeric_date("(5/10/2018)"));
        assert!(!has_numeric_date("version 1.2.3 of 2021") && !has_numeric_date("a 3-2-1 count"));
    }

    #[test]
    fn dates_are_read_in_several_spellings() {
        let all = |s: &str| {
            let mut v = Vec::new();
            scan(s, |d| {
                v.push(d.to_string());
                false
            });
            v
        };
        assert_eq!(
            all("On 4 March 2005 and Mar. 5, 2005, then 2005-03-06."),
            ["2005-03-04", "2005-03-05", "2005-03-06"]
        );
        assert!(all("In May 2005, 31 people").is_empty());
    }

    #[test]
    fn dates_are_read_in_other_languages_and_with_ordinals() {
        let first = |s: &str| find_date(s).map(|d| d.to_string());
        let cases = [
            ("Publicado el 12 de marzo de 2031 - 09:41 CET", "2031-03-12"),
            ("Publié le 1er août 2031 à 10h", "2031-08-01"),
            ("Veröffentlicht am 3. März 2031, 14:05 Uhr", "2031-03-03"),
            ("Aggiornato il 7 settembre 2031", "2031-09-07"),
            ("Publicerad 14 maj 2031 kl. 07.12", "2031-05-14"),
            ("Opublikowano: 12 września 2031, 06:40", "2031-09-12"),
            ("15 Ekim 2031 Çarşamba 09:30", "2031-10-15"),
            ("Actualitzat el 3 d'abril de 2031", "2031-04-03"),
            ("Publicat: 18 noiembrie 2031", "2031-11-18"),
            ("Atualizado em 21 de dezembro de 2031", "2031-12-21"),
            ("Gepubliceerd op 9 mei 2031", "2031-05-09"),
            ("4 janv. 2031", "2031-01-04"),
            ("Posted March 1st, 2031", "2031-03-01"),
            ("Sept. 22nd 2031", "2031-09-22"),
        ];
        for (text, want) in cases {
            assert_eq!(first(text).as_deref(), Some(want), "{text}");
        }
        // A short form that is also a word needs a day and a year beside it.
        assert_eq!(first("They set out 2031 plans"), None);
        // "juin" and "juillet" share their first letters: no three-letter guess between them.
        assert_eq!(first("le 5 jui 2031"), None);
    }
}
