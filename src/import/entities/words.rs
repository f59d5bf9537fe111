//! A text split into words with the punctuation around each: what `mentions.rs` reads names
//! from. Wire copy's market data codes (".DJI", "XAU=") are dropped here: they are no words of
//! the prose.

use super::cues::ABBREVIATIONS;

/// One word of the text.
#[derive(Debug, Clone)]
pub struct Word<'a> {
    /// The word without surrounding punctuation or a possessive `'s` (abbreviation points kept).
    pub core: &'a str,
    /// Punctuation right after it ends a clause (`,` `;` `:` `.` `)` quotes…).
    pub clause_end: bool,
    /// It ends a sentence.
    pub sentence_end: bool,
    /// It had a possessive `'s`.
    pub possessive: bool,
    /// A comma right after it.
    pub comma: bool,
    /// Punctuation right before it opens something (`(`, quotes, `@`, `#`): no name runs into it.
    pub opens: bool,
    /// The first character before it and the first after it, when punctuation (`(`, `“`, `)`).
    pub before: Option<char>,
    pub after: Option<char>,
}

/// Splits a text into words with their punctuation.
pub fn words(text: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    for raw in text.split_whitespace() {
        let start = raw.find(|c: char| c.is_alphanumeric()).unwrap_or(raw.len());
        let end =
            raw.rfind(|c: char| c.is_alphanumeric()).map(|i| i + raw[i..].chars().next().map_or(1, char::len_utf8));
        let Some(end) = end else {
            if let Some(last) = out.last_mut() {
                let w: &mut Word = last;
                w.clause_end = true;
            }
            continue;
        };
        let mut core = &raw[start..end];
        let mut possessive = false;
        for s in ["'s", "’s", "'", "’"] {
            if let Some(c) = core.strip_suffix(s) {
                core = c;
                possessive = true;
                break;
            }
        }
        if possessive && core.is_empty() {
            continue;
        }
        // "Tollan-based", "Ellsby-born": the name without its lower-case suffix ("Ex-minister"
        // and "Vice-premier" are titles, whole).
        if let Some((name, suffix)) = core.rsplit_once('-') {
            let title = super::cues::TITLES.contains(suffix);
            if !name.is_empty()
                && suffix.starts_with(char::is_lowercase)
                && name.starts_with(char::is_uppercase)
                && !title
            {
                core = name;
            }
        }
        if raw.starts_with(['@', '#']) || raw.contains("://") || market_code(raw, start, end, core) {
            out.push(Word {
                core: "",
                clause_end: true,
                sentence_end: false,
                possessive: false,
                comma: false,
                opens: true,
                before: None,
                after: None,
            });
            continue;
        }
        let tail = &raw[end..];
        // Keep the point of abbreviations ("U.S.", "Jr.", "Inc.").
        let abbreviation =
            tail.starts_with('.') && (core.contains('.') || is_abbreviation(core) || core.chars().count() == 1);
        if abbreviation {
            core = &raw[start..end + 1];
        }
        let tail = if abbreviation { &tail[1..] } else { tail };
        let clause_end = !tail.is_empty() && tail.chars().any(|c| !matches!(c, '\'' | '’'));
        let sentence_end = tail.contains(['.', '!', '?', ':']);
        let opens = start > 0;
        let comma = tail.starts_with(',');
        let before = raw[..start].chars().last();
        let after = tail.chars().next();
        out.push(Word {
            core,
            clause_end: clause_end || possessive,
            sentence_end,
            possessive,
            comma,
            opens,
            before,
            after,
        });
    }
    out
}

fn is_abbreviation(core: &str) -> bool {
    ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(core))
}

pub fn is_cap(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase) && w.chars().any(char::is_alphabetic)
}

pub fn lower(w: &str) -> String {
    w.trim_end_matches('.').to_lowercase()
}

/// A market data code of wire copy, no name: an index or instrument written after a point
/// (".DJI", ".SPX") or before an equals sign ("XAU=", "GBP="), or capitals, lower case and a
/// digit run together ("LCOc1", "CLc1").
fn market_code(raw: &str, start: usize, end: usize, core: &str) -> bool {
    let caps = core.chars().count() >= 2 && core.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    let after_point = raw[..start].ends_with('.') && !raw[..start].ends_with("..");
    let before_equals = raw[end..].starts_with('=');
    let mixed = core.starts_with(|c: char| c.is_ascii_uppercase())
        && core.contains(|c: char| c.is_ascii_lowercase())
        && core.ends_with(|c: char| c.is_ascii_digit())
        && core.chars().all(|c| c.is_ascii_alphanumeric());
    caps && (after_point || before_equals) || mixed
}

#[cfg(test)]
mod tests {
    use super::super::mentions::names_in as names;

    #[test]
    fn market_codes_are_no_names() {
        assert_eq!(names("The Tollan index .TLX rose, while gold XAU= and crude QRc1 fell."), ["Tollan"]);
    }
}
