//! Debris rules: what lines of page furniture look like, shared by scraped-text and HTML import.
//!
//! General shapes only, never one site's phrases: lines without sentence structure, calls to
//! action addressed to the reader, cross-references to other articles, short headings over
//! lists of other headlines.

/// Lowercased words only, for comparing lines.
pub fn norm(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    for w in words(line) {
        if !out.is_empty() {
            out.push(' ');
        }
        if w.is_ascii() {
            out.extend(w.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            out.push_str(&w.to_lowercase());
        }
    }
    out
}

pub(super) fn words(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty())
}

/// Words in a line; for scripts written without spaces (Chinese, Japanese), one per three letters.
pub fn word_count(s: &str) -> usize {
    let spaced = s.split_whitespace().count();
    if s.is_ascii() {
        return spaced;
    }
    let letters = s.chars().filter(|c| c.is_alphabetic() && (*c as u32) >= 0x2E80).count();
    spaced.max(letters / 3)
}

/// Ends like a sentence (allowing closing quotes and brackets).
pub(super) fn ends_sentence(s: &str) -> bool {
    let t = s.trim_end_matches(['"', '\'', '”', '’', ')', ']', '*', ' ']);
    t.ends_with(['.', '!', '?', '…', ':', ';', '。', '！', '？'])
}

/// Splits CamelCase joins ("NEWYou") so glued words are seen.
pub(super) fn loose_words(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_loose_word(s, |w| out.push(w.to_owned()));
    out
}

/// Calls `f` with each word of `s`, lower-cased, CamelCase joins split ("NEWYou" → "new",
/// "you"), without allocating per word.
pub(super) fn for_each_loose_word(s: &str, mut f: impl FnMut(&str)) {
    let mut buf = String::new();
    for w in words(s) {
        let mut start = 0;
        let mut prev: Option<char> = None;
        let mut iter = w.char_indices().peekable();
        while let Some((i, c)) = iter.next() {
            // An upper-case run followed by Upper+lower: "NEWYou" → "NEW", "You".
            let next_lower = iter.peek().is_some_and(|&(_, n)| n.is_lowercase());
            if i > 0 && c.is_uppercase() && next_lower && prev.is_some_and(char::is_uppercase) {
                lower_into(&w[start..i], &mut buf);
                f(&buf);
                start = i;
            }
            prev = Some(c);
        }
        lower_into(&w[start..], &mut buf);
        f(&buf);
    }
}

fn lower_into(w: &str, buf: &mut String) {
    buf.clear();
    if w.is_ascii() {
        buf.extend(w.bytes().map(|b| char::from(b.to_ascii_lowercase())));
    } else {
        buf.push_str(&w.to_lowercase());
    }
}

/// Verbs and nouns of web furniture: what a page asks the reader to do, or names its own parts.
const WEB_VERBS: &[&str] = &[
    "click",
    "tap",
    "share",
    "follow",
    "subscribe",
    "sign",
    "log",
    "login",
    "register",
    "download",
    "listen",
    "watch",
    "read",
    "see",
    "skip",
    "accept",
    "enable",
    "join",
    "get",
    "install",
    "print",
    "email",
    "comment",
    "reply",
    "post",
    "leave",
    "view",
    "back",
    "go",
    "search",
    "advertise",
    "continue",
    "load",
    "show",
    "open",
    "close",
    "save",
];
const WEB_NOUNS: &[&str] = &[
    "advertisement",
    "advert",
    "ad",
    "ads",
    "sponsored",
    "cookies",
    "cookie",
    "newsletter",
    "javascript",
    "browser",
    "app",
    "comments",
    "comment",
    "reply",
    "menu",
    "home",
    "copyright",
    "rights",
    "reserved",
    "privacy",
    "terms",
    "policy",
    "trending",
    "popular",
    "related",
    "articles",
    "article",
    "stories",
    "story",
    "topics",
    "facebook",
    "twitter",
    "whatsapp",
    "linkedin",
    "instagram",
    "youtube",
    "email",
    "top",
    "content",
    "live",
    "tv",
    "min",
    "mins",
    "minute",
    "minutes",
    "read",
    "more",
    "next",
    "previous",
    "subscribe",
    "sign",
    "search",
    "button",
    "video",
    "audio",
    "podcast",
    "updates",
    "alerts",
    "notifications",
    "page",
    "site",
    "website",
    "account",
    "required",
    "fields",
    "published",
    "ago",
    "reading",
    // An advertisement's label in the languages a digest's pages come in.
    "anzeige",
    "werbung",
    "publicité",
    "publicidad",
    "publicidade",
    "pubblicità",
    "advertentie",
    "annons",
    "annonse",
    "reklama",
    "reklam",
    "publicitat",
    "publicitate",
    "iklan",
    "mainos",
    "hirdetés",
];

/// Words of headings that introduce lists of other articles.
pub(super) const LIST_HEADS: &[&str] = &[
    "related",
    "more",
    "popular",
    "trending",
    "read",
    "top",
    "stories",
    "articles",
    "topics",
    "recommended",
    "latest",
    "also",
];

/// A call to action or a piece of site furniture, judged from the line alone.
pub fn is_furniture_line(line: &str) -> bool {
    furniture(line, true)
}

/// Copyright signs: `©`, and the circled letters East Asian pages set for it (`ⓒ`, `Ⓒ`).
pub const COPYRIGHT_SIGNS: [char; 3] = ['©', 'ⓒ', 'Ⓒ'];

/// Whether a line holds a copyright sign ([`COPYRIGHT_SIGNS`]).
pub fn has_copyright_sign(line: &str) -> bool {
    line.contains(COPYRIGHT_SIGNS)
}

/// Like [`is_furniture_line`]; `reader_rule` also counts short lines addressed to the reader
/// ("you", "your") and bare imperatives ("Sign in") as furniture, which suits scraped text but
/// not the headings of how-to articles in HTML.
pub fn furniture(line: &str, reader_rule: bool) -> bool {
    let w = loose_words(line);
    if w.is_empty() {
        return true;
    }
    let n = w.len();
    if has_copyright_sign(line) || (line.to_lowercase().contains("copyright") && n <= 16) {
        return true;
    }
    let addresses_reader = w.iter().any(|x| x == "you" || x == "your");
    let quoted = line.contains(['"', '“', '”']);
    if reader_rule && addresses_reader && !quoted && n <= 12 {
        return true;
    }
    let nouns = w.iter().filter(|x| WEB_NOUNS.contains(&x.as_str())).count();
    let imperative = WEB_VERBS.contains(&w[0].as_str()) && !ends_sentence(line);
    if n <= 12
        && !ends_sentence(line)
        && (imperative && (reader_rule && n <= 3 || nouns >= 1) || n <= 8 && nouns * 2 >= n)
    {
        return true;
    }
    false
}

/// "Read more: Other headline", "See also  Other headline", "RELATED | Other headline".
pub fn is_cross_reference(line: &str) -> bool {
    if ends_sentence(line) && !line.trim_end().ends_with(':') {
        return false;
    }
    let cut = ["  ", ": ", " | ", " » ", " › ", " - ", " — ", "\t"]
        .iter()
        .filter_map(|sep| line.find(sep).map(|i| (i, sep.len())))
        .min();
    let Some((i, len)) = cut else {
        // No separator: a prefix of web words ("See also Other headline").
        let ws: Vec<&str> = line.split_whitespace().collect();
        return ws.len() <= 14
            && (1..=3).any(|k| {
                k < ws.len()
                    && ws[..k].iter().all(|w| {
                        let w = w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
                        WEB_VERBS.contains(&w.as_str()) || LIST_HEADS.contains(&w.as_str())
                    })
                    && ws[..k].iter().any(|w| {
                        LIST_HEADS.contains(&w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase().as_str())
                    })
            });
    };
    let (label, rest) = (line[..i].trim(), line[i + len..].trim());
    let lw = loose_words(label);
    !lw.is_empty()
        && lw.len() <= 3
        && word_count(rest) <= 12
        && (lw.iter().any(|x| WEB_VERBS.contains(&x.as_str()) || WEB_NOUNS.contains(&x.as_str()))
            || label.chars().filter(|c| c.is_alphabetic()).count() >= 3
                && label.chars().filter(|c| c.is_alphabetic()).all(|c| c.is_uppercase()))
}
