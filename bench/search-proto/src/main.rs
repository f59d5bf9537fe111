//! Measuring prototype (issue #7): the build-side cost of a prefix-sharded inverted index
//! over a site's article bodies. Not part of Gazette; see README.md for what it leaves out.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;

type Map<K, V> = HashMap<K, V, foldhash::fast::FixedState>;

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            walk(&path, out)?;
        } else if path.extension().is_some_and(|x| x == "md") {
            out.push(path);
        }
    }
    Ok(())
}

/// Lower-cased words; allocates only for words that are not lower-case ASCII already.
fn tokens(text: &str) -> impl Iterator<Item = Cow<'_, str>> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty() && w.len() <= 40).map(|w| {
        if w.bytes().any(|b| b.is_ascii_uppercase() || b >= 0x80) {
            Cow::Owned(w.to_lowercase())
        } else {
            Cow::Borrowed(w)
        }
    })
}

/// Term → count for one document, sorted by term.
fn term_counts(text: &str) -> Vec<(Cow<'_, str>, u32)> {
    let mut counts: Map<Cow<str>, u32> = Map::default();
    for word in tokens(text) {
        *counts.entry(word).or_insert(0) += 1;
    }
    let mut out: Vec<_> = counts.into_iter().collect();
    out.sort_unstable();
    out
}

/// Every term with its postings (document, count), sorted by term. The merge is split by
/// the term's first byte so that both cores take part.
fn postings<'a>(docs: &'a [Vec<(Cow<'a, str>, u32)>]) -> Vec<(&'a str, Vec<(u32, u32)>)> {
    const PARTS: u8 = 16;
    let parts: Vec<Vec<(&str, Vec<(u32, u32)>)>> = (0..PARTS)
        .into_par_iter()
        .map(|part| {
            let mut map: Map<&str, Vec<(u32, u32)>> = Map::default();
            for (doc, terms) in docs.iter().enumerate() {
                for (term, count) in terms.iter().filter(|(t, _)| t.as_bytes()[0] % PARTS == part) {
                    map.entry(term.as_ref()).or_default().push((doc as u32, *count));
                }
            }
            map.into_iter().collect()
        })
        .collect();
    let mut terms: Vec<_> = parts.into_iter().flatten().collect();
    terms.par_sort_unstable_by(|a, b| a.0.cmp(b.0));
    terms
}

/// One JSON object per two-character prefix: `{"term":[doc-delta,count,…],…}`.
fn shards(terms: &[(&str, Vec<(u32, u32)>)]) -> Vec<String> {
    let mut out = Vec::new();
    let (mut key, mut cur) = (String::new(), String::new());
    for (term, list) in terms {
        let k: String = term.chars().take(2).collect();
        if k != key && !cur.is_empty() {
            cur.push('}');
            out.push(std::mem::take(&mut cur));
        }
        cur.push(if cur.is_empty() { '{' } else { ',' });
        key = k;
        let _ = write!(cur, "{}:[", serde_json::Value::from(*term));
        let mut last = 0;
        for (i, (doc, count)) in list.iter().enumerate() {
            let _ = write!(cur, "{}{},{}", if i > 0 { "," } else { "" }, doc - last, count);
            last = *doc;
        }
        cur.push(']');
    }
    if !cur.is_empty() {
        cur.push('}');
        out.push(cur);
    }
    out
}

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let [_, content, out] = &args[..] else {
        eprintln!("usage: search-proto CONTENT_DIR OUT_DIR");
        std::process::exit(2);
    };
    let mut files = Vec::new();
    walk(Path::new(content), &mut files)?;
    files.sort();
    let texts: Vec<String> = files
        .par_iter()
        .map(|f| std::fs::read_to_string(f).map(|s| s.splitn(3, "---\n").nth(2).unwrap_or("").to_owned()))
        .collect::<Result<_, _>>()?;

    let t0 = Instant::now();
    let docs: Vec<_> = texts.par_iter().map(|t| term_counts(t)).collect();
    let t1 = Instant::now();
    let terms = postings(&docs);
    let t2 = Instant::now();
    let shards = shards(&terms);
    let t3 = Instant::now();
    std::fs::create_dir_all(out)?;
    let index_bytes: usize = shards.iter().map(String::len).sum();
    for (i, shard) in shards.iter().enumerate() {
        std::fs::write(format!("{out}/{i}.json"), shard)?;
    }
    let mut text_bytes = 0;
    for (i, chunk) in texts.chunks(100).enumerate() {
        let json = serde_json::to_string(chunk).unwrap_or_default();
        text_bytes += json.len();
        std::fs::write(format!("{out}/t{i}.json"), json)?;
    }
    let t4 = Instant::now();
    eprintln!(
        "docs {} terms {} shards {} index {} KB texts {} KB",
        texts.len(),
        terms.len(),
        shards.len(),
        index_bytes / 1024,
        text_bytes / 1024
    );
    eprintln!(
        "tokenize {:?}, merge+sort {:?}, encode {:?}, write {:?}, total {:?}",
        t1 - t0,
        t2 - t1,
        t3 - t2,
        t4 - t3,
        t4 - t0
    );
    Ok(())
}
