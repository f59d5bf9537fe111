//! Term signatures: a compact bag of a document's most frequent content words, computed
//! while loading so later stages can compare articles without keeping their text.

/// How many distinct terms a signature keeps.
pub const SIGNATURE_TERMS: usize = 48;

/// A term id (a stable hash of the normalised word) and how often it occurs.
pub type Term = (u64, u32);

/// The signature of a title and body: the most frequent content words, title words counted
/// three times, sorted by term id.
pub fn signature(title: &str, body_text: &str) -> Vec<Term> {
    // foldhash, not SipHash: every word of every article passes here, and SipHash showed
    // in `perf` profiles of the build.
    let mut counts: foldhash::HashMap<u64, u32> = foldhash::HashMap::default();
    let mut buf = String::with_capacity(32);
    for (text, weight) in [(title, 3), (body_text, 1)] {
        for_each_content_term(text, &mut buf, |id| *counts.entry(id).or_insert(0) += weight);
    }
    let mut terms: Vec<Term> = counts.into_iter().collect();
    // Most frequent first, ties by id so the choice is deterministic. Only which terms make
    // the cut matters (they are sorted by id below), so the rest need not be sorted.
    let by_weight = |a: &Term, b: &Term| b.1.cmp(&a.1).then(a.0.cmp(&b.0));
    if terms.len() > SIGNATURE_TERMS {
        terms.select_nth_unstable_by(SIGNATURE_TERMS, by_weight);
        terms.truncate(SIGNATURE_TERMS);
    }
    // The vector was sized for every distinct word (hundreds); kept for the whole build,
    // that slack would be most of its memory.
    terms.shrink_to_fit();
    terms.sort_unstable_by_key(|t| t.0);
    terms
}

/// Calls `f` with the term id of each content word of `text`, in order: `term_id` of each of
/// [`alphanumeric_runs`] that [`normalise`] keeps, in one pass. A run of ASCII letters and
/// digits (nearly every word) is lowercased as it is hashed, without copying, and stop words
/// are known by their ids; a run that reaches a non-ASCII letter is normalised whole. The one
/// difference from normalising every run would be a content word whose 64-bit id equals a stop
/// word's, which no word in the test vocabulary or the bench corpus has. Scanning the text once,
/// instead of splitting it and then going over each piece again, saved 0.9 % of a build's
/// instructions (callgrind, the 1 000-article bench site).
fn for_each_content_term(text: &str, buf: &mut String, mut f: impl FnMut(u64)) {
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        if !bytes[at].is_ascii() {
            // `at` is a character boundary: every step moves over whole characters.
            let Some(c) = text[at..].chars().next() else { return };
            if c.is_alphanumeric() {
                at = non_ascii_run(text, at, at, buf, &mut f);
            } else {
                at += c.len_utf8();
            }
            continue;
        }
        if !bytes[at].is_ascii_alphanumeric() {
            at += 1;
            continue;
        }
        let start = at;
        let (mut id, mut digits) = (FNV_OFFSET, true);
        while let Some(&b) = bytes.get(at).filter(|b| b.is_ascii_alphanumeric()) {
            digits &= b.is_ascii_digit();
            id = fnv_step(id, b.to_ascii_lowercase());
            at += 1;
        }
        let continues = text[at..].chars().next().is_some_and(|c| !c.is_ascii() && c.is_alphanumeric());
        if continues {
            at = non_ascii_run(text, start, at, buf, &mut f);
        } else if at - start >= 3 && !digits && !STOP_IDS.contains(&id) {
            f(id);
        }
    }
}

/// Finishes the run of letters and digits that starts at `start` and holds a non-ASCII one at
/// `at`, calls `f` with its term id if it is a content word, and returns where the run ends.
fn non_ascii_run(text: &str, start: usize, at: usize, buf: &mut String, f: &mut impl FnMut(u64)) -> usize {
    let end = text[at..].find(|c: char| !c.is_alphanumeric()).map_or(text.len(), |k| at + k);
    if normalise(&text[start..end], buf) {
        f(term_id(buf));
    }
    end
}

/// Lowercased, accent-folded content words of three letters or more, without stop words.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    let mut buf = String::new();
    alphanumeric_runs(text).filter_map(move |w| if normalise(w, &mut buf) { Some(buf.clone()) } else { None })
}

/// The runs of letters and digits in `text` (`char::is_alphanumeric`), in order: the non-empty
/// pieces of `text.split(|c: char| !c.is_alphanumeric())`. Most text is ASCII, which is judged
/// a byte at a time; other characters are decoded. Splitting by `char` was a fifth of the
/// signatures' instructions.
fn alphanumeric_runs(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        let mut start = None;
        while at < bytes.len() {
            let (word_char, len) = if bytes[at].is_ascii() {
                (bytes[at].is_ascii_alphanumeric(), 1)
            } else {
                // `at` is a character boundary: every step moves over whole characters.
                let c = text[at..].chars().next()?;
                (c.is_alphanumeric(), c.len_utf8())
            };
            match (word_char, start) {
                (true, None) => start = Some(at),
                (false, Some(s)) => return Some(&text[s..at]),
                _ => {}
            }
            at += len;
        }
        start.map(|s| &text[s..])
    })
}

/// Writes the normalised form of `raw` into `buf`; false when it is not a content word.
/// ASCII words (nearly all of them) are lowercased without allocating.
fn normalise(raw: &str, buf: &mut String) -> bool {
    if raw.len() < 3 || raw.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    buf.clear();
    if raw.is_ascii() {
        // Copied whole, then lowercased in place: pushing char by char cost a third of the
        // signatures' instructions (callgrind).
        buf.push_str(raw);
        buf.make_ascii_lowercase();
    } else {
        if raw.chars().count() < 3 {
            return false;
        }
        buf.push_str(&deunicode::deunicode(raw).to_ascii_lowercase());
    }
    !is_stop_word(buf)
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

fn fnv_step(h: u64, b: u8) -> u64 {
    (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
}

/// FNV-1a: stable across runs and platforms (std's hasher is randomly seeded).
pub fn term_id(word: &str) -> u64 {
    word.bytes().fold(FNV_OFFSET, fnv_step)
}

/// The term ids of the stop words.
static STOP_IDS: std::sync::LazyLock<foldhash::HashSet<u64>> =
    std::sync::LazyLock::new(|| STOP_WORDS.iter().map(|w| term_id(w)).collect());

pub fn is_stop_word(w: &str) -> bool {
    // Every word of every article is checked: a hash set answers in one probe, where a binary
    // search over the list made about seven string comparisons.
    static SET: std::sync::LazyLock<foldhash::HashSet<&str>> =
        std::sync::LazyLock::new(|| STOP_WORDS.iter().copied().collect());
    SET.contains(w)
}

/// Common English function words and news filler, sorted.
const STOP_WORDS: &[&str] = &[
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "also",
    "although",
    "among",
    "and",
    "another",
    "any",
    "are",
    "around",
    "because",
    "been",
    "before",
    "being",
    "between",
    "both",
    "but",
    "can",
    "could",
    "did",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "even",
    "every",
    "few",
    "first",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "however",
    "into",
    "its",
    "itself",
    "just",
    "last",
    "later",
    "least",
    "less",
    "like",
    "made",
    "make",
    "many",
    "may",
    "might",
    "more",
    "most",
    "much",
    "must",
    "new",
    "next",
    "nor",
    "not",
    "now",
    "off",
    "once",
    "one",
    "only",
    "other",
    "our",
    "ours",
    "out",
    "over",
    "own",
    "per",
    "said",
    "same",
    "say",
    "says",
    "she",
    "should",
    "since",
    "some",
    "still",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "though",
    "three",
    "through",
    "told",
    "too",
    "two",
    "under",
    "until",
    "upon",
    "very",
    "was",
    "way",
    "week",
    "well",
    "were",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "within",
    "without",
    "would",
    "year",
    "years",
    "yet",
    "you",
    "your",
    "yours",
];

#[cfg(test)]
mod tests {
    use super::*;

    /// `signature` as it was before the one-pass hashing of ASCII words and the partial sort:
    /// each word normalised into a string, checked against the stop words by text, and every
    /// term sorted by weight. Kept as the specification the faster one is checked against.
    fn signature_by_sorting_normalised_words(title: &str, body_text: &str) -> Vec<Term> {
        let mut counts: std::collections::HashMap<u64, u32> = std::collections::HashMap::new();
        let mut buf = String::new();
        for (text, weight) in [(title, 3), (body_text, 1)] {
            for raw in alphanumeric_runs(text) {
                if normalise(raw, &mut buf) {
                    *counts.entry(term_id(&buf)).or_insert(0) += weight;
                }
            }
        }
        let mut terms: Vec<Term> = counts.into_iter().collect();
        terms.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        terms.truncate(SIGNATURE_TERMS);
        terms.sort_unstable_by_key(|t| t.0);
        terms
    }

    /// Words that make texts of many distinct terms with ties in weight: stop words in both
    /// cases, digits, short words, accented and non-Latin words.
    fn vocabulary() -> Vec<String> {
        let mut words: Vec<String> = [
            "the",
            "The",
            "WITH",
            "about",
            "year",
            "2026",
            "12345",
            "a1b",
            "ab",
            "Zürich",
            "ZURICH",
            "Ærø",
            "東京都",
            "日本",
            "naïve",
            "NAIVE",
            "Straße",
            "été",
            "ÉTÉ",
            "x9",
        ]
        .map(String::from)
        .into();
        words.extend((0..90).map(|i| format!("term{i}")));
        words
    }

    proptest::proptest! {
        #[test]
        fn alphanumeric_runs_are_the_pieces_str_split_finds(text in "[a-zA-Z0-9 .,’—éÉß日本٣\\-\n]{0,60}") {
            let want: Vec<&str> = text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
            proptest::prop_assert_eq!(alphanumeric_runs(&text).collect::<Vec<_>>(), want);
        }

        #[test]
        fn one_pass_terms_are_those_of_each_run(text in "([a-zA-Z0-9]{0,5}[ .,’—éÉßø日本٣\\-\n]{0,2}){0,30}") {
            let mut buf = String::new();
            let mut want = Vec::new();
            for w in alphanumeric_runs(&text) {
                if normalise(w, &mut buf) {
                    want.push(term_id(&buf));
                }
            }
            let mut got = Vec::new();
            for_each_content_term(&text, &mut buf, |id| got.push(id));
            proptest::prop_assert_eq!(got, want);
        }

        #[test]
        fn signatures_are_those_sorting_normalised_words_gives(
            title in proptest::collection::vec(0usize..110, 0..8),
            body in proptest::collection::vec((0usize..110, "[ ,.\n—]{1,2}"), 0..400),
        ) {
            let vocabulary = vocabulary();
            let title: Vec<&str> = title.iter().map(|&i| vocabulary[i].as_str()).collect();
            let title = title.join(" ");
            let body: String = body.iter().map(|(i, gap)| format!("{}{gap}", vocabulary[*i])).collect();
            proptest::prop_assert_eq!(signature(&title, &body), signature_by_sorting_normalised_words(&title, &body));
        }
    }

    #[test]
    fn stop_words_are_sorted() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn signature_keeps_content_words_and_weights_title() {
        let sig = signature("Harbour bill", "The harbour bill passed. The Assembly voted.");
        let harbour = sig.iter().find(|t| t.0 == term_id("harbour")).unwrap();
        assert_eq!(harbour.1, 4);
        assert!(!sig.iter().any(|t| t.0 == term_id("the")));
    }

    #[test]
    fn accents_and_case_fold() {
        assert_eq!(words("Zürich ZURICH").collect::<Vec<_>>(), ["zurich", "zurich"]);
    }
}
