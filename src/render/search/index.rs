//! The search index: an inverted index split into small files that `search.js` fetches on
//! demand, so a search of a large archive downloads a few shards, not the archive.
//!
//! Files, under [`super::BUNDLE_DIR`]:
//! - `index.json`: document count, each document's length and topics (for ranking and the
//!   topic filter, which must see every match), the topic names and the list of shard keys.
//! - `shard/HEX.json`: the words that start with one key (a prefix of one to three letters,
//!   longer only where a shorter one would make a large file: `search.js` takes the longest
//!   key a word starts with), each with its stem and its
//!   postings `doc delta, weight, doc delta, weight, …` as one string of base-32 digits
//!   (`digits.rs`). `HEX` is the key's UTF-8 in hex, so
//!   file names are ASCII and never differ only in case.
//! - `doc/N.json`: what a result shows (URL, title, outlet, date); its excerpt comes from the
//!   page itself, from the elements marked `data-search-text`.
//!
//! Words are lower-cased runs of letters and digits (Rust's `char::is_alphanumeric`, which
//! `search.js` matches with `[\p{Alphabetic}\p{N}]`). Stems come from the Snowball stemmer of
//! the site's language and are stored beside each word: the browser cannot stem, so it finds a
//! query word's stem in the shard and takes every word sharing it ("ferries" finds "ferry").
//!
//! Everything is built in a fixed order (documents in site order, words sorted), so the same
//! site gives byte-identical files.

use std::collections::BTreeMap;

use rayon::prelude::*;
use rust_stemmers::{Algorithm, Stemmer};
use serde::Serialize;

use super::digits;
use super::invert::{invert, Postings, TextOf};
use crate::render::json::html_safe_json;

/// One searchable document; serialized as it is into `doc/N.json`.
#[derive(Serialize)]
pub struct Document {
    pub url: String,
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    pub date: String,
    pub date_display: String,
    /// Topic names, for the filter.
    #[serde(skip)]
    pub topics: Vec<String>,
    /// The document's language when it is not the site's (its words are stemmed with it).
    #[serde(skip)]
    pub language: Option<String>,
}

/// A shard is split by one more letter when it is larger than this.
const SPLIT_SHARD_BYTES: usize = 48 * 1024;

/// The Snowball stemmer for a language code (`en`, `de-AT`, …); none for languages without one.
fn stemmer(language: &str) -> Option<Stemmer> {
    let code = language.split(['-', '_']).next().unwrap_or_default().to_ascii_lowercase();
    let algorithm = match code.as_str() {
        "ar" => Algorithm::Arabic,
        "da" => Algorithm::Danish,
        "nl" => Algorithm::Dutch,
        "en" => Algorithm::English,
        "fr" => Algorithm::French,
        "de" => Algorithm::German,
        "el" => Algorithm::Greek,
        "hu" => Algorithm::Hungarian,
        "it" => Algorithm::Italian,
        "no" | "nb" | "nn" => Algorithm::Norwegian,
        "pt" => Algorithm::Portuguese,
        "ro" => Algorithm::Romanian,
        "ru" => Algorithm::Russian,
        "es" => Algorithm::Spanish,
        "sv" => Algorithm::Swedish,
        "ta" => Algorithm::Tamil,
        "tr" => Algorithm::Turkish,
        _ => return None,
    };
    Some(Stemmer::create(algorithm))
}

/// The stemmers of the documents' languages: the site's, and those of the documents written
/// in another language (an article's `language`).
struct Stemmers {
    /// Index 0 is the site's language.
    stemmers: Vec<Option<Stemmer>>,
    /// Per document, its index in `stemmers`.
    of_doc: Vec<u16>,
}

impl Stemmers {
    fn new(docs: &[Document], site: &str) -> Stemmers {
        let mut langs: Vec<&str> = vec![site];
        let of_doc = docs
            .iter()
            .map(|d| match d.language.as_deref() {
                None => 0,
                Some(l) => match langs.iter().position(|&k| k.eq_ignore_ascii_case(l)) {
                    Some(i) => i as u16,
                    None => {
                        langs.push(l);
                        (langs.len() - 1) as u16
                    }
                },
            })
            .collect();
        Stemmers { stemmers: langs.iter().map(|l| stemmer(l)).collect(), of_doc }
    }

    /// The stemmer for a word: the site's if a document in the site's language has it, else
    /// that of the first document that has it.
    fn of(&self, postings: &Postings) -> &Option<Stemmer> {
        let doc_lang = |(doc, _): (u32, u32)| self.of_doc.get(doc as usize).copied().unwrap_or(0);
        let lang = match postings.iter().any(|p| doc_lang(p) == 0) {
            true => 0,
            false => postings.iter().next().map_or(0, doc_lang),
        };
        &self.stemmers[lang as usize]
    }
}

/// One word's entry in its shard: `"word":["stem","postings"]`, the stem empty when it is
/// the word itself, the postings `doc delta, weight, …` written in [`digits`].
fn entry_json(word: &str, stem: &str, postings: &Postings) -> String {
    let mut out = String::with_capacity(word.len() + 8 + postings.len as usize * 3);
    let stem = if stem == word { "" } else { stem };
    // Words and stems are letters and digits only, but let serde do the quoting regardless.
    out.push_str(&json(word));
    out.push_str(":[");
    out.push_str(&json(stem));
    out.push_str(",\"");
    let mut previous = 0;
    for (doc, weight) in postings.iter() {
        digits::push(&mut out, u64::from(doc - previous));
        digits::push(&mut out, u64::from(weight));
        previous = doc;
    }
    out.push_str("\"]");
    out
}

fn json(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

/// `value` as JSON safe to be read as HTML ([`html_safe_json`]): no file of the site carries a
/// hostile title's markup raw, whatever reads it.
fn safe_json(value: &(impl Serialize + ?Sized)) -> anyhow::Result<Vec<u8>> {
    Ok(html_safe_json(&serde_json::to_string(value)?).into_bytes())
}

/// The first `n` characters of `word`.
fn prefix(word: &str, n: usize) -> &str {
    word.char_indices().nth(n).map_or(word, |(at, _)| &word[..at])
}

/// Longest shard key, in characters.
const MAX_KEY_CHARS: usize = 3;

/// Groups the entries into shards by their first letter; a group larger than
/// [`SPLIT_SHARD_BYTES`] is split by the first two letters, and those by three (a word as
/// short as its group's key stays in that group). A small site gets a few shards, a large
/// one many small ones.
fn shards(words: &[String], entries: Vec<String>) -> BTreeMap<String, Vec<String>> {
    let mut key_of = vec![String::new(); words.len()];
    assign_keys(words, &entries, (0..words.len()).collect(), 1, &mut key_of);
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (key, entry) in key_of.into_iter().zip(entries) {
        out.entry(key).or_default().push(entry);
    }
    out
}

/// Gives the words `members` keys of `chars` letters, or longer ones where a group is large.
fn assign_keys(words: &[String], entries: &[String], members: Vec<usize>, chars: usize, key_of: &mut [String]) {
    let mut groups: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for i in members {
        groups.entry(prefix(&words[i], chars)).or_default().push(i);
    }
    for (key, group) in groups {
        let size: usize = group.iter().map(|&i| entries[i].len() + 1).sum();
        let (longer, here): (Vec<usize>, Vec<usize>) = if size > SPLIT_SHARD_BYTES && chars < MAX_KEY_CHARS {
            group.into_iter().partition(|&i| words[i].chars().count() > chars)
        } else {
            (Vec::new(), group)
        };
        for i in here {
            key_of[i] = key.to_owned();
        }
        if !longer.is_empty() {
            assign_keys(words, entries, longer, chars + 1, key_of);
        }
    }
}

/// A shard key as a file name: its UTF-8 bytes in hex.
fn shard_file(key: &str) -> String {
    let hex: String = key.bytes().map(|b| format!("{b:02x}")).collect();
    format!("shard/{hex}.json")
}

#[derive(Serialize)]
struct Summary<'a> {
    version: u32,
    docs: usize,
    /// Documents per `doc/N.json` file: document `d` is item `d % docs_per_file` of file
    /// `d / docs_per_file`.
    docs_per_file: usize,
    /// Sum of the documents' lengths (the browser divides by `docs` for BM25's average).
    total_length: u64,
    lengths: &'a [u32],
    topics: &'a [String],
    /// Per document, positions in `topics`.
    doc_topics: Vec<Vec<usize>>,
    shards: Vec<&'a str>,
}

/// Documents stored per `doc/N.json` file. One file per document made the index the
/// site's largest family of files (10 000 of 27 000 at 10 000 articles, each ~240 bytes);
/// 32 to a file makes them ~300 files of ~8 KB, and a search showing 20 results still
/// fetches at most 20 small files, usually fewer.
const DOCS_PER_FILE: usize = 32;

/// The index of `docs` as (path under the bundle folder, bytes), sorted by path: for tests.
#[cfg(test)]
pub fn build(docs: &[Document], text_of: TextOf, language: &str) -> anyhow::Result<Vec<(String, Vec<u8>)>> {
    let files = std::sync::Mutex::new(Vec::new());
    let count = build_into(docs, text_of, language, &|name, bytes| {
        files.lock().map_err(|_| anyhow::anyhow!("a search index thread failed"))?.push((name, bytes));
        Ok(())
    })?;
    let mut files = files.into_inner().map_err(|_| anyhow::anyhow!("a search index thread failed"))?;
    debug_assert_eq!(files.len(), count);
    files.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(files)
}

/// Where [`build_into`] hands each finished file: its name and bytes.
pub type Emit<'a> = &'a (dyn Fn(String, Vec<u8>) -> anyhow::Result<()> + Sync);

/// Builds the index and hands each file to `emit` as soon as it is made, so the files are not
/// all held at once (26 MB at 10 000 articles); returns how many files there were.
pub fn build_into(docs: &[Document], text_of: TextOf, language: &str, emit: Emit) -> anyhow::Result<usize> {
    let t = std::time::Instant::now();
    let (words, lengths) = invert(docs, |d| &d.title, text_of);
    tracing::debug!("search index: {} words inverted in {:?}", words.len(), t.elapsed());
    let stemmers = Stemmers::new(docs, language);
    // Consuming the words frees each word's postings as soon as its entry is written, so the
    // postings and their JSON are never all in memory at once (the search stage set the peak).
    let (words, entries): (Vec<String>, Vec<String>) = words
        .into_par_iter()
        .map(|(word, postings)| {
            let stem = match stemmers.of(&postings) {
                Some(s) if !word.chars().all(|c| c.is_numeric()) => s.stem(&word),
                _ => word.as_str().into(),
            };
            let entry = entry_json(&word, &stem, &postings);
            (word, entry)
        })
        .unzip();
    let shards = shards(&words, entries);
    tracing::debug!("search index: stemmed and sharded by {:?}", t.elapsed());

    let topics: Vec<String> = {
        let mut names: Vec<String> = docs.iter().flat_map(|d| d.topics.iter().cloned()).collect();
        names.sort();
        names.dedup();
        names
    };
    let doc_topics =
        docs.iter().map(|d| d.topics.iter().filter_map(|t| topics.binary_search(t).ok()).collect()).collect();
    let summary = Summary {
        version: 2,
        docs: docs.len(),
        docs_per_file: DOCS_PER_FILE,
        total_length: lengths.iter().map(|&l| u64::from(l)).sum(),
        lengths: &lengths,
        topics: &topics,
        doc_topics,
        shards: shards.keys().map(String::as_str).collect(),
    };
    emit("index.json".to_owned(), safe_json(&summary)?)?;
    drop(summary);
    let count = 1 + shards.len() + docs.len().div_ceil(DOCS_PER_FILE);
    // Each shard's entries are freed as soon as they are joined and written.
    shards
        .into_par_iter()
        .try_for_each(|(key, entries)| emit(shard_file(&key), format!("{{{}}}", entries.join(",")).into_bytes()))?;
    docs.par_chunks(DOCS_PER_FILE)
        .enumerate()
        .try_for_each(|(i, chunk)| emit(format!("doc/{i}.json"), safe_json(chunk)?))?;
    tracing::debug!("search index: {count} files by {:?}", t.elapsed());
    Ok(count)
}

#[cfg(test)]
mod tests {
    use super::super::invert::for_each_word;
    use super::*;

    /// Builds the index of (title, text, topics) documents.
    fn index(docs: &[(&str, &str, &[&str])], language: &str) -> Vec<(String, Vec<u8>)> {
        let documents: Vec<Document> = docs.iter().map(|(title, _, topics)| doc(title, topics)).collect();
        build(&documents, &|i| docs[i].1.to_owned(), language).unwrap()
    }

    fn doc(title: &str, topics: &[&str]) -> Document {
        Document {
            url: format!("/{title}/"),
            title: title.into(),
            outlet: None,
            date: "2026-01-01T00:00:00Z".into(),
            date_display: "1 January 2026".into(),
            topics: topics.iter().map(|t| t.to_string()).collect(),
            language: None,
        }
    }

    fn file(files: &[(String, Vec<u8>)], name: &str) -> serde_json::Value {
        let (_, bytes) = files.iter().find(|(n, _)| n == name).unwrap_or_else(|| panic!("no {name}"));
        serde_json::from_slice(bytes).unwrap()
    }

    #[test]
    fn markup_in_stored_text_is_escaped_and_reads_back_intact() {
        let files = index(&[("<script>alert(1)</script> & <b>", "text", &["A<B>"])], "en");
        for (name, bytes) in &files {
            let text = String::from_utf8_lossy(bytes);
            assert!(!text.contains(['<', '>', '&']), "{name}: {text}");
        }
        assert_eq!(file(&files, "doc/0.json")[0]["title"], "<script>alert(1)</script> & <b>");
        assert_eq!(file(&files, "index.json")["topics"][0], "A<B>");
    }

    fn words(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        for_each_word(text, &mut String::new(), |w| out.push(w.to_owned()));
        out
    }

    #[test]
    fn words_are_lower_cased_runs_of_letters_and_digits() {
        let text = "The MAYOR's 2026 plan—Café, naïve; x ΟΔΟΣ";
        assert_eq!(words(text), ["the", "mayor", "s", "2026", "plan", "café", "naïve", "x", "οδος"]);
        assert_eq!(words(&"a".repeat(41)), Vec::<String>::new(), "runs longer than a word are left out");
        assert_eq!(words(&"é".repeat(40)), ["é".repeat(40)], "the limit counts characters, not bytes");
        assert_eq!(words("東京の港abc、フェリー"), ["東", "京", "の", "港", "abc", "フ", "ェ", "リ", "ー"]);
    }

    #[test]
    fn postings_carry_document_deltas_weights_and_stems() {
        let files = index(&[("Ferry", "the ferries sail", &["City"]), ("Tide", "a ferry and a ferry", &[])], "en-GB");
        let index = file(&files, "index.json");
        assert_eq!(index["docs"], 2);
        assert_eq!(index["lengths"], serde_json::json!([4, 6]));
        assert_eq!(index["doc_topics"], serde_json::json!([[0], []]));
        assert_eq!(index["topics"], serde_json::json!(["City"]));
        let shard = file(&files, &shard_file("f"));
        // "Ferry" is a title word in the first document (weight 3) and twice in the second.
        let postings = |w: &str| digits::read(shard[w][1].as_str().unwrap()).unwrap();
        assert_eq!((&shard["ferry"][0], postings("ferry")), (&serde_json::json!("ferri"), vec![0, 3, 1, 2]));
        assert_eq!((&shard["ferries"][0], postings("ferries")), (&serde_json::json!("ferri"), vec![0, 1]));
        assert_eq!(index["docs_per_file"], DOCS_PER_FILE);
        assert!(files.iter().all(|(name, _)| name != "doc/1.json"), "both documents share one file");
        let doc1 = &file(&files, "doc/0.json")[1];
        assert_eq!(doc1["title"], "Tide");
        assert_eq!(doc1["url"], "/Tide/");
        assert!(doc1.get("outlet").is_none() && doc1.get("topics").is_none() && doc1.get("text").is_none());
    }

    #[test]
    fn large_groups_are_split_by_longer_prefixes_and_small_ones_kept_whole() {
        // Enough distinct "th…" words in enough documents to pass the split size.
        let text: String = (0..3000).map(|i| format!("th{i:x}z ")).collect();
        let titles: Vec<String> = (0..4).map(|i| format!("d{i}")).collect();
        let docs: Vec<(&str, &str, &[&str])> = titles.iter().map(|t| (t.as_str(), text.as_str(), &[][..])).collect();
        let files = index(&docs, "xx");
        let keys = file(&files, "index.json")["shards"].clone();
        let keys: Vec<&str> = keys.as_array().unwrap().iter().map(|k| k.as_str().unwrap()).collect();
        assert!(keys.contains(&"th0") && keys.contains(&"thf") && !keys.contains(&"th"), "{keys:?}");
        assert!(keys.contains(&"d"), "the few \"d…\" words share one shard: {keys:?}");
        let total: usize = files.iter().filter(|(n, _)| n.starts_with("shard/")).map(|(_, b)| b.len()).sum();
        assert!(total > SPLIT_SHARD_BYTES);
    }

    #[test]
    fn the_same_documents_give_the_same_bytes() {
        let docs: Vec<Document> = (0..300).map(|i| doc(&format!("title {i}"), &["B", "A"])).collect();
        let text = |i: usize| format!("word{} common text {i}", i % 7);
        assert_eq!(build(&docs, &text, "en").unwrap(), build(&docs, &text, "en").unwrap());
    }

    #[test]
    fn an_article_in_another_language_is_stemmed_with_its_own_stemmer() {
        let mut docs = vec![doc("Fähren", &[]), doc("Ferries", &[])];
        docs[0].language = Some("de".into());
        let text = |i: usize| ["die Fähren fahren wieder", "the ferries sail again"][i].to_owned();
        let files = build(&docs, &text, "en").unwrap();
        // German's stemmer for the German article's words, English's for the English one's.
        assert_eq!(file(&files, &shard_file("f"))["fahren"][0], "fahr");
        assert_eq!(file(&files, &shard_file("f"))["ferries"][0], "ferri");
        // English would have kept "fahren" whole.
        let files = build(&[doc("x", &[])], &|_| "fahren".to_owned(), "en").unwrap();
        assert_eq!(file(&files, &shard_file("f"))["fahren"][0], "");
    }

    #[test]
    fn numbers_are_not_stemmed_and_unknown_languages_keep_words_whole() {
        let files = index(&[("Running", "2026 running", &[])], "xx");
        assert_eq!(file(&files, &shard_file("r"))["running"][0], "");
        let files = index(&[("Running", "2026 running", &[])], "en");
        assert_eq!(file(&files, &shard_file("r"))["running"][0], "run");
        assert_eq!(file(&files, &shard_file("2"))["2026"][0], "");
    }
}
