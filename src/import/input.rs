//! Import's inputs: folders expanded into files, each file (or standard input) read, checked
//! for binary content, its kind detected and its text decoded, then turned into drafts by the
//! extractor for that kind.

use std::io::Read as _;
use std::path::Path;

use anyhow::{bail, Context as _};

use super::{detect, feed, html, text, Draft, InputKind, UsageError};

/// Expands folders (recursively, skipping hidden files) and keeps files and `-` as given.
pub(super) fn expand_inputs(inputs: &[String]) -> anyhow::Result<Vec<String>> {
    let mut out = Vec::new();
    for input in inputs {
        let path = Path::new(input);
        if input != "-" && path.is_dir() {
            let mut files: Vec<String> = walkdir::WalkDir::new(path)
                .sort_by_file_name()
                .into_iter()
                .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_file())
                .map(|e| e.path().to_string_lossy().into_owned())
                .collect();
            out.append(&mut files);
        } else {
            out.push(input.clone());
        }
    }
    if inputs.iter().filter(|i| *i == "-").count() > 1 {
        bail!(UsageError("`-` (standard input) can be given only once".into()));
    }
    Ok(out)
}

/// Reads the raw bytes of one input.
fn read_input(input: &str) -> anyhow::Result<Vec<u8>> {
    if input == "-" {
        let mut buf = Vec::new();
        std::io::stdin().read_to_end(&mut buf).context("failed to read standard input")?;
        Ok(buf)
    } else {
        std::fs::read(input).with_context(|| format!("failed to read `{input}`"))
    }
}

/// One input, read and decoded.
pub struct Loaded {
    pub kind: detect::Kind,
    pub bytes: Vec<u8>,
    pub text: String,
    /// The URL the input was fetched or saved from, when known: relative links resolve
    /// against it when the page names no URL of its own.
    pub page_url: Option<url::Url>,
}

impl Loaded {
    /// The input with `url` as its page URL, unless it has one already.
    pub fn at(mut self, url: Option<&url::Url>) -> Loaded {
        if self.page_url.is_none() {
            self.page_url = url.cloned();
        }
        self
    }
}

/// Reads an input and decodes it according to its kind.
pub(super) fn load(input: &str) -> anyhow::Result<Loaded> {
    decode(input, read_input(input)?, None)
}

/// Turns one decoded input into drafts according to what its content is.
pub(super) fn extract_loaded(l: &Loaded, stats: &text::BatchStats) -> anyhow::Result<Vec<Draft>> {
    let drafts = match l.kind {
        detect::Kind::Feed => feed::extract(&l.bytes, &l.text, l.page_url.as_ref())?,
        detect::Kind::Html => vec![html::extract(&l.text, l.page_url.as_ref())?],
        detect::Kind::Markdown => vec![text::extract_markdown(&l.text)?],
        detect::Kind::Text => {
            let draft = text::extract_with(&l.text, Some(stats));
            if !text::has_prose(&draft.body) {
                bail!(
                    "no article text found: once navigation and other page furniture are dropped, nothing that \
                     reads like a sentence is left"
                );
            }
            vec![draft]
        }
    };
    if drafts.is_empty() {
        bail!("no article found in it");
    }
    Ok(drafts)
}

/// Turns raw bytes into drafts according to what the content is (one input on its own).
pub fn extract(input: &str, bytes: &[u8]) -> anyhow::Result<Vec<Draft>> {
    extract_loaded(&decode_one(input, bytes, None)?, &text::BatchStats::default())
}

/// Refuses binary input, detects the kind (unless given) and decodes; empty text is an error.
pub(super) fn decode_one(input: &str, bytes: &[u8], kind: Option<InputKind>) -> anyhow::Result<Loaded> {
    decode(input, bytes.to_vec(), kind)
}

fn decode(input: &str, bytes: Vec<u8>, kind: Option<InputKind>) -> anyhow::Result<Loaded> {
    detect::check_not_binary(&bytes)?;
    let kind = kind.unwrap_or_else(|| detect::kind(input, &bytes));
    let text = detect::decode(&bytes, kind);
    if text.trim().is_empty() {
        bail!("the input is empty");
    }
    Ok(Loaded { kind, bytes, text, page_url: None })
}
