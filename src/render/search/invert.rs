//! The inversion of the search index: what a word is (`for_each_word`, shared with
//! `search.js`'s rule), every word of the documents with its postings (document, weight),
//! counted in parallel parts and merged in document order, and the compact form the postings
//! are kept in while `index.rs` writes the index files.

use foldhash::HashMap;
use rayon::prelude::*;

/// The searched text of document `n` besides its title, asked for once per document while the
/// index is built, so the texts of a large site are never all in memory. It is not stored:
/// `search.js` cuts excerpts from the result's own page, which the site has anyway (storing
/// the text again would double the bytes a large site publishes).
pub type TextOf<'a> = &'a (dyn Fn(usize) -> String + Sync);

/// A title word counts as this many body words: a search for a headline's words should
/// put that article first.
const TITLE_WEIGHT: u32 = 3;
/// Longer runs are hashes, URLs or glued-together debris, not words anyone searches for.
const MAX_WORD_CHARS: usize = 40;
/// Fewest documents counted by one parallel task.
const MIN_DOCS_PER_PART: usize = 128;

/// Calls `f` with each word of `text`, lower-cased: runs of letters and digits (Rust's
/// `char::is_alphanumeric`, as `[\p{Alphabetic}\p{N}]` in `search.js`) of at most
/// `MAX_WORD_CHARS`, except that each Chinese or Japanese character is a word of its own
/// (those scripts do not put spaces between words). `lower` is scratch space, reused across
/// calls to save allocations.
pub fn for_each_word(text: &str, lower: &mut String, mut f: impl FnMut(&str)) {
    let bytes = text.as_bytes();
    let (mut start, mut i) = (None, 0);
    while i < bytes.len() {
        // ASCII (most of any text) is judged a byte at a time; decoding every character cost
        // a fifth of the inversion's instructions.
        let (word_char, ideograph, len) = if bytes[i].is_ascii() {
            (bytes[i].is_ascii_alphanumeric(), false, 1)
        } else {
            // `i` is a character boundary: every step moves over whole characters.
            let Some(c) = text[i..].chars().next() else { break };
            (c.is_alphanumeric(), is_ideograph(c), c.len_utf8())
        };
        if let Some(s) = start.filter(|_| ideograph || !word_char) {
            start = None;
            emit(&text[s..i], lower, &mut f);
        }
        if ideograph {
            emit(&text[i..i + len], lower, &mut f);
        } else if word_char && start.is_none() {
            start = Some(i);
        }
        i += len;
    }
    if let Some(s) = start {
        emit(&text[s..], lower, &mut f);
    }
}

/// Chinese and Japanese characters: the ranges `search.js` lists in `IDEOGRAPH`.
fn is_ideograph(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{20000}'..='\u{2fa1f}')
}

/// Calls `f` with `word` lower-cased, unless it is too long to be a word.
fn emit(word: &str, lower: &mut String, f: &mut impl FnMut(&str)) {
    if word.len() > MAX_WORD_CHARS && word.chars().count() > MAX_WORD_CHARS {
        return;
    }
    if word.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()) {
        return f(word);
    }
    lower.clear();
    if word.is_ascii() {
        lower.push_str(word);
        lower.make_ascii_lowercase();
    } else {
        *lower = word.to_lowercase();
    }
    f(lower)
}

/// Postings of one word: (document, weight) pairs, documents ascending, kept as varints of
/// each document's distance from the one before and of its weight — about 2 bytes a pair
/// instead of 8. At 10 000 articles there are 4.5 million pairs, and holding them as
/// `(u32, u32)` (with the slack of lists grown by doubling) set the build's peak memory.
#[derive(Debug, Default)]
pub(super) struct Postings {
    pub(super) bytes: Vec<u8>,
    /// The last document, and the number of pairs.
    pub(super) last: u32,
    pub(super) len: u32,
}

impl Postings {
    fn push(&mut self, doc: u32, weight: u32) {
        let delta = if self.len == 0 { doc } else { doc - self.last };
        put_varint(&mut self.bytes, delta);
        put_varint(&mut self.bytes, weight);
        (self.last, self.len) = (doc, self.len + 1);
    }

    /// Appends `later`, whose documents all come after this one's.
    fn append(&mut self, later: Postings) {
        if self.len == 0 || later.len == 0 {
            if self.len == 0 {
                *self = later;
            }
            return;
        }
        let mut at = 0;
        let (doc, weight) = (get_varint(&later.bytes, &mut at), get_varint(&later.bytes, &mut at));
        self.push(doc, weight);
        self.bytes.extend_from_slice(&later.bytes[at..]);
        (self.last, self.len) = (later.last, self.len + later.len - 1);
    }

    /// The (document, weight) pairs, in order.
    pub(super) fn iter(&self) -> impl Iterator<Item = (u32, u32)> + '_ {
        let (mut at, mut doc) = (0, 0);
        std::iter::from_fn(move || {
            (at < self.bytes.len()).then(|| {
                doc += get_varint(&self.bytes, &mut at);
                (doc, get_varint(&self.bytes, &mut at))
            })
        })
    }
}

fn put_varint(out: &mut Vec<u8>, mut value: u32) {
    while value >= 0x80 {
        out.push(value as u8 | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

fn get_varint(bytes: &[u8], at: &mut usize) -> u32 {
    let (mut value, mut shift) = (0, 0);
    while let Some(&b) = bytes.get(*at) {
        *at += 1;
        value |= u32::from(b & 0x7f) << shift;
        if b < 0x80 {
            break;
        }
        shift += 7;
    }
    value
}

/// Counts the words of `docs` (numbered from `first`): each word with its postings, sorted
/// by word, and each document's length in words. Words get small numbers as they are first
/// seen, so each occurrence costs one hash lookup and a document's weights are kept in a flat
/// array; each word's text is kept once, as the key of that lookup.
fn count<D>(docs: &[D], title: fn(&D) -> &str, text_of: TextOf, first: u32) -> (Vec<(String, Postings)>, Vec<u32>) {
    let mut ids: HashMap<String, u32> = HashMap::default();
    let mut postings: Vec<Postings> = Vec::new();
    let mut weight_of: Vec<u32> = Vec::new();
    let mut seen: Vec<u32> = Vec::new();
    let mut lengths = Vec::with_capacity(docs.len());
    let mut lower = String::new();
    for (i, doc) in docs.iter().enumerate() {
        let doc_id = first + i as u32;
        let text = text_of(doc_id as usize);
        let mut length = 0;
        for (part, weight) in [(title(doc), TITLE_WEIGHT), (text.as_str(), 1)] {
            for_each_word(part, &mut lower, |word| {
                let id = match ids.get(word) {
                    Some(&id) => id,
                    None => {
                        let id = postings.len() as u32;
                        ids.insert(word.to_owned(), id);
                        postings.push(Postings::default());
                        weight_of.push(0);
                        id
                    }
                };
                if weight_of[id as usize] == 0 {
                    seen.push(id);
                }
                weight_of[id as usize] += weight;
                length += 1;
            });
        }
        for id in seen.drain(..) {
            postings[id as usize].push(doc_id, std::mem::take(&mut weight_of[id as usize]));
        }
        lengths.push(length);
    }
    let mut words: Vec<(String, Postings)> =
        ids.into_iter().map(|(word, id)| (word, std::mem::take(&mut postings[id as usize]))).collect();
    words.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    (words, lengths)
}

/// Every word of `docs`, sorted, with its postings; and the documents' lengths.
pub(super) fn invert<D: Sync>(
    docs: &[D],
    title: fn(&D) -> &str,
    text_of: TextOf,
) -> (Vec<(String, Postings)>, Vec<u32>) {
    // One part per thread: each part keeps its own copy of the vocabulary, and at 10 000
    // articles four parts per thread held ~17 MB more at the build's peak (the search stage)
    // for no gain in time, as the parts' documents are of similar size.
    let per_part = docs.len().div_ceil(rayon::current_num_threads()).max(MIN_DOCS_PER_PART);
    let parts: Vec<_> = docs
        .par_chunks(per_part)
        .enumerate()
        .map(|(n, chunk)| count(chunk, title, text_of, (n * per_part) as u32))
        .collect();
    // The parts' sorted lists are merged in document order, so every word's postings stay
    // ascending; no map of the whole vocabulary is built (the search stage sets the build's
    // peak memory).
    let mut lengths = Vec::with_capacity(docs.len());
    let mut words = Vec::new();
    for (part, part_lengths) in parts {
        lengths.extend(part_lengths);
        words = merge(words, part);
    }
    (words, lengths)
}

/// Two lists of words sorted by word, as one: the postings of a word in both are `a`'s then
/// `b`'s. Each word's list is trimmed to its length, as the parts grew them by doubling.
fn merge(a: Vec<(String, Postings)>, b: Vec<(String, Postings)>) -> Vec<(String, Postings)> {
    let mut out = Vec::with_capacity(a.len().max(b.len()));
    let (mut a, mut b) = (a.into_iter().peekable(), b.into_iter().peekable());
    loop {
        let order = match (a.peek(), b.peek()) {
            (Some(x), Some(y)) => x.0.cmp(&y.0),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => break,
        };
        let (word, mut list) = match order {
            std::cmp::Ordering::Less => a.next(),
            std::cmp::Ordering::Greater => b.next(),
            std::cmp::Ordering::Equal => a.next().zip(b.next()).map(|((w, mut l), (_, more))| {
                l.append(more);
                (w, l)
            }),
        }
        .unwrap_or_default();
        list.bytes.shrink_to_fit();
        out.push((word, list));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The character-at-a-time reading `for_each_word` replaced, kept as its specification.
    fn words_by_chars(text: &str) -> Vec<String> {
        let (mut out, mut lower, mut start) = (Vec::new(), String::new(), None);
        let mut push = |w: &str| out.push(w.to_owned());
        for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
            let ideograph = is_ideograph(c);
            if let Some(s) = start.filter(|_| ideograph || !c.is_alphanumeric()) {
                start = None;
                emit(&text[s..i], &mut lower, &mut push);
            }
            if ideograph {
                emit(&text[i..i + c.len_utf8()], &mut lower, &mut push);
            } else if c.is_alphanumeric() && start.is_none() {
                start = Some(i);
            }
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn words_are_those_a_character_reading_finds(text in "[a-zA-Z0-9 .,’—éÉßİ日本語かな٣\\-\n]{0,60}") {
            let mut got = Vec::new();
            for_each_word(&text, &mut String::new(), |w| got.push(w.to_owned()));
            proptest::prop_assert_eq!(got, words_by_chars(&text));
        }
    }

    #[test]
    fn postings_read_back_as_they_were_pushed_and_appended() {
        let pairs = [(0, 1), (3, 200), (130, 5), (131, 70_000), (20_000, 3)];
        let (mut early, mut late) = (Postings::default(), Postings::default());
        pairs[..2].iter().for_each(|&(d, w)| early.push(d, w));
        pairs[2..].iter().for_each(|&(d, w)| late.push(d, w));
        early.append(late);
        assert_eq!(early.iter().collect::<Vec<_>>(), pairs);
        assert_eq!((early.len, early.last), (5, 20_000));
        let mut empty = Postings::default();
        empty.append(early);
        assert_eq!(empty.iter().count(), 5);
    }
}
