//! The outlet an article comes from: its name for `source` (never a URL), outlets and job
//! titles kept out of `authors`, and the dateline ("HONG KONG (Reuters) —") split from the
//! first sentence. The names a byline gives are read by the `bylines` module.

use super::bylines::{before_glued_credential, credential, tidy_author};

/// News agencies whose name stands in bylines and datelines of other outlets' pages: a small,
/// general prior (the page's own site name is the main signal).
const AGENCIES: &[&str] = &[
    "associated press",
    "the associated press",
    "ap",
    "reuters",
    "thomson reuters",
    "afp",
    "agence france-presse",
    "agence france presse",
    "bloomberg",
    "dpa",
    "efe",
    "ansa",
    "xinhua",
    "pa media",
    "press association",
    "upi",
    "kyodo",
    "yonhap",
    "tass",
    "interfax",
    "ani",
    "pti",
    "ians",
    "aap",
    "the canadian press",
    "europa press",
    "anadolu",
];

/// Words that make a byline entry a job, a desk or an outlet rather than a person.
const NOT_PERSON_WORDS: &[&str] = &[
    "writer",
    "editor",
    "editor-at-large",
    "correspondent",
    "reporter",
    "columnist",
    "contributor",
    "staff",
    "desk",
    "bureau",
    "newsroom",
    "news",
    "media",
    "press",
    "wire",
    "agency",
    "network",
    "team",
];

/// The outlet's name for `source`: the page's own name for itself, unless that is a URL or a
/// bare host; else the host of the page's URL; both without `www.`.
pub fn source_name(named: Option<&str>, page_url: Option<&str>) -> Option<String> {
    let named = named.map(str::trim).filter(|n| !n.is_empty());
    match named {
        Some(n) if looks_like_host(n) => host_name(n).or_else(|| Some(n.to_owned())),
        Some(n) => Some(n.to_owned()),
        None => page_url.and_then(host_name),
    }
}

/// Company forms after an outlet's name in its copyright line ("Ltd", "AB", "a.s.", "(Pty)").
const COMPANY_FORMS: &[&str] = &[
    "ltd", "limited", "llc", "inc", "plc", "pty", "corp", "co", "ab", "as", "asa", "a/s", "oy", "oyj", "ag", "gmbh",
    "sa", "s.a", "srl", "s.r.l", "bv", "b.v", "nv", "n.v", "a.s", "s.r.o", "kft", "zrt", "spa", "s.p.a", "sl", "s.l",
    "pvt",
];

/// Words that end a publisher's name after its brand ("Klaverblad Media", "Nordlicht Verlag",
/// "Harbour Echo Publishing Group").
const PUBLISHER_WORDS: &[&str] = &[
    "media",
    "medien",
    "médias",
    "mídia",
    "medios",
    "group",
    "gruppe",
    "groep",
    "grupo",
    "gruppo",
    "groupe",
    "verlag",
    "publishing",
    "publications",
    "publishers",
    "holdings",
    "network",
    "networks",
    "digital",
    "interactive",
    "communications",
    "edizioni",
    "éditions",
    "ediciones",
    "editora",
    "förlag",
    "forlag",
    "forlaget",
    "kustannus",
    "wydawnictwo",
    "uitgeverij",
];

/// The brand of a copyright holder's name: without the publisher's words after it ("Klaverblad"
/// of "Klaverblad Media"), or the whole name when nothing else would be left.
pub fn holder_brand(holder: &str) -> String {
    let mut words: Vec<&str> = holder.split_whitespace().collect();
    while words.len() > 1 && words.last().is_some_and(|w| PUBLISHER_WORDS.contains(&w.to_lowercase().as_str())) {
        words.pop();
    }
    words.join(" ")
}

/// The holder a copyright line names ("© 2031 Harbour Echo Media Ltd. All rights reserved.",
/// "Diário de Pedra Alta © 2031"): the words before its first sentence's end, bracket or comma,
/// without the sign, the years and a company form; `None` on other lines or with nothing left.
pub fn copyright_holder(line: &str) -> Option<String> {
    let lower = line.to_lowercase();
    if !super::debris::has_copyright_sign(line) && !lower.starts_with("copyright") {
        return None;
    }
    let mut name: Vec<&str> = Vec::new();
    for w in line.split_whitespace() {
        let bare = w.trim_matches(|c: char| !c.is_alphanumeric());
        // A year, or a span of them ("2005-2019").
        let year = bare.len() >= 4 && bare.chars().all(|c| c.is_ascii_digit() || c == '-' || c == '–');
        let sign = matches!(bare.to_lowercase().as_str(), "" | "copyright" | "c");
        let signs = super::debris::COPYRIGHT_SIGNS;
        if !(year || sign || w.starts_with(signs)) {
            name.push(w.trim_start_matches(signs));
        }
        // The name ends at a full stop (its own, or a company form's), a bracket, a comma or a bar.
        if w.ends_with([',', '.']) || w.starts_with('(') || w == "|" {
            break;
        }
    }
    while name.last().is_some_and(|w| {
        let w = w.trim_matches(|c: char| matches!(c, ',' | '.' | '(' | ')' | '|')).to_lowercase();
        w.is_empty() || COMPANY_FORMS.contains(&w.as_str()) || w.starts_with('(')
    }) {
        name.pop();
    }
    let name = name.join(" ");
    let name = name.trim_matches(|c: char| c.is_whitespace() || matches!(c, ',' | '.' | '(' | '|' | '-'));
    let words = name.split_whitespace().count();
    // A name starts with a capital, in scripts that have them.
    let capital = name.chars().next().is_some_and(|c| c.is_alphanumeric() && !c.is_lowercase());
    ((1..=5).contains(&words) && capital).then(|| name.to_owned())
}

/// `https://www.example.com/x`, `www.example.com`, `example.com`: a URL or host, not a name.
fn looks_like_host(s: &str) -> bool {
    s.contains("://")
        || s.starts_with("www.")
        || !s.contains(' ')
            && s.contains('.')
            && s.rsplit('.')
                .next()
                .is_some_and(|tld| (2..=6).contains(&tld.len()) && tld.chars().all(|c| c.is_ascii_lowercase()))
            && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '-' | '/'))
}

/// The host of a URL (or of a bare host), lowercased, without `www.`.
fn host_name(s: &str) -> Option<String> {
    let with_scheme = if s.contains("://") { s.to_owned() } else { format!("https://{s}") };
    let host = url::Url::parse(&with_scheme).ok()?.host_str()?.to_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_owned();
    (!host.is_empty()).then_some(host)
}

fn norm(s: &str) -> String {
    deunicode::deunicode(s)
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Authors without outlets, desks, job titles and links: `(people, outlet)`, where `outlet`
/// is an agency or outlet named among them (for `source` when the page names none).
pub fn clean_authors(
    authors: &[String],
    source: Option<&str>,
    page_url: Option<&str>,
) -> (Vec<String>, Option<String>) {
    let source_n = source.map(norm).unwrap_or_default();
    // The site's own name by its address ("sound-courier.example" -> "sound courier").
    let host = page_url.or(source.filter(|s| looks_like_host(s))).and_then(host_name);
    let host_label = host.and_then(|h| h.split('.').next().map(norm)).unwrap_or_default();
    let mut people: Vec<String> = Vec::new();
    let mut outlet = None;
    for raw in authors {
        let mut a = tidy_author(raw);
        // A name glued to an agency ("JILL LAWLESSAssociated Press").
        if let Some((name, agency)) = glued_agency(&a) {
            outlet = outlet.or(Some(agency));
            a = name;
        }
        // A credential glued to the byline's next line ("Jane Doe, MDHarbour Gazette"): the
        // name before it, if any, without the credential and that line.
        if let Some(name) = before_glued_credential(&a) {
            a = name;
        }
        let n = norm(&a);
        if n.is_empty() || a.starts_with("http://") || a.starts_with("https://") || a.starts_with("www.") {
            continue;
        }
        let is_outlet = n == source_n
            || !source_n.is_empty()
                && (n.starts_with(&format!("{source_n} ")) || source_n.starts_with(&format!("{n} ")))
            || !host_label.is_empty() && (n == host_label || n.starts_with(&format!("{host_label} ")))
            || AGENCIES.contains(&n.as_str());
        if is_outlet {
            outlet = outlet.or(Some(a));
            continue;
        }
        if credential(&a) || n.split(' ').any(|w| NOT_PERSON_WORDS.contains(&w)) {
            continue;
        }
        if !people.iter().any(|p| norm(p) == n) {
            people.push(a);
        }
    }
    (people, outlet)
}

/// `NAMEAgency` → (`NAME`, `Agency`) for a known agency glued to the end of a name.
fn glued_agency(a: &str) -> Option<(String, String)> {
    for agency in AGENCIES.iter().filter(|x| x.contains(' ') || x.len() > 4) {
        if a.len() > agency.len() && a.is_char_boundary(a.len() - agency.len()) {
            let (name, tail) = a.split_at(a.len() - agency.len());
            if tail.eq_ignore_ascii_case(agency) && name.ends_with(|c: char| c.is_alphabetic()) && !name.ends_with(' ')
            {
                return Some((name.trim().to_owned(), tail.to_owned()));
            }
        }
    }
    None
}

/// A dateline split from the start of an article's text.
#[derive(Debug, PartialEq)]
pub struct Dateline {
    /// As the page gives it, without markup: "HONG KONG (Reuters)".
    pub text: String,
    /// The outlet in its parenthesis, if any.
    pub outlet: Option<String>,
    /// The place it names, without a date after a comma: "CALVERA" of "CALVERA, March 9 (Wire)".
    pub place: Option<String>,
}

/// Splits a dateline from the first paragraph of a Markdown body ("WASHINGTON (AP) — Text",
/// "Hong Kong (CNN Business)A muddled view", "BERLIN -- Text", "**NEW DELHI**: Text").
/// A place in capitals, or followed by an outlet in brackets, or set in bold, before a dash
/// (or, after an outlet's bracket, straight before the sentence) is a dateline.
pub fn split_dateline(body: &mut String) -> Option<Dateline> {
    let start = body.len() - body.trim_start().len();
    let first_end = body[start..].find("\n\n").map(|i| start + i).unwrap_or(body.len());
    let para = &body[start..first_end];
    let (prefix, rest_at) = dateline_prefix(para)?;
    let (place, outlet) = match prefix.rfind('(') {
        Some(open) if prefix.ends_with(')') => {
            (prefix[..open].trim().to_owned(), Some(prefix[open + 1..prefix.len() - 1].trim().to_owned()))
        }
        _ => (prefix.clone(), None),
    };
    if !place_like(&place, outlet.is_some() || para.starts_with("**"))
        || outlet.as_deref().is_some_and(|o| !outlet_like(o))
    {
        return None;
    }
    let rest = para[rest_at..].trim_start().trim_start_matches(['—', '–', '-', ':']).trim_start();
    if !rest.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit() || matches!(c, '“' | '"' | '‘' | '\'' | '['))
    {
        return None;
    }
    let name = place.split(',').next().unwrap_or_default().trim();
    let named = (!name.is_empty()).then(|| name.to_owned());
    let text = match &outlet {
        Some(o) if place.is_empty() => format!("({o})"),
        Some(o) => format!("{place} ({o})"),
        None => place,
    };
    let cut = start + rest_at + (para[rest_at..].len() - rest.len());
    body.replace_range(..cut, "");
    Some(Dateline { text, outlet, place: named })
}

/// The dateline's text (markup removed) and where the sentence after it starts.
fn dateline_prefix(para: &str) -> Option<(String, usize)> {
    let head: String = para.chars().take(80).collect();
    let bold = head.starts_with("**");
    // Where the prefix ends: a dash separator, a colon after bold text, or an outlet's bracket.
    let mut best: Option<(usize, usize)> = None;
    for sep in [" — ", " – ", " -- ", " - ", "— ", "—", " –", ": "] {
        if sep == ": " && !bold {
            continue;
        }
        if let Some(i) = head.find(sep) {
            if best.is_none_or(|(b, _)| i < b) {
                best = Some((i, i + sep.len()));
            }
        }
    }
    if let Some(close) = head.find(')').filter(|&c| head[..c].contains('(')) {
        if best.is_none_or(|(b, _)| close < b) && head[close + 1..].starts_with(|c: char| c.is_uppercase() || c == ' ')
        {
            best = Some((close + 1, close + 1));
        }
    }
    let (end, rest) = best?;
    let prefix = head[..end].replace("**", "").replace('*', "").trim().to_owned();
    (!prefix.is_empty() && prefix.split_whitespace().count() <= 8).then_some((prefix, rest))
}

/// A place as datelines write it: capitalised words (capitals throughout unless `loose`),
/// with commas, abbreviations ("S.C.") and a date after a comma allowed.
fn place_like(place: &str, loose: bool) -> bool {
    if place.is_empty() {
        return loose;
    }
    let name = place.split(',').next().unwrap_or(place);
    let words: Vec<&str> = name.split_whitespace().collect();
    let capitalised = words.iter().all(|w| w.starts_with(|c: char| c.is_uppercase()));
    let letters = name.chars().filter(|c| c.is_alphabetic()).count();
    let capitals = name.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
    (1..=5).contains(&words.len()) && capitalised && letters >= 2 && !place.contains(['!', '?']) && (capitals || loose)
}

fn outlet_like(o: &str) -> bool {
    let words = o.split_whitespace().count();
    (1..=4).contains(&words) && o.starts_with(|c: char| c.is_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_holder_of_a_copyright_line_is_its_outlet() {
        for (line, holder) in [
            ("© 2031 Harbour Echo Media Ltd. All rights reserved.", Some("Harbour Echo Media")),
            ("Diário de Pedra Alta © 2031. Todos os direitos reservados.", Some("Diário de Pedra Alta")),
            ("Nordposten AB © 2031", Some("Nordposten")),
            ("© 2031 Vltava Media, a.s. Všechna práva vyhrazena.", Some("Vltava Media")),
            ("© 2031 Coast Dispatch (Pty) Ltd", Some("Coast Dispatch")),
            ("Copyright © 2031 Lembah.id. All rights reserved.", Some("Lembah.id")),
            ("ⓒ 청솔신문, 무단전재 및 재배포 금지", Some("청솔신문")),
            ("© 2019-2031 Harbour Echo", Some("Harbour Echo")),
            ("© 2031 Klaverblad Media B.V.", Some("Klaverblad Media")),
            ("Copyright © 2031 Sentinel Media Pvt Ltd. All rights reserved.", Some("Sentinel Media")),
            ("© 2031", None),
            ("The harbour board met on Monday.", None),
        ] {
            assert_eq!(copyright_holder(line).as_deref(), holder, "{line}");
        }
        assert_eq!(holder_brand("Klaverblad Media"), "Klaverblad");
        assert_eq!(holder_brand("Nordlicht Verlag"), "Nordlicht");
        assert_eq!(holder_brand("Media Group"), "Media");
        assert_eq!(holder_brand("Harbour Echo"), "Harbour Echo");
    }

    #[test]
    fn sources_are_names_never_urls() {
        assert_eq!(
            source_name(Some("https://www.harbour-echo.example"), None).as_deref(),
            Some("harbour-echo.example")
        );
        assert_eq!(source_name(Some("www.harbour-echo.example"), None).as_deref(), Some("harbour-echo.example"));
        assert_eq!(source_name(Some("Harbour Echo"), None).as_deref(), Some("Harbour Echo"));
        assert_eq!(source_name(Some("Echo.net"), None).as_deref(), Some("Echo.net"));
        assert_eq!(source_name(None, Some("https://www.echo.example/a/b")).as_deref(), Some("echo.example"));
        assert_eq!(source_name(None, None), None);
    }

    #[test]
    fn outlets_and_job_titles_are_not_authors() {
        let authors: Vec<String> = [
            "Analysis by Mira Holt",
            "Valley Ledger Business",
            "Ledger Editor-at-large",
            "Reuters",
            "TOMAS BRIGGSAssociated Press",
            "https://ana.example/",
            "Text: Olga Marr",
            "MS",
            "Our Foreign Staff",
        ]
        .map(String::from)
        .to_vec();
        let (people, outlet) = clean_authors(&authors, Some("Valley Ledger"), Some("https://www.ledger.example/x"));
        assert_eq!(people, ["Mira Holt", "TOMAS BRIGGS", "Olga Marr"]);
        assert_eq!(outlet.as_deref(), Some("Valley Ledger Business"));
    }

    #[test]
    fn credentials_after_a_name_are_not_authors() {
        let authors: Vec<String> =
            ["Ines Varga", "M.D.", "Ph.D", "PharmD", "MPH", "Oskar Lind", "KAI", "DORIAN"].map(String::from).to_vec();
        let (people, _) = clean_authors(&authors, Some("Valley Ledger"), None);
        // "KAI" (three capitals) was a credential before too; "DORIAN" is a name in capitals.
        assert_eq!(people, ["Ines Varga", "Oskar Lind", "DORIAN"]);
        // Names whose capitals are inside them stay.
        let authors: Vec<String> = ["McAdam", "DeVore", "MSc", "DrPH"].map(String::from).to_vec();
        assert_eq!(clean_authors(&authors, None, None).0, ["McAdam", "DeVore"]);
    }

    #[test]
    fn a_credential_glued_to_the_next_line_ends_the_name() {
        let authors: Vec<String> =
            ["Ines Varga", "MDHarbour Gazette", "Oskar Lind PharmDCoast Clinic Review"].map(String::from).to_vec();
        let (people, _) = clean_authors(&authors, None, None);
        assert_eq!(people, ["Ines Varga", "Oskar Lind"]);
        let authors: Vec<String> = ["Ines Varga, M.D.Harbour Gazette", "Tove McDonagh"].map(String::from).to_vec();
        assert_eq!(clean_authors(&authors, None, None).0, ["Ines Varga", "Tove McDonagh"]);
    }

    #[test]
    fn datelines_are_split_from_the_first_sentence() {
        let cases = [
            ("KESTON (Wirepost) — Ferries stopped on Monday.", "KESTON (Wirepost)", "Ferries stopped on Monday."),
            (
                "Port Alder (Ledger Business)A muddled view of trade.",
                "Port Alder (Ledger Business)",
                "A muddled view of trade.",
            ),
            ("NEW ALDER, N.Z. (Wirepost) - Fares rose.", "NEW ALDER, N.Z. (Wirepost)", "Fares rose."),
            ("BRAMLEY -- The agency says no.", "BRAMLEY", "The agency says no."),
            ("(Ledger)Officials said so.", "(Ledger)", "Officials said so."),
            ("**OSTRAVA**: Their plans changed.", "OSTRAVA", "Their plans changed."),
        ];
        for (input, dateline, rest) in cases {
            let mut body = format!("{input}\n\nSecond paragraph.");
            let d = split_dateline(&mut body).unwrap_or_else(|| panic!("{input}: {:?}", dateline_prefix(input)));
            assert_eq!(d.text, dateline);
            assert_eq!(body, format!("{rest}\n\nSecond paragraph."));
        }
        for input in [
            "DEAR ABBY: My husband left.",
            "The mayor — who spoke late — said no.",
            "Bramley - the agency says no.",
            "**05/10/2018** - Published by the desk.",
            "Fares rose (slightly) and riders complained.",
        ] {
            let mut body = input.to_owned();
            assert_eq!(split_dateline(&mut body), None, "{input}");
            assert_eq!(body, input);
        }
    }
}
