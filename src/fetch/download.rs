//! The network half of `gazette fetch`, one async task per feed: a conditional request for the
//! feed (a `304` ends it, unparsed), its entries read and selected ([`select`]), then the pages
//! of the new entries that need one, all through the shared client's per-host and total limits.
//! The CPU work on the pages (extraction) is left to the caller, on rayon's threads.

use std::collections::HashSet;

use crate::config::Subscription;
use crate::fetch::entries::{select, Selection};
use crate::import::feed::FeedEntry;
use crate::import::InputKind;
use crate::net::{Client, Fetched, NetError, Response, Validators};

/// What one feed's task needs to know.
pub(super) struct Job {
    pub sub: Subscription,
    pub validators: Validators,
    pub seen: HashSet<String>,
}

pub(super) enum Outcome {
    NotModified,
    Failed(String),
    Fetched(Box<Document>),
}

/// A feed that answered with a document, and the pages of its new entries.
pub(super) struct Document {
    pub validators: Validators,
    /// The feed's own title.
    pub title: Option<String>,
    pub selection: Selection,
    /// For each candidate (same order): its page, when it needed one.
    pub pages: Vec<Option<Result<Response, NetError>>>,
}

pub(super) async fn download(client: Client, job: Job) -> Outcome {
    let response = match client.get_if_changed(&job.sub.url, &job.validators).await {
        Ok(Fetched::NotModified) => return Outcome::NotModified,
        Ok(Fetched::Body(r)) => r,
        Err(e) => return Outcome::Failed(e.to_string()),
    };
    let validators = response.validators.clone();
    let entries = match parse(response) {
        Ok(e) => e,
        Err(e) => return Outcome::Failed(format!("{e:#}")),
    };
    let title = entries.iter().find_map(|e| e.draft.source.clone());
    let mut selection = select(&job.sub, entries, &job.seen);
    for c in &mut selection.candidates {
        c.draft.topic.clone_from(&job.sub.topic);
        if job.sub.source.is_some() {
            c.draft.source.clone_from(&job.sub.source);
        }
    }
    let mut tasks = tokio::task::JoinSet::new();
    for (i, c) in selection.candidates.iter().enumerate() {
        if let (true, Some(link)) = (c.fetch_page, c.draft.source_url.clone()) {
            let client = client.clone();
            tasks.spawn(async move { (i, client.get(&link).await) });
        }
    }
    let mut pages: Vec<Option<Result<Response, NetError>>> = selection.candidates.iter().map(|_| None).collect();
    while let Some(done) = tasks.join_next().await {
        if let Ok((i, page)) = done {
            pages[i] = Some(page);
        }
    }
    Outcome::Fetched(Box::new(Document { validators, title, selection, pages }))
}

/// The feed's entries; a web page where a feed was expected is an error that says so.
fn parse(response: Response) -> anyhow::Result<Vec<FeedEntry>> {
    let url = response.url.to_string();
    let loaded = crate::import::load_response(response)?;
    if loaded.kind != InputKind::Feed {
        anyhow::bail!(
            "{url} answered a web page, not a feed: subscribe to the feed's own address (pages link it as RSS or Atom)"
        );
    }
    crate::import::feed::entries(&loaded.bytes, &loaded.text, Some(&url))
}
