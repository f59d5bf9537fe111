//! The names a byline gives: its "by" or writer's label in several languages ([`after_by`]),
//! the names it lists ([`split_names`]), each entry tidied ([`tidy_author`]), and the
//! credentials that end a name ([`credential`]). Text scrapes and HTML pages read bylines
//! alike with these; the `outlet` module keeps outlets and job titles out of the authors.

/// "By" before a byline's names in the languages of the function-word lists ("de" is too
/// common a word to be one); Greek names the author in the genitive after "του"/"της".
const BY_WORDS: &[&str] = &["by", "von", "par", "por", "di", "door", "av", "af", "oleh", "του", "της"];

/// Words that lead a byline's "by" in English ("Reported by", "Words by"): a closed list, as
/// a headline's passive ("Blogger grounded by her airline") has the same shape.
const BY_LEADS: &[&str] =
    &["written", "words", "reporting", "reported", "posted", "compiled", "story", "analysis", "text", "commentary"];

/// Labels naming the writer, in the languages of the function-word lists ("Text: Jane Doe |
/// Photos: Ann Lee", as magazines set it).
const AUTHOR_LABELS: &[&str] = &[
    "text", "texto", "testo", "tekst", "teksti", "author", "autor", "autorin", "auteur", "autore", "autora", "penulis",
    "yazar", "szerző", "piše",
];

/// The names after a byline's "by" or label: `By Jane Doe`, `di Giulia Ferri`, `Reported by
/// Jane Doe`, `Autor: Jane Doe`. `None` without one.
pub(crate) fn after_by(line: &str) -> Option<&str> {
    let t = line.trim_start();
    let mut words = t.split_whitespace();
    let first = words.next()?;
    // Without a lower-case copy of an ASCII word: this runs on every line of a scrape.
    let one_of = |w: &str, list: &[&str]| {
        if w.is_ascii() {
            list.iter().any(|x| x.eq_ignore_ascii_case(w))
        } else {
            list.contains(&w.to_lowercase().as_str())
        }
    };
    // A label, or "by" with a colon ("By:", "Por:").
    let label = first.strip_suffix(':').is_some_and(|l| one_of(l, AUTHOR_LABELS) || one_of(l, BY_WORDS));
    let skip = if label || one_of(first, BY_WORDS) {
        1
    } else if one_of(first, BY_LEADS) && words.next().is_some_and(|w| w.eq_ignore_ascii_case("by")) {
        2
    } else {
        return None;
    };
    // The line after its first `skip` words.
    let mut rest = t;
    for _ in 0..skip {
        rest = rest.trim_start().split_once(char::is_whitespace)?.1;
    }
    Some(rest.trim()).filter(|r| !r.is_empty())
}

/// Whether a label before a colon names who made the article: a writer's label ("Autor",
/// "Penulis") or one ending in "by" ("Edited by", "Researched by", "Photos by").
pub(crate) fn credit_label(label: &str) -> bool {
    let lower = label.trim().to_lowercase();
    let last = lower.split_whitespace().last().unwrap_or("");
    AUTHOR_LABELS.contains(&lower.as_str()) || BY_WORDS.contains(&last)
}

/// "And" in the languages of the function-word lists, between two names of a byline.
const AND_WORDS: &[&str] =
    &["e", "y", "et", "und", "en", "och", "og", "i", "a", "și", "ve", "dan", "és", "ja", "και", "và"];

/// The names a byline lists ("Jane Doe and John Roe", "Ana Lima, Rui Sá & Eva Gil", "Mariana
/// Tavares e Rodrigo Nunes"), each trimmed. Another language's "and" splits only between two
/// names of two words or more each: "Ortega y Gasset" is one name.
pub(crate) fn split_names(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in s.split(" and ").flat_map(|p| p.split(" & ")).flat_map(|p| p.split(", ")) {
        let words: Vec<&str> = part.split_whitespace().collect();
        let at = (2..words.len().saturating_sub(2)).find(|&k| AND_WORDS.contains(&words[k]));
        match at {
            Some(k) => out.extend([words[..k].join(" "), words[k + 1..].join(" ")]),
            None => out.push(part.trim().to_owned()),
        }
    }
    out
}

/// A byline entry without a label (`Text: `), a "by" lead ([`after_by`]) or the dashes and
/// bars a page sets around it (`di Giulia Ferri -`).
pub(crate) fn tidy_author(raw: &str) -> String {
    let mut a = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if let Some((label, rest)) = a.split_once(": ") {
        if !label.contains(' ') && !rest.trim().is_empty() {
            a = rest.to_owned();
        }
    }
    // Any lead of a word or two before "by" here ("Analysis by"): the entry is known to be a
    // byline.
    let lower = a.to_lowercase();
    if let Some(i) = lower.find(" by ").filter(|&i| lower[..i].split(' ').count() <= 2) {
        a = a[i + 4..].to_owned();
    } else if let Some(rest) = after_by(&a) {
        a = rest.to_owned();
    }
    let a = a.trim_matches(|c: char| c.is_whitespace() || "'\",.;|-–—".contains(c));
    // Korean and Japanese bylines follow the name with the writer's title ("박하늘 기자",
    // "山田太郎記者"); Chinese ones lead with it ("记者 王芳").
    let a = REPORTER_TITLES.iter().find_map(|t| a.strip_suffix(t)).unwrap_or(a);
    let a = ["记者", "記者"].iter().find_map(|t| a.strip_prefix(t)).unwrap_or(a);
    a.trim().to_owned()
}

/// Titles after a writer's name in Korean and Japanese bylines: reporter, senior reporter,
/// correspondent.
const REPORTER_TITLES: &[&str] = &["선임기자", "기자", "특파원", "記者", "特派員"];

/// A degree or professional credential standing alone as a byline entry: `MD`, `MPH`, `PhD`,
/// `PharmD`, `MSc`, `M.D.`, `Ph.D.`: one word of at most six letters (dots aside) with two
/// capitals or more. In capitals only, at most four letters (longer is a name written in
/// capitals); in mixed case, starting with two capitals or ending in one (`McAdam`, `DeVore`
/// are names).
pub(crate) fn credential(a: &str) -> bool {
    let letters: Vec<char> = a.chars().filter(|&c| c != '.').collect();
    let caps = letters.iter().filter(|c| c.is_uppercase()).count();
    let all_caps = caps == letters.len();
    let shaped = || {
        a.contains('.')
            || if all_caps {
                letters.len() <= 4
            } else {
                letters[..2].iter().all(|c| c.is_uppercase()) || letters[letters.len() - 1].is_uppercase()
            }
    };
    caps >= 2 && letters.len() <= 6 && letters.iter().all(|c| c.is_alphabetic()) && shaped()
}

/// `Jane Doe MDHarbour Gazette` → `Jane Doe`: a word that starts with a [`credential`] glued to
/// a capitalised word is where the byline's line ended (its `<br>` left no space) and the next
/// line (an outlet, an affiliation, a job) began; the words before it, when any. `None` when
/// no word is glued so.
pub(crate) fn before_glued_credential(a: &str) -> Option<String> {
    let words: Vec<&str> = a.split_whitespace().collect();
    let glued = |w: &str| {
        w.char_indices().skip(1).any(|(i, _)| {
            let mut rest = w[i..].chars();
            credential(&w[..i])
                && rest.next().is_some_and(char::is_uppercase)
                && rest.next().is_some_and(char::is_lowercase)
        })
    };
    let at = words.iter().position(|w| glued(w))?;
    Some(words[..at].join(" ").trim_end_matches([',', ';']).to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_names_after_by_in_several_languages_and_wordings() {
        assert_eq!(after_by("By Jane Doe"), Some("Jane Doe"));
        assert_eq!(after_by("Reported by Priya Raman, Kesarigarh"), Some("Priya Raman, Kesarigarh"));
        assert_eq!(after_by("di Giulia Ferri -"), Some("Giulia Ferri -"));
        assert_eq!(after_by("Του Νίκου Σταθάκη"), Some("Νίκου Σταθάκη"));
        assert_eq!(after_by("Autor: Jan Wilk"), Some("Jan Wilk"));
        assert_eq!(after_by("Af Mette Kjærgaard"), Some("Mette Kjærgaard"));
        assert_eq!(after_by("Penulis: Rizky Pratama"), Some("Rizky Pratama"));
        assert_eq!(after_by("Por: Mariana Olvera"), Some("Mariana Olvera"));
        assert_eq!(after_by("By: Ann Lee"), Some("Ann Lee"));
        assert_eq!(after_by("Photographs by Ann Lee"), None);
        assert_eq!(after_by("Jane Doe"), None);
        // A headline's passive and a site's name are no bylines.
        assert_eq!(after_by("Blogger grounded by her airline"), None);
        assert_eq!(after_by("Dawgs By Nature main menu"), None);
        assert_eq!(tidy_author("di Giulia Ferri -"), "Giulia Ferri");
        assert_eq!(tidy_author("Jean-Luc Picard |"), "Jean-Luc Picard");
        assert_eq!(tidy_author("박하늘 기자"), "박하늘");
        assert_eq!(tidy_author("记者 王芳"), "王芳");
    }

    #[test]
    fn the_names_of_a_byline_in_several_languages() {
        assert_eq!(split_names("Jane Doe and John Roe"), ["Jane Doe", "John Roe"]);
        assert_eq!(split_names("Mariana Tavares e Rodrigo Nunes"), ["Mariana Tavares", "Rodrigo Nunes"]);
        assert_eq!(split_names("Tereza Hrubá a Ondřej Klíma"), ["Tereza Hrubá", "Ondřej Klíma"]);
        assert_eq!(split_names("Ana Lima, Rui Sá & Eva Gil"), ["Ana Lima", "Rui Sá", "Eva Gil"]);
        assert_eq!(split_names("José Ortega y Gasset"), ["José Ortega y Gasset"]);
    }
}
