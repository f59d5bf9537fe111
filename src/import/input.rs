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
    /// Where a fetched input came from, after redirects: the base for its relative links and
    /// its `source_url` when the page names no canonical URL of its own.
    pub page_url: Option<String>,
}

/// Reads an input and decodes it according to its kind.
pub(super) fn load(input: &str) -> anyhow::Result<Loaded> {
    decode(input, read_input(input)?, None)
}

/// A fetched page or feed, decoded with the charset its server named (checked against the
/// bytes) and its kind read from its content, then its final URL's file name.
pub fn load_response(response: crate::net::Response) -> anyhow::Result<Loaded> {
    let url = response.url.to_string();
    let name = response.url.path().rsplit('/').next().unwrap_or_default().to_owned();
    detect::check_not_binary(&response.body).with_context(|| format!("GET {url}"))?;
    let kind = detect::kind(&name, &response.body);
    let text = detect::decode_declared(&response.body, kind, response.charset());
    if text.trim().is_empty() {
        bail!("GET {url} answered with an empty page");
    }
    Ok(Loaded { kind, bytes: response.body, text, page_url: Some(url) })
}

/// Fetches every web address among the inputs, concurrently and within the site's limits.
pub(super) fn fetch_web_inputs(
    inputs: &[String],
    config: Option<&crate::config::Config>,
) -> anyhow::Result<std::collections::HashMap<String, anyhow::Result<Loaded>>> {
    let mut urls: Vec<String> = inputs.iter().filter(|i| crate::net::is_web_url(i)).cloned().collect();
    urls.sort();
    urls.dedup();
    if urls.is_empty() {
        return Ok(Default::default());
    }
    let mut options = crate::net::ClientOptions::new(config.map(|c| c.site.base_url.as_str()));
    if let Some(c) = config {
        options.concurrency = c.site.fetch.concurrency;
    }
    let client = crate::net::Client::new(&options)?;
    let responses = crate::net::runtime().context("failed to start the HTTP client")?.block_on(client.get_all(&urls));
    Ok(urls
        .into_iter()
        .zip(responses)
        .map(|(url, r)| (url, r.map_err(anyhow::Error::from).and_then(load_response)))
        .collect())
}

/// Turns one decoded input into drafts according to what its content is.
pub(super) fn extract_loaded(l: &Loaded, stats: &text::BatchStats) -> anyhow::Result<Vec<Draft>> {
    let mut drafts = match l.kind {
        detect::Kind::Feed => {
            feed::entries(&l.bytes, &l.text, l.page_url.as_deref())?.into_iter().map(|e| e.draft).collect()
        }
        detect::Kind::Html => vec![html::extract_at(&l.text, l.page_url.as_deref())?],
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
    // A feed's entries have their own links; a page without a canonical URL is where it was found.
    if let Some(url) = l.page_url.as_ref().filter(|_| l.kind != detect::Kind::Feed) {
        for d in drafts.iter_mut().filter(|d| d.source_url.is_none()) {
            d.source_url = Some(url.clone());
        }
    }
    Ok(drafts)
}

/// The drafts of one fetched page or feed on its own (no batch statistics).
pub fn extract_page(loaded: &Loaded) -> anyhow::Result<Vec<Draft>> {
    extract_loaded(loaded, &text::BatchStats::default())
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
